import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { composeServices } from '../compose/model';
import { parseDocument, visit, type Alias } from 'yaml';
import { TextIndex } from '../text';
import { isInsideAliasedNode, parseYamlSegment, perView, resolveAlias, splitYamlDocuments, type YamlSegmentText } from './model';

describe('perView', () => {
  it('works a value out once per view, and again for another view of the same text', () => {
    let calls = 0;
    const count = perView((view) => (calls++, view.doc.contents === null ? 0 : 1));
    const a = parseYamlSegment('yaml', 'a: 1\n', 0);
    const b = parseYamlSegment('yaml', 'a: 1\n', 0);
    assert.equal(count(a), 1);
    assert.equal(count(a), 1);
    assert.equal(calls, 1);
    assert.equal(count(b), 1);
    assert.equal(calls, 2);
  });
  it('keeps an undefined result rather than working it out again', () => {
    let calls = 0;
    const nothing = perView(() => void calls++);
    const view = parseYamlSegment('yaml', 'a: 1\n', 0);
    assert.equal(nothing(view), undefined);
    assert.equal(nothing(view), undefined);
    assert.equal(calls, 1);
  });
  it('keeps what it works out on the view, which the Compose service list uses', () => {
    const view = parseYamlSegment('compose', 'services:\n  web:\n    image: nginx:1.27\n', 0);
    const services = composeServices(view);
    assert.deepEqual(services.map((s) => s.name), ['web']);
    assert.equal(composeServices(view), services);
    assert.equal(view.derived.size, 1);
  });
});

describe('resolveAlias', () => {
  it('finds what yaml finds: the last anchor before the alias, in keys, flow pairs and the anchored node itself', () => {
    const texts = [
      'a: &x 1\nb: *x\nc: &x 2\nd: *x\n',
      '&k key: v\nother: *k\n',
      '? &m {a: 1}\n: *m\nz: [&s one, *s, {p: &q 2, r: *q}]\n',
      'seq: [a: &f 1, b: *f]\nlist:\n  - &item {n: 1}\n  - *item\n',
      'self: &loop [1, *loop]\n',
      'x: *missing\n',
      'outer: &o\n  inner: &i {v: 1}\n  again: *i\nuse: *o\n',
    ];
    for (const text of texts) {
      const doc = parseDocument(text, { uniqueKeys: false, logLevel: 'silent' });
      const aliases: Alias[] = [];
      visit(doc, { Alias: (_k, node) => void aliases.push(node) });
      assert.ok(aliases.length > 0, text);
      for (const alias of aliases) {
        let expected: unknown;
        try {
          expected = alias.resolve(doc);
        } catch {
          expected = undefined;
        }
        assert.equal(resolveAlias(doc, alias), expected, text);
      }
    }
  });
});

/** `splitYamlDocuments` as first written, walking every line: the oracle of the marker search. */
function splitByLines(text: string, index: TextIndex): YamlSegmentText[] {
  const segments: YamlSegmentText[] = [];
  let startLine = 0;
  let sawContent = false;
  for (let line = 0; line < index.lineCount; line++) {
    const start = index.lineStarts[line]!;
    const c = text.charCodeAt(start);
    if (c !== 45 && c !== 46) {
      if (!sawContent) {
        const l = index.lineText(line).trim();
        if (l !== '' && !l.startsWith('#') && !l.startsWith('%')) sawContent = true;
      }
      continue;
    }
    const lineText = index.lineText(line).slice(0, 4);
    if (!/^(---|\.\.\.)(?=[ \t]|$)/.test(lineText)) {
      sawContent = true;
      continue;
    }
    if (lineText.startsWith('...')) {
      segments.push({ text: text.slice(index.lineStarts[startLine], index.lineStarts[line + 1] ?? text.length), lineOffset: startLine });
      startLine = line + 1;
      sawContent = false;
      continue;
    }
    if (sawContent) {
      segments.push({ text: text.slice(index.lineStarts[startLine], start), lineOffset: startLine });
      startLine = line;
    }
    sawContent = true;
  }
  if (startLine < index.lineCount) {
    const rest = text.slice(index.lineStarts[startLine]);
    if (rest.length > 0 || segments.length === 0) segments.push({ text: rest, lineOffset: startLine });
  }
  return segments;
}

describe('isInsideAliasedNode', () => {
  it('is true exactly inside the text of nodes that aliases refer to: nested, adjacent, unused and missing anchors', () => {
    const texts = [
      'a: &outer\n  b: &inner [1, 2]\n  c: 3\nd: *outer\ne: *inner\n',
      'a: &x 1\nb: &y 2\nc: [*x, *y]\nd: &z {k: v}\n',
      'l: [&p a, &q b, &r c]\nm: [*r, *p, *r]\n',
      'a: &u 1\nb: *missing\n',
      'a: 1\nb: "* & not aliases"\n',
    ];
    for (const text of texts) {
      const view = parseYamlSegment('yaml', text, 0);
      const targets: [number, number][] = [];
      visit(view.doc, { Alias: (_k, node) => void targets.push((node.resolve(view.doc) as { range: [number, number] } | undefined)?.range ?? [0, 0]) });
      for (let offset = 0; offset <= text.length; offset++) {
        const expected = targets.some(([start, end]) => start <= offset && offset < end);
        assert.equal(isInsideAliasedNode(view, offset), expected, `${JSON.stringify(text)} at ${offset}`);
      }
    }
  });
});

describe('splitYamlDocuments', () => {
  it('finds the documents a walk over every line finds', () => {
    // Markers and near-markers, comments, directives and blanks (Unicode ones too), with LF,
    // CRLF and lone CR line ends, and without a line end at the end of the text.
    const lines = [
      '---\n', '--- # c\r\n', '---', '...\n', '... \r', '----\n', '- a\n', '.x\r\n', 'a: 1\n', 'a: 1', '# c\n', '%YAML 1.2\n',
      '  \n', '\r', '\u00a0\n', '\u2028# c\n',
    ];
    let multi = 0;
    // Every text of up to four of these lines.
    const check = (text: string, more: number): void => {
      const index = new TextIndex(text);
      const want = splitByLines(text, index);
      assert.deepEqual(splitYamlDocuments(text, index), want, JSON.stringify(text));
      if (want.length > 2) multi++;
      if (more > 0) for (const line of lines) check(text + line, more - 1);
    };
    check('', 4);
    assert.ok(multi > 1000, `${multi} texts of 3 documents or more`);
  });
});
