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

/** A worker script in a temp folder: `onMessage` (JavaScript) answers the host; `LOG` is the path of a log file. */
function protocolScript(onMessage: string): { script: string; log: string } {
  const dir = mkdtempSync(join(tmpdir(), 'infra-guide-lint-host-'));
  const log = join(dir, 'calls.log');
  const script = join(dir, 'worker.js');
  writeFileSync(
    script,
    `const { parentPort } = require('node:worker_threads');
const fs = require('node:fs');
const LOG = ${JSON.stringify(log)};
parentPort.on('message', ${onMessage});
parentPort.postMessage({ ready: true });
`,
  );
  return { script, log };
}

/** A worker speaking the host's protocol: logs each call's file name, answers after `busyMs`. */
function echoScript(busyMs: number): { script: string; log: string } {
  return protocolScript(`(req) => {
  fs.appendFileSync(LOG, req.op + ' ' + req.input.fileName + '\\n');
  setTimeout(() => parentPort.postMessage({ id: req.id, ok: true, result: { text: '', applied: 0 }, ruleErrors: [] }), ${busyMs});
}`);
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

/**
 * A worker speaking the host's protocol with the real findings encoding: one finding per line of
 * the text (message = the line), answered after `busyMs`; logs how each lint was sent.
 */
function deltaScript(busyMs: number): { script: string; log: string } {
  const findingsDelta = JSON.stringify(join(__dirname, 'findings-delta.js'));
  return protocolScript(`(() => {
  const sent = new (require(${findingsDelta}).SentFindings)();
  return (msg) => {
    if (msg.forget) return void sent.forget(msg.forget);
    const findings = msg.input.text.split('\\n').map((message, line) => ({ ruleId: 'a/b', severity: 'info', message, fixes: [], range: { start: { line, character: 0 }, end: { line, character: 1 } } }));
    const wire = sent.encode(msg.document, msg.id, msg.base, findings);
    fs.appendFileSync(LOG, msg.document + ' ' + ('full' in wire ? 'full' : 'delta') + '\\n');
    setTimeout(() => parentPort.postMessage({ id: msg.id, ok: true, result: { kind: 'yaml', findings: wire }, ruleErrors: [] }), ${busyMs});
  };
})()`);
}

const messages = (r: { findings: { message: string }[] }) => r.findings.map((f) => f.message);

test('findings of an open document come as changes to the last result; another document and a closed one start over', async () => {
  const { script, log } = deltaScript(0);
  const host = new LintHost({ script, timeoutMs: 10_000, log: () => undefined });
  try {
    const lint = (document: string, text: string) => host.lint({ text, fileName: document }, undefined, document).then(messages);
    assert.deepEqual(await lint('a', 'x\ny\nz'), ['x', 'y', 'z']);
    assert.deepEqual(await lint('b', 'q'), ['q']);
    assert.deepEqual(await lint('a', 'x\nY\nz'), ['x', 'Y', 'z']);
    assert.deepEqual(await lint('a', 'new\nx\nY\nz'), ['new', 'x', 'Y', 'z']);
    host.forget('a');
    assert.deepEqual(await lint('a', 'x'), ['x']);
    assert.deepEqual(await lint('b', ''), ['']);
    assert.deepEqual(readFileSync(log, 'utf8').trim().split('\n'), ['a full', 'b full', 'a delta', 'a delta', 'a full', 'b delta']);
  } finally {
    host.dispose();
  }
});

test('a document closed while its lint runs: the change is dropped as stale and the next lint starts over', async () => {
  const { script, log } = deltaScript(200);
  const host = new LintHost({ script, timeoutMs: 10_000, log: () => undefined });
  try {
    await host.lint({ text: 'x', fileName: 'a' }, undefined, 'a');
    const running = host.lint({ text: 'y', fileName: 'a' }, undefined, 'a');
    await sleep(50);
    host.forget('a');
    await assert.rejects(running, { name: 'LintStaleError' });
    assert.deepEqual(messages(await host.lint({ text: 'z', fileName: 'a' }, undefined, 'a')), ['z']);
    assert.deepEqual(readFileSync(log, 'utf8').trim().split('\n'), ['a full', 'a delta', 'a full']);
  } finally {
    host.dispose();
  }
});

test('texts from `largeTextLength` on go to a second worker: a slow large lint does not hold back small ones', async () => {
  // Answers after as many milliseconds as the text is long; logs the thread and file of each call.
  const { script, log } = protocolScript(`(req) => {
  fs.appendFileSync(LOG, require('node:worker_threads').threadId + ' ' + req.input.fileName + '\\n');
  setTimeout(() => parentPort.postMessage({ id: req.id, ok: true, result: { text: '', applied: 0 }, ruleErrors: [] }), req.input.text.length);
}`);
  const host = new LintHost({ script, timeoutMs: 10_000, log: () => undefined, largeTextLength: 100 });
  try {
    const done: string[] = [];
    const call = (fileName: string, length: number) => host.fixAll({ text: 'x'.repeat(length), fileName }).then(() => done.push(fileName));
    const large = call('large', 1500);
    await sleep(100); // the large text's lint is running
    await Promise.all([call('small-1', 10), call('small-2', 99)]);
    assert.deepEqual(done, ['small-1', 'small-2'], 'both small calls finished while the large one ran');
    await Promise.all([large, call('large-2', 100)]);
    assert.deepEqual(done, ['small-1', 'small-2', 'large', 'large-2']);
    const calls = readFileSync(log, 'utf8').trim().split('\n').map((l) => l.split(' '));
    const threadOf = (name: string) => calls.find(([, f]) => f === name)![0];
    assert.equal(threadOf('small-1'), threadOf('small-2'));
    assert.equal(threadOf('large'), threadOf('large-2'));
    assert.notEqual(threadOf('small-1'), threadOf('large'));
  } finally {
    host.dispose();
  }
});

test('an open document whose lint was slow goes on in the second worker; closing it ends that', async () => {
  // Answers after the number of milliseconds the text holds; logs the thread, document and file of each call.
  const { script, log } = protocolScript(`(msg) => {
  if (msg.forget) return;
  fs.appendFileSync(LOG, require('node:worker_threads').threadId + ' ' + msg.input.fileName + '\\n');
  const result = msg.op === 'lint' ? { kind: 'yaml', findings: { full: [] } } : { text: '', applied: 0 };
  setTimeout(() => parentPort.postMessage({ id: msg.id, ok: true, result, ruleErrors: [] }), Number(msg.input.text));
}`);
  const host = new LintHost({ script, timeoutMs: 10_000, log: () => undefined, slowLintMs: 300 });
  try {
    const done: string[] = [];
    const fix = (fileName: string, ms: number) => host.fixAll({ text: String(ms), fileName }).then(() => done.push(fileName));
    const lint = (fileName: string, ms: number) => host.lint({ text: String(ms), fileName }, undefined, 'a').then(() => done.push(fileName));
    await lint('a-fast', 0);
    await lint('a-slow', 400);
    const slowAgain = lint('a-again', 1000);
    await sleep(100);
    await fix('b', 0);
    assert.deepEqual(done, ['a-fast', 'a-slow', 'b'], 'b finished while the slow document was linted elsewhere');
    await slowAgain;
    host.forget('a');
    await lint('a-closed', 0);
    const threads = new Map(readFileSync(log, 'utf8').trim().split('\n').map((l) => [l.split(' ')[1]!, l.split(' ')[0]!]));
    assert.equal(threads.get('a-slow'), threads.get('a-fast'));
    assert.equal(threads.get('b'), threads.get('a-fast'));
    assert.notEqual(threads.get('a-again'), threads.get('a-fast'));
    assert.equal(threads.get('a-closed'), threads.get('a-fast'), 'reopened, it starts in the main worker again');
  } finally {
    host.dispose();
  }
});

// Before, such an answer left its call and the lane's queue waiting forever: hence the timeout.
test('an answer the host cannot read fails its call, and the calls queued behind it still run', { timeout: 10_000 }, async () => {
  // Answers every call as a fix-all, also the lints of open documents, whose findings then cannot be read.
  const { script } = protocolScript(`(msg) => {
  if (msg.forget) return;
  setTimeout(() => parentPort.postMessage({ id: msg.id, ok: true, result: { text: 'fixed', applied: 1 }, ruleErrors: [] }), 50);
}`);
  const host = new LintHost({ script, timeoutMs: 10_000, log: () => undefined });
  try {
    const unreadable = host.lint({ text: '', fileName: 'a' }, undefined, 'a');
    const next = host.fixAll({ text: '', fileName: 'b' });
    await assert.rejects(unreadable, /unreadable lint worker answer/);
    assert.deepEqual(await next, { text: 'fixed', applied: 1 });
  } finally {
    host.dispose();
  }
});
