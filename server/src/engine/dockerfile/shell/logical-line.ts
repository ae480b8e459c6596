import { OffsetMap } from './offset-map';

const TAB = 9;
const SPACE = 32;
const BACKSLASH = 92;
const HASH = 35;

/**
 * The last text asked about, and whether it has a `\r`: most files have none, and then only `\n`
 * ends a line. Texts compare by value: telling an equal copy (the same file linted again) from
 * the kept text reads both through, so the latest text is always kept, and the next call
 * compares a string with itself, at once (keeping only a different text read the file per call).
 */
let crText = '';
let crFree = true;

/** Index of the first `\r` at or after `i` in `text` (`text.length` if none). */
function nextCR(text: string, i: number): number {
  if (text !== crText) crFree = text.indexOf('\r') < 0;
  crText = text;
  if (crFree) return text.length;
  const k = text.indexOf('\r', i);
  return k < 0 ? text.length : k;
}

/** End of the physical line at `i`: its first `\n` or `\r`, or `to`. */
function physicalEnd(text: string, i: number, to: number): number {
  let e = text.indexOf('\n', i);
  if (e < 0 || e > to) e = to;
  const r = nextCR(text, i);
  return r < e ? r : e;
}

/** Index before the blanks (spaces and tabs) that end `text[from, to)`. */
function trimEnd(text: string, from: number, to: number): number {
  let k = to;
  while (k > from && (text[k - 1] === ' ' || text[k - 1] === '\t')) k--;
  return k;
}

/**
 * Whether the line `text[from, to)` is a comment: its first character other than blanks is `#`.
 * Read from the line itself: a cached search for the text's next `#` (one per text, as lines
 * come in order) made a RUN of 200,000 continued lines take 3 s once the code was optimized,
 * four times as long for twice the lines.
 */
function isComment(text: string, from: number, to: number): boolean {
  let k = from;
  while (k < to && (text.charCodeAt(k) === SPACE || text.charCodeAt(k) === TAB)) k++;
  return k < to && text.charCodeAt(k) === HASH;
}

/** Width of the line break at `e`: 2 for `\r\n`, else 1. */
function breakWidth(text: string, e: number): number {
  return text[e] === '\r' && text[e + 1] === '\n' ? 2 : 1;
}

/**
 * The logical first line of an instruction from `from` to `to`: Dockerfile line continuations and
 * the comment / empty lines inside them removed (Docker does this before the shell sees the
 * text, ignoring quotes). `offs.at(i)` is the document offset of `s[i]`; `lineEnd` is where the
 * logical line ended (a line break, or `to`).
 *
 * A physical line continues when its last character other than blanks is the escape character.
 * With the usual escape character and `\n` line breaks, the line breaks are found with `indexOf`
 * (`logicalLineByBreaks`); other texts, and the rare lines that reach `to` in the middle of a
 * continuation, are read one physical line at a time.
 */
export function logicalLine(text: string, from: number, to: number, esc: string): { s: string; offs: OffsetMap; lineEnd: number } {
  if (esc === '\\' && from < to && nextCR(text, from) === text.length) {
    const line = logicalLineByBreaks(text, from, to);
    if (line !== undefined) return line;
  }
  return logicalLineByLines(text, from, to, esc);
}

/**
 * `logicalLine` for a text without `\r` and the escape `\\`; undefined when `to` cuts it short.
 * Each piece ends at a line break, which `indexOf` finds in native code far faster than a regex
 * search for `\\` or `\n` (an unanchored regex tries every position: it was ~20 instructions
 * per character); the piece is continued when a `\\` and blanks only come before the break.
 */
function logicalLineByBreaks(text: string, from: number, to: number): { s: string; offs: OffsetMap; lineEnd: number } | undefined {
  let s = '';
  // The offset map's runs, collected here (one per piece: pieces never touch, a continuation is
  // between them) and handed over at the end, rather than with an `OffsetMap.add` call each.
  const runStarts: number[] = [];
  const runDocs: number[] = [];
  let length = 0;
  let kept = from; // the piece being read starts here
  for (;;) {
    const lineBreak = text.indexOf('\n', kept);
    const at = lineBreak < 0 ? text.length : lineBreak;
    // Where the piece ends: before the `\\` of a continuation, or at the line break. `last` is the
    // code of the character before `end` (0 for none), read once per character (a call each in
    // V8's unoptimized tiers, where the first files of a CLI run are read).
    let end = at;
    let last = end > kept ? text.charCodeAt(end - 1) : 0;
    while (last === SPACE || last === TAB) {
      end--;
      last = end > kept ? text.charCodeAt(end - 1) : 0;
    }
    // A comment or empty line after a continuation, which Docker drops too: told from what this
    // loop reads anyway, not by a regex call per continued line (some 30,000 per corpus pass).
    if (kept > from && lineBreak >= 0 && (end === kept || isComment(text, kept, at))) {
      kept = lineBreak + 1;
      if (kept >= to) return undefined;
      continue;
    }
    const continued = lineBreak >= 0 && last === BACKSLASH;
    if (!continued) {
      // The logical line ends here. At the end of the text, a last line that ends in the escape
      // or is a comment after a continuation would still continue or be dropped: read by lines.
      if (at > to || (lineBreak < 0 && (last === BACKSLASH || (kept > from && isComment(text, kept, at))))) return undefined;
      end = at;
    } else {
      end--;
    }
    s += text.slice(kept, end);
    if (end > kept) {
      runStarts.push(length);
      runDocs.push(kept);
      length += end - kept;
    }
    if (!continued) return { s, offs: new OffsetMap(runStarts, runDocs, length), lineEnd: at };
    kept = lineBreak + 1;
    if (kept >= to) return undefined;
  }
}

/** @internal `logicalLine` one physical line at a time, for any escape character and line break (and tests). */
export function logicalLineByLines(text: string, from: number, to: number, esc: string): { s: string; offs: OffsetMap; lineEnd: number } {
  let s = '';
  const offs = new OffsetMap();
  // Characters are copied in runs (`runStart` … ), flushed before each continuation.
  let runStart = from;
  let i = from;
  // The physical line is [i, e).
  let e = i < to ? physicalEnd(text, i, to) : to;
  while (i < to) {
    const k = trimEnd(text, i, e);
    if (k === i || text[k - 1] !== esc) {
      // Not continued: the logical line ends at this line break.
      s += text.slice(runStart, e);
      offs.add(runStart, e - runStart);
      return { s, offs, lineEnd: e };
    }
    s += text.slice(runStart, k - 1);
    offs.add(runStart, k - 1 - runStart);
    if (e >= to) return { s, offs, lineEnd: to };
    // Skip the line break, then the comment and empty lines that follow.
    let j = e + breakWidth(text, e);
    while (j < to) {
      e = physicalEnd(text, j, to);
      // Blanks up to `to` are kept, as the end of the line.
      if (trimEnd(text, j, e) === j ? e >= to : !isComment(text, j, e)) break;
      j = e >= to ? to : Math.min(to, e + breakWidth(text, e));
    }
    i = runStart = j;
  }
  s += text.slice(runStart, i);
  offs.add(runStart, i - runStart);
  return { s, offs, lineEnd: to };
}
