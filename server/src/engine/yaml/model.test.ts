import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { composeServices } from '../compose/model';
import { parseDocument, visit, type Alias } from 'yaml';
import { parseYamlSegment, perView, resolveAlias } from './model';

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
