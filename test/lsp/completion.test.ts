// LSP protocol tests: `textDocument/completion` against the real server — pragmas, the ignore
// annotation, `.infra-guide.yaml` and commit messages, with the config file and editor settings
// the server reads for the document (no lint needed to answer).
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { CompletionItem, CompletionList, InitializeResult, Position } from 'vscode-languageserver-protocol';
import { fileUri, LspClient, removeDir, tempDir } from './harness';

const TRIGGER_CHARACTER = 2;
const INVOKED = 1;

describe('completion over the language server protocol', () => {
  let client: LspClient;
  let init: InitializeResult;
  let dir: string;
  let settings: Record<string, unknown> = {};
  let opened = 0;

  before(async () => {
    dir = tempDir();
    ({ client, init } = await LspClient.start({ rootUri: fileUri(dir) }));
    client.settings = (_uri, section) => (section === 'infraGuide' ? settings : {});
  });
  after(async () => {
    await client.dispose();
    removeDir(dir);
  });

  /** Opens `text` (cursor at `|`) as a new document under `folder` and asks for completions there. */
  async function complete(folder: string, name: string, languageId: string, text: string, trigger?: string): Promise<CompletionList | null> {
    const bar = text.indexOf('|');
    const clean = text.slice(0, bar) + text.slice(bar + 1);
    const before = clean.slice(0, bar);
    const position: Position = { line: before.split('\n').length - 1, character: bar - (before.lastIndexOf('\n') + 1) };
    const path = join(dir, folder, `${opened++}`);
    mkdirSync(path, { recursive: true });
    const uri = fileUri(join(path, name));
    client.open(uri, languageId, clean);
    const context = trigger === undefined ? { triggerKind: INVOKED } : { triggerKind: TRIGGER_CHARACTER, triggerCharacter: trigger };
    const result = await client.request<CompletionList | CompletionItem[] | null>('textDocument/completion', { textDocument: { uri }, position, context });
    client.close(uri);
    if (Array.isArray(result)) assert.fail('the server answers a CompletionList');
    return result;
  }
  const labels = (list: CompletionList | null) => (list?.items ?? []).map((i) => i.label);

  it('advertises completion with its trigger characters', () => {
    assert.deepEqual(init.capabilities.completionProvider?.triggerCharacters, ['=', ',', ' ', '*']);
  });

  it('completes the rule ids of a Dockerfile pragma, complete (not incomplete), with docs', async () => {
    const list = await complete('plain', 'Dockerfile', 'dockerfile', 'FROM node:20\n# infra-guide ignore=|\nCMD node server.js\n', '=');
    assert.equal(list?.isIncomplete, false);
    assert.ok(labels(list).includes('dockerfile/use-exec-form'));
    assert.ok(labels(list).every((l) => l.startsWith('dockerfile/')), labels(list).join(' '));
    const exec = list!.items.find((i) => i.label === 'dockerfile/use-exec-form')!;
    assert.equal(exec.detail, 'Write CMD and ENTRYPOINT in exec form');
    assert.match(JSON.stringify(exec.documentation), /docs\/rules\/dockerfile\/use-exec-form\.md/);
    assert.deepEqual(labels(await complete('plain', 'Dockerfile', 'dockerfile', 'FROM node:20\n# infra-guide |\n', ' ')), ['ignore=', 'ignore-file=']);
  });

  it('answers a space typed in ordinary text with no items', async () => {
    assert.deepEqual(labels(await complete('plain', 'Dockerfile', 'dockerfile', 'FROM node:20\nRUN npm install |\n', ' ')), []);
    assert.deepEqual(labels(await complete('plain', 'COMMIT_EDITMSG', 'git-commit', 'feat(#1): Add |\n', ' ')), []);
  });

  it('offers no pragma where the folder\'s config file forbids them', async () => {
    mkdirSync(join(dir, 'strict'), { recursive: true });
    writeFileSync(join(dir, 'strict', '.infra-guide.yaml'), 'pragmas:\n  allow: false\n');
    assert.deepEqual(labels(await complete('strict', 'Dockerfile', 'dockerfile', 'FROM node:20\n# infra-guide ignore=|\n', '=')), []);
  });

  it('completes the ignore annotation of a Kubernetes manifest', async () => {
    const text = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\n  annotations:\n    infra-guide.io/ignore: "kubernetes/pin-image-version,|"\n';
    const got = labels(await complete('plain', 'pod.yaml', 'yaml', text, ','));
    assert.ok(got.includes('kubernetes/set-resource-limits') && got.includes('kubernetes/*') && got.includes('*'));
    assert.ok(!got.includes('kubernetes/pin-image-version'));
  });

  it('completes rule ids and levels in a half-typed .infra-guide.yaml', async () => {
    const ids = labels(await complete('cfg', '.infra-guide.yaml', 'yaml', 'rules:\n  dockerfile/pin|\n'));
    assert.ok(ids.includes('dockerfile/pin-base-image-version'));
    assert.deepEqual(labels(await complete('cfg', '.infra-guide.yaml', 'yaml', 'rules:\n  dockerfile/use-exec-form: |\n')), ['off', 'info', 'warning', 'error']);
  });

  it('completes the commit types of the editor settings, then of the folder\'s config file', async () => {
    settings = { commit: { types: ['feat', 'hotfix'] } };
    client.notify('workspace/didChangeConfiguration', { settings: null });
    assert.deepEqual(labels(await complete('plain', 'COMMIT_EDITMSG', 'git-commit', '|\n# Please enter the commit message\n')), ['feat', 'hotfix']);
    mkdirSync(join(dir, 'ops'), { recursive: true });
    writeFileSync(join(dir, 'ops', '.infra-guide.yaml'), 'rules:\n  commit/subject-format:\n    options:\n      types: [infra, ops]\n');
    const list = await complete('ops', 'COMMIT_EDITMSG', 'git-commit', 'in|\n');
    assert.deepEqual(labels(list), ['infra', 'ops']);
    assert.equal((list!.items[0]!.textEdit as { newText: string }).newText, 'infra(#');
    const footer = await complete('plain', 'COMMIT_EDITMSG', 'git-commit', 'feat(#42): Add cache\n\n- Add Redis\n\nRe|\n');
    assert.deepEqual(labels(footer), ['Refs #42']);
    settings = {};
    client.notify('workspace/didChangeConfiguration', { settings: null });
  });

  it('answers nothing with infraGuide.enable off', async () => {
    settings = { enable: false };
    client.notify('workspace/didChangeConfiguration', { settings: null });
    const list = await complete('plain', 'Dockerfile', 'dockerfile', 'FROM node:20\n# infra-guide ignore=|\n', '=');
    assert.deepEqual(labels(list), []);
    settings = {};
    client.notify('workspace/didChangeConfiguration', { settings: null });
  });
});
