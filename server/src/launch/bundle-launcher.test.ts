import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { isMarkedWorkerThread, WORKER_THREAD_ARG } from './bundle-launcher';

const launcherModule = join(__dirname, 'bundle-launcher.js');

/** What isMarkedWorkerThread says in a worker thread started with `argv`. */
function inWorker(argv: string[]): Promise<unknown> {
  const code = `require('node:worker_threads').parentPort.postMessage(require(${JSON.stringify(launcherModule)}).isMarkedWorkerThread());`;
  return new Promise((resolve, reject) => {
    const w = new Worker(code, { eval: true, argv });
    w.once('message', resolve);
    w.once('error', reject);
  });
}

test('a worker thread started with the argument is told apart from the main thread', async () => {
  assert.equal(await inWorker(['check', WORKER_THREAD_ARG]), true);
  assert.equal(await inWorker(['check']), false);
  // Typed by a user on the main thread, the argument does not make it a worker.
  assert.equal(isMarkedWorkerThread(['node', 'cli.js', 'check', WORKER_THREAD_ARG]), false);
  assert.equal(isMarkedWorkerThread(['node', 'cli.js', 'check']), false);
});

test('a bundle run through the launcher on the main thread does not load node:worker_threads', () => {
  const dir = mkdtempSync(join(tmpdir(), 'infra-guide-bl-'));
  writeFileSync(join(dir, 'bundle.js'), `process.on('exit', () => console.log(process.moduleLoadList.includes('NativeModule worker_threads')));\n`);
  const launcher = join(dir, 'launch.js');
  writeFileSync(launcher, `require(${JSON.stringify(join(__dirname, 'compile-cache.js'))}).runBundle(${JSON.stringify(join(dir, 'bundle.js'))}, { dir: ${JSON.stringify(join(dir, 'v8'))}, name: 't' }, module, require, ['check']);\n`);
  const run = (): string => {
    const r = spawnSync(process.execPath, [launcher, 'check', WORKER_THREAD_ARG], { encoding: 'utf8', timeout: 30_000 });
    assert.equal(r.status, 0, r.stderr);
    return r.stdout.trim();
  };
  // The first run writes the cache at exit (asking then whether it is the main thread); the
  // second one takes the cache and has nothing to write.
  run();
  assert.equal(run(), 'false');
});
