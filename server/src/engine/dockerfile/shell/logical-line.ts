import { runEnd } from './lexer';
import { OffsetMap } from './offset-map';

// Sticky regexes skip what is skipped at each continuation (indentation, comment lines) in
// native code: a per-character loop is slow until the JIT has warmed up.
const SPACES = /[ \t]*/y;
const LINE_REST = /[^\n\r]*/y;

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
 * The logical first line of an instruction from `from` to `to`: Dockerfile line continuations and
 * the comment / empty lines inside them removed (Docker does this before the shell sees the
 * text, ignoring quotes). `offs.at(i)` is the document offset of `s[i]`; `lineEnd` is where the
 * logical line ended (a line break, or `to`).
 *
 * A physical line continues when its last character other than blanks is the escape character.
 * Line ends are found with `indexOf` (a native scan), one per physical line.
 */
export function logicalLine(text: string, from: number, to: number, esc: string): { s: string; offs: OffsetMap; lineEnd: number } {
  let s = '';
  const offs = new OffsetMap();
  // Characters are copied in runs (`runStart` … ), flushed before each continuation.
  let runStart = from;
  let i = from;
  let cr = -1;
  while (i < to) {
    // The physical line is [i, e): up to the first line break, or `to`.
    let e = text.indexOf('\n', i);
    if (e < 0 || e > to) e = to;
    if (cr < i) cr = nextCR(text, i);
    if (cr < e) e = cr;
    let k = e;
    while (k > i && (text[k - 1] === ' ' || text[k - 1] === '\t')) k--;
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
    let j = e + (text[e] === '\r' && text[e + 1] === '\n' ? 2 : 1);
    for (;;) {
      let c = Math.min(to, runEnd(SPACES, text, j));
      if (c < to && (text[c] === '#' || text[c] === '\n' || text[c] === '\r')) {
        c = Math.min(to, runEnd(LINE_REST, text, c));
        c += text[c] === '\r' && text[c + 1] === '\n' ? 2 : 1;
        j = Math.min(c, to);
        if (j >= to) break;
        continue;
      }
      break;
    }
    i = runStart = j;
  }
  s += text.slice(runStart, i);
  offs.add(runStart, i - runStart);
  return { s, offs, lineEnd: to };
}
