import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { chownSync, copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cacheFileName, cacheKey, compileCacheDir, ownFolder, pruneOtherCacheFiles, readTrustedFile, sealCacheData, unsealCacheData, writeCacheFile } from './compile-cache';

const tempDir = (): string => mkdtempSync(join(tmpdir(), 'infra-guide-cc-'));

test('the cache folder: the variable first, then the platform\'s per-user cache folder', () => {
  assert.equal(compileCacheDir({ INFRA_GUIDE_COMPILE_CACHE: '/x/cache' }, 'linux', '/home/u'), '/x/cache');
  assert.equal(compileCacheDir({}, 'linux', '/home/u'), join('/home/u', '.cache', 'infra-guide', 'v8'));
  assert.equal(compileCacheDir({ XDG_CACHE_HOME: '/xdg' }, 'linux', '/home/u'), join('/xdg', 'infra-guide', 'v8'));
  assert.equal(compileCacheDir({}, 'darwin', '/Users/u'), join('/Users/u', 'Library', 'Caches', 'infra-guide', 'v8'));
  assert.equal(compileCacheDir({ LOCALAPPDATA: 'C:\\L' }, 'win32', 'C:\\U'), join('C:\\L', 'infra-guide', 'Cache', 'v8'));
  // No home folder and no variable: no cache rather than one in the working folder.
  assert.equal(compileCacheDir({}, 'linux', ''), undefined);
});

test('INFRA_GUIDE_DISABLE_COMPILE_CACHE turns the cache off, also over an explicit folder; empty or 0 does not', () => {
  assert.equal(compileCacheDir({ INFRA_GUIDE_DISABLE_COMPILE_CACHE: '1', INFRA_GUIDE_COMPILE_CACHE: '/x' }, 'linux', '/home/u'), undefined);
  assert.equal(compileCacheDir({ INFRA_GUIDE_DISABLE_COMPILE_CACHE: 'true' }, 'linux', '/home/u'), undefined);
  assert.equal(compileCacheDir({ INFRA_GUIDE_DISABLE_COMPILE_CACHE: '0' }, 'linux', '/home/u'), join('/home/u', '.cache', 'infra-guide', 'v8'));
  assert.equal(compileCacheDir({ INFRA_GUIDE_DISABLE_COMPILE_CACHE: '' }, 'linux', '/home/u'), join('/home/u', '.cache', 'infra-guide', 'v8'));
});

test('a home folder is used for the cache only if it exists and belongs to the user running the CLI', () => {
  const dir = tempDir();
  const uid = statSync(dir).uid;
  assert.equal(ownFolder(dir, uid), true);
  assert.equal(ownFolder(dir, undefined), true, 'no uid (Windows): no owner check');
  assert.equal(ownFolder(dir, uid + 1), false);
  assert.equal(ownFolder(join(dir, 'missing'), uid), false);
  writeFileSync(join(dir, 'file'), '');
  assert.equal(ownFolder(join(dir, 'file'), uid), false);
});

test('cache file names differ per use, bundle, V8 version and architecture, and hold no path characters', () => {
  const names = [
    cacheFileName('cli-check', 'aaaa', '11.3.244.8-node.38', 'x64'),
    cacheFileName('cli-check', 'bbbb', '11.3.244.8-node.38', 'x64'),
    cacheFileName('cli-check', 'aaaa', '12.4.254.21-node.33', 'x64'),
    cacheFileName('cli-check', 'aaaa', '11.3.244.8-node.38', 'arm64'),
    cacheFileName('cli-commit-msg', 'aaaa', '11.3.244.8-node.38', 'x64'),
  ];
  assert.equal(new Set(names).size, 5);
  assert.equal(cacheFileName('cli-check', 'aaaa', '1/2\\3:4', 'x64'), 'cli-check-aaaa-1_2_3_4-x64.v8cache');
});

test('the cache key changes with the bundle\'s length and with the options Node passes V8', () => {
  const a = Buffer.from('bundle a');
  assert.match(cacheKey(a, []), /^[0-9a-f]{16}$/);
  assert.equal(cacheKey(a, ['--x']), cacheKey(Buffer.from('bundle a'), ['--x']));
  assert.notEqual(cacheKey(a, []), cacheKey(Buffer.from('bundle ab'), []));
  assert.notEqual(cacheKey(a, []), cacheKey(a, ['--max-old-space-size=4096']));
  assert.notEqual(cacheKey(a, ['--a', '']), cacheKey(a, ['', '--a']));
});

test('a cache file is read only when it is a regular file owned by the user running the CLI', () => {
  const dir = tempDir();
  const file = join(dir, 'c.v8cache');
  writeFileSync(file, 'bytes');
  const uid = statSync(file).uid;
  assert.equal(readTrustedFile(file, uid)?.toString(), 'bytes');
  assert.equal(readTrustedFile(file, undefined)?.toString(), 'bytes', 'no uid (Windows): no owner check');
  assert.equal(readTrustedFile(file, uid + 1), undefined, 'another user\'s file is never run');
  assert.equal(readTrustedFile(dir, uid), undefined);
  assert.equal(readTrustedFile(join(dir, 'missing'), uid), undefined);
});

const IDENTITY = { name: 'cli-check-aaaa-12.4-x64.v8cache', source: Buffer.from('the bundle') };

test('cache data unseals only for the name and the bundle it was sealed for, byte for byte', () => {
  const data = Buffer.from('bytecode of the bundle');
  const sealed = sealCacheData(data, IDENTITY);
  assert.ok(unsealCacheData(sealed, IDENTITY)?.data.equals(data));
  assert.deepEqual([...unsealCacheData(sealed, IDENTITY)!.topics], []);
  assert.equal(unsealCacheData(sealed, { ...IDENTITY, name: 'cli-check-bbbb-12.4-x64.v8cache' }), undefined);
  // V8 would take its data for a bundle of the same length: the bytes must be the same.
  assert.equal(unsealCacheData(sealed, { ...IDENTITY, source: Buffer.from('the bundlE') }), undefined);
  assert.equal(unsealCacheData(sealed, { ...IDENTITY, source: Buffer.from('the bundle!') }), undefined);
});

test('any changed, cut or added byte of a cache file unseals to nothing', () => {
  const data = Buffer.from('bytecode of the bundle');
  const sealed = sealCacheData(data, IDENTITY, ['dockerfile']);
  for (let i = 0; i < sealed.length; i++) {
    const flipped = Buffer.from(sealed);
    flipped[i]! ^= 1;
    assert.equal(unsealCacheData(flipped, IDENTITY), undefined, `byte ${i} changed`);
  }
  assert.equal(unsealCacheData(sealed.subarray(0, sealed.length - 1), IDENTITY), undefined);
  assert.equal(unsealCacheData(Buffer.concat([sealed, Buffer.from('x')]), IDENTITY), undefined);
  assert.equal(unsealCacheData(Buffer.alloc(0), IDENTITY), undefined);
  assert.equal(unsealCacheData(sealed.subarray(0, 10), IDENTITY), undefined);
  // A length field pointing past the end of the file.
  assert.equal(unsealCacheData(Buffer.from([0xff, 0xff, 0xff, 0xff]), IDENTITY), undefined);
});

test('a cache file names the kinds of file its runs linted', () => {
  const data = Buffer.from('bytecode');
  const back = unsealCacheData(sealCacheData(data, IDENTITY, ['kubernetes', 'dockerfile', 'kubernetes']), IDENTITY)!;
  assert.ok(back.data.equals(data));
  assert.deepEqual([...back.topics], ['dockerfile', 'kubernetes']);
});

test('writing a cache file is all or nothing, private, and never throws', () => {
  const dir = tempDir();
  const file = join(dir, 'nested', 'cli-check-a.v8cache');
  assert.equal(writeCacheFile(file, 'cli-check', Buffer.from('data')), true);
  assert.equal(readFileSync(file, 'utf8'), 'data');
  if (process.platform !== 'win32') assert.equal(statSync(file).mode & 0o777, 0o600);
  assert.deepEqual(readdirSync(join(dir, 'nested')), ['cli-check-a.v8cache'], 'no temporary file is left');
  // The folder cannot be made (a file is in its place): false, nothing left behind.
  writeFileSync(join(dir, 'blocked'), '');
  assert.equal(writeCacheFile(join(dir, 'blocked', 'cli-check-a.v8cache'), 'cli-check', Buffer.from('data')), false);
  assert.deepEqual(readdirSync(dir).sort(), ['blocked', 'nested']);
});

/** Makes files in `dir` whose modification time is `ageMs` before `now`. */
function agedFileMaker(dir: string, now: number): (name: string, ageMs: number) => void {
  return (name, ageMs) => {
    writeFileSync(join(dir, name), 'x');
    const t = (now - ageMs) / 1000;
    utimesSync(join(dir, name), t, t);
  };
}

test('temporary files a killed run left are pruned once a day old; younger ones stay', () => {
  const dir = tempDir();
  const now = Date.now();
  const make = agedFileMaker(dir, now);
  make('cli-check-keep.v8cache', 0);
  make('cli-check-old.v8cache.4242.tmp', 2 * 24 * 3600 * 1000);
  make('cli-check-new.v8cache.4343.tmp', 1000);
  make('cli-commit-msg-old.v8cache.4444.tmp', 2 * 24 * 3600 * 1000);
  pruneOtherCacheFiles(join(dir, 'cli-check-keep.v8cache'), 'cli-check', now);
  assert.deepEqual(readdirSync(dir).sort(), ['cli-check-keep.v8cache', 'cli-check-new.v8cache.4343.tmp', 'cli-commit-msg-old.v8cache.4444.tmp']);
});

test('a link planted where the temporary file goes is not written through', { skip: process.platform === 'win32' ? 'symlinks need rights on Windows' : false }, () => {
  const dir = tempDir();
  const victim = join(dir, 'victim.txt');
  writeFileSync(victim, 'keep me');
  const file = join(dir, 'cli-check-a.v8cache');
  symlinkSync(victim, `${file}.${process.pid}.tmp`);
  assert.equal(writeCacheFile(file, 'cli-check', Buffer.from('data')), false);
  assert.equal(readFileSync(victim, 'utf8'), 'keep me');
  // The link is gone, so the next run writes its cache.
  assert.equal(writeCacheFile(file, 'cli-check', Buffer.from('data')), true);
  assert.equal(readFileSync(file, 'utf8'), 'data');
  assert.equal(readFileSync(victim, 'utf8'), 'keep me');
});

test('old cache files of other builds are pruned; recent ones, other uses\' and foreign files stay', () => {
  const dir = tempDir();
  const now = Date.now();
  const make = agedFileMaker(dir, now);
  const DAYS = 24 * 3600 * 1000;
  make('cli-check-keep.v8cache', 0);
  make('cli-check-recent1.v8cache', 60_000);
  make('cli-check-recent2.v8cache', 120_000);
  make('cli-check-stale.v8cache', 2 * DAYS);
  make('cli-commit-msg-old.v8cache', 2 * DAYS);
  make('notes.txt', 9 * DAYS);
  pruneOtherCacheFiles(join(dir, 'cli-check-keep.v8cache'), 'cli-check', now);
  assert.deepEqual(readdirSync(dir).sort(), ['cli-check-keep.v8cache', 'cli-check-recent1.v8cache', 'cli-check-recent2.v8cache', 'cli-commit-msg-old.v8cache', 'notes.txt']);
  // Beyond the newest four other builds, even recent files go (a developer rebuilding all day).
  for (let i = 0; i < 6; i++) make(`cli-check-b${i}.v8cache`, 1000 * (i + 1));
  pruneOtherCacheFiles(join(dir, 'cli-check-keep.v8cache'), 'cli-check', now);
  assert.deepEqual(readdirSync(dir).sort(), ['cli-check-b0.v8cache', 'cli-check-b1.v8cache', 'cli-check-b2.v8cache', 'cli-check-b3.v8cache', 'cli-check-keep.v8cache', 'cli-commit-msg-old.v8cache', 'notes.txt']);
});

// The launcher end to end: dist/cli.js runs dist/cli-main.js through the cache.
const ROOT = join(__dirname, '../../../..');
const CLI = join(ROOT, 'dist/cli.js');
const DOCKERFILE = 'FROM node\nRUN apt-get update && apt-get install -y curl\nCMD node server.js\n';

function runCli(cacheDir: string, extraEnv: Record<string, string> = {}): { status: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string } {
  assert.ok(existsSync(CLI), 'dist/cli.js is missing: run `node scripts/build.mjs` first');
  const work = tempDir();
  writeFileSync(join(work, 'Dockerfile'), DOCKERFILE);
  const env: NodeJS.ProcessEnv = { ...process.env, INFRA_GUIDE_COMPILE_CACHE: cacheDir, NO_COLOR: '1' };
  delete env.INFRA_GUIDE_DISABLE_COMPILE_CACHE;
  Object.assign(env, extraEnv);
  // A run that hangs is killed (and fails its test) instead of stopping the suite.
  const r = spawnSync(process.execPath, [CLI, 'check', 'Dockerfile', '--format', 'json', '--fail-on', 'never'], { cwd: work, encoding: 'utf8', env, timeout: 30_000 });
  return { status: r.status, signal: r.signal, stdout: r.stdout, stderr: r.stderr };
}

test('the CLI makes its code cache on the first run and uses it unchanged on the next', () => {
  const cacheDir = join(tempDir(), 'v8');
  const first = runCli(cacheDir);
  assert.equal(first.status, 0, first.stderr);
  assert.ok(JSON.parse(first.stdout).length > 0);
  const files = readdirSync(cacheDir);
  assert.equal(files.length, 1);
  assert.match(files[0]!, /^cli-check-[0-9a-f]{16}-.+\.v8cache$/);
  const path = join(cacheDir, files[0]!);
  const bytes = readFileSync(path);
  const second = runCli(cacheDir);
  assert.equal(second.status, 0, second.stderr);
  assert.equal(second.stdout, first.stdout);
  assert.ok(readFileSync(path).equals(bytes), 'an accepted cache is not written again');
});

test('a damaged cache file is rejected and made again; the output does not change', () => {
  const cacheDir = join(tempDir(), 'v8');
  const reference = runCli(cacheDir);
  const path = join(cacheDir, readdirSync(cacheDir)[0]!);
  const size = statSync(path).size;
  const garbage = Buffer.alloc(size, 0x5a);
  writeFileSync(path, garbage);
  const damaged = runCli(cacheDir);
  assert.equal(damaged.status, 0, damaged.stderr);
  assert.equal(damaged.stdout, reference.stdout);
  assert.ok(!readFileSync(path).equals(garbage), 'the damaged file was replaced');
});

test('a cache file damaged after its header (a torn write, a bad disk) is rejected, not run', () => {
  // V8 checks the header of cached data, not its payload (release builds skip the checksum):
  // a damaged payload crashed every later run until the file was deleted by hand.
  const cacheDir = join(tempDir(), 'v8');
  const reference = runCli(cacheDir);
  const path = join(cacheDir, readdirSync(cacheDir)[0]!);
  // From near the start (the bundle's copy onwards), and in the last quarter (V8's data only).
  for (const from of [128, Math.floor(statSync(path).size * 0.75)]) {
    const bytes = readFileSync(path);
    bytes.fill(0, from);
    writeFileSync(path, bytes);
    const damaged = runCli(cacheDir);
    assert.equal(damaged.signal, null, damaged.stderr);
    assert.equal(damaged.status, 0, damaged.stderr);
    assert.equal(damaged.stdout, reference.stdout);
    assert.ok(!readFileSync(path).equals(bytes), 'the damaged file was replaced');
    assert.equal(runCli(cacheDir).stdout, reference.stdout);
  }
});

test('without a usable cache folder, or with the cache turned off, the CLI runs as usual', () => {
  const parent = tempDir();
  const reference = runCli(join(parent, 'v8'));
  const blocked = join(parent, 'a-file');
  writeFileSync(blocked, '');
  const unusable = runCli(join(blocked, 'v8'));
  assert.equal(unusable.status, 0, unusable.stderr);
  assert.equal(unusable.stdout, reference.stdout);
  const offDir = join(parent, 'off');
  const off = runCli(offDir, { INFRA_GUIDE_DISABLE_COMPILE_CACHE: '1' });
  assert.equal(off.stdout, reference.stdout);
  assert.equal(existsSync(offDir), false, 'nothing is written with the cache off');
});

test('a cache folder where mkdir answers "no such file" under a parent that exists (/proc) ends the attempt', { skip: process.platform !== 'linux' ? 'needs /proc' : false }, () => {
  // Node's own `mkdir -p` (recursive: true) retries such a folder forever: the run never ended.
  const reference = runCli(join(tempDir(), 'v8'));
  const r = runCli(join('/proc', `infra-guide-${process.pid}`, 'v8'));
  assert.equal(r.signal, null, 'the run was killed: it hung');
  assert.equal(r.status, 0, r.stderr);
  assert.equal(r.stdout, reference.stdout);
});

test('each command has its own cache file: a commit-msg hook running first leaves check its own', () => {
  const cacheDir = join(tempDir(), 'v8');
  const msg = join(tempDir(), 'COMMIT_EDITMSG');
  writeFileSync(msg, 'feat(#1): Add a thing\n\n- did it\n\nRefs #1\n');
  const hook = spawnSync(process.execPath, [CLI, 'commit-msg', msg], { encoding: 'utf8', env: { ...process.env, INFRA_GUIDE_COMPILE_CACHE: cacheDir } });
  assert.equal(hook.status, 0, hook.stderr);
  assert.deepEqual(readdirSync(cacheDir).map((f) => f.replace(/-[0-9a-f]{16}-.*/, '')), ['cli-commit-msg']);
  runCli(cacheDir);
  assert.deepEqual(readdirSync(cacheDir).map((f) => f.replace(/-[0-9a-f]{16}-.*/, '')).sort(), ['cli-check', 'cli-commit-msg']);
});

/** A copy of dist/cli.js and dist/cli-main.js to edit, with its cache folder; `help` runs `--help`. */
function cliCopy(): { bundle: string; cacheDir: string; help: () => string } {
  const dist = tempDir();
  for (const f of ['cli.js', 'cli-main.js']) copyFileSync(join(ROOT, 'dist', f), join(dist, f));
  const cacheDir = join(dist, 'v8');
  const env: NodeJS.ProcessEnv = { ...process.env, INFRA_GUIDE_COMPILE_CACHE: cacheDir };
  delete env.INFRA_GUIDE_DISABLE_COMPILE_CACHE;
  const help = (): string => spawnSync(process.execPath, [join(dist, 'cli.js'), '--help'], { encoding: 'utf8', env }).stdout;
  return { bundle: join(dist, 'cli-main.js'), cacheDir, help };
}

/** Rewrites the bundle with its `--help` tagline in capitals: another bundle of the same length. */
function shoutTagline(bundle: string): void {
  const source = readFileSync(bundle, 'utf8');
  const edited = source.replace('lint infrastructure files', 'LINT INFRASTRUCTURE FILES');
  assert.equal(edited.length, source.length);
  writeFileSync(bundle, edited);
}

test('a bundle edited after the build never runs the cached code of the old one', () => {
  // V8 recognises a cached script only by its length: the cache must be keyed on the bundle as
  // read, not on the hash the build put into the launcher.
  const cli = cliCopy();
  assert.match(cli.help(), /lint infrastructure files/);
  shoutTagline(cli.bundle);
  assert.match(cli.help(), /LINT INFRASTRUCTURE FILES/);
});

test('the cache file of another bundle of the same length (same name) is rejected, not run', () => {
  const cli = cliCopy();
  assert.match(cli.help(), /lint infrastructure files/);
  const [name] = readdirSync(cli.cacheDir);
  const old = readFileSync(join(cli.cacheDir, name!));
  shoutTagline(cli.bundle);
  assert.match(cli.help(), /LINT INFRASTRUCTURE FILES/);
  assert.deepEqual(readdirSync(cli.cacheDir), [name], 'the same length: the same file name');
  // The old build's file back in place (a shared folder, a copy restored from a backup).
  writeFileSync(join(cli.cacheDir, name!), old);
  assert.match(cli.help(), /LINT INFRASTRUCTURE FILES/);
});

test('the CLI makes no folders in a home folder that is missing or another user\'s (sudo keeping HOME)', () => {
  const parent = tempDir();
  const run = (home: string): ReturnType<typeof spawnSync> => {
    const env: NodeJS.ProcessEnv = { ...process.env, HOME: home, USERPROFILE: home };
    for (const v of ['INFRA_GUIDE_COMPILE_CACHE', 'INFRA_GUIDE_DISABLE_COMPILE_CACHE', 'XDG_CACHE_HOME', 'LOCALAPPDATA']) delete env[v];
    return spawnSync(process.execPath, [CLI, '--version'], { cwd: parent, encoding: 'utf8', env });
  };
  const missing = join(parent, 'missing-home');
  assert.equal(run(missing).status, 0);
  assert.equal(existsSync(missing), false, 'a missing home folder is not made');
  if (process.getuid?.() === 0) {
    // root with a user's HOME: a root-owned ~/.cache would lock the user out of their own cache.
    const userHome = join(parent, 'user-home');
    mkdirSync(userHome);
    chownSync(userHome, 65534, 65534);
    assert.equal(run(userHome).status, 0);
    assert.deepEqual(readdirSync(userHome), []);
  }
});

test('runs with other V8 options (NODE_OPTIONS) keep a file of their own instead of replacing the other\'s', () => {
  // V8 rejects a cache made under other flags: alternating runs (a shell with NODE_OPTIONS, a git
  // hook without) would each find the other's file, run without it and write it again.
  const cacheDir = join(tempDir(), 'v8');
  const big = { NODE_OPTIONS: '--max-old-space-size=4096' };
  runCli(cacheDir, big);
  runCli(cacheDir);
  assert.equal(readdirSync(cacheDir).length, 2);
  const snapshot = (): string[] => readdirSync(cacheDir).map((f) => `${f}:${readFileSync(join(cacheDir, f)).toString('base64')}`).sort();
  const before = snapshot();
  assert.equal(runCli(cacheDir, big).status, 0);
  assert.equal(runCli(cacheDir).status, 0);
  assert.deepEqual(snapshot(), before, 'each run found its own file, accepted, and wrote nothing');
});

test('a check of new kinds of file makes the cache again with their code; the same kinds do not', () => {
  const cacheDir = join(tempDir(), 'v8');
  const work = tempDir();
  writeFileSync(join(work, 'Dockerfile'), DOCKERFILE);
  writeFileSync(join(work, 'pod.yaml'), 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: a\nspec:\n  containers:\n    - name: a\n      image: nginx\n');
  const env: NodeJS.ProcessEnv = { ...process.env, INFRA_GUIDE_COMPILE_CACHE: cacheDir };
  delete env.INFRA_GUIDE_DISABLE_COMPILE_CACHE;
  const check = (file: string): void => {
    const r = spawnSync(process.execPath, [CLI, 'check', file, '--format', 'json', '--fail-on', 'never'], { cwd: work, encoding: 'utf8', env });
    assert.equal(r.status, 0, r.stderr);
  };
  const cacheBytes = (): Buffer => readFileSync(join(cacheDir, readdirSync(cacheDir).find((f) => f.startsWith('cli-check-'))!));
  check('Dockerfile');
  const dockerfileOnly = cacheBytes();
  check('Dockerfile');
  assert.ok(cacheBytes().equals(dockerfileOnly), 'the same kind: the cache is kept');
  check('pod.yaml');
  const both = cacheBytes();
  assert.ok(!both.equals(dockerfileOnly), 'a new kind: the cache is made again');
  assert.ok(both.length > dockerfileOnly.length, 'with the Kubernetes code added');
  check('pod.yaml');
  check('Dockerfile');
  assert.ok(cacheBytes().equals(both), 'kinds the cache has seen: kept');
});

test('with source maps on (--enable-source-maps), stack traces name the sources, and no cache is used', () => {
  // Node maps stack traces only for code its module loader compiled, not for a vm.Script.
  const dir = tempDir();
  writeFileSync(join(dir, 'boom.ts'), 'export function boom(): never {\n  throw new Error(\'boom\');\n}\nif (require.main === module) boom();\n');
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const esbuild = require(join(ROOT, 'node_modules', 'esbuild')) as typeof import('esbuild');
  esbuild.buildSync({ entryPoints: [join(dir, 'boom.ts')], bundle: true, platform: 'node', format: 'cjs', sourcemap: true, outfile: join(dir, 'bundle.js'), logLevel: 'silent' });
  // A launcher as dist/cli.js is: it runs the bundle through runBundle.
  const launcher = join(dir, 'launch.js');
  writeFileSync(launcher, `require(${JSON.stringify(join(__dirname, 'compile-cache.js'))}).runBundle(${JSON.stringify(join(dir, 'bundle.js'))}, { dir: ${JSON.stringify(join(dir, 'v8'))}, name: 't' }, module, require);\n`);
  const mapped = spawnSync(process.execPath, ['--enable-source-maps', launcher], { encoding: 'utf8', timeout: 30_000 });
  assert.match(mapped.stderr, /at boom \(.*boom\.ts:2:9\)/, mapped.stderr);
  assert.equal(existsSync(join(dir, 'v8')), false, 'no cache is made for a run whose traces are mapped');
  // Without source maps: the cache as usual (the bundle ran as the launcher's main module: it threw).
  const plain = spawnSync(process.execPath, [launcher], { encoding: 'utf8', timeout: 30_000 });
  assert.match(plain.stderr, /at boom \(.*bundle\.js:\d+:\d+\)/, plain.stderr);
  assert.equal(readdirSync(join(dir, 'v8')).length, 1);
});

test('a worker thread started from the bundle\'s launcher loads the bundle from the code cache too', () => {
  const dir = tempDir();
  const launcherModule = join(__dirname, 'bundle-launcher.js');
  // The bundle: on the main thread it starts a worker from its launcher (as lint-files.ts does)
  // and prints what the worker says; in the worker it says whether V8 took its compile from the cache.
  writeFileSync(
    join(dir, 'bundle.js'),
    `const { isMainThread, parentPort, Worker } = require('node:worker_threads');
const { bundleLauncher } = require(${JSON.stringify(launcherModule)});
const l = bundleLauncher();
if (isMainThread) {
  const w = new Worker(l.script, { argv: l.argv });
  w.on('message', (m) => console.log(JSON.stringify({ main: l.fromCache, ...m })));
} else {
  parentPort.postMessage({ worker: l.fromCache, argv: process.argv.slice(2), script: l.script });
}
`,
  );
  const launcher = join(dir, 'launch.js');
  writeFileSync(launcher, `require(${JSON.stringify(join(__dirname, 'compile-cache.js'))}).runBundle(${JSON.stringify(join(dir, 'bundle.js'))}, { dir: ${JSON.stringify(join(dir, 'v8'))}, name: 't' }, module, require, ['check']);\n`);
  const run = (): { main: boolean; worker: boolean; argv: string[]; script: string } => {
    const r = spawnSync(process.execPath, [launcher], { encoding: 'utf8', timeout: 30_000 });
    assert.equal(r.status, 0, r.stderr);
    return JSON.parse(r.stdout) as { main: boolean; worker: boolean; argv: string[]; script: string };
  };
  // The first run makes the cache (at exit), the second one and its worker take it.
  assert.deepEqual(run(), { main: false, worker: false, argv: ['check'], script: launcher });
  assert.deepEqual(run(), { main: true, worker: true, argv: ['check'], script: launcher });
});

test('the launched bundles are ASCII: V8 keeps such a source as one byte a character, with nothing to decode', () => {
  for (const bundle of ['cli-main.js', 'server-main.js']) {
    const text = readFileSync(join(ROOT, 'dist', bundle), 'latin1');
    assert.doesNotMatch(text, /[^\x00-\x7f]/, `dist/${bundle} (scripts/build.mjs escapes other characters)`);
  }
});
