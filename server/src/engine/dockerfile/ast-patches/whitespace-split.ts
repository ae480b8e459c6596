// Shared by the argument-splitting patches: text without escape characters (or quotes, for
// property instructions) splits into plain whitespace-separated words, which need none of
// dockerfile-ast's character-by-character state machines.
import type { Argument } from 'dockerfile-ast';
import { lazyRangeArgument } from './lazy-range-argument';

export interface Position {
  line: number;
  character: number;
}

/** The parts of dockerfile-ast's TextDocument the patches use. */
export interface DocumentInternals {
  getText(): string;
  offsetAt(p: Position): number;
  positionAt(offset: number): Position;
}

export function isWhitespace(c: string): boolean {
  return c === ' ' || c === '\t' || c === '\r' || c === '\n';
}

const WHITESPACE_RUN = /[ \t\r\n]*/y;
const WORD_RUN = /[^ \t\r\n]*/y;

/** Where `run`, a sticky regular expression matching a possibly empty run, ends from `from`. */
export function matchEnd(run: RegExp, text: string, from: number): number {
  run.lastIndex = from;
  return run.test(text) ? run.lastIndex : from;
}

/**
 * The words of `text` (which starts at document offset `offset`) as arguments: what
 * `splitRawArguments` gives for text without the escape character (only escapes start a
 * continuation, and so a comment line), and `getPropertyArguments` for a one-line instruction
 * without escape characters or quotes.
 */
export function splitOnWhitespace(text: string, offset: number, document: DocumentInternals): Argument[] {
  const args: Argument[] = [];
  let i = 0;
  for (;;) {
    const from = matchEnd(WHITESPACE_RUN, text, i);
    if (from === text.length) return args;
    i = matchEnd(WORD_RUN, text, from);
    args.push(lazyRangeArgument(text.slice(from, i), document, offset + from, offset + i));
  }
}
