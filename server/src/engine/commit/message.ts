// The guide's commit format, as pure helpers shared by the commit rules:
//
//   chore(#67): Configure Redis cluster
//
//   - Add Redis StatefulSet with 3 replicas
//   - Configure persistence with PVC
//
//   Refs #67
//
// Positions are line indices into `CommitDoc.lines`; only lines git keeps (`messageLines`)
// are looked at, so comment lines and everything below the verbose scissors line are ignored.
import type { CommitDoc } from './model';

export const DEFAULT_COMMIT_TYPES: readonly string[] = ['feat', 'fix', 'chore', 'docs', 'refactor', 'test', 'ci', 'perf', 'build'];

/**
 * What a commit type may be: a letter, then letters, digits and `-` (`feat`, `hot-fix`, `v2`).
 * `infraGuide.commit.types` has always accepted these (Conventional Commits asks for a noun;
 * commitlint any string), so the subject parser reads them all and the `types` option of
 * `.infra-guide.yaml` rejects anything else, which no subject could be matched against.
 */
export const COMMIT_TYPE = /^[A-Za-z][A-Za-z0-9-]*$/;
const TYPE = COMMIT_TYPE.source.slice(1, -1);

/** Subjects git or people write for commits the format does not apply to. */
const EXEMPT_SUBJECT = /^(Merge (branch|pull request|remote-tracking branch|tag|commit|changes|[0-9a-f]{7,40}\b)|Merge\s+'|Revert "|Reapply "|(fixup|squash|amend)! )/;

export function isExemptSubject(subject: string): boolean {
  return EXEMPT_SUBJECT.test(subject);
}

/** `Refs #67` (also `Refs: #67`, `Refs #67, #68`, `Refs #67 #68`), the footer the guide ends each commit with. */
export const REFS_LINE = /^Refs:?\s+(#\d+(?:\s*,\s*#\d+|\s+#\d+)*)\s*$/;

/**
 * A footer meant as `Refs #N` but not written the guide's way: another case (`refs`, `REFS`),
 * `Ref`, a number without `#`, a trailing `.`/`;`. Test on a trimmed line, after REFS_LINE.
 * Each blank can be matched one way only (as `\s*:?\s*#?\s*` could not): on a line that does
 * not match, backtracking over the ways to split runs of blanks took exponential time.
 */
export const LOOSE_REFS_LINE = /^refs?\s*(?::\s*)?(?:#\s*)?\d+(?:(?:\s+(?:,\s*)?|,\s*)(?:#\s*)?\d+)*\s*[.;]?$/i;

/** The guide's spelling of a (possibly loose) refs line's issues: `Refs #67`, `Refs #67, #68`. */
export function canonicalRefs(nums: readonly number[]): string {
  return `Refs ${nums.map((x) => `#${x}`).join(', ')}`;
}

/**
 * A git trailer line (`Signed-off-by: …`, `Co-authored-by: …`, `BREAKING CHANGE: …`), an issue
 * footer, or the `(cherry picked from commit …)` line `git cherry-pick -x` adds (a trailer to git).
 */
const TRAILER_LINE = /^([A-Za-z][A-Za-z0-9-]*|BREAKING CHANGE): \S|^(Refs|Closes|Fixes|Resolves|See)[:]?\s+#\d+|^\(cherry picked from commit [0-9a-f]{4,64}\)$/i;

export function isTrailerLine(line: string): boolean {
  return TRAILER_LINE.test(line);
}

/** The issues of a `Refs` line, exact (REFS_LINE) or loose (LOOSE_REFS_LINE); [] for other lines. */
export function refsNumbers(line: string): number[] {
  const t = line.trim();
  if (!REFS_LINE.test(t) && !LOOSE_REFS_LINE.test(t)) return [];
  return [...t.matchAll(/\d+/g)].map((x) => Number(x[0]));
}

export interface ParsedSubject {
  type: string;
  /** The issue number inside `(#N)`. */
  issue: number;
  /** Breaking-change marker `!` after the scope (Conventional Commits), tolerated. */
  breaking: boolean;
  /** The text after `: `. */
  text: string;
  /** Character offset of `text` in the subject line. */
  textStart: number;
}

const SUBJECT = new RegExp(`^(${TYPE})\\(#(\\d+)\\)(!?): (\\S.*)$`);

/** Parses `type(#N): Subject`; undefined when the subject does not have that shape. */
export function parseSubject(subject: string): ParsedSubject | undefined {
  const m = SUBJECT.exec(subject);
  if (!m) return undefined;
  const issue = Number(m[2]);
  if (!Number.isSafeInteger(issue) || issue <= 0) return undefined;
  return { type: m[1]!, issue, breaking: m[3] === '!', text: m[4]!, textStart: m[0].length - m[4]!.length };
}

const LOOSE_ISSUE = new RegExp(`^\\s*${TYPE}\\s*\\(\\s*#(\\d+)\\s*\\)`);

/** Loose parse for diagnostics: an issue number in the subject's `(#N)` even if the rest is off. */
export function looseIssueNumber(subject: string): number | undefined {
  const m = LOOSE_ISSUE.exec(subject);
  if (!m) return undefined;
  const n = Number(m[1]);
  return Number.isSafeInteger(n) && n > 0 ? n : undefined;
}

export interface CommitStructure {
  /** Line index of the subject (first non-blank line git keeps), if any. */
  subject: number | undefined;
  /** Kept lines after the subject, in order (line indices into `doc.lines`). */
  rest: number[];
  /** Last kept non-blank line. */
  last: number | undefined;
  /** Whether the message is exempt (merge, revert, fixup!/squash!/amend!). */
  exempt: boolean;
}

const structures = new WeakMap<CommitDoc, CommitStructure>();

export function commitStructure(doc: CommitDoc): CommitStructure {
  const cached = structures.get(doc);
  if (cached) return cached;
  let subject: number | undefined;
  const rest: number[] = [];
  let last: number | undefined;
  for (const i of doc.messageLines) {
    const text = doc.lines[i]!;
    if (subject === undefined) {
      if (text.trim() === '') continue;
      subject = i;
      last = i;
      continue;
    }
    rest.push(i);
    if (text.trim() !== '') last = i;
  }
  const exempt = subject !== undefined && isExemptSubject(doc.lines[subject]!);
  const s: CommitStructure = { subject, rest, last, exempt };
  structures.set(doc, s);
  return s;
}

/** Paragraphs of the body (after the subject): runs of non-blank kept lines. */
export function bodyParagraphs(doc: CommitDoc): number[][] {
  const { rest } = commitStructure(doc);
  const out: number[][] = [];
  let cur: number[] = [];
  for (const i of rest) {
    if (doc.lines[i]!.trim() === '') {
      if (cur.length) out.push(cur);
      cur = [];
    } else cur.push(i);
  }
  if (cur.length) out.push(cur);
  return out;
}

/**
 * Lines of the footer, in order: the trailing run of trailer lines (`Refs #N`, `Signed-off-by: …`)
 * of the last paragraph and, when that paragraph is all trailers, the same run of the paragraph
 * before it as long as that run holds a `Refs` line. `git commit -s` and `--trailer` do not read
 * `Refs #67` (no colon) as a trailer, so they add theirs as a new paragraph after it.
 */
export function footerLines(doc: CommitDoc): number[] {
  const paragraphs = bodyParagraphs(doc);
  const isFooter = (i: number) => isTrailerLine(doc.lines[i]!.trim()) || refsNumbers(doc.lines[i]!).length > 0;
  // Runs gathered from the end, then joined in order: linear in the number of lines, and no
  // spread of a run into arguments (a run of 200 000 trailer lines overflows the stack).
  const runs: number[][] = [];
  for (let p = paragraphs.length - 1; p >= 0; p--) {
    const para = paragraphs[p]!;
    let k = para.length;
    while (k > 0 && isFooter(para[k - 1]!)) k--;
    const run = para.slice(k);
    if (p < paragraphs.length - 1 && !run.some((i) => refsNumbers(doc.lines[i]!).length > 0)) break;
    runs.push(run);
    if (k > 0) break;
  }
  return runs.reverse().flat();
}

/** The subject's issue number when the subject is checkable (not exempt), else undefined. */
export function subjectIssue(doc: CommitDoc): number | undefined {
  const s = commitStructure(doc);
  if (s.subject === undefined || s.exempt) return undefined;
  const line = doc.lines[s.subject]!;
  return parseSubject(line)?.issue ?? looseIssueNumber(line);
}
