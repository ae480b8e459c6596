// Adversarial protocol tests, second round: what a shut-down server still does, positions of
// diagnostics in non-ASCII text, the workspace check racing live validation, `context.only`.
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { fileUri, LspClient, removeDir, sleep, tempDir } from './harness';

describe('language server: protocol QA', () => {
  const dirs: string[] = [];
  const clients: LspClient[] = [];
  const mkTemp = (): string => {
    const d = tempDir();
    dirs.push(d);
    return d;
  };
  const start = async (): Promise<LspClient> => {
    const { client } = await LspClient.start();
    clients.push(client);
    return client;
  };

  after(async () => {
    for (const c of clients) await c.dispose();
    for (const d of dirs) removeDir(d);
  });

  it('after shutdown: closing documents, settings and config file changes publish and request nothing', async () => {
    const dir = mkTemp();
    const config = join(dir, '.infra-guide.yaml');
    writeFileSync(config, 'rules:\n  no/such-rule: error\n');
    const c = await start();
    let configRequests = 0;
    c.settings = () => (configRequests++, {});
    const uri = fileUri(join(dir, 'Dockerfile'));
    const mark = c.mark();
    c.open(uri, 'dockerfile', 'FROM node\n');
    await c.waitForVersion(uri, 1, mark);
    await c.waitForPublish(fileUri(config), (p) => p.diagnostics.length > 0, mark);
    assert.equal(await c.request('shutdown', null), null);
    const after = c.mark();
    const requestsBefore = configRequests;
    c.close(uri);
    c.notify('workspace/didChangeConfiguration', { settings: {} });
    c.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: fileUri(config), type: 3 }] });
    await sleep(400);
    assert.deepEqual(c.publishes.filter((p) => p.seq > after).map((p) => p.uri), [], 'a shut-down server publishes nothing');
    assert.equal(configRequests - requestsBefore, 0, 'nor asks for settings');
    const exited = new Promise<number | null>((res) => c.proc.once('exit', (code) => res(code)));
    c.notify('exit', null);
    assert.equal(await exited, 0);
  });
});
