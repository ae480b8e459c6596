import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { forEachShortText } from '../../testing/short-texts';
import { readWord, isBlank, WordScan } from './lexer';
import { OffsetMap } from './offset-map';
import { Parser } from './parser';
import type { OffsetIndex, ShellWord } from './types';
import type { CommandSpan, WordSource } from './word';

const index: OffsetIndex = { rangeOf: () => ({ start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }) };

/** What a command keeps to make its words when they are read (private fields of Command). */
interface LazyWords {
  source: WordSource;
  span: CommandSpan;
}

/** The words of the spans read again with `readWord`, one at a time: what `WordSource.words` must keep returning. */
function wordsByReadWord(source: WordSource, first: number, count: number): ShellWord[] {
  const out: ShellWord[] = [];
  const scan = new WordScan();
  for (let k = first; k < first + count; k++) {
    const end = source.spans[2 * k + 1]!;
    for (let i = source.spans[2 * k]!; i < end; ) {
      const w = readWord(source.s, i, scan);
      out.push(source.word(i, w));
      i = w.endIdx;
      while (i < end && isBlank(source.s[i]!)) i++;
    }
  }
  return out;
}

const fields = (w: ShellWord) => ({ value: w.value, raw: w.raw, start: w.start, end: w.end, quoted: w.quoted, expansion: w.expansion });

describe('WordSource.words', () => {
  it('reads the words of every short command as readWord does, with or without a gap in the offsets', () => {
    const alphabet = ['a', ' ', '"', "'", '$', '\\', '=', ';', '<', '\t'];
    let checked = 0;
    forEachShortText(alphabet, 5, (body) => {
      const s = `x ${body} b`;
      const gapped = new OffsetMap();
      const cut = Math.min(s.length, 3 + (body.length >> 1));
      gapped.add(100, cut);
      gapped.add(200, s.length - cut); // a line continuation inside the words
      for (const offs of [OffsetMap.identity(7, s.length), gapped]) {
        for (const cmd of new Parser(s, offs, index, { pipeline: 0, shell: 0 }, 0, 0, false).parse()) {
          const { source, span } = cmd as unknown as LazyWords;
          if (span === undefined) continue;
          const expected = wordsByReadWord(source, span.first, span.count).map(fields);
          assert.deepEqual(source.words(span.first, span.count).map(fields), expected, JSON.stringify(s));
          checked++;
        }
      }
    });
    assert.ok(checked > 200_000, `${checked} cases`);
  });

  it('gives every command of every short text the words readWord reads, also where they are made at once', () => {
    // Commands that start with an assignment or a wrapper get their words when parsed, the first
    // one sometimes as it was read then (`a="$b" c`): the same words as reading the spans again.
    const alphabet = ['a', ' ', '=', '"', "'", '$', '(', '\\', ';'];
    let checked = 0;
    let early = 0;
    forEachShortText(alphabet, 5, (body) => {
      for (const s of [`${body} b`, `sudo ${body}`]) {
        for (const cmd of new Parser(s, OffsetMap.identity(3, s.length), index, { pipeline: 0, shell: 0 }, 0, 0, false).parse()) {
          const lazy = cmd as unknown as LazyWords & { ownWords: unknown };
          if (lazy.span === undefined) continue;
          if (lazy.ownWords !== undefined) early++;
          assert.deepEqual(cmd.words.map(fields), wordsByReadWord(lazy.source, lazy.span.first, lazy.span.count).map(fields), JSON.stringify(s));
          checked++;
        }
      }
    });
    assert.ok(checked > 100_000 && early > 20_000, `${checked} cases, ${early} with words made at once`);
  });
});

describe('Command.mayHaveWord', () => {
  it('is true for every command of every short text with a word of that value, also quoted, escaped or after a wrapper', () => {
    const alphabet = ['ab', 'a', 'b', ' ', '"', "'", '$', '\\', ';', '=', '|'];
    let ruledOut = 0;
    let checked = 0;
    forEachShortText(alphabet, 4, (body) => {
      for (const s of [`x ${body} b`, `sudo ${body}`, `sh -c ${body}`]) {
        for (const cmd of new Parser(s, OffsetMap.identity(0, s.length), index, { pipeline: 0, shell: 0 }, 0, 0, false).parse()) {
          const has = cmd.words.some((w) => w.value === 'ab') || cmd.argv.some((w) => w.value === 'ab');
          const may = cmd.mayHaveWord('ab');
          if (has) assert.ok(may, JSON.stringify(s));
          if (!may) ruledOut++;
          checked++;
        }
      }
    });
    assert.ok(checked > 10_000 && ruledOut > 1_000, `${checked} commands, ${ruledOut} ruled out`);
  });

  it('rules out a command with neither the text nor a quote or escape', () => {
    const s = "apt-get update && apt-get purge -y --auto-remove && apt-get 'install' x";
    const [update, purge, install] = new Parser(s, OffsetMap.identity(0, s.length), index, { pipeline: 0, shell: 0 }, 0, 0, false).parse();
    assert.equal(update!.mayHaveWord('install'), false);
    assert.equal(purge!.mayHaveWord('install'), false);
    assert.equal(install!.mayHaveWord('install'), true);
  });
});
