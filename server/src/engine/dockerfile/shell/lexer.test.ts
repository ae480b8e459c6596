import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { forEachShortText } from '../../testing/short-texts';
import { skipBalanced, skipExpansion } from './lexer';

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
