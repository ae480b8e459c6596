#!/usr/bin/env node
// `npm run test:e2e`: the mocha suites of test/e2e inside a real VS Code extension host.
//
// Default host: VS Code 1.100.3 server from code-server@4.100.3 (scripts/install-vscode-host.sh)
// in headless chromium via playwright-core. Host runs (HOST_RUNS below):
//   1. e2e         — test/e2e/suite/*.test.ts, the repo as development extension, untrusted folder;
//   2. e2e-trusted — the same suite with workspace trust disabled (trusted code paths);
//   3. vsix        — test/e2e/vsix-suite/*.test.ts against the packaged VSIX installed with
//                    --install-extension (no development extension);
//   4. multi-root  — test/e2e/multiroot-suite/*.test.ts, a two-folder `.code-workspace`
//                    (fixtures/multiroot-workspace), trusted.
// Prints `N passed, N failed` last; exits non-zero on any failure or when no test ran.
//
// Options: --electron        run under @vscode/test-electron instead (needs VSCODE_EXECUTABLE_PATH
//                            or a downloadable VS Code; see run-electron.mjs)
//          --grep <text>     only tests whose full title contains <text>
//          --suite <names>   only these host runs (comma-separated: e2e, e2e-trusted, vsix, multi-root)
//          --no-vsix         skip the VSIX run (and packaging)
//          --no-trusted      skip the e2e-trusted run (also INFRA_GUIDE_E2E_TRUSTED=0)
//          --keep            keep the temp dirs (printed)
//          --verbose         also print workbench console output
// Env: INFRA_GUIDE_VSCODE_HOST_DIR (host install dir), INFRA_GUIDE_E2E_TIMEOUT_MS (per host run,
//      default 120000), INFRA_GUIDE_CHROMIUM (browser binary).
// Builds nothing but the VSIX when it is stale: `npm test` compiles and bundles first.
import { existsSync } from 'node:fs';
import { delimiter, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { spawnSync } from 'node:child_process';
import { chromiumPath, runHostSession, serverMainPath } from './harness/host.mjs';
import { ensureVsix, MAX_VSIX_BYTES } from './harness/vsix.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const repo = resolve(here, '..', '..');
/** Stand-ins for tools the tests need but this machine may lack (only `terraform` so far). */
const FAKE_BIN = join(here, 'fixtures', 'bin');
const argv = process.argv.slice(2);
const flag = (f) => argv.includes(f);
const opt = (f) => {
  const i = argv.indexOf(f);
  return i >= 0 ? argv[i + 1] : undefined;
};

if (flag('--electron')) {
  await import('./run-electron.mjs');
} else {
  process.exitCode = await main();
}

async function main() {
  const t0 = Date.now();
  const log = (s) => console.log(s);
  const suiteEntry = join(repo, 'out', 'test', 'e2e', 'suite', 'index.js');
  const vsixEntry = join(repo, 'out', 'test', 'e2e', 'vsix-suite', 'index.js');
  const multirootEntry = join(repo, 'out', 'test', 'e2e', 'multiroot-suite', 'index.js');
  for (const f of [suiteEntry, vsixEntry, multirootEntry, join(repo, 'dist', 'client.js'), join(repo, 'dist', 'server.js')]) {
    if (!existsSync(f)) {
      console.error(`${f} missing: run \`npm run compile && npm run build\` first (npm test does)`);
      console.log('0 passed, 1 failed');
      return 1;
    }
  }
  if ((!existsSync(serverMainPath()) || !chromiumPath()) && process.env.INFRA_GUIDE_NO_HOST_INSTALL !== '1') {
    // First run on a machine: install the host once, so `npm ci && npm test` runs every test.
    log('VS Code test host or chromium missing: running scripts/install-vscode-host.sh (once per machine)');
    const r = spawnSync('bash', [join(repo, 'scripts', 'install-vscode-host.sh')], { stdio: 'inherit' });
    if (r.status !== 0) console.error(`scripts/install-vscode-host.sh failed (exit ${r.status})`);
  }
  if (!existsSync(serverMainPath())) {
    console.error(`VS Code test host missing (${serverMainPath()}): run scripts/install-vscode-host.sh (see docs/e2e.md)`);
    console.log('0 passed, 1 failed');
    return 1;
  }

  const only = opt('--suite');
  const grep = opt('--grep');
  const timeoutMs = Number(process.env.INFRA_GUIDE_E2E_TIMEOUT_MS ?? 120000);
  const common = { timeoutMs, log, keep: flag('--keep'), verbose: flag('--verbose'), env: grep ? { INFRA_GUIDE_E2E_GREP: grep } : {} };
  const results = [];
  let vsixInfo;

  // Host runs. `e2e-trusted` repeats the main suite with workspace trust disabled (server flag
  // --disable-workspace-trust: every folder is trusted, as under @vscode/test-electron), so tests
  // cover both the restricted-mode and the trusted code paths.
  const HOST_RUNS = [
    { name: 'e2e', title: `development extension ${repo}, untrusted workspace`, fixture: 'workspace', entry: suiteEntry, dev: true },
    {
      name: 'e2e-trusted',
      title: 'development extension, workspace trust disabled',
      fixture: 'workspace',
      entry: suiteEntry,
      dev: true,
      // --force-disable-user-env: the extension host gets this env as is (VS Code would otherwise
      // overlay the PATH of a login shell, dropping the stand-in's folder).
      serverArgs: ['--disable-workspace-trust', '--force-disable-user-env'],
      // The only run where tasks run: a stand-in terraform, after the real PATH so a real
      // terraform is preferred (test/e2e/fixtures/bin/terraform; docs/e2e.md).
      env: { PATH: [process.env.PATH, FAKE_BIN].filter(Boolean).join(delimiter), INFRA_GUIDE_E2E_FAKE_BIN: FAKE_BIN },
    },
    { name: 'vsix', title: 'packaged VSIX installed with --install-extension', fixture: 'vsix-workspace', entry: vsixEntry, vsix: true },
    {
      name: 'multi-root',
      title: 'development extension, two-folder .code-workspace, workspace trust disabled',
      fixture: 'multiroot-workspace',
      workspaceFile: 'multi.code-workspace',
      entry: multirootEntry,
      dev: true,
      serverArgs: ['--disable-workspace-trust'],
    },
  ];
  const skipTrusted = flag('--no-trusted') || process.env.INFRA_GUIDE_E2E_TRUSTED === '0';
  const runs = HOST_RUNS.filter((r) => {
    if (only) return only.split(',').includes(r.name);
    if (r.vsix && flag('--no-vsix')) return false;
    if (r.name === 'e2e-trusted' && skipTrusted) return false;
    return true;
  });
  if (runs.length === 0) {
    console.error(`no host run selected (known: ${HOST_RUNS.map((r) => r.name).join(', ')})`);
    console.log('0 passed, 1 failed');
    return 1;
  }

  // Package first: `npm run package` rewrites dist/ (production, then the dev build again).
  if (runs.some((r) => r.vsix)) {
    try {
      vsixInfo = ensureVsix(repo, { log });
      const kb = (vsixInfo.bytes / 1024).toFixed(1);
      log(`VSIX ${vsixInfo.vsix.slice(repo.length + 1)}: ${kb} KiB (limit ${MAX_VSIX_BYTES / 1024} KiB)`);
    } catch (e) {
      results.push({ name: 'vsix-package', passed: 0, failed: 1, pending: 0, ok: false, error: e.message, tests: [], ms: 0 });
    }
  }

  // Host runs go two at a time (they mostly wait on the editor); the first one prints live, the
  // others' output is printed after it, in order. INFRA_GUIDE_E2E_PARALLEL=1 runs
  // them one after the other.
  const parallel = Math.max(1, Number(process.env.INFRA_GUIDE_E2E_PARALLEL ?? 2));
  const runOne = async (run, out) => {
    out(`\n▶ ${run.name} suite (${run.title})`);
    const r = await runHostSession({
      ...common,
      log: out,
      name: run.name,
      workspaceFixture: join(here, 'fixtures', run.fixture),
      workspaceFile: run.workspaceFile,
      testsEntry: run.entry,
      devExtensionPath: run.dev ? repo : undefined,
      vsix: run.vsix ? vsixInfo.vsix : undefined,
      serverArgs: run.serverArgs,
      env: { ...common.env, ...run.env },
    });
    if (run.vsix) {
      // The size limit is a test too.
      const sizeOk = vsixInfo.bytes <= MAX_VSIX_BYTES;
      r.tests.push({ title: `VSIX size ${vsixInfo.bytes} bytes ≤ ${MAX_VSIX_BYTES}`, state: sizeOk ? 'passed' : 'failed' });
      if (sizeOk) r.passed++;
      else {
        r.failed++;
        r.ok = false;
        out(`  ✘ VSIX is ${vsixInfo.bytes} bytes, over the ${MAX_VSIX_BYTES} byte limit`);
      }
    }
    return r;
  };
  const queue = runs.filter((r) => !r.vsix || vsixInfo);
  const byName = new Map();
  const buffers = new Map();
  const first = queue[0];
  const worker = async () => {
    for (let run = queue.shift(); run; run = queue.shift()) {
      const buf = [];
      buffers.set(run.name, buf);
      byName.set(run.name, await runOne(run, run === first ? log : (line) => buf.push(line)));
    }
  };
  await Promise.all(Array.from({ length: Math.min(parallel, queue.length) }, worker));
  for (const run of runs) for (const line of buffers.get(run.name) ?? []) log(line);
  for (const run of runs) if (byName.has(run.name)) results.push(byName.get(run.name));

  let passed = 0;
  let failed = 0;
  let pending = 0;
  log('');
  for (const r of results) {
    passed += r.passed;
    failed += r.failed;
    pending += r.pending;
    if (r.error) {
      failed += r.failed === 0 ? 1 : 0;
      log(`✘ ${r.name}: ${r.error}`);
    }
    log(`${r.name}: ${r.passed} passed, ${r.failed} failed${r.pending ? `, ${r.pending} skipped` : ''} (${(r.ms / 1000).toFixed(1)} s)`);
  }
  log(`e2e total ${((Date.now() - t0) / 1000).toFixed(1)} s${pending ? `, ${pending} skipped` : ''}`);
  const ok = results.length > 0 && results.every((r) => r.ok) && passed > 0 && failed === 0;
  console.log(`${passed} passed, ${failed} failed${pending ? `, ${pending} skipped` : ""}`);
  return ok ? 0 : 1;
}
