// Finds the packaged VSIX (`infra-guide-<version>.vsix` in the repo root) and rebuilds it with
// `npm run package` when it is missing or older than anything that goes into it.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const MAX_VSIX_BYTES = 1.5 * 1024 * 1024;

/** Inputs of the package: if any is newer than the VSIX, it is stale. */
const INPUTS = ['package.json', '.vscodeignore', 'README.md', 'LICENSE', 'CHANGELOG.md', 'client/src', 'server/src', 'docs/rules', 'schemas', 'snippets', 'scripts/build.mjs', 'package-lock.json'];

function newestMtime(path) {
  if (!existsSync(path)) return 0;
  const st = statSync(path);
  if (!st.isDirectory()) return st.mtimeMs;
  let max = st.mtimeMs;
  for (const name of readdirSync(path)) max = Math.max(max, newestMtime(join(path, name)));
  return max;
}

export function vsixPath(repo) {
  const pkg = JSON.parse(readFileSync(join(repo, 'package.json'), 'utf8'));
  return join(repo, `${pkg.name}-${pkg.version}.vsix`);
}

export function isStale(repo, vsix) {
  if (!existsSync(vsix)) return 'missing';
  const built = statSync(vsix).mtimeMs;
  for (const i of INPUTS) if (newestMtime(join(repo, i)) > built) return `${i} changed`;
  return undefined;
}

function run(repo, args, log) {
  const res = spawnSync(process.platform === 'win32' ? 'npm.cmd' : 'npm', args, { cwd: repo, encoding: 'utf8', env: { ...process.env, npm_config_update_notifier: 'false' } });
  if (res.status !== 0) {
    log(`${res.stdout ?? ''}${res.stderr ?? ''}`);
    throw new Error(`npm ${args.join(' ')} failed (exit ${res.status ?? res.signal})`);
  }
  return `${res.stdout ?? ''}${res.stderr ?? ''}`;
}

/**
 * Ensures an up-to-date VSIX. `npm run package` rebuilds dist/ in production mode, so afterwards the
 * development bundles (with source maps) are rebuilt for the dev-extension suite.
 */
export function ensureVsix(repo, opts = {}) {
  const release = lock(repo, opts.log ?? console.log);
  try {
    return ensureVsixLocked(repo, opts);
  } finally {
    release();
  }
}

/** Serialises packaging between concurrent e2e runs on one checkout (it rewrites dist/). */
function lock(repo, log) {
  const dir = join(tmpdir(), `infra-guide-e2e-package-${Buffer.from(repo).toString('hex').slice(-32)}.lock`);
  const deadline = Date.now() + 180000;
  let told = false;
  for (;;) {
    try {
      mkdirSync(dir);
      writeFileSync(join(dir, 'pid'), String(process.pid));
      return () => rmSync(dir, { recursive: true, force: true });
    } catch (e) {
      if (e.code !== 'EEXIST') throw e;
    }
    let owner = NaN;
    try {
      owner = Number(readFileSync(join(dir, 'pid'), 'utf8'));
    } catch {
      /* being created */
    }
    let alive = true;
    if (owner > 0) {
      try {
        process.kill(owner, 0);
      } catch {
        alive = false;
      }
    }
    if (!alive) {
      rmSync(dir, { recursive: true, force: true });
      continue;
    }
    if (Date.now() > deadline) throw new Error(`another e2e run (pid ${owner}) holds ${dir} for too long`);
    if (!told) log(`waiting for another e2e run (pid ${owner}) to finish packaging`);
    told = true;
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 250);
  }
}

function ensureVsixLocked(repo, { log = console.log, force = false } = {}) {
  const vsix = vsixPath(repo);
  const why = force ? 'forced' : isStale(repo, vsix);
  if (why) {
    log(`packaging the VSIX (${why}): npm run package`);
    const t0 = Date.now();
    const out = run(repo, ['run', 'package', '--silent'], log);
    run(repo, ['run', 'build', '--silent'], log);
    const notes = out
      .split('\n')
      .filter((l) => /\b(DONE|WARNING|ERROR)\b/.test(l))
      .map((l) => `  ${l.trim()}`);
    log(`${notes.join('\n')}\n  packaged in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  }
  if (!existsSync(vsix)) throw new Error(`npm run package did not produce ${vsix}`);
  return { vsix, bytes: statSync(vsix).size };
}
