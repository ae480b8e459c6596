import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { forEachShortText } from '../../testing/short-texts';
import { parseExecForm, type ExecWord } from './exec-form';
import { OffsetMap } from './offset-map';
import type { OffsetIndex } from './types';

const index: OffsetIndex = { rangeOf: () => ({ start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }) };

/** The strings of a JSON array of strings, as JSON reads them; undefined for any other text. */
function jsonStrings(s: string): string[] | undefined {
  try {
    const v: unknown = JSON.parse(s);
    return Array.isArray(v) && v.every((x) => typeof x === 'string') ? (v as string[]) : undefined;
  } catch {
    return undefined;
  }
}

describe('parseExecForm', () => {
  it('reads every short array of strings as JSON does, control characters and escapes included', () => {
    const alphabet = ['"', '\\', 'a', 'n', 'u', '0', '\u0001', '\n', ',', ' '];
    let checked = 0;
    forEachShortText(alphabet, 5, (body) => {
      const s = `["${body}"]`;
      const cmd = parseExecForm(s, OffsetMap.identity(0, s.length), index);
      assert.deepEqual(cmd?.words.map((w) => w.value), jsonStrings(s), JSON.stringify(s));
      checked++;
    });
    assert.ok(checked > 100_000, `${checked} cases`);
  });

  it('gives the document offset of each value character, escapes at their backslash', () => {
    const alphabet = ['"', '\\', 'a', 'n', 'u', '0'];
    let checked = 0;
    forEachShortText(alphabet, 6, (body) => {
      const s = `["${body}"]`;
      const offs = new OffsetMap();
      const cut = 2 + (body.length >> 1);
      offs.add(100, cut);
      offs.add(200, s.length - cut); // a line continuation inside the string
      const word = parseExecForm(s, offs, index)?.words[0] as ExecWord | undefined;
      if (word === undefined) return;
      const expected: (number | undefined)[] = [];
      for (let i = 2; s[i] !== '"'; i += s[i] !== '\\' ? 1 : s[i + 1] === 'u' ? 6 : 2) expected.push(offs.at(i));
      assert.deepEqual(Array.from(word.value, (_, j) => word.valueOffs.at(j)), expected, JSON.stringify(s));
      checked++;
    });
    assert.ok(checked > 1_000, `${checked} cases`);
  });
});
