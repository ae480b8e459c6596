import * as assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import * as vscode from 'vscode';
import { describeDiagnostics, ourDiagnostics, waitFor, waitForRule, wsUri } from '../host/helpers';

// The files are in the fixture workspace (test/e2e/fixtures/workspace/deleted-later), on disk
// before the host starts: code-server's disk watcher here covers a folder created during the
// run only after a while and meanwhile misses the changes in it (a test that created its files
// failed on missed events in most full runs).
describe('check workspace: files deleted outside the editor', function () {
  this.timeout(90000);
  const folder = wsUri('deleted-later');
  const file = vscode.Uri.joinPath(folder, 'Dockerfile');
  const gone = vscode.Uri.joinPath(folder, 'gone');
  const nested = vscode.Uri.joinPath(gone, 'Dockerfile');
  const kept = vscode.Uri.joinPath(folder, 'kept', 'Dockerfile');

  it('a file deleted with fs, and the files of a deleted folder, lose the diagnostics of the check', async () => {
    await vscode.commands.executeCommand('infraGuide.checkWorkspace');
    for (const u of [file, nested, kept]) await waitForRule(u, 'dockerfile/pin-base-image-version', 30000);

    rmSync(file.fsPath);
    rmSync(gone.fsPath, { recursive: true });
    for (const u of [file, nested]) {
      await waitFor(() => `diagnostics of ${vscode.workspace.asRelativePath(u)} to go (have: ${describeDiagnostics(u)})`, () => ourDiagnostics(u).length === 0, 20000);
    }
    assert.ok(ourDiagnostics(kept).length > 0, 'a file still on disk keeps its diagnostics');
  });
});
