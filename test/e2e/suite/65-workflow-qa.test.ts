// Adversarial checks of the workflow commands (issue 6) in a real extension host: the
// "Before completing" record with a scratchpad that has unsaved edits or is deleted while the
// checklist runs, and an issue-list program that leaves a child holding its output open.
import * as assert from 'node:assert/strict';
import { chmodSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { closeAllEditors, note, sleep, waitFor, wsUri } from '../host/helpers';
import { runClearingNotifications, today } from './workflow-helpers';

const enc = new TextEncoder();
const dec = new TextDecoder();

const PAD_TEXT = '# #9067: QA pad\n\n## Objective\n\nSAVED TEXT\n\n## Before completing\n\n- [ ] Validate configuration syntax\n- [ ] Run infrastructure tests\n- [ ] Test in dev/staging first\n- [ ] Document any manual steps required\n- [ ] Update scratchpad and close issue\n';

describe('Workflow QA: Before completing', () => {
  const pad = wsUri('docs', 'scratchpads', '9067-qa-pad.md');

  // code-server defaults files.autoSave to afterDelay, which would save the unsaved edits itself.
  before(async () => {
    await vscode.workspace.getConfiguration('files').update('autoSave', 'off', vscode.ConfigurationTarget.Workspace);
    await waitFor('files.autoSave off', () => vscode.workspace.getConfiguration('files').get('autoSave') === 'off');
  });
  after(async () => {
    await vscode.workspace.getConfiguration('files').update('autoSave', undefined, vscode.ConfigurationTarget.Workspace);
  });

  afterEach(async () => {
    await closeAllEditors();
    await vscode.workspace.fs.delete(pad).then(undefined, () => undefined);
  });

  it('QA: keeps unsaved edits of the open scratchpad and leaves it unsaved', async () => {
    await vscode.workspace.fs.writeFile(pad, enc.encode(PAD_TEXT));
    const doc = await vscode.workspace.openTextDocument(pad);
    const editor = await vscode.window.showTextDocument(doc);
    await editor.edit((e) => e.insert(new vscode.Position(4, 0), 'UNSAVED LINE\n'));
    const cursor = new vscode.Position(4, 3);
    editor.selection = new vscode.Selection(cursor, cursor);
    assert.ok(doc.isDirty);
    const r = await runClearingNotifications<{ state: Record<string, { checked: boolean }> } | undefined>('infraGuide.beforeCompleting', { issue: 9067, items: ['staging'] });
    assert.ok(r, 'nothing recorded');
    assert.ok(doc.isDirty, 'the scratchpad with unsaved edits was saved');
    assert.ok(doc.getText().includes('UNSAVED LINE\nSAVED TEXT'), doc.getText());
    assert.ok(doc.getText().includes(`- [x] Test in dev/staging first — ✓ ${today()}`), doc.getText());
    assert.deepEqual(editor.selection.active, cursor, 'the cursor moved');
    const onDisk = dec.decode(await vscode.workspace.fs.readFile(pad));
    assert.equal(onDisk, PAD_TEXT, 'the file on disk changed');
    // Leave no dirty editor behind (closing it would ask to save).
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });

  it('QA: does not write back a scratchpad that the test task deleted (trusted only)', async function () {
    if (!vscode.workspace.isTrusted) this.skip();
    const tasksUri = wsUri('.vscode', 'tasks.json');
    const previous = await vscode.workspace.fs.readFile(tasksUri).then((b) => b, () => undefined);
    const tasksJson = {
      version: '2.0.0',
      tasks: [{ label: 'qa delete pad', type: 'process', command: process.execPath, args: ['-e', `require('fs').unlinkSync(${JSON.stringify(pad.fsPath)})`] }],
    };
    const cfg = vscode.workspace.getConfiguration('infraGuide');
    try {
      await vscode.workspace.fs.writeFile(tasksUri, enc.encode(JSON.stringify(tasksJson)));
      await waitFor('tasks.json task', async () => (await vscode.tasks.fetchTasks()).some((t) => t.name === 'qa delete pad'), 20000);
      await cfg.update('tests.task', 'qa delete pad', vscode.ConfigurationTarget.Workspace);
      await vscode.workspace.fs.writeFile(pad, enc.encode(PAD_TEXT));
      await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(pad));
      const r = await runClearingNotifications<unknown>('infraGuide.beforeCompleting', { issue: 9067, items: ['tests', 'staging'] });
      assert.equal(r, undefined, 'reported as recorded');
      await sleep(1000);
      assert.equal(existsSync(pad.fsPath), false, 'the deleted scratchpad was written back');
    } finally {
      await cfg.update('tests.task', undefined, vscode.ConfigurationTarget.Workspace);
      if (previous) await vscode.workspace.fs.writeFile(tasksUri, previous);
      else await vscode.workspace.fs.delete(tasksUri).then(undefined, () => undefined);
    }
  });
});

describe('Workflow QA: Show my assigned issues', () => {
  after(async () => {
    await vscode.workspace.getConfiguration('infraGuide').update('issueList.program', undefined, vscode.ConfigurationTarget.Global);
    await vscode.workspace.getConfiguration('infraGuide').update('issueList.args', undefined, vscode.ConfigurationTarget.Global);
  });

  it('QA: lists the issues of a program that exits leaving a child holding its output (trusted only)', async function () {
    if (!vscode.workspace.isTrusted) this.skip();
    const dir = mkdtempSync(join(tmpdir(), 'ig qa issues '));
    const pidFile = join(dir, 'child.pid');
    const program = join(dir, 'issue list.sh');
    writeFileSync(program, `#!/bin/sh\necho "#9067 QA pad"\nsleep 60 &\necho $! > '${pidFile}'\nexit 0\n`);
    chmodSync(program, 0o755);
    const cfg = vscode.workspace.getConfiguration('infraGuide');
    await cfg.update('issueList.program', program, vscode.ConfigurationTarget.Global);
    await cfg.update('issueList.args', [], vscode.ConfigurationTarget.Global);
    const t0 = Date.now();
    const r = await vscode.commands.executeCommand<{ issues: { number: number; title: string }[]; problem?: string }>('infraGuide.showAssignedIssues', { listOnly: true });
    const ms = Date.now() - t0;
    note(`    (listed in ${ms} ms: ${JSON.stringify(r)})`);
    try {
      process.kill(Number(readFileSync(pidFile, 'utf8')), 'SIGKILL');
    } catch {
      // gone
    }
    assert.deepEqual(r?.issues.map((i) => [i.number, i.title]), [[9067, 'QA pad']]);
    assert.ok(ms < 10000, `took ${ms} ms`);
  });
});
