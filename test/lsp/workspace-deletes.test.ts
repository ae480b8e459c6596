// Files deleted on disk after "Check workspace": their diagnostics go, and only deletions that
// concern config or kustomization files make the open documents re-lint.
import assert from 'node:assert/strict';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { fileUri, LspClient, removeDir, sleep, tempDir } from './harness';

const DELETED = 3;
const PIN = 'dockerfile/pin-base-image-version';

describe('language server: files deleted after a workspace check', () => {
  const dirs: string[] = [];
  const clients: LspClient[] = [];

  after(async () => {
    for (const c of clients) await c.dispose();
    for (const d of dirs) removeDir(d);
  });

  /**
   * A workspace of Dockerfiles with findings (root, api/, api/v2/, web/), checked by a new server.
   * Returns the server, the folder, and the URI of each file by its relative name.
   */
  const checked = async (extra: Record<string, string> = {}): Promise<{ c: LspClient; dir: string; uri: (rel: string) => string }> => {
    const dir = tempDir();
    dirs.push(dir);
    const files: Record<string, string> = { Dockerfile: 'FROM node\n', 'api/Dockerfile': 'FROM node\n', 'api/v2/Dockerfile': 'FROM node\n', 'web/Dockerfile': 'FROM node\n', ...extra };
    for (const [rel, text] of Object.entries(files)) {
      mkdirSync(join(dir, rel, '..'), { recursive: true });
      writeFileSync(join(dir, rel), text);
    }
    const { client: c } = await LspClient.start();
    clients.push(c);
    const uri = (rel: string) => fileUri(join(dir, rel));
    const mark = c.mark();
    await c.request('infraGuide/checkWorkspace', { folders: [fileUri(dir)] }, 30_000);
    for (const rel of ['Dockerfile', 'api/Dockerfile', 'api/v2/Dockerfile', 'web/Dockerfile']) {
      const pub = await c.waitForPublish(uri(rel), () => true, mark);
      assert.ok(pub.diagnostics.length > 0, rel);
    }
    return { c, dir, uri };
  };

  const deleted = (c: LspClient, ...paths: string[]) => {
    for (const p of paths) rmSync(p, { recursive: true, force: true });
    c.notify('workspace/didChangeWatchedFiles', { changes: paths.map((p) => ({ uri: fileUri(p), type: DELETED })) });
  };

  it('a deleted file loses the diagnostics of the check; the other files keep theirs', async () => {
    const { c, dir, uri } = await checked();
    const mark = c.mark();
    deleted(c, join(dir, 'web', 'Dockerfile'));
    const cleared = await c.waitForPublish(uri('web/Dockerfile'), () => true, mark, 5000, 'clearing the deleted file');
    assert.deepEqual(cleared.diagnostics, []);
    await sleep(200);
    assert.deepEqual(c.publishes.filter((p) => p.seq > mark).map((p) => p.uri), [uri('web/Dockerfile')], 'nothing else published');
  });

  it('a deleted folder clears every file checked under it (the editor may report the folder only)', async () => {
    const { c, dir, uri } = await checked();
    const mark = c.mark();
    deleted(c, join(dir, 'api'));
    for (const rel of ['api/Dockerfile', 'api/v2/Dockerfile']) {
      const pub = await c.waitForPublish(uri(rel), () => true, mark, 5000, `clearing ${rel}`);
      assert.deepEqual(pub.diagnostics, [], rel);
    }
    await sleep(200);
    assert.deepEqual(c.publishesFor(uri('web/Dockerfile'), mark), [], 'a sibling folder is untouched');
    assert.deepEqual(c.publishesFor(uri('Dockerfile'), mark), [], 'the parent folder is untouched');
    // A later check does not clear the deleted files again.
    const again = c.mark();
    await c.request('infraGuide/checkWorkspace', { folders: [fileUri(dir)] }, 30_000);
    await sleep(100);
    assert.deepEqual(c.publishesFor(uri('api/Dockerfile'), again), []);
  });

  it('unrelated deletions re-lint no open document; an open document deleted on disk keeps its diagnostics', async () => {
    const { c, dir, uri } = await checked({ 'notes/todo.txt': 'x\n', 'build.log': 'x\n' });
    const open = uri('api/Dockerfile');
    let mark = c.mark();
    c.open(open, 'dockerfile', 'FROM node\n');
    await c.waitForVersion(open, 1, mark);
    await sleep(100);
    mark = c.mark();
    deleted(c, join(dir, 'build.log'), join(dir, 'notes'), join(dir, 'web', 'Dockerfile'), join(dir, 'api', 'Dockerfile'));
    await c.waitForPublish(uri('web/Dockerfile'), (p) => p.diagnostics.length === 0, mark, 5000, 'clearing the deleted file');
    await sleep(400); // a lint (no debounce by default), many times over
    assert.deepEqual(c.publishesFor(open, mark), [], 'the open document is neither re-linted nor cleared');
  });

  it('deleting a config file, or a folder holding one, still re-lints the open documents and clears its problems', async () => {
    const off = `rules:\n  ${PIN}: off\n  no/such-rule: error\n`;
    const { c, dir, uri } = await checked({ '.infra-guide.yaml': off, 'web/.infra-guide.yaml': off });
    const root = uri('Dockerfile');
    const web = uri('web/Dockerfile');
    let mark = c.mark();
    c.open(root, 'dockerfile', 'FROM node\n');
    c.open(web, 'dockerfile', 'FROM node\n');
    for (const u of [root, web]) assert.ok(!(await c.waitForVersion(u, 1, mark)).diagnostics.some((d) => d.code === PIN), 'the config turns the rule off');
    for (const cfg of ['.infra-guide.yaml', 'web/.infra-guide.yaml']) await c.waitForPublish(uri(cfg), (p) => p.diagnostics.length > 0, 0, 5000, `problems of ${cfg}`);

    // The folder's config goes with the folder: its problems are cleared, the document under it re-linted.
    mark = c.mark();
    deleted(c, join(dir, 'web'));
    assert.deepEqual((await c.waitForPublish(uri('web/.infra-guide.yaml'), () => true, mark, 5000, 'clearing the config')).diagnostics, []);
    const webAgain = await c.waitForPublish(web, (p) => p.version === 1, mark, 5000, 're-lint of web/Dockerfile');
    assert.ok(!webAgain.diagnostics.some((d) => d.code === PIN), 'the root config applies now (the rule stays off)');

    mark = c.mark();
    deleted(c, join(dir, '.infra-guide.yaml'));
    assert.deepEqual((await c.waitForPublish(uri('.infra-guide.yaml'), () => true, mark, 5000, 'clearing the config')).diagnostics, []);
    const rootAgain = await c.waitForPublish(root, (p) => p.version === 1, mark, 5000, 're-lint of Dockerfile');
    assert.ok(rootAgain.diagnostics.some((d) => d.code === PIN), 'defaults apply without the config');
  });

  it('a folder delete holding a config the server has read (no document open under it) forgets it', async () => {
    const { c, dir, uri } = await checked({ 'web/.infra-guide.yaml': `rules:\n  ${PIN}: off\n` });
    const doc = uri('web/Dockerfile');
    let mark = c.mark();
    c.open(doc, 'dockerfile', 'FROM node\n');
    assert.ok(!(await c.waitForVersion(doc, 1, mark)).diagnostics.some((d) => d.code === PIN));
    c.close(doc);
    // The folder is deleted and re-created without its config (a branch switch): the next open
    // must not use the config the resolver read before.
    deleted(c, join(dir, 'web'));
    await sleep(100);
    mkdirSync(join(dir, 'web'));
    writeFileSync(join(dir, 'web', 'Dockerfile'), 'FROM node\n');
    mark = c.mark();
    c.open(doc, 'dockerfile', 'FROM node\n');
    assert.ok((await c.waitForVersion(doc, 1, mark)).diagnostics.some((d) => d.code === PIN), 'no stale config');
  });

  it('malformed watched-file events are ignored without an error', async () => {
    const { c, dir, uri } = await checked();
    const mark = c.mark();
    c.notify('workspace/didChangeWatchedFiles', {});
    c.notify('workspace/didChangeWatchedFiles', { changes: [null, { uri: 5, type: DELETED }, { type: DELETED }, { uri: fileUri(join(dir, 'web')), type: DELETED }] });
    await c.waitForPublish(uri('web/Dockerfile'), () => true, mark, 5000, 'the valid event still counts');
    await sleep(100);
    assert.deepEqual(c.logs.filter((l) => l.type === 1).map((l) => l.message), []);
  });
});
