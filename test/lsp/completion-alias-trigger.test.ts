// LSP protocol tests: `*` is a completion trigger character for the aliases of `.infra-guide.yaml`
// (anchor names after `<<: *` or `key: *`), and answers nothing anywhere else — not in
// Dockerfiles, Compose or Kubernetes YAML (where a pragma's or label's `compose/*` would pop
// rule ids up), nor in the config file where no alias is typed.
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { CompletionItem, CompletionList, InitializeResult, Position, TextEdit } from 'vscode-languageserver-protocol';
import { fileUri, LspClient, removeDir, tempDir } from './harness';

const TRIGGER_CHARACTER = 2;

describe('the `*` completion trigger over the language server protocol', () => {
  let client: LspClient;
  let init: InitializeResult;
  let dir: string;
  let opened = 0;

  before(async () => {
    dir = tempDir();
    ({ client, init } = await LspClient.start({ rootUri: fileUri(dir) }));
    client.settings = () => ({});
  });
  after(async () => {
    await client.dispose();
    removeDir(dir);
  });

  /** Opens `text` (cursor at `|`, just after the `*` typed) as `name` and asks as the client does when `*` is typed. */
  async function typedStar(name: string, languageId: string, text: string): Promise<CompletionItem[]> {
    const bar = text.indexOf('|');
    const clean = text.slice(0, bar) + text.slice(bar + 1);
    const before = clean.slice(0, bar);
    assert.equal(before.at(-1), '*', 'the cursor follows the `*` typed');
    const position: Position = { line: before.split('\n').length - 1, character: bar - (before.lastIndexOf('\n') + 1) };
    const path = join(dir, `${opened++}`);
    mkdirSync(path, { recursive: true });
    const uri = fileUri(join(path, name));
    client.open(uri, languageId, clean);
    const context = { triggerKind: TRIGGER_CHARACTER, triggerCharacter: '*' };
    const result = await client.request<CompletionList | null>('textDocument/completion', { textDocument: { uri }, position, context });
    client.close(uri);
    return result?.items ?? [];
  }
  const labels = (items: CompletionItem[]) => items.map((i) => i.label);
  const anchors = 'x-base: &base\n  dockerfile/use-exec-form: off\nx-level: &lv warning\n';

  it('advertises `*` as a trigger character', () => {
    assert.ok(init.capabilities.completionProvider?.triggerCharacters?.includes('*'));
  });

  it('offers the anchor names when `*` is typed for a merge key or a value of the config file', async () => {
    const merge = await typedStar('.infra-guide.yaml', 'yaml', anchors + 'rules:\n  <<: *|\n');
    assert.deepEqual(labels(merge), ['*base'], 'only mappings merge');
    const edit = merge[0]!.textEdit as TextEdit;
    assert.deepEqual(edit.range, { start: { line: 4, character: 6 }, end: { line: 4, character: 7 } }, 'the `*` typed is replaced');
    assert.equal(edit.newText, '*base');
    assert.deepEqual(labels(await typedStar('.infra-guide.yaml', 'yaml', anchors + 'rules:\n  dockerfile/pin-base-image-version: *|\n')), ['*base', '*lv']);
    assert.deepEqual(labels(await typedStar('.infra-guide.yaml', 'yaml', anchors + 'rules: {<<: [*base, *|]}\n')), ['*base']);
  });

  it('answers nothing on `*` in the config file where no alias of an anchor is typed', async () => {
    for (const text of [
      anchors + 'ignore:\n  - "vendor/*|"\n',
      anchors + 'ignore:\n  - **|\n',
      anchors + '# see *|\n',
      'rules:\n  <<: *|\n',
    ]) {
      assert.deepEqual(await typedStar('.infra-guide.yaml', 'yaml', text), [], text);
    }
  });

  it('answers nothing on `*` in Dockerfiles, Compose and Kubernetes files, even in a pragma or ignore label', async () => {
    for (const [name, languageId, text] of [
      ['Dockerfile', 'dockerfile', 'FROM node:20\n# infra-guide ignore=dockerfile/*|\n'],
      ['compose.yaml', 'yaml', `x-base: &base\n  image: app:1\nservices:\n  web:\n    <<: *|\n`],
      ['compose.yaml', 'yaml', 'services:\n  web:\n    image: app:1\n    labels:\n      infra-guide.io/ignore: "compose/*|"\n'],
      ['pod.yaml', 'yaml', 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n  annotations:\n    infra-guide.io/ignore: kubernetes/*|\n'],
    ] as const) {
      assert.deepEqual(await typedStar(name, languageId, text), [], `${name}: ${text}`);
    }
  });
});
