// dockerfile-ast positions every instruction, comment and argument through a
// vscode-languageserver-textdocument document of the whole file, a visible share of a cold CLI
// run over the corpus in two places:
// - The document builds its line table on first use with a per-character loop
//   (`computeLineOffsets`). The parser's first use of it is `getParserDirectives`: the table is
//   filled in just before, by `lineStarts`, which yields the same array with native `indexOf` for
//   LF-only text, and the Dockerfile model's own `TextIndex` shares it.
// - `positionAt` binary-searches the table on every call, while the parser asks for offsets in
//   file order: the parse's document gets a `positionAt` that tries the line of the previous
//   answer and the next one first.
// - `offsetAt` (over a hundred thousand calls for the corpus) fetches the table through a method
//   call and clamps with `Math.min`, a builtin call in V8's baseline tiers: the parse's document
//   gets one that reads the table it was given (`tableOffsetAt`).
import type { Dockerfile } from 'dockerfile-ast';
import { lineStarts } from '../../text';

interface Position {
  line: number;
  character: number;
}

/** vscode-languageserver-textdocument 1.0.x's `FullTextDocument`, as far as used here. */
interface ParseDocument {
  getText(): string;
  /** Its lazily built line table. */
  _lineOffsets?: number[];
  positionAt(offset: number): Position;
  offsetAt(position: Position): number;
}

interface ParserInternals {
  getParserDirectives(document: ParseDocument, buffer: string): unknown;
}

export type GetParserDirectives = ParserInternals['getParserDirectives'];

export function patchLineOffsets(parser: { prototype: unknown }): void {
  const proto = parser.prototype as ParserInternals;
  const getParserDirectives = proto.getParserDirectives;
  proto.getParserDirectives = function (this: ParserInternals, document, buffer) {
    // Only a 1.0.x document that has not built its table yet (the own property is `undefined`).
    if ('_lineOffsets' in document && document._lineOffsets === undefined) {
      const text = document.getText();
      const table = lineStarts(text);
      document._lineOffsets = table;
      document.positionAt = hintedPositionAt(text, table);
      document.offsetAt = tableOffsetAt(text, table);
    }
    return getParserDirectives.call(this, document, buffer);
  };
}

/**
 * `FullTextDocument.positionAt` of vscode-languageserver-textdocument 1.0.x for a text that never
 * changes (`table` = its line starts), trying the previous answer's line and the next first.
 * @internal exported for the equivalence tests.
 */
export function hintedPositionAt(text: string, table: readonly number[]): (offset: number) => Position {
  let hint = 0;
  const last = table.length - 1;
  const length = text.length;
  return (offset) => {
    // Clamped with comparisons rather than `Math.min` / `Math.max`: this runs for every position
    // of a parse, nearly always in V8's baseline tiers, where each of those is a builtin call.
    // The same as `Math.max(Math.min(offset, length), 0)`, NaN included.
    let o = offset > 0 ? (offset < length ? offset : length) : offset <= 0 ? 0 : offset;
    let line: number;
    if (table[hint]! <= o && (hint === last || o < table[hint + 1]!)) line = hint;
    else if (hint < last && table[hint + 1]! <= o && (hint + 1 === last || o < table[hint + 2]!)) line = hint + 1;
    else {
      // The last line starting at or before `o` (the table starts with 0).
      let lo = 0;
      let hi = last;
      while (lo < hi) {
        const mid = (lo + hi + 1) >> 1;
        if (table[mid]! <= o) lo = mid;
        else hi = mid - 1;
      }
      line = lo;
    }
    hint = line;
    const start = table[line]!;
    // An offset on a line break moves back to the end of the line's content, as the library does.
    // Each character is read once: `charCodeAt` is a call until the JIT has warmed up.
    while (o > start) {
      const c = text.charCodeAt(o - 1);
      if (c !== 13 && c !== 10) break;
      o--;
    }
    return { line, character: o - start };
  };
}

/**
 * `FullTextDocument.offsetAt` of vscode-languageserver-textdocument 1.0.x for a text that never
 * changes (`table` = its line starts), statement for statement, with `Math.min` as comparisons.
 * @internal exported for the equivalence tests.
 */
export function tableOffsetAt(text: string, table: readonly number[]): (position: Position) => number {
  const length = text.length;
  const lines = table.length;
  return (position) => {
    const line = position.line;
    if (line >= lines) return length;
    else if (line < 0) return 0;
    const lineOffset = table[line]!;
    const character = position.character;
    if (character <= 0) return lineOffset;
    const nextLineOffset = line + 1 < lines ? table[line + 1]! : length;
    const sum = lineOffset + character;
    let offset = sum < nextLineOffset ? sum : sum >= nextLineOffset ? nextLineOffset : sum; // Math.min(sum, nextLineOffset)
    // `ensureBeforeEOL`: not past the line's content (each character read once, as in `hintedPositionAt`).
    while (offset > lineOffset) {
      const c = text.charCodeAt(offset - 1);
      if (c !== 13 && c !== 10) break;
      offset--;
    }
    return offset;
  };
}

/** The line table of the document a parse used (the same as `lineStarts(text)`), if it has one. */
export function parsedLineTable(ast: Dockerfile): number[] | undefined {
  const table = (ast as unknown as { document?: ParseDocument }).document?._lineOffsets;
  return Array.isArray(table) ? table : undefined;
}
