import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { diagnosticsFor, openDoc, waitFor, waitForNoRule, waitForRule, wsUri } from '../host/helpers';

const PIN = 'dockerfile/pin-base-image-version';

describe('settings', () => {
  afterEach(async () => {
    await vscode.workspace.getConfiguration('infraGuide').update('rules', undefined, vscode.ConfigurationTarget.Workspace);
  });

  it('turning a rule off in infraGuide.rules clears its diagnostics without reload, and back on restores them', async () => {
    const { doc } = await openDoc('Dockerfile');
    await waitForRule(doc.uri, PIN);
    const configured = await openDoc('configured', 'Dockerfile');
    await waitForRule(configured.doc.uri, PIN);
    await vscode.window.showTextDocument(doc);

    await vscode.workspace.getConfiguration('infraGuide').update('rules', { [PIN]: 'off' }, vscode.ConfigurationTarget.Workspace);
    assert.deepEqual(vscode.workspace.getConfiguration('infraGuide').get('rules'), { [PIN]: 'off' });
    await waitForNoRule(doc.uri, PIN);

    // Settings are layered under .infra-guide.yaml: the config file's `error` still wins there.
    const kept = diagnosticsFor(wsUri('configured', 'Dockerfile'), PIN);
    assert.equal(kept.length, 1, 'configured/.infra-guide.yaml overrides the editor setting');
    assert.equal(kept[0]!.severity, vscode.DiagnosticSeverity.Error);

    await vscode.workspace.getConfiguration('infraGuide').update('rules', undefined, vscode.ConfigurationTarget.Workspace);
    await waitForRule(doc.uri, PIN);
  });

  it('a severity set in infraGuide.rules takes effect', async () => {
    const { doc } = await openDoc('Dockerfile');
    await vscode.workspace.getConfiguration('infraGuide').update('rules', { [PIN]: 'info' }, vscode.ConfigurationTarget.Workspace);
    const [d] = await waitFor('pin-base-image-version as Information', () => {
      const ds = diagnosticsFor(doc.uri, PIN);
      return ds.length > 0 && ds[0]!.severity === vscode.DiagnosticSeverity.Information ? ds : undefined;
    });
    assert.equal(d!.severity, vscode.DiagnosticSeverity.Information);
  });
});
