// The fix properties shared by the fix-property tests (corpus and hand-written inputs): applying
// one fix keeps the file parsing, removes that finding, adds no new error-severity finding and
// changes nothing outside its edits; fix-all converges and is idempotent.
import { parseAllDocuments } from 'yaml';
import type { Linter } from '../../server/src/engine/lint';
import { applyEdits, selectSafeFixes } from '../../server/src/engine/fix';
import { TextIndex } from '../../server/src/engine/text';
import type { DocumentKind, Finding, Fix, TextEdit } from '../../server/src/engine/types';

/** A file under test: its text, kind and the findings the linter gives it. */
export interface FixFile {
  path: string;
  /** How problems name the file. */
  name: string;
  kind: DocumentKind;
  text: string;
  findings: Finding[];
}

export const lintWith = (linter: Linter, f: Pick<FixFile, 'path' | 'kind'>, text: string) => linter.lint({ text, fileName: f.path, kind: f.kind }).findings;

/** Maps an offset of the original text through the (sorted, non-overlapping) edits. */
export function mapOffset(offset: number, edits: { start: number; end: number; text: string }[]): number {
  let delta = 0;
  for (const e of edits) {
    if (e.end <= offset && !(e.start === e.end && e.start === offset)) delta += e.text.length - (e.end - e.start);
    else if (e.start < offset) return e.start + delta; // inside an edit: its start
  }
  return offset + delta;
}

export function editInsideText(index: TextIndex, e: TextEdit): boolean {
  const { start, end } = e.range;
  return (
    start.line >= 0 && end.line < index.lineCount && start.character >= 0 &&
    start.character <= index.lineText(start.line).length && end.character <= index.lineText(end.line).length &&
    (start.line < end.line || (start.line === end.line && start.character <= end.character))
  );
}

export const countBy = (fs: Finding[], pred: (f: Finding) => boolean) => {
  const m = new Map<string, number>();
  for (const f of fs) if (pred(f)) m.set(f.ruleId, (m.get(f.ruleId) ?? 0) + 1);
  return m;
};

/** The changed span of `a` (start, end offsets in `a`), computed prefix-first and suffix-first. */
export function diffSpans(a: string, b: string): [number, number][] {
  const prefix = (limitA: number, limitB: number) => {
    let p = 0;
    while (p < limitA && p < limitB && a.charCodeAt(p) === b.charCodeAt(p)) p++;
    return p;
  };
  const suffix = (limitA: number, limitB: number) => {
    let s = 0;
    while (s < limitA && s < limitB && a.charCodeAt(a.length - 1 - s) === b.charCodeAt(b.length - 1 - s)) s++;
    return s;
  };
  const p1 = prefix(a.length, b.length);
  const s1 = suffix(a.length - p1, b.length - p1);
  const s2 = suffix(a.length, b.length);
  const p2 = prefix(a.length - s2, b.length - s2);
  return [
    [p1, a.length - s1],
    [p2, a.length - s2],
  ];
}

const YAML_KINDS: ReadonlySet<DocumentKind> = new Set<DocumentKind>(['kubernetes', 'compose', 'github-actions', 'gitlab-ci', 'woodpecker', 'prometheus-rules']);

/** Problems the YAML library reports for a YAML text, duplicate keys included (none for other kinds). */
export function yamlProblems(kind: DocumentKind, text: string): string[] {
  if (!YAML_KINDS.has(kind)) return [];
  return parseAllDocuments(text, { uniqueKeys: true, strict: false, logLevel: 'silent' } as never)
    .flatMap((d) => ('errors' in d ? d.errors : []))
    .map((e) => e.message.split('\n')[0]!);
}

const parseErrors = (fs: Finding[]) => fs.filter((f) => f.ruleId === 'infra-guide/parse-error');

/** Checks one fix of one finding; returns a problem description or undefined. */
export function checkFix(linter: Linter, file: FixFile, finding: Finding, fix: Fix): string | undefined {
  const where = `${file.name}:${finding.range.start.line + 1} ${finding.ruleId} fix "${fix.title}"`;
  const index = new TextIndex(file.text);
  if (fix.edits.length === 0) return `${where}: fix has no edits`;
  for (const e of fix.edits) if (!editInsideText(index, e)) return `${where}: edit ${JSON.stringify(e.range)} outside the text`;
  let after: string;
  try {
    after = applyEdits(file.text, fix.edits, index);
  } catch (e) {
    return `${where}: edits cannot be applied (${(e as Error).message})`;
  }
  if (after === file.text) return `${where}: fix changes nothing`;
  // Nothing outside the edits changed: the differing span lies within the edited span. An
  // insertion next to equal text is ambiguous, so the span is computed prefix-first and
  // suffix-first; either must fit.
  const resolved = fix.edits
    .map((e) => ({ start: index.offsetAt(e.range.start), end: index.offsetAt(e.range.end), text: e.newText }))
    .sort((a, b) => a.start - b.start);
  const minStart = resolved[0]!.start;
  const maxEnd = resolved[resolved.length - 1]!.end;
  // The minimal change can slide between the prefix-first and the suffix-first position.
  const [[right, rightEnd], [left]] = diffSpans(file.text, after);
  const len = rightEnd - right;
  const fits = Math.max(left, minStart) <= Math.min(right, maxEnd - len);
  if (!fits) return `${where}: text changed outside the edits (${JSON.stringify(diffSpans(file.text, after))}, edits ${minStart}..${maxEnd})`;

  const next = lintWith(linter, file, after);
  if (parseErrors(next).length > parseErrors(file.findings).length) return `${where}: result no longer parses: ${parseErrors(next)[0]!.message}`;
  if (yamlProblems(file.kind, after).length > yamlProblems(file.kind, file.text).length) return `${where}: result is no longer valid YAML: ${yamlProblems(file.kind, after)[0]}`;

  // Its own finding is gone: no finding of the same rule starts where this one now maps to (on
  // its line; at its very position when other findings of the rule share that line).
  const mapped = new TextIndex(after).positionAt(mapOffset(index.offsetAt(finding.range.start), resolved));
  const shared = file.findings.some((f) => f !== finding && f.ruleId === finding.ruleId && f.range.start.line === finding.range.start.line);
  const same = next.find((f) => f.ruleId === finding.ruleId && f.range.start.line === mapped.line && (!shared || f.range.start.character === mapped.character));
  if (same) return `${where}: finding still reported after the fix (${same.message})`;

  const errorsBefore = countBy(file.findings, (f) => f.severity === 'error');
  for (const [rule, n] of countBy(next, (f) => f.severity === 'error')) {
    if (n > (errorsBefore.get(rule) ?? 0)) return `${where}: introduces a new error finding ${rule}: ${next.find((f) => f.ruleId === rule && f.severity === 'error')!.message}`;
  }
  return undefined;
}

/** Fix-all of one file: it converges, is idempotent, still parses and adds no error finding. */
export function checkFixAll(linter: Linter, file: FixFile): string[] {
  const problems: string[] = [];
  const once = linter.fixAll({ text: file.text, fileName: file.path, kind: file.kind });
  const twice = linter.fixAll({ text: once.text, fileName: file.path, kind: file.kind });
  if (twice.text !== once.text || twice.applied !== 0) problems.push(`${file.name}: fix-all is not idempotent (${twice.applied} more fixes applied on the second run)`);
  if (selectSafeFixes(once.findings).length > 0) problems.push(`${file.name}: safe fixes left after fix-all: ${selectSafeFixes(once.findings).map((f) => f.title).join('; ')}`);
  if (parseErrors(once.findings).length > parseErrors(file.findings).length) problems.push(`${file.name}: fix-all result no longer parses`);
  if (yamlProblems(file.kind, once.text).length > yamlProblems(file.kind, file.text).length) problems.push(`${file.name}: fix-all result is no longer valid YAML`);
  const errorsBefore = countBy(file.findings, (f) => f.severity === 'error');
  for (const [rule, n] of countBy(once.findings, (f) => f.severity === 'error')) {
    if (n > (errorsBefore.get(rule) ?? 0)) problems.push(`${file.name}: fix-all introduces error finding ${rule}`);
  }
  return problems;
}
