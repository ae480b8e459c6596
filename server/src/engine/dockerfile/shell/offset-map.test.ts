import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { OffsetMap } from './offset-map';

/** The map as the per-character array it replaces. */
function toArray(m: OffsetMap): (number | undefined)[] {
  return Array.from({ length: m.length }, (_, i) => m.at(i));
}

describe('OffsetMap', () => {
  it('maps runs of characters and merges adjacent ones', () => {
    const m = new OffsetMap();
    m.add(10, 3);
    m.add(13, 2); // continues the previous run
    m.add(20, 1);
    m.add(25, 0); // nothing
    m.add(30, 2);
    assert.deepEqual(toArray(m), [10, 11, 12, 13, 14, 20, 30, 31]);
    assert.equal(m.at(-1), undefined);
    assert.equal(m.at(8), undefined);
  });

  it('finds the index of a document offset', () => {
    const m = new OffsetMap();
    m.add(10, 3);
    m.add(20, 2);
    assert.deepEqual([10, 12, 13, 20, 21, 22, 0].map((d) => m.indexOf(d)), [0, 2, -1, 3, 4, -1, -1]);
    assert.equal(new OffsetMap().indexOf(0), -1);
  });

  it('slices and appends like arrays do', () => {
    const m = new OffsetMap();
    m.add(10, 3);
    m.add(20, 3);
    const all = toArray(m);
    for (let from = 0; from <= 6; from++) {
      for (let to = from; to <= 8; to++) assert.deepEqual(toArray(m.slice(from, to)), all.slice(from, to), `${from}..${to}`);
    }
    const joined = new OffsetMap();
    joined.append(m, 1, 2);
    joined.append(m, 4, 6);
    assert.deepEqual(toArray(joined), [11, 21, 22]);
    assert.deepEqual(toArray(OffsetMap.identity(5, 3)), [5, 6, 7]);
  });

  it('gives a shift exactly for the ranges of consecutive offsets', () => {
    const m = new OffsetMap();
    m.add(10, 3);
    m.add(20, 2);
    m.add(30, 3);
    for (let from = -1; from <= 9; from++) {
      for (let to = from; to <= 9; to++) {
        const offsets = Array.from({ length: to - from }, (_, j) => m.at(from + j));
        const consecutive = to > from && offsets.every((o, j) => o !== undefined && o === offsets[0]! + j);
        const shift = m.shift(from, to);
        assert.equal(shift === undefined ? undefined : shift + from, consecutive ? offsets[0] : undefined, `${from}..${to}`);
      }
    }
  });

  it('ends a run where the offsets stop being consecutive', () => {
    const m = new OffsetMap();
    m.add(10, 3);
    m.add(20, 2);
    m.add(30, 1);
    assert.deepEqual([0, 1, 2, 3, 4, 5].map((i) => m.runEnd(i)), [3, 3, 3, 5, 5, 6]);
  });
});
