// Helpers shared by the e2e suites; they run inside the VS Code extension host.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { hostLog } from './mocha-runner';

/** Logs a line into the e2e output (use instead of console.log in tests). */
export const note = hostLog;

export const EXTENSION_ID = 'infra-guide.infra-guide';
export const FIX_ALL_KIND = vscode.CodeActionKind.SourceFixAll.append('infraGuide');

export function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}

export function workspaceRoot(): vscode.Uri {
  const f = vscode.workspace.workspaceFolders?.[0];
  assert.ok(f, 'the e2e host must be started with the fixture workspace folder open');
  return f.uri;
}

export function wsUri(...segments: string[]): vscode.Uri {
  return vscode.Uri.joinPath(workspaceRoot(), ...segments);
}

export function getExtension(): vscode.Extension<unknown> {
  const ext = vscode.extensions.getExtension(EXTENSION_ID);
  assert.ok(
    ext,
    `extension ${EXTENSION_ID} is not installed in this host (engines.vscode mismatch? loaded: ${vscode.extensions.all
      .map((e) => e.id)
      .filter((id) => !id.startsWith('vscode.'))
      .join(', ')})`,
  );
  return ext;
}

/** Opens a document and shows it in an editor (activates `onLanguage:` extensions). */
export async function openDoc(...segments: string[]): Promise<{ doc: vscode.TextDocument; editor: vscode.TextEditor }> {
  const doc = await vscode.workspace.openTextDocument(wsUri(...segments));
  const editor = await vscode.window.showTextDocument(doc, { preview: false });
  return { doc, editor };
}

/** Waits until `check()` returns a truthy value; polls and listens to diagnostics changes. */
export async function waitFor<T>(what: string | (() => string), check: () => T | undefined | false | Promise<T | undefined | false>, timeoutMs = 15000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const v = await check();
      if (v) return v;
      last = undefined;
    } catch (e) {
      last = e;
    }
    if (Date.now() > deadline) {
      const label = typeof what === 'function' ? what() : what;
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${label}${last ? `: ${String(last)}` : ''}`);
    }
    await new Promise<void>((resolve) => {
      const sub = vscode.languages.onDidChangeDiagnostics(() => done());
      const t = setTimeout(() => done(), 100);
      function done() {
        sub.dispose();
        clearTimeout(t);
        resolve();
      }
    });
  }
}

export function ruleIdOf(d: vscode.Diagnostic): string | undefined {
  const c = d.code;
  if (c === undefined) return undefined;
  if (typeof c === 'object') return String(c.value);
  return String(c);
}

export function docsTargetOf(d: vscode.Diagnostic): vscode.Uri | undefined {
  const c = d.code;
  return c !== undefined && typeof c === 'object' ? c.target : undefined;
}

/** Our diagnostics (any whose code names a known rule domain) for a document. */
export function ourDiagnostics(uri: vscode.Uri): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(uri).filter((d) => {
    const id = ruleIdOf(d);
    return id !== undefined && /^[a-z0-9-]+\/[a-z0-9-]+$/.test(id);
  });
}

export function diagnosticsFor(uri: vscode.Uri, ruleId: string): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(uri).filter((d) => ruleIdOf(d) === ruleId);
}

export async function waitForRule(uri: vscode.Uri, ruleId: string, timeoutMs = 20000): Promise<vscode.Diagnostic[]> {
  return waitFor(() => `diagnostic ${ruleId} on ${vscode.workspace.asRelativePath(uri)} (have: ${describeDiagnostics(uri)})`, () => {
    const ds = diagnosticsFor(uri, ruleId);
    return ds.length > 0 ? ds : undefined;
  }, timeoutMs);
}

export async function waitForNoRule(uri: vscode.Uri, ruleId: string, timeoutMs = 15000, line?: number): Promise<void> {
  await waitFor(() => `diagnostic ${ruleId}${line === undefined ? '' : ` on line ${line + 1}`} to clear on ${vscode.workspace.asRelativePath(uri)} (have: ${describeDiagnostics(uri)})`, () =>
    diagnosticsFor(uri, ruleId).filter((d) => line === undefined || d.range.start.line === line).length === 0,
  timeoutMs);
}

/** One line per diagnostic of a document: `line:col Severity rule-id (source)`, for messages. */
export function describeDiagnostics(uri: vscode.Uri): string {
  const ds = vscode.languages.getDiagnostics(uri);
  if (ds.length === 0) return 'none';
  return ds
    .map((d) => `${d.range.start.line + 1}:${d.range.start.character + 1} ${vscode.DiagnosticSeverity[d.severity]} ${ruleIdOf(d) ?? '?'} (${d.source ?? ''})`)
    .join('; ');
}

export async function codeActionsAt(uri: vscode.Uri, range: vscode.Range, kind?: string): Promise<vscode.CodeAction[]> {
  const res = await vscode.commands.executeCommand<(vscode.CodeAction | vscode.Command)[]>(
    'vscode.executeCodeActionProvider',
    uri,
    range,
    kind,
  );
  return (res ?? []).filter((a): a is vscode.CodeAction => 'title' in a && !('command' in a && typeof (a as vscode.Command).command === 'string'));
}

/** Applies a code action the way the editor does: its edit first, then its command. */
export async function applyCodeAction(action: vscode.CodeAction): Promise<void> {
  if (action.edit) {
    const ok = await vscode.workspace.applyEdit(action.edit);
    assert.ok(ok, `workspace.applyEdit refused the edit of "${action.title}"`);
  }
  if (action.command) {
    await vscode.commands.executeCommand(action.command.command, ...(action.command.arguments ?? []));
  }
}

/** Replaces the whole text of a document (in the editor buffer) and saves it. */
export async function setText(doc: vscode.TextDocument, text: string): Promise<void> {
  const edit = new vscode.WorkspaceEdit();
  edit.replace(doc.uri, new vscode.Range(0, 0, doc.lineCount, 0), text);
  assert.ok(await vscode.workspace.applyEdit(edit));
  await doc.save();
}

/** The completion items every provider offers at a position, as the editor requests them. */
export async function completionsAt(uri: vscode.Uri, position: vscode.Position, triggerCharacter?: string): Promise<vscode.CompletionItem[]> {
  const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', uri, position, triggerCharacter);
  return list?.items ?? [];
}

export async function closeAllEditors(): Promise<void> {
  await vscode.commands.executeCommand('workbench.action.closeAllEditors');
}
