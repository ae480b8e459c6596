// "Infra Guide: Create scratchpad for issue": docs/scratchpads/{issue-number}-{short-name}.md.
// Never overwrites: an existing scratchpad of the issue (any short name) is opened instead, and
// the file is created with an exclusive write, so a concurrent creation can't be clobbered.
import * as vscode from 'vscode';
import { promises as fsp } from 'node:fs';
import { branchNameFor, issueNumberFromBranch } from './branch';
import { cleanText } from './issues';
import { TEMPLATE_FILE, parseIssueNumber, scratchpadFileName, validateShortName } from './scratchpad';
import { slugify } from './slug';
import { DEFAULT_SCRATCHPAD_TEMPLATE, cursorPosition, isoDate, renderTemplate } from './template';
import { PREFIX, askIssueNumber, askTitle, commandArgs, currentBranch, errorText, existingScratchpad, pickFolder, scratchpadDir } from './ui';

export interface CreateScratchpadArgs {
  issue?: number | string;
  title?: string;
  /** Skips the short-name prompt when given (must be valid kebab-case). */
  shortName?: string;
  /** Workspace folder (Uri, path or WorkspaceFolder); asked in multi-root workspaces otherwise. */
  folder?: unknown;
  url?: string;
}

export interface CreateScratchpadResult {
  uri: vscode.Uri;
  created: boolean;
}

class AlreadyExists extends Error {}

/** Creates a file only if it does not exist (O_EXCL on disk; a non-overwriting edit elsewhere). */
async function createExclusive(uri: vscode.Uri, text: string): Promise<void> {
  const bytes = new TextEncoder().encode(text);
  if (uri.scheme === 'file') {
    try {
      await fsp.writeFile(uri.fsPath, bytes, { flag: 'wx' });
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'EEXIST') throw new AlreadyExists();
      throw e;
    }
    return;
  }
  const edit = new vscode.WorkspaceEdit();
  edit.createFile(uri, { overwrite: false, ignoreIfExists: false, contents: bytes });
  if (!(await vscode.workspace.applyEdit(edit))) throw new AlreadyExists();
}

/**
 * After "already exists": whether the name is a symbolic link whose target is missing (it can't be
 * opened, and the exclusive create rightly refused to write through it).
 */
async function isBrokenLink(uri: vscode.Uri): Promise<boolean> {
  try {
    // VS Code's disk provider stats a dangling link as SymbolicLink without File or Directory.
    const t = (await vscode.workspace.fs.stat(uri)).type;
    return (t & vscode.FileType.SymbolicLink) !== 0 && (t & (vscode.FileType.File | vscode.FileType.Directory)) === 0;
  } catch {
    // does not resolve: a dangling link, or gone meanwhile
  }
  if (uri.scheme !== 'file' && uri.scheme !== 'vscode-remote') return false;
  try {
    return (await fsp.lstat(uri.fsPath)).isSymbolicLink();
  } catch {
    return false;
  }
}

async function openAt(uri: vscode.Uri, pos?: { line: number; character: number }): Promise<void> {
  const doc = await vscode.workspace.openTextDocument(uri);
  const editor = await vscode.window.showTextDocument(doc, { preview: false });
  if (pos) {
    const p = doc.validatePosition(new vscode.Position(pos.line, pos.character));
    editor.selection = new vscode.Selection(p, p);
    editor.revealRange(new vscode.Range(p, p), vscode.TextEditorRevealType.InCenterIfOutsideViewport);
  }
}

async function loadTemplate(folder: vscode.WorkspaceFolder, log: vscode.LogOutputChannel): Promise<string> {
  const uri = vscode.Uri.joinPath(scratchpadDir(folder), TEMPLATE_FILE);
  try {
    const text = new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
    if (text.trim() !== '') return text;
  } catch {
    // no workspace template: the default one
  }
  log.debug(`scratchpad template: default (${vscode.workspace.asRelativePath(uri)} not found or empty)`);
  return DEFAULT_SCRATCHPAD_TEMPLATE;
}

export async function createScratchpad(log: vscode.LogOutputChannel, rawArgs?: unknown): Promise<CreateScratchpadResult | undefined> {
  const args = commandArgs<CreateScratchpadArgs>(
    rawArgs,
    { issue: 'issue', title: 'string', shortName: 'string', folder: 'any', url: 'string' },
    'Create scratchpad',
  );
  if (!args) return undefined;
  const folder = await pickFolder(args.folder ?? (rawArgs instanceof vscode.Uri ? rawArgs : undefined), 'the scratchpad');
  if (!folder) return undefined;

  let issue: number | undefined;
  if (args.issue !== undefined) {
    issue = parseIssueNumber(args.issue);
    if (issue === undefined) {
      void vscode.window.showErrorMessage(`${PREFIX}: "${String(args.issue)}" is not an issue number (a positive whole number is needed).`);
      return undefined;
    }
  } else {
    const branch = await currentBranch(folder, log);
    issue = await askIssueNumber(issueNumberFromBranch(branch), 'Create scratchpad for issue');
    if (issue === undefined) return undefined;
  }

  // Never overwrite: an existing scratchpad of this issue (under any short name) is opened.
  let existing: vscode.Uri | undefined;
  try {
    existing = await existingScratchpad(folder, issue);
  } catch (e) {
    void vscode.window.showErrorMessage(`${PREFIX}: ${errorText(e)} Nothing was created.`);
    return undefined;
  }
  if (existing) {
    log.info(`scratchpad for #${issue} exists: ${existing.toString()}; opening it`);
    await openAt(existing);
    void vscode.window.showInformationMessage(`${PREFIX}: #${issue} already has a scratchpad, ${vscode.workspace.asRelativePath(existing)}; opened it.`);
    return { uri: existing, created: false };
  }

  // One line of plain text: the title becomes the file's heading (an argument may hold line breaks).
  const title = cleanText(args.title ?? '') || (await askTitle(issue));
  if (!title) return undefined;

  let shortName = args.shortName;
  if (shortName !== undefined) {
    const problem = validateShortName(shortName);
    if (problem) {
      void vscode.window.showErrorMessage(`${PREFIX}: invalid scratchpad name "${shortName}": ${problem}`);
      return undefined;
    }
  } else {
    shortName = await vscode.window.showInputBox({
      title: `${PREFIX}: Scratchpad name for #${issue}`,
      prompt: `docs/scratchpads/${issue}-<name>.md — lowercase kebab-case, at most 40 characters`,
      value: slugify(title) || 'notes',
      ignoreFocusOut: true,
      validateInput: validateShortName,
    });
    if (shortName === undefined) return undefined;
  }

  const dir = scratchpadDir(folder);
  const uri = vscode.Uri.joinPath(dir, scratchpadFileName(issue, shortName));
  // Defence in depth: the target must be a direct child of docs/scratchpads.
  if (uri.path !== `${dir.path}/${issue}-${shortName}.md`) throw new Error(`refusing to write outside ${dir.path}`);

  const branch = await currentBranch(folder, log);
  const vars = {
    number: issue,
    title,
    date: isoDate(),
    branch: issueNumberFromBranch(branch) === issue && branch ? branch : branchNameFor(issue, shortName),
    ...(args.url ? { url: args.url } : {}),
  };
  const rendered = renderTemplate(await loadTemplate(folder, log), vars);
  try {
    await vscode.workspace.fs.createDirectory(dir);
    // A scratchpad for the issue may have appeared meanwhile (another window, a git pull).
    const raced = await existingScratchpad(folder, issue);
    if (raced) {
      await openAt(raced);
      return { uri: raced, created: false };
    }
    await createExclusive(uri, rendered.text);
  } catch (e) {
    if (e instanceof AlreadyExists) {
      if (await isBrokenLink(uri)) {
        void vscode.window.showErrorMessage(
          `${PREFIX}: ${vscode.workspace.asRelativePath(uri)} exists as a broken symbolic link (its target is missing); nothing was written. Remove the link or choose another name.`,
        );
        return undefined;
      }
      await openAt(uri);
      void vscode.window.showInformationMessage(`${PREFIX}: ${vscode.workspace.asRelativePath(uri)} already exists; opened it.`);
      return { uri, created: false };
    }
    void vscode.window.showErrorMessage(`${PREFIX}: could not create ${vscode.workspace.asRelativePath(uri)}: ${errorText(e)}`);
    return undefined;
  }
  log.info(`created scratchpad ${uri.toString()}`);
  await openAt(uri, cursorPosition(rendered.text, rendered.cursorOffset));
  return { uri, created: true };
}
