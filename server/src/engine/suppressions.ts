// Comment pragmas that silence findings. One pure module so the server, CLI and tests
// agree on the grammar:
//   # infra-guide ignore=<id>[,<id>] -- <reason>        (applies to the next non-comment line)
//   # infra-guide ignore-file=<id>[,<id>] -- <reason>   (applies to the whole file)
// Pragmas are whole comment lines and case-sensitive (like hadolint's). A malformed pragma, one
// in the wrong case or an unknown rule id is reported, never silently ignored; so is a rule id
// that silenced nothing (like ESLint's `reportUnusedDisableDirectives`).
import type { DocumentKind, Finding, Fix, Range, TextEdit } from './types';
import { parserDirectiveLines, parserDirectiveName } from './dockerfile/directives';
import { TextIndex } from './text';

export const PRAGMA_RULE_IDS = {
  malformed: 'infra-guide/malformed-pragma',
  unknownRule: 'infra-guide/unknown-rule-in-pragma',
  missingReason: 'infra-guide/pragma-missing-reason',
  notAllowed: 'infra-guide/pragma-not-allowed',
  unused: 'infra-guide/unused-pragma',
} as const;

export interface PragmaPolicy {
  /** Pragmas are honoured at all (a team may forbid them). */
  allow: boolean;
  /** Each pragma must carry `-- <reason>`. */
  requireReason: boolean;
}

/** One honoured pragma: a comment line listing rule ids. */
export interface Pragma {
  line: number;
  /** From the `#` to the end of the line. */
  range: Range;
  fileLevel: boolean;
  /** Ranges of all ids the pragma lists, in order (unknown ones included). */
  idRanges: Range[];
  /** The known ids, each of which may silence findings. */
  entries: PragmaEntry[];
}

/** A known rule id listed by a pragma; `used` once it silenced a finding. */
export interface PragmaEntry {
  id: string;
  pragma: Pragma;
  /** Index of the id in `pragma.idRanges`. */
  position: number;
  used: boolean;
}

export interface Suppressions {
  /** Target line → rule id → the first pragma entry silencing it there. */
  lines: Map<number, Map<string, PragmaEntry>>;
  /** Rule id → the first file-level pragma entry silencing it. */
  file: Map<string, PragmaEntry>;
  /** Honoured pragmas, in line order. */
  pragmas: Pragma[];
  problems: Finding[];
}

const PRAGMA_START = /^(\s*)#\s*infra-guide\b/;
// Matched against the line without its trailing blanks: a trailing `\s*$` after `\s*` or a lazy
// `(.*?)` retried at each blank of a run, quadratic in a long run of blanks on the line.
const PRAGMA = /^\s*#\s*infra-guide\s+(ignore|ignore-file)=([A-Za-z0-9_./-]+(?:\s*,\s*[A-Za-z0-9_./-]+)*)(?:\s*--\s*(.*))?$/;
// The shape of a pragma in any case: comment marker, `infra-guide`, a pragma keyword and `=`.
// Prose that merely names the project ("# Infra-Guide checks this file") does not have it.
const PRAGMA_SHAPE_ANY_CASE = /^(\s*)(#\s*)(infra-guide\s+ignore(?:-file)?)\s*=/i;

function problem(ruleId: string, range: Range, message: string, fixes: Fix[] = []): Finding {
  return { ruleId, severity: 'warning', message, range, fixes };
}

/** Whether `text` may hold a pragma at all: most files have none and skip suppression handling. */
export function hasSuppressions(text: string): boolean {
  // In any case, for pragmas written in the wrong case (as fast as `includes` in V8).
  return ANY_CASE_NAME.test(text);
}

const ANY_CASE_NAME = /infra-guide/i;

// A pragma written loosely (any case, blanks around `=` and the commas) whose keyword and ids
// parse: its intent is clear, and it has one canonical form. The reason starts at the match's end.
const LOOSE_PRAGMA = /^(\s*)#\s*infra-guide\s+(ignore-file|ignore)\s*=\s*([A-Za-z0-9_./-]+(?:\s*,\s*[A-Za-z0-9_./-]+)*)(?:\s*(--)\s*|\s*$)/i;

/**
 * A fix rewriting a loosely written pragma into the canonical `# infra-guide ignore=<id>,<id> --
 * <reason>` (rule ids as written, the reason byte for byte), or undefined when it does not parse.
 * Not safe: once honoured, the pragma silences findings.
 */
function canonicalPragmaFix(lineText: string, line: number): Fix | undefined {
  const m = LOOSE_PRAGMA.exec(lineText);
  if (!m) return undefined;
  const canonical = `# infra-guide ${m[2]!.toLowerCase()}=${m[3]!.split(',').map((id) => id.trim()).join(',')}`;
  const hasReason = m[4] !== undefined && m[0].length < lineText.length;
  const end = m[4] === undefined ? lineText.length : m[0].length;
  const edit: TextEdit = {
    range: { start: { line, character: m[1]!.length }, end: { line, character: end } },
    newText: m[4] === undefined ? canonical : `${canonical} --${hasReason ? ' ' : ''}`,
  };
  return { title: `Rewrite as \`${canonical}\``, edits: [edit], safe: false };
}

/**
 * `# Infra-Guide ignore=…`: the shape of a pragma, but not in lower case. Such a line is not
 * honoured (pragmas are case-sensitive); it is reported with a fix that rewrites it into the
 * canonical form, or lower-cases the prefix and keyword only when the rest does not parse (rule
 * ids and reason stay as written).
 */
function wrongCaseProblem(lineText: string, line: number): Finding | undefined {
  const m = PRAGMA_SHAPE_ANY_CASE.exec(lineText);
  if (!m) return undefined;
  const written = m[3]!;
  const lower = written.toLowerCase();
  if (written === lower) return undefined;
  const at = m[1]!.length + m[2]!.length;
  const edit: TextEdit = { range: { start: { line, character: at }, end: { line, character: at + written.length } }, newText: lower };
  return problem(
    PRAGMA_RULE_IDS.malformed,
    { start: { line, character: m[1]!.length }, end: { line, character: lineText.length } },
    `Pragmas are written in lower case: \`${lower}\`, not \`${written}\`. As written, this line silences nothing.`,
    // Not safe: once honoured, the pragma silences findings.
    [canonicalPragmaFix(lineText, line) ?? { title: `Write \`${lower}\` in lower case`, edits: [edit], safe: false }],
  );
}

/**
 * Whether a pragma's reason says anything: it has a letter or digit in any script. `-- --`,
 * `-- .` or a zero-width space (which `trim` keeps) say nothing.
 */
function saysSomething(reason: string | undefined): boolean {
  return reason !== undefined && /[\p{L}\p{N}]/u.test(reason);
}

export function parseSuppressions(
  text: string,
  index: TextIndex,
  isKnownRule: (id: string) => boolean,
  policy: PragmaPolicy,
  /** Lines that are part of a value although they look like comments (YAML block scalar content). */
  isValueLine: (line: number) => boolean = () => false,
): Suppressions {
  const result: Suppressions = { lines: new Map(), file: new Map(), pragmas: [], problems: [] };
  if (!hasSuppressions(text)) return result;
  let pending: PragmaEntry[] | undefined;
  const silenceOnLine = (line: number): void => {
    if (!pending) return;
    let silenced = result.lines.get(line);
    if (!silenced) result.lines.set(line, (silenced = new Map()));
    for (const entry of pending) if (!silenced.has(entry.id)) silenced.set(entry.id, entry);
    pending = undefined;
  };
  for (let line = 0; line < index.lineCount; line++) {
    const lineText = index.lineText(line);
    const start = PRAGMA_START.exec(lineText);
    if (!start) {
      const trimmed = lineText.trim();
      if (trimmed === '' || trimmed.startsWith('#')) {
        // Comment lines are skipped, but `# Infra-Guide ignore=…` is reported (unless it is data).
        const wrongCase = trimmed === '' ? undefined : wrongCaseProblem(lineText, line);
        if (wrongCase && !isValueLine(line)) result.problems.push(wrongCase);
      } else silenceOnLine(line);
      continue;
    }
    // A `# infra-guide …` line inside a value (a shell script in `run: |`, say) is data, not a pragma.
    if (isValueLine(line)) {
      silenceOnLine(line);
      continue;
    }
    const range: Range = { start: { line, character: start[1]!.length }, end: { line, character: lineText.length } };
    const wrongCase = wrongCaseProblem(lineText, line);
    if (wrongCase) {
      result.problems.push(wrongCase);
      continue;
    }
    const m = PRAGMA.exec(lineText.trimEnd());
    if (!m) {
      const canonical = canonicalPragmaFix(lineText, line);
      result.problems.push(
        problem(
          PRAGMA_RULE_IDS.malformed,
          range,
          'Malformed infra-guide pragma: expected `# infra-guide ignore=<rule-id>[,<rule-id>] -- <reason>` or `ignore-file=`.',
          canonical ? [canonical] : [],
        ),
      );
      continue;
    }
    if (!policy.allow) {
      result.problems.push(problem(PRAGMA_RULE_IDS.notAllowed, range, 'Suppression pragmas are not allowed by this project\'s infra-guide configuration.'));
      continue;
    }
    if (policy.requireReason && !saysSomething(m[3])) {
      const message = m[3]?.trim()
        ? 'This project requires a reason for each suppression: the reason after `--` has no letter or digit, say why in words.'
        : 'This project requires a reason for each suppression: add `-- <reason>`.';
      result.problems.push(problem(PRAGMA_RULE_IDS.missingReason, range, message));
      continue;
    }
    const pragma: Pragma = { line, range, fileLevel: m[1] === 'ignore-file', idRanges: [], entries: [] };
    let idOffset = lineText.indexOf('=') + 1;
    for (const raw of m[2]!.split(',')) {
      const id = raw.trim();
      const at = lineText.indexOf(id, idOffset);
      idOffset = at + id.length;
      const idRange: Range = { start: { line, character: at }, end: { line, character: at + id.length } };
      pragma.idRanges.push(idRange);
      if (!isKnownRule(id)) {
        result.problems.push(problem(PRAGMA_RULE_IDS.unknownRule, idRange, `Unknown rule id \`${id}\` in infra-guide pragma.`));
        continue;
      }
      pragma.entries.push({ id, pragma, position: pragma.idRanges.length - 1, used: false });
    }
    result.pragmas.push(pragma);
    if (pragma.fileLevel) {
      for (const entry of pragma.entries) if (!result.file.has(entry.id)) result.file.set(entry.id, entry);
    } else if (pragma.entries.length > 0) {
      // Appended in place (the list is this run's own): a copy per pragma was quadratic in a run
      // of pragma lines. No spread into arguments: a commit message's line may list 100k ids.
      pending ??= [];
      for (const entry of pragma.entries) pending.push(entry);
    }
  }
  return result;
}

/**
 * Whether a finding at `anchorLine` (the first line of its instruction/node) is silenced. The
 * pragma entry that silences it is marked used: a line pragma before a file-level one.
 */
export function isSuppressed(s: Suppressions, ruleId: string, anchorLine: number, startLine: number): boolean {
  const entry =
    s.lines.get(anchorLine)?.get(ruleId) ?? (anchorLine !== startLine ? s.lines.get(startLine)?.get(ruleId) : undefined) ?? s.file.get(ruleId);
  if (!entry) return false;
  entry.used = true;
  return true;
}

/** Files of each kind, in the plural, for messages. */
export const KIND_LABELS: Readonly<Record<DocumentKind, string>> = {
  dockerfile: 'Dockerfiles',
  kubernetes: 'Kubernetes manifests',
  compose: 'Compose files',
  'github-actions': 'GitHub Actions workflows',
  'gitlab-ci': 'GitLab CI files',
  woodpecker: 'Woodpecker pipelines',
  'prometheus-rules': 'Prometheus rule files',
  yaml: 'plain YAML files',
  'commit-message': 'commit messages',
  'infra-guide-config': 'Infra Guide config files',
};

/** What a pragma's rule id can do in the file being linted. */
export type PragmaRuleStatus =
  /** The rule ran on this file: an entry that silenced nothing is unused. */
  | 'active'
  /** Nothing to say: the rule is switched off, or threw, or the file was only partly checked. */
  | 'unknown'
  /** The rule never runs on files of this kind (e.g. a Kubernetes rule in a Dockerfile). */
  | 'other-kind';

/**
 * `infra-guide/unused-pragma` findings: one per rule id of a pragma that silenced nothing (after
 * `isSuppressed` ran on every finding), with a safe fix removing that id, or the whole pragma
 * line when it lists no other id.
 */
export function unusedPragmaFindings(
  s: Suppressions,
  index: TextIndex,
  statusOf: (ruleId: string) => PragmaRuleStatus,
  kind: DocumentKind,
): Finding[] {
  const out: Finding[] = [];
  // Counted once, not per pragma: a Dockerfile repeating its directives has that many lines to read.
  let directiveLines: number | undefined;
  const directivesEnd = (): number => (directiveLines ??= parserDirectiveLines(index));
  for (const pragma of s.pragmas) {
    for (const entry of pragma.entries) {
      if (entry.used) continue;
      const status = statusOf(entry.id);
      if (status === 'unknown') continue;
      const where = pragma.fileLevel ? 'in this file' : 'on the line this pragma covers';
      const message =
        status === 'other-kind'
          ? `\`${entry.id}\` does not apply to ${KIND_LABELS[kind]}: this pragma can never silence it.`
          : `Unused pragma: \`${entry.id}\` reports nothing ${where}.`;
      const single = pragma.idRanges.length === 1;
      out.push({
        ruleId: PRAGMA_RULE_IDS.unused,
        severity: 'info',
        message,
        range: single ? pragma.range : pragma.idRanges[entry.position]!,
        fixes: [
          single
            ? { title: 'Remove the unused pragma', edits: [removePragmaLineEdit(index, pragma.line, kind, directivesEnd)], safe: true }
            : { title: `Remove \`${entry.id}\` from the pragma`, edits: [removeIdEdit(pragma, entry.position)], safe: true },
        ],
      });
    }
  }
  return out;
}

/**
 * Removes a pragma line with its line break (the previous line's break for the last line). In
 * a Dockerfile, a pragma right after the parser directives ends them: when a line after it looks
 * like a directive too (past other pragmas, which fix-all may remove in the same pass), only the
 * pragma text goes, so that blank line keeps ending them.
 */
function removePragmaLineEdit(index: TextIndex, line: number, kind: DocumentKind, directivesEnd: () => number): TextEdit {
  if (kind === 'dockerfile' && directivesEnd() >= line) {
    let next = line + 1;
    while (next < index.lineCount && PRAGMA_START.test(index.lineText(next))) next++;
    // Also a directive given twice: freed, it would fail the build.
    if (parserDirectiveName(index.lineText(next)) !== undefined) {
      return { range: { start: { line, character: 0 }, end: { line, character: index.lineText(line).length } }, newText: '' };
    }
  }
  if (line + 1 < index.lineCount) return { range: { start: { line, character: 0 }, end: { line: line + 1, character: 0 } }, newText: '' };
  const end = { line, character: index.lineText(line).length };
  if (line === 0) return { range: { start: { line, character: 0 }, end }, newText: '' };
  return { range: { start: { line: line - 1, character: index.lineText(line - 1).length }, end }, newText: '' };
}

/** Removes one id of a pragma's list with the comma separating it from its neighbour. */
function removeIdEdit(pragma: Pragma, position: number): TextEdit {
  const ids = pragma.idRanges;
  const range: Range =
    position === 0
      ? { start: ids[0]!.start, end: ids[1]!.start }
      : { start: ids[position - 1]!.end, end: ids[position]!.end };
  return { range, newText: '' };
}
