import { test } from 'node:test';
import assert from 'node:assert/strict';
import { applyEdits, minimalEdit, selectSafeFixes } from './fix';
import type { Finding } from './types';

test('applyEdits applies non-overlapping edits in any order', () => {
  const text = 'abc\ndef\n';
  const out = applyEdits(text, [
    { range: { start: { line: 1, character: 0 }, end: { line: 1, character: 1 } }, newText: 'D' },
    { range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, newText: '>' },
  ]);
  assert.equal(out, '>abc\nDef\n');
});

test('applyEdits rejects overlapping edits', () => {
  assert.throws(() =>
    applyEdits('abcdef', [
      { range: { start: { line: 0, character: 0 }, end: { line: 0, character: 3 } }, newText: 'x' },
      { range: { start: { line: 0, character: 2 }, end: { line: 0, character: 4 } }, newText: 'y' },
    ]),
  );
});

test('minimalEdit touches only the changed region and round-trips', () => {
  for (const [a, b] of [
    ['FROM node\nCMD x\n', 'FROM node:20\nCMD x\n'],
    ['a\r\nb\r\n', 'a\r\nc\r\nb\r\n'],
    ['same', 'same'],
    ['', 'new'],
    ['old', ''],
  ] as const) {
    const e = minimalEdit(a, b);
    if (a === b) {
      assert.equal(e, undefined);
      continue;
    }
    assert.equal(applyEdits(a, [e!]), b);
  }
  const e = minimalEdit('FROM node\nCMD x\n', 'FROM node:20\nCMD x\n')!;
  assert.deepEqual(e, { range: { start: { line: 0, character: 9 }, end: { line: 0, character: 9 } }, newText: ':20' });
});

test('selectSafeFixes skips unsafe and overlapping fixes', () => {
  const r = (c: number) => ({ start: { line: 0, character: c }, end: { line: 0, character: c + 2 } });
  const f = (c: number, safe: boolean): Finding => ({ ruleId: 'x/y', severity: 'warning', message: '', range: r(c), fixes: [{ title: 't', safe, edits: [{ range: r(c), newText: 'zz' }] }] });
  const chosen = selectSafeFixes([f(0, true), f(1, true), f(4, false), f(6, true)]);
  assert.equal(chosen.length, 2);
});
