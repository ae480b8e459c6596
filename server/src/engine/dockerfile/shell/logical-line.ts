import { OffsetMap } from './offset-map';

/** The last text asked about, and whether it has a `\r`: most files have none, and then only `\n` ends a line. */
let crText = '';
let crFree = true;

/** Index of the first `\r` at or after `i` in `text` (`text.length` if none). */
function nextCR(text: string, i: number): number {
  if (text !== crText) {
    crText = text;
    crFree = text.indexOf('\r') < 0;
  }
  if (crFree) return text.length;
  const k = text.indexOf('\r', i);
  return k < 0 ? text.length : k;
}

/**
 * The next `#` of the last text asked about: at `hashAt` (`text.length` if none), the first at
 * or after `hashFrom`. Lines are asked about in increasing order, so one `indexOf` answers many.
 */
let hashText = '';
let hashFrom = 0;
let hashAt = 0;

/** Index of the first `#` at or after `i` in `text` (`text.length` if none). */
function nextHash(text: string, i: number): number {
  if (text !== hashText || i < hashFrom || i > hashAt) {
    hashText = text;
    hashFrom = i;
    const k = text.indexOf('#', i);
    hashAt = k < 0 ? text.length : k;
  }
  return hashAt;
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

/** Whether the line `text[from, to)` is a comment: its first character other than blanks is `#`. */
function isComment(text: string, from: number, to: number): boolean {
  const h = nextHash(text, from);
  if (h >= to) return false;
  for (let k = from; k < h; k++) if (text[k] !== ' ' && text[k] !== '\t') return false;
  return true;
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
 * Line ends are found with `indexOf` (a native scan), once per physical line: a regex call per
 * line costs more than the scan itself until the JIT has warmed up, and a loop per character more.
 */
export function logicalLine(text: string, from: number, to: number, esc: string): { s: string; offs: OffsetMap; lineEnd: number } {
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
