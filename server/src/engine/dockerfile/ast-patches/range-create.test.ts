import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { patchRangeCreate } from './range-create';

/** A `Range` namespace whose original `create` records its calls. */
function patched(): { create: (...args: unknown[]) => unknown; calls: unknown[][] } {
  const calls: unknown[][] = [];
  const range = {
    create(...args: unknown[]) {
      calls.push(args);
      return 'original';
    },
  };
  patchRangeCreate(range as unknown as Parameters<typeof patchRangeCreate>[0]);
  return { create: range.create, calls };
}

describe('Range.create patch', () => {
  it('answers two plain positions itself, with the positions themselves', () => {
    const { create, calls } = patched();
    const start = { line: 0, character: 3 };
    const end = { line: 2147483647, character: 0 };
    const range = create(start, end) as { start: unknown; end: unknown };
    assert.deepEqual(Object.keys(range), ['start', 'end']);
    assert.equal(range.start, start);
    assert.equal(range.end, end);
    assert.equal(calls.length, 0);
  });

  it('leaves everything else to the original', () => {
    const { create, calls } = patched();
    const p = { line: 1, character: 2 };
    const cases: unknown[][] = [
      [0, 1, 2, 3],
      [p, { line: -1, character: 0 }],
      [p, { line: 0, character: 2147483648 }],
      [p, { line: new Number(1), character: 0 }],
      [p, null],
      [undefined, p],
      ['a', 'b'],
      [{ line: Number.NaN, character: 0 }, p],
    ];
    for (const args of cases) assert.equal(create(...args), 'original', JSON.stringify(args));
    assert.equal(calls.length, cases.length);
  });
});
