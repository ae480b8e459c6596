import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

const TUNING = JSON.stringify(join(__dirname, 'v8-tuning.js'));

/** Runs `script` after tuneV8ForShortRuns in a fresh Node with `flags`. */
function afterTuning(flags: string[], script: string): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [...flags, '-e', `require(${TUNING}).tuneV8ForShortRuns();\n${script}`], { encoding: 'utf8' });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

test('the V8 settings go in without a warning, also under --pending-deprecation and --throw-deprecation', () => {
  for (const flags of [[], ['--pending-deprecation'], ['--throw-deprecation'], ['--pending-deprecation', '--throw-deprecation']]) {
    const r = afterTuning(flags, 'process.stdout.write("ok")');
    assert.deepEqual(r, { status: 0, stdout: 'ok', stderr: '' }, flags.join(' '));
  }
});

test('the V8 settings do not load node:v8 (and the stream modules it loads) where the binding exists', () => {
  const r = afterTuning([], 'const loaded = process.moduleLoadList.filter((m) => m === "NativeModule v8" || m === "NativeModule stream");\nprocess.stdout.write(JSON.stringify(loaded))');
  assert.equal(r.status, 0, r.stderr);
  assert.deepEqual(JSON.parse(r.stdout), []);
});

test('a deprecation warning of the user\'s own code is still shown', () => {
  const r = afterTuning([], 'process.emitWarning("old", "DeprecationWarning", "DEP_TEST")');
  assert.match(r.stderr, /DEP_TEST/);
});

test('the flag setter sets V8 flags (a script run after --allow-natives-syntax is set may use natives)', () => {
  const r = spawnSync(process.execPath, ['-e', `require(${TUNING}).v8FlagSetter()('--allow-natives-syntax'); process.stdout.write(String(require('vm').runInThisContext('%IsSmi(1)')))`], { encoding: 'utf8' });
  assert.equal(r.stdout, 'true', r.stderr);
});
