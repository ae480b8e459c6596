import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseAllDocuments } from 'yaml';
import { firstDuplicateKey } from './duplicate-keys';

const OPTIONS = { prettyErrors: false, logLevel: 'silent', merge: true } as const;

/** Where `uniqueKeys: true` reports the earliest repeated key of the first document, if anywhere. */
function libraryFirst(text: string): number | undefined {
  const doc = parseAllDocuments(text, { ...OPTIONS, uniqueKeys: true })[0];
  const at = doc?.errors.filter((e) => e.code === 'DUPLICATE_KEY').map((e) => e.pos[0]) ?? [];
  return at.length === 0 ? undefined : Math.min(...at);
}

function ours(text: string): number | undefined {
  const doc = parseAllDocuments(text, { ...OPTIONS, uniqueKeys: false })[0];
  if (!doc) return undefined;
  const key = firstDuplicateKey(doc);
  return key === undefined ? undefined : key.range![0];
}

test('finds the repeated key the library reports, at the same offset', () => {
  const cases: [string, number | undefined][] = [
    ['a: 1\na: 2\n', 5],
    ['a: 1\nb: 2\n', undefined],
    ['&x a: 1\n&y a: 2\n', 11],
    ['!!str a: 1\n!!str   a: 2\n', 19],
    ['{a: 1, a: 2}', 7],
    ['1: x\n1.0: y\n', 5], // the same number
    ['1: x\n"1": y\n', undefined], // a number and a string
    ['a: 1\n"a": 2\n', 5],
    ['.nan: 1\n.nan: 2\n', undefined],
    ['<<: {b: 1}\n<<: {c: 1}\n', undefined], // merge keys
    ['? [a]\n: 1\n? [a]\n: 2\n', undefined], // complex keys are never compared
    ['x:\n  a: 1\n  a: 2\nb: 1\nb: 2\n', 12],
    ['b: 1\nx:\n  a: 1\nb: 2\n  \n', 15],
    ['- a: 1\n  a: 2\n- {b: 1, b: 2}\n', 9],
    [': 1\n: 2\n', 4], // empty keys
    ['? a\n: 1\n? a\n: 2\n', 10],
    ['a: &m {x: 1, x: 2}\nb: *m\n', 13], // an alias is not checked again
  ];
  for (const [text, at] of cases) {
    assert.equal(libraryFirst(text), at, `library, ${JSON.stringify(text)}`);
    assert.equal(ours(text), at, JSON.stringify(text));
  }
});

test('agrees with the library on generated mappings, sequences and flow collections', () => {
  let seed = 7;
  const random = (n: number): number => {
    seed = (seed * 1103515245 + 12345) % 2 ** 31;
    return seed % n;
  };
  const keys = ['a', 'b', '"a"', "'b'", '1', '1.0', '0x1', '~', 'null', '.nan', '<<', '&k a', '!!str b', 'true', 'True'];
  const value = (depth: number): string => {
    const r = depth > 2 ? 0 : random(4);
    if (r === 1) return `{${Array.from({ length: random(4) }, () => `${keys[random(keys.length)]}: ${random(3)}`).join(', ')}}`;
    return String(random(9));
  };
  const block = (indent: string, depth: number): string => {
    let text = '';
    for (let i = 0, n = 1 + random(5); i < n; i++) {
      const nested = depth < 3 && random(3) === 0;
      if (random(5) === 0) text += `${indent}-${nested ? '\n' + block(indent + '  ', depth + 1) : ' ' + value(depth)}\n`;
      else text += `${indent}${keys[random(keys.length)]}:${nested ? '\n' + block(indent + '  ', depth + 1) : ' ' + value(depth)}\n`;
    }
    return text;
  };
  let compared = 0;
  let repeated = 0;
  for (let i = 0; i < 1500; i++) {
    const text = block('', 0);
    // A mix of `-` and `key:` lines in one block is not valid YAML: compare valid texts only.
    if (parseAllDocuments(text, { ...OPTIONS, uniqueKeys: false })[0]!.errors.length > 0) continue;
    const expected = libraryFirst(text);
    assert.equal(ours(text), expected, JSON.stringify(text));
    compared++;
    if (expected !== undefined) repeated++;
  }
  assert.ok(compared > 400 && repeated > 100 && repeated < compared, `${compared} texts compared, ${repeated} with a repeated key`);
});
