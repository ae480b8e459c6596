import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
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
