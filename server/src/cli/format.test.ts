import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Finding } from '../engine/types';
import type { FileResult } from '../workspace/lint-files';
import { escapeGithubData, escapeGithubProperty, formatGithub, formatJson, formatSummaryLine, GITHUB_HINT_MAX_LENGTH } from './format';

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

// ---- GitHub Actions workflow commands ----------------------------------------------------

const at = (line: number, character: number, endLine = line, endCharacter = character + 4) => ({ start: { line, character }, end: { line: endLine, character: endCharacter } });

test('escapeGithubData/Property: % first, then CR and LF; properties also : and ,', () => {
  assert.equal(escapeGithubData('100% a\r\nb:c,d %0A'), '100%25 a%0D%0Ab:c,d %250A');
  assert.equal(escapeGithubProperty('100% a\r\nb:c,d %3A'), '100%25 a%0D%0Ab%3Ac%2Cd %253A');
});

test('formatGithub: one command per finding, levels by severity, 1-based positions, rule id as title', () => {
  const results: FileResult[] = [
    {
      path: '/repo/svc/Dockerfile',
      kind: 'dockerfile',
      findings: [
        finding({ severity: 'error', message: 'e', range: at(0, 5) }),
        finding({ severity: 'warning', message: 'w', range: at(2, 0, 4, 3) }),
        finding({ severity: 'info', message: 'i', range: at(5, 2, 6, 0) }),
      ],
    },
    { path: '/repo/empty.yaml', kind: 'yaml', findings: [] },
  ];
  const hint = ' (docs: docs/rules/dockerfile/use-exec-form.md)';
  assert.equal(
    formatGithub('/repo/svc', results, { root: '/repo' }),
    `::error file=svc/Dockerfile,line=1,col=6,endLine=1,endColumn=10,title=dockerfile/use-exec-form::e${hint}\n` +
      // Columns only on one line (GitHub rejects them on a multi-line annotation).
      `::warning file=svc/Dockerfile,line=3,endLine=5,title=dockerfile/use-exec-form::w${hint}\n` +
      // A range ending at the start of a line ends on the line before it.
      `::notice file=svc/Dockerfile,line=6,col=3,endLine=6,title=dockerfile/use-exec-form::i${hint}\n`,
  );
  assert.equal(formatGithub('/repo', [results[1]!]), '', 'nothing at all without findings');
  // Without a root: relative to cwd; a file outside it keeps its absolute path.
  assert.match(formatGithub('/repo/svc', results), /^::error file=Dockerfile,/);
  assert.match(formatGithub('/elsewhere', results), /^::error file=\/repo\/svc\/Dockerfile,/);
});

test('formatGithub: the docs hint only while the message stays short, and only for known rules', () => {
  const one = (f: Partial<Finding>) => formatGithub('/r', [{ path: '/r/Dockerfile', kind: 'dockerfile', findings: [finding({ range: at(0, 0), ...f })] }]);
  assert.match(one({ message: 'short' }), /::short \(docs: docs\/rules\/dockerfile\/use-exec-form\.md\)\n$/);
  const long = 'x'.repeat(GITHUB_HINT_MAX_LENGTH);
  assert.match(one({ message: long }), new RegExp(`::${long}\\n$`));
  assert.match(one({ ruleId: 'nobody/knows', message: 'short' }), /title=nobody\/knows::short\n$/);
});

test('formatGithub: no message, path or rule error can inject a workflow command', () => {
  const evil = 'a\n::error file=x.yaml,line=1::forged\r::add-mask::%0A 100%';
  const path = '/r/we,ird:dir\n::error title=forged::x/Dockerfile';
  const out = formatGithub('/r', [{ path, kind: 'dockerfile', findings: [finding({ message: evil, range: at(0, 0) })] }], {
    problems: [
      { level: 'error', message: `no such file or folder: ${evil}` },
      { level: 'error', message: evil, path, range: at(1, 0), title: 'infra-guide/invalid-config' },
      { level: 'notice', message: evil, path },
    ],
  });
  const lines = out.split('\n');
  assert.equal(lines.pop(), '');
  assert.equal(lines.length, 4, out);
  for (const l of lines) {
    // The command and its properties end at the first `::`; the rest is data, however it reads.
    const header = /^::(error|warning|notice) ([^:\r\n]*)::/.exec(l);
    assert.ok(header, l);
    // As GitHub's runner reads them: split at `,`, then at the first `=`.
    const props = header[2]!.split(',').map((kv) => [kv.slice(0, kv.indexOf('=')), kv.slice(kv.indexOf('=') + 1)] as const);
    assert.ok(props.every(([k]) => ['file', 'line', 'col', 'endLine', 'endColumn', 'title'].includes(k)), header[2]);
    assert.deepEqual(props.filter(([k]) => k === 'title').length, 1, header[2]);
    assert.doesNotMatch(props.find(([k]) => k === 'title')![1], /forged/);
    assert.doesNotMatch(l, /[\r\n]/);
  }
  const file = 'file=we%2Cird%3Adir%0A%3A%3Aerror title=forged%3A%3Ax/Dockerfile';
  const message = 'a%0A::error file=x.yaml,line=1::forged%0D::add-mask::%250A 100%25';
  assert.deepEqual(lines, [
    `::error title=infra-guide::no such file or folder: ${message}`,
    `::error ${file},line=2,col=1,endLine=2,endColumn=5,title=infra-guide/invalid-config::${message}`,
    `::notice ${file},title=infra-guide::${message}`,
    `::warning ${file},line=1,col=1,endLine=1,endColumn=5,title=dockerfile/use-exec-form::${message} (docs: docs/rules/dockerfile/use-exec-form.md)`,
  ]);
});

test('formatSummaryLine: counts only, and never success beside an error', () => {
  const results: FileResult[] = [{ path: '/r/Dockerfile', kind: 'dockerfile', findings: [finding({ severity: 'error' }), finding({})] }];
  assert.equal(formatSummaryLine(results, 3), 'infra-guide: 2 problems (1 error, 1 warning, 0 infos) in 1 file (3 checked)\n');
  assert.equal(formatSummaryLine(results, 3, 2), 'infra-guide: 2 problems (1 error, 1 warning, 0 infos) in 1 file (3 checked). Check failed: see the 2 errors above\n');
  assert.equal(formatSummaryLine([], 1), 'infra-guide: no problems found in 1 file\n');
  assert.equal(formatSummaryLine([], 0, 1), 'infra-guide: Check failed: see the error above (0 files checked, no problems in them)\n');
});
