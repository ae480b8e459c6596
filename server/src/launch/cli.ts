// `infra-guide` entry point (dist/cli.js): sets the CLI's V8 flags, then runs the CLI bundle
// (dist/cli-main.js) through V8's code cache (compile-cache.ts). Kept tiny: it is compiled on
// every run without a cache.
import { join } from 'node:path';
import { tuneV8ForShortRuns } from '../cli/v8-tuning';
import { isMarkedWorkerThread } from './bundle-launcher';
import { processCacheDir, runBundle } from './compile-cache';

// A lint worker thread of a `check` runs this file too, with the command and WORKER_THREAD_ARG as
// its arguments (lint-files.ts, bundleLauncher), to load the bundle through the same cache file.
const command = process.argv[2];
// `lsp` runs for hours and keeps V8's defaults. The flags go in before the bundle is compiled:
// V8 keys its cache on them (`lsp` has a file of its own). They are process-wide: a worker
// thread already runs under the main thread's.
if (command !== 'lsp' && !isMarkedWorkerThread()) tuneV8ForShortRuns();
const cacheDir = processCacheDir();
runBundle(join(__dirname, 'cli-main.js'), cacheDir === undefined ? undefined : { dir: cacheDir, name: cacheName(command) }, module, require, command === undefined ? [] : [command]);

/**
 * A cache file per command: the first run of a build makes its file with the code it ran, so a
 * `commit-msg` hook running first must not leave `check` with a cache of the commit rules only.
 */
function cacheName(cmd: string | undefined): string {
  return cmd === 'check' || cmd === 'commit-msg' || cmd === 'rules' || cmd === 'lsp' ? `cli-${cmd}` : 'cli-other';
}
