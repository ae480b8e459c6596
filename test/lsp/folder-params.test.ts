// Folders passed to the server's own requests are `file:` URIs or absolute paths: a relative path
// would be resolved against the server's working directory, which means nothing to the client.
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { fileUri, LspClient, removeDir, sleep, tempDir } from './harness';

describe('language server: folder parameters', () => {
  const dirs: string[] = [];
  const clients: LspClient[] = [];

  after(async () => {
    for (const c of clients) await c.dispose();
    for (const d of dirs) removeDir(d);
  });

  it('infraGuide/checkWorkspace refuses relative paths and non-file URIs with InvalidParams, and checks nothing', async () => {
    const dir = tempDir();
    dirs.push(dir);
    mkdirSync(join(dir, 'sub'));
    writeFileSync(join(dir, 'sub', 'Dockerfile'), 'FROM node\n');
    const { client: c } = await LspClient.start();
    clients.push(c);
    const check = (folders: unknown) => c.request<Record<string, number>>('infraGuide/checkWorkspace', { folders }, 10_000);
    const mark = c.mark();
    for (const folders of [['sub'], ['.'], [fileUri(dir), 'sub'], ['untitled:Untitled-1'], ['vscode-vfs://github/x/y'], [5], 'sub', undefined]) {
      await assert.rejects(check(folders), { code: -32602 }, JSON.stringify(folders));
    }
    await sleep(100);
    assert.deepEqual(c.publishes.filter((p) => p.seq > mark).map((p) => p.uri), [], 'nothing checked');
    assert.equal((await check([])).files, 0, 'no folders: nothing to check');
    assert.equal((await check([join(dir, 'sub')])).files, 1, 'an absolute path works');
  });

  it('infraGuide/commitTypes refuses a relative folder', async () => {
    const { client: c } = await LspClient.start();
    clients.push(c);
    await assert.rejects(c.request('infraGuide/commitTypes', { folder: 'sub' }), { code: -32602 });
    const dir = tempDir();
    dirs.push(dir);
    assert.ok(Array.isArray((await c.request<{ types: string[] }>('infraGuide/commitTypes', { folder: dir })).types), 'an absolute path works');
  });
});
