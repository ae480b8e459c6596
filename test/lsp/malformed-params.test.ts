// Malformed params fail quietly: requests answer InvalidParams, text document notifications are
// ignored with one warning per method; nothing is logged as an error, no stack trace.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { fileUri, LspClient, removeDir, sleep, tempDir } from './harness';

const ERROR = 1;
const WARNING = 2;

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

  it('malformed text document notifications are ignored with one warning per method; the server goes on', async () => {
    const { c, dir } = await start();
    const uri = fileUri(join(dir, 'Dockerfile'));
    const bad = fileUri(join(dir, 'bad', 'Dockerfile'));
    const mark = c.mark();
    const td = { uri: bad, languageId: 'dockerfile', version: 1, text: 'FROM node\n' };
    for (const params of [{ textDocument: { ...td, uri: 5 } }, {}, { textDocument: { ...td, text: 5 } }, { textDocument: { ...td, version: '1' } }, { textDocument: { ...td, languageId: null } }]) {
      c.notify('textDocument/didOpen', params);
    }
    c.open(uri, 'dockerfile', 'FROM node\n');
    await c.waitForVersion(uri, 1, mark);
    for (const params of [
      { textDocument: { uri, version: null }, contentChanges: [{ text: 'FROM x\n' }] },
      { textDocument: { uri, version: 2 }, contentChanges: 'FROM x\n' },
      { textDocument: { uri, version: 2 }, contentChanges: [{ text: 5 }] },
      { textDocument: { uri, version: 2 }, contentChanges: [{ range: { start: { line: 0 } }, text: 'x' }] },
      { textDocument: { uri: 5, version: 2 }, contentChanges: [] },
      {},
    ]) {
      c.notify('textDocument/didChange', params);
    }
    for (const params of [{}, { textDocument: {} }, { textDocument: { uri: 7 } }]) c.notify('textDocument/didClose', params);
    await sleep(300);
    assert.deepEqual(c.publishesFor(bad), [], 'a malformed didOpen opens nothing');
    assert.deepEqual(c.publishesFor(uri, mark).map((p) => p.version), [1], 'malformed changes change nothing');
    // The server still works, the document is still open at version 1.
    const next = c.mark();
    const v = c.change(uri, [{ range: { start: { line: 0, character: 5 }, end: { line: 0, character: 9 } }, text: 'node:20-alpine' }]);
    const pub = await c.waitForVersion(uri, v, next);
    assert.ok(!pub.diagnostics.some((d) => d.code === 'dockerfile/pin-base-image-version'), 'the valid change applied to version 1');
    assert.deepEqual(c.logs.filter((l) => l.type === ERROR).map((l) => l.message), [], 'no error, no unhandled rejection');
    const warnings = c.logs.filter((l) => l.type === WARNING).map((l) => l.message);
    assert.deepEqual(warnings.sort(), [
      'ignoring textDocument/didChange with malformed params (further ones are ignored silently)',
      'ignoring textDocument/didClose with malformed params (further ones are ignored silently)',
      'ignoring textDocument/didOpen with malformed params (further ones are ignored silently)',
    ]);
  });
});
