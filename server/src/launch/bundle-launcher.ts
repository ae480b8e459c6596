// Which launcher (dist/cli.js, dist/server.js) ran this thread's bundle through the code cache
// (compile-cache.ts, runBundle), and what a bundle tells the cache. Its own module, free of the
// cache's imports (node:crypto, node:vm): the bundles read it.

/** Where runBundle leaves the launcher that ran the bundle (see bundleLauncher). */
const LAUNCHER_KEY = Symbol.for('infra-guide.bundleLauncher');

/** The entry script that ran this bundle through runBundle, and the arguments a worker gives it. */
export interface BundleLauncher {
  script: string;
  argv: string[];
  /** V8 took this thread's compile from the cache (false: compiled from source). */
  fromCache: boolean;
}

/**
 * The launcher this thread's bundle was run by, if any. A worker thread started from it (with its
 * `argv`) loads the bundle through the code cache too: started from the bundle file itself, each
 * worker would compile the whole bundle from source (the cost the cache saves the main thread).
 */
export function bundleLauncher(): BundleLauncher | undefined {
  const l = (globalThis as Record<symbol, unknown>)[LAUNCHER_KEY];
  return typeof l === 'object' && l !== null ? (l as BundleLauncher) : undefined;
}

/** Set by runBundle before it runs the bundle. */
export function setBundleLauncher(launcher: BundleLauncher): void {
  (globalThis as Record<symbol, unknown>)[LAUNCHER_KEY] = launcher;
}

/** Where runBundle leaves, on a main thread, the function noteCompileCacheTopics calls. */
export const TOPICS_HOOK = Symbol.for('infra-guide.compileCacheTopics');

/**
 * Tells the code cache which kinds of file this run linted: a cache made by runs of other kinds
 * lacks the code of these rules, and is made again at exit with the union (a `check` of the
 * Dockerfiles first, of the Kubernetes manifests next). Nothing outside runBundle's main thread.
 */
export function noteCompileCacheTopics(topics: Iterable<string>): void {
  const note = (globalThis as Record<symbol, unknown>)[TOPICS_HOOK];
  if (typeof note === 'function') (note as (t: Iterable<string>) => void)(topics);
}

/**
 * Appended to the `argv` of the worker threads we start. Loading node:worker_threads to read
 * `isMainThread` cost every run ~8M instructions, though a `check` on 2 cores starts no worker:
 * only a thread with this argument loads it, to confirm (a user may type the argument too).
 */
export const WORKER_THREAD_ARG = '--infra-guide-worker-thread';

/** True in a worker thread started with WORKER_THREAD_ARG; never on the main thread. */
export function isMarkedWorkerThread(argv: readonly string[] = process.argv): boolean {
  return argv.includes(WORKER_THREAD_ARG) && !workerThreads().isMainThread;
}

/** node:worker_threads, loaded on first use (see WORKER_THREAD_ARG). */
export function workerThreads(): typeof import('node:worker_threads') {
  return require('node:worker_threads') as typeof import('node:worker_threads');
}
