// Shared by the argument-splitting patches: text without escape characters (or quotes, for
// property instructions) splits into plain whitespace-separated words, which need none of
// dockerfile-ast's character-by-character state machines.
import { Argument } from 'dockerfile-ast';

export interface Position {
  line: number;
  character: number;
}

/** The parts of dockerfile-ast's TextDocument the patches use. */
export interface DocumentInternals {
  getText(): string;
  offsetAt(p: Position): number;
  positionAt(offset: number): Position;
  /** vscode-languageserver-textdocument's line start offsets (not in its typings). */
  getLineOffsets?(): number[];
}

export function isWhitespace(c: string): boolean {
  return c === ' ' || c === '\t' || c === '\r' || c === '\n';
}

/**
 * `document.positionAt` for the non-decreasing offsets of one instruction's arguments: walks the
 * document's line table forward from the instruction's first line instead of a binary search
 * (and clamping) per position.
 */
export function forwardPositions(document: DocumentInternals, line: number): (offset: number) => Position {
  const lineOffsets = document.getLineOffsets?.();
  if (lineOffsets === undefined) return (offset) => document.positionAt(offset);
  const text = document.getText();
  return (offset) => {
    while (line + 1 < lineOffsets.length && lineOffsets[line + 1]! <= offset) line++;
    const lineStart = lineOffsets[line]!;
    // Between the `\r` and `\n` of a CRLF: leave the end-of-line rule to the document.
    if (offset > lineStart && text.charCodeAt(offset - 1) === 13) return document.positionAt(offset);
    return { line, character: offset - lineStart };
  };
}

const WHITESPACE_RUN = /[ \t\r\n]*/y;
const WORD_RUN = /[^ \t\r\n]*/y;

/**
 * The words of `text` (which starts at document offset `offset`) as arguments: what
 * `splitRawArguments` gives for text without the escape character (only escapes start a
 * continuation, and so a comment line), and `getPropertyArguments` for a one-line instruction
 * without escape characters or quotes.
 */
export function splitOnWhitespace(text: string, offset: number, positionAt: (offset: number) => Position): Argument[] {
  const args: Argument[] = [];
  let i = 0;
  for (;;) {
    WHITESPACE_RUN.lastIndex = i;
    WHITESPACE_RUN.test(text);
    const from = WHITESPACE_RUN.lastIndex;
    if (from === text.length) return args;
    WORD_RUN.lastIndex = from;
    WORD_RUN.test(text);
    i = WORD_RUN.lastIndex;
    args.push(new Argument(text.slice(from, i), { start: positionAt(offset + from), end: positionAt(offset + i) }));
  }
}
