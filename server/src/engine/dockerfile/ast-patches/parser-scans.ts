// Ports of dockerfile-ast 0.7.x parser loops that walked the whole text one `charAt` and one
// string `switch` at a time: stepping over the blanks and line ends between instructions (the
// parse's own loop), reading an instruction's keyword (one string concatenation per character),
// finding where its arguments end (every character of every instruction went through it) and
// where a comment ends. Between instructions only the other characters matter; outside a line
// continuation only blanks, line ends and the escape character matter to the keyword, only line
// ends and the escape character to the arguments, and only line ends to a comment. So the ports
// jump between those with a regular expression (native code, which matters most in a cold
// process) and keep the original statements for everything else.
// `ast-patches.test.ts` compares whole parsed trees against dockerfile-ast's own parser.
import type { Dockerfile, Instruction } from 'dockerfile-ast';
import type { Dockerfile as DockerfileClass } from 'dockerfile-ast/lib/dockerfile';
import type { Parser } from 'dockerfile-ast/lib/parser';
import type { ParserDirective } from 'dockerfile-ast/lib/parserDirective';
import type { Util } from 'dockerfile-ast/lib/util';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { addHeredocSlot, createForHeredocs } from './create-instruction';
import { deferComment } from './organize-comments';
import type { DocumentInternals } from './whitespace-split';

/** The private parser state and methods the ports use. */
interface ParserInternals {
  buffer: string;
  document: DocumentInternals;
  escapeChar: string;
  getParserDirectives(document: TextDocument, buffer: string): ParserDirective[];
  createInstruction(dockerfile: Dockerfile, instruction: string, start: number, instructionEnd: number, end: number): Instruction;
  processHeredocs(instruction: Instruction, offset: number): number;
  processArguments(dockerfile: Dockerfile, instruction: string, instructionEnd: number, start: number, offset: number): number;
  processComment(dockerfile: Dockerfile, start: number): number;
  processInstruction(dockerfile: Dockerfile, char: string, start: number): number;
  [NEXT_ANGLE_BRACKET]?: NextAngleBracket;
}

interface DockerfileInternals {
  addInstruction(instruction: Instruction): void;
}

/** The first `<` that may start a heredoc at or after `from` in `buffer` (`buffer.length` if none). */
interface NextAngleBracket {
  buffer: string;
  from: number;
  at: number;
}

const NEXT_ANGLE_BRACKET = Symbol('infra-guide.nextAngleBracket');

const LINE_END = /[\r\n]/g;
const NOT_WHITESPACE = /[^ \t\r\n]/g;
const BLANKS = /[ \t]*/y;
/** The regular expressions of the ports for one escape character. */
interface Scans {
  /** The rest of a keyword without escape characters (what the parser appends one at a time). */
  keywordRest: RegExp;
  /** Where an argument scan outside a continuation must look again. */
  stops: RegExp;
  /** Where an argument may start with `<<` (see `mayHaveHeredoc`). */
  heredocStarts: RegExp;
  /**
   * From an escape character outside a continuation, the plain continuation lines that follow:
   * each an escaped line end (LF or CRLF), the next line's indentation, and that line up to its
   * next stop (see `stops`), starting with a character that ends the continuation there (neither
   * a line end, a blank, `#` nor the escape character).
   */
  continuedLines: RegExp;
}

/** Per escape character (dockerfile-ast only sets `\` or `` ` ``; anything else keeps the original loops). */
const SCANS: ReadonlyMap<string, Scans> = new Map([
  ['\\', { keywordRest: /[^ \t\r\n\\]*/y, stops: /[\r\n\\]/g, heredocStarts: /<[<\\]/g, continuedLines: /(?:\\\r?\n[ \t]*[^\r\n#\\ \t][^\r\n\\]*)+/y }],
  ['`', { keywordRest: /[^ \t\r\n`]*/y, stops: /[\r\n`]/g, heredocStarts: /<[<`]/g, continuedLines: /(?:`\r?\n[ \t]*[^\r\n#` \t][^\r\n`]*)+/y }],
]);

/** The classes `parse` builds a tree with (those dockerfile-ast itself loads). */
export interface ParseClasses {
  TextDocument: typeof TextDocument;
  Dockerfile: typeof DockerfileClass;
  Util: typeof Util;
}

export function patchParserScans(parser: typeof Parser, classes: ParseClasses): void {
  const proto = parser.prototype as unknown as ParserInternals & { parse(buffer: string): Dockerfile };
  proto.parse = function (this: ParserInternals, buffer: string) {
    return parse(this, classes, buffer);
  };
  const originalProcessArguments = proto.processArguments;
  proto.processArguments = function (this: ParserInternals, dockerfile, instruction, instructionEnd, start, offset) {
    const scans = SCANS.get(this.escapeChar);
    if (scans === undefined) return originalProcessArguments.call(this, dockerfile, instruction, instructionEnd, start, offset);
    return processArguments(this, scans, dockerfile, instruction, instructionEnd, start, offset);
  };
  proto.processComment = processComment;
  const originalProcessInstruction = proto.processInstruction;
  proto.processInstruction = function (this: ParserInternals, dockerfile, char, start) {
    const scans = SCANS.get(this.escapeChar);
    return (scans !== undefined && processInstruction(this, scans, dockerfile, start)) || originalProcessInstruction.call(this, dockerfile, char, start);
  };
}

/**
 * dockerfile-ast 0.7.1 `Parser.parse`, ported statement for statement except that the blanks and
 * line ends between instructions and comments, which its loop only steps over, are skipped at once.
 */
function parse(parser: ParserInternals, classes: ParseClasses, buffer: string): Dockerfile {
  const document = classes.TextDocument.create('', '', 0, buffer);
  parser.document = document;
  parser.buffer = buffer;
  // Added up front, in a fixed order, so all parsers share one hidden class (see `addHeredocSlot`).
  parser[NEXT_ANGLE_BRACKET] = undefined;
  addHeredocSlot(parser);
  const dockerfile = new classes.Dockerfile(document);
  const directives = parser.getParserDirectives(document, buffer);
  let offset = 0;
  parser.escapeChar = '\\';
  if (directives.length > 0) {
    dockerfile.setDirectives(directives);
    parser.escapeChar = dockerfile.getEscapeCharacter();
    // start parsing after the directives
    offset = document.offsetAt({ line: directives.length, character: 0 });
  } else if (classes.Util.isUTF8BOM(buffer.substring(0, 1))) {
    offset = 1;
  }
  for (let i = nextNonWhitespace(buffer, offset); i < buffer.length; i = nextNonWhitespace(buffer, i + 1)) {
    const char = buffer.charAt(i);
    i = char === '#' ? parser.processComment(dockerfile, i) : parser.processInstruction(dockerfile, char, i);
  }
  (dockerfile as unknown as { organizeComments(): void }).organizeComments();
  return dockerfile;
}

/** The first character at or after `from` that is neither a blank nor a line end (`buffer.length` if none). */
function nextNonWhitespace(buffer: string, from: number): number {
  NOT_WHITESPACE.lastIndex = from;
  return NOT_WHITESPACE.test(buffer) ? NOT_WHITESPACE.lastIndex - 1 : buffer.length;
}

/**
 * dockerfile-ast 0.7.1 `Parser.processInstruction` for a keyword without the escape character:
 * its characters up to the first blank or line end (or the end of the text) are taken at once,
 * and that character's branch follows. Returns 0 (nothing done) when the keyword reaches an
 * escape character, for the original to read it (never 0 otherwise: the result is past `start`).
 */
function processInstruction(parser: ParserInternals, scans: Scans, dockerfile: Dockerfile, start: number): number {
  const buffer = parser.buffer;
  const rest = scans.keywordRest;
  rest.lastIndex = start + 1;
  rest.test(buffer); // `*` always matches, so `lastIndex` is where the keyword stops
  const end = rest.lastIndex;
  const tree = dockerfile as unknown as DockerfileInternals;
  if (end >= buffer.length) {
    // reached EOF
    tree.addInstruction(parser.createInstruction(dockerfile, buffer.slice(start), start, buffer.length, buffer.length));
    return buffer.length;
  }
  const char = buffer.charAt(end);
  if (char === ' ' || char === '\t') {
    const instruction = buffer.slice(start, end);
    // What `parser.processArguments` runs for these scans.
    const i = processArguments(parser, scans, dockerfile, instruction, end, start, end);
    tree.addInstruction(parser.createInstruction(dockerfile, instruction, start, end, i));
    return i;
  }
  if (char === '\r' || char === '\n') {
    tree.addInstruction(parser.createInstruction(dockerfile, buffer.slice(start, end), start, end, end));
    return end;
  }
  return 0;
}

/**
 * dockerfile-ast 0.7.1 `Parser.processArguments`, ported statement for statement except that
 * outside a continuation (`escaped` false) it skips straight to the next line end or escape
 * character: every other character there only reaches `break` or `escaped = false`; from an
 * escape character it skips plain continuation lines (`continuedLines`) at once; and inside a
 * continuation it skips blanks at once.
 */
function processArguments(
  parser: ParserInternals,
  scans: Scans,
  dockerfile: Dockerfile,
  instruction: string,
  instructionEnd: number,
  start: number,
  offset: number,
): number {
  const buffer = parser.buffer;
  const escapeChar = parser.escapeChar;
  const stops = scans.stops;
  const continuedLines = scans.continuedLines;
  let escaped = false;
  argumentsCheck: for (let i = offset + 1; i < buffer.length; i++) {
    if (!escaped) {
      stops.lastIndex = i;
      if (!stops.test(buffer)) return buffer.length;
      i = stops.lastIndex - 1;
      // Plain continuation lines take the statements below for `escaped` true, then false again
      // (at the first character after the indentation): they are skipped at once, to the next stop.
      if (buffer.charAt(i) === escapeChar) {
        continuedLines.lastIndex = i;
        if (continuedLines.test(buffer)) {
          i = continuedLines.lastIndex;
          if (i >= buffer.length) return buffer.length;
        }
      }
    } else {
      // In a continuation, blanks only keep it going (the last statement of the loop): the
      // indentation of a continued line is skipped at once.
      BLANKS.lastIndex = i;
      BLANKS.test(buffer); // `*` always matches, so `lastIndex` is where the blanks end
      i = BLANKS.lastIndex;
      if (i >= buffer.length) return buffer.length;
    }
    const char = buffer.charAt(i);
    if (char === '\r' || char === '\n') {
      if (escaped) continue;
      if (!mayHaveHeredoc(parser, scans.heredocStarts, start, i)) return i;
      return parser.processHeredocs(createForHeredocs(parser, dockerfile, instruction, start, instructionEnd, i), i);
    }
    if (char === escapeChar) {
      const next = buffer.charAt(i + 1);
      if (next === '\n' || next === '\r') {
        escaped = true;
        i++;
      } else if (next === ' ' || next === '\t') {
        for (let j = i + 2; j < buffer.length; j++) {
          const c = buffer.charAt(j);
          if (c === ' ' || c === '\t') continue;
          if (c === '\r' || c === '\n') escaped = true;
          i = j;
          continue argumentsCheck;
        }
        // reached EOF
        return buffer.length;
      }
      continue;
    }
    if (char === '#') {
      if (escaped) i = processComment.call(parser, dockerfile, i);
      continue;
    }
    if (char !== ' ' && char !== '\t') escaped = false;
  }
  return buffer.length;
}

/**
 * Whether the instruction text `[start, end)` contains a `<` followed by `<` or the escape
 * character (`heredocStarts`). Without one no argument starts with `<<`: an argument's first
 * character is a character of the text, and its second is the one right after it unless that is
 * the escape character (whitespace would end the argument). So `processHeredocs` would return its
 * offset unchanged, and the instruction need not be built for it (`processInstruction` builds it).
 * The next such `<` is remembered because instructions are scanned in file order.
 */
function mayHaveHeredoc(parser: ParserInternals, starts: RegExp, start: number, end: number): boolean {
  const buffer = parser.buffer;
  let next = parser[NEXT_ANGLE_BRACKET];
  if (next === undefined || next.buffer !== buffer || start < next.from || start > next.at) {
    starts.lastIndex = start;
    const at = starts.test(buffer) ? starts.lastIndex - 2 : buffer.length;
    next = parser[NEXT_ANGLE_BRACKET] = { buffer, from: start, at };
  }
  return next.at < end;
}

/**
 * dockerfile-ast 0.7.1 `Parser.processComment`, finding the line end with a regular expression,
 * with the comment built when first read (`deferComment`).
 */
function processComment(this: ParserInternals, dockerfile: Dockerfile, start: number): number {
  const buffer = this.buffer;
  LINE_END.lastIndex = start + 1;
  const end = LINE_END.test(buffer) ? LINE_END.lastIndex - 1 : buffer.length;
  deferComment(dockerfile, this.document, start, end);
  return end;
}
