import type { Position, Range } from './types';

/**
 * Offsets where the lines of `text` start: 0, then after each LF, CRLF or lone CR (the same
 * table as vscode-languageserver-textdocument's).
 */
export function lineStarts(text: string): number[] {
  const starts = [0];
  if (!text.includes('\r')) {
    // The common case (LF only): let the native indexOf find line breaks.
    for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
    return starts;
  }
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10) starts.push(i + 1);
    else if (c === 13) {
      if (text.charCodeAt(i + 1) === 10) i++;
      starts.push(i + 1);
    }
  }
  return starts;
}

/** Maps between string offsets and 0-based line/character positions of one text. */
export class TextIndex {
  readonly lineStarts: number[];

  /** `starts`: the text's `lineStarts`, when already computed (never changed afterwards). */
  constructor(
    readonly text: string,
    starts?: number[],
  ) {
    this.lineStarts = starts ?? lineStarts(text);
  }

  get lineCount(): number {
    return this.lineStarts.length;
  }

  // `positionAt` and `offsetAt` run for most words and instructions of every file, nearly always in
  // V8's baseline tiers, where each `Math.min` / `Math.max` is a builtin call: they clamp with
  // comparisons that give the same results (NaN included).

  positionAt(offset: number): Position {
    const length = this.text.length;
    const o = offset > 0 ? (offset < length ? offset : length) : offset <= 0 ? 0 : offset; // Math.max(0, Math.min(offset, length))
    const starts = this.lineStarts;
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid]! <= o) lo = mid;
      else hi = mid - 1;
    }
    // An offset inside a CRLF pair (on the `\n`) maps to the end of the line's content. Only an
    // offset on the line's last code unit can be past it: no `lineEndOffset` call for the others.
    const next = starts[lo + 1];
    if (next === undefined || o < next - 1) return { line: lo, character: o - starts[lo]! };
    const end = this.lineEndOffset(lo);
    return { line: lo, character: (o > end ? end : o) - starts[lo]! };
  }

  offsetAt(pos: Position): number {
    if (pos.line >= this.lineStarts.length) return this.text.length;
    if (pos.line < 0) return 0;
    const start = this.lineStarts[pos.line]!;
    const character = pos.character;
    const o = start + (character > 0 ? character : character <= 0 ? 0 : character); // start + Math.max(0, character)
    // Before the line's last code unit: within its content, no `lineEndOffset` call (as in positionAt).
    const next = this.lineStarts[pos.line + 1];
    if (next !== undefined && o < next - 1) return o;
    const end = this.lineEndOffset(pos.line);
    return o < end ? o : o >= end ? end : o; // Math.min(o, end)
  }

  rangeOf(startOffset: number, endOffset: number): Range {
    const start = this.positionAt(startOffset);
    // Nearly every range (a word, an instruction's keyword) ends on the line it starts on: the
    // end's line is known then, without a second binary search. The same result as `positionAt`.
    const line = start.line;
    const starts = this.lineStarts;
    const lineStart = starts[line]!;
    const next = starts[line + 1];
    const length = this.text.length;
    const o = endOffset > 0 ? (endOffset < length ? endOffset : length) : endOffset <= 0 ? 0 : endOffset;
    if (o >= lineStart && (next === undefined || o < next)) {
      if (next === undefined || o < next - 1) return { start, end: { line, character: o - lineStart } };
      const end = this.lineEndOffset(line);
      return { start, end: { line, character: (o > end ? end : o) - lineStart } };
    }
    return { start, end: this.positionAt(endOffset) };
  }

  /** Offset of the end of a line's content, before its line break. */
  lineEndOffset(line: number): number {
    const next = this.lineStarts[line + 1];
    if (next === undefined) return this.text.length;
    let end = next;
    if (this.text.charCodeAt(end - 1) === 10) end--;
    if (this.text.charCodeAt(end - 1) === 13) end--;
    return end;
  }

  lineText(line: number): string {
    if (line < 0 || line >= this.lineStarts.length) return '';
    return this.text.slice(this.lineStarts[line], this.lineEndOffset(line));
  }

  /** The file's line break style, used when fixes insert new lines. */
  get eol(): string {
    const i = this.text.indexOf('\n');
    if (i > 0 && this.text.charCodeAt(i - 1) === 13) return '\r\n';
    if (i < 0 && this.text.includes('\r')) return '\r';
    return '\n';
  }
}

/** The empty range at the start of a file, where file-level findings point. */
/**
 * `text` as a string of its own. V8 makes a substring of 13 or more characters a view into the
 * string it was cut from, so a document's text cut from its file, and every string the parser
 * cuts from it, keeps the whole file alive: a cache of documents kept one copy of the file per
 * edit (~260 KB per keystroke in a 260 KB file). Concatenating makes a new string, which the
 * slice flattens into one of its own before cutting from it.
 */
export function detachedCopy(text: string): string {
  return (' ' + text).slice(1);
}

export const FILE_START_RANGE: Range = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };

export function pos(line: number, character: number): Position {
  return { line, character };
}

export function range(startLine: number, startChar: number, endLine: number, endChar: number): Range {
  return { start: { line: startLine, character: startChar }, end: { line: endLine, character: endChar } };
}

export function comparePositions(a: Position, b: Position): number {
  return a.line - b.line || a.character - b.character;
}

export function shiftRange(r: Range, lines: number): Range {
  if (lines === 0) return r;
  return {
    start: { line: r.start.line + lines, character: r.start.character },
    end: { line: r.end.line + lines, character: r.end.character },
  };
}

const isHighSurrogate = (c: number): boolean => c >= 0xd800 && c <= 0xdbff;
const isLowSurrogate = (c: number): boolean => c >= 0xdc00 && c <= 0xdfff;

/** Offset of `p` in the text, moved out of a surrogate pair: backwards (`-1`) or forwards (`1`). */
function fitOffset(index: TextIndex, p: Position, direction: -1 | 1): number {
  const o = index.offsetAt(p);
  const text = index.text;
  return isLowSurrogate(text.charCodeAt(o)) && isHighSurrogate(text.charCodeAt(o - 1)) ? o + direction : o;
}

const samePosition = (a: Position, b: Position): boolean => a.line === b.line && a.character === b.character;

/**
 * The offset of `p` when it is a valid position of the text that does not split a surrogate pair
 * (then `fitOffset` gives it in either direction and `positionAt` of it is `p` again), else -1.
 * Runs for both ends of every finding, nearly always cold: no calls but one `charCodeAt` for a
 * position before its line's last character (the line end is looked at only after it), and a
 * second only after a low surrogate.
 */
function exactOffset(index: TextIndex, p: Position): number {
  const line = p.line;
  const character = p.character;
  const starts = index.lineStarts;
  if (!(line >= 0 && line < starts.length && character >= 0)) return -1;
  const o = starts[line]! + character;
  const text = index.text;
  const next = starts[line + 1];
  // Up to the line's content end (`lineEndOffset`): any offset before the line's last code unit is.
  if (!(next !== undefined ? o < next - 1 : o < text.length) && !(o <= index.lineEndOffset(line))) return -1;
  const c = text.charCodeAt(o);
  if (c >= 0xdc00 && c <= 0xdfff) {
    const before = text.charCodeAt(o - 1);
    if (before >= 0xd800 && before <= 0xdbff) return -1;
  }
  return o;
}

/**
 * `r` as a range of valid positions of the text: lines and characters within it (never past a
 * line's end nor the last line), a start inside a surrogate pair (an emoji) moved before it and
 * an end inside one moved after it, the end not before the start. The same object when valid.
 */
export function fitRange(r: Range, index: TextIndex): Range {
  // Nearly every range is valid: check it in place, without mapping it to offsets and back (two
  // binary searches and two new positions per finding).
  const exactStart = exactOffset(index, r.start);
  if (exactStart >= 0 && exactOffset(index, r.end) >= exactStart) return r;
  const start = fitOffset(index, r.start, -1);
  const end = Math.max(start, fitOffset(index, r.end, 1));
  const s = index.positionAt(start);
  const e = index.positionAt(end);
  return samePosition(s, r.start) && samePosition(e, r.end) ? r : { start: s, end: e };
}

/**
 * The findings with ranges an editor or a CI annotation can take as they are (`fitRange`): rules
 * compute UTF-16 positions already, but a parser's error offset may point into a surrogate pair,
 * and a rule bug must not send a client a position it rejects.
 */
export function fitFindings<F extends { range: Range }>(findings: F[], index: TextIndex): F[] {
  // A new array only when a range changes: nearly every finding's range is valid already.
  let out: F[] | undefined;
  for (let i = 0; i < findings.length; i++) {
    const f = findings[i]!;
    const range = fitRange(f.range, index);
    if (range !== f.range) (out ??= findings.slice(0, i)).push({ ...f, range });
    else if (out !== undefined) out.push(f);
  }
  return out ?? findings;
}
