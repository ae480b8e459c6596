// `infra-guide check --fix`: safe fixes are written in place, only to files that were linted
// and changed; what remains is reported.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { Linter } from '../../server/src/engine/lint';

const ROOT = resolve(__dirname, '../../..');
const CLI = join(ROOT, 'dist/cli.js');
const EXEC_FORM = 'dockerfile/use-exec-form';

function tempTree(files: Record<string, string | Buffer>): string {
  const dir = mkdtempSync(join(tmpdir(), 'infra-guide-fix-'));
  for (const [rel, content] of Object.entries(files)) {
    const p = join(dir, rel);
    mkdirSync(dirname(p), { recursive: true });
    writeFileSync(p, content);
  }
  return dir;
}

function cli(args: string[], cwd: string) {
  assert.ok(existsSync(CLI), 'dist/cli.js is missing: run `node scripts/build.mjs` first');
  return spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
}

const FIXABLE = 'FROM node:20-alpine\nWORKDIR /app\nCOPY server.js ./\nUSER node\nCMD node server.js\n';

test('--fix applies safe fixes in place and reports the result', () => {
  const dir = tempTree({ 'Dockerfile': FIXABLE, 'unfixable/Dockerfile': 'FROM node\nWORKDIR /app\nUSER node\nCMD ["node", "s.js"]\n' });
  try {
    const expected = new Linter().fixAll({ text: FIXABLE, fileName: 'Dockerfile' }).text;
    assert.notEqual(expected, FIXABLE, 'the engine has a safe fix for this Dockerfile');
    const before = statSync(join(dir, 'unfixable/Dockerfile')).mtimeMs;
    const r = cli(['check', '--fix', '--fail-on', 'never'], dir);
    assert.equal(r.status, 0, r.stderr);
    assert.equal(readFileSync(join(dir, 'Dockerfile'), 'utf8'), expected);
    assert.match(readFileSync(join(dir, 'Dockerfile'), 'utf8'), /CMD \["node", "server\.js"\]/);
    assert.match(r.stdout, /Fixed \d+ problems? in 1 file\./);
    // What remains is reported (the unpinned base image has no safe fix).
    assert.match(r.stdout, /unfixable\/Dockerfile:1:6 +warning/);
    assert.equal(statSync(join(dir, 'unfixable/Dockerfile')).mtimeMs, before, 'unchanged files are not rewritten');
    // A second run has nothing left to fix for exec form.
    const again = cli(['check', '--format', 'json', '--fix', '--fail-on', 'never'], dir);
    const findings = JSON.parse(again.stdout) as { file: string; ruleId: string }[];
    assert.equal(findings.filter((f) => f.ruleId === EXEC_FORM).length, 0);
    assert.doesNotMatch(again.stderr, /fixed/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('--fix keeps a UTF-8 BOM and applies the fixes after it', () => {
  const dir = tempTree({ 'Dockerfile': '\uFEFF' + FIXABLE });
  try {
    const expected = '\uFEFF' + new Linter().fixAll({ text: FIXABLE, fileName: 'Dockerfile' }).text;
    const r = cli(['check', '--fix', '--fail-on', 'never'], dir);
    assert.equal(r.status, 0, r.stderr);
    assert.equal(readFileSync(join(dir, 'Dockerfile'), 'utf8'), expected);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('--fix never touches files it did not lint, nor invalid UTF-8 files', () => {
  const latin1 = Buffer.concat([Buffer.from('FROM node:20-alpine\n# caf'), Buffer.from([0xe9]), Buffer.from('\nUSER node\nCMD node server.js\n')]);
  const dir = tempTree({
    '.gitignore': 'ignored/\n',
    'ignored/Dockerfile': FIXABLE,
    'notes.txt': FIXABLE,
    'latin1/Dockerfile': latin1,
  });
  try {
    const old = new Date(2000, 0, 1);
    for (const f of ['ignored/Dockerfile', 'notes.txt']) utimesSync(join(dir, f), old, old);
    const r = cli(['check', '--fix', '--fail-on', 'never'], dir);
    assert.equal(r.status, 0, r.stderr);
    assert.equal(readFileSync(join(dir, 'ignored/Dockerfile'), 'utf8'), FIXABLE);
    assert.equal(readFileSync(join(dir, 'notes.txt'), 'utf8'), FIXABLE);
    assert.equal(statSync(join(dir, 'notes.txt')).mtimeMs, old.getTime());
    assert.ok(readFileSync(join(dir, 'latin1/Dockerfile')).equals(latin1), 'invalid UTF-8 is left byte for byte');
    assert.match(r.stderr, /latin1\/Dockerfile: not fixed: the file is not valid UTF-8/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('--fix with JSON output keeps stdout a pure JSON array of what remains', () => {
  const dir = tempTree({ 'Dockerfile': FIXABLE });
  try {
    const r = cli(['check', '--fix', '--format', 'json'], dir);
    const remaining = JSON.parse(r.stdout) as { ruleId: string }[];
    assert.ok(Array.isArray(remaining));
    assert.equal(remaining.filter((f) => f.ruleId === EXEC_FORM).length, 0);
    assert.match(r.stderr, /fixed \d+ problem/);
    assert.equal(r.status, remaining.some((f) => (f as unknown as { severity: string }).severity !== 'info') ? 1 : 0);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('--fix writes nothing when a config in use is invalid (exit 2)', () => {
  const dir = tempTree({ '.infra-guide.yaml': 'rules:\n  dockerfile/use-exec-form: of\n', 'Dockerfile': FIXABLE });
  try {
    const r = cli(['check', '--fix'], dir);
    assert.equal(r.status, 2);
    assert.match(r.stderr, /--fix skipped/);
    assert.equal(readFileSync(join(dir, 'Dockerfile'), 'utf8'), FIXABLE);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

// A Dockerfile and a commit message with safe fixes beside Kubernetes and Compose files whose
// fixes all guess values (limits, probes, runAsNonRoot): only the safe ones are applied.
const MIXED = {
  'Dockerfile': FIXABLE,
  'COMMIT_EDITMSG': 'feat(#6): Add the worker.\n',
  'k8s/deployment.yaml':
    'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  template:\n    spec:\n      containers:\n        - name: web\n          image: nginx:1.27\n',
  'compose.yaml': 'services:\n  web:\n    image: nginx:1.27\n',
};

test('--fix on a mixed folder applies only safe fixes and leaves files with only unsafe fixes alone', () => {
  const dir = tempTree(MIXED);
  try {
    const old = new Date(2000, 0, 1);
    for (const f of ['k8s/deployment.yaml', 'compose.yaml']) utimesSync(join(dir, f), old, old);
    const r = cli(['check', '--fix'], dir);
    assert.equal(r.status, 1, 'warnings without a safe fix remain');
    assert.equal(readFileSync(join(dir, 'Dockerfile'), 'utf8'), new Linter().fixAll({ text: FIXABLE, fileName: 'Dockerfile' }).text);
    assert.equal(readFileSync(join(dir, 'COMMIT_EDITMSG'), 'utf8'), 'feat(#6): Add the worker\n\nRefs #6\n');
    for (const f of ['k8s/deployment.yaml', 'compose.yaml'] as const) {
      assert.equal(readFileSync(join(dir, f), 'utf8'), MIXED[f], f);
      assert.equal(statSync(join(dir, f)).mtimeMs, old.getTime(), `${f} is not rewritten`);
    }
    assert.match(r.stdout, /Fixed \d+ problems? in 2 files\./);
    assert.match(r.stdout, /k8s\/deployment\.yaml:\d+:\d+ +warning .*kubernetes\/set-resource-limits/);
    assert.match(r.stdout, /compose\.yaml:\d+:\d+ +warning .*compose\/set-resource-limits/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('the text summary counts the problems whose fixes only the editor offers, before and after --fix', () => {
  const dir = tempTree(MIXED);
  try {
    // Kubernetes: runAsNonRoot, both probes, limits, requests; Compose: limits, healthcheck.
    const editorOnly = '  7 problems have quick fixes to review in the editor (`--fix` leaves them out: they may change behaviour).\n';
    const before = cli(['check'], dir);
    // The problems with a safe fix (exec form, COPY --chown, trailing period, Refs footer) are not counted again.
    assert.ok(before.stdout.endsWith('  4 problems potentially fixable with the `--fix` option.\n' + editorOnly), before.stdout);
    const after = cli(['check', '--fix'], dir);
    assert.doesNotMatch(after.stdout, /potentially fixable/);
    assert.ok(after.stdout.endsWith(editorOnly), after.stdout);
    // Only the Kubernetes file: one problem per line of the summary, in the singular too.
    const one = cli(['check', '--rule', 'kubernetes/set-liveness-probe=off', '--rule', 'kubernetes/set-readiness-probe=off', '--rule', 'kubernetes/set-resource-limits=off', '--rule', 'kubernetes/set-resource-requests=off', 'k8s'], dir);
    assert.ok(one.stdout.endsWith('  1 problem has quick fixes to review in the editor (`--fix` leaves them out: they may change behaviour).\n'), one.stdout);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
