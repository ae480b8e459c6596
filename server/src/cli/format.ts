// Output formats of `infra-guide check`: text (stylish-like, for people), JSON (the public,
// stable array shape), SARIF 2.1.0 (code scanning), GitHub Actions workflow commands and the
// GitLab Code Quality report. Pure: results in, string out.
// No format prints source lines, so secret values can never leak through the output; the
// messages themselves never carry values, and no finding in a file holding a secret gets SARIF
// fix content (a fix may quote source text, and the value can appear on any line) or a GitLab
// fingerprint hashed from its source line.
import { isAbsolute, relative, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import { allRules, isKnownRule } from '../engine/registry';
import type { Finding, Range, Severity } from '../engine/types';
import type { FileResult } from '../workspace/lint-files';
import { ruleDocPath } from './package-info';

export type OutputFormat = 'text' | 'json' | 'sarif' | 'github' | 'gitlab';

export const OUTPUT_FORMATS: readonly OutputFormat[] = ['text', 'json', 'sarif', 'github', 'gitlab'];

/** One finding in the JSON output. The key set is a public contract: keep it exactly. */
export interface JsonFinding {
  file: string;
  ruleId: string;
  severity: Severity;
  message: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  fixable: boolean;
}

export const SEVERITY_RANK: Record<Severity, number> = { info: 1, warning: 2, error: 3 };

export function isFixable(f: Finding): boolean {
  return f.fixes.some((x) => x.safe && x.edits.length > 0);
}

/** Only quick fixes in the editor: every fix of the finding may change behaviour, so `--fix` leaves it. */
function onlyUnsafeFixes(f: Finding): boolean {
  return !isFixable(f) && f.fixes.some((x) => x.edits.length > 0);
}

/**
 * `path` relative to `folder` when it is inside it, else undefined. Only a `..` segment leads
 * out: `..cache/Dockerfile` is a folder named `..cache` inside it.
 */
export function relativeInside(folder: string, path: string): string | undefined {
  // An absolute `dir/name` (POSIX, `name` a plain segment) from an absolute folder: `dir` as the
  // folder sees it, worked out once per folder and dir. `path.relative` resolves and splits both
  // paths in JavaScript, mostly cold: once per file (and per format), it took ~40M instructions
  // of the JSON output of the 553 corpus Dockerfiles. The tests compare both over generated paths.
  const slash = sep === '/' && path.charCodeAt(0) === SLASH && folder.charCodeAt(0) === SLASH ? path.lastIndexOf('/') : -1;
  if (slash > 0) {
    const name = path.slice(slash + 1);
    if (name !== '' && name !== '.' && name !== '..') {
      const dir = relativeDir(folder, path.slice(0, slash));
      // `dir` is the folder: the path is inside. `dir` outside it, or the folder inside `dir`: the path is outside.
      if (dir === '') return name;
      return isOutside(dir) ? undefined : dir + '/' + name;
    }
  }
  const rel = relative(folder, path);
  return rel === '' || isOutside(rel) ? undefined : rel;
}

const SLASH = 0x2f;

function isOutside(rel: string): boolean {
  return rel === '..' || rel.startsWith('..' + sep) || isAbsolute(rel);
}

/** `relative(folder, dir)` of absolute paths, cached: a run's files share a few folders. Bounded for long-lived processes. */
const relativeDirs = new Map<string, Map<string, string>>();
function relativeDir(folder: string, dir: string): string {
  let dirs = relativeDirs.get(folder);
  if (dirs === undefined) {
    if (relativeDirs.size >= 16) relativeDirs.clear();
    dirs = new Map();
    relativeDirs.set(folder, dirs);
  }
  let rel = dirs.get(dir);
  if (rel === undefined) {
    if (dirs.size >= 4096) dirs.clear();
    rel = relative(folder, dir);
    dirs.set(dir, rel);
  }
  return rel;
}

/** Path shown for a file: relative to the working folder when inside it, with `/`. */
export function displayPath(cwd: string, path: string): string {
  const shown = relativeInside(cwd, path) ?? path;
  return sep === '/' ? shown : shown.split(sep).join('/');
}

/** Path shown for a result: its name when it has one (standard input without a file name), else as `displayPath`. */
export function shownPath(root: string, r: Pick<FileResult, 'path' | 'name'>): string {
  return r.name ?? displayPath(root, r.path);
}

export function toJson(cwd: string, results: readonly FileResult[]): JsonFinding[] {
  const out: JsonFinding[] = [];
  for (const r of results) {
    const file = shownPath(cwd, r);
    for (const f of r.findings) {
      out.push({
        file,
        ruleId: f.ruleId,
        severity: f.severity,
        message: f.message,
        line: f.range.start.line + 1,
        column: f.range.start.character + 1,
        endLine: f.range.end.line + 1,
        endColumn: f.range.end.character + 1,
        fixable: isFixable(f),
      });
    }
  }
  return out;
}

/**
 * The JSON output text. Building the objects and letting `JSON.stringify` write them (natively,
 * in one flat string) takes half the time of concatenating the text per finding in JavaScript.
 */
export function formatJson(cwd: string, results: readonly FileResult[]): string {
  return JSON.stringify(toJson(cwd, results), null, 2) + '\n';
}

/** Any character outside ASCII (then UTF-8 and Latin-1 bytes differ). */
const NON_ASCII = /[^\x00-\x7f]/;

/**
 * The bytes of `formatJson` (UTF-8), for stdout. Node encodes a string to UTF-8 one character at a
 * time (~20 instructions each, ~40M for the JSON of the corpus's 5,298 findings) even when it is
 * all ASCII; a Latin-1 write of ASCII text is a copy. So the findings that are all ASCII (nearly
 * all: a few messages quote with `…`) are written that way, the others as UTF-8, in the order of
 * `formatJson`. The tests compare both over generated findings.
 */
export function formatJsonBytes(cwd: string, results: readonly FileResult[]): Buffer {
  const items = toJson(cwd, results);
  // Runs of findings, each written as `formatJson` writes them in the whole array (the same
  // indentation: they are items of a top-level array either way), and whether a run is ASCII.
  const pieces: string[] = [];
  const ascii: boolean[] = [];
  let bytes = 0;
  const add = (from: number, to: number, isAscii: boolean): void => {
    const text = JSON.stringify(items.slice(from, to), null, 2);
    const piece = text.slice(2, text.length - 2);
    pieces.push(piece);
    ascii.push(isAscii);
    bytes += isAscii ? piece.length : Buffer.byteLength(piece, 'utf8');
  };
  let start = 0;
  let lastFile = '';
  let fileAscii = true;
  for (let i = 0; i < items.length; i++) {
    const item = items[i]!;
    if (item.file !== lastFile) {
      lastFile = item.file;
      fileAscii = !NON_ASCII.test(lastFile);
    }
    if (fileAscii && !NON_ASCII.test(item.message) && !NON_ASCII.test(item.ruleId)) continue;
    if (i > start) add(start, i, true);
    add(i, i + 1, false);
    start = i + 1;
  }
  if (items.length > start) add(start, items.length, true);
  if (pieces.length === 0) return Buffer.from('[]\n', 'latin1');
  // `[\n`, the pieces with `,\n` between them, `\n]\n`.
  const out = Buffer.allocUnsafe(bytes + 2 * pieces.length + 3);
  let at = out.write('[\n', 0, 'latin1');
  for (let k = 0; k < pieces.length; k++) {
    if (k > 0) at += out.write(',\n', at, 'latin1');
    at += out.write(pieces[k]!, at, ascii[k] ? 'latin1' : 'utf8');
  }
  out.write('\n]\n', at, 'latin1');
  return out;
}

// ---- text -----------------------------------------------------------------------------

export interface TextOptions {
  color: boolean;
  /** Files that were checked (for the summary). */
  fileCount: number;
  /** With `--fix`: safe fixes applied / files written. */
  fixed?: { fixes: number; files: number };
  quiet?: boolean;
  /** Errors reported on stderr (missing paths, unreadable files, invalid config): the run failed. */
  errors?: number;
}

const ANSI = { reset: '\u001b[0m', bold: '\u001b[1m', dim: '\u001b[2m', underline: '\u001b[4m', red: '\u001b[31m', yellow: '\u001b[33m', blue: '\u001b[34m', green: '\u001b[32m' };

function paint(on: boolean, codes: string, s: string): string {
  return on ? codes + s + ANSI.reset : s;
}

const SEVERITY_COLOR: Record<Severity, string> = { error: ANSI.red, warning: ANSI.yellow, info: ANSI.blue };

function plural(n: number, word: string, pluralWord = word + 's'): string {
  return `${n} ${n === 1 ? word : pluralWord}`;
}

/** Findings counted by severity, the files holding them, how many `--fix` can fix and how many only the editor. */
interface Tally {
  counts: Record<Severity, number>;
  total: number;
  files: number;
  fixable: number;
  editorOnly: number;
}

function tally(results: readonly FileResult[]): Tally {
  const counts: Record<Severity, number> = { error: 0, warning: 0, info: 0 };
  let fixable = 0;
  let editorOnly = 0;
  let files = 0;
  for (const r of results) {
    if (r.findings.length > 0) files++;
    for (const f of r.findings) {
      counts[f.severity]++;
      if (isFixable(f)) fixable++;
      else if (onlyUnsafeFixes(f)) editorOnly++;
    }
  }
  return { counts, total: counts.error + counts.warning + counts.info, files, fixable, editorOnly };
}

/** `3 problems (1 error, 2 warnings, 0 infos) in 2 files (7 checked)`. */
function problemsLine(t: Tally, fileCount: number): string {
  const breakdown = `${plural(t.counts.error, 'error')}, ${plural(t.counts.warning, 'warning')}, ${plural(t.counts.info, 'info', 'infos')}`;
  return `${plural(t.total, 'problem')} (${breakdown}) in ${plural(t.files, 'file')} (${fileCount} checked)`;
}

function failedLine(errors: number): string | undefined {
  return errors > 0 ? `Check failed: see the ${errors === 1 ? 'error' : `${errors} errors`} above` : undefined;
}

/**
 * ESLint-stylish-like: findings grouped by file (a blank line between files), one line each
 * as `path:line:col  severity  message  rule-id` (clickable in terminals), then a summary.
 */
export function formatText(cwd: string, results: readonly FileResult[], opts: TextOptions): string {
  const c = opts.color;
  const lines: string[] = [];
  const t = tally(results);
  for (const r of results) {
    if (r.findings.length === 0) continue;
    const file = shownPath(cwd, r);
    const rows = r.findings.map((f) => ({ loc: `${file}:${f.range.start.line + 1}:${f.range.start.character + 1}`, f }));
    const locWidth = rows.reduce((w, x) => Math.max(w, x.loc.length), 0);
    const sevWidth = rows.reduce((w, x) => Math.max(w, x.f.severity.length), 0);
    if (lines.length > 0) lines.push('');
    lines.push(paint(c, ANSI.underline, file));
    for (const { loc, f } of rows) {
      // Each run of blanks holding a line break becomes one space. Not `/\s*\r?\n\s*/g`: tried at
      // each blank of a run, it was quadratic in a long run (messages quote a user's footer line).
      const message = f.message.replace(/\s+/g, (blanks) => (blanks.includes('\n') ? ' ' : blanks));
      lines.push(`  ${paint(c, ANSI.dim, loc.padEnd(locWidth))}  ${paint(c, SEVERITY_COLOR[f.severity], f.severity.padEnd(sevWidth))}  ${message}  ${paint(c, ANSI.dim, f.ruleId)}`);
    }
  }
  const fixLine = opts.fixed && opts.fixed.fixes > 0 ? `Fixed ${plural(opts.fixed.fixes, 'problem')} in ${plural(opts.fixed.files, 'file')}.` : undefined;
  const failed = failedLine(opts.errors ?? 0);
  if (t.total === 0) {
    if (opts.quiet) return fixLine ? fixLine + '\n' : '';
    // Never a success line beside an error: the files that were checked may be only some of them.
    const summary = failed
      ? paint(c, ANSI.bold + ANSI.red, `✖ ${failed} (${plural(opts.fileCount, 'file')} checked, no problems in them).`)
      : `${paint(c, ANSI.green, '✔')} No problems found in ${plural(opts.fileCount, 'file')}.`;
    return (fixLine ? fixLine + '\n' : '') + summary + '\n';
  }
  lines.push('');
  const summaryColor = t.counts.error > 0 ? ANSI.red : t.counts.warning > 0 ? ANSI.yellow : ANSI.blue;
  lines.push(paint(c, ANSI.bold + summaryColor, `✖ ${problemsLine(t, opts.fileCount)}`));
  if (failed) lines.push(`  ${failed}.`);
  if (fixLine) lines.push(`  ${fixLine} The problems above remain.`);
  if (t.fixable > 0) lines.push(`  ${plural(t.fixable, 'problem')} potentially fixable with the \`--fix\` option.`);
  if (t.editorOnly > 0) {
    lines.push(`  ${plural(t.editorOnly, 'problem has', 'problems have')} quick fixes to review in the editor (\`--fix\` leaves them out: they may change behaviour).`);
  }
  return lines.join('\n') + '\n';
}

// ---- SARIF ----------------------------------------------------------------------------

const SARIF_LEVEL: Record<Severity, 'error' | 'warning' | 'note'> = { error: 'error', warning: 'warning', info: 'note' };

export interface SarifOptions {
  version: string;
  /** `%SRCROOT%`, the folder result uris are relative to (default: `cwd`). */
  srcRoot?: string;
  /** Errors of the run (missing paths, unreadable files, invalid config): it did not succeed. */
  errors?: readonly string[];
  /** Files with a secret finding before any filtering (`--quiet` may hide the finding, not the value). */
  secretFiles?: ReadonlySet<string>;
}

interface SarifRegion {
  startLine: number;
  startColumn: number;
  endLine: number;
  endColumn: number;
}

function region(r: Finding['range']): SarifRegion {
  return { startLine: r.start.line + 1, startColumn: r.start.character + 1, endLine: r.end.line + 1, endColumn: r.end.character + 1 };
}

function encodePath(p: string): string {
  return p.split('/').map(encodeURIComponent).join('/');
}

/** SARIF 2.1.0 log with one run; paths relative to `opts.srcRoot` (`%SRCROOT%`, default: the working folder). */
export function toSarif(cwd: string, results: readonly FileResult[], opts: SarifOptions): Record<string, unknown> {
  const rules = allRules.map((r) => r.meta);
  const ruleIndex = new Map(rules.map((m, i) => [m.id, i]));
  const root = opts.srcRoot ?? cwd;
  const srcRoot = pathToFileURL(root).href.replace(/\/?$/, '/');
  const sarifResults: Record<string, unknown>[] = [];
  for (const r of results) {
    const inside = relativeInside(root, r.path) !== undefined;
    // A document without a file (standard input without a name) gets its name as a relative uri.
    const artifactLocation =
      r.name !== undefined ? { uri: encodePath(r.name) } : inside ? { uri: encodePath(displayPath(root, r.path)), uriBaseId: '%SRCROOT%' } : { uri: pathToFileURL(r.path).href };
    // Fix content quotes source text (e.g. a shell-form CMD rewritten to exec form), which can
    // repeat a secret value found on another line: no fixes at all in a file holding a secret.
    const holdsSecret = opts.secretFiles?.has(r.path) === true || r.findings.some((f) => f.secret);
    for (const f of r.findings) {
      const res: Record<string, unknown> = {
        ruleId: f.ruleId,
        level: SARIF_LEVEL[f.severity],
        message: { text: f.message },
        locations: [{ physicalLocation: { artifactLocation, region: region(f.range) } }],
      };
      const idx = ruleIndex.get(f.ruleId);
      if (idx !== undefined) res['ruleIndex'] = idx;
      const fixes = holdsSecret ? [] : f.fixes.filter((x) => x.edits.length > 0);
      if (fixes.length > 0) {
        res['fixes'] = fixes.map((x) => ({
          description: { text: x.title + (x.safe ? '' : ' (review: may change behaviour)') },
          artifactChanges: [
            {
              artifactLocation,
              replacements: x.edits.map((e) => ({ deletedRegion: region(e.range), insertedContent: { text: e.newText } })),
            },
          ],
        }));
      }
      sarifResults.push(res);
    }
  }
  return {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'infra-guide',
            version: opts.version,
            semanticVersion: opts.version,
            rules: rules.map((m) => ({
              id: m.id,
              name: m.id,
              shortDescription: { text: m.title },
              fullDescription: { text: m.rationale },
              // No `helpUri`: SARIF requires an absolute URI there (GitHub rejects a relative one), and
              // the rule docs have no public address; the help names their path in the package.
              help: {
                text: `${m.title}. ${m.rationale} Guide section: ${m.guideSection}. Docs: ${ruleDocPath(m.id)} in the infra-guide package.`,
                markdown: `**${m.title}.** ${m.rationale}\n\nGuide section: ${m.guideSection}. Docs: \`${ruleDocPath(m.id)}\` in the infra-guide package.`,
              },
              defaultConfiguration: { level: SARIF_LEVEL[m.severity] },
              // `fixSafety` (fixable rules only): whether `--fix` applies the rule's fixes (`safe`), never does
              // (`unsafe`: quick fixes to review in the editor), or only some of them (`mixed`).
              properties: { tags: [m.domain], guideSection: m.guideSection, fixable: m.fixable, ...(m.fixSafety ? { fixSafety: m.fixSafety } : {}), docs: ruleDocPath(m.id) },
            })),
          },
        },
        // Code scanning shows failed runs and their notifications instead of taking "no results" as clean.
        invocations: [
          opts.errors && opts.errors.length > 0
            ? { executionSuccessful: false, toolExecutionNotifications: opts.errors.map((text) => ({ level: 'error', message: { text } })) }
            : { executionSuccessful: true },
        ],
        originalUriBaseIds: { '%SRCROOT%': { uri: srcRoot } },
        columnKind: 'utf16CodeUnits',
        results: sarifResults,
      },
    ],
  };
}

export function formatSarif(cwd: string, results: readonly FileResult[], opts: SarifOptions): string {
  return JSON.stringify(toSarif(cwd, results, opts), null, 2) + '\n';
}

// ---- GitHub Actions -------------------------------------------------------------------

/**
 * A problem of the run itself, not a finding: a missing path, an unreadable file, a config
 * problem, a rule that failed. Shown on stderr, or as a workflow command with `--format github`.
 */
export interface RunProblem {
  level: 'error' | 'notice';
  /** As on stderr, without the `infra-guide: ` prefix. */
  message: string;
  /** Absolute path of the file it is about. */
  path?: string;
  range?: Range;
  /** The annotation's title (default `infra-guide`). */
  title?: string;
}

export interface GithubOptions {
  /** Folder `file=` paths are relative to: the git root, where GitHub resolves them (default: `cwd`). */
  root?: string;
  problems?: readonly RunProblem[];
}

const GITHUB_LEVEL: Record<Severity, 'error' | 'warning' | 'notice'> = { error: 'error', warning: 'warning', info: 'notice' };

/**
 * The docs path follows a message only while both stay short (most messages): an annotation
 * is read in a diff, and a long message is complete without it.
 */
export const GITHUB_HINT_MAX_LENGTH = 200;

/** Workflow command data: `%`, CR and LF escaped, so no text can start a line (a command) of its own. */
export function escapeGithubData(s: string): string {
  return s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** Workflow command property values: as data, plus `:` and `,`, which end a value. */
export function escapeGithubProperty(s: string): string {
  return escapeGithubData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

function githubCommand(level: string, props: Record<string, string | number | undefined>, message: string): string {
  const list = Object.entries(props)
    .filter((e): e is [string, string | number] => e[1] !== undefined)
    .map(([k, v]) => `${k}=${escapeGithubProperty(String(v))}`);
  return `::${level}${list.length > 0 ? ' ' + list.join(',') : ''}::${escapeGithubData(message)}`;
}

/**
 * 1-based `line`/`endLine`, and `col`/`endColumn` (exclusive, as in JSON) only for a range on one
 * line: GitHub annotations take columns on a single line only. A range ending at the start of a
 * line ends on the line before it.
 */
function githubPosition(r: Range): Record<string, number | undefined> {
  const endsAtLineStart = r.end.character === 0 && r.end.line > r.start.line;
  const endLine = endsAtLineStart ? r.end.line - 1 : r.end.line;
  const oneLine = endLine === r.start.line;
  return {
    line: r.start.line + 1,
    col: oneLine ? r.start.character + 1 : undefined,
    endLine: endLine + 1,
    endColumn: oneLine && !endsAtLineStart ? r.end.character + 1 : undefined,
  };
}

function githubMessage(f: Finding): string {
  if (!isKnownRule(f.ruleId)) return f.message;
  const hinted = `${f.message} (docs: ${ruleDocPath(f.ruleId)})`;
  return hinted.length <= GITHUB_HINT_MAX_LENGTH ? hinted : f.message;
}

/**
 * GitHub Actions workflow commands, one line each: the run's problems (as `::error`/`::notice`),
 * then one `::error`/`::warning`/`::notice` per finding, titled with its rule id. Every value is
 * escaped, so a message or path cannot inject a command; nothing else is printed.
 */
export function formatGithub(cwd: string, results: readonly FileResult[], opts: GithubOptions = {}): string {
  const root = opts.root ?? cwd;
  const lines: string[] = [];
  for (const p of opts.problems ?? []) {
    const [where, prefix] = githubLocation(root, p.path, undefined, p.range);
    lines.push(githubCommand(p.level, { ...where, title: p.title ?? 'infra-guide' }, prefix + p.message));
  }
  for (const r of results) {
    for (const f of r.findings) {
      const [where, prefix] = githubLocation(root, r.name === undefined ? r.path : undefined, r.name, f.range);
      lines.push(githubCommand(GITHUB_LEVEL[f.severity], { ...where, title: f.ruleId }, prefix + githubMessage(f)));
    }
  }
  return lines.length > 0 ? lines.join('\n') + '\n' : '';
}

/**
 * `file=` and the position of an annotation, for a file inside `root` (the repository GitHub
 * attaches annotations to). Anything else — a file outside it, unnamed standard input — has no
 * file GitHub could show: no `file=` (the annotation belongs to the job), and the message starts
 * with where it is instead (`<stdin>:2:1: `, an absolute path), so nothing is lost.
 */
function githubLocation(root: string, path: string | undefined, name: string | undefined, range: Range | undefined): [Record<string, string | number | undefined>, string] {
  const file = path === undefined ? undefined : relativeInside(root, path) === undefined ? undefined : displayPath(root, path);
  if (file !== undefined) return [{ file, ...(range ? githubPosition(range) : {}) }, ''];
  const shown = name ?? (path === undefined ? undefined : displayPath(root, path));
  if (shown === undefined || range === undefined) return [{}, ''];
  return [{}, `${shown}:${range.start.line + 1}:${range.start.character + 1}: `];
}

/** One summary line for stderr beside machine output: counts only, never a path or message. */
export function formatSummaryLine(results: readonly FileResult[], fileCount: number, errors = 0): string {
  const t = tally(results);
  const failed = failedLine(errors);
  if (t.total > 0) return `infra-guide: ${problemsLine(t, fileCount)}${failed ? `. ${failed}` : ''}\n`;
  return failed ? `infra-guide: ${failed} (${plural(fileCount, 'file')} checked, no problems in them)\n` : `infra-guide: no problems found in ${plural(fileCount, 'file')}\n`;
}

// ---- GitLab Code Quality --------------------------------------------------------------

/** One issue of a GitLab Code Quality report (the Code Climate subset GitLab reads). */
export interface CodeQualityIssue {
  description: string;
  check_name: string;
  fingerprint: string;
  severity: 'info' | 'minor' | 'major' | 'critical' | 'blocker';
  location: { path: string; lines: { begin: number } };
}

const GITLAB_SEVERITY: Record<Severity, CodeQualityIssue['severity']> = { info: 'info', warning: 'minor', error: 'major' };

export interface GitlabOptions {
  /** Folder `location.path` is relative to: the git root, GitLab's project root (default: `cwd`). */
  root?: string;
  /** Text of a 0-based line of a file (undefined when it cannot be read): what fingerprints hash. */
  lineText?: (path: string, line: number) => string | undefined;
  /** Files with a secret finding before any filtering: their fingerprints never hash source text. */
  secretFiles?: ReadonlySet<string>;
}

/**
 * Fingerprint: a SHA-256 (first 32 hex digits) of the rule id, the path, the text of the
 * finding's first line with its whitespace collapsed, and the number of earlier findings in the
 * report with those same three. No line number: an edit above a finding does not change it, so
 * GitLab does not report it as fixed and new. In a file holding a secret (or one that cannot be
 * read) the message stands in for the line text, which may be the secret's line.
 */
export function toGitlab(cwd: string, results: readonly FileResult[], opts: GitlabOptions = {}): CodeQualityIssue[] {
  const root = opts.root ?? cwd;
  const seen = new Map<string, number>();
  const out: CodeQualityIssue[] = [];
  for (const r of results) {
    const path = shownPath(root, r);
    const holdsSecret = opts.secretFiles?.has(r.path) === true || r.findings.some((f) => f.secret);
    for (const f of r.findings) {
      const line = holdsSecret ? undefined : opts.lineText?.(r.path, f.range.start.line);
      const key = JSON.stringify([f.ruleId, path, line === undefined ? ['message', f.message] : ['line', line.replace(/\s+/g, ' ').trim()]]);
      const occurrence = seen.get(key) ?? 0;
      seen.set(key, occurrence + 1);
      out.push({
        description: f.message,
        check_name: f.ruleId,
        fingerprint: sha256Hex(`${key}#${occurrence}`).slice(0, 32),
        severity: GITLAB_SEVERITY[f.severity],
        location: { path, lines: { begin: f.range.start.line + 1 } },
      });
    }
  }
  return out;
}

/**
 * node:crypto, loaded only for the GitLab report: Node compiles the module (and the ~15 it
 * loads) on first use, ~27M instructions that every other format would pay at start-up.
 */
function sha256Hex(text: string): string {
  const { createHash } = require('node:crypto') as typeof import('node:crypto');
  return createHash('sha256').update(text).digest('hex');
}

export function formatGitlab(cwd: string, results: readonly FileResult[], opts: GitlabOptions = {}): string {
  return JSON.stringify(toGitlab(cwd, results, opts), null, 2) + '\n';
}
