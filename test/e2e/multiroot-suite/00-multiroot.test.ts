// A multi-root workspace (folders `api` and `web`, each with its own .infra-guide.yaml) in a real
// host: configuration is per folder, and the workflow commands work in the folder they are meant
// for — the active editor's, the one passed as argument, or the one the user picks.
import * as assert from 'node:assert/strict';
import { chmodSync, mkdtempSync, readFileSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { closeAllEditors, diagnosticsFor, ourDiagnostics, sleep, waitFor, waitForNoRule, waitForRule } from '../host/helpers';

const PIN = 'dockerfile/pin-base-image-version';
const LIMITS = 'kubernetes/set-resource-limits';

function folder(name: string): vscode.WorkspaceFolder {
  const f = vscode.workspace.workspaceFolders?.find((w) => w.name === name);
  assert.ok(f, `workspace folder ${name} missing (folders: ${vscode.workspace.workspaceFolders?.map((w) => w.name).join(', ')})`);
  return f;
}

async function open(uri: vscode.Uri): Promise<vscode.TextDocument> {
  const doc = await vscode.workspace.openTextDocument(uri);
  await vscode.window.showTextDocument(doc, { preview: false });
  return doc;
}

describe('multi-root workspace', () => {
  it('has the two folders of the .code-workspace file', () => {
    assert.deepEqual(vscode.workspace.workspaceFolders?.map((f) => f.name), ['api', 'web']);
    assert.ok(vscode.workspace.workspaceFile, 'opened as a workspace file');
  });

  it("lints each folder's files with that folder's .infra-guide.yaml", async () => {
    const api = vscode.Uri.joinPath(folder('api').uri, 'Dockerfile');
    const web = vscode.Uri.joinPath(folder('web').uri, 'Dockerfile');
    await open(api);
    await open(web);
    const [pinned] = await waitForRule(api, PIN);
    assert.equal(pinned!.severity, vscode.DiagnosticSeverity.Error, 'api/.infra-guide.yaml makes the rule an error');
    // The same text in web: other rules report, the pinning rule is off there.
    await waitFor('diagnostics of web/Dockerfile', () => ourDiagnostics(web).length > 0);
    assert.deepEqual(diagnosticsFor(web, PIN), []);
    await closeAllEditors();
  });

  describe('Show my assigned issues', () => {
    let stubDir: string;
    let cwdFile: string;
    const cwdOfLastRun = () => realpathSync(readFileSync(cwdFile, 'utf8').trim());

    before(async () => {
      stubDir = mkdtempSync(join(tmpdir(), 'infra-guide-multiroot-stub-'));
      cwdFile = join(stubDir, 'cwd.txt');
      const stub = join(stubDir, 'issue-list.sh');
      // Records the directory it runs in and prints a gh-like list.
      writeFileSync(stub, `#!/bin/sh\npwd > '${cwdFile}'\necho '[{"number":67,"title":"Configure Redis cluster","labels":[],"state":"OPEN"}]'\n`);
      chmodSync(stub, 0o755);
      await vscode.workspace.getConfiguration('infraGuide').update('issueList.program', stub, vscode.ConfigurationTarget.Global);
    });

    after(async () => {
      await vscode.workspace.getConfiguration('infraGuide').update('issueList.program', undefined, vscode.ConfigurationTarget.Global);
      rmSync(stubDir, { recursive: true, force: true });
    });

    it("runs the program in the active editor's folder", async () => {
      await open(vscode.Uri.joinPath(folder('web').uri, 'Dockerfile'));
      const r = await vscode.commands.executeCommand<{ issues: unknown[] }>('infraGuide.showAssignedIssues', { listOnly: true });
      assert.equal(r?.issues.length, 1);
      assert.equal(cwdOfLastRun(), realpathSync(folder('web').uri.fsPath));
      await closeAllEditors();
    });

    it('runs it in the folder given as argument, and refuses one outside the workspace', async () => {
      const r = await vscode.commands.executeCommand<{ issues: unknown[] }>('infraGuide.showAssignedIssues', { listOnly: true, folder: folder('api').uri });
      assert.equal(r?.issues.length, 1);
      assert.equal(cwdOfLastRun(), realpathSync(folder('api').uri.fsPath));
      rmSync(cwdFile);
      const outside = await vscode.commands.executeCommand<{ issues: unknown[]; problem?: string }>('infraGuide.showAssignedIssues', { listOnly: true, folder: tmpdir() });
      assert.deepEqual(outside?.issues, []);
      assert.match(outside?.problem ?? '', /not a folder of this workspace/);
      // A folder-shaped object is checked too, not taken at its word.
      const shaped = await vscode.commands.executeCommand<{ issues: unknown[]; problem?: string }>('infraGuide.showAssignedIssues', {
        listOnly: true,
        folder: { uri: vscode.Uri.file(tmpdir()), index: 0, name: 'api' },
      });
      assert.match(shaped?.problem ?? '', /not a folder of this workspace/);
      assert.throws(() => readFileSync(cwdFile), 'the program ran for a folder outside the workspace');
    });

    it('with no active editor, asks which folder, then lists that repository\'s issues', async () => {
      await closeAllEditors();
      const run = vscode.commands.executeCommand<{ issue?: { number: number }; action?: string }>('infraGuide.showAssignedIssues');
      await sleep(1500);
      await vscode.commands.executeCommand('workbench.action.quickOpenSelectNext'); // api → web
      await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
      await sleep(1500);
      await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem'); // #67
      await sleep(800);
      await vscode.commands.executeCommand('workbench.action.quickOpenSelectNext');
      await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem'); // Copy branch name
      const r = await run;
      assert.equal(r?.issue?.number, 67);
      assert.equal(r?.action, 'copyBranchName');
      assert.equal(cwdOfLastRun(), realpathSync(folder('web').uri.fsPath));
      await vscode.commands.executeCommand('notifications.clearAll');
    });
  });

  it("offers the commit types of the folder's .infra-guide.yaml", async () => {
    const insert = (folderName: string, type: string) =>
      vscode.commands.executeCommand<{ message: string } | undefined>('infraGuide.insertCommitMessage', {
        issue: 5,
        title: 'Add VPC',
        type,
        folder: folder(folderName).uri,
        replace: true,
      });
    assert.match((await insert('api', 'infra'))?.message ?? '', /^infra\(#5\): Add VPC\n/);
    // `feat` is not a type in api (its config says infra, ops), but is one in web (the defaults).
    assert.equal(await insert('api', 'feat'), undefined);
    await vscode.commands.executeCommand('notifications.clearAll');
    assert.match((await insert('web', 'feat'))?.message ?? '', /^feat\(#5\): Add VPC\n/);
    assert.equal(await insert('web', 'infra'), undefined);
    await vscode.commands.executeCommand('notifications.clearAll');
  });

  it('treats a file as a Kustomize patch once a kustomization lists it, and no more once removed', async () => {
    const dir = vscode.Uri.joinPath(folder('web').uri, 'overlay');
    const patch = vscode.Uri.joinPath(dir, 'app.yaml');
    const kustomization = vscode.Uri.joinPath(dir, 'kustomization.yaml');
    const enc = new TextEncoder();
    await vscode.workspace.fs.writeFile(
      patch,
      enc.encode('apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: app\nspec:\n  template:\n    spec:\n      containers:\n        - name: app\n          image: registry.example.com/app:1.4.2\n'),
    );
    await open(patch);
    // A plain manifest: the base's fields are missing.
    await waitForRule(patch, LIMITS);
    // Listed as a patch (the kustomization written on disk, seen through the file watcher): the
    // base holds those fields, so they are not missing here.
    await vscode.workspace.fs.writeFile(kustomization, enc.encode('resources:\n  - ../base\npatches:\n  - path: app.yaml\n'));
    await waitForNoRule(patch, LIMITS);
    await vscode.workspace.fs.delete(kustomization);
    await waitForRule(patch, LIMITS);
    await closeAllEditors();
    await vscode.workspace.fs.delete(dir, { recursive: true });
  });

  it('creates a scratchpad in the folder given as argument', async () => {
    const r = await vscode.commands.executeCommand<{ uri: vscode.Uri; created: boolean }>('infraGuide.createScratchpad', {
      issue: 12,
      title: 'Add readiness probes',
      shortName: 'readiness-probes',
      folder: folder('web').uri,
    });
    assert.ok(r?.created);
    assert.equal(r.uri.toString(), vscode.Uri.joinPath(folder('web').uri, 'docs', 'scratchpads', '12-readiness-probes.md').toString());
    await closeAllEditors();
  });
});
