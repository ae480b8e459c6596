// Adversarial protocol tests, second round: what a shut-down server still does, positions of
// diagnostics in non-ASCII text, the workspace check racing live validation, `context.only`.
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import type { Diagnostic } from 'vscode-languageserver-protocol';
import { TextIndex } from '../../server/src/engine/text';
import { fitRange } from '../../server/src/engine/text';
import { fileUri, LspClient, removeDir, sleep, tempDir, type Publish } from './harness';

/** Why `d`'s range is not a valid range of `text` (UTF-16 positions), or undefined. */
function invalidRange(text: string, d: Diagnostic): string | undefined {
  const lines = text.split(/\r\n|\r|\n/);
  for (const p of [d.range.start, d.range.end]) {
    const line = lines[p.line];
    if (line === undefined) return `line ${p.line} of ${lines.length}`;
    if (p.character > line.length) return `character ${p.character} past the end of line ${p.line} (${line.length})`;
    const c = line.charCodeAt(p.character);
    if (c >= 0xdc00 && c <= 0xdfff && p.character > 0) return `character ${p.character} of line ${p.line} splits a surrogate pair`;
  }
  return undefined;
}

describe('language server: protocol QA', () => {
  const dirs: string[] = [];
  const clients: LspClient[] = [];
  const mkTemp = (): string => {
    const d = tempDir();
    dirs.push(d);
    return d;
  };
  const start = async (): Promise<LspClient> => {
    const { client } = await LspClient.start();
    clients.push(client);
    return client;
  };

  /** A new server with a commit message open that has a safe fix (the trailing period). */
  const openCommitMessage = async (): Promise<{ c: LspClient; uri: string; pub: Publish }> => {
    const c = await start();
    const uri = fileUri(join(mkTemp(), 'COMMIT_EDITMSG'));
    const mark = c.mark();
    c.open(uri, 'git-commit', 'fix(#12): Handle empty input.\n\n- Guard against an empty body\n\nRefs #12\n');
    return { c, uri, pub: await c.waitForVersion(uri, 1, mark) };
  };

  after(async () => {
    for (const c of clients) await c.dispose();
    for (const d of dirs) removeDir(d);
  });

  it('diagnostic ranges are valid UTF-16 positions: a YAML error at an emoji covers the whole emoji', async () => {
    const c = await start();
    const dir = mkTemp();
    const cases: [string, string, string][] = [
      [join(dir, '.github', 'workflows', 'ci.yml'), 'yaml', 'on:\n  push: \u{1F600} x: [\n'],
      [join(dir, '.github', 'workflows', 'cjk.yml'), 'yaml', 'on:\r\n  push: \u6F22\u00E9\u{1F680} x: y: [\r\n'],
      [join(dir, 'Dockerfile'), 'dockerfile', 'FROM node:20 AS \u{1F600}\u00E9\nRUN echo \u{1F680}\u6F22 && apt-get install curl\n'],
    ];
    const mark = c.mark();
    for (const [path, languageId, text] of cases) c.open(fileUri(path), languageId, text);
    for (const [path, , text] of cases) {
      const pub = await c.waitForVersion(fileUri(path), 1, mark);
      assert.ok(pub.diagnostics.length > 0, path);
      const bad = pub.diagnostics.map((d) => [d.code, invalidRange(text, d)]).filter(([, why]) => why !== undefined);
      assert.deepEqual(bad, [], path);
    }
    const pub = await c.waitForVersion(fileUri(cases[0]![0]), 1, mark);
    const error = pub.diagnostics.find((d) => d.code === 'infra-guide/parse-error')!;
    assert.deepEqual(error.range, { start: { line: 1, character: 8 }, end: { line: 1, character: 10 } });
  });

  it('fitRange clamps past the line and the text, and widens to whole surrogate pairs', () => {
    const index = new TextIndex('ab\u{1F600}c\r\nxy');
    const r = (sl: number, sc: number, el: number, ec: number) => ({ start: { line: sl, character: sc }, end: { line: el, character: ec } });
    const valid = r(0, 1, 0, 4);
    assert.equal(fitRange(valid, index), valid, 'a valid range is returned as is');
    assert.deepEqual(fitRange(r(0, 3, 0, 3), index), r(0, 2, 0, 4), 'an empty range inside a pair covers it');
    assert.deepEqual(fitRange(r(0, 3, 0, 4), index), r(0, 2, 0, 4), 'a start inside a pair moves before it');
    assert.deepEqual(fitRange(r(0, 0, 0, 3), index), r(0, 0, 0, 4), 'an end inside a pair moves after it');
    assert.deepEqual(fitRange(r(0, 2, 0, 99), index), r(0, 2, 0, 5), 'not past the end of the line (before CRLF)');
    assert.deepEqual(fitRange(r(1, 0, 7, 3), index), r(1, 0, 1, 2), 'not past the last line');
    assert.deepEqual(fitRange(r(1, 2, 0, 1), index), r(1, 2, 1, 2), 'never ends before its start');
  });

  it('a document opened while the workspace check runs keeps the diagnostics of its buffer', async () => {
    const c = await start();
    const dir = mkTemp();
    for (let i = 0; i < 150; i++) {
      mkdirSync(join(dir, `svc${i}`));
      writeFileSync(join(dir, `svc${i}`, 'Dockerfile'), 'FROM node\n');
    }
    const uri = fileUri(join(dir, 'svc0', 'Dockerfile'));
    const mark = c.mark();
    const check = c.request<Record<string, number>>('infraGuide/checkWorkspace', { folders: [fileUri(dir)] }, 30_000);
    // Opened (with unsaved edits) while the check runs: the buffer is clean, the file on disk is not.
    c.open(uri, 'dockerfile', 'FROM node:20-alpine\nUSER node\n');
    assert.equal((await check)['files'], 150);
    await c.waitForVersion(uri, 1, mark);
    await sleep(200);
    const pubs = c.publishesFor(uri, mark);
    assert.deepEqual(pubs.map((p) => [p.version ?? 'disk', p.diagnostics.map((d) => d.code)]), [[1, []]], 'only the buffer is published');
  });

  it('an empty context.only asks for what an absent one does: quick fixes, not the fix-all', async () => {
    const { c, uri, pub } = await openCommitMessage();
    const whole = { start: { line: 0, character: 0 }, end: { line: 5, character: 0 } };
    const kinds = async (only?: string[]): Promise<string[]> => (await c.codeActions(uri, whole, pub.diagnostics, only)).map((a) => String(a.kind));
    const absent = await kinds();
    assert.ok(absent.length > 0 && absent.every((k) => k === 'quickfix'), absent.join(','));
    assert.deepEqual(await kinds([]), absent);
    assert.deepEqual(await kinds(['source']), ['source.fixAll.infraGuide'], 'the fix-all exists when asked for');
  });

  it('malformed code action requests: InvalidParams without a document, the usable part of a broken context', async () => {
    const { c, uri, pub } = await openCommitMessage();
    const d = pub.diagnostics.find((x) => x.code === 'commit/no-trailing-period')!;
    const ask = (params: unknown) => c.request<{ title: string }[]>('textDocument/codeAction', params, 5000);
    await assert.rejects(ask({}), { code: -32602 });
    await assert.rejects(ask({ textDocument: { uri: 5 }, range: d.range, context: { diagnostics: [] } }), { code: -32602 });
    assert.deepEqual(await ask({ textDocument: { uri }, range: d.range }), []);
    assert.deepEqual(await ask({ textDocument: { uri }, range: d.range, context: { diagnostics: null, only: 'quickfix' } }), []);
    const mixed = await ask({ textDocument: { uri }, range: d.range, context: { diagnostics: [null, 5, { code: d.code }, { ...d, range: { start: 1 } }, d], only: ['quickfix', 7] } });
    assert.ok(mixed.some((a) => a.title === 'Remove the trailing period'), mixed.map((a) => a.title).join(' | '));
    await sleep(100);
    assert.deepEqual(c.logs.filter((l) => l.type === 1).map((l) => l.message), [], 'no errors logged');
  });

  it('after shutdown: closing documents, settings and config file changes publish and request nothing', async () => {
    const dir = mkTemp();
    const config = join(dir, '.infra-guide.yaml');
    writeFileSync(config, 'rules:\n  no/such-rule: error\n');
    const c = await start();
    let configRequests = 0;
    c.settings = () => (configRequests++, {});
    const uri = fileUri(join(dir, 'Dockerfile'));
    const mark = c.mark();
    c.open(uri, 'dockerfile', 'FROM node\n');
    await c.waitForVersion(uri, 1, mark);
    await c.waitForPublish(fileUri(config), (p) => p.diagnostics.length > 0, mark);
    assert.equal(await c.request('shutdown', null), null);
    const after = c.mark();
    const requestsBefore = configRequests;
    c.close(uri);
    c.notify('workspace/didChangeConfiguration', { settings: {} });
    c.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: fileUri(config), type: 3 }] });
    await sleep(400);
    assert.deepEqual(c.publishes.filter((p) => p.seq > after).map((p) => p.uri), [], 'a shut-down server publishes nothing');
    assert.equal(configRequests - requestsBefore, 0, 'nor asks for settings');
    const exited = new Promise<number | null>((res) => c.proc.once('exit', (code) => res(code)));
    c.notify('exit', null);
    assert.equal(await exited, 0);
  });
});
