import { test } from 'node:test';
import assert from 'node:assert/strict';
import { classify, isDockerfileName } from './classify';

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
