// Minimal LSP client over stdio (JSON-RPC with Content-Length framing), enough for the
// editor-latency and activation benchmarks: requests, notifications, server requests
// answered with defaults, and a hook for every notification received.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';

export class LspClient {
  constructor(command, args, { cwd } = {}) {
    this.startedAt = performance.now();
    this.proc = spawn(command, args, { cwd, stdio: ['pipe', 'pipe', 'pipe'] });
    this.nextId = 1;
    this.pending = new Map();
    this.listeners = new Set();
    this.buffer = Buffer.alloc(0);
    this.stderr = '';
    this.exited = false;
    this.proc.stdout.on('data', (chunk) => this.onData(chunk));
    this.proc.stderr.on('data', (c) => {
      if (this.stderr.length < 100_000) this.stderr += c;
    });
    this.proc.on('exit', (code, signal) => {
      this.exited = true;
      for (const { reject } of this.pending.values()) reject(new Error(`server exited (${code ?? signal})`));
      this.pending.clear();
    });
    this.proc.stdin.on('error', () => undefined);
  }

  onData(chunk) {
    this.buffer = this.buffer.length ? Buffer.concat([this.buffer, chunk]) : chunk;
    for (;;) {
      const headerEnd = this.buffer.indexOf('\r\n\r\n');
      if (headerEnd < 0) return;
      const header = this.buffer.subarray(0, headerEnd).toString('ascii');
      const m = /Content-Length:\s*(\d+)/i.exec(header);
      if (!m) throw new Error(`bad LSP header: ${header}`);
      const len = Number(m[1]);
      if (this.buffer.length < headerEnd + 4 + len) return;
      // Timestamp when the whole message has arrived (before our own JSON.parse of it).
      const at = performance.now();
      const body = this.buffer.subarray(headerEnd + 4, headerEnd + 4 + len).toString('utf8');
      this.buffer = this.buffer.subarray(headerEnd + 4 + len);
      this.dispatch(JSON.parse(body), at);
    }
  }

  dispatch(msg, at) {
    if (msg.id !== undefined && msg.method === undefined) {
      const p = this.pending.get(msg.id);
      if (p) {
        this.pending.delete(msg.id);
        if (msg.error) p.reject(Object.assign(new Error(msg.error.message), { code: msg.error.code }));
        else p.resolve(msg.result);
      }
      return;
    }
    if (msg.id !== undefined) {
      // A request from the server: answer with neutral defaults.
      let result = null;
      if (msg.method === 'workspace/configuration') result = (msg.params?.items ?? []).map(() => null);
      this.write({ jsonrpc: '2.0', id: msg.id, result });
      return;
    }
    for (const l of this.listeners) l(msg, at);
  }

  write(msg) {
    const body = Buffer.from(JSON.stringify(msg), 'utf8');
    this.proc.stdin.write(`Content-Length: ${body.length}\r\n\r\n`);
    this.proc.stdin.write(body);
  }

  request(method, params) {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.write({ jsonrpc: '2.0', id, method, params });
    });
  }

  notify(method, params) {
    this.write({ jsonrpc: '2.0', method, params });
  }

  onNotification(fn) {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  }

  /** Resolves with the first notification matching `pred`, or rejects after `ms`. */
  waitFor(pred, ms = 10_000) {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        off();
        reject(new Error('timeout waiting for server notification'));
      }, ms);
      const off = this.onNotification((msg, at) => {
        if (pred(msg)) {
          clearTimeout(timer);
          off();
          resolve({ msg, at });
        }
      });
    });
  }

  async initialize(rootUri) {
    const result = await this.request('initialize', {
      processId: process.pid,
      rootUri,
      workspaceFolders: rootUri ? [{ uri: rootUri, name: 'bench' }] : null,
      capabilities: {
        textDocument: {
          synchronization: { didSave: true },
          publishDiagnostics: { versionSupport: true, relatedInformation: true },
          codeAction: { codeActionLiteralSupport: { codeActionKind: { valueSet: ['quickfix', 'source.fixAll'] } } },
        },
        workspace: { configuration: true, workspaceEdit: { documentChanges: true } },
      },
    });
    this.notify('initialized', {});
    const sync = result?.capabilities?.textDocumentSync;
    this.syncKind = typeof sync === 'number' ? sync : sync?.change ?? 1;
    return result;
  }

  /** Resident set size and its high-water mark in MB (Linux /proc). */
  memory() {
    try {
      const s = readFileSync(`/proc/${this.proc.pid}/status`, 'utf8');
      const rss = Number(/VmRSS:\s*(\d+)/.exec(s)?.[1] ?? NaN) / 1024;
      const hwm = Number(/VmHWM:\s*(\d+)/.exec(s)?.[1] ?? NaN) / 1024;
      return { rssMB: rss, peakMB: hwm };
    } catch {
      return { rssMB: NaN, peakMB: NaN };
    }
  }

  async shutdown() {
    if (this.exited) return;
    try {
      await Promise.race([this.request('shutdown', null), new Promise((r) => setTimeout(r, 2000))]);
      this.notify('exit', null);
    } catch {
      /* already gone */
    }
    await new Promise((resolve) => {
      if (this.exited) return resolve();
      const t = setTimeout(() => {
        this.proc.kill('SIGKILL');
        resolve();
      }, 2000);
      this.proc.on('exit', () => {
        clearTimeout(t);
        resolve();
      });
    });
  }
}
