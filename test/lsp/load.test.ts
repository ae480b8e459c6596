// Reliability harness, part 3: the built language server under load. 10k rapid didChange
// notifications with random edits on several documents at once, interleaved with code-action
// requests and document closes/reopens. The server must stay alive, answer every request,
// publish final diagnostics equal to a fresh engine run on the final texts, and end with
// bounded memory. Needs dist/server.js (npm test builds first).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter } from 'vscode-jsonrpc/node';
import { Linter } from '../../server/src/engine/lint';
import { TextIndex } from '../../server/src/engine/text';

const CHANGES = Number(process.env['LOAD_CHANGES'] ?? 10_000);
const SEED = Number(process.env['LOAD_SEED'] ?? 6);
const RSS_LIMIT_MB = 600;

function repoRoot(): string {
  let dir = __dirname;
  while (!existsSync(join(dir, 'package.json')) || !existsSync(join(dir, 'server'))) {
    const up = dirname(dir);
    if (up === dir) return process.cwd();
    dir = up;
  }
  return dir;
}
const SERVER = join(repoRoot(), 'dist', 'server.js');

/** A timer that does not keep the test process alive. */
const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms).unref());

function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const k8sDoc = (i: number) =>
  `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web-${i}\nspec:\n  replicas: 2\n  template:\n    spec:\n      containers:\n        - name: web\n          image: nginx:latest\n          ports:\n            - containerPort: 80\n          env:\n            - name: MODE\n              value: prod\n`;

const DOCS: { name: string; languageId: string; text: string }[] = [
  { name: 'Dockerfile', languageId: 'dockerfile', text: 'FROM node:latest\nWORKDIR /app\nCOPY . .\nRUN npm install\nENV PORT=8080\nEXPOSE 8080\nCMD node server.js\n' },
  { name: 'k8s/all.yaml', languageId: 'yaml', text: Array.from({ length: 40 }, (_, i) => k8sDoc(i)).join('---\n') },
  {
    name: 'compose.yaml',
    languageId: 'yaml',
    text: 'services:\n  web:\n    image: nginx\n    ports:\n      - "8080:80"\n  db:\n    image: postgres:16\n    environment:\n      POSTGRES_DB: app\n',
  },
  {
    name: '.github/workflows/ci.yml',
    languageId: 'yaml',
    text: 'on: push\njobs:\n  test:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v4\n      - run: npm ci\n      - run: npm test\n',
  },
  { name: 'prometheus/rules.yaml', languageId: 'yaml', text: 'groups:\n  - name: web\n    rules:\n      - alert: Down\n        expr: up == 0\n        for: 5m\n' },
];

const SNIPPETS = ['a', ' ', '\n', ':', '- ', '  ', 'x: 1\n', '#', '"', '[', ']', '{', '}', '\t', 'é', '---\n', 'RUN echo hi\n', 'image: redis\n', '\\\n', '&a', '*a', '😀'];

test('language server under load: 10k random edits, code actions, closes and reopens', { timeout: 180_000 }, async (t) => {
  if (!existsSync(SERVER)) assert.fail(`${SERVER} missing: run \`node scripts/build.mjs\` first`);
  const dir = mkdtempSync(join(tmpdir(), 'ig-load-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const proc = spawn(process.execPath, [SERVER, '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
  let exited: string | undefined;
  proc.on('exit', (code, signal) => (exited = `exit ${code ?? signal}`));
  let stderr = '';
  proc.stderr.on('data', (c: Buffer) => {
    if (stderr.length < 50_000) stderr += c.toString('utf8');
  });
  const conn = createMessageConnection(new StreamMessageReader(proc.stdout), new StreamMessageWriter(proc.stdin));
  const published = new Map<string, { version: number | undefined; diagnostics: { code?: unknown; range: unknown }[] }>();
  conn.onNotification('textDocument/publishDiagnostics', (p: { uri: string; version?: number; diagnostics: { code?: unknown; range: unknown }[] }) => {
    published.set(p.uri, { version: p.version, diagnostics: p.diagnostics });
  });
  const logs: string[] = [];
  conn.onNotification('window/logMessage', (p: { type: number; message: string }) => {
    if (p.type === 1) logs.push(p.message);
  });
  conn.onRequest((method: string, params: unknown) => (method === 'workspace/configuration' ? ((params as { items: unknown[] }).items ?? []).map(() => null) : null));
  conn.listen();
  t.after(() => {
    conn.dispose();
    if (!exited) proc.kill();
  });

  await conn.sendRequest('initialize', {
    processId: process.pid,
    rootUri: pathToFileURL(dir).href,
    workspaceFolders: [{ uri: pathToFileURL(dir).href, name: 'load' }],
    capabilities: { textDocument: { publishDiagnostics: { versionSupport: true } }, workspace: { configuration: true } },
  });
  conn.sendNotification('initialized', {});

  const rand = rng(SEED);
  const state = DOCS.map((d) => ({ ...d, uri: pathToFileURL(join(dir, d.name)).href, version: 1, open: true }));
  for (const d of state) conn.sendNotification('textDocument/didOpen', { textDocument: { uri: d.uri, languageId: d.languageId, version: 1, text: d.text } });

  const requests: Promise<unknown>[] = [];
  let answered = 0;
  let failed = 0;
  const unexpectedErrors: string[] = [];
  const started = performance.now();
  for (let i = 0; i < CHANGES; i++) {
    const d = state[Math.floor(rand() * state.length)]!;
    if (!d.open) {
      d.version++;
      d.open = true;
      conn.sendNotification('textDocument/didOpen', { textDocument: { uri: d.uri, languageId: d.languageId, version: d.version, text: d.text } });
    }
    const index = new TextIndex(d.text);
    const a = Math.floor(rand() * (d.text.length + 1));
    const r = rand();
    let start = a;
    let end = a;
    let insert = '';
    if (r < 0.55) insert = SNIPPETS[Math.floor(rand() * SNIPPETS.length)]!;
    else if (r < 0.85) end = Math.min(d.text.length, a + 1 + Math.floor(rand() * 4));
    else {
      end = Math.min(d.text.length, a + Math.floor(rand() * 10));
      insert = SNIPPETS[Math.floor(rand() * SNIPPETS.length)]!;
    }
    // Never split a surrogate pair or a CRLF: editors do not either.
    const isLow = (o: number) => (d.text.charCodeAt(o) & 0xfc00) === 0xdc00;
    if (start > 0 && isLow(start)) start--;
    if (end > 0 && end < d.text.length && isLow(end)) end++;
    const range = { start: index.positionAt(start), end: index.positionAt(end) };
    d.text = d.text.slice(0, start) + insert + d.text.slice(end);
    d.version++;
    conn.sendNotification('textDocument/didChange', { textDocument: { uri: d.uri, version: d.version }, contentChanges: [{ range, text: insert }] });

    if (i % 97 === 0) {
      const li = new TextIndex(d.text);
      const line = Math.floor(rand() * li.lineCount);
      const p = conn
        .sendRequest('textDocument/codeAction', {
          textDocument: { uri: d.uri },
          range: { start: { line, character: 0 }, end: { line, character: 0 } },
          context: { diagnostics: [], only: rand() < 0.3 ? ['source.fixAll'] : undefined },
        })
        .then(
          () => answered++,
          (e: { code?: number; message?: string }) => {
            failed++;
            // Cancelled/content-modified answers are fine under load; anything else is a bug.
            if (e.code !== -32800 && e.code !== -32801) unexpectedErrors.push(`${e.code}: ${e.message}`);
          },
        );
      requests.push(p);
    }
    if (i % 1500 === 1499) {
      const c = state[Math.floor(rand() * state.length)]!;
      if (c.open) {
        c.open = false;
        conn.sendNotification('textDocument/didClose', { textDocument: { uri: c.uri } });
      }
    }
    // Let the socket drain now and then (a fast typist, not a single 10k-message write).
    if (i % 200 === 199) await new Promise((r) => setImmediate(r));
    // …and pause now and then so lint runs overlap with new changes and code actions.
    if (i % 500 === 499) await sleep(10 + Math.floor(rand() * 40));
  }
  for (const d of state) {
    if (!d.open) {
      d.version++;
      d.open = true;
      conn.sendNotification('textDocument/didOpen', { textDocument: { uri: d.uri, languageId: d.languageId, version: d.version, text: d.text } });
    }
  }
  const sentMs = performance.now() - started;

  // Every request is answered.
  await Promise.race([Promise.all(requests), sleep(60_000).then(() => Promise.reject(new Error('code action requests not answered in 60 s')))]);
  assert.equal(answered + failed, requests.length);
  assert.deepEqual(unexpectedErrors, []);

  // Final diagnostics arrive for the final version of every document.
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline && state.some((d) => published.get(d.uri)?.version !== d.version)) await sleep(50);
  const settledMs = performance.now() - started;
  assert.equal(exited, undefined, `server died: ${exited}\n${stderr.slice(-2000)}`);
  for (const d of state) assert.equal(published.get(d.uri)?.version, d.version, `${d.name}: no diagnostics for the final version ${d.version}`);

  // …and equal a fresh engine run on the final text (rule ids and ranges).
  const linter = new Linter();
  for (const d of state) {
    const fresh = linter.lint({ text: d.text, fileName: join(dir, d.name), languageId: d.languageId }).findings;
    const key = (code: unknown, r: unknown) => `${String(code)} ${JSON.stringify(r)}`;
    const expected = fresh.map((f) => key(f.ruleId, f.range)).sort();
    const actual = published.get(d.uri)!.diagnostics.map((x) => key(x.code, x.range)).sort();
    assert.deepEqual(actual, expected, `${d.name}: published diagnostics differ from a fresh lint of the final text`);
  }

  // Still alive and answering; memory bounded.
  const answer = await conn.sendRequest('textDocument/codeAction', {
    textDocument: { uri: state[0]!.uri },
    range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
    context: { diagnostics: [] },
  });
  assert.ok(answer === null || Array.isArray(answer));
  const status = readFileSync(`/proc/${proc.pid}/status`, 'utf8');
  const rssMB = Number(/VmRSS:\s*(\d+)/.exec(status)?.[1] ?? 0) / 1024;
  const peakMB = Number(/VmHWM:\s*(\d+)/.exec(status)?.[1] ?? 0) / 1024;
  console.log(
    `load: ${CHANGES} changes sent in ${sentMs.toFixed(0)} ms, settled after ${settledMs.toFixed(0)} ms; ${requests.length} code actions (${failed} cancelled); server RSS ${rssMB.toFixed(0)} MB (peak ${peakMB.toFixed(0)} MB)`,
  );
  assert.ok(rssMB < RSS_LIMIT_MB, `server RSS ${rssMB.toFixed(0)} MB after the run`);
  assert.deepEqual(logs, [], 'the server logged errors');
  await Promise.race([conn.sendRequest('shutdown'), sleep(3000)]);
  // The server may already be gone: a rejected write must not fail the test.
  await conn.sendNotification('exit').catch(() => undefined);
});
