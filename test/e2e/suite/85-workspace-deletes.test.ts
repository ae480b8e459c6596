import * as assert from 'node:assert/strict';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import * as vscode from 'vscode';
import { describeDiagnostics, ourDiagnostics, waitFor, waitForRule, wsUri } from '../host/helpers';

describe('check workspace: files deleted outside the editor', function () {
  this.timeout(90000);
  const folder = wsUri('deleted-later');
  const file = vscode.Uri.joinPath(folder, 'Dockerfile');
  const nested = vscode.Uri.joinPath(folder, 'gone', 'Dockerfile');
  const kept = vscode.Uri.joinPath(folder, 'kept', 'Dockerfile');

  after(() => rmSync(folder.fsPath, { recursive: true, force: true }));

  it('a file deleted with fs, and the files of a deleted folder, lose the diagnostics of the check', async () => {
    for (const u of [file, nested, kept]) {
      mkdirSync(vscode.Uri.joinPath(u, '..').fsPath, { recursive: true });
      writeFileSync(u.fsPath, 'FROM node\n');
    }
    await vscode.commands.executeCommand('infraGuide.checkWorkspace');
    for (const u of [file, nested, kept]) await waitForRule(u, 'dockerfile/pin-base-image-version', 30000);

    rmSync(file.fsPath);
    rmSync(vscode.Uri.joinPath(folder, 'gone').fsPath, { recursive: true });
    for (const u of [file, nested]) {
      await waitFor(() => `diagnostics of ${vscode.workspace.asRelativePath(u)} to go (have: ${describeDiagnostics(u)})`, () => ourDiagnostics(u).length === 0, 20000);
    }
    assert.ok(ourDiagnostics(kept).length > 0, 'a file still on disk keeps its diagnostics');
  });
});
