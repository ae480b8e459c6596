// Runs a CommonJS bundle through V8's code cache. Compiling the ~1 MB CLI bundle, and then each
// function the run calls for the first time, is a large share of a short `check` (on the nine
// example files: ~30 of the ~80 ms above Node's own start-up). V8 can serialise the bytecode a
// run has compiled and take it back in the next run; this is what Node ≥ 22's
// `module.enableCompileCache()` does, done here by hand so it works on Node 20 too.
//
// Safety: V8 rejects data from another V8 version or another set of V8 flags, but it recognises
// its source only by length (and then runs the cached bytecode of the old source), so a cache file
// holds the bundle it was made for, and is used only while the bundle as read for this run is the
// same, byte for byte: a bundle edited after the build (same length or not) never meets the cache
// of the one before. Only files in the user's own cache folder, owned by the user running the
// CLI, are read (so `sudo` never runs bytecode another user could have written), and only whole
// (V8 does not check its data past the header): the file holds V8's data twice, and both copies
// must be the same. Any failure falls back to compiling as usual.
//
// Byte comparisons rather than a hash: a hash of the ~1.9 MB each run checked (BLAKE2b) took ~24M
// instructions, and loading node:crypto for it ~27M more (Node compiles its own modules on first
// use); comparing the bytes takes well under 1M.
import { closeSync, existsSync, fstatSync, mkdirSync, openSync, readdirSync, readFileSync, renameSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import { Script } from 'node:vm';
import { setBundleLauncher, TOPICS_HOOK, workerThreads } from './bundle-launcher';

/** The environment variables the cache listens to (names as Node's own compile cache has them). */
export const CACHE_DIR_ENV = 'INFRA_GUIDE_COMPILE_CACHE';
export const DISABLE_ENV = 'INFRA_GUIDE_DISABLE_COMPILE_CACHE';

const FILE_SUFFIX = '.v8cache';
/** Cache files of other builds are deleted once they are this old, or beyond the newest few. */
const STALE_MS = 24 * 3600 * 1000;
const KEEP_OTHERS = 4;

/** Where cache files go: `$INFRA_GUIDE_COMPILE_CACHE`, else the platform's per-user cache folder. */
export function compileCacheDir(env: NodeJS.ProcessEnv, platform: NodeJS.Platform, home: string): string | undefined {
  const disabled = env[DISABLE_ENV];
  if (disabled !== undefined && disabled !== '' && disabled !== '0') return undefined;
  const explicit = env[CACHE_DIR_ENV];
  if (explicit) return explicit;
  if (!home) return undefined;
  if (platform === 'win32') return join(env.LOCALAPPDATA || join(home, 'AppData', 'Local'), 'infra-guide', 'Cache', 'v8');
  if (platform === 'darwin') return join(home, 'Library', 'Caches', 'infra-guide', 'v8');
  return join(env.XDG_CACHE_HOME || join(home, '.cache'), 'infra-guide', 'v8');
}

/** compileCacheDir for this process: its environment, platform and home folder. */
export function processCacheDir(): string | undefined {
  let home = '';
  try {
    home = homedir();
  } catch {
    // no home folder (a service account): only an explicit folder is used
  }
  // Never make a missing home folder, nor folders in another user's (root under `sudo` keeps the
  // user's HOME on macOS and with `sudo -E`: a root-owned ~/.cache locks the user out of it).
  if (home && !ownFolder(home, process.getuid?.())) home = '';
  return compileCacheDir(process.env, process.platform, home);
}

/** Whether `path` is an existing folder owned by `uid` (any owner when there are no uids). */
export function ownFolder(path: string, uid: number | undefined): boolean {
  try {
    const st = statSync(path);
    return st.isDirectory() && (uid === undefined || st.uid === uid);
  } catch {
    return false;
  }
}

/**
 * One file per use (`name`), bundle content, V8 version and architecture: runs of other builds
 * never collide, and a kind of run finds the code it runs in its own file.
 */
export function cacheFileName(name: string, bundleId: string, v8Version: string, arch: string): string {
  return `${name}-${bundleId}-${v8Version.replace(/[^\w.-]/g, '_')}-${arch}${FILE_SUFFIX}`;
}

/** The file's bytes if it may be trusted: a regular file owned by the user running us. */
export function readTrustedFile(path: string, uid: number | undefined): Buffer | undefined {
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch {
    return undefined;
  }
  try {
    const st = fstatSync(fd);
    if (!st.isFile() || (uid !== undefined && st.uid !== uid)) return undefined;
    return readFileSync(fd);
  } catch {
    return undefined;
  } finally {
    closeSync(fd);
  }
}

/** What a cache file holds: V8's data, and the topics (kinds of file linted) of the runs that made it. */
export interface CacheContents {
  data: Buffer;
  topics: ReadonlySet<string>;
}

/** What a cache file must have been made for: its own name (see cacheFileName) and the bundle's bytes. */
export interface CacheIdentity {
  name: string;
  source: Buffer;
}

const LENGTH_BYTES = 4;
const TOPICS_LENGTH_BYTES = 2;

/** `bytes` after its length (4 bytes, big-endian). */
function lengthPrefixed(bytes: Buffer): Buffer[] {
  const length = Buffer.alloc(LENGTH_BYTES);
  length.writeUInt32BE(bytes.length);
  return [length, bytes];
}

/**
 * The bytes a cache file holds: its name and the bundle it was made for (`identity`), then twice
 * the payload: the topics (length, then the names, one per line) and V8's data. V8 checks the
 * header of its data only (its own checksum runs in debug builds): a payload damaged on disk
 * would crash the run, and a file of another build renamed to this one's name (a shared folder)
 * would run that build's bytecode if the two bundles have the same length.
 */
export function sealCacheData(data: Buffer, identity: CacheIdentity, topics: Iterable<string> = []): Buffer {
  const names = Buffer.from([...new Set(topics)].sort().join('\n').slice(0, 4096), 'utf8');
  const namesLength = Buffer.alloc(TOPICS_LENGTH_BYTES);
  namesLength.writeUInt16BE(names.length);
  const payload = Buffer.concat([namesLength, names, data]);
  return Buffer.concat([...lengthPrefixed(Buffer.from(identity.name, 'utf8')), ...lengthPrefixed(identity.source), ...lengthPrefixed(payload), payload]);
}

/**
 * A cache file's contents, or undefined unless it was made for `identity` and both copies of its
 * payload are the same (native comparisons: ~0.1 instructions a byte).
 */
export function unsealCacheData(file: Buffer, identity: CacheIdentity): CacheContents | undefined {
  let at = 0;
  /** The next length-prefixed field, if the file holds it whole. */
  const field = (): Buffer | undefined => {
    if (at + LENGTH_BYTES > file.length) return undefined;
    const end = at + LENGTH_BYTES + file.readUInt32BE(at);
    if (end > file.length) return undefined;
    const bytes = file.subarray(at + LENGTH_BYTES, end);
    at = end;
    return bytes;
  };
  const name = field();
  if (name === undefined || name.toString('utf8') !== identity.name) return undefined;
  if (!field()?.equals(identity.source)) return undefined;
  const payload = field();
  if (payload === undefined || payload.length <= TOPICS_LENGTH_BYTES || !file.subarray(at).equals(payload)) return undefined;
  const namesEnd = TOPICS_LENGTH_BYTES + payload.readUInt16BE(0);
  if (namesEnd >= payload.length) return undefined;
  const names = payload.subarray(TOPICS_LENGTH_BYTES, namesEnd).toString('utf8');
  return { data: payload.subarray(namesEnd), topics: new Set(names === '' ? [] : names.split('\n')) };
}

/**
 * `mkdir -p` for the cache folder, private to the user. Not Node's `recursive: true`: where mkdir
 * answers "no such file" although the parent exists (under /proc), Node 20 retries forever. Here
 * each missing folder is made once, top down, and the first error ends the attempt.
 */
function makeFolders(dir: string): void {
  const missing: string[] = [];
  for (let d = dir; !existsSync(d); d = dirname(d)) {
    missing.push(d);
    if (dirname(d) === d) break;
  }
  for (let i = missing.length - 1; i >= 0; i--) mkdirSync(missing[i]!, { mode: 0o700 });
}

/** Writes `data` whole or not at all (a rename), readable only by the user. Never throws. */
export function writeCacheFile(path: string, name: string, data: Buffer, now = Date.now()): boolean {
  const tmp = `${path}.${process.pid}.tmp`;
  try {
    makeFolders(dirname(path));
    // `wx`: never through a file or link already there (a shared folder named by the variable).
    writeFileSync(tmp, data, { mode: 0o600, flag: 'wx' });
    renameSync(tmp, path);
  } catch {
    try {
      unlinkSync(tmp);
    } catch {
      // nothing was written
    }
    return false;
  }
  pruneOtherCacheFiles(path, name, now);
  return true;
}

/** Deletes `name`'s cache files of other builds that are stale, and all but the newest few of the rest. */
export function pruneOtherCacheFiles(keep: string, name: string, now: number): void {
  const dir = dirname(keep);
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return;
  }
  const others: { path: string; mtime: number }[] = [];
  const leftovers: { path: string; mtime: number }[] = [];
  for (const file of names) {
    const path = join(dir, file);
    if (path === keep || !file.startsWith(`${name}-`)) continue;
    // `….v8cache.<pid>.tmp`: a run killed between writing and renaming left it.
    const list = file.endsWith(FILE_SUFFIX) ? others : TEMP_FILE.test(file) ? leftovers : undefined;
    if (!list) continue;
    try {
      list.push({ path, mtime: statSync(path).mtimeMs });
    } catch {
      // gone meanwhile
    }
  }
  others.sort((a, b) => b.mtime - a.mtime);
  const remove = (f: { path: string }): void => {
    try {
      unlinkSync(f.path);
    } catch {
      // another run deleted it, or it is not ours to delete
    }
  };
  others.forEach((f, i) => {
    if (i >= KEEP_OTHERS || now - f.mtime >= STALE_MS) remove(f);
  });
  // A day old, a temporary file's run is long over (a younger one may still be renamed).
  for (const f of leftovers) if (now - f.mtime >= STALE_MS) remove(f);
}

const TEMP_FILE = /\.v8cache\.\d+\.tmp$/;

export interface BundleModule {
  exports: unknown;
  /** The launcher's own file (Node's `module.filename`). */
  filename?: string;
}

/** Node's `Module#_compile`: compiles and runs a CommonJS source as the module, as `require` does. */
interface ModuleCompiler extends BundleModule {
  _compile(content: string, filename: string): unknown;
}

/** Which cache file a run uses: `name` (see cacheFileName) in `dir`. */
export interface CacheSlot {
  dir: string;
  name: string;
}

/**
 * What tells runs apart in cache file names: the length of the bundle (builds of other lengths
 * keep files of their own; the file itself holds the bundle, compared whole) and the options Node
 * passes V8 (V8 rejects a cache made under other flags: runs with and without, say,
 * `NODE_OPTIONS=--max-old-space-size=…` would each replace the other's file).
 */
export function cacheKey(bytes: Buffer, nodeOptions: readonly string[]): string {
  return hex8(bytes.length) + hex8(fnv1a(nodeOptions.join('\0')));
}

function hex8(n: number): string {
  return n.toString(16).padStart(8, '0');
}

/** 32-bit FNV-1a of a string's UTF-16 code units: tells option sets apart in a name, nothing more. */
function fnv1a(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

/**
 * Compiles and runs the CommonJS bundle at `bundlePath` as if `require`d, with `module` and
 * `require` of the caller (so the bundle's `require.main === module` holds), using and refreshing
 * the code cache `slot`. Errors the bundle itself throws propagate as from `require`.
 */
export function runBundle(bundlePath: string, slot: CacheSlot | undefined, mod: BundleModule, req: NodeJS.Require, workerArgv: string[] = []): void {
  const bytes = readFileSync(bundlePath);
  const source = bytes.toString('utf8');
  // With source maps on (`--enable-source-maps`, development builds), Node maps stack traces only
  // for code its own module loader compiled, not for a vm.Script: such runs go without the cache.
  if (process.sourceMapsEnabled && typeof (mod as ModuleCompiler)._compile === 'function') {
    (mod as ModuleCompiler)._compile(source, bundlePath);
    return;
  }
  // The CommonJS wrapper, as Node's module loader builds it (a leading `#!` line is a comment).
  const wrapper = `(function (exports, require, module, __filename, __dirname) { ${source.startsWith('#!') ? '//' + source.slice(2) : source}\n});`;
  const fileName = slot === undefined ? '' : cacheFileName(slot.name, cacheKey(bytes, [...process.execArgv, process.env.NODE_OPTIONS ?? '']), process.versions.v8, process.arch);
  const cacheFile = slot === undefined ? undefined : join(slot.dir, fileName);
  const file = cacheFile === undefined ? undefined : readTrustedFile(cacheFile, process.getuid?.());
  const identity: CacheIdentity = { name: fileName, source: bytes };
  const cached = file === undefined ? undefined : unsealCacheData(file, identity);
  let script: Script;
  try {
    script = new Script(wrapper, { filename: bundlePath, cachedData: cached?.data });
  } catch {
    script = new Script(wrapper, { filename: bundlePath });
  }
  if (slot !== undefined && cacheFile !== undefined) {
    const accepted = cached !== undefined && script.cachedDataRejected !== true ? cached : undefined;
    const topics = new Set(accepted?.topics);
    let newTopics = false;
    (globalThis as Record<symbol, unknown>)[TOPICS_HOOK] = (ts: Iterable<string>): void => {
      for (const t of ts) {
        if (topics.has(t)) continue;
        topics.add(t);
        newTopics = true;
      }
    };
    // At exit the script holds the bytecode of every function the run has compiled.
    process.once('exit', () => {
      if (accepted !== undefined && !newTopics) return;
      // Only a main thread writes: worker threads (the server's lint worker, which runs this
      // bundle too) end by `terminate()`, with their code half run. Asked only now, when there is
      // something to write: node:worker_threads is not loaded on every run.
      if (!workerThreads().isMainThread) return;
      try {
        writeCacheFile(cacheFile, slot.name, sealCacheData(script.createCachedData(), identity, topics));
      } catch {
        // a cache is an optimisation: never fail a run over it
      }
    });
  }
  if (typeof mod.filename === 'string') {
    setBundleLauncher({ script: mod.filename, argv: workerArgv, fromCache: cached !== undefined && script.cachedDataRejected !== true });
  }
  const fn = script.runInThisContext() as (e: unknown, r: NodeJS.Require, m: BundleModule, f: string, d: string) => void;
  fn.call(mod.exports, mod.exports, req, mod, bundlePath, dirname(bundlePath));
}
