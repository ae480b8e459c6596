import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isKustomizationFileName, kustomizationPatchPaths, normaliseKustomizePath } from './kustomization';

test('patches: path entries with and without a target; inline patches skipped', () => {
  const text = [
    'apiVersion: kustomize.config.k8s.io/v1beta1',
    'kind: Kustomization',
    'resources: [../../base]',
    'patches:',
    '  - path: deployment-patch-prod.yaml',
    '  - path: ./replicas.yaml',
    '    target: {kind: Deployment, name: web}',
    '  - target: {kind: Service}',
    '    patch: |-',
    '      - op: replace',
    '        path: /spec/type',
    '        value: LoadBalancer',
    '  - path: sub/dir/../limits.yml',
    '    options: {allowNameChange: true}',
    '',
  ].join('\n');
  assert.deepEqual(kustomizationPatchPaths(text), ['deployment-patch-prod.yaml', 'replicas.yaml', 'sub/limits.yml']);
});

test('patchesStrategicMerge: paths, inline YAML strings skipped', () => {
  const text = [
    'patchesStrategicMerge:',
    '  - deployment-prod.yaml',
    '  - |-',
    '    apiVersion: apps/v1',
    '    kind: Deployment',
    '    metadata: {name: web}',
    '  - "{apiVersion: v1, kind: ConfigMap}"',
    '  - "apiVersion: v1"',
    '  - ./patches/./memory.yaml',
    '',
  ].join('\n');
  assert.deepEqual(kustomizationPatchPaths(text), ['deployment-prod.yaml', 'patches/memory.yaml']);
});

test('patchesJson6902: path entries; duplicates across forms listed once, in order', () => {
  const text = [
    'patchesJson6902:',
    '  - target: {group: apps, version: v1, kind: Deployment, name: web}',
    '    path: ops.yaml',
    '  - target: {kind: Service, name: web}',
    '    patch: "[{op: remove, path: /spec/ports/0}]"',
    'patches:',
    '  - path: ops.yaml',
    '  - path: ./a.yaml',
    '',
  ].join('\n');
  assert.deepEqual(kustomizationPatchPaths(text), ['ops.yaml', 'a.yaml']);
});

test('../ paths are kept relative to the kustomization folder; remote and absolute ones dropped', () => {
  const text = [
    'patches:',
    '  - path: ../common/patch.yaml',
    '  - path: ../../x/../y.yaml',
    '  - path: https://example.com/patch.yaml',
    '  - path: github.com/org/repo//patches/p.yaml?ref=v1',
    '  - path: git@github.com:org/repo.git',
    '  - path: /etc/patch.yaml',
    '  - path: C:\\k\\patch.yaml',
    '  - path: sub\\win.yaml',
    '  - path: ..',
    '  - path: "."',
    '  - path: ""',
    '  - path: 42',
    '',
  ].join('\n');
  assert.deepEqual(kustomizationPatchPaths(text), ['../common/patch.yaml', '../../y.yaml', 'sub/win.yaml']);
});

test('malformed or odd kustomizations list no patches and never throw', () => {
  const cases = [
    '',
    'patches: [path: a.yaml',
    'patches:\n  - path: a.yaml\npatches:\n  - path: b.yaml\n', // duplicate key: not a valid kustomization
    '- path: a.yaml\n',
    'just a string',
    'patches: a.yaml\n',
    'patches: {path: a.yaml}\n',
    'patchesStrategicMerge: [{path: a.yaml}, [b.yaml]]\n',
    'a: &a [*a]\n',
    'patches:\n  - path: a.yaml\n---\npatches:\n  - path: b.yaml\n',
    '\u0000\u0001',
  ];
  for (const text of cases) assert.deepEqual(kustomizationPatchPaths(text), [], JSON.stringify(text));
});

test('paths written as aliases of anchored strings are listed', () => {
  const text = 'x-common: &common ../common/image.yaml\npatches:\n  - path: *common\npatchesStrategicMerge:\n  - &local local.yaml\n  - *local\n';
  assert.deepEqual(kustomizationPatchPaths(text), ['../common/image.yaml', 'local.yaml']);
});

test('lists and entries written as aliases are followed', () => {
  const text = [
    'x-shared: &shared',
    '  - path: shared.yaml',
    '  - &entry { path: entry.yaml }',
    'x-smp: &smp [smp.yaml]',
    'patches: *shared',
    'patchesJson6902:',
    '  - *entry',
    'patchesStrategicMerge: *smp',
    '',
  ].join('\n');
  assert.deepEqual(kustomizationPatchPaths(text), ['shared.yaml', 'entry.yaml', 'smp.yaml']);
  // An alias of something else than a list lists nothing.
  assert.deepEqual(kustomizationPatchPaths('x: &s a.yaml\npatches: *s\n'), []);
});

test('a Component lists its patches like a Kustomization', () => {
  const text = 'apiVersion: kustomize.config.k8s.io/v1alpha1\nkind: Component\npatches:\n  - path: sidecar.yaml\n';
  assert.deepEqual(kustomizationPatchPaths(text), ['sidecar.yaml']);
});

test('normaliseKustomizePath and kustomization file names', () => {
  assert.equal(normaliseKustomizePath(' ./a//b/./c.yaml '), 'a/b/c.yaml');
  assert.equal(normaliseKustomizePath('a/../../b.yaml'), '../b.yaml');
  assert.equal(normaliseKustomizePath('ssh://host/p.yaml'), undefined);
  for (const f of ['kustomization.yaml', 'overlays/prod/kustomization.yml', 'C:\\k\\Kustomization']) assert.ok(isKustomizationFileName(f), f);
  for (const f of ['Kustomization.yaml', 'kustomization.json', 'my-kustomization.yaml', 'kustomization']) assert.ok(!isKustomizationFileName(f), f);
});
