// VS Code extension entry (dist/client.js): starts the Infra Guide language server over IPC
// and registers the extension's commands. Nothing heavy runs here: the engine lives in the
// server process, never in this bundle.
import * as vscode from 'vscode';
import { LanguageClient, State, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';
import { setCommitTypesSource } from './workflow/commit-command';
import { registerWorkflowCommands } from './workflow/register';

export const FIX_ALL_KIND = 'source.fixAll.infraGuide';
const CHECK_WORKSPACE_REQUEST = 'infraGuide/checkWorkspace';
const COMMIT_TYPES_REQUEST = 'infraGuide/commitTypes';
/** How long "Insert commit message" waits for the server's commit types before using the setting. */
const COMMIT_TYPES_TIMEOUT_MS = 2000;
const LANGUAGES = ['dockerfile', 'yaml', 'dockercompose', 'git-commit'] as const;

interface CheckWorkspaceResult {
  files: number;
  filesWithFindings: number;
  findings: number;
  errors: number;
  warnings: number;
  infos: number;
  configProblems: number;
}

/** What `activate` returns; extension-host tests use it. */
export interface InfraGuideApi {
  /** The running language client, if started. */
  readonly client: LanguageClient | undefined;
  /** The Node executable used for the server ('' = VS Code's own), after workspace-trust checks. */
  effectiveServerRuntime(): string;
  /** Resolves once the server has started (or failed to). */
  ready(): Promise<void>;
}

let client: LanguageClient | undefined;
/** The file watchers of the current client (one set per client; disposed with it). */
let watchers: vscode.FileSystemWatcher[] = [];
let starting: Promise<void> = Promise.resolve();
let log: vscode.LogOutputChannel;

/** `infraGuide.server.runtime`, honoured only in a trusted workspace (it names a program). */
function effectiveServerRuntime(warn = true): string {
  const configured = vscode.workspace.getConfiguration('infraGuide').get<string>('server.runtime', '').trim();
  if (!configured) return '';
  if (!vscode.workspace.isTrusted) {
    if (warn) log.warn('infraGuide.server.runtime is ignored in an untrusted workspace; using the Node.js runtime of VS Code.');
    return '';
  }
  return configured;
}

function createClient(context: vscode.ExtensionContext, runtime: string): LanguageClient {
  const module = context.asAbsolutePath('dist/server.js');
  const run = { module, transport: TransportKind.ipc, ...(runtime ? { runtime } : {}) };
  const serverOptions: ServerOptions = {
    run,
    debug: { ...run, options: { execArgv: ['--nolazy', '--inspect=6009'] } },
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: LANGUAGES.flatMap((language) => [
      { scheme: 'file', language },
      { scheme: 'untitled', language },
    ]),
    synchronize: {
      // The server re-reads `.infra-guide.yaml` files when they change, and kustomizations
      // (which files are patches); the server's `WATCHED_FILES`. Deletions of any file or
      // folder clear the diagnostics "Check workspace" published for the files deleted (only
      // those that concern config files make the server re-lint).
      fileEvents: (watchers = [
        vscode.workspace.createFileSystemWatcher('**/{.infra-guide.yaml,.infra-guide.yml,kustomization.yaml,kustomization.yml,Kustomization}'),
        vscode.workspace.createFileSystemWatcher('**/*', true, true, false),
      ]),
    },
    initializationOptions: { watchesConfigFiles: true },
    diagnosticCollectionName: 'infra-guide',
    outputChannel: log,
  };
  return new LanguageClient('infraGuide', 'Infra Guide', serverOptions, clientOptions);
}

async function startClient(context: vscode.ExtensionContext): Promise<void> {
  const runtime = effectiveServerRuntime();
  const c = createClient(context, runtime);
  client = c;
  try {
    await c.start();
    log.info(`language server started${runtime ? ` with ${runtime}` : ''}`);
  } catch (e) {
    log.error(`language server failed to start: ${e instanceof Error ? e.message : String(e)}`);
  }
}

let restartChain: Promise<void> = Promise.resolve();

/** Restarts are serialised: two quick restarts never leave two servers running. */
function restartServer(context: vscode.ExtensionContext): Promise<void> {
  restartChain = restartChain.then(() => doRestart(context)).catch((e: unknown) => log.error(`restart failed: ${e instanceof Error ? e.message : String(e)}`));
  return restartChain;
}

async function doRestart(context: vscode.ExtensionContext): Promise<void> {
  await starting;
  const old = client;
  const oldWatchers = watchers;
  client = undefined;
  watchers = [];
  if (old) {
    try {
      if (old.state !== State.Stopped) await old.stop();
    } catch (e) {
      log.warn(`stopping the language server failed: ${e instanceof Error ? e.message : String(e)}`);
    }
    try {
      await old.dispose();
    } catch {
      /* already disposed */
    }
  }
  for (const w of oldWatchers) w.dispose();
  starting = startClient(context);
  await starting;
}

async function fixAll(): Promise<void> {
  const editor = vscode.window.activeTextEditor;
  if (!editor) {
    void vscode.window.showInformationMessage('Infra Guide: open a file to fix.');
    return;
  }
  const doc = editor.document;
  if (!(LANGUAGES as readonly string[]).includes(doc.languageId)) {
    void vscode.window.showInformationMessage(`Infra Guide does not lint ${doc.languageId} files.`);
    return;
  }
  await starting;
  const fullRange = new vscode.Range(0, 0, doc.lineCount, 0);
  const actions =
    (await vscode.commands.executeCommand<(vscode.CodeAction | vscode.Command)[]>('vscode.executeCodeActionProvider', doc.uri, fullRange, FIX_ALL_KIND)) ?? [];
  const action = actions.find((a): a is vscode.CodeAction => 'kind' in a && a.kind?.value === FIX_ALL_KIND && !!a.edit);
  if (!action?.edit) {
    // Fixes that may change behaviour (guessed limits, probes, a USER switch) are never applied here.
    void vscode.window.showInformationMessage('Infra Guide: no auto-fixable problems. Fixes that may change behaviour stay quick fixes: review them on each problem.');
    return;
  }
  const ok = await vscode.workspace.applyEdit(action.edit);
  if (!ok) void vscode.window.showWarningMessage('Infra Guide: the fixes could not be applied (the file changed?).');
}

async function checkWorkspace(): Promise<CheckWorkspaceResult | undefined> {
  const folders = (vscode.workspace.workspaceFolders ?? []).filter((f) => f.uri.scheme === 'file').map((f) => f.uri.toString());
  if (folders.length === 0) {
    void vscode.window.showInformationMessage('Infra Guide: open a folder to check the workspace.');
    return undefined;
  }
  await starting;
  const c = client;
  if (!c || c.state !== State.Running) {
    void vscode.window.showErrorMessage('Infra Guide: the language server is not running. Run "Infra Guide: Restart language server".');
    return undefined;
  }
  const result = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: 'Infra Guide: checking workspace…', cancellable: false },
    () => c.sendRequest<CheckWorkspaceResult>(CHECK_WORKSPACE_REQUEST, { folders }),
  );
  log.info(`check workspace: ${result.files} file(s), ${result.findings} finding(s)`);
  const counts = `${result.errors} error(s), ${result.warnings} warning(s), ${result.infos} info(s)`;
  const config = result.configProblems > 0 ? `; ${result.configProblems} config problem(s)` : '';
  void vscode.window.showInformationMessage(
    `Infra Guide: checked ${result.files} file(s): ${result.findings === 0 ? 'no findings' : `${counts} in ${result.filesWithFindings} file(s)`}${config}.`,
  );
  await vscode.commands.executeCommand('workbench.actions.view.problems');
  return result;
}

/** Runs a command body, logging (not throwing) unexpected errors. */
function command<T>(body: () => Promise<T> | T): () => Promise<T | undefined> {
  return async () => {
    try {
      return await body();
    } catch (e) {
      log.error(e instanceof Error ? (e.stack ?? e.message) : String(e));
      void vscode.window.showErrorMessage(`Infra Guide: ${e instanceof Error ? e.message : String(e)}`);
      return undefined;
    }
  };
}

export async function activate(context: vscode.ExtensionContext): Promise<InfraGuideApi> {
  log = vscode.window.createOutputChannel('Infra Guide', { log: true });
  context.subscriptions.push(
    log,
    vscode.commands.registerCommand('infraGuide.fixAll', command(fixAll)),
    vscode.commands.registerCommand('infraGuide.restartServer', command(() => restartServer(context))),
    vscode.commands.registerCommand('infraGuide.showOutput', () => log.show(true)),
    vscode.commands.registerCommand('infraGuide.checkWorkspace', command(checkWorkspace)),
    vscode.workspace.onDidGrantWorkspaceTrust(() => {
      if (vscode.workspace.getConfiguration('infraGuide').get<string>('server.runtime', '').trim()) void restartServer(context);
    }),
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration('infraGuide.server.runtime')) {
        log.info('infraGuide.server.runtime changed: restarting the language server');
        void restartServer(context);
      }
    }),
  );
  setCommitTypesSource(async (folder) => {
    if (folder.uri.scheme !== 'file') return undefined;
    await starting;
    const c = client;
    if (!c || c.state !== State.Running) return undefined;
    const timeout = new Promise<undefined>((r) => setTimeout(() => r(undefined), COMMIT_TYPES_TIMEOUT_MS));
    const answer = c.sendRequest<{ types: string[] }>(COMMIT_TYPES_REQUEST, { folder: folder.uri.toString() });
    const r = await Promise.race([answer, timeout]);
    return Array.isArray(r?.types) && r.types.every((t) => typeof t === 'string') ? r.types : undefined;
  });
  try {
    registerWorkflowCommands(context, log);
  } catch (e) {
    log.error(`workflow commands failed to register: ${e instanceof Error ? e.message : String(e)}`);
  }
  starting = startClient(context);
  await starting;
  return {
    get client() {
      return client;
    },
    effectiveServerRuntime: () => effectiveServerRuntime(false),
    ready: () => starting,
  };
}

export async function deactivate(): Promise<void> {
  const c = client;
  client = undefined;
  if (c) await c.stop().catch(() => undefined);
  for (const w of watchers) w.dispose();
  watchers = [];
}
