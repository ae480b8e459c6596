import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Finding } from '../engine/types';
import type { FileResult } from '../workspace/lint-files';
import { formatJson } from './format';

const finding = (over: Partial<Finding>): Finding => ({
  ruleId: 'dockerfile/use-exec-form',
  severity: 'warning',
  message: 'Use "exec" form\\ with `JSON` — ünïcode \u2028 and a\nnew line',
  range: { start: { line: 2, character: 4 }, end: { line: 3, character: 0 } },
  fixes: [],
  ...over,
});

test('formatJson writes the public JSON shape: paths relative to cwd, 1-based positions, escapes', () => {
  const cwd = '/repo';
  const results: FileResult[] = [
    { path: '/repo/a/Dockerfile', kind: 'dockerfile', findings: [finding({ severity: 'error', fixes: [{ title: 't', safe: true, edits: [{ range: finding({}).range, newText: 'x' }] }] })] },
    { path: '/repo/empty.yaml', kind: 'yaml', findings: [] },
    { path: '/elsewhere/"quoted"\\dir/compose.yaml', kind: 'compose', findings: [finding({ ruleId: 'compose/set-healthcheck', severity: 'info' })] },
  ];
  const message = '"Use \\"exec\\" form\\\\ with `JSON` — ünïcode \u2028 and a\\nnew line"';
  const item = (file: string, ruleId: string, severity: string, fixable: boolean) =>
    `  {\n    "file": ${file},\n    "ruleId": "${ruleId}",\n    "severity": "${severity}",\n    "message": ${message},\n` +
    `    "line": 3,\n    "column": 5,\n    "endLine": 4,\n    "endColumn": 1,\n    "fixable": ${fixable}\n  }`;
  const expected = `[\n${item('"a/Dockerfile"', 'dockerfile/use-exec-form', 'error', true)},\n${item('"/elsewhere/\\"quoted\\"\\\\dir/compose.yaml"', 'compose/set-healthcheck', 'info', false)}\n]\n`;
  assert.equal(formatJson(cwd, results), expected);
  assert.equal(formatJson(cwd, [results[1]!]), '[]\n');
  assert.equal(formatJson(cwd, []), '[]\n');
});
