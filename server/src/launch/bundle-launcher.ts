// Which launcher (dist/cli.js, dist/server.js) ran this thread's bundle through the code cache
// (compile-cache.ts, runBundle). Its own module, free of the cache's imports: the bundles read it.

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
