// LSP protocol tests: `infraGuide/commitTypes` answers the commit types `commit/subject-format`
// accepts in a folder — editor settings, then the folder's .infra-guide.yaml — so the client's
// "Insert commit message" offers exactly what the editor then accepts.
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileUri, LspClient, removeDir, tempDir } from './harness';

const DEFAULTS = ['feat', 'fix', 'chore', 'docs', 'refactor', 'test', 'ci', 'perf', 'build'];

describe('infraGuide/commitTypes', () => {
  let client: LspClient;
  let dir: string;

  before(async () => {
    dir = tempDir();
    mkdirSync(join(dir, 'plain'));
    mkdirSync(join(dir, 'infra'));
    writeFileSync(join(dir, 'infra', '.infra-guide.yaml'), 'rules:\n  commit/subject-format:\n    options:\n      types: [infra, ops]\n');
    ({ client } = await LspClient.start({ rootUri: fileUri(dir) }));
  });
  after(async () => {
    await client.dispose();
    removeDir(dir);
  });

  it("answers the defaults, the editor setting, and the folder's config file over both", async () => {
    const ask = (folder: string) => client.request<{ types: string[] }>('infraGuide/commitTypes', { folder: fileUri(join(dir, folder)) });
    assert.deepEqual((await ask('plain')).types, DEFAULTS);
    assert.deepEqual((await ask('infra')).types, ['infra', 'ops']);

    client.settings = (_scope, section) => (section === 'infraGuide' ? { commit: { types: ['feat', 'hotfix'] } } : {});
    await client.conn.sendNotification('workspace/didChangeConfiguration', { settings: null });
    assert.deepEqual((await ask('plain')).types, ['feat', 'hotfix']);
    assert.deepEqual((await ask('infra')).types, ['infra', 'ops'], 'the config file wins over the editor setting');
  });

  it('refuses a folder that is not a file: URI', async () => {
    await assert.rejects(client.request('infraGuide/commitTypes', { folder: 5 }), { code: -32602 });
    await assert.rejects(client.request('infraGuide/commitTypes', {}), { code: -32602 });
  });
});
