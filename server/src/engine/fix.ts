import { TextIndex, comparePositions } from './text';
import type { Finding, Fix, TextEdit } from './types';

/** Applies non-overlapping edits to a text. Throws on overlap: a fix must be coherent. */
export function applyEdits(text: string, edits: readonly TextEdit[], index = new TextIndex(text)): string {
  const resolved = edits
    .map((e) => ({ start: index.offsetAt(e.range.start), end: index.offsetAt(e.range.end), text: e.newText }))
    .sort((a, b) => a.start - b.start || a.end - b.end);
  let out = '';
  let cursor = 0;
  for (const e of resolved) {
    if (e.start < cursor) throw new Error('overlapping edits');
    out += text.slice(cursor, e.start) + e.text;
    cursor = e.end;
  }
  return out + text.slice(cursor);
}

/** Whether two edits overlap; two insertions at the same point would have an undefined order, so they do. */
function editPairOverlaps(x: TextEdit, y: TextEdit): boolean {
  const xBeforeY = comparePositions(x.range.end, y.range.start) <= 0;
  const yBeforeX = comparePositions(y.range.end, x.range.start) <= 0;
  const samePointInsert = comparePositions(x.range.start, y.range.start) === 0 && comparePositions(x.range.end, y.range.end) === 0;
  return (!xBeforeY && !yBeforeX) || samePointInsert;
}

/**
 * Edits chosen so far, listed under every line they touch: two edits that share no line cannot
 * overlap, so a new edit is compared only with those on its own lines (fix-all on a file with
 * thousands of findings would otherwise compare every pair).
 */
class ChosenEdits {
  private readonly byLine = new Map<number, TextEdit[]>();

  overlaps(edits: readonly TextEdit[]): boolean {
    for (const x of edits) {
      for (let line = x.range.start.line; line <= x.range.end.line; line++) {
        for (const y of this.byLine.get(line) ?? []) if (editPairOverlaps(x, y)) return true;
      }
    }
    return false;
  }

  add(edits: readonly TextEdit[]): void {
    for (const e of edits) {
      for (let line = e.range.start.line; line <= e.range.end.line; line++) {
        const list = this.byLine.get(line);
        if (list) list.push(e);
        else this.byLine.set(line, [e]);
      }
    }
  }
}

/** The first safe fix of each finding, skipping fixes that overlap an earlier choice. */
export function selectSafeFixes(findings: readonly Finding[]): Fix[] {
  const chosen: Fix[] = [];
  const taken = new ChosenEdits();
  for (const f of findings) {
    const fix = f.fixes.find((x) => x.safe);
    if (!fix || fix.edits.length === 0) continue;
    if (taken.overlaps(fix.edits)) continue;
    chosen.push(fix);
    taken.add(fix.edits);
  }
  return chosen;
}

/** One pass of fix-all: all non-conflicting safe fixes applied at once. */
export function applySafeFixes(text: string, findings: readonly Finding[]): { text: string; applied: number } {
  const fixes = selectSafeFixes(findings);
  if (fixes.length === 0) return { text, applied: 0 };
  return { text: applyEdits(text, fixes.flatMap((f) => f.edits)), applied: fixes.length };
}

/**
 * The smallest single edit turning `before` into `after` (common prefix and suffix kept),
 * so editors move no cursor or marker outside what really changed.
 */
export function minimalEdit(before: string, after: string, index = new TextIndex(before)): TextEdit | undefined {
  if (before === after) return undefined;
  let start = 0;
  const max = Math.min(before.length, after.length);
  while (start < max && before.charCodeAt(start) === after.charCodeAt(start)) start++;
  // Do not split a CRLF pair or a surrogate pair.
  if (start > 0 && before.charCodeAt(start - 1) === 13) start--;
  if (start > 0 && (before.charCodeAt(start) & 0xfc00) === 0xdc00) start--;
  let endB = before.length;
  let endA = after.length;
  while (endB > start && endA > start && before.charCodeAt(endB - 1) === after.charCodeAt(endA - 1)) {
    endB--;
    endA--;
  }
  if (endB < before.length && before.charCodeAt(endB) === 10 && before.charCodeAt(endB - 1) === 13 && endB > start) {
    endB--;
    endA--;
  }
  return { range: index.rangeOf(start, endB), newText: after.slice(start, endA) };
}
