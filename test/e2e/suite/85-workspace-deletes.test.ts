import * as assert from 'node:assert/strict';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import * as vscode from 'vscode';
import { describeDiagnostics, ourDiagnostics, waitFor, waitForRule, wsUri } from '../host/helpers';

/**
 * The host's file events for the paths under `folder` seen so far. VS Code's disk watcher takes a
 * moment to cover a folder created just now and may miss its first changes (code-server's here
 * missed deletions that way); the test waits until the host reports the folders' and files'
 * creation, so that their deletion is reported too.
 */
function watchEvents(folder: vscode.Uri): { seen: Set<string>; dispose: () => void } {
  const seen = new Set<string>();
  const w = vscode.workspace.createFileSystemWatcher(new vscode.RelativePattern(folder, '**/*'));
  w.onDidCreate((u) => seen.add(`create ${u.fsPath}`));
  w.onDidDelete((u) => seen.add(`delete ${u.fsPath}`));
  return { seen, dispose: () => w.dispose() };
}

describe('check workspace: files deleted outside the editor', function () {
  this.timeout(90000);
  const folder = wsUri('deleted-later');
  const file = vscode.Uri.joinPath(folder, 'Dockerfile');
  const gone = vscode.Uri.joinPath(folder, 'gone');
  const nested = vscode.Uri.joinPath(gone, 'Dockerfile');
  const kept = vscode.Uri.joinPath(folder, 'kept', 'Dockerfile');

  after(() => rmSync(folder.fsPath, { recursive: true, force: true }));

  it('a file deleted with fs, and the files of a deleted folder, lose the diagnostics of the check', async () => {
    mkdirSync(folder.fsPath, { recursive: true });
    const events = watchEvents(folder);
    const reported = async (what: string, uris: vscode.Uri[]): Promise<unknown> =>
      waitFor(() => `the host to report ${what} created (saw: ${[...events.seen].join(', ') || 'nothing'})`, () => uris.every((u) => events.seen.has(`create ${u.fsPath}`)), 20000);
    try {
      // Folders first: a watcher that follows new folders one by one misses files written into a
      // folder before it watches it.
      const folders = [gone, vscode.Uri.joinPath(kept, '..')];
      for (const f of folders) mkdirSync(f.fsPath);
      await reported('the folders', folders);
      for (const u of [file, nested, kept]) writeFileSync(u.fsPath, 'FROM node\n');
      await reported('the files', [file, nested, kept]);
      await vscode.commands.executeCommand('infraGuide.checkWorkspace');
      for (const u of [file, nested, kept]) await waitForRule(u, 'dockerfile/pin-base-image-version', 30000);

      rmSync(file.fsPath);
      rmSync(gone.fsPath, { recursive: true });
      for (const u of [file, nested]) {
        await waitFor(
          () => `diagnostics of ${vscode.workspace.asRelativePath(u)} to go (have: ${describeDiagnostics(u)}; host events: ${[...events.seen].filter((e) => e.startsWith('delete')).join(', ') || 'none'})`,
          () => ourDiagnostics(u).length === 0,
          20000,
        );
      }
      assert.ok(ourDiagnostics(kept).length > 0, 'a file still on disk keeps its diagnostics');
    } finally {
      events.dispose();
    }
  });
});
