#!/usr/bin/env node
// The same e2e suites under @vscode/test-electron (desktop VS Code), for a developer's laptop:
//   VSCODE_EXECUTABLE_PATH=/path/to/code npm run test:e2e -- --electron
//   node test/e2e/run-electron.mjs            (downloads VS Code when VSCODE_EXECUTABLE_PATH is unset)
// Options: --grep <text>, --suite e2e|vsix, --no-vsix, --keep.
// Runs (1) test/e2e/suite with the repo as development extension and (2) test/e2e/vsix-suite against
// the packaged VSIX installed with `code --install-extension`, each in a throw-away copy of its
// fixture workspace and private user-data/extensions dirs. Ends with `N passed, N failed`.
// Note: test-electron starts VS Code with --disable-workspace-trust, so the restricted-mode test
// is skipped there (it runs in the code-server host).
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureVsix, MAX_VSIX_BYTES } from './harness/vsix.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const repo = resolve(here, '..', '..');
const fakeBin = join(here, 'fixtures', 'bin');
const argv = process.argv.slice(2);
const flag = (f) => argv.includes(f);
const opt = (f) => {
  const i = argv.indexOf(f);
  return i >= 0 ? argv[i + 1] : undefined;
};

process.exitCode = await main();

async function main() {
  let testElectron;
  try {
    testElectron = await import('@vscode/test-electron');
  } catch (e) {
    console.error(`@vscode/test-electron is not installed (npm ci): ${e.message}`);
    console.log('0 passed, 1 failed');
    return 1;
  }
  const { runTests, downloadAndUnzipVSCode, resolveCliArgsFromVSCodeExecutablePath } = testElectron;
  let executable = process.env.VSCODE_EXECUTABLE_PATH;
  if (!executable) {
    console.log('VSCODE_EXECUTABLE_PATH not set: downloading VS Code with @vscode/test-electron');
    try {
      executable = await downloadAndUnzipVSCode(process.env.INFRA_GUIDE_E2E_VSCODE_VERSION ?? 'stable');
    } catch (e) {
      console.error(`could not download VS Code (${e.message}); set VSCODE_EXECUTABLE_PATH, or run the default code-server host: npm run test:e2e`);
      console.log('0 passed, 1 failed');
      return 1;
    }
  }
  if (!existsSync(executable)) {
    console.error(`VSCODE_EXECUTABLE_PATH ${executable} does not exist`);
    console.log('0 passed, 1 failed');
    return 1;
  }

  const only = opt('--suite');
  const runs = [];
  if (!only || only === 'e2e') runs.push('e2e');
  if ((!only || only === 'vsix') && !flag('--no-vsix')) runs.push('vsix');
  let passed = 0;
  let failed = 0;
  let pending = 0;

  for (const name of runs) {
    const root = mkdtempSync(join(tmpdir(), `infra-guide-e2e-electron-${name}-`));
    const workspace = join(root, 'workspace');
    const userData = join(root, 'user-data');
    const extensions = join(root, 'extensions');
    const results = join(root, 'results.json');
    mkdirSync(userData, { recursive: true });
    mkdirSync(extensions, { recursive: true });
    cpSync(join(here, 'fixtures', name === 'e2e' ? 'workspace' : 'vsix-workspace'), workspace, { recursive: true });
    const env = {
      INFRA_GUIDE_E2E: '1',
      INFRA_GUIDE_E2E_HOST: 'electron',
      INFRA_GUIDE_E2E_RESULTS: results,
      INFRA_GUIDE_E2E_LOG: join(root, 'host-console.log'),
      INFRA_GUIDE_E2E_EXTENSIONS_DIR: extensions,
      ...(opt('--grep') ? { INFRA_GUIDE_E2E_GREP: opt('--grep') } : {}),
      // A stand-in terraform after the real PATH, as in run.mjs's e2e-trusted run (docs/e2e.md).
      ...(name === 'e2e' ? { PATH: [process.env.PATH, fakeBin].filter(Boolean).join(delimiter), INFRA_GUIDE_E2E_FAKE_BIN: fakeBin } : {}),
    };
    let devPath = repo;
    try {
      if (name === 'vsix') {
        const { vsix, bytes } = ensureVsix(repo);
        console.log(`VSIX ${vsix}: ${(bytes / 1024).toFixed(1)} KiB`);
        if (bytes > MAX_VSIX_BYTES) {
          console.log(`✘ VSIX is over the ${MAX_VSIX_BYTES} byte limit`);
          failed++;
        } else passed++;
        const [cli, ...cliArgs] = resolveCliArgsFromVSCodeExecutablePath(executable);
        const res = spawnSync(cli, [...cliArgs, '--user-data-dir', userData, '--extensions-dir', extensions, '--install-extension', vsix, '--force'], {
          encoding: 'utf8',
          stdio: 'inherit',
          shell: process.platform === 'win32',
        });
        if (res.status !== 0) throw new Error(`--install-extension failed (${res.status})`);
        // extensionTestsPath needs a development extension: an empty stub.
        devPath = join(root, 'test-runner-stub');
        mkdirSync(devPath);
        writeFileSync(join(devPath, 'package.json'), JSON.stringify({ name: 'e2e-test-runner-stub', publisher: 'infra-guide-e2e', version: '0.0.0', engines: { vscode: '^1.100.0' } }));
      }
      console.log(`\n▶ ${name} suite under ${executable}`);
      await runTests({
        vscodeExecutablePath: executable,
        extensionDevelopmentPath: devPath,
        extensionTestsPath: join(repo, 'out', 'test', 'e2e', name === 'e2e' ? 'suite' : 'vsix-suite', 'index.js'),
        extensionTestsEnv: env,
        launchArgs: [workspace, '--user-data-dir', userData, '--extensions-dir', extensions, '--skip-release-notes', '--disable-telemetry', '--force-disable-user-env'],
      });
    } catch (e) {
      console.log(`✘ ${name}: ${e.message}`);
    }
    if (existsSync(results)) {
      const r = JSON.parse(readFileSync(results, 'utf8'));
      passed += r.passed;
      failed += r.failed;
      pending += r.pending;
    } else {
      console.log(`✘ ${name}: the suite reported no results`);
      failed++;
    }
    if (flag('--keep')) console.log(`kept ${root}`);
    else rmSync(root, { recursive: true, force: true, maxRetries: 3 });
  }
  console.log(`${passed} passed, ${failed} failed${pending ? `, ${pending} skipped` : ''}`);
  return failed === 0 && passed > 0 ? 0 : 1;
}
