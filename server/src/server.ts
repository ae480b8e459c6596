// Language server (LSP adapter over the pure engine). Bundled to dist/server-main.js, which the
// launcher dist/server.js runs (server/src/launch/server.ts); speaks LSP
// over `--stdio` or `--node-ipc` (the transport is chosen from the command line). The CLI
// reuses it for `infra-guide lsp --stdio` through `startServer()`.
import { basename, dirname, join } from 'node:path';
import { isMainThread } from 'node:worker_threads';
import {
  CodeActionKind,
  CompletionTriggerKind,
  createConnection,
  DidChangeConfigurationNotification,
  DidChangeWatchedFilesNotification,
  ErrorCodes,
  FileChangeType,
  LSPErrorCodes,
  MessageType,
  ProposedFeatures,
  ResponseError,
  ShowMessageNotification,
  TextDocuments,
  TextDocumentSyncKind,
  WatchKind,
  type CodeAction,
  type CancellationToken,
  type CodeActionParams,
  type CompletionList,
  type CompletionParams,
  type Connection,
  type DidChangeWatchedFilesParams,
  type InitializeParams,
  type InitializeResult,
  type PublishDiagnosticsParams,
  type WorkspaceFoldersChangeEvent,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { classify } from './engine/classify';
import { ConfigResolver, type LoadedConfig } from './engine/config-loader';
import { lintTimeoutFinding } from './engine/guards';
import { finalizeFindings } from './engine/levels';
import { allRules } from './engine/registry';
import { subjectFormat, typesOption } from './engine/rules/commit/subject-format';
import type { DocumentKind, Finding } from './engine/types';
import { anchorLineMapper, fixAllAction, FIX_ALL_KIND, kindRequested, quickFixActions, readCodeActionContext } from './lsp/code-actions';
import { COMPLETION_TRIGGER_CHARACTERS, provideCompletions, runsTriggerSuggest } from './lsp/completion';
import { diagnosticOf, fileNameOf, folderToPath, isAtOrUnder, pathToUri, toDiagnostic, uriToPath } from './lsp/convert';
import { checkedTextDocumentSync, requestPosition, requestUri } from './lsp/params';
import { describeError, isLspLintWorker, LintHost, LintStaleError, LintTimeoutError, runLspLintWorker } from './lsp/lint-worker';
import { DEFAULT_SETTINGS, problemLines, problemsMessage, readSettings, settingsToBaseConfig, SettingsProblemTracker, type ServerSettings } from './lsp/settings';
import { KustomizePatches } from './workspace/kustomize';
import { isLintWorker, lintPaths } from './workspace/lint-files';

export const CHECK_WORKSPACE_REQUEST = 'infraGuide/checkWorkspace';
/**
 * The commit types `commit/subject-format` accepts in a folder (editor settings, then the
 * folder's `.infra-guide.yaml`), so the client's "Insert commit message" offers exactly those.
 * Params `{ folder: <folder URI> }`; result `{ types: string[] }`.
 */
export const COMMIT_TYPES_REQUEST = 'infraGuide/commitTypes';

export interface CheckWorkspaceParams {
  /** Folders to check, as `file:` URIs or absolute paths (anything else: InvalidParams). */
  folders: string[];
}

export interface CheckWorkspaceResult {
  files: number;
  filesWithFindings: number;
  findings: number;
  errors: number;
  warnings: number;
  infos: number;
  configProblems: number;
}

/** Options the extension passes in `initializationOptions`. */
interface InitOptions {
  /**
   * The client already synchronises the file events of `**\/.infra-guide.{yaml,yml}` and of
   * kustomization files (`WATCHED_FILES`).
   */
  watchesConfigFiles?: boolean;
}

interface LintState {
  /** The buffer linted: a reopened document is a new buffer, even at the same version. */
  doc: TextDocument;
  version: number;
  /** Settings/config generation the result was computed with. */
  generation: number;
  kind: DocumentKind | undefined;
  findings: Finding[];
  /** Config used (undefined: disabled or ignored, nothing to fix). */
  loaded: LoadedConfig | undefined;
  fileName: string;
  languageId: string;
  /** A kustomization lists the file as a patch (fix-all must know it too). */
  kustomizePatch: boolean;
  /** Pragma anchor lines, computed on the first code action request for this version. */
  anchorLine?: (line: number) => number;
}

/**
 * Files whose changes the server must hear of: config files, and kustomizations (which
 * decide which files are patches).
 */
const WATCHED_FILES: readonly string[] = ['**/.infra-guide.{yaml,yml}', '**/kustomization.{yaml,yml}', '**/Kustomization'];
/**
 * Deletions of any file or folder: a deleted file loses the diagnostics of the workspace check.
 * Only events that concern config or kustomization files invalidate lint results.
 */
const WATCHED_DELETES = { globPattern: '**/*', kind: WatchKind.Delete };
const CONFIG_FILE = /(^|[\\/])\.infra-guide\.ya?ml$/;
const CONFIG_OR_KUSTOMIZATION_NAME = /^(\.infra-guide\.ya?ml|kustomization\.ya?ml|Kustomization)$/;

const SETTINGS_TIMEOUT_MS = 5000;
const KNOWN_RULE_IDS = allRules.map((r) => r.meta.id);
const SUBJECT_FORMAT = subjectFormat.meta.id;
/**
 * Deadline of one lint in the worker. Real files lint in milliseconds; a 2 MB file made of
 * thousands of tiny manifests, each with findings, takes up to ~10 s on a slow machine.
 */
const LINT_TIMEOUT_MS = Number(process.env['INFRA_GUIDE_LSP_LINT_TIMEOUT_MS']) || 20_000;

/**
 * Runs `fn` after `ms`, or at 0 on the event loop's next turn: a 0 ms timer waits 1–2 ms, on
 * every keystroke (changes already received still come first, and cancel the run). Returns a cancel.
 */
function runAfter(ms: number, fn: () => void): () => void {
  if (ms > 0) {
    const timer = setTimeout(fn, ms);
    return () => clearTimeout(timer);
  }
  const immediate = setImmediate(fn);
  return () => clearImmediate(immediate);
}

class InfraGuideServer {
  private readonly documents = new TextDocuments(TextDocument);
  private readonly host: LintHost;
  private readonly inflight = new Map<string, { doc: TextDocument; version: number; generation: number; promise: Promise<LintState | undefined> }>();
  private readonly resolver = new ConfigResolver();
  /** Kustomization lookups: cleared when a watched file changes, checked against the disk on each lint. */
  private readonly kustomize = new KustomizePatches({ checkDisk: true });
  /**
   * Workspace folders (kept up to date where the client tells of changes): outside git,
   * kustomizations are looked for up to them.
   */
  private workspaceRoots: string[] = [];
  /** The client sends `workspace/didChangeWorkspaceFolders` (it announced `workspace.workspaceFolders`). */
  private workspaceFolderEvents = false;
  /** Cancels of the scheduled validations. */
  private readonly timers = new Map<string, () => void>();
  /** Latest validation run per document; older runs drop their result. */
  private readonly runs = new Map<string, number>();
  private readonly states = new Map<string, LintState>();
  private readonly settingsCache = new Map<string, Promise<ServerSettings>>();
  /** Config files with published problems (fs path → signature of what was published). */
  private readonly configPublished = new Map<string, string>();
  /** Files published by the last workspace check (not open in the editor). */
  private workspacePublished = new Set<string>();
  private globalSettings: ServerSettings = { ...DEFAULT_SETTINGS, rules: {} };
  /** Bumped on didChangeConfiguration: reads of older settings tell no problems. */
  private settingsGeneration = 0;
  private readonly settingsProblems = new SettingsProblemTracker();
  private hasConfigurationCapability = false;
  private documentChanges = false;
  private runCounter = 0;
  /** Bumped when settings or config files change: cached lint results are stale then. */
  private generation = 0;
  /** `shutdown` was received: only `exit` is served from then on (LSP). */
  private shutDown = false;

  constructor(private readonly connection: Connection) {
    this.host = new LintHost({
      script: join(__dirname, 'server.js'),
      timeoutMs: LINT_TIMEOUT_MS,
      log: (level, message) => this.connection.console[level](message),
      // Tests move a small document between the two workers with a lower length.
      largeTextLength: Number(process.env['INFRA_GUIDE_LSP_LARGE_TEXT_LENGTH']) || undefined,
    });
  }

  listen(): void {
    const c = this.connection;
    c.onInitialize((p) => this.initialize(p));
    c.onInitialized(() => this.initialized());
    c.onDidChangeConfiguration((p) => {
      if (this.shutDown) return;
      this.settingsGeneration++;
      this.settingsProblems.settingsChanged();
      if (!this.hasConfigurationCapability) {
        const raw = (p.settings as Record<string, unknown> | null | undefined)?.['infraGuide'];
        this.globalSettings = this.settingsFrom(raw, this.settingsGeneration);
      } else this.checkSettings();
      this.settingsCache.clear();
      this.generation++;
      this.states.clear();
      this.revalidateAll();
    });
    c.onDidChangeWatchedFiles((p) => this.watchedFilesChanged(p));
    c.onCodeAction((p, token) => (this.refuseAfterShutdown(), this.codeActions(p, token)));
    c.onCompletion((p) => (this.refuseAfterShutdown(), this.completion(p)));
    c.onRequest(CHECK_WORKSPACE_REQUEST, (p: CheckWorkspaceParams) => (this.refuseAfterShutdown(), this.checkWorkspace(p)));
    c.onRequest(COMMIT_TYPES_REQUEST, (p: { folder?: unknown }) => (this.refuseAfterShutdown(), this.commitTypes(p)));
    c.onShutdown(() => {
      this.shutDown = true;
      for (const cancel of this.timers.values()) cancel();
      this.timers.clear();
      this.host.dispose();
    });

    this.documents.onDidChangeContent((e) => this.schedule(e.document.uri));
    this.documents.onDidClose((e) => this.closed(e.document.uri));
    this.documents.listen(checkedTextDocumentSync(c, (message) => c.console.warn(message)));
    c.listen();
  }

  /** Publishes diagnostics, until `shutdown`: from then on the server only waits for `exit`. */
  private publish(params: PublishDiagnosticsParams): void {
    if (!this.shutDown) void this.connection.sendDiagnostics(params);
  }

  private refuseAfterShutdown(): void {
    if (this.shutDown) throw new ResponseError(ErrorCodes.InvalidRequest, 'the server is shutting down');
  }

  private initialize(params: InitializeParams): InitializeResult {
    this.host.prestart();
    const caps = params.capabilities;
    this.hasConfigurationCapability = !!caps.workspace?.configuration;
    this.documentChanges = !!caps.workspace?.workspaceEdit?.documentChanges;
    this.dynamicConfigRegistration = !!caps.workspace?.didChangeConfiguration?.dynamicRegistration;
    const init = (params.initializationOptions ?? {}) as InitOptions;
    const folders = params.workspaceFolders?.map((f) => f.uri) ?? (params.rootUri ? [params.rootUri] : []);
    this.workspaceRoots = folders.map(folderToPath).filter((f): f is string => f !== undefined);
    this.workspaceFolderEvents = !!caps.workspace?.workspaceFolders;
    this.dynamicWatchRegistration = !!caps.workspace?.didChangeWatchedFiles?.dynamicRegistration && !init.watchesConfigFiles;
    this.retriggerSuggest = runsTriggerSuggest(params.clientInfo?.name);
    this.insertReplace = !!caps.textDocument?.completion?.completionItem?.insertReplaceSupport;
    return {
      capabilities: {
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, FIX_ALL_KIND], resolveProvider: false },
        completionProvider: { triggerCharacters: [...COMPLETION_TRIGGER_CHARACTERS], resolveProvider: false },
        ...(this.workspaceFolderEvents ? { workspace: { workspaceFolders: { supported: true, changeNotifications: true } } } : {}),
      },
      serverInfo: { name: 'infra-guide' },
    };
  }

  private dynamicConfigRegistration = false;
  private dynamicWatchRegistration = false;
  private retriggerSuggest = false;
  /** The client takes `InsertReplaceEdit`s in completion items. */
  private insertReplace = false;

  private initialized(): void {
    this.checkSettings();
    if (this.workspaceFolderEvents) this.connection.workspace.onDidChangeWorkspaceFolders((e) => this.workspaceFoldersChanged(e));
    if (this.dynamicConfigRegistration) {
      void this.connection.client.register(DidChangeConfigurationNotification.type, { section: 'infraGuide' }).catch(() => undefined);
    }
    if (this.dynamicWatchRegistration) {
      void this.connection.client
        .register(DidChangeWatchedFilesNotification.type, { watchers: [...WATCHED_FILES.map((globPattern) => ({ globPattern })), WATCHED_DELETES] })
        .catch(() => undefined);
    }
  }

  /**
   * Files created, changed or deleted on disk. A deleted file (or a file under a deleted folder:
   * editors may report only the folder) loses the diagnostics the workspace check published for
   * it. Only events that concern config or kustomization files make the open documents re-lint.
   */
  private watchedFilesChanged(params: DidChangeWatchedFilesParams): void {
    if (this.shutDown) return;
    const events: { path: string; type: unknown }[] = [];
    for (const ch of Array.isArray(params?.changes) ? (params.changes as unknown[]) : []) {
      const uri: unknown = (ch as { uri?: unknown } | null)?.uri;
      const path = typeof uri === 'string' ? uriToPath(uri) : undefined;
      if (path) events.push({ path, type: (ch as { type?: unknown }).type });
    }
    const deleted = events.filter((e) => e.type === FileChangeType.Deleted).map((e) => e.path);
    for (const uri of [...this.workspacePublished]) {
      const path = uriToPath(uri);
      if (!path || !deleted.some((d) => isAtOrUnder(path, d)) || this.documents.get(uri)) continue;
      this.workspacePublished.delete(uri);
      this.publish({ uri, diagnostics: [] });
    }
    const config = events.filter((e) => CONFIG_OR_KUSTOMIZATION_NAME.test(basename(e.path)) || (e.type === FileChangeType.Deleted && this.mayHoldConfig(e.path)));
    if (config.length === 0) return;
    this.invalidateConfigs();
    this.kustomize.clear();
    this.generation++;
    this.states.clear();
    for (const { path, type } of config) {
      if (type !== FileChangeType.Deleted) {
        if (CONFIG_FILE.test(path)) this.refreshConfigFile(path);
        continue;
      }
      for (const published of [...this.configPublished.keys()]) if (isAtOrUnder(published, path)) this.publishConfigProblems(published, []);
    }
    this.revalidateAll();
  }

  /**
   * Whether a deleted path (a file or a folder: it is gone, so there is no telling) may have held
   * a config or kustomization file that matters now. A config file applies to the files under its
   * folder and a kustomization lists patches under its own folder, so a deleted folder can only
   * change the lint of the documents under it; what it can leave stale besides is a config file
   * the resolver has cached, or one whose problems are published. Deleting anything else (build
   * output, a checked file) re-lints nothing.
   */
  private mayHoldConfig(path: string): boolean {
    // An open document's config and kustomizations are in its ancestors, never the file itself.
    if (this.documents.all().some((d) => isAtOrUnder(dirname(uriToPath(d.uri) ?? ''), path))) return true;
    for (const known of [...this.knownConfigs, ...this.configPublished.keys()]) if (isAtOrUnder(known, path)) return true;
    return false;
  }

  /** Config files the resolver may have cached since it last forgot them. */
  private readonly knownConfigs = new Set<string>();

  private invalidateConfigs(): void {
    this.resolver.invalidate();
    this.knownConfigs.clear();
  }

  /** Folders added or removed: they bound the Kustomize lookups outside git. */
  private workspaceFoldersChanged(event: WorkspaceFoldersChangeEvent): void {
    if (this.shutDown) return;
    const removed = new Set(event.removed.map((f) => folderToPath(f.uri)));
    const added = event.added.map((f) => folderToPath(f.uri)).filter((f): f is string => f !== undefined);
    this.workspaceRoots = [...this.workspaceRoots.filter((r) => !removed.has(r)), ...added.filter((a) => !this.workspaceRoots.includes(a))];
    this.kustomizeChanged();
  }

  /**
   * Kustomize lookups may answer differently now: forget them and re-lint the open documents
   * they can concern (Kubernetes manifests, and documents not linted yet).
   */
  private kustomizeChanged(): void {
    this.kustomize.clear();
    const relint = this.documents.all().filter((d) => {
      const kind = this.states.get(d.uri)?.kind;
      return kind === undefined || kind === 'kubernetes';
    });
    this.generation++;
    this.states.clear();
    for (const d of relint) this.schedule(d.uri);
  }

  // ---- settings -------------------------------------------------------------------------

  /** Normalises settings read in `generation`, telling the user about dropped entries. */
  private settingsFrom(raw: unknown, generation: number): ServerSettings {
    const { settings, problems } = readSettings(raw, KNOWN_RULE_IDS);
    if (generation !== this.settingsGeneration || this.shutDown) return settings;
    const tell = this.settingsProblems.report(problems);
    if (tell.length > 0) {
      for (const line of problemLines(tell)) this.connection.console.warn(line);
      void this.connection.sendNotification(ShowMessageNotification.type, { type: MessageType.Warning, message: problemsMessage(tell) });
    }
    return settings;
  }

  /**
   * Reads the workspace-wide settings (at start and after each change) so that their problems
   * are told even with no document open; documents read their own (folder) scope.
   */
  private checkSettings(): void {
    if (!this.hasConfigurationCapability) return;
    const generation = this.settingsGeneration;
    this.connection.workspace.getConfiguration('infraGuide').then(
      (raw: unknown) => void this.settingsFrom(raw, generation),
      () => undefined, // settingsFor reports failing reads
    );
  }

  private settingsFor(uri: string): Promise<ServerSettings> {
    if (!this.hasConfigurationCapability) return Promise.resolve(this.globalSettings);
    let p = this.settingsCache.get(uri);
    if (!p) {
      const generation = this.settingsGeneration;
      const request = this.connection.workspace.getConfiguration({ scopeUri: uri, section: 'infraGuide' }).then(
        (raw: unknown) => this.settingsFrom(raw, generation),
        (e: unknown) => {
          this.connection.console.warn(`workspace/configuration failed: ${describeError(e)}; using defaults`);
          return this.globalSettings;
        },
      );
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<ServerSettings>((resolve) => {
        timer = setTimeout(() => {
          this.connection.console.warn('workspace/configuration did not answer in time; using defaults');
          this.settingsCache.delete(uri);
          resolve(this.globalSettings);
        }, SETTINGS_TIMEOUT_MS);
      });
      p = Promise.race([request, timeout]).finally(() => clearTimeout(timer));
      this.settingsCache.set(uri, p);
    }
    return p;
  }

  // ---- validation -----------------------------------------------------------------------

  private schedule(uri: string): void {
    if (this.shutDown) return;
    this.timers.get(uri)?.();
    const run = ++this.runCounter;
    this.runs.set(uri, run);
    void this.settingsFor(uri).then((s) => {
      if (this.runs.get(uri) !== run || !this.documents.get(uri)) return;
      const cancel = runAfter(s.debounceMs, () => {
        this.timers.delete(uri);
        void this.validate(uri, run);
      });
      this.timers.set(uri, cancel);
    });
  }

  private revalidateAll(): void {
    for (const doc of this.documents.all()) this.schedule(doc.uri);
  }

  private async validate(uri: string, run: number): Promise<void> {
    try {
      const doc = this.documents.get(uri);
      if (!doc) return;
      const state = await this.lintState(doc);
      // Publish only the latest run of a still-open document, for the version it linted.
      if (this.runs.get(uri) !== run || !state || !this.isCurrent(state.doc, state.version)) return;
      this.workspacePublished.delete(uri);
      this.publish({ uri, version: state.version, diagnostics: state.findings.map(diagnosticOf) });
    } catch (e) {
      this.connection.console.error(`validation of ${uri} failed: ${describeError(e)}`);
    }
  }

  /**
   * Whether `doc` is still the open buffer of its URI at `version`. Editors restart versions
   * when a file is reopened, so the version alone does not identify the text.
   */
  private isCurrent(doc: TextDocument, version: number): boolean {
    return this.documents.get(doc.uri) === doc && doc.version === version;
  }

  /** Lint result of the document's current version: computed once per version, then cached. */
  private async lintState(doc: TextDocument): Promise<LintState | undefined> {
    const uri = doc.uri;
    // Settings or config files may change while a lint is in flight: retry with the new
    // generation rather than use a result computed from stale settings.
    for (let attempt = 0; attempt < 5; attempt++) {
      const current = this.documents.get(uri);
      if (!current) return undefined;
      const version = current.version;
      const generation = this.generation;
      const cached = this.states.get(uri);
      if (cached && cached.doc === current && cached.version === version && cached.generation === generation) return cached;
      let flight = this.inflight.get(uri);
      if (!flight || flight.doc !== current || flight.version !== version || flight.generation !== generation) {
        const promise = this.computeState(current, version, generation);
        flight = { doc: current, version, generation, promise };
        this.inflight.set(uri, flight);
        void promise.finally(() => {
          if (this.inflight.get(uri)?.promise === promise) this.inflight.delete(uri);
        });
      }
      const state = await flight.promise;
      if (!this.isCurrent(current, version)) return undefined;
      if (state && state.generation === this.generation) return state;
    }
    return undefined;
  }

  /** Lints one version of a document (parse once: the result is cached per version). */
  private async computeState(doc: TextDocument, version: number, generation: number): Promise<LintState | undefined> {
    const uri = doc.uri;
    const settings = await this.settingsFor(uri);
    if (!this.isCurrent(doc, version) || generation !== this.generation) return undefined;
    const text = doc.getText();
    const fileName = fileNameOf(uri);
    const path = uriToPath(uri);
    const kustomizePatch = path !== undefined && this.kustomize.isPatch(path, this.workspaceRoots);
    const state: LintState = { doc, version, generation, kind: undefined, findings: [], loaded: undefined, fileName, languageId: doc.languageId, kustomizePatch };
    if (settings.enable) {
      const loaded = this.loadConfig(path, settings);
      if (!(path && this.resolver.isIgnored(path, loaded))) {
        const started = Date.now();
        try {
          const stale = () => generation !== this.generation || !this.isCurrent(doc, version);
          const result = await this.host.lint({ text, fileName, languageId: doc.languageId, config: loaded.config, kustomizePatch }, stale, uri);
          state.kind = result.kind;
          state.findings = result.findings;
          state.loaded = loaded;
        } catch (e) {
          // Superseded, or the host was disposed by `shutdown`: nothing to publish.
          if (e instanceof LintStaleError || this.shutDown) return undefined;
          // Timed out: one note says why the file shows no findings. The engine failed: logged.
          if (e instanceof LintTimeoutError) state.findings = finalizeFindings(loaded.config, [lintTimeoutFinding(LINT_TIMEOUT_MS)]);
          else this.connection.console.error(`linting ${uri} failed: ${describeError(e)}`);
        }
        const ms = Date.now() - started;
        if (ms > 1000) this.connection.console.warn(`linting ${uri} took ${ms} ms (${state.findings.length} findings)`);
      }
    }
    if (generation === this.generation && this.isCurrent(doc, version)) this.states.set(uri, state);
    return state;
  }

  private async commitTypes(params: { folder?: unknown }): Promise<{ types: string[] }> {
    const folder = typeof params?.folder === 'string' ? folderToPath(params.folder) : undefined;
    if (!folder) throw new ResponseError(ErrorCodes.InvalidParams, '`folder` must be a `file:` URI or an absolute path');
    // The file git writes the message to, as the commit rules see it (its folder's config applies).
    const probe = join(folder, '.git', 'COMMIT_EDITMSG');
    const settings = await this.settingsFor(pathToUri(probe));
    const { config } = this.loadConfig(probe, settings);
    return { types: typesOption(config.rules[SUBJECT_FORMAT]?.options?.['types']) };
  }

  private loadConfig(path: string | undefined, settings: ServerSettings): LoadedConfig {
    const base = settingsToBaseConfig(settings);
    if (!path) return { config: base, configPath: undefined, problems: [] };
    this.resolver.setBase(base);
    let loaded: LoadedConfig;
    try {
      loaded = this.resolver.forFile(path);
    } catch (e) {
      this.connection.console.error(`loading the config for ${path} failed: ${describeError(e)}`);
      return { config: base, configPath: undefined, problems: [] };
    }
    if (loaded.configPath) {
      this.knownConfigs.add(loaded.configPath);
      this.publishConfigProblems(loaded.configPath, loaded.problems);
    }
    return loaded;
  }

  /** Re-reads a (created/changed) config file and publishes its problems. */
  private refreshConfigFile(path: string): void {
    try {
      const loaded = this.resolver.forFile(join(dirname(path), '.infra-guide-probe'));
      if (loaded.configPath) this.knownConfigs.add(loaded.configPath);
      if (loaded.configPath === path) this.publishConfigProblems(path, loaded.problems);
      else this.publishConfigProblems(path, []);
    } catch (e) {
      this.connection.console.error(`reading ${path} failed: ${describeError(e)}`);
    }
  }

  /**
   * Problems of a config file go on the config file's URI, once. When the file is open in the
   * editor, its own validation (of the buffer) owns its diagnostics instead.
   */
  private publishConfigProblems(path: string, problems: Finding[]): void {
    const uri = pathToUri(path);
    if (this.isOpenPath(path)) return;
    const signature = JSON.stringify(problems.map((p) => [p.ruleId, p.range, p.message]));
    const prev = this.configPublished.get(path);
    if (prev === signature) return;
    if (problems.length === 0 && prev === undefined) return;
    if (problems.length === 0) this.configPublished.delete(path);
    else this.configPublished.set(path, signature);
    this.connection.console.info(`config ${path}: ${problems.length} problem(s)`);
    this.publish({ uri, diagnostics: problems.map(toDiagnostic) });
  }

  private isOpenPath(path: string): boolean {
    for (const d of this.documents.all()) if (uriToPath(d.uri) === path) return true;
    return false;
  }

  private closed(uri: string): void {
    this.timers.get(uri)?.();
    this.timers.delete(uri);
    this.runs.delete(uri);
    this.states.delete(uri);
    this.settingsCache.delete(uri);
    this.host.forget(uri);
    this.publish({ uri, diagnostics: [] });
    // A closed config file shows its on-disk problems again.
    const path = uriToPath(uri);
    if (path && CONFIG_FILE.test(path)) {
      this.configPublished.delete(path);
      this.invalidateConfigs();
      this.refreshConfigFile(path);
    }
  }

  // ---- code actions ---------------------------------------------------------------------

  private async codeActions(params: CodeActionParams, token: CancellationToken): Promise<CodeAction[]> {
    const doc = this.documents.get(requestUri(params));
    if (!doc) return [];
    const context = readCodeActionContext(params.context);
    const only = context.only;
    const wantQuickFix = kindRequested(CodeActionKind.QuickFix, only);
    // Fix-all is a source action: offered only when asked for (on save, the command, `only`);
    // an empty `only` asks for nothing in particular, as an absent one.
    const wantFixAll = !!only && only.length > 0 && kindRequested(FIX_ALL_KIND, only);
    if (!wantQuickFix && !wantFixAll) return [];
    try {
      const state = await this.lintState(doc);
      if (token.isCancellationRequested) throw new LintStaleError(); // answered RequestCancelled below
      if (!state || !this.isCurrent(doc, state.version) || !state.loaded) return [];
      const text = doc.getText();
      const info = {
        uri: doc.uri,
        version: doc.version,
        text,
        kind: state.kind,
        findings: state.findings,
        documentChanges: this.documentChanges,
        pragmasAllowed: state.loaded.config.pragmas.allow,
        anchorLine: (line: number) => (state.anchorLine ??= anchorLineMapper(text, state.kind))(line),
      };
      const actions: CodeAction[] = [];
      if (wantQuickFix) actions.push(...quickFixActions(info, context));
      if (wantFixAll && state.kind !== undefined) {
        // A cancelled fix-all still queued for the worker is dropped: it would delay the next lint.
        const stale = () => token.isCancellationRequested || !this.isCurrent(doc, info.version);
        const fixed = await this.host.fixAll(
          { text, fileName: state.fileName, languageId: state.languageId, config: state.loaded.config, kind: state.kind, kustomizePatch: state.kustomizePatch },
          stale,
        );
        if (token.isCancellationRequested) throw new LintStaleError(); // answered RequestCancelled below
        if (stale()) return actions;
        const action = fixAllAction(info, fixed.text);
        if (action) actions.push(action);
      }
      return actions;
    } catch (e) {
      if (token.isCancellationRequested) throw new ResponseError(LSPErrorCodes.RequestCancelled, 'code action request cancelled');
      if (!(e instanceof LintStaleError || e instanceof LintTimeoutError || this.shutDown)) this.connection.console.error(`code actions for ${doc.uri} failed: ${describeError(e)}`);
      return [];
    }
  }

  // ---- completion ----------------------------------------------------------------------

  /** Completions of our own syntax (lsp/completion.ts): no lint; the config comes from the resolver's cache. */
  private async completion(params: CompletionParams): Promise<CompletionList | null> {
    const uri = requestUri(params);
    const position = requestPosition(params);
    const doc = this.documents.get(uri);
    if (!doc) return null;
    // The position is in the text of the request: edits arriving while the settings are read
    // must not move it (the client maps the items' ranges to what was typed since).
    const text = doc.getText();
    const settings = await this.settingsFor(doc.uri);
    if (!settings.enable) return null;
    const fileName = fileNameOf(doc.uri);
    const kind = classify(fileName, doc.languageId, text);
    if (kind === undefined) return null;
    const path = uriToPath(doc.uri);
    const loaded = this.loadConfig(path, settings);
    // As in linting: nothing for files the config ignores.
    if (path && this.resolver.isIgnored(path, loaded)) return null;
    const triggered = params.context?.triggerKind === CompletionTriggerKind.TriggerCharacter;
    const character: unknown = params.context?.triggerCharacter;
    const items = provideCompletions({
      text,
      position,
      kind,
      triggerCharacter: triggered ? (typeof character === 'string' ? character : '') : undefined,
      config: () => loaded.config,
      retrigger: this.retriggerSuggest,
      insertReplace: this.insertReplace,
      onError: (e) => this.connection.console.error(`completion in ${doc.uri} failed: ${describeError(e)}`),
    });
    return { isIncomplete: false, items };
  }

  // ---- workspace check ------------------------------------------------------------------

  private async checkWorkspace(params: CheckWorkspaceParams): Promise<CheckWorkspaceResult> {
    const summary: CheckWorkspaceResult = { files: 0, filesWithFindings: 0, findings: 0, errors: 0, warnings: 0, infos: 0, configProblems: 0 };
    // The client sends the `file:` URIs of its workspace folders: anything else (a relative path,
    // which would be resolved against the server's working directory; another scheme) is a
    // mistake to report, not to skip silently while the summary tells of nothing checked.
    const raw: unknown = params?.folders;
    const folders = (Array.isArray(raw) ? (raw as unknown[]) : []).map((f) => (typeof f === 'string' ? folderToPath(f) : undefined));
    if (!Array.isArray(raw) || folders.some((f) => f === undefined)) {
      throw new ResponseError(ErrorCodes.InvalidParams, '`folders` must be an array of `file:` URIs or absolute paths');
    }
    const published = new Set<string>();
    for (const folder of folders as string[]) {
      const started = Date.now();
      const settings = await this.settingsFor(pathToUri(folder));
      if (!settings.enable) continue;
      const resolver = new ConfigResolver(settingsToBaseConfig(settings));
      let out: Awaited<ReturnType<typeof lintPaths>>;
      try {
        out = await lintPaths([folder], { cwd: folder, resolver });
      } catch (e) {
        this.connection.console.error(`checking ${folder} failed: ${describeError(e)}`);
        continue;
      }
      // Documents open now, not when the check began: live validation owns those opened meanwhile.
      const openPaths = new Set(this.documents.all().map((d) => uriToPath(d.uri)).filter((p): p is string => !!p));
      for (const r of out.results) {
        summary.files++;
        if (r.findings.length > 0) summary.filesWithFindings++;
        for (const f of r.findings) {
          summary.findings++;
          if (f.severity === 'error') summary.errors++;
          else if (f.severity === 'warning') summary.warnings++;
          else summary.infos++;
        }
        if (openPaths.has(r.path)) continue; // live validation owns open documents
        const uri = pathToUri(r.path);
        published.add(uri);
        this.publish({ uri, diagnostics: r.findings.map(toDiagnostic) });
      }
      for (const c of out.configProblems) {
        summary.configProblems += c.findings.length;
        this.configPublished.delete(c.path);
        this.publishConfigProblems(c.path, c.findings);
      }
      this.connection.console.info(`checked ${folder}: ${out.results.length} file(s), ${summary.findings} finding(s) so far, ${Date.now() - started} ms`);
    }
    for (const uri of this.workspacePublished) {
      if (!published.has(uri) && !this.documents.get(uri)) this.publish({ uri, diagnostics: [] });
    }
    this.workspacePublished = published;
    return summary;
  }
}

/**
 * Starts the language server on the transport named on the command line (`--stdio`,
 * `--node-ipc`, `--socket=<port>`) and returns its connection.
 */
export function startServer(connection: Connection = createConnection(ProposedFeatures.all)): Connection {
  const server = new InfraGuideServer(connection);
  process.on('uncaughtException', (e) => {
    try {
      connection.console.error(`uncaught exception: ${describeError(e)}`);
    } catch {
      /* the connection may be gone */
    }
  });
  process.on('unhandledRejection', (e) => {
    try {
      connection.console.error(`unhandled rejection: ${describeError(e)}`);
    } catch {
      /* ignore */
    }
  });
  server.listen();
  return connection;
}

// Inside the server's own lint worker (this bundle re-run as a worker thread), serve lint
// requests. Otherwise auto-start only when this file is the program itself (dist/server.js, the
// launcher running dist/server-main.js, or tsc's out/…/server.js),
// never when the CLI bundle (or a test) imports it, and never inside a `lintPaths` worker
// thread (which also re-runs the bundle).
if (isLspLintWorker()) runLspLintWorker();
else if (isMainThread && !isLintWorker() && require.main === module && /(^|[\\/])server(-main)?\.js$/.test(__filename)) startServer();
