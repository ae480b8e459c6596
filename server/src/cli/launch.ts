// `infra-guide` entry point (dist/cli.js): sets the CLI's V8 flags, then runs the CLI bundle
// (dist/cli-main.js) through V8's code cache (compile-cache.ts). Kept tiny: it is compiled on
// every run without a cache.
import { homedir } from 'node:os';
import { join } from 'node:path';
import { compileCacheDir, runBundle } from './compile-cache';
import { tuneV8ForShortRuns } from './v8-tuning';

/** The hash of dist/cli-main.js, written in by scripts/build.mjs. */
declare const INFRA_GUIDE_CLI_BUNDLE_ID: string;

// `lsp` runs for hours with V8's defaults and gains nothing from a few ms saved at start: no
// cache (V8 would also reject a cache made under the short-run flags, and the next `check` the
// one made without them).
const isLsp = process.argv[2] === 'lsp';
if (!isLsp) tuneV8ForShortRuns();
// The flags go in before the bundle is compiled: V8 keys its cache on them.
const cacheDir = isLsp ? undefined : compileCacheDir(process.env, process.platform, safeHome());
runBundle(join(__dirname, 'cli-main.js'), INFRA_GUIDE_CLI_BUNDLE_ID, cacheDir === undefined ? undefined : { dir: cacheDir, name: cacheName(process.argv[2]) }, module, require);

/**
 * A cache file per command: the first run of a build makes its file with the code it ran, so a
 * `commit-msg` hook running first must not leave `check` with a cache of the commit rules only.
 */
function cacheName(command: string | undefined): string {
  return command === 'check' || command === 'commit-msg' || command === 'rules' ? `cli-${command}` : 'cli-other';
}

function safeHome(): string {
  try {
    return homedir();
  } catch {
    return '';
  }
}
