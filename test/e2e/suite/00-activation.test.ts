import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { EXTENSION_ID, getExtension, openDoc, waitFor, note } from '../host/helpers';

describe('activation', () => {
  it(`extension ${EXTENSION_ID} is installed and matches the host`, () => {
    const ext = getExtension();
    const engines = (ext.packageJSON as { engines?: { vscode?: string } }).engines?.vscode;
    assert.equal(engines, '^1.100.0', 'engines.vscode must be satisfiable by the VS Code 1.100 test host');
    assert.match(vscode.version, /^1\.\d+\.\d+/);
    note(`    (VS Code ${vscode.version}, extension at ${ext.extensionPath})`);
  });

  it('is not active before a Dockerfile is opened', () => {
    const ext = getExtension();
    assert.equal(ext.isActive, false, 'the extension activated without any infrastructure file open (activationEvents too broad?)');
  });

  it('activates when a Dockerfile is opened', async () => {
    const ext = getExtension();
    const { doc } = await openDoc('Dockerfile');
    assert.equal(doc.languageId, 'dockerfile');
    await waitFor('extension activation', () => ext.isActive, 15000);
    // Activation must have succeeded, not thrown: exports are whatever activate() returned.
    assert.equal(ext.isActive, true);
  });
});
