import * as assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { docsTargetOf, getExtension, openDoc, waitFor, waitForRule, note } from '../host/helpers';

const PIN = 'dockerfile/pin-base-image-version';

describe('installed VSIX', () => {
  it('is the packaged extension, not a development folder', () => {
    const ext = getExtension();
    const root = ext.extensionPath;
    note(`    (installed at ${root})`);
    const expectedDir = process.env['INFRA_GUIDE_E2E_EXTENSIONS_DIR'];
    if (expectedDir) assert.ok(root.startsWith(expectedDir), `${root} should be inside the private extensions dir ${expectedDir}`);
    assert.equal(ext.extensionKind, vscode.ExtensionKind.Workspace);
    for (const f of ['package.json', 'dist/client.js', 'dist/server.js', 'dist/server-main.js', 'dist/cli.js', 'dist/cli-main.js', `docs/rules/${PIN}.md`]) {
      assert.ok(existsSync(join(root, f)), `${f} must be in the VSIX`);
    }
    for (const f of ['client/src', 'server/src', 'test', 'out', 'node_modules', 'tsconfig.json', 'scripts']) {
      assert.ok(!existsSync(join(root, f)), `${f} must not be in the VSIX`);
    }
    assert.equal(ext.isActive, false, 'not active before a Dockerfile is opened');
  });

  it('activates on a Dockerfile and lints it', async () => {
    const ext = getExtension();
    const { doc } = await openDoc('Dockerfile');
    await waitFor('activation', () => ext.isActive, 15000);
    const [d] = await waitForRule(doc.uri, PIN, 30000);
    assert.ok(d);
    assert.equal(d.severity, vscode.DiagnosticSeverity.Warning);
    const target = docsTargetOf(d);
    assert.ok(target && existsSync(target.fsPath), `docs link ${target?.toString()} must exist in the installed extension`);
    assert.ok(target.fsPath.startsWith(ext.extensionPath), 'docs link points into the installed extension');
  });
});
