// Runs the CLI over the shared Dockerfile corpus (`../shared/corpus/dockerfile/`, beside the
// repository; read-only): no crash, exit code 0 or 1, and no file takes over 1 s in the
// engine (measured per file in-process). Skipped, not passed, when the corpus is absent.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Linter } from '../../server/src/engine/lint';
import { walkPaths } from '../../server/src/workspace/walk';
import { withinLimit } from './timing';

const ROOT = resolve(__dirname, '../../..');
const CLI = join(ROOT, 'dist/cli.js');
const CORPUS = resolve(ROOT, '../shared/corpus/dockerfile');
const absent = existsSync(CORPUS) ? false : `corpus not found at ${CORPUS} (../shared/corpus beside the repository)`;

test('CLI over the Dockerfile corpus: no crash, exit code 0 or 1', { skip: absent }, () => {
  assert.ok(existsSync(CLI), 'dist/cli.js is missing: run `node scripts/build.mjs` first');
  const r = spawnSync(process.execPath, [CLI, 'check', CORPUS, '--format', 'json'], { cwd: ROOT, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024, timeout: 120_000 });
  assert.ok(r.status === 0 || r.status === 1, `exit ${r.status}: ${r.stderr.slice(0, 2000)}`);
  assert.doesNotMatch(r.stderr, /internal error|rule .* failed on/, r.stderr.slice(0, 2000));
  const findings = JSON.parse(r.stdout) as { file: string }[];
  assert.ok(Array.isArray(findings));
  const text = spawnSync(process.execPath, [CLI, 'check', CORPUS, '--fail-on', 'never'], { cwd: ROOT, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024, timeout: 120_000 });
  assert.equal(text.status, 0, text.stderr.slice(0, 2000));
  // Every corpus Dockerfile is linted, including `owner+repo__path__Dockerfile` names.
  const checked = /(\d+) checked\)|No problems found in (\d+) files/.exec(text.stdout);
  assert.ok(checked, text.stdout.slice(-500));
  assert.ok(Number(checked[1] ?? checked[2]) >= 500, `only ${checked[1] ?? checked[2]} files checked`);
});

test('no corpus Dockerfile takes over 1 s in the engine', { skip: absent }, () => {
  const { files } = walkPaths([CORPUS], { cwd: ROOT });
  assert.ok(files.length >= 500, `${files.length} files found`);
  const linter = new Linter();
  const errors: string[] = [];
  const linterWithErrors = new Linter({ onRuleError: (ruleId, file, e) => errors.push(`${ruleId} on ${file}: ${String(e)}`) });
  // Warm up once so the first file does not pay for JIT compilation.
  linter.lint({ text: 'FROM node:20\n', fileName: 'Dockerfile' });
  const slow: string[] = [];
  for (const f of files) {
    const text = readFileSync(f, 'utf8');
    const { result: res, ms } = withinLimit(1000, () => linter.lint({ text, fileName: f }));
    assert.equal(res.kind, 'dockerfile', f);
    if (ms > 1000) slow.push(`${f}: ${ms.toFixed(0)} ms`);
    linterWithErrors.lint({ text, fileName: f });
  }
  assert.deepEqual(slow, []);
  assert.deepEqual(errors, [], 'no rule throws on the corpus');
});
