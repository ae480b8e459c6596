import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { forEachShortText } from '../../testing/short-texts';
import { isMeta, PLAIN_RUN, readWord, runEnd, skipBalanced, skipExpansion, WordScan } from './lexer';

/** The per-character reading `skipBalanced` scans natively: what it must keep returning. */
function skipBalancedByChars(s: string, i: number, open: '(' | '{'): number {
  const close = open === '(' ? ')' : '}';
  let depth = 0;
  let k = i;
  const n = s.length;
  while (k < n) {
    const c = s[k]!;
    if (c === '\\') {
      k += 2;
      continue;
    }
    if (c === "'" && open === '(') {
      const e = s.indexOf("'", k + 1);
      k = e < 0 ? n : e + 1;
      continue;
    }
    if (c === '"') {
      k++;
      while (k < n && s[k] !== '"') k += s[k] === '\\' ? 2 : 1;
      k++;
      continue;
    }
    if (c === open) depth++;
    else if (c === close) {
      depth--;
      if (depth === 0) return k + 1;
    }
    k++;
  }
  return n;
}

describe('skipBalanced', () => {
  it('finds the matching bracket past quotes and escapes', () => {
    const s = `$(echo "a)" 'b)' \\) (c)) tail`;
    assert.equal(s.slice(1, skipBalanced(s, 1, '(')), `(echo "a)" 'b)' \\) (c))`);
    const t = "${a:-'}'} tail";
    assert.equal(t.slice(1, skipBalanced(t, 1, '{')), "{a:-'}");
  });

  it('agrees with the per-character reading on every short text', () => {
    const alphabet = ['(', ')', '{', '}', "'", '"', '\\', 'a', '\n'];
    let checked = 0;
    forEachShortText(alphabet, 6, (body) => {
      for (const open of ['(', '{'] as const) {
        const s = open + body;
        assert.equal(skipBalanced(s, 0, open), skipBalancedByChars(s, 0, open), JSON.stringify(s));
        checked++;
      }
    });
    assert.ok(checked > 1_000_000, `${checked} cases`);
  });
});

/** Where a `$NAME` expansion at `i` ends, read one character at a time: what `skipExpansion` must keep returning. */
function nameEndByChars(s: string, i: number): number {
  let k = i + 1;
  while (k < s.length && /[A-Za-z0-9_]/.test(s[k]!)) k++;
  return k;
}

describe('skipExpansion', () => {
  it('ends a $NAME where the per-character reading ends it, on every short text', () => {
    const alphabet = ['a', 'Z', '_', '9', '-', '$', "'", '"', ' ', '}', 'é'];
    let checked = 0;
    forEachShortText(alphabet, 5, (body) => {
      for (const first of ['a', '_', 'Z']) {
        const s = `x$${first}${body}`;
        assert.equal(skipExpansion(s, 1), nameEndByChars(s, 1), JSON.stringify(s));
        checked++;
      }
    });
    assert.ok(checked > 400_000, `${checked} cases`);
  });
});

const DQ_PLAIN_RUN = /[^"\\$`]*/y;

/** `readWord` as it was before its loop read character codes: what it must keep returning. */
function readWordByChars(s: string, startIdx: number, out: WordScan, segs?: number[]): WordScan {
  const n = s.length;
  let pos = runEnd(PLAIN_RUN, s, startIdx);
  // Fast path: most words are plain text up to a blank or an operator; no copy, no closure.
  if (pos > startIdx && (pos === n || isMeta(s[pos]!))) {
    segs?.push(startIdx, pos);
    return setScan(out, s.slice(startIdx, pos), pos, false, false);
  }
  pos = startIdx;
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
    const c = s[pos]!;
    if (isMeta(c)) break;
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

describe('readWord', () => {
  it('reads every short word as the reference reading does', () => {
    const alphabet = ['a', ' ', '"', "'", '$', '\\', '`', '(', ')', '<', '{', '}', '\n', ';', '_'];
    let checked = 0;
    forEachShortText(alphabet, 5, (body) => {
      const s = `x${body}`;
      for (const start of [0, 1]) {
        const segs: number[] = [];
        const expectedSegs: number[] = [];
        const got = { ...readWord(s, start, new WordScan(), segs) };
        const expected = { ...readWordByChars(s, start, new WordScan(), expectedSegs) };
        assert.deepEqual([got, segs], [expected, expectedSegs], JSON.stringify(s));
        checked++;
      }
    });
    assert.ok(checked > 1_000_000, `${checked} cases`);
  });
});
