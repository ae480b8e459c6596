// Runs the engine in a worker thread so that a rule that never returns (a pathological
// regex, an endless loop on odd input) cannot hang the language server: each call has a
// deadline; past it the worker is terminated and a fresh one takes the next call. The
// worker keeps one `Linter`, so its per-document YAML caches survive between calls.
//
// The worker script is the server bundle itself (dist/server.js), started with a flag in
// `workerData`; its entry checks `isLspLintWorker()` before anything else.
import { existsSync } from 'node:fs';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import { Linter, type LintInput, type LintResult } from '../engine/lint';
import type { DocumentKind } from '../engine/types';
import { ReceivedFindings, SentFindings, type WireFindings } from './findings-delta';

const FLAG = 'infraGuideLspLintWorker';
const WORKER_BOOT_TIMEOUT_MS = 30_000;

export interface FixAllResult {
  text: string;
  applied: number;
}

export interface RuleErrorReport {
  ruleId: string;
  fileName: string;
  /** Error name and stack frames only: never the message (it could quote document text). */
  error: string;
}

type Op = 'lint' | 'fixAll';
interface Request {
  id: number;
  op: Op;
  input: LintInput;
  /** Lint of an open document: its findings travel as a change to the result `base` the server holds. */
  document?: string;
  base?: number;
}
/** The server closed the document: the worker forgets what it sent for it. */
interface Forget {
  forget: string;
}
/** A lint result on its way from the worker, findings as sent (findings-delta.ts). */
interface WireLintResult {
  kind: DocumentKind | undefined;
  findings: WireFindings;
}
type Response =
  | { ready: true }
  | { id: number; ok: true; result: LintResult | FixAllResult | WireLintResult; ruleErrors: RuleErrorReport[] }
  | { id: number; ok: false; error: string };

/** The call was dropped before it ran: its document changed meanwhile. */
export class LintStaleError extends Error {
  constructor() {
    super('lint request superseded');
    this.name = 'LintStaleError';
  }
}

export class LintTimeoutError extends Error {
  constructor(ms: number) {
    super(`linting did not finish within ${ms} ms`);
    this.name = 'LintTimeoutError';
  }
}

export function describeError(e: unknown): string {
  if (e instanceof Error) {
    const frames = (e.stack ?? '').split('\n').filter((l) => /^\s+at /.test(l)).slice(0, 4).join('\n');
    return `${e.name}${frames ? '\n' + frames : ''}`;
  }
  return typeof e;
}

/** True inside the language server's lint worker thread. */
export function isLspLintWorker(): boolean {
  return !isMainThread && typeof workerData === 'object' && workerData !== null && (workerData as Record<string, unknown>)[FLAG] === true;
}

/** Test hook: with this environment variable set, documents containing its value never finish linting. */
const HANG_MARKER_ENV = 'INFRA_GUIDE_LSP_TEST_HANG_MARKER';

function execute(linter: Linter, req: Request): LintResult | FixAllResult {
  const marker = process.env[HANG_MARKER_ENV];
  if (marker && req.input.text.includes(marker)) for (;;) void 0;
  if (req.op === 'lint') return linter.lint(req.input);
  const r = linter.fixAll(req.input);
  return { text: r.text, applied: r.applied };
}

/** Runs a request in the worker; the findings of an open document's lint go as a change to what the server holds. */
function answer(linter: Linter, sent: SentFindings, req: Request): LintResult | FixAllResult | WireLintResult {
  const result = execute(linter, req);
  if (req.op !== 'lint' || req.document === undefined) return result;
  const { kind, findings } = result as LintResult;
  return { kind, findings: sent.encode(req.document, req.id, req.base, findings) };
}

/** Worker thread body: answers lint/fixAll requests with one Linter. */
export function runLspLintWorker(): void {
  const port = parentPort;
  if (!port) return;
  let ruleErrors: RuleErrorReport[] = [];
  const linter = new Linter({ onRuleError: (ruleId, fileName, e) => ruleErrors.push({ ruleId, fileName, error: describeError(e) }) });
  const sent = new SentFindings();
  port.on('message', (msg: Request | Forget) => {
    if ('forget' in msg) {
      sent.forget(msg.forget);
      return;
    }
    const req = msg;
    ruleErrors = [];
    let res: Response;
    try {
      res = { id: req.id, ok: true, result: answer(linter, sent, req), ruleErrors };
    } catch (e) {
      res = { id: req.id, ok: false, error: describeError(e) };
    }
    port.postMessage(res);
  });
  port.postMessage({ ready: true } satisfies Response);
}

interface Pending {
  resolve: (r: LintResult | FixAllResult) => void;
  reject: (e: Error) => void;
  timer: NodeJS.Timeout | undefined;
  /** When the worker started on it (its deadline runs from then). */
  startedAt: number | undefined;
  req: Request;
  isStale: (() => boolean) | undefined;
  /** Open document linted (its findings travel as changes); cleared when it is closed. */
  document: string | undefined;
}

export interface LintHostOptions {
  /** Worker script (the server bundle); undefined or missing: lint in this thread. */
  script: string | undefined;
  /** Deadline of one call once the worker started it. */
  timeoutMs: number;
  log: (level: 'error' | 'warn' | 'info', message: string) => void;
  /** Texts at least this long go to the second worker (default LARGE_TEXT_LENGTH). */
  largeTextLength?: number;
  /** An open document whose lint took this long, or timed out, goes on in the second worker (default SLOW_LINT_MS). */
  slowLintMs?: number;
}

/**
 * Texts from this length on are linted by a worker of their own. A 2 MB manifest can take
 * seconds to lint (the `yaml` parser alone runs at 1–6 MB/s); small files opened or typed in
 * meanwhile must not wait for it. Most files lint within a few milliseconds; at 256 K
 * characters a YAML file takes ~0.1–0.5 s.
 */
export const LARGE_TEXT_LENGTH = 256 * 1024;
/** A lint this slow, whatever the text's length (a rule stuck on odd input), would hold back others too. */
export const SLOW_LINT_MS = 1000;

/** What a lane needs from its host. */
interface LaneContext {
  readonly opts: LintHostOptions;
  isDisposed(): boolean;
  /** The in-process linter once the host fell back to it. */
  inProcess(): Linter | undefined;
  useInProcess(reason: string): void;
  /** Runs a queued call in-process (after the fallback). */
  runInProcess(p: Pending): void;
  /** The open document's lints go to the second worker from now on. */
  markSlow(document: string): void;
  /** Token of the result the server holds for `document`. */
  base(document: string): number | undefined;
  decode(p: Pending, document: string, wire: WireLintResult): LintResult | undefined;
}

/**
 * Lints through worker threads (in-process as a fallback). A second worker, started when first
 * needed, takes texts of `largeTextLength` or more and the open documents whose lint was slow, so
 * that they never hold back the others. Each worker takes one call at a time, in order.
 */
export class LintHost {
  private readonly main: WorkerLane;
  private readonly slow: WorkerLane;
  /** Open documents whose lint took `slowLintMs` or more, or timed out. */
  private readonly slowDocuments = new Set<string>();
  private nextId = 0;
  private inProcess: Linter | undefined;
  private disposed = false;
  private readonly received = new ReceivedFindings();

  constructor(private readonly opts: LintHostOptions) {
    const context: LaneContext = {
      opts,
      isDisposed: () => this.disposed,
      inProcess: () => this.inProcess,
      markSlow: (document) => this.slowDocuments.add(document),
      useInProcess: (reason) => this.useInProcess(reason),
      runInProcess: (p) => this.call(p.req.op, p.req.input, p.isStale).then(p.resolve, p.reject),
      base: (document) => this.received.base(document),
      decode: (p, document, wire) => {
        const findings = this.received.decode(document, p.req.id, wire.findings);
        if (p.document === undefined) this.received.forget(document);
        return findings && { kind: wire.kind, findings };
      },
    };
    this.main = new WorkerLane(context);
    this.slow = new WorkerLane(context);
    if (!opts.script || !existsSync(opts.script)) this.useInProcess('no worker script');
  }

  /**
   * Starts the main worker ahead of the first call: loading the engine in a new thread
   * takes tens of milliseconds, which then overlap with the client's start-up instead of
   * delaying the first diagnostics.
   */
  prestart(): void {
    if (!this.inProcess && !this.disposed) this.main.ensureWorker();
  }

  /**
   * `isStale`: checked before the call runs; a stale call is dropped (LintStaleError).
   * `document`: key of the open document linted (its URI): the worker then sends only what
   * changed since the document's last result; `forget` it when the document closes.
   */
  lint(input: LintInput, isStale?: () => boolean, document?: string): Promise<LintResult> {
    return this.call('lint', input, isStale, document) as Promise<LintResult>;
  }

  fixAll(input: LintInput, isStale?: () => boolean): Promise<FixAllResult> {
    return this.call('fixAll', input, isStale) as Promise<FixAllResult>;
  }

  /** Releases what the host and the workers keep for a closed document. */
  forget(document: string): void {
    this.received.forget(document);
    this.slowDocuments.delete(document);
    this.main.forget(document);
    this.slow.forget(document);
  }

  dispose(): void {
    this.disposed = true;
    this.main.dispose();
    this.slow.dispose();
    this.received.clear();
  }

  private useInProcess(reason: string): void {
    if (this.inProcess) return;
    this.opts.log('warn', `linting in the server thread (${reason}): a rule that does not return would block the server`);
    this.received.clear();
    this.inProcess = new Linter({
      onRuleError: (ruleId, fileName, e) => this.opts.log('error', `rule ${ruleId} failed on ${fileName}: ${describeError(e)}`),
    });
  }

  private call(op: Op, input: LintInput, isStale?: () => boolean, document?: string): Promise<LintResult | FixAllResult> {
    if (this.disposed) return Promise.reject(new Error('lint host disposed'));
    if (isStale?.()) return Promise.reject(new LintStaleError());
    if (this.inProcess) {
      try {
        return Promise.resolve(execute(this.inProcess, { id: 0, op, input }));
      } catch (e) {
        return Promise.reject(e instanceof Error ? e : new Error(String(e)));
      }
    }
    const slow = input.text.length >= (this.opts.largeTextLength ?? LARGE_TEXT_LENGTH) || (document !== undefined && this.slowDocuments.has(document));
    return new Promise((resolve, reject) => {
      (slow ? this.slow : this.main).enqueue({ resolve, reject, timer: undefined, startedAt: undefined, req: { id: ++this.nextId, op, input }, isStale, document });
    });
  }
}

/** One worker thread and the calls waiting for it; past a call's deadline the worker is replaced. */
class WorkerLane {
  private worker: Worker | undefined;
  /** The worker has loaded the engine: deadlines run from then on (a cold start is slow). */
  private workerReady = false;
  private readonly queue: Pending[] = [];
  private current: Pending | undefined;
  /** Worker crashes since the last answer: after a few, the host lints in-process instead. */
  private crashes = 0;

  constructor(private readonly ctx: LaneContext) {}

  enqueue(p: Pending): void {
    this.queue.push(p);
    this.pump();
  }

  forget(document: string): void {
    for (const p of this.current ? [this.current, ...this.queue] : this.queue) if (p.document === document) p.document = undefined;
    this.worker?.postMessage({ forget: document } satisfies Forget);
  }

  dispose(): void {
    for (const p of [...this.queue, ...(this.current ? [this.current] : [])]) {
      if (p.timer) clearTimeout(p.timer);
      p.reject(new Error('lint host disposed'));
    }
    this.queue.length = 0;
    this.current = undefined;
    void this.worker?.terminate();
    this.worker = undefined;
  }

  ensureWorker(): Worker | undefined {
    if (this.worker) return this.worker;
    try {
      const w = new Worker(this.ctx.opts.script!, { workerData: { [FLAG]: true } });
      this.workerReady = false;
      w.unref();
      w.on('message', (res: Response) => this.onResponse(w, res));
      w.on('error', (e) => this.onWorkerGone(w, `lint worker failed: ${describeError(e)}`));
      w.on('exit', (code) => this.onWorkerGone(w, `lint worker exited (${code})`));
      this.worker = w;
      const boot = setTimeout(() => {
        if (w !== this.worker || this.workerReady) return;
        this.onWorkerGone(w, `lint worker did not start within ${WORKER_BOOT_TIMEOUT_MS} ms`);
        void w.terminate();
      }, WORKER_BOOT_TIMEOUT_MS);
      boot.unref();
      return w;
    } catch (e) {
      this.ctx.useInProcess(`cannot start a worker: ${describeError(e)}`);
      return undefined;
    }
  }

  private pump(): void {
    if (this.current || this.ctx.isDisposed()) return;
    // Drop calls whose document changed while they waited: only the latest version matters.
    while (this.queue.length > 0 && this.queue[0]!.isStale?.()) this.queue.shift()!.reject(new LintStaleError());
    if (this.queue.length === 0) return;
    const w = this.ctx.inProcess() ? undefined : this.ensureWorker();
    if (!w) {
      // The host fell back to in-process: drain the queue there.
      for (const p of this.queue.splice(0)) this.ctx.runInProcess(p);
      return;
    }
    const p = this.queue.shift()!;
    this.current = p;
    if (this.workerReady) this.startDeadline(w, p);
    // The base is read now, not when queued: the call before may have brought a newer result.
    if (p.document !== undefined) {
      p.req.document = p.document;
      p.req.base = this.ctx.base(p.document);
    }
    w.postMessage(p.req);
  }

  private startDeadline(w: Worker, p: Pending): void {
    if (p.timer) return;
    const { timeoutMs, log } = this.ctx.opts;
    p.startedAt = performance.now();
    p.timer = setTimeout(() => {
      if (this.current !== p) return;
      if (p.document !== undefined) this.ctx.markSlow(p.document);
      log('error', `linting ${p.req.input.fileName} did not finish within ${timeoutMs} ms: the lint worker was restarted`);
      this.current = undefined;
      this.worker = undefined;
      void w.terminate();
      p.reject(new LintTimeoutError(timeoutMs));
      this.pump();
    }, timeoutMs);
  }

  private onResponse(w: Worker, res: Response): void {
    if ('ready' in res) {
      if (w !== this.worker) return;
      this.workerReady = true;
      if (this.current) this.startDeadline(w, this.current);
      return;
    }
    const p = this.current;
    if (w !== this.worker || !p || p.req.id !== res.id) return;
    if (p.timer) clearTimeout(p.timer);
    this.current = undefined;
    this.crashes = 0;
    const ms = p.startedAt === undefined ? 0 : performance.now() - p.startedAt;
    if (p.document !== undefined && ms >= (this.ctx.opts.slowLintMs ?? SLOW_LINT_MS)) this.ctx.markSlow(p.document);
    try {
      if (res.ok) {
        for (const re of res.ruleErrors) this.ctx.opts.log('error', `rule ${re.ruleId} failed on ${re.fileName}: ${re.error}`);
        const result = p.req.document === undefined ? (res.result as LintResult | FixAllResult) : this.ctx.decode(p, p.req.document, res.result as WireLintResult);
        if (result) p.resolve(result);
        else p.reject(new LintStaleError());
      } else {
        p.reject(new Error(`engine error: ${res.error}`));
      }
    } catch (e) {
      // An answer that cannot be read fails its call; it must not stop the calls queued behind it.
      p.reject(new Error(`unreadable lint worker answer: ${describeError(e)}`));
    }
    this.pump();
  }

  private onWorkerGone(w: Worker, why: string): void {
    if (w !== this.worker) return; // terminated on purpose (timeout) or replaced
    this.worker = undefined;
    if (!this.ctx.isDisposed()) this.ctx.opts.log('error', why);
    if (++this.crashes >= 3) this.ctx.useInProcess('the lint worker keeps failing');
    const p = this.current;
    this.current = undefined;
    if (p) {
      if (p.timer) clearTimeout(p.timer);
      p.reject(new Error(why));
    }
    this.pump();
  }
}
