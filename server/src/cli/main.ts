// `infra-guide` command line: check | rules | lsp | commit-msg. Bundled to dist/cli-main.js, run by the `infra-guide` launcher dist/cli.js (launch.ts).
// Exit codes: 0 clean, 1 findings at or above --fail-on, 2 usage or configuration error.
import { existsSync, readFileSync, realpathSync, statSync } from 'node:fs';
import { basename, dirname, isAbsolute, join, resolve, sep } from 'node:path';
import { mergeConfig, RULE_LEVELS, type RuleConfig, type RuleLevel } from '../engine/config';
import { ConfigResolver, type LoadedConfig } from '../engine/config-loader';
import { allRules, isKnownRule } from '../engine/registry';
import { didYouMean, suggestRuleIds } from '../engine/suggest';
import { TextIndex } from '../engine/text';
import type { RuleMeta, Severity } from '../engine/types';
import { isLintWorker, lintPaths, lintStdin, readStream, type FileResult, type LintStdinResult } from '../workspace/lint-files';
import { findGitRoot } from '../workspace/walk';
import { parseArgs, UsageError, type OptionSpec } from './args';
import {
  displayPath,
  formatGithub,
  formatGitlab,
  formatJson,
  formatJsonBytes,
  formatSarif,
  formatSummaryLine,
  formatText,
  OUTPUT_FORMATS,
  relativeInside,
  SEVERITY_RANK,
  shownPath,
  type OutputFormat,
  type RunProblem,
} from './format';
import { packageInfo, ruleDocPath } from './package-info';
import { exitOnceWritten, useStreams, writeStd } from './stdio';
import { tuneV8ForShortRuns } from './v8-tuning';
import { noteCompileCacheTopics } from '../launch/bundle-launcher';

export const EXIT_OK = 0;
export const EXIT_FINDINGS = 1;
export const EXIT_ERROR = 2;

const HELP = `infra-guide — lint infrastructure files against the Infrastructure & DevOps guide

Usage:
  infra-guide check [paths…] [options]   lint files and folders (default: .)
  infra-guide check - [--stdin-filename PATH] [options]
                                          lint the text piped in on standard input
  infra-guide rules [--format text|json]  list the rules
  infra-guide commit-msg FILE             check a commit message (git commit-msg hook)
  infra-guide lsp --stdio                 run the language server (for other editors)

Options of \`check\`:
  -f, --format text|json|sarif|github|gitlab
                                  output format (default: text); github: workflow commands
                                  (annotations), gitlab: Code Quality report
      --fix                       apply safe fixes in place, then report what remains
      --fail-on error|warning|info|never
                                  lowest severity that makes the exit code 1 (default: warning)
  -c, --config FILE               use this config file for every file (no .infra-guide.yaml lookup)
      --rule ID=LEVEL             set a rule's level (off|info|warning|error) over any config
                                  file; repeatable, e.g. --rule dockerfile/use-minimal-base-image=off
      --stdin-filename PATH       with \`-\`: the file standard input stands for (need not exist):
                                  its kind, nearest .infra-guide.yaml, \`ignore\` globs and name
                                  in the output; without it the kind is told from the content
  -q, --quiet                     report errors only; print nothing when there are none
      --no-color                  plain text output (also: NO_COLOR=1, FORCE_COLOR=0); --color forces colours
      --workers N                 worker threads besides the main one (default: auto)
  -v, --version                   print the version
  -h, --help                      print this help

Folders are walked recursively: .gitignore files (root and nested), the config's \`ignore\`
globs, .git and node_modules are skipped; files named explicitly are always linted.
\`-\` must be the only path and cannot be combined with --fix; e.g.
  git show HEAD:Dockerfile | infra-guide check - --stdin-filename Dockerfile
Exit codes: 0 no findings at or above --fail-on, 1 findings, 2 usage or configuration error.
Code cache: V8's bytecode of earlier runs is kept in the user's cache folder (on Linux
~/.cache/infra-guide/v8; another: INFRA_GUIDE_COMPILE_CACHE=DIR; none:
INFRA_GUIDE_DISABLE_COMPILE_CACHE=1).
Docs: docs/cli.md, rule docs in docs/rules/.
`;

const writeOut = (s: string): void => writeStd(1, s);
const writeOutBytes = (b: Uint8Array): void => writeStd(1, b);
const writeErr = (s: string): void => writeStd(2, s);
const out = writeOut;
const err = writeErr;

function version(): string {
  return packageInfo()?.version ?? '0.0.0';
}

/**
 * The config of each linted file (standard input too): one explicit config file (`--config`) or
 * the nearest `.infra-guide.yaml`, with the `--rule` levels layered over it.
 */
class CliConfigResolver extends ConfigResolver {
  constructor(
    private readonly fixedPath: string | undefined,
    private readonly levels: Record<string, RuleConfig>,
  ) {
    super();
  }
  override findConfigFile(dir: string): string | undefined {
    return this.fixedPath ?? super.findConfigFile(dir);
  }
  override forFile(filePath: string): LoadedConfig {
    const loaded = super.forFile(filePath);
    return Object.keys(this.levels).length === 0 ? loaded : { ...loaded, config: mergeConfig(loaded.config, { rules: this.levels }) };
  }
}

/** Rule ids are shown up to this length in messages. */
const MAX_SHOWN_ID = 80;
const LEVEL_LIST = `${RULE_LEVELS.slice(0, -1).join(', ')} or ${RULE_LEVELS[RULE_LEVELS.length - 1]}`;

/** `--rule ID=LEVEL` values (the last one per id wins) as config rules. Unknown ids and levels are usage errors. */
export function parseRuleLevels(values: readonly string[]): Record<string, RuleConfig> {
  const rules: Record<string, RuleConfig> = {};
  for (const value of values) {
    const eq = value.indexOf('=');
    if (eq <= 0) throw new UsageError('`--rule` takes ID=LEVEL, e.g. `--rule dockerfile/use-minimal-base-image=off`');
    const id = value.slice(0, eq);
    const level = value.slice(eq + 1);
    if (!isKnownRule(id)) {
      const shown = id.length > MAX_SHOWN_ID ? id.slice(0, MAX_SHOWN_ID - 1) + '…' : id;
      const suggestions = suggestRuleIds(id, allRules.map((r) => r.meta.id));
      throw new UsageError(`\`--rule\`: unknown rule id \`${shown}\`${didYouMean(suggestions)} (\`infra-guide rules\` lists them)`);
    }
    if (!(RULE_LEVELS as readonly string[]).includes(level)) {
      // The level is not echoed: only a level it may have meant.
      const lower = level.trim().toLowerCase();
      const meant = (RULE_LEVELS as readonly string[]).includes(lower) ? didYouMean([lower]) : '';
      // `--rule a=off,b=off`: say how to set several rules instead.
      const several = /^[a-z]+,[^,=\s]+=/i.test(level) ? '; give each rule its own `--rule` (`--rule a=off --rule b=off`)' : '';
      throw new UsageError(`\`--rule ${id}\`: invalid level; use ${LEVEL_LIST}${meant}${several}`);
    }
    rules[id] = { level: level as RuleLevel };
  }
  return rules;
}

const CHECK_OPTIONS: OptionSpec[] = [
  { name: 'format', short: 'f', value: true, choices: [...OUTPUT_FORMATS] },
  { name: 'fix' },
  { name: 'fail-on', value: true, choices: ['error', 'warning', 'info', 'never'] },
  { name: 'config', short: 'c', value: true },
  { name: 'rule', value: true, repeatable: true },
  { name: 'stdin-filename', value: true },
  { name: 'quiet', short: 'q' },
  { name: 'no-color' },
  { name: 'color' },
  { name: 'workers', value: true },
  { name: 'help', short: 'h' },
  { name: 'version', short: 'v' },
];

export function useColor(noColorFlag: boolean, colorFlag: boolean, env: NodeJS.ProcessEnv = process.env, isTTY = process.stdout.isTTY === true): boolean {
  if (noColorFlag) return false;
  if (colorFlag) return true;
  if (env['NO_COLOR'] !== undefined && env['NO_COLOR'] !== '') return false;
  // As in Node.js: FORCE_COLOR forces colours, except `0` and `false`, which turn them off.
  const force = env['FORCE_COLOR'];
  if (force !== undefined) return force !== '0' && force !== 'false';
  return isTTY && env['TERM'] !== 'dumb';
}

function printProblems(err: (s: string) => void, cwd: string, path: string, findings: FileResult['findings']): void {
  for (const f of findings) err(`${displayPath(cwd, path)}:${f.range.start.line + 1}:${f.range.start.character + 1}: ${f.severity}: ${f.message} (${f.ruleId})\n`);
}

/** Files above this size are not read again for GitLab fingerprints (the message stands in). */
const FINGERPRINT_READ_LIMIT = 64 * 1024 * 1024;

/** Lines of the linted files, read again (once per file; `texts` are not read) for GitLab fingerprints. */
function lineReader(texts: ReadonlyMap<string, string> = new Map()): (path: string, line: number) => string | undefined {
  const files = new Map<string, TextIndex | undefined>([...texts].map(([path, text]) => [path, new TextIndex(text)]));
  return (path, line) => {
    if (!files.has(path)) {
      let index: TextIndex | undefined;
      try {
        if (statSync(path).size <= FINGERPRINT_READ_LIMIT) index = new TextIndex(readFileSync(path, 'utf8').replace(/^\uFEFF/, ''));
      } catch {
        index = undefined;
      }
      files.set(path, index);
    }
    return files.get(path)?.lineText(line);
  };
}

/**
 * A path that names the work tree another way than `root` does (the real path while the working
 * folder is a link to it, or a link while it is the real path) as the same path under `root`, so every
 * format shows it relative to the root as it does the real path. Paths inside `root` cost nothing;
 * the others one `realpath` per folder above them (cached), and stay as they are when no folder
 * above them is the root.
 */
export function underRoot(root: string): (path: string) => string {
  const real = new Map<string, string | undefined>();
  const realOf = (p: string): string | undefined => {
    if (!real.has(p)) {
      try {
        real.set(p, realpathSync(p));
      } catch {
        real.set(p, undefined);
      }
    }
    return real.get(p);
  };
  const walk = (path: string): string => {
    if (relativeInside(root, path) !== undefined) return path;
    const realRoot = realOf(root);
    const rest: string[] = [];
    for (let dir = path; dir !== dirname(dir); dir = dirname(dir)) {
      rest.unshift(basename(dir));
      if (realRoot !== undefined && realOf(dirname(dir)) === realRoot) return join(root, ...rest);
    }
    return path;
  };
  // `dir/name` (POSIX, `name` a plain segment) goes where `dir/<probe>` goes: the walk looks at the
  // folders above the file, never at its name. Walked once per folder instead of once per file: the
  // walk's `dirname`/`basename` calls, for each folder above each file outside the root, took
  // ~70M instructions of a run over the 553 corpus Dockerfiles (outside the work tree).
  const byDir = new Map<string, string | null>();
  return (path) => {
    const slash = sep === '/' && path.charCodeAt(0) === SLASH ? path.lastIndexOf('/') : -1;
    if (slash > 0 && path.charCodeAt(slash - 1) !== SLASH) {
      const name = path.slice(slash + 1);
      if (name !== '' && name !== '.' && name !== '..') {
        const dir = path.slice(0, slash);
        let mapped = byDir.get(dir);
        if (mapped === undefined) {
          const probe = `${dir}/${PROBE}`;
          const at = walk(probe);
          // Moved: `…/<probe>`, joined from its segments. The folder it is in, with its `/`.
          mapped = at === probe ? null : at.slice(0, at.length - PROBE.length);
          byDir.set(dir, mapped);
        }
        return mapped === null ? path : mapped + name;
      }
    }
    return walk(path);
  };
}

const SLASH = 0x2f;
/** A file name no file has (the walk never reads it). */
const PROBE = '\u0000';

/** The run with its paths as `underRoot` gives them. */
function withPathsUnderRoot(run: LintStdinResult, at: (path: string) => string): LintStdinResult {
  return {
    ...run,
    results: run.results.map((r) => {
      const path = at(r.path);
      return path === r.path ? r : { ...r, path };
    }),
    configProblems: run.configProblems.map((p) => ({ ...p, path: at(p.path) })),
    missing: run.missing?.map(at),
    unreadable: run.unreadable?.map((u) => ({ ...u, path: at(u.path) })),
    ignoredBy: run.ignoredBy === undefined ? undefined : at(run.ignoredBy),
  };
}

/** `name` (as given, absolute `path`) ends in a separator, `.` or `..`, or is an existing folder: it cannot stand for a file. */
function namesFolder(path: string, name: string): boolean {
  if (name.endsWith('/') || name.endsWith(sep) || ['.', '..'].includes(basename(name))) return true;
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

/** Where `check` reads standard input from and writes its output (default: the process's). */
export interface CheckIo {
  stdin?: NodeJS.ReadableStream;
  stdout?: (s: string) => void;
  stderr?: (s: string) => void;
}

/**
 * The working folder as the shell names it: `process.cwd()` is the physical path, with symlinks
 * resolved, while a shell's `$PWD` keeps the folder link the user `cd`-ed through. Paths, and so
 * the nearest config (found by path, as in the editor), must be those of the link.
 */
export function workingFolder(env: NodeJS.ProcessEnv = process.env, physical = process.cwd()): string {
  const pwd = env['PWD'];
  if (!pwd || !isAbsolute(pwd) || pwd === physical) return physical;
  try {
    return realpathSync(pwd) === physical ? pwd : physical;
  } catch {
    return physical;
  }
}

export async function runCheck(argv: string[], cwd = workingFolder(), io: CheckIo = {}): Promise<number> {
  const out = io.stdout ?? writeOut;
  const err = io.stderr ?? writeErr;
  const { options, lists, positionals } = parseArgs(argv, CHECK_OPTIONS);
  if (options.has('help')) {
    out(HELP);
    return EXIT_OK;
  }
  if (options.has('version')) {
    out(version() + '\n');
    return EXIT_OK;
  }
  const format = (options.get('format') as OutputFormat | undefined) ?? 'text';
  const failOn = (options.get('fail-on') as Severity | 'never' | undefined) ?? 'warning';
  const quiet = options.has('quiet');
  const fix = options.has('fix');
  const fromStdin = positionals.includes('-');
  const stdinFilename = options.get('stdin-filename') as string | undefined;
  if (fromStdin) {
    if (positionals.length > 1) throw new UsageError('`-` (standard input) must be the only path: check files and standard input in separate runs');
    if (fix) throw new UsageError('`--fix` cannot write standard input back: check it without `--fix`, or fix the file itself');
    // Nobody types a Dockerfile at the prompt: waiting for the end of a terminal's input would
    // only look like a hang (a forgotten pipe, an editor integration run by hand).
    if (((io.stdin ?? process.stdin) as NodeJS.ReadableStream & { isTTY?: boolean }).isTTY === true) {
      throw new UsageError('`-` reads standard input, which is a terminal here: pipe the document in, e.g. `infra-guide check - < Dockerfile`');
    }
  } else if (stdinFilename !== undefined) {
    throw new UsageError('`--stdin-filename` names standard input: use it with `-` as the path');
  }
  if (stdinFilename === '') throw new UsageError('`--stdin-filename` needs a file name');
  if (stdinFilename !== undefined && namesFolder(resolve(cwd, stdinFilename), stdinFilename)) {
    throw new UsageError('`--stdin-filename` names a folder: give the path of the file standard input stands for, e.g. `--stdin-filename services/api/Dockerfile`');
  }
  let workers: number | undefined;
  if (options.has('workers')) {
    // Digits only: `Number` would also take '' (0), '1e1', '0x2' and ' 1'.
    const value = String(options.get('workers'));
    if (!/^\d+$/.test(value)) throw new UsageError('`--workers` must be a non-negative integer');
    workers = Number(value);
  }

  const levels = parseRuleLevels(lists.get('rule') ?? []);
  let configPath: string | undefined;
  const configArg = options.get('config');
  if (typeof configArg === 'string') {
    configPath = resolve(cwd, configArg);
    if (!existsSync(configPath) || !statSync(configPath).isFile()) {
      err(`infra-guide: config file not found: ${configArg}\n`);
      return EXIT_ERROR;
    }
  }
  const resolver = new CliConfigResolver(configPath, levels);

  // `-` is standard input (`./-` names a file called `-`).
  const paths = positionals.length > 0 ? positionals : ['.'];
  // Output paths are relative to the root of the git work tree holding the working folder (SARIF's
  // `%SRCROOT%`, GitHub's `file=`, GitLab's `location.path`), where code hosts resolve them.
  const root = findGitRoot(cwd) ?? cwd;
  const at = underRoot(root);
  const run = withPathsUnderRoot(
    fromStdin
      ? await lintStdin({ cwd, resolver, fileName: stdinFilename, read: (keep) => readStream(io.stdin ?? process.stdin, keep) })
      : await lintPaths(paths, { cwd, resolver, fix, workers }),
    at,
  );
  const { results, configProblems, missing, unreadable, fixSkipped } = run;
  noteCompileCacheTopics(results.flatMap((r) => (r.kind === undefined ? [] : [r.kind])));

  // With `--format github` the run's problems are workflow commands on stdout instead of stderr
  // lines: GitHub reads commands from stderr too, where a path or message holding a line break
  // could forge one; escaped commands cannot.
  const github = format === 'github';
  const problems: RunProblem[] = [];
  const tell = (p: RunProblem) => {
    // `--quiet` reports errors only, in every format: no notice (an ignored standard input, a file `--fix` left alone).
    if (quiet && p.level === 'notice') return;
    if (github) problems.push(p);
    else err(`infra-guide: ${p.message}\n`);
  };
  // Errors (bad config, missing or unreadable files) make the run fail: no output claims success.
  const runErrors: string[] = [];
  const fail = (message: string, path?: string) => {
    tell({ level: 'error', message, path });
    runErrors.push(message);
  };
  if (run.ignoredBy !== undefined) tell({ level: 'notice', message: `${displayPath(cwd, at(resolve(cwd, stdinFilename!)))}: not checked: ignored by the \`ignore\` globs of ${displayPath(cwd, run.ignoredBy)}` });
  for (const m of missing ?? []) fail(`no such file or folder: ${displayPath(cwd, m)}`);
  for (const u of unreadable ?? []) fail(`${displayPath(cwd, u.path)}: ${u.error}`, u.path);
  if (configProblems.length > 0) {
    for (const p of configProblems) {
      const message = `invalid configuration in ${displayPath(cwd, p.path)}`;
      runErrors.push(message);
      if (!github) {
        err(`infra-guide: ${message}:\n`);
        printProblems(err, cwd, p.path, p.findings);
      } else if (p.findings.length === 0) {
        problems.push({ level: 'error', message, path: p.path });
      } else {
        // Each problem fails the run, whatever level its rule has.
        for (const f of p.findings) problems.push({ level: 'error', message: f.message, path: p.path, range: f.range, title: f.ruleId });
      }
    }
    if (fixSkipped) err('infra-guide: --fix skipped: fix the configuration first (nothing was written)\n');
  }
  for (const r of results) {
    // A document without a file (unnamed standard input) has no path to annotate.
    const path = r.name === undefined ? r.path : undefined;
    if (r.error) fail(`${shownPath(cwd, r)}: ${r.error}`, path);
    if (r.notice) tell({ level: 'notice', message: `${shownPath(cwd, r)}: ${r.notice}`, path });
    for (const e of r.ruleErrors ?? []) tell({ level: 'error', message: `rule ${e.ruleId} failed on ${shownPath(cwd, r)}: ${e.message} (its findings were dropped)`, path, title: e.ruleId });
  }

  const shown: FileResult[] = quiet ? results.map((r) => ({ ...r, findings: r.findings.filter((f) => f.severity === 'error') })) : results;
  const fixedFiles = results.filter((r) => (r.fixed ?? 0) > 0);
  const fixed = fix ? { fixes: fixedFiles.reduce((n, r) => n + (r.fixed ?? 0), 0), files: fixedFiles.length } : undefined;

  // Files with a secret finding, before --quiet hides any: no output derives anything from their text.
  const secretFiles = () => new Set(results.filter((r) => r.findings.some((f) => f.secret)).map((r) => r.path));
  // Without a caller's writer, bytes: the text of `formatJson`, encoded more cheaply.
  if (format === 'json') {
    if (io.stdout === undefined) writeOutBytes(formatJsonBytes(cwd, shown));
    else out(formatJson(cwd, shown));
  }
  // Code scanning resolves SARIF paths against the repository root: inside a git work tree, that is `%SRCROOT%`.
  // So do GitHub annotations (`file=`) and GitLab Code Quality (`location.path`).
  else if (format === 'sarif') {
    out(formatSarif(cwd, shown, { version: version(), errors: runErrors, srcRoot: root, secretFiles: secretFiles() }));
  } else if (format === 'github') {
    out(formatGithub(cwd, shown, { root, problems }));
  } else if (format === 'gitlab') {
    out(formatGitlab(cwd, shown, { root, lineText: lineReader(run.text === undefined ? undefined : new Map(results.map((r) => [r.path, run.text!]))), secretFiles: secretFiles() }));
  } else {
    out(formatText(cwd, shown, { color: useColor(options.has('no-color'), options.has('color')), fileCount: results.length, fixed, quiet, errors: runErrors.length }));
  }
  if (format !== 'text' && fixed && fixed.fixes > 0 && !quiet) err(`infra-guide: fixed ${fixed.fixes} problem(s) in ${fixed.files} file(s)\n`);
  // Counts only (no path or message): safe on stderr, which GitHub also reads commands from.
  if (github && (!quiet || runErrors.length > 0 || shown.some((r) => r.findings.length > 0))) err(formatSummaryLine(shown, results.length, runErrors.length));

  // Errors (bad config, missing or unreadable files) win over findings: the run is not trustworthy.
  if (runErrors.length > 0) return EXIT_ERROR;
  if (failOn === 'never') return EXIT_OK;
  const threshold = SEVERITY_RANK[failOn];
  const failing = shown.some((r) => r.findings.some((f) => SEVERITY_RANK[f.severity] >= threshold));
  return failing ? EXIT_FINDINGS : EXIT_OK;
}

export function runRules(argv: string[]): number {
  const { options, positionals } = parseArgs(argv, [{ name: 'format', short: 'f', value: true, choices: ['text', 'json'] }, { name: 'help', short: 'h' }]);
  if (options.has('help')) {
    out('Usage: infra-guide rules [--format text|json]\n');
    return EXIT_OK;
  }
  if (positionals.length > 0) throw new UsageError(`\`rules\` takes no arguments, got \`${positionals[0]}\``);
  const metas = allRules.map((r) => r.meta);
  if (options.get('format') === 'json') {
    out(
      JSON.stringify(
        metas.map((m) => ({
          id: m.id,
          severity: m.severity,
          fixable: m.fixable,
          ...(m.fixSafety ? { fixSafety: m.fixSafety } : {}),
          title: m.title,
          domain: m.domain,
          guideSection: m.guideSection,
          docs: ruleDocPath(m.id),
        })),
        null,
        2,
      ) + '\n',
    );
    return EXIT_OK;
  }
  const idW = Math.max(4, ...metas.map((m) => m.id.length));
  // FIX: `auto` fixes are applied by `--fix`, `quick` ones only offered in the editor, `some` mixes both.
  const fixWord = (m: RuleMeta): string => (!m.fixable ? '' : m.fixSafety === 'safe' ? 'auto' : m.fixSafety === 'unsafe' ? 'quick' : 'some');
  const rows = [`${'RULE'.padEnd(idW)}  SEVERITY  FIX    TITLE`, ...metas.map((m) => `${m.id.padEnd(idW)}  ${m.severity.padEnd(8)}  ${fixWord(m).padEnd(5)}  ${m.title}`)];
  out(rows.join('\n') + `\n\n${metas.length} rules. Configure them in .infra-guide.yaml; docs in docs/rules/.\n`);
  return EXIT_OK;
}

/** The transports vscode-languageserver reads from the command line (`process.argv`). */
const LSP_TRANSPORT = /^--(stdio|node-ipc|socket|pipe)$|^--(socket|pipe)=/;

async function runLsp(argv: string[]): Promise<number | undefined> {
  if (!argv.some((a) => LSP_TRANSPORT.test(a))) throw new UsageError('`lsp` needs a transport: `--stdio` (or `--node-ipc`, `--socket=PORT`, `--pipe=NAME`)');
  // require (not import()): tsc keeps import() as-is in CommonJS output. The CLI bundle does not
  // carry the server: this loads dist/server.js beside it (see scripts/build.mjs).
  let mod: { startServer?: () => unknown };
  try {
    mod = require('../server') as typeof mod;
  } catch (e) {
    // A CLI bundle copied without dist/server.js: say so below; any other error is a bug.
    if ((e as NodeJS.ErrnoException).code !== 'MODULE_NOT_FOUND') throw e;
    mod = {};
  }
  if (typeof mod.startServer !== 'function') {
    err('infra-guide lsp: the language server is not available in this build\n');
    return EXIT_ERROR;
  }
  await mod.startServer();
  // The server keeps the process alive until the client disconnects.
  return undefined;
}

export async function main(argv: string[]): Promise<number | undefined> {
  const [command, ...rest] = argv;
  try {
    switch (command) {
      case 'check':
        return await runCheck(rest);
      case 'rules':
        return runRules(rest);
      case 'lsp':
        return await runLsp(rest);
      case 'commit-msg': {
        useStreams();
        const { runCommitMsg } = require('./commit-msg') as typeof import('./commit-msg');
        return await runCommitMsg(rest);
      }
      case '--version':
      case '-v':
      case 'version':
        out(version() + '\n');
        return EXIT_OK;
      case undefined:
      case '--help':
      case '-h':
      case 'help':
        (command === undefined ? err : out)(HELP);
        return command === undefined ? EXIT_ERROR : EXIT_OK;
      default:
        throw new UsageError(`unknown command \`${command}\``);
    }
  } catch (e) {
    if (e instanceof UsageError) {
      err(`infra-guide: ${e.message}\nRun \`infra-guide --help\` for usage.\n`);
      return EXIT_ERROR;
    }
    err(`infra-guide: internal error: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
    return EXIT_ERROR;
  }
}

// Entry guard: the bundle is also the lint worker script (see workspace/lint-files.ts), and
// tests import this module; only run when executed as the program on the main thread.
if (!isLintWorker() && require.main === module) {
  const argv = process.argv.slice(2);
  // `lsp` runs the language server for hours: it keeps V8's defaults.
  if (argv[0] !== 'lsp') tuneV8ForShortRuns();
  main(argv).then(
    (code) => {
      // No code: the language server runs on.
      if (code === undefined) return;
      process.exitCode = code;
      exitOnceWritten();
    },
    (e: unknown) => {
      err(`infra-guide: ${String(e)}\n`);
      process.exitCode = EXIT_ERROR;
    },
  );
}
