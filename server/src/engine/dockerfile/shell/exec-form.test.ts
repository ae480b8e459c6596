import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { forEachShortText } from '../../testing/short-texts';
import { parseExecForm } from './exec-form';
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
});
