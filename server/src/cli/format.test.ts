import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Finding } from '../engine/types';
import type { FileResult } from '../workspace/lint-files';
import { formatJson, toJson } from './format';

const finding = (over: Partial<Finding>): Finding => ({
  ruleId: 'dockerfile/use-exec-form',
  severity: 'warning',
  message: 'Use "exec" form\\ with `JSON` — ünïcode \u2028 and a\nnew line',
  range: { start: { line: 2, character: 4 }, end: { line: 3, character: 0 } },
  fixes: [],
  ...over,
});

test('formatJson writes the same text as JSON.stringify of toJson', () => {
  const cwd = '/repo';
  const results: FileResult[] = [
    { path: '/repo/a/Dockerfile', kind: 'dockerfile', findings: [finding({}), finding({ severity: 'error', fixes: [{ title: 't', safe: true, edits: [{ range: finding({}).range, newText: 'x' }] }] })] },
    { path: '/repo/empty.yaml', kind: 'yaml', findings: [] },
    { path: '/elsewhere/"quoted"\\dir/compose.yaml', kind: 'compose', findings: [finding({ ruleId: 'compose/set-healthcheck', severity: 'info' })] },
  ];
  assert.equal(formatJson(cwd, results), JSON.stringify(toJson(cwd, results), null, 2) + '\n');
  assert.equal(formatJson(cwd, [results[1]!]), '[]\n');
  assert.equal(formatJson(cwd, []), JSON.stringify([], null, 2) + '\n');
});
