// Editor-latency and activation scenarios against the built language server over stdio.
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { LspClient } from './lsp-client.mjs';

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** Small deterministic PRNG (mulberry32). */
export function rng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function percentile(xs, p) {
  if (xs.length === 0) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)];
}

/** Lines where typing into a value is realistic: `key: value` (YAML) or an instruction (Dockerfile). */
function editableLines(lines, isYaml) {
  const out = [];
  lines.forEach((l, i) => {
    if (isYaml ? /^\s*(- )?[A-Za-z_][\w.-]*: \S/.test(l) && !/[|>]\s*$/.test(l) : /^(RUN|ENV|LABEL|ARG|CMD|COPY)\s/.test(l) && !/\\\s*$/.test(l)) out.push(i);
  });
  return out;
}

/**
 * Opens `file` in the server and sends `edits` single-character edits: words typed at ~80 ms
 * per key and erased again, with a fast burst (5 ms/key) every few words. Measures, for each
 * version the server publishes diagnostics for, didChange → publishDiagnostics.
 */
export async function measureLatency(serverJs, file, languageId, { edits = 240, seed = 1, typingMs = 80, burstMs = 5 } = {}) {
  const client = new LspClient(process.execPath, [serverJs, '--stdio']);
  const uri = pathToFileURL(file).href;
  const text = readFileSync(file, 'utf8');
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const lines = text.split(eol);
  const isYaml = languageId === 'yaml';
  const candidates = editableLines(lines, isYaml);
  const rand = rng(seed);
  try {
    await client.initialize(pathToFileURL(process.cwd()).href);
    const sent = new Map(); // version -> time sent
    const latencies = [];
    let superseded = 0;
    let lastPublished = 0;
    let versionless = 0;
    client.onNotification((msg, at) => {
      if (msg.method !== 'textDocument/publishDiagnostics' || msg.params.uri !== uri) return;
      let v = msg.params.version;
      if (typeof v !== 'number') {
        versionless++;
        v = Math.max(0, ...sent.keys());
      }
      for (const [w, t] of sent) {
        if (w < v) superseded++;
        else if (w === v) latencies.push(at - t);
        else continue;
        sent.delete(w);
      }
      lastPublished = Math.max(lastPublished, v);
    });
    const openedAt = performance.now();
    const first = client.waitFor((m) => m.method === 'textDocument/publishDiagnostics' && m.params.uri === uri, 60_000);
    client.notify('textDocument/didOpen', { textDocument: { uri, languageId, version: 1, text } });
    const firstPub = await first;
    const openMs = firstPub.at - openedAt;
    const firstCount = firstPub.msg.params.diagnostics.length;

    let version = 1;
    const send = (line, startChar, endChar, newText) => {
      const l = lines[line];
      lines[line] = l.slice(0, startChar) + newText + l.slice(endChar);
      version++;
      const change =
        client.syncKind === 2
          ? { range: { start: { line, character: startChar }, end: { line, character: endChar } }, text: newText }
          : { text: lines.join(eol) };
      sent.set(version, performance.now());
      client.notify('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [change] });
    };
    const words = ['replica', 'nginx', 'v2', 'prod', 'alpha-1', 'cache', 'x'];
    let count = 0;
    let word = 0;
    while (count < edits) {
      const line = candidates.length ? candidates[Math.floor(rand() * candidates.length)] : Math.floor(rand() * lines.length);
      const col = lines[line].length;
      const w = words[Math.floor(rand() * words.length)];
      const burst = word++ % 4 === 3;
      const delay = burst ? burstMs : typingMs;
      for (let i = 0; i < w.length && count < edits; i++, count++) {
        send(line, col + i, col + i, w[i]);
        await sleep(delay);
      }
      // Erase the word again with backspaces.
      for (let i = lines[line].length; i > col && count < edits; i--, count++) {
        send(line, i - 1, i, '');
        await sleep(delay);
      }
      await sleep(typingMs * 2);
    }
    const deadline = performance.now() + 10_000;
    while (lastPublished < version && performance.now() < deadline) await sleep(5);
    const mem = client.memory();
    return {
      file,
      lines: text.split(eol).length,
      edits: version - 1,
      published: latencies.length,
      superseded,
      versionless,
      unanswered: sent.size,
      openMs,
      openDiagnostics: firstCount,
      p50: percentile(latencies, 50),
      p95: percentile(latencies, 95),
      max: latencies.length ? Math.max(...latencies) : NaN,
      rssMB: mem.rssMB,
      peakRssMB: mem.peakMB,
      syncKind: client.syncKind,
    };
  } finally {
    await client.shutdown();
  }
}

/** Server spawn → first diagnostics of a small Dockerfile (the extension activates, then starts the server). */
export async function measureActivation(serverJs, file, text) {
  const client = new LspClient(process.execPath, [serverJs, '--stdio']);
  try {
    const uri = pathToFileURL(file).href;
    await client.initialize(null);
    const first = client.waitFor((m) => m.method === 'textDocument/publishDiagnostics' && m.params.uri === uri, 30_000);
    client.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'dockerfile', version: 1, text } });
    const { at, msg } = await first;
    return { ms: at - client.startedAt, diagnostics: msg.params.diagnostics.length };
  } finally {
    await client.shutdown();
  }
}

/**
 * A small Dockerfile opened right after a large file: its open → first diagnostics, with the large
 * file's beside it. The server lints texts of 256 K characters or more in a worker of their own,
 * so the small file should not wait for the large one.
 */
export async function measureSmallBesideLarge(serverJs, largeFile, languageId, smallFile, smallText) {
  const client = new LspClient(process.execPath, [serverJs, '--stdio']);
  try {
    await client.initialize(pathToFileURL(process.cwd()).href);
    // Warm-up: the first lint of a fresh server loads the engine.
    const warmUri = pathToFileURL(smallFile + '.warm').href;
    const warm = client.waitFor((m) => m.method === 'textDocument/publishDiagnostics' && m.params.uri === warmUri, 30_000);
    client.notify('textDocument/didOpen', { textDocument: { uri: warmUri, languageId: 'dockerfile', version: 1, text: smallText } });
    await warm;
    const published = (uri) => client.waitFor((m) => m.method === 'textDocument/publishDiagnostics' && m.params.uri === uri, 60_000);
    const largeUri = pathToFileURL(largeFile).href;
    const smallUri = pathToFileURL(smallFile).href;
    const large = published(largeUri);
    const small = published(smallUri);
    const largeOpenedAt = performance.now();
    client.notify('textDocument/didOpen', { textDocument: { uri: largeUri, languageId, version: 1, text: readFileSync(largeFile, 'utf8') } });
    await sleep(20);
    const smallOpenedAt = performance.now();
    client.notify('textDocument/didOpen', { textDocument: { uri: smallUri, languageId: 'dockerfile', version: 1, text: smallText } });
    const [l, s] = await Promise.all([large, small]);
    return { largeMs: l.at - largeOpenedAt, smallMs: s.at - smallOpenedAt };
  } finally {
    await client.shutdown();
  }
}
