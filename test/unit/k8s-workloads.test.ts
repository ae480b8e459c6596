// The Kubernetes workload model, quantities, image references and the YAML insertion helper.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isMap, type YAMLMap } from 'yaml';
import { parseYamlSegment, splitYamlDocuments } from '../../server/src/engine/yaml/model';
import { TextIndex } from '../../server/src/engine/text';
import { Linter } from '../../server/src/engine/lint';
import { applyEdits } from '../../server/src/engine/fix';
import { detectIndentUnit, mergeIntoMap } from '../../server/src/engine/yaml/edit';
import { isIgnored, isPatchFileName, kubernetesModel, parseIgnoreList } from '../../server/src/engine/kubernetes/workloads';
import { lookupPath } from '../../server/src/engine/kubernetes/nodes';
import { isValidQuantity, quantityValue, repairQuantity } from '../../server/src/engine/kubernetes/quantity';
import { parseImageRef, unpinnedReason } from '../../server/src/engine/kubernetes/image';
import { timedMs } from './timing';

const view = (text: string) => parseYamlSegment('kubernetes', text, 0);

test('pod templates of every workload kind', () => {
  const cases: [string, string, boolean][] = [
    ['v1', 'Pod', true],
    ['v1', 'ReplicationController', true],
    ['apps/v1', 'Deployment', true],
    ['apps/v1', 'StatefulSet', true],
    ['apps/v1', 'DaemonSet', true],
    ['apps/v1', 'ReplicaSet', true],
    ['batch/v1', 'Job', false],
    ['batch/v1', 'CronJob', false],
    ['argoproj.io/v1alpha1', 'Rollout', true],
    ['v1', 'PodTemplate', true],
  ];
  const podSpec = 'containers:\n  - name: c\n    image: c:1\ninitContainers:\n  - name: i\n    image: i:1\nephemeralContainers:\n  - name: e\n    image: e:1\n';
  const ind = (s: string, n: number) => s.split('\n').map((l) => (l ? ' '.repeat(n) + l : l)).join('\n');
  for (const [apiVersion, kind, longRunning] of cases) {
    const spec =
      kind === 'Pod'
        ? `spec:\n${ind(podSpec, 2)}`
        : kind === 'PodTemplate'
          ? `template:\n  spec:\n${ind(podSpec, 4)}`
          : kind === 'CronJob'
            ? `spec:\n  jobTemplate:\n    spec:\n      template:\n        spec:\n${ind(podSpec, 10)}`
            : `spec:\n  template:\n    spec:\n${ind(podSpec, 6)}`;
    const m = kubernetesModel(view(`apiVersion: ${apiVersion}\nkind: ${kind}\nmetadata:\n  name: x\n${spec}`));
    assert.equal(m.pods.length, 1, kind);
    assert.equal(m.pods[0]!.longRunning, longRunning, kind);
    assert.deepEqual(
      m.containers.map((c) => `${c.group}:${c.name}`),
      ['containers:c', 'initContainers:i', 'ephemeralContainers:e'],
      kind,
    );
  }
});

test('restartPolicy decides for Pods; unknown kinds and groups are not workloads', () => {
  assert.equal(kubernetesModel(view('apiVersion: v1\nkind: Pod\nspec:\n  restartPolicy: OnFailure\n  containers: [{name: a, image: b}]\n')).pods[0]!.longRunning, false);
  assert.equal(kubernetesModel(view('apiVersion: apps/v1\nkind: Widget\nspec:\n  template:\n    spec:\n      containers: [{name: a}]\n')).pods.length, 0);
  assert.equal(kubernetesModel(view('apiVersion: serving.knative.dev/v1\nkind: Service\nspec:\n  template:\n    spec:\n      containers: [{image: a}]\n')).pods.length, 0);
  assert.equal(kubernetesModel(view('- just\n- a list\n')).objects.length, 0);
  assert.equal(kubernetesModel(view('')).objects.length, 0);
});

test('ignore annotations on the object and the pod template', () => {
  const m = kubernetesModel(
    view(
      'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  annotations:\n    infra-guide.io/ignore: "kubernetes/a, kubernetes/b"\nspec:\n  template:\n    metadata:\n      annotations: {infra-guide.io/ignore: compose/*}\n    spec:\n      containers: [{name: a, image: b}]\n',
    ),
  );
  const ig = m.pods[0]!.ignores;
  assert.ok(isIgnored(ig, 'kubernetes/a') && isIgnored(ig, 'kubernetes/b') && isIgnored(ig, 'compose/x'));
  assert.ok(!isIgnored(ig, 'kubernetes/c'));
  assert.deepEqual([...parseIgnoreList(' a,b  c ')], ['a', 'b', 'c']);
  assert.ok(isIgnored(new Set(['*']), 'x/y'));
});

test('aliases and merge keys are followed with a bound (no alias bomb blow-up)', () => {
  const bomb = ['a: &a [x, x, x, x, x, x, x, x, x]'];
  for (let i = 0; i < 20; i++) bomb.push(`${String.fromCharCode(98 + i)}: &${String.fromCharCode(98 + i)} [*${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}]`);
  const text = 'apiVersion: v1\nkind: Pod\nbase: &base\n  containers: [{name: a, image: b}]\nspec:\n  <<: *base\n' + bomb.join('\n') + '\n';
  const { result: m, ms } = timedMs(() => kubernetesModel(view(text)));
  assert.equal(m.containers.length, 1);
  // Unbounded, the bomb would expand to 9^20 nodes: any generous limit tells the two apart
  // (wall or CPU time, the smaller: timing.ts).
  assert.ok(ms < 2000, `took ${ms} ms`);
});

test('quantities', () => {
  for (const q of ['100m', '1', '0.5', '128Mi', '1.5Gi', '1e3', '2E6', '500k', '1Ei', '.5']) assert.ok(isValidQuantity(q), q);
  for (const q of ['128mb', '0.5 Gi', '256mi', '1K', '', 'Mi', '1.2.3']) assert.ok(!isValidQuantity(q), q);
  assert.equal(quantityValue('500m'), 0.5);
  assert.equal(quantityValue('1Gi'), 1024 ** 3);
  assert.equal(quantityValue('1e3'), 1000);
  assert.deepEqual(repairQuantity('256mi'), { candidates: ['256Mi'], unambiguous: true });
  assert.deepEqual(repairQuantity('1GiB'), { candidates: ['1Gi'], unambiguous: true });
  assert.deepEqual(repairQuantity('0.5 Gi'), { candidates: ['0.5Gi'], unambiguous: true });
  assert.deepEqual(repairQuantity('128MB'), { candidates: ['128Mi', '128M'], unambiguous: false });
  assert.deepEqual(repairQuantity('2K'), { candidates: ['2Ki', '2k'], unambiguous: false });
  assert.equal(repairQuantity('lots'), undefined);
});

test('image references', () => {
  assert.deepEqual(parseImageRef('registry:5000/a/b:1.2@sha256:abc'), { repository: 'registry:5000/a/b', tag: '1.2', digest: 'sha256:abc' });
  assert.equal(unpinnedReason('registry:5000/a/b'), 'untagged');
  assert.equal(unpinnedReason('nginx:latest'), 'latest');
  assert.equal(unpinnedReason('nginx@sha256:abc'), undefined);
  assert.equal(unpinnedReason('nginx:1.27'), undefined);
});

function containerMap(text: string): YAMLMap {
  const v = view(text);
  const c = lookupPath(v.doc, v.doc.contents, ['spec', 'containers']) as unknown as { items: unknown[] };
  const m = c.items[0];
  assert.ok(isMap(m));
  return m;
}

test('mergeIntoMap: fills only what is missing, deep, keeping order hints', () => {
  const text = 'spec:\n  containers:\n  - name: a # c\n    resources:\n      limits: {cpu: "1"}\n    ports: [] # p\n';
  const v = view(text);
  const edits = mergeIntoMap(v, containerMap(text), { resources: { requests: { cpu: '1m' }, limits: { cpu: '2', memory: '3' } }, x: 'y' }, { before: { requests: ['limits'] } });
  assert.ok(edits);
  assert.equal(
    applyEdits(text, edits),
    'spec:\n  containers:\n  - name: a # c\n    resources:\n      requests:\n        cpu: 1m\n      limits: {cpu: "1", memory: 3}\n    ports: [] # p\n    x: y\n',
  );
  assert.deepEqual(mergeIntoMap(v, containerMap(text), { name: 'other' }), []);
  assert.equal(mergeIntoMap(v, containerMap(text), { name: { deep: 'x' } }), undefined, 'scalar where a mapping is needed');
  const anchored = 'spec:\n  containers:\n  - &c\n    name: a\n    resources: &r {}\n';
  assert.equal(mergeIntoMap(view(anchored), containerMap(anchored), { x: 'y' }), undefined, 'anchored mapping');
  const anchoredValue = 'spec:\n  containers:\n  - name: a\n    resources: &r {}\n';
  assert.equal(mergeIntoMap(view(anchoredValue), containerMap(anchoredValue), { resources: { limits: { cpu: '1' } } }), undefined, 'anchored empty value');
});

test('mergeIntoMap: a kept block scalar keeps its trailing lines', () => {
  const text = 'spec:\n  containers:\n  - name: a\n    script: |+\n      echo hi\n\n\n  - name: b\n';
  const edits = mergeIntoMap(view(text), containerMap(text), { x: 'y' });
  assert.ok(edits);
  const out = applyEdits(text, edits);
  assert.equal(out, 'spec:\n  containers:\n  - name: a\n    script: |+\n      echo hi\n\n\n    x: y\n  - name: b\n');
  const before = view(text).doc.toJS() as { spec: { containers: { script: string }[] } };
  const after = view(out).doc.toJS() as { spec: { containers: { script: string }[] } };
  assert.equal(after.spec.containers[0]!.script, before.spec.containers[0]!.script);
});

test('detectIndentUnit', () => {
  assert.equal(detectIndentUnit(view('a:\n    b: 1\n')), 4);
  assert.equal(detectIndentUnit(view('a:\n  b: 1\n')), 2);
  assert.equal(detectIndentUnit(view('a: 1\n')), 2);
});

test('kustomize patch file names', () => {
  for (const f of ['patch.yaml', 'overlays/prod/deployment-patch.yaml', 'x.patch.yml', 'set_replicas_patch.yaml', 'kustomize/patches/resources.yaml', 'patches.yaml', 'C:\\k\\patch-memory.yaml']) assert.ok(isPatchFileName(f), f);
  for (const f of ['deployment.yaml', 'dispatcher.yaml', 'patchwork.yaml', 'k8s/app.yaml']) assert.ok(!isPatchFileName(f), f);
});

test('documents are split at `---` lines (LF, CRLF, with comment, at EOF) and findings keep file lines', () => {
  const split = (t: string) => splitYamlDocuments(t, new TextIndex(t)).map((s) => s.lineOffset);
  assert.deepEqual(split('a: 1\n---\nb: 2\n--- # two\nc: 3\n---'), [0, 1, 3, 5]);
  assert.deepEqual(split('a: 1\r\n---\r\nb: 2\r\n'), [0, 1]);
  assert.deepEqual(split('---\na: 1\n'), [0]);
  const pod = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n  - name: a\n    image: nginx\n';
  const r = new Linter().lint({ text: pod + '---\n' + pod, fileName: 'two.yaml' });
  const lines = r.findings.filter((f) => f.ruleId === 'kubernetes/pin-image-version').map((f) => f.range.start.line + 1);
  assert.deepEqual(lines, [8, 17]);
});
