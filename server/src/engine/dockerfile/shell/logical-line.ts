import { runEnd } from './lexer';
import { OffsetMap } from './offset-map';

/** Per escape character (`\` or `` ` ``): a sticky regex matching a run without it or a line break. */
const plainRuns = new Map<string, RegExp>();

function plainRun(esc: string): RegExp {
  let re = plainRuns.get(esc);
  if (!re) {
    re = new RegExp(`[^${esc.replace(/[\\\]^-]/g, '\\$&')}\\n\\r]*`, 'y');
    plainRuns.set(esc, re);
  }
  return re;
}

// Sticky regexes skip what is skipped at each continuation (indentation, comment lines) in
// native code: a per-character loop is slow until the JIT has warmed up.
const SPACES = /[ \t]*/y;
const LINE_REST = /[^\n\r]*/y;

/**
 * The logical first line of an instruction from `from` to `to`: Dockerfile line continuations and
 * the comment / empty lines inside them removed (Docker does this before the shell sees the
 * text, ignoring quotes). `offs.at(i)` is the document offset of `s[i]`; `lineEnd` is where the
 * logical line ended (a line break, or `to`).
 */
export function logicalLine(text: string, from: number, to: number, esc: string): { s: string; offs: OffsetMap; lineEnd: number } {
  let s = '';
  const offs = new OffsetMap();
  let i = from;
  let lineEnd = to;
  const run = plainRun(esc);
  // Characters are copied in runs (`runStart` … `i`), flushed before each continuation.
  let runStart = i;
  while (i < to) {
    // Only escape characters and line breaks matter: jump to the next one.
    i = Math.min(to, runEnd(run, text, i));
    if (i >= to) break;
    const c = text[i]!;
    if (c === esc) {
      let j = Math.min(to, runEnd(SPACES, text, i + 1));
      if (j >= to) {
        s += text.slice(runStart, i);
        offs.add(runStart, i - runStart);
        i = j;
        runStart = i;
        break;
      }
      if (text[j] === '\n' || text[j] === '\r') {
        s += text.slice(runStart, i);
        offs.add(runStart, i - runStart);
        j += text[j] === '\r' && text[j + 1] === '\n' ? 2 : 1;
        for (;;) {
          let k = Math.min(to, runEnd(SPACES, text, j));
          if (k < to && (text[k] === '#' || text[k] === '\n' || text[k] === '\r')) {
            k = Math.min(to, runEnd(LINE_REST, text, k));
            k += text[k] === '\r' && text[k + 1] === '\n' ? 2 : 1;
            j = Math.min(k, to);
            if (j >= to) break;
            continue;
          }
          break;
        }
        i = j;
        runStart = i;
        continue;
      }
    }
    if (c === '\n' || c === '\r') {
      lineEnd = i;
      break;
    }
    i++;
  }
  s += text.slice(runStart, i);
  offs.add(runStart, i - runStart);
  if (i >= to) lineEnd = to;
  return { s, offs, lineEnd };
}
