import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { getExtension, note, openDoc, waitFor, waitForRule, wsUri } from '../host/helpers';

const PIN = 'dockerfile/pin-base-image-version';
const BOGUS_RUNTIME = '/nonexistent/infra-guide-e2e-bogus-node';
const RESTRICTED = ['infraGuide.server.runtime', 'infraGuide.issueList.program', 'infraGuide.issueList.args'];

// In the code-server host, workspace trust is enabled and the fixture folder is not in the trusted
// list, so the window runs in restricted mode (vscode.workspace.isTrusted === false).
// @vscode/test-electron always passes --disable-workspace-trust: there every folder is trusted and
// the restricted-mode test is skipped.
describe('workspace trust', () => {
  it('declares limited support for untrusted workspaces with the restricted settings', () => {
    const caps = (getExtension().packageJSON as { capabilities?: { untrustedWorkspaces?: { supported?: unknown; restrictedConfigurations?: string[] } } })
      .capabilities?.untrustedWorkspaces;
    assert.equal(caps?.supported, 'limited');
    assert.deepEqual([...(caps?.restrictedConfigurations ?? [])].sort(), [...RESTRICTED].sort());
  });

  it('runs in restricted mode when the workspace is not trusted', async function () {
    if (vscode.workspace.isTrusted) {
      note('    (workspace is trusted in this host, e.g. --disable-workspace-trust: restricted mode cannot be tested)');
      this.skip();
    }
    // Extensions without `untrustedWorkspaces` support are not even activated in restricted mode.
    const { doc } = await openDoc('Dockerfile');
    await waitFor('activation in restricted mode', () => getExtension().isActive, 15000);
    await waitForRule(doc.uri, PIN, 30000);
    assert.equal(vscode.workspace.getConfiguration('infraGuide').get('server.runtime'), '', 'restricted setting from an untrusted workspace must not be honoured');
  });

  it('the workspace\'s infraGuide.server.runtime (a bogus program) is not used: the server restarts and lints', async () => {
    // The fixture's .vscode/settings.json really sets a bogus runtime for the language server...
    const raw = new TextDecoder().decode(await vscode.workspace.fs.readFile(wsUri('.vscode', 'settings.json')));
    assert.ok(raw.includes(BOGUS_RUNTIME), 'fixture .vscode/settings.json must set the bogus runtime');
    // ...but VS Code does not hand it to the extension (restricted in untrusted workspaces, and
    // machine-scoped: only user/remote settings may name a program to run).
    const cfg = vscode.workspace.getConfiguration('infraGuide');
    const inspected = cfg.inspect<string>('server.runtime');
    note(`    (isTrusted=${vscode.workspace.isTrusted}, inspect(server.runtime)=${JSON.stringify(inspected)})`);
    assert.equal(cfg.get('server.runtime'), '');
    assert.notEqual(inspected?.workspaceValue, BOGUS_RUNTIME);
    assert.notEqual(inspected?.workspaceFolderValue, BOGUS_RUNTIME);

    // Restarting the server re-reads the runtime setting: it must still start (with the default
    // runtime, not the bogus program) and lint a file it has never seen.
    await vscode.commands.executeCommand('infraGuide.restartServer');
    const fresh = wsUri('trust', 'Dockerfile');
    await vscode.workspace.fs.writeFile(fresh, new TextEncoder().encode('FROM node\nUSER node\nCMD ["node", "server.js"]\n'));
    const { doc } = await openDoc('trust', 'Dockerfile');
    await waitForRule(doc.uri, PIN, 30000);
  });
});
