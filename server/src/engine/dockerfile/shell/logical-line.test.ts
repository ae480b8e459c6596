import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { forEachShortText } from '../../testing/short-texts';
import { logicalLine, logicalLineByLines } from './logical-line';
import { OffsetMap } from './offset-map';

/** The map as a per-character array. */
function toArray(m: OffsetMap): (number | undefined)[] {
  return Array.from({ length: m.length }, (_, i) => m.at(i));
}

/** What a logical line is made of, offsets included. */
function shape(r: { s: string; offs: OffsetMap; lineEnd: number }): unknown {
  return { s: r.s, offs: toArray(r.offs), lineEnd: r.lineEnd };
}

/**
 * The runs of a map (its private fields), and those of the map `add` builds from its offsets one
 * character at a time, merging what touches: a map whose runs were collected without `add` must
 * have the same, or `shift` would answer differently.
 */
function runs(m: OffsetMap): { built: unknown; added: unknown } {
  const added = new OffsetMap();
  for (let i = 0; i < m.length; i++) added.add(m.at(i)!, 1);
  const fields = (x: OffsetMap) => {
    const { runStarts, runDocs, length } = x as unknown as { runStarts: number[]; runDocs: number[]; length: number };
    return { runStarts, runDocs, length };
  };
  return { built: fields(m), added: fields(added) };
}

describe('logicalLine', () => {
  it('removes continuations and the comment and empty lines inside them, with offsets', () => {
    const text = 'RUN a \\\n  # note\n\n  b \\  \n  c\nRUN d\n';
    const r = logicalLine(text, 4, text.indexOf('\nRUN d'), '\\');
    assert.equal(r.s, 'a   b   c');
    assert.equal(r.lineEnd, text.indexOf('\nRUN d'));
    assert.deepEqual(toArray(r.offs), [4, 5, 18, 19, 20, 21, 26, 27, 28]);
    assert.deepEqual(shape(r), shape(logicalLineByLines(text, 4, text.indexOf('\nRUN d'), '\\')));
  });

  it('reads every text as the line-by-line reading does (exhaustive over short texts)', () => {
    // Every text of up to 6 characters from an alphabet of the characters that matter, every
    // `from`, and `to` at the end, before it, and at each line break: the fast path must agree
    // with the line-by-line reading on the line, its offsets and its end, or leave it the text.
    const alphabet = ['a', ' ', '\\', '\n', '#', '\t'];
    let checked = 0;
    forEachShortText(alphabet, 6, (text) => {
      const ends = new Set([text.length, Math.max(0, text.length - 1)]);
      for (let k = text.indexOf('\n'); k >= 0; k = text.indexOf('\n', k + 1)) ends.add(k);
      for (let from = 0; from < text.length; from++) {
        for (const to of ends) {
          if (to < from) continue;
          for (const esc of ['\\', '`']) {
            const label = JSON.stringify({ text, from, to, esc });
            const line = logicalLine(text, from, to, esc);
            assert.deepEqual(shape(line), shape(logicalLineByLines(text, from, to, esc)), label);
            const { built, added } = runs(line.offs);
            assert.deepEqual(built, added, label);
            checked++;
          }
        }
      }
    });
    assert.ok(checked > 50_000, `${checked} cases`);
  });

  it('leaves texts with carriage returns to the line-by-line reading', () => {
    const text = 'RUN a \\\r\n  b\r\nRUN c';
    const r = logicalLine(text, 4, text.indexOf('\r\nRUN c'), '\\');
    assert.equal(r.s, 'a   b');
    assert.deepEqual(shape(r), shape(logicalLineByLines(text, 4, text.indexOf('\r\nRUN c'), '\\')));
  });
});
