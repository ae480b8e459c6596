// Time complexity of the language server's code actions (see test/unit/scaling.ts): a request
// for every diagnostic of a file with many findings (a code action on the whole text) must cost
// about linear time. A ratio of two sizes, not a time limit.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Linter } from '../../server/src/engine/lint';
import { quickFixActions, type DocInfo } from '../../server/src/lsp/code-actions';
import { toDiagnostic } from '../../server/src/lsp/convert';
import { FACTOR, MAX_RATIO } from '../unit/scaling';
import { timedMs } from '../unit/timing';

/** A Dockerfile with `n` shell-form CMDs: one finding with a fix each. */
const dockerfile = (n: number): string => 'FROM debian:12\n' + Array.from({ length: n }, (_, i) => `CMD node server${i}.js\n`).join('');

/** A code action request for every diagnostic of `text`, to time. */
function allDiagnosticsRequest(text: string): () => unknown {
  const findings = new Linter().lint({ fileName: 'Dockerfile', text }).findings;
  const diagnostics = findings.map(toDiagnostic);
  const doc: DocInfo = { uri: 'file:///w/Dockerfile', version: 1, text, kind: 'dockerfile', findings, documentChanges: true };
  return () => quickFixActions({ ...doc }, { diagnostics, only: undefined });
}

const fastestMs = (request: () => unknown, runs: number): number => Math.min(...Array.from({ length: runs }, () => timedMs(request).ms));

function ratio(n: number): { smallMs: number; largeMs: number; ratio: number } {
  const small = allDiagnosticsRequest(dockerfile(n));
  fastestMs(small, 1);
  const smallMs = Math.max(fastestMs(small, 3), 1);
  const largeMs = fastestMs(allDiagnosticsRequest(dockerfile(n * FACTOR)), 2);
  return { smallMs, largeMs, ratio: largeMs / smallMs };
}

test('linear time: code actions for every diagnostic of a Dockerfile with many findings', () => {
  let m = ratio(1500);
  if (m.ratio > MAX_RATIO) m = ratio(1500);
  assert.ok(m.ratio <= MAX_RATIO, `${FACTOR}× the diagnostics took ${m.ratio.toFixed(1)}× the time (${m.smallMs.toFixed(0)} → ${m.largeMs.toFixed(0)} ms); linear is ~${FACTOR}×`);
});
