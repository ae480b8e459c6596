// Lints files on disk: walk → nearest config per file (and whether a kustomization lists it as
// a patch, see kustomize.ts) → read → lint (or fix) → results in sorted path order. Shared by
// the CLI (`infra-guide check`) and the language server ("Check workspace"). Large sets of
// files are spread over worker threads, the main thread taking its share; the order of results
// never depends on the threads.
// Also lints one document read from a stream (`infra-guide check -`, standard input).
//
// Worker entry: this module re-runs itself as the worker script (`new Worker(__filename)`),
// which is `out/server/src/workspace/lint-files.js` when compiled by tsc and the bundle
// itself (e.g. `dist/cli-main.js`) when bundled by esbuild. A bundle's entry must therefore not
// start its own work inside a lint worker: check `isLintWorker()` first.
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { availableParallelism, loadavg } from 'node:os';
import { join, resolve, sep } from 'node:path';
import type { Worker } from 'node:worker_threads';
import { bundleLauncher, isMarkedWorkerThread, WORKER_THREAD_ARG, workerThreads } from '../launch/bundle-launcher';
import type { InfraGuideConfig } from '../engine/config';
import { ConfigResolver, type LoadedConfig } from '../engine/config-loader';
import { classify, classifyYamlContent, isYamlName } from '../engine/classify';
import { looksBinary, UNLINTED_FILE_RULE_IDS } from '../engine/guards';
import { finalizeFindings } from '../engine/levels';
import { BATCH_LINTER_OPTIONS, Linter } from '../engine/lint';
import { FILE_START_RANGE } from '../engine/text';
import type { DocumentKind, Finding } from '../engine/types';
import { KustomizePatches } from './kustomize';
import { walkPaths } from './walk';

export interface FileResult {
  /** Absolute path. */
  path: string;
  /** Shown instead of the path: standard input read without a file name (`<stdin>`). */
  name?: string;
  kind: DocumentKind | undefined;
  findings: Finding[];
  /** With `fix`: number of safe fixes applied and written to the file. */
  fixed?: number;
  /** The file could not be read (or, with `fix`, written); no findings then. */
  error?: string;
  /** Something the user should know that is not an error (e.g. why a file was not fixed). */
  notice?: string;
  /** Rules that threw on this file (their findings were dropped). */
  ruleErrors?: { ruleId: string; message: string }[];
}

export interface LintPathsOptions {
  cwd: string;
  resolver?: ConfigResolver;
  /** Apply safe fixes in place (files are written only when their text changes). */
  fix?: boolean;
  /**
   * Worker threads to use besides the main thread (which lints its share too). Default:
   * `defaultWorkerCount()` (none on a 2-core machine) when there are at least
   * `workerThreshold` files totalling at least `workerMinBytes`, otherwise none. 0 = main
   * thread only.
   */
  workers?: number;
  /** Minimum number of files before workers are started by default (64). */
  workerThreshold?: number;
  /** Minimum total size of the files, in bytes, before workers are started by default (4 MiB). */
  workerMinBytes?: number;
  /** Respect `.gitignore` files while walking folders (default true). */
  gitignore?: boolean;
}

export interface LintPathsResult {
  results: FileResult[];
  configProblems: { path: string; findings: Finding[] }[];
  /** Path arguments that do not exist (absolute). */
  missing?: string[];
  /** Folders and path arguments that could not be read (absolute), with the reason. */
  unreadable?: { path: string; error: string }[];
  /** `fix` was requested but not done because a config file in use has problems. */
  fixSkipped?: boolean;
}

const WORKER_FLAG = 'infraGuideLintWorker';
const CHUNK = 8;
const PREFETCH = 2;

interface WorkerInit {
  [WORKER_FLAG]: true;
  configs: InfraGuideConfig[];
  fix: boolean;
}

interface Task {
  index: number;
  path: string;
  config: number;
  explicit: boolean;
  /** A kustomization lists the file as a patch (`LintInput.kustomizePatch`). */
  patch: boolean;
}

type ToWorker = { type: 'chunk'; tasks: Task[] } | { type: 'done' };
type FromWorker = { type: 'ready' } | { type: 'results'; items: { index: number; result: FileResult }[] };

/** True inside a lint worker thread: a bundle entry must not run its own main then. */
export function isLintWorker(): boolean {
  if (!isMarkedWorkerThread()) return false;
  const { workerData } = workerThreads();
  return typeof workerData === 'object' && workerData !== null && (workerData as Record<string, unknown>)[WORKER_FLAG] === true;
}

function errorMessage(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

/** A text whose first instruction is `FROM` or `ARG` (after comments and parser directives). */
export function looksLikeDockerfile(text: string): boolean {
  const head = text.length > 65536 ? text.slice(0, 65536) : text;
  for (const line of head.split(/\r?\n|\r/)) {
    const t = line.trim();
    if (t === '' || t.startsWith('#')) continue;
    return /^(FROM|ARG)\s/i.test(t);
  }
  return false;
}

/**
 * Reads, lints (or fixes and writes) one file. Never throws. `explicit`: named by the user,
 * so a file the engine does not recognise by name is still linted as a Dockerfile when its
 * content is one. `kustomizePatch`: a kustomization lists the file as a patch.
 */
export function lintFile(linter: Linter, path: string, config: InfraGuideConfig, fix: boolean, explicit = false, kustomizePatch = false): FileResult {
  const ruleErrors: { ruleId: string; message: string }[] = [];
  // Only a fix needs the bytes (to leave invalid UTF-8 unwritten): a lint reads the text, which
  // Node decodes natively (~30% less time than a Buffer and then its string).
  let buf: Buffer | undefined;
  let decoded: string;
  try {
    if (fix) {
      buf = readFileSync(path);
      decoded = buf.toString('utf8');
    } else {
      decoded = readFileSync(path, 'utf8');
    }
  } catch (e) {
    return { path, kind: undefined, findings: [], error: `cannot read: ${errorMessage(e)}` };
  }
  // Editors strip a UTF-8 byte order mark (VS Code does): lint without it so that columns on line
  // 1 match theirs, and write it back in front of the fixed text.
  const bom = decoded.startsWith('\uFEFF') ? '\uFEFF' : '';
  const text = bom === '' ? decoded : decoded.slice(1);
  let kind: DocumentKind | undefined;
  if (kind === undefined && explicit && classify(path, undefined, text) === undefined && looksLikeDockerfile(text)) kind = 'dockerfile';
  if (!fix) return lintText(linter, path, text, config, kind, kustomizePatch);
  const onRuleError = (ruleId: string, _file: string, e: unknown) => ruleErrors.push({ ruleId, message: errorMessage(e) });
  currentRuleErrorSink = onRuleError;
  try {
    const r = linter.fixAll({ text, fileName: path, config, kind, kustomizePatch });
    const result: FileResult = { path, kind: kind ?? classify(path, undefined, text), findings: r.findings };
    if (r.text !== text) {
      // Never write back a file whose bytes did not survive UTF-8 decoding (invalid UTF-8):
      // the rewrite would replace them with U+FFFD.
      if (!Buffer.from(decoded, 'utf8').equals(buf!)) {
        const plain = linter.lint({ text, fileName: path, config, kind, kustomizePatch });
        return withRuleErrors({ path, kind: plain.kind, findings: plain.findings, notice: 'not fixed: the file is not valid UTF-8' }, ruleErrors);
      }
      try {
        writeFileSync(path, bom + r.text, 'utf8');
        result.fixed = r.applied;
      } catch (e) {
        const plain = linter.lint({ text, fileName: path, config, kind, kustomizePatch });
        return withRuleErrors({ path, kind: plain.kind, findings: plain.findings, error: `cannot write fixes: ${errorMessage(e)}` }, ruleErrors);
      }
    }
    return withRuleErrors(result, ruleErrors);
  } catch (e) {
    // The engine itself failed (it should not): report instead of crashing the whole run.
    return { path, kind: undefined, findings: [], error: `internal error: ${errorMessage(e)}` };
  } finally {
    currentRuleErrorSink = undefined;
  }
}

/** Lints a text as the file at `path` (which need not exist). Never throws. */
function lintText(linter: Linter, path: string, text: string, config: InfraGuideConfig, kind: DocumentKind | undefined, kustomizePatch: boolean): FileResult {
  const ruleErrors: { ruleId: string; message: string }[] = [];
  currentRuleErrorSink = (ruleId, _file, e) => ruleErrors.push({ ruleId, message: errorMessage(e) });
  try {
    const r = linter.lint({ text, fileName: path, config, kind, kustomizePatch });
    return withRuleErrors({ path, kind: r.kind, findings: r.findings }, ruleErrors);
  } catch (e) {
    // The engine itself failed (it should not): report instead of crashing the whole run.
    return { path, kind: undefined, findings: [], error: `internal error: ${errorMessage(e)}` };
  } finally {
    currentRuleErrorSink = undefined;
  }
}

function withRuleErrors(r: FileResult, errors: { ruleId: string; message: string }[]): FileResult {
  if (errors.length > 0) r.ruleErrors = errors;
  return r;
}

let currentRuleErrorSink: ((ruleId: string, file: string, e: unknown) => void) | undefined;

function newLinter(): Linter {
  return new Linter({ ...BATCH_LINTER_OPTIONS, onRuleError: (ruleId, file, e) => currentRuleErrorSink?.(ruleId, file, e) });
}

let threadLinter: Linter | undefined;
function getLinter(): Linter {
  return (threadLinter ??= newLinter());
}

function runWorker(): void {
  const { parentPort, workerData } = workerThreads();
  const init = workerData as WorkerInit;
  const port = parentPort!;
  const linter = getLinter();
  port.on('message', (msg: ToWorker) => {
    if (msg.type === 'done') {
      port.close();
      return;
    }
    const items = msg.tasks.map((t) => ({ index: t.index, result: lintTask(linter, t, init.configs, init.fix) }));
    port.postMessage({ type: 'results', items } satisfies FromWorker);
  });
  port.postMessage({ type: 'ready' } satisfies FromWorker);
}

if (isLintWorker()) runWorker();

function lintTask(linter: Linter, t: Task, configs: readonly InfraGuideConfig[], fix: boolean): FileResult {
  return lintFile(linter, t.path, configs[t.config]!, fix, t.explicit, t.patch);
}

/**
 * Workers to start besides the main thread, which lints its share too. A linting thread keeps
 * about 1.5 cores busy, not one: V8's compiler and GC helper threads run beside it (measured on
 * a 2-core machine: 1.4-1.6 s CPU for 0.9 s wall with `--workers 0`). Each worker also pays
 * for loading and warming up the engine (+0.3-0.45 s CPU). So threads = idle cores / 1.5,
 * minus the main thread: none on a 2-core machine, where one worker made every corpus slower
 * (Dockerfiles 1.07 s vs 0.91 s, K8s 1.29 vs 1.15, all 16 MiB 2.52 vs 2.38), one on 4 idle
 * cores, four on 8. Idle = cores minus the 1-minute load average: on a busy machine, extra
 * threads only make the run slower.
 */
export function defaultWorkerCount(): number {
  let cores = 2;
  try {
    cores = availableParallelism();
  } catch {
    // keep the default
  }
  const load = loadavg()[0] ?? 0;
  const idle = Math.floor(cores - load + 0.5);
  return Math.max(0, Math.min(cores - 1, Math.floor(idle / 1.5) - 1));
}

/** Total size of the files (stat only; unreadable files count as empty). Stops at `limit`. */
function totalBytes(tasks: readonly Task[], limit: number): number {
  let sum = 0;
  for (const t of tasks) {
    try {
      sum += statSync(t.path).size;
    } catch {
      // counted as empty; reading it later reports the error
    }
    if (sum >= limit) break;
  }
  return sum;
}

const immediate = () => new Promise<void>((r) => setImmediate(r));

/**
 * Walks `paths` (relative to `opts.cwd`) and lints every file the engine classifies.
 * Results come in sorted path order; `configProblems` lists each config file in use
 * that has problems (a broken `.infra-guide.yaml`: its defaults still applied).
 */
export async function lintPaths(paths: string[], opts: LintPathsOptions): Promise<LintPathsResult> {
  const resolver = opts.resolver ?? new ConfigResolver();
  let fix = opts.fix === true;
  // One config lookup per folder for this run (the resolver re-validates its file cache per call).
  const perDir = new Map<string, LoadedConfig>();
  // Keyed on the text before the last separator, not `dirname`: the paths are absolute and
  // normalised (path.resolve's, the walk's), so that names the folder, and `dirname`, cold JS
  // looping over each path's characters, cost ~15M instructions over the 553 corpus Dockerfiles.
  const configFor = (filePath: string): LoadedConfig => {
    const dir = filePath.slice(0, filePath.lastIndexOf(sep));
    let loaded = perDir.get(dir);
    if (loaded === undefined) {
      loaded = resolver.forFile(filePath);
      perDir.set(dir, loaded);
    }
    return loaded;
  };
  const walked = walkPaths(paths.length > 0 ? paths : ['.'], { cwd: opts.cwd, resolver, configFor, gitignore: opts.gitignore });

  // Nearest config per file, computed once per config file (the resolver caches per folder).
  const configIndex = new Map<string, number>();
  const configs: InfraGuideConfig[] = [];
  const problems = new Map<string, Finding[]>();
  const noteConfig = (filePath: string): number => {
    const loaded = configFor(filePath);
    const key = loaded.configPath ?? '';
    let i = configIndex.get(key);
    if (i === undefined) {
      i = configs.length;
      configs.push(loaded.config);
      configIndex.set(key, i);
      if (loaded.configPath && loaded.problems.length > 0) problems.set(loaded.configPath, loaded.problems);
    }
    return i;
  };
  // Folders named on the command line: their config counts even if no file is linted.
  for (const p of paths.length > 0 ? paths : ['.']) {
    const abs = resolve(opts.cwd, p);
    if (!walked.explicit.has(abs) && !walked.missing.includes(abs)) noteConfig(join(abs, '.infra-guide-probe'));
  }
  // Kustomizations are looked for up to the git root; outside git, up to the folders checked.
  const kustomize = new KustomizePatches();
  const roots = [opts.cwd, ...(paths.length > 0 ? paths : ['.']).map((p) => resolve(opts.cwd, p)).filter((p) => !walked.explicit.has(p))];
  const isPatch = (path: string): boolean => isYamlName(path) && kustomize.isPatch(path, roots);
  const tasks: Task[] = walked.files.map((path, index) => ({ index, path, config: noteConfig(path), explicit: walked.explicit.has(path), patch: isPatch(path) }));
  // A config that could not be understood may have switched rules off: fixing with the
  // defaults in its place could rewrite what the user excluded, so only lint then.
  const fixSkipped = fix && problems.size > 0;
  if (fixSkipped) fix = false;
  const results: FileResult[] = new Array(tasks.length);

  // Workers only pay off for enough work to amortise their start-up and warm-up (a cold
  // engine lints about 3 MB/s of Dockerfiles): the default needs both enough files and bytes.
  const threshold = opts.workerThreshold ?? 64;
  const minBytes = opts.workerMinBytes ?? 4 * 1024 * 1024;
  let wanted = opts.workers;
  if (wanted === undefined) {
    wanted = tasks.length >= threshold ? defaultWorkerCount() : 0;
    if (wanted > 0 && minBytes > 0 && totalBytes(tasks, minBytes) < minBytes) wanted = 0;
  }
  const workerCount = Math.max(0, Math.min(wanted, Math.floor(tasks.length / CHUNK)));

  if (workerCount === 0) {
    const linter = getLinter();
    for (const t of tasks) results[t.index] = lintTask(linter, t, configs, fix);
  } else {
    await lintInParallel(tasks, results, configs, fix, workerCount);
  }

  const configProblems = [...problems.entries()]
    .map(([path, findings]) => ({ path, findings }))
    .sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  return { results, configProblems, missing: walked.missing, unreadable: walked.unreadable, ...(fixSkipped ? { fixSkipped } : {}) };
}

async function lintInParallel(tasks: Task[], results: FileResult[], configs: InfraGuideConfig[], fix: boolean, workerCount: number): Promise<void> {
  let next = 0;
  const take = (): Task[] => {
    const chunk = tasks.slice(next, next + CHUNK);
    next += chunk.length;
    return chunk;
  };
  // Chunks sent to each worker and not answered yet (answers come in order). Each worker
  // holds up to PREFETCH chunks, so it never idles while the main thread is busy linting.
  const inFlight = new Map<Worker, Task[][]>();
  let pendingWorkers = workerCount;
  let settle: () => void = () => undefined;
  const allWorkersDone = new Promise<void>((r) => (settle = r));
  const retire = (w: Worker) => {
    const held = inFlight.get(w);
    if (!held) return;
    inFlight.delete(w);
    // Tasks a crashed worker held go back to the queue (the main thread finishes them).
    for (const chunk of held) tasks.push(...chunk);
    if (--pendingWorkers === 0) settle();
  };
  const init: WorkerInit = { [WORKER_FLAG]: true, configs, fix };
  const { Worker } = workerThreads();
  for (let i = 0; i < workerCount; i++) {
    let w: Worker;
    try {
      // Through the launcher that ran this bundle, if any: the worker then loads it from the code cache.
      const launcher = bundleLauncher();
      w = launcher ? new Worker(launcher.script, { workerData: init, argv: [...launcher.argv, WORKER_THREAD_ARG] }) : new Worker(__filename, { workerData: init, argv: [WORKER_THREAD_ARG] });
    } catch {
      if (--pendingWorkers === 0) settle();
      continue;
    }
    const held: Task[][] = [];
    inFlight.set(w, held);
    const top = () => {
      while (held.length < PREFETCH) {
        const chunk = take();
        if (chunk.length === 0) break;
        held.push(chunk);
        w.postMessage({ type: 'chunk', tasks: chunk } satisfies ToWorker);
      }
      if (held.length === 0) {
        w.postMessage({ type: 'done' } satisfies ToWorker);
        retire(w);
      }
    };
    w.on('message', (msg: FromWorker) => {
      if (!inFlight.has(w)) return;
      if (msg.type === 'results') {
        for (const it of msg.items) results[it.index] = it.result;
        held.shift();
      }
      top();
    });
    w.on('error', () => retire(w));
    w.on('exit', () => retire(w));
  }
  const linter = getLinter();
  for (;;) {
    const chunk = take();
    if (chunk.length === 0) {
      if (pendingWorkers === 0) break;
      await allWorkersDone;
      // A crashed worker may have returned tasks to the queue.
      continue;
    }
    for (const t of chunk) results[t.index] = lintTask(linter, t, configs, fix);
    await immediate();
  }
  for (const t of tasks) if (results[t.index] === undefined) results[t.index] = lintTask(linter, t, configs, fix);
}

// ---- standard input -------------------------------------------------------------------

/** The name shown for standard input read without a file name. */
export const STDIN_NAME = '<stdin>';

export interface StreamInput {
  /** The first bytes of the stream, up to the number asked for. */
  data: Buffer;
  /** The size of the whole stream, in bytes. */
  size: number;
}

/**
 * Reads a stream to its end, keeping its first `keep` bytes: the rest is counted, not held, so
 * a huge input costs no more memory than the largest file that is linted. A stream that is
 * already closed (or empty) gives no bytes.
 */
export function readStream(stream: NodeJS.ReadableStream, keep: number): Promise<StreamInput> {
  return new Promise((resolvePromise, reject) => {
    const chunks: Buffer[] = [];
    let kept = 0;
    let size = 0;
    stream.on('data', (chunk: Buffer | string) => {
      const bytes = typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : chunk;
      size += bytes.length;
      if (kept < keep) {
        const part = bytes.subarray(0, keep - kept);
        chunks.push(part);
        kept += part.length;
      }
    });
    stream.once('end', () => resolvePromise({ data: Buffer.concat(chunks, kept), size }));
    stream.once('error', reject);
  });
}

/**
 * The kind of a document known by its content only: a Dockerfile by its first instruction, YAML
 * by its top-level keys. Generic YAML, commit messages and anything else cannot be told apart.
 */
export function kindFromContent(text: string): DocumentKind | undefined {
  if (looksLikeDockerfile(text)) return 'dockerfile';
  const yaml = classifyYamlContent(text);
  return yaml === 'yaml' ? undefined : yaml;
}

export interface LintStdinOptions {
  cwd: string;
  resolver?: ConfigResolver;
  /**
   * The document's file name (`--stdin-filename`, relative to `cwd`; the file need not exist): its
   * kind, config lookup, `ignore` globs and the name shown. Without it the kind comes from the
   * content and the config from `cwd`.
   */
  fileName?: string;
  /** Reads the document (standard input), keeping its first `keep` bytes. */
  read: (keep: number) => Promise<StreamInput>;
}

export interface LintStdinResult extends LintPathsResult {
  /** The config file whose `ignore` globs match `fileName`: the document was not linted. */
  ignoredBy?: string;
  /** The text linted (without a byte order mark), when it was. */
  text?: string;
}

/**
 * Lints one document read from a stream as if it were the file `fileName`. Never fixes (there is
 * no file to write back). Files too large to lint are not held in memory.
 */
export async function lintStdin(opts: LintStdinOptions): Promise<LintStdinResult> {
  const resolver = opts.resolver ?? new ConfigResolver();
  const named = opts.fileName !== undefined;
  const path = resolve(opts.cwd, opts.fileName ?? STDIN_NAME);
  const loaded = resolver.forFile(path);
  const configProblems = loaded.configPath && loaded.problems.length > 0 ? [{ path: loaded.configPath, findings: loaded.problems }] : [];
  const base: FileResult = named ? { path, kind: undefined, findings: [] } : { path, name: STDIN_NAME, kind: undefined, findings: [] };
  const max = loaded.config.maxFileSizeBytes;
  let input: StreamInput;
  try {
    // Ignored: read all the same, so the writer of the pipe does not fail on a closed pipe.
    const ignored = named && resolver.isIgnored(path, loaded);
    input = await opts.read(ignored ? 0 : max);
    if (ignored) return { results: [], configProblems, ignoredBy: loaded.configPath ?? path };
  } catch (e) {
    return { results: [{ ...base, error: `cannot read: ${errorMessage(e)}` }], configProblems };
  }
  const decoded = input.data.toString('utf8');
  const text = decoded.startsWith('\uFEFF') ? decoded.slice(1) : decoded;
  // Named: as a file named on the command line. Unnamed: by content alone.
  let kind = named ? classify(path, undefined, text) : kindFromContent(text);
  if (kind === undefined && named && looksLikeDockerfile(text)) kind = 'dockerfile';
  if (kind === undefined && !named) {
    const what = input.size === 0 ? 'it is empty' : looksBinary(text) ? 'it looks binary' : 'it is neither a Dockerfile nor YAML whose top-level keys tell its kind';
    return { results: [{ ...base, error: `cannot tell what kind of document this is (${what}): name it with --stdin-filename, e.g. \`--stdin-filename Dockerfile\`` }], configProblems };
  }
  if (input.size > max) {
    const tooLarge: Finding = {
      ruleId: UNLINTED_FILE_RULE_IDS.tooLarge,
      severity: 'info',
      message: `Standard input is ${input.size} bytes, above the limit of ${max} (maxFileSizeBytes): not linted.`,
      range: FILE_START_RANGE,
      fixes: [],
    };
    return { results: [{ ...base, kind, findings: kind === undefined ? [] : finalizeFindings(loaded.config, [tooLarge]) }], configProblems };
  }
  // A named document is the file it names: a patch if a kustomization lists that file.
  const kustomizePatch = named && isYamlName(path) && new KustomizePatches().isPatch(path, [opts.cwd]);
  const result = lintText(getLinter(), path, text, loaded.config, kind, kustomizePatch);
  return { results: [named ? result : { ...result, name: STDIN_NAME }], configProblems, text };
}
