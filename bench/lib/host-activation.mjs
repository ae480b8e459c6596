// Activation inside a real VS Code host (code-server's VS Code 1.100.3 server + headless chromium,
// the e2e harness of test/e2e/harness/host.mjs). Each session is a fresh host with private
// user/extension dirs and a one-file workspace; the bench-only suite test/e2e/bench-suite times
// open → extension active → first pin-base-image-version diagnostics and writes them to a JSON
// file passed in $INFRA_GUIDE_BENCH_ACTIVATION_OUT. Sessions run one after the other (no overlap,
// so they do not compete for the two cores).
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromiumPath, runHostSession, serverMainPath } from '../../test/e2e/harness/host.mjs';

/**
 * @param {object} o
 * @param {string} o.root          repo root
 * @param {string} o.text          Dockerfile text
 * @param {string} o.mode          'dev' (repo as development extension) or 'vsix' (installed package)
 * @param {string} [o.vsix]        VSIX path for mode 'vsix'
 * @param {number} o.sessions      fresh host sessions
 * @param {(s: string) => void} o.log
 * @returns {Promise<{mode: string, skipped?: string, runs: object[], errors: string[]}>}
 */
export async function measureHostActivation({ root, text, mode, vsix, sessions, log, timeoutMs = 90000 }) {
  const out = { mode, runs: [], errors: [] };
  if (!existsSync(serverMainPath())) {
    out.skipped = `host not installed (${serverMainPath()} missing; scripts/install-vscode-host.sh)`;
    return out;
  }
  if (!chromiumPath()) {
    out.skipped = 'host not installed (chromium missing; scripts/install-vscode-host.sh or INFRA_GUIDE_CHROMIUM)';
    return out;
  }
  const entry = join(root, 'out', 'test', 'e2e', 'bench-suite', 'index.js');
  if (!existsSync(entry)) {
    out.skipped = `${entry.slice(root.length + 1)} missing (run \`npx tsc -p .\`)`;
    return out;
  }
  const scratch = mkdtempSync(join(tmpdir(), 'ig-bench-host-'));
  try {
    const workspace = join(scratch, 'workspace');
    writeWorkspace(workspace, text);
    for (let i = 0; i < sessions; i++) {
      const resultFile = join(scratch, `activation-${mode}-${i}.json`);
      const lines = [];
      const r = await runHostSession({
        name: `bench-${mode}`,
        workspaceFixture: workspace,
        testsEntry: entry,
        devExtensionPath: mode === 'dev' ? root : undefined,
        vsix: mode === 'vsix' ? vsix : undefined,
        // A trusted folder, as a user's own project usually is.
        serverArgs: ['--disable-workspace-trust'],
        env: { INFRA_GUIDE_BENCH_ACTIVATION_OUT: resultFile },
        timeoutMs,
        log: (l) => lines.push(l),
      });
      if (r.ok && existsSync(resultFile)) {
        const m = JSON.parse(readFileSync(resultFile, 'utf8'));
        out.runs.push({ ...m, sessionMs: r.ms });
        log(`  host activation (${mode}) session ${i + 1}/${sessions}: active ${m.activeMs.toFixed(0)} ms, first diagnostics ${m.diagnosticsMs.toFixed(0)} ms (session ${(r.ms / 1000).toFixed(1)} s)`);
      } else {
        const failed = r.tests.find((t) => t.state === 'failed');
        const why = r.error ?? failed?.error?.split('\n')[0] ?? 'no result written';
        out.errors.push(`session ${i + 1}: ${why}`);
        log(`  host activation (${mode}) session ${i + 1}/${sessions} failed: ${why}\n${lines.slice(-30).join('\n')}`);
        // The host itself is broken: no use starting more sessions.
        if (/not installed|not found|playwright-core/.test(why)) {
          out.skipped = why;
          break;
        }
      }
    }
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
  return out;
}

function writeWorkspace(dir, text) {
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'Dockerfile'), text);
}
