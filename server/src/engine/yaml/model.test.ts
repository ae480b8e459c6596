import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { composeServices } from '../compose/model';
import { parseYamlSegment, perView } from './model';

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
