import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { LintHost } from './lint-worker';

/** A worker script that only leaves a file behind when a thread starts it. */
function markingScript(): { script: string; marker: string } {
  const dir = mkdtempSync(join(tmpdir(), 'infra-guide-lint-host-'));
  const marker = join(dir, 'started');
  const script = join(dir, 'worker.js');
  writeFileSync(script, `require('node:fs').writeFileSync(${JSON.stringify(marker)}, '');\n`);
  return { script, marker };
}

async function appears(path: string, ms: number): Promise<boolean> {
  for (const end = Date.now() + ms; Date.now() < end; await sleep(20)) if (existsSync(path)) return true;
  return existsSync(path);
}

test('the lint worker starts on prestart, before any call, and not before it', async () => {
  const { script, marker } = markingScript();
  const host = new LintHost({ script, timeoutMs: 1000, log: () => undefined });
  try {
    assert.equal(await appears(marker, 300), false, 'no worker until asked for');
    host.prestart();
    assert.equal(await appears(marker, 10_000), true, 'the worker thread was started');
  } finally {
    host.dispose();
  }
});

test('prestart after dispose starts nothing', async () => {
  const { script, marker } = markingScript();
  const host = new LintHost({ script, timeoutMs: 1000, log: () => undefined });
  host.dispose();
  host.prestart();
  assert.equal(await appears(marker, 300), false);
});

/** A worker speaking the host's protocol: logs each call's file name, answers after `busyMs`. */
function echoScript(busyMs: number): { script: string; log: string } {
  const dir = mkdtempSync(join(tmpdir(), 'infra-guide-lint-host-'));
  const log = join(dir, 'calls.log');
  const script = join(dir, 'worker.js');
  writeFileSync(
    script,
    `const { parentPort } = require('node:worker_threads');
const fs = require('node:fs');
parentPort.on('message', (req) => {
  fs.appendFileSync(${JSON.stringify(log)}, req.op + ' ' + req.input.fileName + '\\n');
  setTimeout(() => parentPort.postMessage({ id: req.id, ok: true, result: { text: '', applied: 0 }, ruleErrors: [] }), ${busyMs});
});
parentPort.postMessage({ ready: true });
`,
  );
  return { script, log };
}

test('a call that turns stale while it waits behind another is dropped, never sent to the worker', async () => {
  const { script, log } = echoScript(300);
  const host = new LintHost({ script, timeoutMs: 10_000, log: () => undefined });
  try {
    const input = (fileName: string) => ({ text: '', fileName });
    let cancelled = false;
    const first = host.lint(input('first'));
    const dropped = host.fixAll(input('dropped'), () => cancelled);
    const last = host.lint(input('last'), () => false);
    await sleep(50);
    cancelled = true; // while `first` still runs: `dropped` is still queued
    await first;
    await assert.rejects(dropped, { name: 'LintStaleError' });
    await last;
    assert.deepEqual(readFileSync(log, 'utf8').trim().split('\n'), ['lint first', 'lint last']);
  } finally {
    host.dispose();
  }
});
