// `infra-guide check` over Kustomize trees: files a kustomization lists as patches get no
// "missing field" findings, however they are named and however they are reached (folder walk,
// explicit argument, standard input, worker threads, --fix).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { lintPaths } from '../../server/src/workspace/lint-files';
import { check, tempTree } from './cli-run';

const BASE = [
  'apiVersion: apps/v1',
  'kind: Deployment',
  'metadata:',
  '  name: web',
  'spec:',
  '  template:',
  '    spec:',
  '      securityContext:',
  '        runAsNonRoot: true',
  '      containers:',
  '        - name: web',
  '          image: registry.example.com/web:2.4.0',
  '          resources:',
  '            requests: {cpu: 100m, memory: 128Mi}',
  '            limits: {cpu: 500m, memory: 256Mi}',
  '          livenessProbe: {httpGet: {path: /healthz, port: 8080}}',
  '          readinessProbe: {httpGet: {path: /ready, port: 8080}}',
  '',
].join('\n');

/** Bumps the image and replicas: everything else comes from the base. */
const PATCH = 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  replicas: 5\n  template:\n    spec:\n      containers:\n        - name: web\n          image: registry.example.com/web:2.4.1\n';

const TREE = {
  '.git/HEAD': 'ref: refs/heads/main\n',
  'base/kustomization.yaml': 'resources:\n  - deployment.yaml\n',
  'base/deployment.yaml': BASE,
  'overlays/prod/kustomization.yaml': [
    'resources: [../../base]',
    'patches:',
    '  - path: deployment-patch-prod.yaml',
    '  - path: ./replicas.yaml',
    '    target: {kind: Deployment, name: web}',
    'patchesStrategicMerge:',
    '  - deployment-prod.yaml',
    '',
  ].join('\n'),
  'overlays/prod/deployment-patch-prod.yaml': PATCH,
  'overlays/prod/replicas.yaml': PATCH,
  'overlays/prod/deployment-prod.yaml': PATCH,
  // Not listed: judged as a manifest of its own.
  'overlays/prod/extra.yaml': PATCH,
};

interface JsonFinding {
  file: string;
  ruleId: string;
}

function filesWithFindings(stdout: string): string[] {
  return [...new Set((JSON.parse(stdout) as JsonFinding[]).map((f) => f.file))].sort();
}

test('check: listed patches get no missing-field findings, an unlisted file does', async (t) => {
  const dir = tempTree(t, TREE);
  const r = await check(['--format', 'json', '--fail-on', 'never'], dir);
  assert.equal(r.code, 0, r.stderr);
  assert.deepEqual(filesWithFindings(r.stdout), ['overlays/prod/extra.yaml']);
  // Walked from the overlay folder, a sub-folder: the same.
  const sub = await check(['--format', 'json', '--fail-on', 'never', '.'], join(dir, 'overlays/prod'));
  assert.deepEqual(filesWithFindings(sub.stdout), ['extra.yaml']);
});

test('check: explicit file arguments and standard input named as a listed file', async (t) => {
  const dir = tempTree(t, TREE);
  const explicit = await check(['--format', 'json', 'overlays/prod/deployment-prod.yaml', 'overlays/prod/replicas.yaml', 'overlays/prod/extra.yaml'], dir);
  assert.deepEqual(filesWithFindings(explicit.stdout), ['overlays/prod/extra.yaml']);
  const stdin = await check(['--format', 'json', '-', '--stdin-filename', 'overlays/prod/deployment-prod.yaml'], dir, PATCH);
  assert.equal(stdin.code, 0, stdin.stderr);
  assert.deepEqual(JSON.parse(stdin.stdout), []);
  const unlisted = await check(['--format', 'json', '-', '--stdin-filename', 'overlays/prod/extra.yaml'], dir, PATCH);
  assert.equal(unlisted.code, 1);
});

test('check --fix leaves listed patches alone', async (t) => {
  // A patch that adds a liveness probe: as a manifest of its own, its missing readiness probe has
  // a safe fix (a copy of the liveness check), which must not be applied to a listed patch.
  const probed = PATCH + '          livenessProbe:\n            httpGet: {path: /healthz, port: 8080}\n';
  const dir = tempTree(t, { ...TREE, 'overlays/prod/deployment-prod.yaml': probed, 'overlays/prod/extra.yaml': probed });
  await check(['--fix', '--fail-on', 'never'], dir);
  assert.equal(readFileSync(join(dir, 'overlays/prod/deployment-prod.yaml'), 'utf8'), probed);
  assert.match(readFileSync(join(dir, 'overlays/prod/extra.yaml'), 'utf8'), /readinessProbe:/, 'the unlisted file gets the fixes');
});

test('lintPaths: worker threads get the patch flag with the task', async (t) => {
  const files: Record<string, string> = { '.git/HEAD': '' };
  const listed: string[] = [];
  for (let i = 0; i < 40; i++) {
    files[`k/p${i}.yaml`] = PATCH;
    listed.push(`  - path: p${i}.yaml`);
  }
  files['k/kustomization.yaml'] = 'patches:\n' + listed.join('\n') + '\n';
  files['k/unlisted.yaml'] = PATCH;
  const dir = tempTree(t, files);
  const serial = await lintPaths([], { cwd: dir, workers: 0 });
  const parallel = await lintPaths([], { cwd: dir, workers: 2, workerThreshold: 0, workerMinBytes: 0 });
  const withFindings = (r: typeof serial) => r.results.filter((f) => f.findings.length > 0).map((f) => f.path);
  assert.deepEqual(withFindings(serial), [join(dir, 'k/unlisted.yaml')]);
  assert.deepEqual(withFindings(parallel), withFindings(serial));
});
