// Time complexity of the YAML packs (Kubernetes, Compose, generic YAML) on large, valid files
// (see scaling.ts): each growing structure below once cost superlinear time.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { kustomizationPatchPaths } from '../../server/src/engine/kubernetes/kustomization';
import { assertLinearScaling, FACTOR, MAX_RATIO, type GrowingInput } from './scaling';
import { timedMs } from './timing';

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

/**
 * `assertLinearScaling` for work the linter does not do: `f` of `text(n)` and of `text(FACTOR·n)`,
 * best of a few runs each, measured twice before it fails.
 */
function assertLinearTime(name: string, n: number, text: (n: number) => string, f: (text: string) => unknown): void {
  const small = text(n);
  const large = text(n * FACTOR);
  const fastestMs = (t: string, runs: number): number => Math.min(...Array.from({ length: runs }, () => timedMs(() => f(t)).ms));
  const ratio = (): { smallMs: number; largeMs: number } => {
    fastestMs(small, 1);
    return { smallMs: Math.max(fastestMs(small, 3), 1), largeMs: fastestMs(large, 2) };
  };
  let m = ratio();
  if (m.largeMs / m.smallMs > MAX_RATIO) m = ratio();
  const r = m.largeMs / m.smallMs;
  assert.ok(r <= MAX_RATIO, `${name}: ${FACTOR}× the input took ${r.toFixed(1)}× the time (${m.smallMs.toFixed(0)} → ${m.largeMs.toFixed(0)} ms); linear is ~${FACTOR}×`);
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
