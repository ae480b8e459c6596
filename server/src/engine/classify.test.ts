import { test } from 'node:test';
import assert from 'node:assert/strict';
import { classify, classifyYamlContent, isDockerfileName } from './classify';

test('Dockerfile names', () => {
  for (const n of ['Dockerfile', 'Containerfile', 'Dockerfile.prod', 'Dockerfile-dev', 'api.dockerfile', 'web.Dockerfile', 'api.Dockerfile.prod', 'backend-Dockerfile', 'build_Dockerfile', 'svc/x/Dockerfile'])
    assert.ok(isDockerfileName(n), n);
  for (const n of ['Dockerfile.dockerignore', 'dockerfile.md', 'MyDockerfileNotes.txt', 'docker-compose.yml', 'Dockerfiles'])
    assert.ok(!isDockerfileName(n), n);
});

test('language id wins over name', () => {
  assert.equal(classify('untitled:Untitled-1', 'dockerfile', 'FROM x'), 'dockerfile');
  assert.equal(classify('/repo/.git/COMMIT_EDITMSG', undefined, 'x'), 'commit-message');
});

test('YAML kinds by name and content', () => {
  assert.equal(classify('compose.yaml', undefined, 'services: {}'), 'compose');
  assert.equal(classify('docker-compose.prod.yml', undefined, ''), 'compose');
  assert.equal(classify('/r/.github/workflows/ci.yml', undefined, 'on: push\njobs: {}\n'), 'github-actions');
  assert.equal(classify('/r/.gitlab-ci.yml', undefined, 'stages: [lint]\n'), 'gitlab-ci');
  assert.equal(classify('/r/.infra-guide.yaml', undefined, 'rules: {}\n'), 'infra-guide-config');
  assert.equal(classify('k8s/web.yaml', undefined, 'apiVersion: v1\nkind: Pod\n'), 'kubernetes');
  assert.equal(classify('rules.yaml', undefined, 'groups:\n  - name: x\n    rules: []\n'), 'prometheus-rules');
  assert.equal(classify('values.yaml', undefined, 'replicaCount: 1\n'), 'yaml');
  assert.equal(classify('notes.txt', undefined, 'apiVersion: v1\nkind: Pod\n'), undefined);
});

/** classifyYamlContent as it was, one multi-line regex per top-level key: the oracle of the one-scan version. */
function classifyYamlContentPerKey(text: string): string {
  const head = text.length > 4_000_000 ? text.slice(0, 4_000_000) : text;
  const composeShaped = (): boolean => {
    const m = /^services[ \t]*:[ \t]*(?:#.*)?\r?\n((?:[ \t]*(?:#.*)?\r?\n)*)([ \t]+)(\S)/m.exec(head);
    if (!m || m[3] === '-') return false;
    return /^\s+(image|build)\s*:/m.test(head) && !/^(jobs|steps|pipeline|stages|workflow|script|before_script)\s*:/m.test(head);
  };
  if (/^apiVersion\s*:/m.test(head) && /^kind\s*:/m.test(head)) return 'kubernetes';
  if (/^groups\s*:/m.test(head) && /^\s+(- )?rules\s*:/m.test(head)) return 'prometheus-rules';
  if (composeShaped()) return 'compose';
  if (/^jobs\s*:/m.test(head) && /^["']?on["']?\s*:/m.test(head)) return 'github-actions';
  return 'yaml';
}

test('content classification scans the top-level keys once and answers as one regex per key did', () => {
  // Lines of every kind's top-level keys, written in odd ways: quoted, spaced, split over lines,
  // indented, in comments, behind other text, with CR and U+2028 line ends.
  const pieces = [
    'apiVersion: v1', 'kind: Pod', 'apiVersion', ' :', 'kind\n\n:', 'groups:', '  - name: g', '    rules:', 'rules:', 'jobs:', 'jobs :',
    '"on": push', "'on':", 'on:', 'on', 'services:', 'services :', 'services: # c', '  web:', '  - web', '    image: nginx', '    build: .',
    'steps:', 'pipeline:', 'stages:', 'workflow:', 'script:', 'before_script:', '# jobs:', 'x: jobs:', '  kind: Pod', '\tgroups:', '',
    'servicesx:', 'kindly: 1', '\r', '\u2028kind: x', 'services:\r',
  ];
  let seed = 20261127;
  const rand = (n: number): number => {
    // mulberry32: a small seeded generator, reproducible across runs
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) % n;
  };
  const kinds = new Map<string, number>();
  for (let i = 0; i < 20_000; i++) {
    const lines = Array.from({ length: 1 + rand(8) }, () => pieces[rand(pieces.length)]!);
    const text = lines.join(rand(4) === 0 ? '\r\n' : '\n') + (rand(2) === 0 ? '\n' : '');
    const want = classifyYamlContentPerKey(text);
    assert.equal(classifyYamlContent(text), want, JSON.stringify(text));
    kinds.set(want, (kinds.get(want) ?? 0) + 1);
  }
  // Every answer came up often enough for the comparison to mean something.
  for (const k of ['kubernetes', 'prometheus-rules', 'compose', 'github-actions', 'yaml']) assert.ok((kinds.get(k) ?? 0) > 100, `${k}: ${kinds.get(k) ?? 0}`);
});
