// "Infra Guide: Show my assigned issues": runs the configured issue-list program with execFile
// (no shell; only a leading `~` is expanded, by us), parses its output into a quick pick and
// offers actions on the picked issue. Programs are never run in an untrusted workspace; when the
// program is missing or fails, the user is told why and can type the issue number and title.
import * as vscode from 'vscode';
import { homedir } from 'node:os';
import { branchNameFor } from './branch';
import { describeOutcome, runProgram, type ProgramOutcome } from './issue-program';
import { expandHome, parseIssueList, type Issue } from './issues';
import { redactArgs, redactForLog } from './redact';
import { slugify } from './slug';
import { PREFIX, askIssueNumber, askTitle, commandArgs, folderFromArg, pickFolder } from './ui';

export const DEFAULT_PROGRAM = '~/.mosaic/rails/git/issue-list.sh';
export const DEFAULT_ARGS = ['-a', '@me'];

export type IssueAction = 'createScratchpad' | 'copyBranchName' | 'insertCommitMessage';

export interface ShowIssuesResult {
  /** Where the issue came from: the program's list, or typed by the user after a fallback. */
  source: 'program' | 'manual';
  /** Issues the program listed (empty after a fallback). */
  issues: Issue[];
  /** Why the program was not used, when it was not. */
  problem?: string;
  issue?: Issue;
  action?: IssueAction;
}

export interface ShowIssuesArgs {
  /** Run the program and return its issues without showing any UI (for tests and other commands). */
  listOnly?: boolean;
  /** The workspace folder (URI or path) whose repository the program lists issues of. */
  folder?: unknown;
}

interface RunResult {
  issues?: Issue[];
  problem?: string;
  /** The user cancelled the run: nothing more is to be shown. */
  cancelled?: boolean;
}

function settings(): { program: string; args: string[] } {
  const cfg = vscode.workspace.getConfiguration('infraGuide');
  const program = (cfg.get<string>('issueList.program') ?? DEFAULT_PROGRAM).trim() || DEFAULT_PROGRAM;
  const raw = cfg.get<unknown>('issueList.args');
  const args = Array.isArray(raw) && raw.every((a) => typeof a === 'string') ? (raw as string[]) : DEFAULT_ARGS;
  return { program, args };
}

const TIMEOUT_MS = 30000;
const MAX_OUTPUT = 8 * 1024 * 1024;

async function runIssueProgram(program: string, args: string[], cwd: string | undefined, log: vscode.LogOutputChannel, token?: vscode.CancellationToken): Promise<RunResult> {
  const file = expandHome(program, homedir());
  log.info(`issue list: ${JSON.stringify([file, ...redactArgs(args)])}${cwd ? ` in ${cwd}` : ''}`);
  const abort = new AbortController();
  const sub = token?.onCancellationRequested(() => abort.abort());
  if (token?.isCancellationRequested) abort.abort();
  let r: ProgramOutcome;
  try {
    r = await runProgram(file, args, { cwd, timeoutMs: TIMEOUT_MS, maxBuffer: MAX_OUTPUT, signal: abort.signal });
  } finally {
    sub?.dispose();
  }
  const outcome = describeOutcome(file, r);
  if (outcome.cancelled) log.info('issue list: cancelled');
  else if (outcome.problem) log.warn(`issue list: ${outcome.problem}${'stderr' in r && r.stderr ? `\n${redactForLog(r.stderr)}` : ''}`);
  if (r.kind !== 'exited' || outcome.problem) return outcome;
  if (r.stderr.trim()) log.info(`issue list stderr: ${redactForLog(r.stderr.trim())}`);
  const issues = parseIssueList(r.stdout);
  log.info(`issue list: ${issues.length} issue(s) parsed from ${r.stdout.length} byte(s)`);
  return issues.length || r.stdout.trim() === '' ? { issues } : { issues, problem: `no issues could be read from the output of ${file}` };
}

/** The issues of the configured program; `problem` says why there are none to show. */
export async function listIssues(folder: vscode.WorkspaceFolder | undefined, log: vscode.LogOutputChannel, token?: vscode.CancellationToken): Promise<RunResult> {
  if (!vscode.workspace.isTrusted) {
    return { problem: 'running the issue-list program is disabled in an untrusted workspace (Restricted Mode)' };
  }
  const { program, args } = settings();
  return runIssueProgram(program, args, folder?.uri.scheme === 'file' ? folder.uri.fsPath : undefined, log, token);
}

async function manualIssue(problem: string): Promise<Issue | undefined> {
  const choice = await vscode.window.showWarningMessage(
    `${PREFIX}: ${problem}. Type the issue number and title instead?`,
    'Type issue',
    ...(vscode.workspace.isTrusted ? ['Open settings'] : ['Manage Workspace Trust']),
  );
  if (choice === 'Open settings') {
    void vscode.commands.executeCommand('workbench.action.openSettings', 'infraGuide.issueList');
    return undefined;
  }
  if (choice === 'Manage Workspace Trust') {
    void vscode.commands.executeCommand('workbench.trust.manage');
    return undefined;
  }
  if (choice !== 'Type issue') return undefined;
  const number = await askIssueNumber(undefined, 'Issue number');
  if (number === undefined) return undefined;
  const title = await askTitle(number);
  if (!title) return undefined;
  return { number, title, labels: [] };
}

interface IssueItem extends vscode.QuickPickItem {
  issue: Issue;
}

async function pickIssue(issues: Issue[]): Promise<Issue | undefined> {
  const items: IssueItem[] = issues.map((i) => ({
    label: `#${i.number}`,
    description: i.title,
    detail: [i.state, i.labels.length ? i.labels.join(', ') : undefined].filter(Boolean).join(' · ') || undefined,
    issue: i,
  }));
  const picked = await vscode.window.showQuickPick(items, {
    title: `${PREFIX}: My assigned issues (${issues.length})`,
    placeHolder: 'Pick an issue',
    matchOnDescription: true,
    matchOnDetail: true,
    ignoreFocusOut: true,
  });
  return picked?.issue;
}

async function pickAction(issue: Issue): Promise<IssueAction | undefined> {
  const branch = branchNameFor(issue.number, slugify(issue.title));
  const items: (vscode.QuickPickItem & { action: IssueAction })[] = [
    { label: '$(notebook) Create scratchpad', description: `docs/scratchpads/${issue.number}-…md`, action: 'createScratchpad' },
    { label: '$(git-branch) Copy branch name', description: branch, action: 'copyBranchName' },
    { label: '$(git-commit) Insert commit message', description: `…(#${issue.number}): ${issue.title}`, action: 'insertCommitMessage' },
  ];
  const picked = await vscode.window.showQuickPick(items, { title: `${PREFIX}: #${issue.number} ${issue.title}`, placeHolder: 'What to do with this issue', ignoreFocusOut: true });
  return picked?.action;
}

/**
 * The folder the issue-list program runs in, since programs like `gh issue list` answer for the
 * repository of their working directory: the `folder` argument, the only workspace folder, or the
 * active editor's. With several folders and no active one the user picks (a list-only call, which
 * shows no UI, takes the first). No folder at all: the program runs where the editor was started.
 */
async function issueListFolder(args: ShowIssuesArgs): Promise<{ folder?: vscode.WorkspaceFolder; cancelled?: boolean; problem?: string }> {
  if (args.folder !== undefined) {
    const given = folderFromArg(args.folder);
    return given ? { folder: given } : { problem: '`folder` is not a folder of this workspace' };
  }
  const folders = vscode.workspace.workspaceFolders ?? [];
  if (folders.length <= 1) return { folder: folders[0] };
  const active = vscode.window.activeTextEditor?.document.uri;
  const activeFolder = active ? vscode.workspace.getWorkspaceFolder(active) : undefined;
  if (activeFolder) return { folder: activeFolder };
  if (args.listOnly) return { folder: folders[0] };
  const picked = await vscode.window.showWorkspaceFolderPick({ placeHolder: 'Workspace folder whose issues to list', ignoreFocusOut: true });
  return picked ? { folder: picked } : { cancelled: true };
}

export async function showAssignedIssues(log: vscode.LogOutputChannel, rawArgs?: unknown): Promise<ShowIssuesResult | undefined> {
  const args = commandArgs<ShowIssuesArgs>(rawArgs, { listOnly: 'boolean', folder: 'any' }, 'Show my assigned issues');
  if (!args) return undefined;
  const where = await issueListFolder(args);
  if (where.problem) {
    if (!args.listOnly) void vscode.window.showErrorMessage(`${PREFIX}: Show my assigned issues: ${where.problem}`);
    return { source: 'program', issues: [], problem: where.problem };
  }
  if (where.cancelled) return undefined;
  const folder = where.folder;

  const listed = await vscode.window.withProgress(
    // A notification: the only place VS Code shows a Cancel button, for a program that hangs.
    { location: vscode.ProgressLocation.Notification, title: 'Infra Guide: listing assigned issues…', cancellable: true },
    (_p, token) => listIssues(folder, log, token),
  );
  if (listed.cancelled) return { source: 'program', issues: [], problem: 'cancelled' };
  const issues = listed.issues ?? [];
  if (args.listOnly) return { source: 'program', issues, ...(listed.problem ? { problem: listed.problem } : {}) };

  let result: ShowIssuesResult;
  if (issues.length > 0) {
    const issue = await pickIssue(issues);
    if (!issue) return { source: 'program', issues };
    result = { source: 'program', issues, issue };
  } else {
    const problem = listed.problem ?? 'the issue-list program lists no issues assigned to you';
    const issue = await manualIssue(problem);
    if (!issue) return { source: 'manual', issues: [], problem };
    result = { source: 'manual', issues: [], problem, issue };
  }

  const action = await pickAction(result.issue!);
  if (!action) return result;
  result.action = action;
  const issue = result.issue!;
  if (action === 'copyBranchName') {
    const branch = branchNameFor(issue.number, slugify(issue.title));
    await vscode.env.clipboard.writeText(branch);
    void vscode.window.showInformationMessage(`${PREFIX}: copied branch name ${branch}`);
  } else if (action === 'createScratchpad') {
    const target = await pickFolder(folder, 'the scratchpad');
    if (target) await vscode.commands.executeCommand('infraGuide.createScratchpad', { issue: issue.number, title: issue.title, folder: target.uri, ...(issue.url ? { url: issue.url } : {}) });
  } else {
    await vscode.commands.executeCommand('infraGuide.insertCommitMessage', { issue: issue.number, title: issue.title });
  }
  return result;
}
