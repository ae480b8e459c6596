// LSP: Kustomize patch lookups follow the workspace folders. Outside git, kustomizations are
// looked for up to the workspace folder holding the file: adding or removing folders
// (`workspace/didChangeWorkspaceFolders`) changes that bound and re-lints the open documents.
// Without any event, the next lint of a document sees kustomizations and `.git` changed on disk.
import assert from 'node:assert/strict';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { fileUri, LspClient, removeDir, tempDir } from './harness';

const PATCH = 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  replicas: 5\n  template:\n    spec:\n      containers:\n        - name: web\n          image: registry.example.com/web:2.4.1\n';

const CAPABILITIES = {
  workspace: { configuration: true, workspaceFolders: true, workspaceEdit: { documentChanges: true }, didChangeConfiguration: { dynamicRegistration: false } },
  textDocument: { publishDiagnostics: { versionSupport: true } },
};

describe('language server: Kustomize lookups and workspace folders', () => {
  const clients: LspClient[] = [];
  const dirs: string[] = [];
  after(async () => {
    for (const c of clients) await c.dispose();
    for (const d of dirs) removeDir(d);
  });

  it('announces workspace folder change notifications to clients that support folders', async () => {
    const { client, init } = await LspClient.start({ capabilities: CAPABILITIES });
    clients.push(client);
    assert.deepEqual(init.capabilities.workspace?.workspaceFolders, { supported: true, changeNotifications: true });
  });

  it('re-lints an open file when a workspace folder above it is added, then removed', async () => {
    // Not in git: the kustomization above the first workspace folder does not count.
    const dir = tempDir();
    dirs.push(dir);
    mkdirSync(join(dir, 'app', 'prod'), { recursive: true });
    writeFileSync(join(dir, 'kustomization.yaml'), 'patches:\n  - path: app/prod/deployment.yaml\n');
    const app = { uri: fileUri(join(dir, 'app')), name: 'app' };
    const outer = { uri: fileUri(dir), name: 'outer' };
    const { client } = await LspClient.start({ capabilities: CAPABILITIES, rootUri: app.uri });
    clients.push(client);
    const uri = fileUri(join(dir, 'app', 'prod', 'deployment.yaml'));
    let mark = client.mark();
    client.open(uri, 'yaml', PATCH);
    let pub = await client.waitForVersion(uri, 1, mark);
    assert.ok(pub.diagnostics.some((d) => d.code === 'kubernetes/set-liveness-probe'), 'a whole object before the folder is added');

    mark = client.mark();
    client.notify('workspace/didChangeWorkspaceFolders', { event: { added: [outer], removed: [app] } });
    pub = await client.waitForPublish(uri, () => true, mark, 5000, 'after the outer folder was added');
    assert.deepEqual(pub.diagnostics, [], 'a patch of the kustomization in the new folder');

    mark = client.mark();
    client.notify('workspace/didChangeWorkspaceFolders', { event: { added: [app], removed: [outer] } });
    pub = await client.waitForPublish(uri, () => true, mark, 5000, 'after the outer folder was removed');
    assert.ok(pub.diagnostics.some((d) => d.code === 'kubernetes/set-liveness-probe'));
  });

  it('sees a kustomization or a git root changed on disk at the next lint, with no watched-file event', async () => {
    const dir = tempDir();
    dirs.push(dir);
    mkdirSync(join(dir, '.git'));
    mkdirSync(join(dir, 'app'));
    const kustomization = join(dir, 'kustomization.yaml');
    writeFileSync(kustomization, 'patches:\n  - path: app/deployment.yaml\n');
    // No watched-file registration: the client watches nothing for the server.
    const { client } = await LspClient.start({ capabilities: CAPABILITIES, initializationOptions: {} });
    clients.push(client);
    const uri = fileUri(join(dir, 'app', 'deployment.yaml'));
    const missing = (diagnostics: { code?: unknown }[]) => diagnostics.some((d) => d.code === 'kubernetes/set-liveness-probe');
    let mark = client.mark();
    client.open(uri, 'yaml', PATCH);
    assert.ok(!missing((await client.waitForVersion(uri, 1, mark)).diagnostics), 'a listed patch');

    // `git init` in `app`: the kustomization above the new git root no longer counts.
    mkdirSync(join(dir, 'app', '.git'));
    mark = client.mark();
    let version = client.change(uri, [{ text: PATCH + '# edited\n' }]);
    assert.ok(missing((await client.waitForVersion(uri, version, mark)).diagnostics), 'under a new git root');

    rmSync(join(dir, 'app', '.git'), { recursive: true });
    writeFileSync(kustomization, 'resources: [app/deployment.yaml]\n');
    mark = client.mark();
    version = client.change(uri, [{ text: PATCH }]);
    assert.ok(missing((await client.waitForVersion(uri, version, mark)).diagnostics), 'the kustomization edited: a resource, not a patch');

    writeFileSync(kustomization, 'patches:\n  - path: app/deployment.yaml\n');
    mark = client.mark();
    version = client.change(uri, [{ text: PATCH + '# again\n' }]);
    assert.ok(!missing((await client.waitForVersion(uri, version, mark)).diagnostics), 'listed again');
  });
});
