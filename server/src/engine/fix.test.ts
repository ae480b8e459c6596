import { test } from 'node:test';
import assert from 'node:assert/strict';
import { applyEdits, minimalEdit, selectSafeFixes } from './fix';
import { comparePositions } from './text';
import type { Finding, Fix, TextEdit } from './types';

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

test('selectSafeFixes chooses exactly what comparing every pair of edits chooses', () => {
  // Reference: the definition, every new edit against every chosen one.
  const overlaps = (x: TextEdit, y: TextEdit): boolean => {
    const before = (a: TextEdit, b: TextEdit) => comparePositions(a.range.end, b.range.start) <= 0;
    const samePoint = comparePositions(x.range.start, y.range.start) === 0 && comparePositions(x.range.end, y.range.end) === 0;
    return (!before(x, y) && !before(y, x)) || samePoint;
  };
  const reference = (findings: Finding[]): Fix[] => {
    const chosen: Fix[] = [];
    for (const f of findings) {
      const fix = f.fixes.find((x) => x.safe);
      if (!fix || fix.edits.length === 0) continue;
      if (fix.edits.some((x) => chosen.some((c) => c.edits.some((y) => overlaps(x, y))))) continue;
      chosen.push(fix);
    }
    return chosen;
  };
  // Seeded pseudo-random findings on a few short lines: many inserts at shared points, ranges
  // spanning lines, touching ranges, several edits per fix.
  let seed = 6;
  const rnd = (n: number) => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff), (seed >>> 16) % n);
  const pos = () => ({ line: rnd(6), character: rnd(5) });
  const edit = (): TextEdit => {
    const a = pos();
    const b = rnd(3) === 0 ? a : pos();
    const [start, end] = comparePositions(a, b) <= 0 ? [a, b] : [b, a];
    return { range: { start, end }, newText: 'x' };
  };
  for (let round = 0; round < 300; round++) {
    const findings: Finding[] = Array.from({ length: 1 + rnd(12) }, (_, i) => ({
      ruleId: `r/${i}`,
      severity: 'warning',
      message: 'm',
      range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
      fixes: [{ title: 't', safe: rnd(4) > 0, edits: Array.from({ length: rnd(3) }, edit) }],
    }));
    assert.deepEqual(selectSafeFixes(findings), reference(findings), `round ${round}`);
  }
});
