// Word-level scanning of shell text: quotes, escapes and expansions.

/** What `readWord` found. Parsers reuse one instance for all their words (no object per word). */
export class WordScan {
  value = '';
  /** Where reading stopped. */
  endIdx = 0;
  quoted = false;
  expansion = false;
}

export function isBlank(c: string): boolean {
  return c === ' ' || c === '\t' || c === '\r';
}

export function isMeta(c: string): boolean {
  return c === ' ' || c === '\t' || c === '\r' || c === '\n' || c === ';' || c === '&' || c === '|' || c === '(' || c === ')' || c === '<' || c === '>';
}

/** The ASCII metacharacters (`isMeta`), by code. */
const META = new Uint8Array(128);
for (const c of ' \t\r\n;&|()<>') META[c.charCodeAt(0)] = 1;

/** Same as `/\s/.test(c)`, without a regex call for ASCII characters. */
export function isSpace(c: string): boolean {
  const code = c.charCodeAt(0);
  if (code < 128) return code === 32 || (code >= 9 && code <= 13);
  return /\s/.test(c);
}

function isNameChar(c: string | undefined): boolean {
  return c !== undefined && ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c === '_');
}

/**
 * A run of plain word characters: no metacharacter (`isMeta`) and none of the characters
 * `readWord` treats specially outside quotes (`'` `"` `\` `$` `` ` ``). A sticky regex scans the
 * run in native code, where a per-character loop is slow until the JIT has warmed up.
 */
export const PLAIN_RUN = /[^ \t\r\n;&|()<>'"\\$`]*/y;
/**
 * A word of plain characters only (a `PLAIN_RUN`), up to a blank, an operator or the end: the
 * words whose value is their text (`readWord`'s fast path). Sticky: it matches at `lastIndex`
 * or not at all.
 */
export const PLAIN_WORD = /[^ \t\r\n;&|()<>'"\\$`]+(?=[ \t\r\n;&|()<>]|$)/y;
/** The rest of a `$NAME`: a run of name characters. Sticky. */
const NAME_RUN = /[A-Za-z0-9_]*/y;
/** A run of characters with no special meaning inside double quotes (all but `"` `\` `$` `` ` ``). */
const DQ_PLAIN_RUN = /[^"\\$`]*/y;

/** Index after the run that the sticky regex `run` (a `[…]*` class) matches from `i` on. */
export function runEnd(run: RegExp, s: string, i: number): number {
  run.lastIndex = i;
  run.test(s); // `*` always matches, so `lastIndex` is the end of the run
  return run.lastIndex;
}

/** Characters that end a command before a redirection target could start. */
export function isMetaForTarget(c: string): boolean {
  return c === '\n' || c === ';' || c === '|' || c === '&' || c === ')' || c === '(';
}

/** Characters with no meaning to `skipBalanced` in `(…)` (all but brackets, quotes and backslashes); sticky. */
const PARENS_PLAIN_RUN = /[^()'"\\]*/y;
/** The same in `{…}`, where single quotes have no meaning either. */
const BRACES_PLAIN_RUN = /[^{}"\\]*/y;
/** The inside of a double-quoted string: up to its closing `"` (escapes skipped). Sticky. */
const DQ_BODY = /[^"\\]*(?:\\[\s\S][^"\\]*)*/y;

/**
 * Index after the bracket matching the one at `i` (quote-aware, forgiving when unbalanced). Runs
 * of other characters are skipped by native regex scans, not a loop per character.
 */
export function skipBalanced(s: string, i: number, open: '(' | '{'): number {
  const plain = open === '(' ? PARENS_PLAIN_RUN : BRACES_PLAIN_RUN;
  let depth = 0;
  let k = i;
  const n = s.length;
  while (k < n) {
    k = runEnd(plain, s, k);
    if (k >= n) break;
    const c = s[k]!;
    if (c === '\\') {
      k += 2;
      continue;
    }
    if (c === "'") {
      // Only in `(…)`: `plain` takes single quotes in `{…}`.
      const e = s.indexOf("'", k + 1);
      k = e < 0 ? n : e + 1;
      continue;
    }
    if (c === '"') {
      k = runEnd(DQ_BODY, s, k + 1) + 1;
      continue;
    }
    if (c === open) depth++;
    else {
      // The closing bracket: nothing else is left.
      depth--;
      if (depth === 0) return k + 1;
    }
    k++;
  }
  return n;
}

/**
 * Reads one word starting at `startIdx` into `out`. When `segs` is given, it receives where the
 * value's characters come from: flat `[from, to)` index pairs into `s`, in order (only nested
 * scripts need this, so other words skip the bookkeeping).
 */
export function readWord(s: string, startIdx: number, out: WordScan, segs?: number[]): WordScan {
  const n = s.length;
  // Fast path: most words are plain text up to a blank or an operator; no copy, no closure.
  const plain = PLAIN_WORD;
  plain.lastIndex = startIdx;
  if (plain.test(s)) {
    const end = plain.lastIndex;
    segs?.push(startIdx, end);
    return setScan(out, s.slice(startIdx, end), end, false, false);
  }
  let pos = startIdx;
  let value = '';
  let quoted = false;
  let expansion = false;
  // Process substitution `<(…)` / `>(…)` at a word start.
  if ((s[pos] === '<' || s[pos] === '>') && s[pos + 1] === '(') {
    const from = pos;
    pos = skipBalanced(s, pos + 1, '(');
    value += s.slice(from, pos);
    if (segs) addSegment(segs, from, pos);
    expansion = true;
  }
  while (pos < n) {
    // A metacharacter ends the word: a table lookup by code, not a call with a one-character string.
    const code = s.charCodeAt(pos);
    if (code < 128 && META[code] === 1) break;
    const c = s[pos]!;
    if (c === "'") {
      quoted = true;
      const close = s.indexOf("'", pos + 1);
      const end = close < 0 ? n : close;
      value += s.slice(pos + 1, end);
      if (segs) addSegment(segs, pos + 1, end);
      pos = close < 0 ? n : close + 1;
      continue;
    }
    if (c === '"') {
      quoted = true;
      pos++;
      while (pos < n && s[pos] !== '"') {
        const d = s[pos]!;
        if (d === '\\' && pos + 1 < n) {
          const e = s[pos + 1]!;
          if (e === '\n') {
            pos += 2;
            continue;
          }
          if (e === '$' || e === '`' || e === '"' || e === '\\') {
            value += s.slice(pos + 1, pos + 2);
            if (segs) addSegment(segs, pos + 1, pos + 2);
            pos += 2;
            continue;
          }
          value += s.slice(pos, pos + 2);
          if (segs) addSegment(segs, pos, pos + 2);
          pos += 2;
          continue;
        }
        if (d === '$' || d === '`') {
          const from = pos;
          pos = skipExpansion(s, pos);
          if (pos > from + 1 || d === '`') expansion = true;
          value += s.slice(from, pos);
          if (segs) addSegment(segs, from, pos);
          continue;
        }
        // A run of plain characters inside the quotes, added at once.
        const e = runEnd(DQ_PLAIN_RUN, s, pos + 1);
        value += s.slice(pos, e);
        if (segs) addSegment(segs, pos, e);
        pos = e;
      }
      pos = Math.min(n, pos + 1);
      continue;
    }
    if (c === '\\') {
      quoted = true;
      if (s[pos + 1] === '\n') {
        pos += 2;
        continue;
      }
      if (pos + 1 < n) {
        value += s[pos + 1]!;
        if (segs) addSegment(segs, pos + 1, pos + 2);
      }
      pos += 2;
      continue;
    }
    if (c === '$' && s[pos + 1] === "'") {
      quoted = true;
      let k = pos + 2;
      while (k < n && s[k] !== "'") k += s[k] === '\\' ? 2 : 1;
      value += s.slice(pos + 2, Math.min(k, n));
      if (segs) addSegment(segs, pos + 2, Math.min(k, n));
      pos = Math.min(n, k + 1);
      continue;
    }
    if (c === '$' || c === '`') {
      const from = pos;
      pos = skipExpansion(s, pos);
      if (pos > from + 1 || c === '`') expansion = true;
      value += s.slice(from, pos);
      if (segs) addSegment(segs, from, pos);
      continue;
    }
    // A run of plain characters, added at once (same result as one at a time).
    const e = runEnd(PLAIN_RUN, s, pos + 1);
    value += s.slice(pos, e);
    if (segs) addSegment(segs, pos, e);
    pos = e;
  }
  return setScan(out, value, pos, quoted, expansion);
}

/** Adds `[from, to)` to the flat index pairs of `readWord`'s `segs`, joining it to the last pair when they touch. */
function addSegment(segs: number[], from: number, to: number): void {
  if (to <= from) return;
  const last = segs.length - 1;
  if (last > 0 && segs[last] === from) segs[last] = to;
  else segs.push(from, to);
}

function setScan(out: WordScan, value: string, endIdx: number, quoted: boolean, expansion: boolean): WordScan {
  out.value = value;
  out.endIdx = endIdx;
  out.quoted = quoted;
  out.expansion = expansion;
  return out;
}

/** At `$` or a backquote: the index after the expansion (`$x`, `${…}`, `$(…)`, `` `…` ``). @internal Exported for tests. */
export function skipExpansion(s: string, i: number): number {
  if (s[i] === '`') {
    let k = i + 1;
    while (k < s.length && s[k] !== '`') k += s[k] === '\\' ? 2 : 1;
    return Math.min(s.length, k + 1);
  }
  const d = s[i + 1];
  if (d === '(') return skipBalanced(s, i + 1, '(');
  if (d === '{') return skipBalanced(s, i + 1, '{');
  // The name's characters are scanned natively, not with a call per character.
  if (isNameChar(d)) return runEnd(NAME_RUN, s, i + 2);
  if (d !== undefined && '@*#?$!-'.includes(d)) return i + 2;
  return i + 1;
}
