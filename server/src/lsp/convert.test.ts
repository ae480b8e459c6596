import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Finding } from '../engine/types';
import { diagnosticOf, toDiagnostic } from './convert';

const finding = (): Finding => ({
  ruleId: 'kubernetes/pin-image-version',
  severity: 'warning',
  message: 'pin the image',
  range: { start: { line: 3, character: 2 }, end: { line: 3, character: 9 } },
  fixes: [],
});

test('a finding is converted to a diagnostic once; another finding object gets its own', () => {
  const f = finding();
  const d = diagnosticOf(f);
  assert.deepEqual(d, toDiagnostic(f));
  assert.equal(diagnosticOf(f), d);
  const moved = { ...f, range: { start: { line: 4, character: 2 }, end: { line: 4, character: 9 } } };
  assert.notEqual(diagnosticOf(moved), d);
  assert.deepEqual(diagnosticOf(moved), toDiagnostic(moved));
});
