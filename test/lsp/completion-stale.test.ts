// LSP: a completion request answers for the text it was sent with, even when edits arrive while
// the server still waits for the document's settings (`workspace/configuration`).
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { CompletionList, TextEdit } from 'vscode-languageserver-protocol';
import { fileUri, LspClient, removeDir, tempDir } from './harness';

describe('completion while the document changes', () => {
  let client: LspClient;
  let dir: string;

  before(async () => {
    dir = tempDir();
    ({ client } = await LspClient.start({ rootUri: fileUri(dir) }));
  });
  after(async () => {
    await client.dispose();
    removeDir(dir);
  });

  it('answers for the text of the request, not for edits received while reading settings', async () => {
    let release!: () => void;
    const answered = new Promise<void>((resolve) => (release = resolve));
    client.conn.onRequest('workspace/configuration', async (p: { items: unknown[] }) => {
      await answered;
      return p.items.map(() => ({}));
    });
    const uri = fileUri(join(dir, 'Dockerfile'));
    client.open(uri, 'dockerfile', 'FROM node:20\n# infra-guide ignore=\n');
    const request = client.request<CompletionList | null>('textDocument/completion', {
      textDocument: { uri },
      position: { line: 1, character: 21 },
      context: { triggerKind: 2, triggerCharacter: '=' },
    });
    // Typed before the cursor while the server waits: the request's position is in the old text.
    client.change(uri, [{ range: { start: { line: 1, character: 0 }, end: { line: 1, character: 0 } }, text: '  ' }]);
    await new Promise((r) => setTimeout(r, 100));
    release();
    const list = await request;
    const exec = list?.items.find((i) => i.label === 'dockerfile/use-exec-form');
    assert.ok(exec, `rule ids offered; got ${JSON.stringify(list?.items.map((i) => i.label))}`);
    assert.deepEqual((exec.textEdit as TextEdit).range, { start: { line: 1, character: 21 }, end: { line: 1, character: 21 } });
  });
});
