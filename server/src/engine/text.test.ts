import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { fitFindings, fitRange, TextIndex } from './text';
import type { Position, Range } from './types';

/** `fitRange` as first written: every range mapped to offsets (fitted) and back to positions. */
function fitRangeByOffsets(r: Range, index: TextIndex): Range {
  const fit = (p: Position, direction: -1 | 1): number => {
    const o = index.offsetAt(p);
    const c = index.text.charCodeAt(o);
    const before = index.text.charCodeAt(o - 1);
    return c >= 0xdc00 && c <= 0xdfff && before >= 0xd800 && before <= 0xdbff ? o + direction : o;
  };
  const start = fit(r.start, -1);
  const end = Math.max(start, fit(r.end, 1));
  const s = index.positionAt(start);
  const e = index.positionAt(end);
  const same = (a: Position, b: Position): boolean => a.line === b.line && a.character === b.character;
  return same(s, r.start) && same(e, r.end) ? r : { start: s, end: e };
}

/** `TextIndex.positionAt` and `offsetAt` as first written, with `Math.min` / `Math.max`. */
function positionAtWithMath(index: TextIndex, offset: number): Position {
  const o = Math.max(0, Math.min(offset, index.text.length));
  let lo = 0;
  let hi = index.lineStarts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (index.lineStarts[mid]! <= o) lo = mid;
    else hi = mid - 1;
  }
  return { line: lo, character: Math.min(o, index.lineEndOffset(lo)) - index.lineStarts[lo]! };
}

function offsetAtWithMath(index: TextIndex, pos: Position): number {
  if (pos.line >= index.lineStarts.length) return index.text.length;
  if (pos.line < 0) return 0;
  return Math.min(index.lineStarts[pos.line]! + Math.max(0, pos.character), index.lineEndOffset(pos.line));
}

describe('TextIndex', () => {
  it('maps offsets and positions as the Math.min / Math.max versions did, odd numbers included', () => {
    const odd = [NaN, -0, 0.5, -0.5, Infinity, -Infinity, -1];
    for (const text of ['', 'a', '\n', 'ab\r\ncd\n\nef', 'a\rb\r\nc\n\rd']) {
      const index = new TextIndex(text);
      for (const offset of [...Array(text.length + 3).keys()].map((o) => o - 1).concat(odd)) {
        assert.deepEqual(index.positionAt(offset), positionAtWithMath(index, offset), `${JSON.stringify(text)} @${offset}`);
      }
      for (let line = -1; line <= index.lineCount; line++) {
        for (const character of [0, 1, 2, 3, 5, ...odd]) {
          const p = { line, character };
          assert.ok(Object.is(index.offsetAt(p), offsetAtWithMath(index, p)), `${JSON.stringify(text)} ${JSON.stringify(p)}`);
        }
      }
    }
  });
});

describe('TextIndex.rangeOf', () => {
  it('gives the positions `positionAt` gives for both ends, across lines and for odd offsets too', () => {
    const odd = [NaN, -0, 0.5, -0.5, Infinity, -Infinity, -1];
    for (const text of ['', 'a', '\n', 'ab\r\ncd\n\nef\n', 'a\rb\r\nc\n\rd', 'x \ud83d\ude00 y\nz']) {
      const index = new TextIndex(text);
      const offsets = [...Array(text.length + 3).keys()].map((o) => o - 1).concat(odd);
      for (const start of offsets) {
        for (const end of offsets) {
          const expected = { start: index.positionAt(start), end: index.positionAt(end) };
          assert.deepEqual(index.rangeOf(start, end), expected, `${JSON.stringify(text)} @${start}-${end}`);
        }
      }
    }
  });
});

describe('fitRange', () => {
  it('fits ranges exactly as mapping them to offsets and back does, keeping valid ones as they are', () => {
    let seed = 41;
    const rnd = (n: number) => Math.floor(((seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff) * n);
    const texts = ['', 'a', '\n', '\r\n', 'ab\r\ncd\n\nef', 'x\ud83d\ude00y\n\ud83d\ude00\r\n\r', 'a\rb\r\nc\n\rd', '\ud800\n\udc00', 'a\udbff\udfff\n\udbff\udc00'];
    for (const text of texts) {
      const index = new TextIndex(text);
      for (let k = 0; k < 400; k++) {
        const p = (): Position => ({ line: rnd(index.lineCount + 2) - 1, character: rnd(8) - 1 });
        const r = { start: p(), end: p() };
        const expected = fitRangeByOffsets(r, index);
        const got = fitRange(r, index);
        assert.deepEqual(got, expected, `${JSON.stringify(text)} ${JSON.stringify(r)}`);
        assert.equal(got === r, expected === r, `${JSON.stringify(text)} ${JSON.stringify(r)}`);
      }
    }
  });
});

describe('fitFindings', () => {
  it('fits each range as fitRange does, and keeps the array and each finding whose range is valid', () => {
    let seed = 17;
    const rnd = (n: number) => {
      seed = (seed * 48271) % 2147483647;
      return seed % n;
    };
    const text = 'ab\r\ncd\n\nx\ud83d\ude00y\r\udbff\udfffz';
    const index = new TextIndex(text);
    let copies = 0;
    for (let k = 0; k < 500; k++) {
      const findings: { id: number; range: Range }[] = [];
      for (let i = rnd(5); i > 0; i--) {
        // Mostly valid ranges, as rules report them.
        const p = (): Position => (rnd(4) === 0 ? { line: rnd(index.lineCount + 2) - 1, character: rnd(8) - 1 } : index.positionAt(rnd(text.length + 1)));
        const a = p();
        const b = p();
        findings.push({ id: i, range: rnd(2) === 0 ? { start: a, end: b } : { start: b, end: a } });
      }
      const got = fitFindings(findings, index);
      const expected = findings.map((f) => {
        const range = fitRange(f.range, index);
        return range === f.range ? f : { ...f, range };
      });
      assert.deepEqual(got, expected);
      const changed = expected.some((f, i) => f !== findings[i]);
      assert.equal(got === findings, !changed, 'a new array only when a range changed');
      for (let i = 0; i < got.length; i++) assert.equal(got[i] === findings[i], expected[i] === findings[i]);
      if (changed) copies++;
    }
    assert.ok(copies > 50 && copies < 450, `${copies} arrays copied`);
  });
});
