// LSP protocol tests: completion edits over text after the cursor. A client announcing
// `completionItem.insertReplaceSupport` gets `InsertReplaceEdit`s (insert: up to the cursor,
// replace: the whole word); any other client gets edits ending at the cursor, which never
// destroy the text after it.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { CompletionItem, CompletionList, InsertReplaceEdit, TextEdit } from 'vscode-languageserver-protocol';
import { fileUri, LspClient, removeDir, tempDir } from './harness';

const BASE_CAPABILITIES = {
  workspace: { configuration: true, workspaceEdit: { documentChanges: true }, didChangeConfiguration: { dynamicRegistration: false } },
  textDocument: { publishDiagnostics: { versionSupport: true } },
};
const WITH_INSERT_REPLACE = {
  ...BASE_CAPABILITIES,
  textDocument: { ...BASE_CAPABILITIES.textDocument, completion: { completionItem: { insertReplaceSupport: true } } },
};

// `# infra-guide ignore=|dockerfile/use-exec-form`: the cursor right before a written id.
const TEXT = 'FROM node:20\n# infra-guide ignore=dockerfile/use-exec-form\nCMD node server.js\n';
const CURSOR = { line: 1, character: '# infra-guide ignore='.length };
const ID_END = '# infra-guide ignore=dockerfile/use-exec-form'.length;

describe('completion edits and the insertReplaceSupport capability', () => {
  let dir: string;
  before(() => {
    dir = tempDir();
  });
  after(() => removeDir(dir));

  async function itemsFor(capabilities: Record<string, unknown>, name: string): Promise<CompletionItem[]> {
    const { client } = await LspClient.start({ rootUri: fileUri(dir), capabilities });
    try {
      client.settings = () => ({});
      const uri = fileUri(join(dir, name, 'Dockerfile'));
      client.open(uri, 'dockerfile', TEXT);
      const list = await client.request<CompletionList | null>('textDocument/completion', { textDocument: { uri }, position: CURSOR, context: { triggerKind: 1 } });
      return list?.items ?? [];
    } finally {
      await client.dispose();
    }
  }

  it('sends both ranges to a client announcing the capability', async () => {
    const items = await itemsFor(WITH_INSERT_REPLACE, 'with');
    const npm = items.find((i) => i.label === 'dockerfile/use-npm-ci');
    assert.ok(npm, items.map((i) => i.label).join(' '));
    const edit = npm.textEdit as InsertReplaceEdit;
    assert.deepEqual(edit.insert, { start: CURSOR, end: CURSOR });
    assert.deepEqual(edit.replace, { start: CURSOR, end: { line: 1, character: ID_END } });
    assert.equal(edit.newText, 'dockerfile/use-npm-ci');
  });

  it('sends a client without it an edit ending at the cursor', async () => {
    const items = await itemsFor(BASE_CAPABILITIES, 'without');
    assert.ok(items.length > 0);
    for (const item of items) {
      const edit = item.textEdit as TextEdit;
      assert.ok('range' in edit, item.label);
      assert.deepEqual(edit.range, { start: CURSOR, end: CURSOR }, item.label);
    }
  });
});
