// Files a kustomization lists as patches: the engine flag `LintInput.kustomizePatch` (the CLI
// and the language server find the kustomizations, see workspace/kustomize.ts).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Linter } from '../../server/src/engine/lint';

const MISSING = ['kubernetes/set-resource-limits', 'kubernetes/set-resource-requests', 'kubernetes/set-liveness-probe', 'kubernetes/set-readiness-probe', 'kubernetes/run-as-non-root'];

/** A strategic-merge patch bumping the image and replicas: sets `image`, leaves the rest to the base. */
const PATCH = [
  'apiVersion: apps/v1',
  'kind: Deployment',
  'metadata:',
  '  name: web',
  'spec:',
  '  replicas: 5',
  '  template:',
  '    spec:',
  '      containers:',
  '        - name: web',
  '          image: registry.example.com/web:2.4.1',
  '',
].join('\n');

/** The same patch also setting things that are wrong wherever they are written. */
const BAD_PATCH = PATCH.replace(
  'image: registry.example.com/web:2.4.1\n',
  'image: registry.example.com/web:latest\n          env:\n            - name: DB_PASSWORD\n              value: hunter2-but-longer\n          securityContext:\n            privileged: true\n            runAsUser: 0\n',
);

const ids = (findings: { ruleId: string }[]) => [...new Set(findings.map((f) => f.ruleId))].sort();

test('a listed patch that sets an image gets no missing-field findings', () => {
  const linter = new Linter();
  const plain = linter.lint({ text: PATCH, fileName: '/repo/overlays/prod/deployment-prod.yaml' });
  assert.deepEqual(ids(plain.findings), [...MISSING].sort(), 'not known as a patch: judged as a full manifest');
  const patch = linter.lint({ text: PATCH, fileName: '/repo/overlays/prod/deployment-prod.yaml', kustomizePatch: true });
  assert.deepEqual(patch.findings, []);
  // The flag is part of the findings cache: the same text and name is judged anew without it.
  assert.deepEqual(ids(linter.lint({ text: PATCH, fileName: '/repo/overlays/prod/deployment-prod.yaml' }).findings), [...MISSING].sort());
});

test('what a listed patch sets is still judged', () => {
  const r = new Linter().lint({ text: BAD_PATCH, fileName: 'deployment-prod.yaml', kustomizePatch: true });
  assert.deepEqual(ids(r.findings), ['kubernetes/no-privileged-containers', 'kubernetes/no-secrets-in-env', 'kubernetes/pin-image-version', 'kubernetes/run-as-non-root']);
  const root = r.findings.find((f) => f.ruleId === 'kubernetes/run-as-non-root')!;
  assert.match(root.message, /runAsUser: 0/);
  for (const f of r.findings) assert.ok(!f.message.includes('hunter2'), 'no secret value in messages');
});

test('every document of a listed file is a patch; fix-all adds nothing to it', () => {
  // With a liveness probe, the missing readiness probe of a manifest has a safe fix (a copy of it).
  const probed = PATCH + '          livenessProbe:\n            tcpSocket: {port: 8080}\n';
  const text = probed + '---\n' + probed.replace('name: web\nspec', 'name: api\nspec');
  const linter = new Linter();
  assert.deepEqual(linter.lint({ text, fileName: 'prod.yaml', kustomizePatch: true }).findings, []);
  const fixed = linter.fixAll({ text, fileName: 'prod.yaml', kustomizePatch: true });
  assert.equal(fixed.applied, 0);
  assert.equal(fixed.text, text);
  assert.ok(linter.fixAll({ text, fileName: 'prod.yaml' }).applied > 0, 'without the flag the fixes apply');
});

test('a pragma for a missing-field rule is unused in a listed patch', () => {
  const text = '# infra-guide ignore-file=kubernetes/set-resource-limits -- limits come from the base\n' + PATCH;
  const r = new Linter().lint({ text, fileName: 'prod.yaml', kustomizePatch: true });
  assert.deepEqual(ids(r.findings), ['infra-guide/unused-pragma']);
});
