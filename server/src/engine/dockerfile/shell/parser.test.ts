import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { forEachShortText } from '../../testing/short-texts';
import { OffsetMap } from './offset-map';
import { Parser } from './parser';
import type { OffsetIndex, ShellCommand, ShellWord } from './types';

const index: OffsetIndex = { rangeOf: () => ({ start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }) };

/** The ids of the shells enclosing `c`, outermost first. */
function subshellIds(c: ShellCommand): number[] {
  const ids: number[] = [];
  for (let s = c.subshell; s; s = s.parent) ids.unshift(s.id);
  return ids;
}

const word = (w: ShellWord) => [w.value, w.raw, w.start, w.end, w.quoted, w.expansion].join('|').replace(/\t/g, ' ');

/** All a command says, its private text positions included, with tabs read as spaces. */
function shape(c: ShellCommand): unknown {
  const { startIdx, endIdx } = (c as unknown as { span: { startIdx: number; endIdx: number } }).span;
  return {
    name: c.name.replace(/\t/g, ' '),
    words: c.words.map(word),
    argv: c.argv.map(word),
    assignments: c.assignments.map(word),
    wrappers: c.wrappers.map(word),
    redirects: c.redirects.map((r) => [r.op, r.target && word(r.target)]),
    at: [c.pipeline, c.pipelineIndex, c.connector, c.depth, subshellIds(c).join(','), c.nested, startIdx, endIdx],
  };
}

const parse = (s: string) => new Parser(s, OffsetMap.identity(0, s.length), index, { pipeline: 0, shell: 0 }, 0, 0, false).parse().map(shape);

describe('Parser', () => {
  it('reads a space between words as it reads a tab (which takes no fast path), on every short text', () => {
    // The words after a command's first word and one space are read at once, without the parse
    // loop's turns: a tab in its place takes the loop, and nothing else tells the two apart.
    const alphabet = ['a', ' ', '#', '1', '"', '$', '\\', ';', '|', 'é', '>', '{', '='];
    let checked = 0;
    forEachShortText(alphabet, 5, (body) => {
      for (const s of [`x ${body}`, body, `x ${body} y`]) {
        if (!s.includes(' ')) continue;
        assert.deepEqual(parse(s), parse(s.replace(/ /g, '\t')), JSON.stringify(s));
        checked++;
      }
    });
    assert.ok(checked > 300_000, `${checked} cases`);
  });
});

describe('Parser redirections', () => {
  const OPERATORS = ['<<<', '<<-', '&>>', '<<', '<>', '<&', '>>', '>&', '>|', '&>', '<', '>'];

  it('reads each operator, longest first, with its file descriptor and the blanks before its target', () => {
    for (const op of OPERATORS) {
      for (const fd of op.startsWith('&') ? [''] : ['', '2', '10']) {
        for (const blanks of ['', ' ', ' \t ']) {
          const s = `cmd x ${fd}${op}${blanks}b c`;
          const [c] = new Parser(s, OffsetMap.identity(0, s.length), index, { pipeline: 0, shell: 0 }, 0, 0, false).parse();
          assert.deepEqual(
            c!.redirects.map((r) => [r.op, r.target?.value]),
            [[fd + op, 'b']],
            JSON.stringify(s),
          );
          assert.deepEqual(c!.words.map((w) => w.value), ['cmd', 'x', 'c'], JSON.stringify(s));
        }
      }
    }
  });

  it('reads a redirection without a target up to its operator', () => {
    const s = 'cmd 2>&';
    const [c] = new Parser(s, OffsetMap.identity(0, s.length), index, { pipeline: 0, shell: 0 }, 0, 0, false).parse();
    assert.deepEqual(shape(c!), { ...(shape(c!) as object), redirects: [['2>&', undefined]] });
    assert.equal((c as unknown as { span: { endIdx: number } }).span.endIdx, s.length);
  });
});
