import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { isMap, type YAMLMap } from 'yaml';
import { applyEdits } from '../fix';
import type { TextEdit } from '../types';
import { lookup } from '../kubernetes/nodes';
import { detectIndentUnit, mergeIntoMap, type BlockEntries } from './edit';
import { parseYamlSegment, type YamlDocumentView } from './model';

/** The view of `text` and the mapping at `path` (keys from the root). */
function mapAt(text: string, ...path: string[]): { view: YamlDocumentView; map: YAMLMap } {
  const view = parseYamlSegment('compose', text, 0);
  let node: unknown = view.doc.contents;
  for (const key of path) node = lookup(view.doc, node, key);
  assert.ok(isMap(node), `no mapping at ${path.join('.')}`);
  return { view, map: node };
}

function merged(text: string, path: string[], entries: BlockEntries): string | undefined {
  const { view, map } = mapAt(text, ...path);
  const edits = mergeIntoMap(view, map, entries);
  return edits && applyEdits(text, edits);
}

const limits: BlockEntries = Object.freeze({ resources: Object.freeze({ limits: Object.freeze({ memory: '256M' }) }) });

describe('mergeIntoMap', () => {
  it('adds a missing block after the mapping\'s last entry, at its indentation', () => {
    assert.equal(
      merged('services:\n  web:\n    image: a\n  db:\n    image: b\n', ['services', 'web'], { deploy: limits }),
      'services:\n  web:\n    image: a\n    deploy:\n      resources:\n        limits:\n          memory: 256M\n  db:\n    image: b\n',
    );
  });

  it('points an insertion before a line at that line\'s start', () => {
    const text = 'services:\n  web:\n    image: a\n\n  db:\n    image: b\n';
    const { view, map } = mapAt(text, 'services', 'web');
    const edits = mergeIntoMap(view, map, { user: '"1000"' });
    assert.deepEqual(edits, [{ range: { start: { line: 3, character: 0 }, end: { line: 3, character: 0 } }, newText: '    user: "1000"\n' } satisfies TextEdit]);
  });

  it('renders the same frozen entries at each mapping\'s own indentation', () => {
    const text = 'services:\n  web:\n    image: a\nother:\n    nested:\n        image: b\n';
    assert.equal(
      merged(text, ['services', 'web'], { deploy: limits }),
      'services:\n  web:\n    image: a\n    deploy:\n      resources:\n        limits:\n          memory: 256M\nother:\n    nested:\n        image: b\n',
    );
    assert.equal(
      merged(text, ['other', 'nested'], { deploy: limits }),
      'services:\n  web:\n    image: a\nother:\n    nested:\n        image: b\n        deploy:\n          resources:\n            limits:\n              memory: 256M\n',
    );
  });

  it('keeps CRLF line breaks, and completes a last line without a break', () => {
    assert.equal(merged('web:\r\n  image: a\r\n', ['web'], { user: 'app' }), 'web:\r\n  image: a\r\n  user: app\r\n');
    assert.equal(merged('web:\n  image: a', ['web'], { user: 'app' }), 'web:\n  image: a\n  user: app');
  });

  it('inserts after trailing blanks of any kind, not inside them', () => {
    // U+00A0 and U+3000 are white space to `\s`: the last line with content is the image's.
    assert.equal(merged('web:\n  image: a\n\u00a0\n\u3000\nx: 1\n', ['web'], { user: 'app' }), 'web:\n  image: a\n  user: app\n\u00a0\n\u3000\nx: 1\n');
  });

  it('merges into an existing mapping, and adds nothing that is there', () => {
    assert.equal(
      merged('web:\n  deploy:\n    resources:\n      limits:\n        cpus: "1"\n', ['web'], { deploy: limits }),
      'web:\n  deploy:\n    resources:\n      limits:\n        cpus: "1"\n        memory: 256M\n',
    );
    const { view, map } = mapAt('web:\n  user: root\n', 'web');
    assert.deepEqual(mergeIntoMap(view, map, { user: 'app' }), []);
  });

  it('gives no edit where none is safe', () => {
    // A key that a `<<` merge may supply, an anchored mapping, a value that is an alias or a scalar.
    assert.equal(merged('base: &b {image: a}\nweb:\n  <<: *b\n  user: x\n', ['web'], { deploy: limits }), undefined);
    assert.equal(merged('web: &w\n  image: a\nother: *w\n', ['web'], { deploy: limits }), undefined);
    assert.equal(merged('d: &d {cpus: "1"}\nweb:\n  deploy: *d\n', ['web'], { deploy: limits }), undefined);
    assert.equal(merged('web:\n  deploy: none\n', ['web'], { deploy: limits }), undefined);
    assert.equal(merged('web:\n  deploy: {resources: 1}\n', ['web'], { deploy: limits }), undefined);
    assert.equal(merged('web:\n  deploy: {x: 1}\n', ['web'], { deploy: limits }), 'web:\n  deploy: {x: 1, resources: {limits: {memory: 256M}}}\n');
  });

  it('adds several missing keys in one edit, after the lines a `|+` scalar keeps', () => {
    const text = 'web:\n  command: |+\n    run\n\n';
    const { view, map } = mapAt(text, 'web');
    const edits = mergeIntoMap(view, map, { user: 'app', init: 'true' });
    assert.equal(edits?.length, 1);
    assert.equal(applyEdits(text, edits!), 'web:\n  command: |+\n    run\n\n  user: app\n  init: true\n');
  });

  it('puts a key before the one it must precede, and adds nothing for no entries', () => {
    const text = 'c:\n  limits: {}\n  image: a\n';
    const { view, map } = mapAt(text, 'c');
    assert.equal(applyEdits(text, mergeIntoMap(view, map, { requests: '{}' }, { before: { requests: ['limits'] } })!), 'c:\n  requests: {}\n  limits: {}\n  image: a\n');
    assert.deepEqual(mergeIntoMap(view, map, {}), []);
  });

  it('still adds a plain value next to a `<<` merge key', () => {
    assert.equal(merged('base: &b {image: a}\nweb:\n  <<: *b\n', ['web'], { user: 'app' }), 'base: &b {image: a}\nweb:\n  <<: *b\n  user: app\n');
  });
});

describe('detectIndentUnit', () => {
  it('reads the step of the first block mapping, once per document', () => {
    const view = parseYamlSegment('compose', 'a: 1\nservices:\n    web:\n        image: a\n', 0);
    assert.equal(detectIndentUnit(view), 4);
    assert.equal(detectIndentUnit(view), 4);
    assert.equal(detectIndentUnit(parseYamlSegment('compose', 'a: 1\n', 0)), 2);
  });
});
