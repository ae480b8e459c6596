// Prompts and context shared by the workflow commands: which workspace folder, which issue.
import * as vscode from 'vscode';
import { checkArgs, type ArgSpec } from './args';
import { issueNumberFromBranch } from './branch';
import { branchFromHeadFile, gitApi, repositoryFor } from './git';
import { SCRATCHPAD_DIR, findExistingScratchpad, issueOfScratchpadPath, listScratchpadNames, parseIssueNumber, validateIssueNumber } from './scratchpad';

export const PREFIX = 'Infra Guide';

/** A workspace folder given as a Uri, a path string or a folder; undefined if not one of ours. */
export function folderFromArg(arg: unknown): vscode.WorkspaceFolder | undefined {
  if (!arg) return undefined;
  if (typeof arg === 'object' && arg !== null && 'uri' in arg && 'index' in arg) {
    // Folder-shaped objects are resolved too: only a real folder of this workspace is taken.
    const uri = (arg as { uri: unknown }).uri;
    const folder = uri instanceof vscode.Uri ? vscode.workspace.getWorkspaceFolder(uri) : undefined;
    return folder && folder.uri.toString() === uri!.toString() ? folder : undefined;
  }
  const uri = typeof arg === 'string' ? (arg.includes('://') ? vscode.Uri.parse(arg) : vscode.Uri.file(arg)) : arg instanceof vscode.Uri ? arg : undefined;
  return uri ? vscode.workspace.getWorkspaceFolder(uri) : undefined;
}

/** The folder to work in: the argument, the only folder, the active editor's, or a picker. */
export async function pickFolder(arg: unknown, purpose: string): Promise<vscode.WorkspaceFolder | undefined> {
  const given = folderFromArg(arg);
  if (given) return given;
  const folders = vscode.workspace.workspaceFolders ?? [];
  if (folders.length === 0) {
    void vscode.window.showWarningMessage(`${PREFIX}: open a folder first (${purpose} needs a workspace folder).`);
    return undefined;
  }
  if (folders.length === 1) return folders[0];
  return vscode.window.showWorkspaceFolderPick({ placeHolder: `Workspace folder for ${purpose}`, ignoreFocusOut: true });
}

/** The current branch of a folder: Git API first, `.git/HEAD` otherwise. */
export async function currentBranch(folder: vscode.WorkspaceFolder | undefined, log?: vscode.LogOutputChannel): Promise<string | undefined> {
  if (!folder) return undefined;
  const api = await gitApi(log);
  const repo = api ? repositoryFor(api, folder.uri) : undefined;
  return repo?.state.HEAD?.name ?? (await branchFromHeadFile(folder.uri));
}

/** Issue number from the active editor's scratchpad path, if one is open. */
export function issueOfActiveScratchpad(): number | undefined {
  const doc = vscode.window.activeTextEditor?.document;
  return doc && doc.uri.scheme !== 'untitled' ? issueOfScratchpadPath(doc.uri.path) : undefined;
}

export async function askIssueNumber(prefill?: number, prompt = 'Issue number'): Promise<number | undefined> {
  const v = await vscode.window.showInputBox({
    title: `${PREFIX}: ${prompt}`,
    prompt: 'The issue number, e.g. 67',
    value: prefill ? String(prefill) : '',
    ignoreFocusOut: true,
    validateInput: validateIssueNumber,
  });
  return v === undefined ? undefined : parseIssueNumber(v);
}

export async function askTitle(issue: number, prefill = ''): Promise<string | undefined> {
  const v = await vscode.window.showInputBox({
    title: `${PREFIX}: Title of issue #${issue}`,
    prompt: 'The issue title, e.g. Configure Redis cluster',
    value: prefill,
    ignoreFocusOut: true,
    validateInput: (s) => (s.trim() === '' ? 'Enter the issue title.' : undefined),
  });
  return v === undefined ? undefined : v.trim();
}

export function scratchpadDir(folder: vscode.WorkspaceFolder): vscode.Uri {
  return vscode.Uri.joinPath(folder.uri, ...SCRATCHPAD_DIR.split('/'));
}

/**
 * Names in docs/scratchpads (files only); [] when the folder does not exist. Throws when it exists
 * but can't be listed (never taken as "no scratchpads").
 */
export async function listScratchpads(folder: vscode.WorkspaceFolder): Promise<string[]> {
  const dir = scratchpadDir(folder);
  return listScratchpadNames({
    // stat first: reading a missing folder makes the host log a warning with a stack trace.
    isDirectory: async () => {
      try {
        return ((await vscode.workspace.fs.stat(dir)).type & vscode.FileType.Directory) !== 0;
      } catch {
        return undefined;
      }
    },
    fileNames: async () => (await vscode.workspace.fs.readDirectory(dir)).filter(([, t]) => (t & vscode.FileType.File) !== 0).map(([n]) => n),
  });
}

export async function existingScratchpad(folder: vscode.WorkspaceFolder, issue: number): Promise<vscode.Uri | undefined> {
  const name = findExistingScratchpad(await listScratchpads(folder), issue);
  return name ? vscode.Uri.joinPath(scratchpadDir(folder), name) : undefined;
}

/** The issue number in context: branch name, then the open scratchpad; undefined if neither. */
export async function contextIssue(folder: vscode.WorkspaceFolder | undefined, log?: vscode.LogOutputChannel): Promise<{ issue: number; from: 'branch' | 'scratchpad' } | undefined> {
  const fromBranch = issueNumberFromBranch(await currentBranch(folder, log));
  if (fromBranch) return { issue: fromBranch, from: 'branch' };
  const fromPad = issueOfActiveScratchpad();
  if (fromPad) return { issue: fromPad, from: 'scratchpad' };
  return undefined;
}

/**
 * A command's argument object checked against its spec (args.ts); a wrong-typed value is
 * reported ("Infra Guide: Create scratchpad: invalid argument "title": …") and gives undefined.
 */
export function commandArgs<T>(rawArgs: unknown, spec: ArgSpec, command: string): T | undefined {
  const r = checkArgs(rawArgs, spec);
  if (r.problem !== undefined) {
    void vscode.window.showErrorMessage(`${PREFIX}: ${command}: ${r.problem}`);
    return undefined;
  }
  return r.args as T;
}

export function errorText(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}
