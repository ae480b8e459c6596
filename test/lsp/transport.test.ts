// Transports and start-up of the built server: --node-ipc, importing without starting, dynamic
// registrations for editors other than VS Code, and the workspace check over worker threads.
import assert from 'node:assert/strict';
import { fork, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { after, describe, it } from 'node:test';
import { createMessageConnection, IPCMessageReader, IPCMessageWriter } from 'vscode-jsonrpc/node';
import type { PublishDiagnosticsParams } from 'vscode-languageserver-protocol';
import { CLI_JS, fileUri, LspClient, removeDir, SERVER_JS, tempDir, withTimeout } from './harness';

describe('server transports and start-up', () => {
  const children: ChildProcess[] = [];
  const clients: LspClient[] = [];
  const dirs: string[] = [];

  after(async () => {
    for (const c of clients) await c.dispose();
    for (const p of children) if (p.exitCode === null) p.kill('SIGKILL');
    for (const d of dirs) removeDir(d);
  });

  it('serves over --node-ipc', async () => {
    const proc = fork(SERVER_JS, ['--node-ipc'], { stdio: ['ignore', 'ignore', 'pipe', 'ipc'] });
    children.push(proc);
    const conn = createMessageConnection(new IPCMessageReader(proc), new IPCMessageWriter(proc));
    const published = new Promise<PublishDiagnosticsParams>((res) => conn.onNotification('textDocument/publishDiagnostics', (p: PublishDiagnosticsParams) => res(p)));
    conn.listen();
    try {
      const init = await withTimeout(conn.sendRequest<{ capabilities: Record<string, unknown> }>('initialize', { processId: process.pid, rootUri: null, capabilities: {} }), 10_000, 'initialize');
      assert.ok(init.capabilities['codeActionProvider']);
      await conn.sendNotification('initialized', {});
      await conn.sendNotification('textDocument/didOpen', { textDocument: { uri: 'untitled:ipc', languageId: 'dockerfile', version: 1, text: 'FROM node\n' } });
      const p = await withTimeout(published, 5000, 'publishDiagnostics over IPC');
      assert.deepEqual(
        p.diagnostics.map((d) => d.code).filter((c) => c === 'dockerfile/pin-base-image-version'),
        ['dockerfile/pin-base-image-version'],
      );
      await withTimeout(conn.sendRequest('shutdown'), 2000, 'shutdown');
      await conn.sendNotification('exit');
    } finally {
      conn.dispose();
    }
  });

  it('serves over stdio through the CLI (`infra-guide lsp --stdio`)', async () => {
    const { client, init } = await LspClient.start({ args: [CLI_JS, 'lsp', '--stdio'] });
    clients.push(client);
    assert.ok(init.capabilities.codeActionProvider);
    const uri = 'untitled:cli-lsp';
    const mark = client.mark();
    client.open(uri, 'dockerfile', 'FROM node\n');
    const pub = await client.waitForVersion(uri, 1, mark);
    assert.ok(pub.diagnostics.some((d) => d.code === 'dockerfile/pin-base-image-version'));
  });

  it('a rule that never returns does not hang the server: the lint worker is restarted', async () => {
    const { client } = await LspClient.start({ env: { INFRA_GUIDE_LSP_TEST_HANG_MARKER: 'HANG-THE-LINTER', INFRA_GUIDE_LSP_LINT_TIMEOUT_MS: '1500' } });
    clients.push(client);
    const hung = 'untitled:hung';
    const ok = 'untitled:ok';
    let mark = client.mark();
    client.open(hung, 'dockerfile', 'FROM node\n# HANG-THE-LINTER\n');
    client.open(ok, 'dockerfile', 'FROM node\n');
    const okPub = await client.waitForVersion(ok, 1, mark, 10_000);
    assert.ok(okPub.diagnostics.some((d) => d.code === 'dockerfile/pin-base-image-version'));
    const hungPub = await client.waitForVersion(hung, 1, mark, 10_000);
    // One note instead of the findings (severity 3: information).
    assert.deepEqual(
      hungPub.diagnostics.map((d) => [d.code, d.severity, d.range.start.line, d.message]),
      [['infra-guide/lint-timeout', 3, 0, 'Linting did not finish within 1500 ms: no findings are shown for this file. `infra-guide check` lints it without a time limit.']],
    );
    assert.ok(client.logs.some((l) => /did not finish within 1500 ms/.test(l.message)), client.logs.map((l) => l.message).join('\n'));
    // The file was not linted: no quick fixes, and no "Disable" actions (a pragma could not silence the note).
    const actions = await client.codeActions(hung, hungPub.diagnostics[0]!.range, hungPub.diagnostics);
    assert.deepEqual(actions.map((a) => a.title), []);
    // Still hung after an edit: linted in the second worker now, so another file is not held back.
    mark = client.mark();
    const stillHung = client.change(hung, [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: '# edited\n' }]);
    await sleep(100);
    client.open('untitled:ok2', 'dockerfile', 'FROM node\n');
    const ok2Pub = await client.waitForVersion('untitled:ok2', 1, mark, 10_000);
    const stillHungPub = await client.waitForVersion(hung, stillHung, mark, 10_000);
    assert.deepEqual(stillHungPub.diagnostics.map((d) => d.code), ['infra-guide/lint-timeout']);
    assert.ok(ok2Pub.seq < stillHungPub.seq, 'the other file was published while the hung one was still being linted');
    // Answers requests meanwhile, and lints again once the document is fine.
    mark = client.mark();
    const v = client.change(hung, [{ range: { start: { line: 2, character: 0 }, end: { line: 3, character: 0 } }, text: '' }]);
    const again = await client.waitForVersion(hung, v, mark, 10_000);
    assert.ok(again.diagnostics.some((d) => d.code === 'dockerfile/pin-base-image-version'));
    assert.ok(client.alive);
  });

  it('a large file that takes long to lint does not hold back the diagnostics of a small one', async () => {
    const deadlineMs = 6000;
    const { client } = await LspClient.start({ env: { INFRA_GUIDE_LSP_TEST_HANG_MARKER: 'HANG-THE-LINTER', INFRA_GUIDE_LSP_LINT_TIMEOUT_MS: String(deadlineMs) } });
    clients.push(client);
    const large = 'untitled:large.yaml';
    const small = 'untitled:small';
    const mark = client.mark();
    // 300 K characters (the second worker takes texts from 256 K on); it lints until the deadline.
    client.open(large, 'yaml', '# HANG-THE-LINTER\n' + `# ${'x'.repeat(98)}\n`.repeat(3000) + 'kind: ConfigMap\n');
    await sleep(200); // its lint has started
    client.open(small, 'dockerfile', 'FROM node\n');
    const smallPub = await client.waitForVersion(small, 1, mark, deadlineMs * 2);
    assert.ok(smallPub.diagnostics.some((d) => d.code === 'dockerfile/pin-base-image-version'));
    const largePub = await client.waitForVersion(large, 1, mark, deadlineMs * 2);
    assert.deepEqual(largePub.diagnostics.map((d) => d.code), ['infra-guide/lint-timeout']);
    assert.ok(smallPub.seq < largePub.seq, 'the small file was published first, while the large one was still being linted');
  });

  it('does not start a server when the bundle is imported', () => {
    const res = spawnSync(
      process.execPath,
      ['-e', `const s = require(${JSON.stringify(SERVER_JS)}); if (typeof s.startServer !== 'function') process.exit(3);`],
      { timeout: 10_000, encoding: 'utf8', stdio: ['pipe', 'pipe', 'pipe'] },
    );
    assert.equal(res.error, undefined, 'import must not keep the process alive');
    assert.equal(res.status, 0, res.stderr);
    assert.equal(res.stdout, '', 'nothing written to stdout');
  });

  it('registers config-file and kustomization watching and configuration changes dynamically for other editors', async () => {
    const registrations: { method: string; registerOptions?: unknown }[] = [];
    const { client } = await LspClient.start({
      capabilities: {
        workspace: { configuration: false, didChangeWatchedFiles: { dynamicRegistration: true }, didChangeConfiguration: { dynamicRegistration: true } },
      },
      initializationOptions: {},
    });
    clients.push(client);
    const got = new Promise<void>((res) => {
      client.conn.onRequest('client/registerCapability', (p: { registrations: { method: string; registerOptions?: unknown }[] }) => {
        registrations.push(...p.registrations);
        if (registrations.length >= 2) res();
        return null;
      });
    });
    await withTimeout(got, 5000, 'client/registerCapability');
    const methods = registrations.map((r) => r.method).sort();
    assert.deepEqual(methods, ['workspace/didChangeConfiguration', 'workspace/didChangeWatchedFiles']);
    const watch = registrations.find((r) => r.method === 'workspace/didChangeWatchedFiles')!.registerOptions as { watchers: { globPattern: string; kind?: number }[] };
    assert.deepEqual(watch.watchers, [
      { globPattern: '**/.infra-guide.{yaml,yml}' },
      { globPattern: '**/kustomization.{yaml,yml}' },
      { globPattern: '**/Kustomization' },
      { globPattern: '**/*', kind: 4 }, // deletions only: the workspace check's diagnostics of deleted files
    ]);

    // Without workspace/configuration, settings come with didChangeConfiguration.
    const uri = 'untitled:other-editor';
    let mark = client.mark();
    client.open(uri, 'dockerfile', 'FROM node\n');
    const first = await client.waitForVersion(uri, 1, mark);
    assert.equal(first.diagnostics.filter((d) => d.code === 'dockerfile/pin-base-image-version').length, 1);
    mark = client.mark();
    client.notify('workspace/didChangeConfiguration', { settings: { infraGuide: { rules: { 'dockerfile/pin-base-image-version': 'off' } } } });
    const second = await client.waitForPublish(uri, () => true, mark, 5000, 'after push settings');
    assert.equal(second.diagnostics.filter((d) => d.code === 'dockerfile/pin-base-image-version').length, 0);
  });

  it('checks a large workspace (worker threads) without starting stray servers', async () => {
    const dir = tempDir();
    dirs.push(dir);
    for (let i = 0; i < 120; i++) {
      mkdirSync(join(dir, `svc${i}`));
      writeFileSync(join(dir, `svc${i}`, 'Dockerfile'), i % 2 === 0 ? 'FROM node\nUSER node\n' : 'FROM node:20-alpine\nUSER node\n');
    }
    const { client } = await LspClient.start();
    clients.push(client);
    const mark = client.mark();
    const res = await client.request<Record<string, number>>('infraGuide/checkWorkspace', { folders: [fileUri(dir)] }, 30_000);
    assert.equal(res['files'], 120, JSON.stringify(res));
    let pinned = 0;
    for (let i = 0; i < 120; i++) {
      const pub = await client.waitForPublish(fileUri(join(dir, `svc${i}`, 'Dockerfile')), () => true, mark);
      if (pub.diagnostics.some((d) => d.code === 'dockerfile/pin-base-image-version')) pinned++;
    }
    assert.equal(pinned, 60);
    assert.ok(client.alive);
  });
});
