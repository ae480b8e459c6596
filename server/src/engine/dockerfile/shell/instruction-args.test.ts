import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { forEachShortText } from '../../testing/short-texts';
import { parseDockerfile } from '../model';
import { instructionArgs, splitWords } from './instruction-args';
import { OffsetMap } from './offset-map';
import type { OffsetIndex } from './types';

const index: OffsetIndex = { rangeOf: () => ({ start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }) };

/** The words as splitWords read them before its fast paths: one offset lookup per end, the value built run by run. */
function splitWordsReference(s: string, offs: OffsetMap) {
  const out = [];
  let i = 0;
  const n = s.length;
  while (i < n) {
    while (i < n && /\s/.test(s[i]!)) i++;
    if (i >= n) break;
    const b = i;
    let value = '';
    let quoted = false;
    for (;;) {
      while (i < n && !/[\s"']/.test(s[i]!)) value += s[i++];
      if (i >= n || (s[i] !== '"' && s[i] !== "'")) break;
      const c = s[i]!;
      quoted = true;
      const close = s.indexOf(c, i + 1);
      const e = close < 0 ? n : close;
      value += s.slice(i + 1, e);
      i = close < 0 ? n : close + 1;
    }
    out.push({ value, raw: s.slice(b, i), start: offs.at(b)!, end: offs.at(i - 1)! + 1, quoted, expansion: value.includes('$') });
  }
  return out;
}

describe('splitWords', () => {
  it('splits every short text as the reference does, with or without a gap in the offsets', () => {
    const alphabet = ['a', ' ', '"', "'", '$', '\t', '='];
    let checked = 0;
    forEachShortText(alphabet, 6, (body) => {
      const s = `x ${body} b`;
      const gapped = new OffsetMap();
      const cut = Math.min(s.length, 2 + (body.length >> 1));
      gapped.add(100, cut);
      gapped.add(200, s.length - cut); // a line continuation inside the words
      for (const offs of [OffsetMap.identity(7, s.length), gapped]) {
        const got = splitWords(s, offs, index).map((w) => ({ value: w.value, raw: w.raw, start: w.start, end: w.end, quoted: w.quoted, expansion: w.expansion }));
        assert.deepEqual(got, splitWordsReference(s, offs), JSON.stringify(s));
        checked++;
      }
    });
    assert.ok(checked > 200_000, `${checked} cases`);
  });

  it('keeps exact offsets across a line continuation', () => {
    const offs = new OffsetMap();
    offs.add(10, 4); // `a "b`
    offs.add(20, 5); // ` c" d`
    const words = splitWords('a "b c" d', offs, index);
    assert.deepEqual(words.map((w) => [w.value, w.raw, w.start, w.end]), [['a', 'a', 10, 11], ['b c', '"b c"', 12, 23], ['d', 'd', 24, 25]]);
  });
});

describe('instructionArgs', () => {
  /** The flags, arguments (values) and kind of the last instruction of `text`. */
  function argsOf(text: string): { flags: string[]; args: string[]; json: boolean; heredoc: boolean } {
    const doc = parseDockerfile(text);
    const a = instructionArgs(doc, doc.instructions[doc.instructions.length - 1]!);
    return { flags: a.flags.map((w) => w.value), args: a.args.map((w) => w.value), json: a.json, heredoc: a.heredoc };
  }

  it('separates leading flags from the arguments', () => {
    assert.deepEqual(argsOf('FROM x\nCOPY a "b c" /d/\n'), { flags: [], args: ['a', 'b c', '/d/'], json: false, heredoc: false });
    assert.deepEqual(argsOf('FROM x\nCOPY --from=build --chown=app:app a /d\n'), { flags: ['--from=build', '--chown=app:app'], args: ['a', '/d'], json: false, heredoc: false });
    assert.deepEqual(argsOf('FROM x\nCOPY --link\n'), { flags: ['--link'], args: [], json: false, heredoc: false });
  });

  it('reads the exec form, also after flags', () => {
    assert.deepEqual(argsOf('FROM x\nCMD ["node", "a b.js"]\n'), { flags: [], args: ['node', 'a b.js'], json: true, heredoc: false });
    assert.deepEqual(argsOf('FROM x\nCOPY --chown=app ["a", "/d"]\n'), { flags: ['--chown=app'], args: ['a', '/d'], json: true, heredoc: false });
  });

  it('marks a heredoc argument', () => {
    assert.deepEqual(argsOf('FROM x\nCOPY --chmod=644 <<EOF /etc/x\nhello\nEOF\n'), { flags: ['--chmod=644'], args: ['<<EOF', '/etc/x'], json: false, heredoc: true });
    assert.equal(argsOf('FROM x\nCOPY a <<EOF\nhello\nEOF\n').heredoc, true);
  });

  it('gives no words for an instruction without arguments', () => {
    assert.deepEqual(argsOf('FROM x\nWORKDIR\n'), { flags: [], args: [], json: false, heredoc: false });
  });
});
