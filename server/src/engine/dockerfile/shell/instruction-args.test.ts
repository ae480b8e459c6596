import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { forEachShortText } from '../../testing/short-texts';
import { splitWords } from './instruction-args';
import { OffsetMap } from './offset-map';
import type { OffsetIndex } from './types';

const index: OffsetIndex = { rangeOf: () => ({ start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }) };

/** The words as splitWords read them before its fast paths: one offset lookup per end, the value built run by run. */
function splitWordsReference(s: string, offs: OffsetMap) {
  const out = [];
  let i = 0;
  const n = s.length;
  while (i < n) {
    while (i < n && /\s/.test(s[i]!)) i++;
    if (i >= n) break;
    const b = i;
    let value = '';
    let quoted = false;
    for (;;) {
      while (i < n && !/[\s"']/.test(s[i]!)) value += s[i++];
      if (i >= n || (s[i] !== '"' && s[i] !== "'")) break;
      const c = s[i]!;
      quoted = true;
      const close = s.indexOf(c, i + 1);
      const e = close < 0 ? n : close;
      value += s.slice(i + 1, e);
      i = close < 0 ? n : close + 1;
    }
    out.push({ value, raw: s.slice(b, i), start: offs.at(b)!, end: offs.at(i - 1)! + 1, quoted, expansion: value.includes('$') });
  }
  return out;
}

describe('splitWords', () => {
  it('splits every short text as the reference does, with or without a gap in the offsets', () => {
    const alphabet = ['a', ' ', '"', "'", '$', '\t', '='];
    let checked = 0;
    forEachShortText(alphabet, 6, (body) => {
      const s = `x ${body} b`;
      const gapped = new OffsetMap();
      const cut = Math.min(s.length, 2 + (body.length >> 1));
      gapped.add(100, cut);
      gapped.add(200, s.length - cut); // a line continuation inside the words
      for (const offs of [OffsetMap.identity(7, s.length), gapped]) {
        const got = splitWords(s, offs, index).map((w) => ({ value: w.value, raw: w.raw, start: w.start, end: w.end, quoted: w.quoted, expansion: w.expansion }));
        assert.deepEqual(got, splitWordsReference(s, offs), JSON.stringify(s));
        checked++;
      }
    });
    assert.ok(checked > 200_000, `${checked} cases`);
  });

  it('keeps exact offsets across a line continuation', () => {
    const offs = new OffsetMap();
    offs.add(10, 4); // `a "b`
    offs.add(20, 5); // ` c" d`
    const words = splitWords('a "b c" d', offs, index);
    assert.deepEqual(words.map((w) => [w.value, w.raw, w.start, w.end]), [['a', 'a', 10, 11], ['b c', '"b c"', 12, 23], ['d', 'd', 24, 25]]);
  });
});
