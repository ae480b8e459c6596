// "Infra Guide: Before completing checklist": the guide's "Before Completing" list as a
// multi-select quick pick. Ticking "Validate configuration syntax" runs Infra Guide's own
// workspace check; "Run infrastructure tests" runs the task named by `infraGuide.tests.task`.
// The resulting ticks are recorded, dated, in the issue's scratchpad (an open editor's unsaved
// text is kept: the change goes through a workspace edit; a scratchpad deleted meanwhile is not
// written back).
import * as vscode from 'vscode';
import { readChecklist, type ChecklistState, type ItemState } from './checklist';
import { recordInScratchpad } from './checklist-record';
import { parseIssueNumber } from './scratchpad';
import { BEFORE_COMPLETING_ITEMS, isoDate, type ChecklistItemId } from './template';
import { PREFIX, askIssueNumber, commandArgs, contextIssue, existingScratchpad, pickFolder } from './ui';
import { describeTaskOutcome, runTaskToEnd } from './task-run';

export interface BeforeCompletingArgs {
  issue?: number | string;
  folder?: unknown;
  /** The ticked items (skips the quick pick). */
  items?: ChecklistItemId[];
}

export interface BeforeCompletingResult {
  scratchpad: vscode.Uri;
  state: ChecklistState;
}

interface CheckWorkspaceResult {
  files: number;
  findings: number;
  errors: number;
  warnings: number;
  infos: number;
}

const DETAILS: Record<ChecklistItemId, string> = {
  validate: 'Runs "Infra Guide: Check workspace" and shows the result',
  tests: 'Runs the task named by the infraGuide.tests.task setting',
  staging: 'Confirm: deployed and tested in dev/staging before production',
  manual: 'Confirm: manual steps are written down (runbook, scratchpad, README)',
  scratchpad: 'Confirm: the scratchpad is up to date and the issue can be closed',
};

async function runValidation(log: vscode.LogOutputChannel): Promise<ItemState> {
  let r: CheckWorkspaceResult | undefined;
  try {
    r = await vscode.commands.executeCommand<CheckWorkspaceResult | undefined>('infraGuide.checkWorkspace');
  } catch (e) {
    log.warn(`before completing: checkWorkspace failed: ${String(e)}`);
  }
  if (!r || typeof r.errors !== 'number') {
    void vscode.window.showWarningMessage(`${PREFIX}: the configuration check did not run; "Validate configuration syntax" stays unticked.`);
    return { checked: false };
  }
  const note = `${r.errors} error(s), ${r.warnings} warning(s) in ${r.files} file(s)`;
  if (r.errors > 0) {
    void vscode.window.showWarningMessage(`${PREFIX}: the configuration check found ${note}; "Validate configuration syntax" stays unticked. See the Problems panel.`);
    return { checked: false, note };
  }
  return { checked: true, note };
}

async function runTests(folder: vscode.WorkspaceFolder, log: vscode.LogOutputChannel): Promise<ItemState> {
  const name = (vscode.workspace.getConfiguration('infraGuide', folder.uri).get<string>('tests.task') ?? '').trim();
  if (!name) {
    void vscode.window.showInformationMessage(`${PREFIX}: recorded "Run infrastructure tests" as confirmed. Set infraGuide.tests.task to have it run your test task.`);
    return { checked: true, note: 'confirmed (no test task configured)' };
  }
  if (!vscode.workspace.isTrusted) {
    void vscode.window.showWarningMessage(`${PREFIX}: tasks do not run in an untrusted workspace; "Run infrastructure tests" stays unticked.`);
    return { checked: false };
  }
  const task = (await vscode.tasks.fetchTasks()).find((t) => t.name === name && (t.scope === folder || typeof t.scope !== 'object' || t.scope.uri.toString() === folder.uri.toString()));
  if (!task) {
    void vscode.window.showErrorMessage(`${PREFIX}: no task named "${name}" (infraGuide.tests.task); "Run infrastructure tests" stays unticked.`);
    return { checked: false, note: `task "${name}" not found` };
  }
  log.info(`before completing: running task ${name}`);
  // A task that never ends (a watcher not marked as background) can always be stopped from here.
  const outcome = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: `${PREFIX}: running the test task "${name}"…`, cancellable: true },
    (_progress, token) => {
      const abort = new AbortController();
      token.onCancellationRequested(() => abort.abort());
      return runTaskToEnd(vscode.tasks, task, abort.signal);
    },
  );
  const r = describeTaskOutcome(name, outcome);
  log.info(`before completing: ${r.message}`);
  if (!r.passed) void vscode.window.showWarningMessage(`${PREFIX}: ${r.message}; "Run infrastructure tests" stays unticked.`);
  return { checked: r.passed, note: r.note };
}

export async function beforeCompleting(log: vscode.LogOutputChannel, rawArgs?: unknown): Promise<BeforeCompletingResult | undefined> {
  const args = commandArgs<BeforeCompletingArgs>(rawArgs, { issue: 'issue', folder: 'any', items: 'string[]' }, 'Before completing');
  if (!args) return undefined;
  const folder = await pickFolder(args.folder, 'the checklist');
  if (!folder) return undefined;
  let issue = args.issue !== undefined ? parseIssueNumber(args.issue) : (await contextIssue(folder, log))?.issue;
  if (args.issue !== undefined && issue === undefined) {
    void vscode.window.showErrorMessage(`${PREFIX}: "${String(args.issue)}" is not an issue number.`);
    return undefined;
  }
  issue ??= await askIssueNumber(undefined, 'Before completing: issue number');
  if (issue === undefined) return undefined;

  const pad = await existingScratchpad(folder, issue);
  if (!pad) {
    const c = await vscode.window.showWarningMessage(`${PREFIX}: issue #${issue} has no scratchpad in docs/scratchpads to record the checklist in.`, 'Create scratchpad');
    if (c) await vscode.commands.executeCommand('infraGuide.createScratchpad', { issue, folder: folder.uri });
    return undefined;
  }
  const doc = await vscode.workspace.openTextDocument(pad);
  const current = readChecklist(doc.getText());

  let ticked: Set<ChecklistItemId>;
  if (args.items) {
    ticked = new Set(args.items.filter((i) => BEFORE_COMPLETING_ITEMS.some((x) => x.id === i)));
  } else {
    const items = BEFORE_COMPLETING_ITEMS.map((i) => ({ label: i.label, detail: DETAILS[i.id], picked: current[i.id], id: i.id }));
    const picked = await vscode.window.showQuickPick(items, {
      title: `${PREFIX}: Before completing #${issue}`,
      placeHolder: 'Tick what is done (checks run for the first two), then press Enter',
      canPickMany: true,
      ignoreFocusOut: true,
    });
    if (!picked) return undefined;
    ticked = new Set(picked.map((p) => p.id));
  }

  const state: ChecklistState = {};
  for (const item of BEFORE_COMPLETING_ITEMS) {
    if (!ticked.has(item.id)) state[item.id] = { checked: false };
    else if (item.id === 'validate') state[item.id] = await runValidation(log);
    else if (item.id === 'tests') state[item.id] = await runTests(folder, log);
    else state[item.id] = { checked: true };
  }

  const rel = vscode.workspace.asRelativePath(pad);
  let padDoc: vscode.TextDocument | undefined;
  let version = -1;
  const outcome = await recordInScratchpad(
    {
      exists: async () => {
        try {
          await vscode.workspace.fs.stat(pad);
          return true;
        } catch {
          return false;
        }
      },
      read: async () => {
        padDoc = await vscode.workspace.openTextDocument(pad);
        version = padDoc.version;
        return { text: padDoc.getText(), isDirty: padDoc.isDirty };
      },
      replace: async (start, end, text) => {
        // Offsets are into the text read: refused if the user typed since (then redone).
        if (padDoc!.version !== version) return false;
        const edit = new vscode.WorkspaceEdit();
        edit.replace(pad, new vscode.Range(padDoc!.positionAt(start), padDoc!.positionAt(end)), text);
        return Promise.resolve(vscode.workspace.applyEdit(edit));
      },
      save: () => Promise.resolve(padDoc!.save()),
    },
    state,
    isoDate(),
  );
  if (outcome === 'deleted') {
    void vscode.window.showWarningMessage(`${PREFIX}: ${rel} was deleted meanwhile; the checklist of #${issue} was not recorded.`);
    return undefined;
  }
  if (outcome === 'failed') {
    void vscode.window.showErrorMessage(`${PREFIX}: could not update ${rel}.`);
    return undefined;
  }
  const done = BEFORE_COMPLETING_ITEMS.filter((i) => state[i.id]?.checked).length;
  void vscode.window.showInformationMessage(`${PREFIX}: #${issue}: ${done}/${BEFORE_COMPLETING_ITEMS.length} done, recorded in ${rel}.`);
  return { scratchpad: pad, state };
}
