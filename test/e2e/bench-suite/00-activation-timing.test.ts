// Activation timing in a fresh VS Code host (bench only, see index.ts). Opens the workspace's small
// Dockerfile and records, with performance.now() in the extension host:
//   openMs        openTextDocument + showTextDocument called → both resolved,
//   activeMs      open called → `extension.isActive` (true once activate() has resolved, i.e. once
//                 the language client has started; polled every 2 ms),
//   diagnosticsMs open called → first onDidChangeDiagnostics event for that file carrying
//                 dockerfile/pin-base-image-version.
// The numbers go to $INFRA_GUIDE_BENCH_ACTIVATION_OUT (JSON) for bench/run.mjs.
import * as assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import * as vscode from 'vscode';
import { getExtension, note, ruleIdOf, wsUri } from '../host/helpers';

const PIN = 'dockerfile/pin-base-image-version';
const TIMEOUT_MS = 30000;

describe('activation timing (bench)', () => {
  it('opens a small Dockerfile and times activation and first diagnostics', async function () {
    this.timeout(TIMEOUT_MS + 5000);
    const ext = getExtension();
    assert.equal(ext.isActive, false, 'the extension must not be active before the Dockerfile is opened');
    const uri = wsUri('Dockerfile');
    const hostUptimeMs = process.uptime() * 1000;

    // Listen before opening, so the first event cannot be missed.
    let diagAt: number | undefined;
    let diagCount = 0;
    let resolveDiag!: () => void;
    const gotDiag = new Promise<void>((r) => (resolveDiag = r));
    const sub = vscode.languages.onDidChangeDiagnostics((e) => {
      if (diagAt !== undefined || !e.uris.some((u) => u.toString() === uri.toString())) return;
      const ds = vscode.languages.getDiagnostics(uri);
      if (!ds.some((d) => ruleIdOf(d) === PIN)) return;
      diagAt = performance.now();
      diagCount = ds.length;
      resolveDiag();
    });

    // isActive has no event: poll it tightly from the moment the document is requested.
    let activeAt: number | undefined;
    const poll = setInterval(() => {
      if (activeAt === undefined && ext.isActive) activeAt = performance.now();
    }, 2);

    const t0 = performance.now();
    let shownAt: number;
    try {
      const doc = await vscode.workspace.openTextDocument(uri);
      await vscode.window.showTextDocument(doc, { preview: false });
      shownAt = performance.now();
      assert.equal(doc.languageId, 'dockerfile');
      let timer: NodeJS.Timeout | undefined;
      const timedOut = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`no ${PIN} diagnostic within ${TIMEOUT_MS} ms (active: ${ext.isActive})`)), TIMEOUT_MS);
      });
      try {
        await Promise.race([gotDiag, timedOut]);
        // Activation resolves around the first diagnostics; give the poll a moment if it is not seen yet.
        const until = performance.now() + TIMEOUT_MS;
        while (activeAt === undefined && performance.now() < until) {
          if (ext.isActive) activeAt = performance.now();
          else await new Promise((r) => setTimeout(r, 2));
        }
      } finally {
        clearTimeout(timer);
      }
    } finally {
      clearInterval(poll);
      sub.dispose();
    }
    assert.ok(activeAt !== undefined, 'the extension never became active');
    assert.ok(diagAt !== undefined);

    const result = {
      vscodeVersion: vscode.version,
      extensionPath: ext.extensionPath,
      hostUptimeMs,
      openMs: shownAt - t0,
      activeMs: activeAt - t0,
      activeToDiagnosticsMs: diagAt - activeAt,
      diagnosticsMs: diagAt - t0,
      diagnostics: diagCount,
    };
    note(`    ${JSON.stringify(result)}`);
    const out = process.env['INFRA_GUIDE_BENCH_ACTIVATION_OUT'];
    if (out) writeFileSync(out, JSON.stringify(result, null, 2));
  });
});
