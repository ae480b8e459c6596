// A minimal LSP client for protocol tests: spawns the BUILT server (`node dist/server.js
// --stdio`), answers the server's requests (workspace/configuration …) and records every
// publishDiagnostics so tests can wait for the publish of a given document version.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter, type MessageConnection } from 'vscode-jsonrpc/node';
import type {
  CodeAction,
  Diagnostic,
  InitializeResult,
  PublishDiagnosticsParams,
  Range,
  TextDocumentContentChangeEvent,
  TextEdit,
  WorkspaceEdit,
} from 'vscode-languageserver-protocol';
import { TextDocument } from 'vscode-languageserver-textdocument';

export const REPO_ROOT = resolve(__dirname, '..', '..', '..');
export const SERVER_JS = join(REPO_ROOT, 'dist', 'server.js');
export const CLI_JS = join(REPO_ROOT, 'dist', 'cli.js');

export interface Publish extends PublishDiagnosticsParams {
  /** Arrival order, for `mark()`/`waitForPublish(…, since)`. */
  seq: number;
}

export type SettingsProvider = (scopeUri: string | undefined, section: string | undefined) => unknown;

export function fileUri(path: string): string {
  return pathToFileURL(path).href;
}

/** A temp folder under os.tmpdir(), removed by the returned cleanup. */
export function tempDir(prefix = 'infra-guide-lsp-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

export function removeDir(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
}

interface Waiter {
  uri: string;
  pred: (p: Publish) => boolean;
  since: number;
  resolve: (p: Publish) => void;
}

export class LspClient {
  readonly publishes: Publish[] = [];
  readonly logs: { type: number; message: string }[] = [];
  stderr = '';
  settings: SettingsProvider = () => ({});
  private seq = 0;
  private waiters: Waiter[] = [];
  private docs = new Map<string, TextDocument>();
  private exited = false;

  private constructor(
    readonly proc: ChildProcess,
    readonly conn: MessageConnection,
  ) {}

  static async start(
    opts: { capabilities?: Record<string, unknown>; initializationOptions?: unknown; rootUri?: string | null; args?: string[]; env?: Record<string, string> } = {},
  ): Promise<{ client: LspClient; init: InitializeResult }> {
    const args = opts.args ?? [SERVER_JS, '--stdio'];
    if (!existsSync(args[0]!)) throw new Error(`${args[0]} is missing: run \`node scripts/build.mjs\` first`);
    const proc = spawn(process.execPath, args, { stdio: ['pipe', 'pipe', 'pipe'], env: { ...process.env, ...(opts.env ?? {}) } });
    const conn = createMessageConnection(new StreamMessageReader(proc.stdout!), new StreamMessageWriter(proc.stdin!));
    const client = new LspClient(proc, conn);
    proc.stderr!.on('data', (d: Buffer) => (client.stderr += d.toString()));
    proc.on('exit', () => (client.exited = true));
    conn.onNotification('textDocument/publishDiagnostics', (p: PublishDiagnosticsParams) => client.onPublish(p));
    conn.onNotification('window/logMessage', (p: { type: number; message: string }) => {
      client.logs.push(p);
    });
    conn.onRequest('workspace/configuration', (p: { items: { scopeUri?: string; section?: string }[] }) =>
      p.items.map((i) => client.settings(i.scopeUri, i.section)),
    );
    conn.onRequest('client/registerCapability', () => null);
    conn.onRequest('client/unregisterCapability', () => null);
    conn.onRequest('window/workDoneProgress/create', () => null);
    conn.listen();
    const init = await withTimeout(
      conn.sendRequest<InitializeResult>('initialize', {
        processId: process.pid,
        rootUri: opts.rootUri ?? null,
        capabilities: opts.capabilities ?? {
          workspace: { configuration: true, workspaceEdit: { documentChanges: true }, didChangeConfiguration: { dynamicRegistration: false } },
          textDocument: { publishDiagnostics: { versionSupport: true, codeDescriptionSupport: true }, codeAction: { codeActionLiteralSupport: { codeActionKind: { valueSet: ['quickfix', 'source'] } } } },
        },
        initializationOptions: opts.initializationOptions ?? { watchesConfigFiles: true },
      }),
      10_000,
      'initialize',
    );
    await conn.sendNotification('initialized', {});
    return { client, init };
  }

  get alive(): boolean {
    return !this.exited && this.proc.exitCode === null;
  }

  private onPublish(p: PublishDiagnosticsParams): void {
    const pub: Publish = { ...p, seq: ++this.seq };
    this.publishes.push(pub);
    this.waiters = this.waiters.filter((w) => {
      if (w.uri === p.uri && pub.seq > w.since && w.pred(pub)) {
        w.resolve(pub);
        return false;
      }
      return true;
    });
  }

  /** Sequence number of the latest publish: wait for publishes after it. */
  mark(): number {
    return this.seq;
  }

  publishesFor(uri: string, since = 0): Publish[] {
    return this.publishes.filter((p) => p.uri === uri && p.seq > since);
  }

  /** The first publish for `uri` after `since` matching `pred` (already received or future). */
  waitForPublish(uri: string, pred: (p: Publish) => boolean = () => true, since = 0, timeoutMs = 5000, label = ''): Promise<Publish> {
    const hit = this.publishes.find((p) => p.uri === uri && p.seq > since && pred(p));
    if (hit) return Promise.resolve(hit);
    return new Promise<Publish>((res, rej) => {
      const w: Waiter = { uri, pred, since, resolve: (p) => (clearTimeout(timer), res(p)) };
      const timer = setTimeout(() => {
        this.waiters = this.waiters.filter((x) => x !== w);
        const seen = this.publishesFor(uri, since).map((p) => `v${p.version ?? '-'}:[${p.diagnostics.map((d) => d.code).join(',')}]`);
        rej(new Error(`timed out after ${timeoutMs} ms waiting for publishDiagnostics ${label} on ${uri}; seen: ${seen.join(' ') || 'none'}; server alive: ${this.alive}; stderr: ${this.stderr.slice(-500)}`));
      }, timeoutMs);
      this.waiters.push(w);
    });
  }

  /** Waits for the publish of exactly this document version. */
  waitForVersion(uri: string, version: number, since = 0, timeoutMs = 5000): Promise<Publish> {
    return this.waitForPublish(uri, (p) => p.version === version, since, timeoutMs, `of version ${version}`);
  }

  document(uri: string): TextDocument {
    const d = this.docs.get(uri);
    if (!d) throw new Error(`not open: ${uri}`);
    return d;
  }

  open(uri: string, languageId: string, text: string, version = 1): void {
    this.docs.set(uri, TextDocument.create(uri, languageId, version, text));
    void this.conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId, version, text } });
  }

  /** Sends incremental (range) or full changes; returns the new version. */
  change(uri: string, changes: TextDocumentContentChangeEvent[]): number {
    const doc = this.document(uri);
    const version = doc.version + 1;
    const next = TextDocument.update(doc, changes, version);
    this.docs.set(uri, next);
    void this.conn.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: changes });
    return version;
  }

  /** Applies text edits locally and sends them as incremental changes (last first). */
  applyEdits(uri: string, edits: TextEdit[]): number {
    const sorted = [...edits].sort((a, b) => b.range.start.line - a.range.start.line || b.range.start.character - a.range.start.character);
    return this.change(uri, sorted.map((e) => ({ range: e.range, text: e.newText })));
  }

  close(uri: string): void {
    this.docs.delete(uri);
    void this.conn.sendNotification('textDocument/didClose', { textDocument: { uri } });
  }

  codeActions(uri: string, range: Range, diagnostics: Diagnostic[], only?: string[]): Promise<CodeAction[]> {
    return withTimeout(
      this.conn.sendRequest<CodeAction[] | null>('textDocument/codeAction', { textDocument: { uri }, range, context: { diagnostics, ...(only ? { only } : {}) } }).then((r) => r ?? []),
      5000,
      'textDocument/codeAction',
    );
  }

  request<R>(method: string, params: unknown, timeoutMs = 10_000): Promise<R> {
    return withTimeout(this.conn.sendRequest<R>(method, params), timeoutMs, method);
  }

  notify(method: string, params: unknown): void {
    void this.conn.sendNotification(method, params);
  }

  async dispose(): Promise<void> {
    try {
      if (this.alive) {
        await withTimeout(this.conn.sendRequest('shutdown'), 2000, 'shutdown');
        await this.conn.sendNotification('exit').catch(() => undefined);
      }
    } catch {
      /* killed below */
    }
    await new Promise<void>((res) => {
      if (!this.alive) return res();
      const t = setTimeout(() => {
        this.proc.kill('SIGKILL');
        res();
      }, 1500);
      this.proc.once('exit', () => (clearTimeout(t), res()));
    });
    this.conn.dispose();
  }
}

/** Edits for one document from a WorkspaceEdit (documentChanges or changes). */
export function editsFor(edit: WorkspaceEdit | undefined, uri: string): TextEdit[] {
  if (!edit) return [];
  const out: TextEdit[] = [];
  for (const dc of edit.documentChanges ?? []) {
    if ('textDocument' in dc && dc.textDocument.uri === uri) out.push(...(dc.edits as TextEdit[]));
  }
  out.push(...(edit.changes?.[uri] ?? []));
  return out;
}

export function withTimeout<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout;
  return Promise.race([
    p.finally(() => clearTimeout(timer)),
    new Promise<T>((_, rej) => {
      timer = setTimeout(() => rej(new Error(`${what} did not answer within ${ms} ms`)), ms);
    }),
  ]);
}

export function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}
