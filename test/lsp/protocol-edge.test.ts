// Adversarial protocol tests: document lifecycle races, stale code action requests, position
// encoding, CRLF and pragma placement, lifecycle edge cases — over the real stdio server.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Diagnostic } from 'vscode-languageserver-protocol';
import { CancellationTokenSource } from 'vscode-jsonrpc';
import { editsFor, fileUri, LspClient, removeDir, sleep, tempDir, withTimeout, type Publish } from './harness';
import { LARGE_TEXT_LENGTH } from '../../server/src/lsp/lint-worker';

const PIN = 'dockerfile/pin-base-image-version';
const codes = (p: Publish): string[] => p.diagnostics.map((d) => String(d.code));
const show = (ds: Diagnostic[]): string => ds.map((d) => `${d.code}@${d.range.start.line}:${d.range.start.character}`).join(' ');

/**
 * A YAML file that takes long to lint (~0.5–1 s: thousands of Pods, each with findings) but is
 * linted in the main worker, where other files wait behind it: below LARGE_TEXT_LENGTH.
 */
function slowYaml(): string {
  let text = '';
  for (let i = 0; text.length < LARGE_TEXT_LENGTH - 200; i++) text += `apiVersion: v1\nkind: Pod\nmetadata:\n  name: p${i}\nspec:\n  containers:\n    - name: c\n      image: nginx\n---\n`;
  return text;
}

describe('language server: protocol edge cases', () => {
  let client: LspClient;
  const dir = tempDir();

  before(async () => {
    client = (await LspClient.start()).client;
  });

  after(async () => {
    await client?.dispose();
    removeDir(dir);
  });

  it('a document closed and reopened with the same version never gets the old text\'s diagnostics', async () => {
    // Editors restart versions at 1 when a file is reopened. The lint of the closed buffer may
    // still be queued or running then: its result belongs to the old text, not the new buffer.
    const uri = fileUri(join(dir, 'reopen', 'Dockerfile'));
    const mark = client.mark();
    client.open(fileUri(join(dir, 'reopen', 'slow.yaml')), 'yaml', slowYaml());
    client.open(uri, 'dockerfile', 'FROM node\n');
    await sleep(100); // the lint of `FROM node` waits behind the slow one
    client.close(uri);
    const reopened = client.mark();
    client.open(uri, 'dockerfile', 'FROM node:20-alpine\nUSER node\n');
    const pub = await client.waitForVersion(uri, 1, reopened, 15_000);
    assert.deepEqual(codes(pub), [], `diagnostics of the closed text: ${show(pub.diagnostics)}`);
    await sleep(200);
    const last = client.publishesFor(uri, mark).at(-1)!;
    assert.deepEqual(codes(last), [], `last publish: ${show(last.diagnostics)}`);
    // Code actions answer for the reopened text too.
    const fixAll = await client.codeActions(uri, { start: { line: 0, character: 0 }, end: { line: 2, character: 0 } }, [], ['source.fixAll']);
    assert.deepEqual(fixAll, []);
  });

  it('diagnostics of an older version get no disable action that would land on another line', async () => {
    const uri = fileUri(join(dir, 'stale', 'Dockerfile'));
    let mark = client.mark();
    client.open(uri, 'dockerfile', 'FROM node\nUSER node\n');
    const old = (await client.waitForVersion(uri, 1, mark)).diagnostics.filter((d) => d.code === PIN);
    assert.equal(old.length, 1);
    // A new stage above: `FROM node` moves to line 2, line 0 is now a pinned image.
    mark = client.mark();
    const v = client.change(uri, [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: 'FROM python:3.12-slim AS py\nUSER py\n' }]);
    const now = (await client.waitForVersion(uri, v, mark)).diagnostics.filter((d) => d.code === PIN);
    assert.deepEqual(now.map((d) => d.range.start.line), [2]);
    // The editor asks with the diagnostics it still shows (version 1, line 0).
    const actions = await client.codeActions(uri, old[0]!.range, old);
    const misplaced = actions.filter((a) => editsFor(a.edit, uri).some((e) => e.range.start.line !== 2 && !a.title.endsWith('for this file')));
    assert.deepEqual(misplaced.map((a) => `${a.title} @${editsFor(a.edit, uri)[0]!.range.start.line}`), []);
    // The current diagnostic gets its pragma above its own line, and applying it silences it.
    const fresh = await client.codeActions(uri, now[0]!.range, now);
    const line = fresh.find((a) => a.title === `Disable ${PIN} for this line`)!;
    assert.deepEqual(editsFor(line.edit, uri)[0]!.range.start, { line: 2, character: 0 });
    mark = client.mark();
    const v2 = client.applyEdits(uri, editsFor(line.edit, uri));
    assert.deepEqual((await client.waitForVersion(uri, v2, mark)).diagnostics.filter((d) => d.code === PIN), []);
  });

  it('a cancelled fix-all answers RequestCancelled (still queued for the lint worker, it is dropped)', async () => {
    // A server of its own whose lint worker hangs on a marker until the lint deadline: the worker is
    // then certainly busy when the fix-all arrives, however slow the machine (a slow document alone
    // left a race: on a loaded machine its lint could reach the worker after the fix-all).
    const deadlineMs = 4000;
    const { client: c } = await LspClient.start({ env: { INFRA_GUIDE_LSP_TEST_HANG_MARKER: 'HANG-THE-LINTER', INFRA_GUIDE_LSP_LINT_TIMEOUT_MS: String(deadlineMs) } });
    try {
      const dirC = join(dir, 'cancel');
      const pod = fileUri(join(dirC, 'pods.yaml'));
      let mark = c.mark();
      c.open(pod, 'yaml', 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: x\nspec:\n  containers:\n    - name: app\n      image: nginx\n');
      await c.waitForVersion(pod, 1, mark, 15_000);
      mark = c.mark();
      const hung = fileUri(join(dirC, 'hung.yaml'));
      c.open(hung, 'yaml', '# HANG-THE-LINTER\nkind: ConfigMap\n');
      await sleep(deadlineMs / 4); // the hung lint reaches the worker, which stays busy for the rest of the deadline
      const source = new CancellationTokenSource();
      const request = c.conn.sendRequest('textDocument/codeAction', { textDocument: { uri: pod }, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, context: { diagnostics: [], only: ['source.fixAll'] } }, source.token);
      await sleep(5);
      source.cancel();
      await assert.rejects(withTimeout(request, 15_000, 'cancelled code action'), { code: -32800 });
      // The worker was restarted at the deadline; the hung document gets the note saying so.
      assert.deepEqual((await c.waitForVersion(hung, 1, mark, 15_000)).diagnostics.map((d) => d.code), ['infra-guide/lint-timeout']);
      // The fresh worker answers the next fix-all.
      const again = await c.codeActions(pod, { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, [], ['source.fixAll']);
      assert.ok(Array.isArray(again));
      assert.ok(c.alive);
    } finally {
      await c.dispose();
    }
  });

  it('after shutdown: requests fail with InvalidRequest, changes publish nothing, exit ends with code 0', async () => {
    const { client: c } = await LspClient.start();
    try {
      const uri = fileUri(join(dir, 'shutdown', 'Dockerfile'));
      let mark = c.mark();
      c.open(uri, 'dockerfile', 'FROM node\n');
      await c.waitForVersion(uri, 1, mark);
      assert.equal(await c.request('shutdown', null), null);
      mark = c.mark();
      c.change(uri, [{ text: 'FROM python\n' }]);
      c.open(fileUri(join(dir, 'shutdown', 'b', 'Dockerfile')), 'dockerfile', 'FROM node\n');
      const range = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
      await assert.rejects(c.request('textDocument/codeAction', { textDocument: { uri }, range, context: { diagnostics: [], only: ['source.fixAll'] } }, 3000), { code: -32600 });
      await assert.rejects(c.request('infraGuide/checkWorkspace', { folders: [dir] }, 3000), { code: -32600 });
      await sleep(300);
      assert.deepEqual(c.publishes.filter((p) => p.seq > mark), [], 'a shut-down server publishes nothing');
      assert.deepEqual(c.logs.filter((l) => l.type === 1), [], 'and logs no errors');
      const exited = new Promise<number | null>((res) => c.proc.once('exit', (code) => res(code)));
      c.notify('exit', null);
      assert.equal(await exited, 0);
    } finally {
      await c.dispose();
    }
  });
});
