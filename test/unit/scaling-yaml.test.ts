// Time complexity of the YAML packs (Kubernetes, Compose, generic YAML) on large, valid files
// (see scaling.ts): each growing structure below once cost superlinear time.
import { test } from 'node:test';
import { kustomizationPatchPaths } from '../../server/src/engine/kubernetes/kustomization';
import { assertLinearScaling, assertLinearTime, type GrowingInput } from './scaling';

const repeat = (n: number, line: (i: number) => string): string => Array.from({ length: n }, (_, i) => line(i)).join('');

const inputs: GrowingInput[] = [
  {
    // A secret env list shared through an alias by every container was reported for each of them:
    // n containers sharing n entries made n² findings.
    name: 'containers sharing one env list of secrets through an alias',
    fileName: 'pod.yaml',
    n: 150,
    text: (n) =>
      'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n  - name: c0\n    image: app:1.0\n    env: &env\n' +
      repeat(n, (i) => `    - {name: DB_PASSWORD_${i}, value: hunter2hunter2}\n`) +
      repeat(n, (i) => `  - name: c${i + 1}\n    image: app:1.0\n    env: *env\n`),
  },
  {
    // Each service's `!reset` is judged along its `extends:` chain: the chain was walked from
    // each service, looking each name up among all services.
    name: 'services each extending the one before and resetting its healthcheck and limits',
    fileName: 'compose.yaml',
    n: 60,
    text: (n) =>
      'services:\n  s0:\n    image: nginx:1.27\n    healthcheck:\n      test: ["CMD", "true"]\n    mem_limit: 1g\n' +
      repeat(n, (i) => `  s${i + 1}:\n    extends: s${i}\n    healthcheck: !reset {}\n    deploy: !reset {}\n`),
  },
  {
    // A document with a syntax error is looked at for template syntax: each `{{` was followed
    // to the next `}`, to the end of the file when there is none.
    name: 'commented-out lines with an unclosed `{{` after a syntax error',
    fileName: 'values.yaml',
    n: 400,
    text: (n) => 'list: [\n' + repeat(n, (i) => `# line ${i}: {{ value ${i} of a long commented-out line\n`),
  },
  {
    // Content classification looked for an indented `image:`/`build:` from every line start,
    // each time across all the blank lines below it.
    name: 'blank lines in a file with a `services:` mapping',
    fileName: 'config.yaml',
    n: 4000,
    text: (n) => 'services:\n  web:\n    port: 80\n' + '\n'.repeat(n) + 'other: 1\n',
  },
  {
    // The same for an indented `rules:` below a top-level `groups:` (Prometheus rules).
    name: 'blank lines in a file with a `groups:` key',
    fileName: 'config.yaml',
    n: 4000,
    text: (n) => 'groups:\n  - name: web\n' + '\n'.repeat(n) + 'other: 1\n',
  },
  {
    // The readiness probe fix copies the liveness check: aliases repeating an anchored list were
    // copied out each time (nested ones grow exponentially: a 600-byte file made a 100 MB fix).
    name: 'aliases of an anchored list in a liveness probe command',
    fileName: 'pod.yaml',
    n: 400,
    text: (n) =>
      'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n    - name: c\n      image: nginx:1.27\n      args: &words\n' +
      repeat(n, (i) => `        - w${i}\n`) +
      '      livenessProbe:\n        exec:\n          command:\n' +
      repeat(n, () => '            - *words\n'),
  },
];

for (const input of inputs) {
  test(`linear time: ${input.fileName} with many ${input.name}`, () => assertLinearScaling(input));
}

// The CLI and the language server read the patches a kustomization lists (workspace/kustomize.ts):
// each aliased entry (`- *patch`) was resolved by a walk of the whole kustomization.
test('linear time: the patch paths of a kustomization.yaml with many aliased entries', () =>
  assertLinearTime(
    'kustomization.yaml patch paths',
    200,
    (n) => 'x-paths:\n' + repeat(n, (i) => `  - &p${i} patches/p${i}.yaml\n`) + 'patchesStrategicMerge:\n' + repeat(n, (i) => `  - *p${i}\n`),
    kustomizationPatchPaths,
  ));

// `yaml`'s own duplicate-key check (`uniqueKeys: true`) compares each key with every earlier one
// of its mapping: 32,000 keys took 17 s (see yaml/duplicate-keys.ts).
test('linear time: the patch paths of a kustomization.yaml with many keys in a mapping', () =>
  assertLinearTime('kustomization.yaml with many keys', 4000, (n) => 'labels:\n' + repeat(n, (i) => `  k${i}: v${i}\n`) + 'patches:\n  - path: p.yaml\n', kustomizationPatchPaths));

test('linear time: .infra-guide.yaml with many rules', () =>
  assertLinearScaling({ name: 'rules', fileName: '.infra-guide.yaml', n: 2000, text: (n) => 'rules:\n' + repeat(n, (i) => `  dockerfile/rule-${i}: off\n`) }));
