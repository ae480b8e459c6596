// Dockerfile parser directives (`# syntax=…`, `# escape=…`, `# check=…`) as BuildKit reads them
// (frontend/dockerfile/parser: directives.go, parser.go), shared by everything that must not put a
// line above one or free a comment into one (pragma quick fixes, unused-pragma removal):
// - read only at the top of the file: the first line that is not a known directive (a comment,
//   a blank line, an instruction, or a directive BuildKit does not know) ends them, and anything
//   shaped like a directive after that is a comment;
// - each line on its own: leading white space is dropped (and a byte order mark on the first
//   line), then `#`, blanks, a key of ASCII letters and digits starting with a letter, blanks, `=`,
//   blanks and a non-empty value; keys are case-insensitive (`# SYNTAX=…` is one);
// - a known directive given twice is a build error, not the end of the directives.
import type { TextIndex } from '../text';

export const PARSER_DIRECTIVES: ReadonlySet<string> = new Set(['syntax', 'escape', 'check']);

// BuildKit's `^#\s*([a-zA-Z][a-zA-Z0-9]*)\s*=\s*(.+?)\s*$`, with Go's ASCII `\s`.
const DIRECTIVE = /^#[\t\n\f\r ]*([a-zA-Z][a-zA-Z0-9]*)[\t\n\f\r ]*=[\t\n\f\r ]*./;
// Go's `unicode.IsSpace`, which BuildKit trims from the start of each line.
const LEADING_SPACE = /^[\t\n\v\f\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+/;

/**
 * The known parser directive (`syntax`, `escape` or `check`, in lower case) that `lineText`
 * spells, as BuildKit would read it among the directives at the top of a Dockerfile; undefined
 * for any other line (whether BuildKit reads it as a directive also depends on the lines above:
 * see `parserDirectiveLines`). `firstLine`: a byte order mark before it is skipped.
 */
export function parserDirectiveName(lineText: string, firstLine = false): string | undefined {
  const text = (firstLine && lineText.startsWith('\uFEFF') ? lineText.slice(1) : lineText).replace(LEADING_SPACE, '');
  const m = DIRECTIVE.exec(text);
  if (!m) return undefined;
  const name = m[1]!.toLowerCase();
  return PARSER_DIRECTIVES.has(name) ? name : undefined;
}

/** How many lines at the top of a Dockerfile BuildKit reads as parser directives. */
export function parserDirectiveLines(index: TextIndex): number {
  let line = 0;
  while (line < index.lineCount && parserDirectiveName(index.lineText(line), line === 0) !== undefined) line++;
  return line;
}
