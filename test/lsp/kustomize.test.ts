// LSP: an open file that a kustomization lists as a patch gets no "missing field" diagnostics;
// kustomization changes on disk (watched-file events) re-lint the open documents.
import assert from 'node:assert/strict';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { fileUri, LspClient, removeDir, tempDir, type Publish } from './harness';

const MISSING = ['kubernetes/run-as-non-root', 'kubernetes/set-liveness-probe', 'kubernetes/set-readiness-probe', 'kubernetes/set-resource-limits', 'kubernetes/set-resource-requests'];
const FIX_ALL = 'source.fixAll.infraGuide';

/** Bumps the image and replicas; a plain name, not one that looks like a patch. */
const PATCH = 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  replicas: 5\n  template:\n    spec:\n      containers:\n        - name: web\n          image: registry.example.com/web:2.4.1\n';

const codes = (p: Publish): string[] => [...new Set(p.diagnostics.map((d) => String(d.code)))].sort();

describe('language server: Kustomize patches', () => {
  const clients: LspClient[] = [];
  const dirs: string[] = [];
  after(async () => {
    for (const c of clients) await c.dispose();
    for (const d of dirs) removeDir(d);
  });
  const setUp = async (rootUri: string | null = null) => {
    const { client } = await LspClient.start({ rootUri });
    clients.push(client);
    return client;
  };
  const mkTemp = () => {
    const d = tempDir();
    dirs.push(d);
    return d;
  };

  it('a listed patch gets no missing-field findings until the kustomization drops it', async () => {
    const client = await setUp();
    const dir = mkTemp();
    mkdirSync(join(dir, '.git'));
    mkdirSync(join(dir, 'overlays', 'prod', 'env'), { recursive: true });
    const kustomization = join(dir, 'overlays', 'prod', 'kustomization.yaml');
    writeFileSync(kustomization, 'resources: [../../base]\npatches:\n  - path: env/deployment.yaml\n');
    const uri = fileUri(join(dir, 'overlays', 'prod', 'env', 'deployment.yaml'));
    let mark = client.mark();
    client.open(uri, 'yaml', PATCH);
    let pub = await client.waitForVersion(uri, 1, mark);
    assert.deepEqual(pub.diagnostics, []);
    // Fix-all has nothing to add to a patch either.
    const actions = await client.codeActions(uri, { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, [], [FIX_ALL]);
    assert.deepEqual(actions, []);

    // The kustomization no longer lists it: findings appear after the watched-file event.
    writeFileSync(kustomization, 'resources: [../../base]\n');
    mark = client.mark();
    client.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: fileUri(kustomization), type: 2 }] });
    pub = await client.waitForPublish(uri, (p) => p.diagnostics.length > 0, mark, 5000, 'after the kustomization dropped the patch');
    assert.deepEqual(codes(pub), MISSING);

    // A `Kustomization` created in an ancestor folder lists it again (path relative to that folder).
    rmSync(kustomization);
    const upper = join(dir, 'overlays', 'Kustomization');
    writeFileSync(upper, 'patchesStrategicMerge:\n  - prod/env/deployment.yaml\n');
    mark = client.mark();
    client.notify('workspace/didChangeWatchedFiles', {
      changes: [
        { uri: fileUri(kustomization), type: 3 },
        { uri: fileUri(upper), type: 1 },
      ],
    });
    pub = await client.waitForPublish(uri, () => true, mark, 5000, 'after a Kustomization listed it');
    assert.deepEqual(pub.diagnostics, []);
  });

  it('outside git, kustomizations are looked for up to the workspace folder', async () => {
    const dir = mkTemp();
    const client = await setUp(fileUri(dir));
    mkdirSync(join(dir, 'prod'));
    writeFileSync(join(dir, 'kustomization.yml'), 'patches:\n  - path: ./prod/deployment.yaml\n');
    const uri = fileUri(join(dir, 'prod', 'deployment.yaml'));
    const other = fileUri(join(dir, 'prod', 'other.yaml'));
    const mark = client.mark();
    client.open(uri, 'yaml', PATCH);
    client.open(other, 'yaml', PATCH);
    assert.deepEqual((await client.waitForVersion(uri, 1, mark)).diagnostics, []);
    assert.deepEqual(codes(await client.waitForVersion(other, 1, mark)), MISSING, 'not listed');
  });
});
