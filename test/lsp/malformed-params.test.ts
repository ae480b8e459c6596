// Malformed params fail quietly: requests answer InvalidParams; nothing is logged as an error, no
// stack trace.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { fileUri, LspClient, removeDir, sleep, tempDir } from './harness';

const ERROR = 1;

describe('language server: malformed params', () => {
  const dirs: string[] = [];
  const clients: LspClient[] = [];
  const start = async (): Promise<{ c: LspClient; dir: string }> => {
    const { client: c } = await LspClient.start();
    clients.push(c);
    const dir = tempDir();
    dirs.push(dir);
    return { c, dir };
  };

  after(async () => {
    for (const c of clients) await c.dispose();
    for (const d of dirs) removeDir(d);
  });

  it('completion without a valid position or document answers InvalidParams, logging no error', async () => {
    const { c, dir } = await start();
    const uri = fileUri(join(dir, 'Dockerfile'));
    const mark = c.mark();
    c.open(uri, 'dockerfile', 'FROM node\n# infra-guide \n');
    await c.waitForVersion(uri, 1, mark);
    const complete = (params: unknown) => c.request('textDocument/completion', params, 5000);
    for (const params of [
      { textDocument: { uri } },
      { textDocument: { uri }, position: null },
      { textDocument: { uri }, position: { line: 1 } },
      { textDocument: { uri }, position: { line: -1, character: 0 } },
      { textDocument: { uri }, position: { line: '1', character: 0 } },
      { position: { line: 1, character: 13 } },
      { textDocument: { uri: 5 }, position: { line: 1, character: 13 } },
      {},
      null,
    ]) {
      await assert.rejects(complete(params), { code: -32602 }, JSON.stringify(params));
    }
    const ok = (await complete({ textDocument: { uri }, position: { line: 1, character: 13 }, context: { triggerKind: 1 } })) as { items: unknown[] };
    assert.ok(ok.items.length > 0, 'a valid request still completes');
    await complete({ textDocument: { uri }, position: { line: 1, character: 13 }, context: { triggerKind: 2, triggerCharacter: 5 } });
    await sleep(100);
    assert.deepEqual(c.logs.filter((l) => l.type === ERROR).map((l) => l.message), []);
  });
});
