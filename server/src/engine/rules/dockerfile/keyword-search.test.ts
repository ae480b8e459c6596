import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { firstOf, indicesOf } from './keyword-search';

const KEYWORDS = ['FROM', 'COPY', 'RUN', 'ADD', 'COPY', 'CMD', 'ADD', 'ENTRYPOINT', 'CMD'];

/** The answers of a plain loop over every keyword. */
function loopIndices(keywords: readonly string[], a: string, b: string, from = 0): number[] {
  const out: number[] = [];
  for (let i = from; i < keywords.length; i++) if (keywords[i] === a || keywords[i] === b) out.push(i);
  return out;
}

describe('firstOf', () => {
  it('finds the first of either keyword from an index on', () => {
    for (let from = 0; from <= KEYWORDS.length; from++) {
      assert.equal(firstOf(KEYWORDS, 'CMD', 'ENTRYPOINT', from), loopIndices(KEYWORDS, 'CMD', 'ENTRYPOINT', from)[0] ?? -1, `from ${from}`);
    }
  });

  it('is -1 when neither is there', () => {
    assert.equal(firstOf(KEYWORDS, 'USER', 'WORKDIR'), -1);
    assert.equal(firstOf([], 'CMD', 'ENTRYPOINT'), -1);
  });
});

describe('indicesOf', () => {
  it('lists the indices of either keyword in order', () => {
    assert.deepEqual(indicesOf(KEYWORDS, 'COPY', 'ADD'), [1, 3, 4, 6]);
    assert.deepEqual(indicesOf(KEYWORDS, 'CMD', 'ENTRYPOINT'), [5, 7, 8]);
    assert.deepEqual(indicesOf(KEYWORDS, 'RUN', 'USER'), [2]);
    assert.deepEqual(indicesOf(KEYWORDS, 'USER', 'WORKDIR'), []);
  });

  it('matches a loop over every keyword on random lists', () => {
    const pool = ['COPY', 'ADD', 'RUN', 'CMD'];
    let seed = 7;
    const next = (): number => (seed = (seed * 1103515245 + 12345) % 2147483648);
    for (let round = 0; round < 200; round++) {
      const keywords = Array.from({ length: next() % 12 }, () => pool[next() % pool.length]!);
      assert.deepEqual(indicesOf(keywords, 'COPY', 'ADD'), loopIndices(keywords, 'COPY', 'ADD'), keywords.join(' '));
    }
  });
});
