// "Infra Guide: Insert commit message for issue": fills the Source Control input box (built-in
// Git extension API) with `type(#N): Subject`, bullets and `Refs #N`. N comes from the argument,
// the branch name, the open scratchpad, or a prompt; the type from `infraGuide.commit.types`.
// With a `git-commit` editor active (git opened VS Code as its editor), the message goes into
// that file, above git's comments. Without the Git extension (disabled, or an untrusted
// workspace), the message is copied to the clipboard instead.
import * as vscode from 'vscode';
import { buildCommitMessage, commitFileMessagePart, commitFileReplacement, commitTypesFromSetting, linesGitStrips, replaceNeedsConsent, usableTitle } from './commit-message';
import { findRepository, gitApi } from './git';
import { parseIssueNumber, titleFromScratchpadText } from './scratchpad';
import { PREFIX, askIssueNumber, commandArgs, contextIssue, existingScratchpad, pickFolder } from './ui';

export interface InsertCommitArgs {
  issue?: number | string;
  title?: string;
  type?: string;
  bullets?: string[];
  folder?: unknown;
  /** Replace a non-empty input box (or commit message file) without asking. */
  replace?: boolean;
}

export interface InsertCommitResult {
  message: string;
  target: 'scm' | 'editor' | 'clipboard';
}

/** Asks the language server which commit types the commit rules accept in a folder. */
export type CommitTypesSource = (folder: vscode.WorkspaceFolder) => Promise<string[] | undefined>;
let typesFromServer: CommitTypesSource | undefined;

/** Set by the extension once its language client exists. */
export function setCommitTypesSource(source: CommitTypesSource | undefined): void {
  typesFromServer = source;
}

/**
 * The types the editor's commit rules accept: the server knows them all (settings and the
 * folder's .infra-guide.yaml); without a running server, the `infraGuide.commit.types` setting.
 */
async function types(folder: vscode.WorkspaceFolder | undefined, log: vscode.LogOutputChannel): Promise<string[]> {
  if (folder && typesFromServer) {
    try {
      const fromServer = await typesFromServer(folder);
      if (fromServer && fromServer.length > 0) return fromServer;
    } catch (e) {
      log.warn(`commit types from the language server: ${e instanceof Error ? e.message : String(e)}; using the setting`);
    }
  }
  return commitTypesFromSetting(vscode.workspace.getConfiguration('infraGuide', folder?.uri).get<unknown>('commit.types'));
}

const TYPE_HINTS: Record<string, string> = {
  feat: 'a new feature',
  fix: 'a bug fix',
  chore: 'maintenance, configuration',
  docs: 'documentation only',
  refactor: 'restructuring without behaviour change',
  test: 'tests only',
  ci: 'CI/CD pipelines',
  perf: 'performance',
  build: 'build system, dependencies',
};

async function titleFromScratchpad(folder: vscode.WorkspaceFolder, issue: number): Promise<string | undefined> {
  try {
    const uri = await existingScratchpad(folder, issue);
    if (!uri) return undefined;
    const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
    const text = open ? open.getText() : new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
    return titleFromScratchpadText(text, issue);
  } catch {
    return undefined;
  }
}

/** The active editor when it is a commit message file (e.g. COMMIT_EDITMSG while `git commit` waits for VS Code). */
function activeCommitEditor(): vscode.TextEditor | undefined {
  const editor = vscode.window.activeTextEditor;
  return editor && editor.document.languageId === 'git-commit' && !editor.document.isClosed ? editor : undefined;
}

/**
 * Whether the text `read` returns may be replaced with `message`: yes when empty, the message
 * itself, `replace` given, or the user agrees. Text typed while the question is open is asked about
 * again, so nothing the user wrote is replaced unseen.
 */
async function agreeToReplace(read: () => string, message: string, replace: boolean, question: string): Promise<boolean> {
  let agreed: string | undefined;
  for (;;) {
    const current = read();
    if (replace || !replaceNeedsConsent(current, message, agreed)) return true;
    const choice = await vscode.window.showWarningMessage(question, 'Replace', 'Cancel');
    if (choice !== 'Replace') return false;
    agreed = current;
  }
}

/** Writes the message above git's comment lines; a message already there is replaced only with the user's consent. */
async function insertIntoCommitEditor(editor: vscode.TextEditor, message: string, issue: number, replace: boolean, log: vscode.LogOutputChannel): Promise<InsertCommitResult | undefined> {
  const doc = editor.document;
  const stripped = linesGitStrips(message, doc.getText());
  if (stripped.length > 0) {
    const warning = `${PREFIX}: git's comment character in this file (core.commentChar) starts ${stripped.length} line(s) of the message, e.g. "${stripped[0]}"; git drops them when committing. Insert anyway?`;
    if ((await vscode.window.showWarningMessage(warning, 'Insert', 'Cancel')) !== 'Insert') return undefined;
  }
  const question = `${PREFIX}: ${vscode.workspace.asRelativePath(doc.uri)} already has a commit message. Replace it?`;
  if (!(await agreeToReplace(() => commitFileMessagePart(doc.getText()).message, message, replace, question))) return undefined;
  // Read again after asking: the range must be the message part as it is now.
  const part = commitFileMessagePart(doc.getText());
  const range = new vscode.Range(doc.positionAt(0), doc.positionAt(part.end));
  const ok = await editor.edit((b) => b.replace(range, commitFileReplacement(message, part.hasComments)));
  if (!ok) {
    void vscode.window.showErrorMessage(`${PREFIX}: could not insert the commit message into ${vscode.workspace.asRelativePath(doc.uri)}.`);
    return undefined;
  }
  const bullet = message.split('\n').findIndex((l) => l.startsWith('- '));
  if (bullet >= 0) {
    const p = doc.lineAt(bullet).range.end;
    editor.selection = new vscode.Selection(p, p);
  }
  log.info(`commit message inserted for #${issue} in ${doc.uri.toString()}`);
  return { message, target: 'editor' };
}

export async function insertCommitMessage(log: vscode.LogOutputChannel, rawArgs?: unknown): Promise<InsertCommitResult | undefined> {
  const args = commandArgs<InsertCommitArgs>(
    rawArgs,
    { issue: 'issue', title: 'string', type: 'string', bullets: 'string[]', folder: 'any', replace: 'boolean' },
    'Insert commit message',
  );
  if (!args) return undefined;
  const commitEditor = activeCommitEditor();
  const folder = await pickFolder(args.folder ?? commitEditor?.document.uri, 'the commit message');
  if (!folder) return undefined;

  let issue: number | undefined;
  if (args.issue !== undefined) {
    issue = parseIssueNumber(args.issue);
    if (issue === undefined) {
      void vscode.window.showErrorMessage(`${PREFIX}: "${String(args.issue)}" is not an issue number.`);
      return undefined;
    }
  } else {
    const ctx = await contextIssue(folder, log);
    issue = ctx?.issue ?? (await askIssueNumber(undefined, 'Commit message for issue'));
    if (issue === undefined) return undefined;
    if (ctx) log.info(`commit message: issue #${issue} from the ${ctx.from}`);
  }

  const allowed = await types(folder, log);
  let type = args.type;
  if (type !== undefined && !allowed.includes(type)) {
    void vscode.window.showErrorMessage(`${PREFIX}: "${type}" is not one of the commit types (${allowed.join(', ')}).`);
    return undefined;
  }
  if (type === undefined) {
    const picked = await vscode.window.showQuickPick(
      allowed.map((t) => ({ label: t, description: TYPE_HINTS[t] ?? '' })),
      { title: `${PREFIX}: Commit type for #${issue}`, placeHolder: `${allowed[0]}(#${issue}): …`, ignoreFocusOut: true },
    );
    if (!picked) return undefined;
    type = picked.label;
  }

  const chosen = type;
  // A title of only periods or blanks would leave `type(#N): ` empty, which the commit rules reject.
  let subject = usableTitle(args.title, chosen) ?? usableTitle(await titleFromScratchpad(folder, issue), chosen);
  if (!subject) {
    subject = await vscode.window.showInputBox({
      title: `${PREFIX}: Subject for ${type}(#${issue})`,
      prompt: 'What the commit does, e.g. Configure Redis cluster',
      ignoreFocusOut: true,
      validateInput: (s) => (usableTitle(s, chosen) === undefined ? 'Enter a subject.' : undefined),
    });
    if (!subject) return undefined;
  }
  const message = buildCommitMessage({ type, issue, subject, ...(args.bullets ? { bullets: args.bullets } : {}) });

  if (commitEditor) return insertIntoCommitEditor(commitEditor, message, issue, args.replace === true, log);

  const api = await gitApi(log);
  const repo = api ? await findRepository(api, folder.uri) : undefined;
  if (!repo) {
    await vscode.env.clipboard.writeText(message);
    const why = !vscode.workspace.isTrusted
      ? 'Source Control is not available in Restricted Mode'
      : api
        ? `no Git repository was found for ${folder.name}`
        : 'the built-in Git extension is not available';
    void vscode.window.showWarningMessage(`${PREFIX}: ${why}; the commit message was copied to the clipboard.`);
    return { message, target: 'clipboard' };
  }
  const question = `${PREFIX}: the commit message box is not empty. Replace its text?`;
  if (!(await agreeToReplace(() => repo.inputBox.value, message, args.replace === true, question))) return undefined;
  repo.inputBox.value = message;
  void vscode.commands.executeCommand('workbench.view.scm').then(undefined, () => undefined);
  log.info(`commit message inserted for #${issue} in ${repo.rootUri.toString()}`);
  return { message, target: 'scm' };
}
