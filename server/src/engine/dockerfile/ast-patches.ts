// Performance patches for dockerfile-ast, applied once when the Dockerfile model is loaded.
//
// dockerfile-ast recomputes an instruction's argument list from its text on every
// `getRawArguments()` / `getArguments()` call, and its own constructors and helpers call these
// many times per instruction (a RUN's constructor alone re-splits its arguments 3-4 times; each
// `getArgumentsRange()` / `getArgumentsContent()` / `getFlags()` does it again), which made up
// over a third of Dockerfile linting time. An instruction's arguments only depend on its
// document, ranges and escape character, all fixed in the base constructor and never changed
// afterwards, so they are memoized per instance. Arrays are returned as fresh copies because
// callers (dockerfile-ast's own `ModifiableInstruction.getArguments()`) mutate them; `Argument`
// and range objects are never mutated and are shared.
//
// The one remaining split per instruction builds each argument's value one character at a time
// (`escapedArg = escapedArg + char`), which allocated a fifth of all memory while linting.
// `splitRawArguments` is the same algorithm, statement for statement, with the value built from
// slices of the text instead; `ast-patches.test.ts` checks it against the original on the
// corpus-like cases and on random text. It is only used with the dockerfile-ast version it was
// ported from (0.7.x): another version keeps its own implementation (still memoized).
//
// The keyword, upper-cased again on every `getKeyword()` call (rules call it dozens of times
// per instruction), is memoized too. For 0.7.x only, the parser builds each instruction once,
// with plain ranges, and RUN, CMD, COPY … run their JSON-form scan only when its result is read
// (`ast-patches/create-instruction.ts`), its per-character scans for argument and comment ends
// and over the blanks between instructions jump with regular expressions
// (`ast-patches/parser-scans.ts`), its document's line table is built with native `indexOf`
// (`ast-patches/line-offsets.ts`), plain one-line ENV / LABEL / ARG instructions are split
// on whitespace and their plain names and values skip the per-character unescaping
// (`ast-patches/property-arguments.ts`), comments are built and handed to their build
// stages only when read (`ast-patches/organize-comments.ts`), and the ranges it builds from two
// positions skip vscode-languageserver-types' call-heavy checks (`ast-patches/range-create.ts`).
import { Argument, Instruction, type Dockerfile } from 'dockerfile-ast';
import type { Dockerfile as DockerfileClass } from 'dockerfile-ast/lib/dockerfile';
import type { ImageTemplate } from 'dockerfile-ast/lib/imageTemplate';
import type { Parser } from 'dockerfile-ast/lib/parser';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Util } from 'dockerfile-ast/lib/util';
import type { Range } from '../types';
import { patchLineOffsets, type GetParserDirectives } from './ast-patches/line-offsets';
import { patchOrganizeComments, type DockerfileInternals } from './ast-patches/organize-comments';
import { patchParserScans } from './ast-patches/parser-scans';
import { patchPropertyArguments } from './ast-patches/property-arguments';
import { lazyRangeArgument } from './ast-patches/lazy-range-argument';
import { patchRangeCreate } from './ast-patches/range-create';
import { KEYWORD, patchCreateInstruction } from './ast-patches/create-instruction';
import { isWhitespace, matchEnd, splitOnWhitespace, type DocumentInternals } from './ast-patches/whitespace-split';

const MEMOIZED = Symbol('infra-guide.memoized');
const RAW_ARGS = Symbol('infra-guide.rawArguments');
const ARGS_RANGES = Symbol('infra-guide.argumentsRanges');
const ARGS_CONTENT = Symbol('infra-guide.argumentsContent');

interface InstructionInternals {
  document: DocumentInternals;
  escapeChar: string;
  getInstructionRange(): Range;
  getTextContent(): string;
}

interface Memo {
  getKeyword(): string;
  getRawArguments(): Argument[];
  getArgumentsRanges(): Range[];
  getArgumentsContent(): string | null;
  [MEMOIZED]?: boolean;
  [RAW_ARGS]?: Argument[];
  [ARGS_RANGES]?: Range[];
  [ARGS_CONTENT]?: string | null;
  [KEYWORD]?: string;
}

/** The dockerfile-ast version `splitRawArguments` was ported from (major.minor). */
const PORTED_FROM = '0.7.';

function astVersion(): string | undefined {
  try {
    return (require('dockerfile-ast/package.json') as { version?: string }).version;
  } catch {
    return undefined;
  }
}

export function applyDockerfileAstPatches(): void {
  const proto = Instruction.prototype as unknown as Memo;
  if (proto[MEMOIZED]) return;
  proto[MEMOIZED] = true;
  const ported = astVersion()?.startsWith(PORTED_FROM) === true;
  if (ported) {
    const { Parser, Util, Dockerfile, ImageTemplate, TextDocument, Range } = unexported();
    patchCreateInstruction(Parser);
    patchParserScans(Parser, { TextDocument, Dockerfile, Util });
    patchLineOffsets(Parser);
    patchPropertyArguments();
    patchOrganizeComments(Dockerfile, ImageTemplate, Util);
    patchRangeCreate(Range);
    // Called twice per parse with the first character; dockerfile-ast encodes it to UTF-8 to
    // compare the bytes with EF BB BF, which only U+FEFF encodes to.
    Util.isUTF8BOM = (char: string) => char.charCodeAt(0) === 0xfeff;
  }
  const split: (this: Memo) => Argument[] = ported
    ? function (this: Memo) {
        return splitRawArguments(this as unknown as InstructionInternals);
      }
    : ORIGINAL_GET_RAW_ARGUMENTS;
  const getKeyword = proto.getKeyword;
  const getArgumentsRanges = proto.getArgumentsRanges;
  const getArgumentsContent = proto.getArgumentsContent;
  proto.getRawArguments = function (this: Memo) {
    let v = this[RAW_ARGS];
    if (v === undefined) v = this[RAW_ARGS] = split.call(this);
    return v.slice();
  };
  proto.getKeyword = function (this: Memo) {
    let v = this[KEYWORD];
    if (v === undefined) v = this[KEYWORD] = getKeyword.call(this);
    return v;
  };
  proto.getArgumentsRanges = function (this: Memo) {
    let v = this[ARGS_RANGES];
    if (v === undefined) v = this[ARGS_RANGES] = getArgumentsRanges.call(this);
    return v.slice();
  };
  proto.getArgumentsContent = function (this: Memo) {
    let v = this[ARGS_CONTENT];
    if (v === undefined) v = this[ARGS_CONTENT] = getArgumentsContent.call(this);
    return v;
  };
}

interface Unexported {
  Parser: typeof Parser;
  Util: typeof Util;
  Dockerfile: typeof DockerfileClass;
  ImageTemplate: typeof ImageTemplate;
  /** What dockerfile-ast's parser makes its documents with (its CommonJS build, as it requires it). */
  TextDocument: typeof TextDocument;
  /** What dockerfile-ast builds its ranges with (`Range.create`). */
  Range: Parameters<typeof patchRangeCreate>[0];
  /** The parser methods as dockerfile-ast defines them. */
  originalParserMethods: Pick<ParserInternals, 'parse' | 'createInstruction' | 'processArguments' | 'processComment' | 'processInstruction' | 'getParserDirectives'>;
  originalIsUTF8BOM: (typeof Util)['isUTF8BOM'];
  originalOrganizeComments: DockerfileInternals['organizeComments'];
}

let unexportedModules: Unexported | undefined;

/**
 * dockerfile-ast modules its main module does not export, loaded (and their originals captured)
 * on first use, so that another version's layout never breaks loading this module.
 */
function unexported(): Unexported {
  if (unexportedModules === undefined) {
    const { Parser } = require('dockerfile-ast/lib/parser') as typeof import('dockerfile-ast/lib/parser');
    const { Util } = require('dockerfile-ast/lib/util') as typeof import('dockerfile-ast/lib/util');
    const { Dockerfile } = require('dockerfile-ast/lib/dockerfile') as typeof import('dockerfile-ast/lib/dockerfile');
    const { ImageTemplate } = require('dockerfile-ast/lib/imageTemplate') as typeof import('dockerfile-ast/lib/imageTemplate');
    const { TextDocument } = require('vscode-languageserver-textdocument') as typeof import('vscode-languageserver-textdocument');
    const { Range } = require('vscode-languageserver-types') as { Range: Unexported['Range'] };
    const { parse, createInstruction, processArguments, processComment, processInstruction, getParserDirectives } = Parser.prototype as unknown as ParserInternals;
    const originalParserMethods = { parse, createInstruction, processArguments, processComment, processInstruction, getParserDirectives };
    const originalOrganizeComments = (Dockerfile.prototype as unknown as DockerfileInternals).organizeComments;
    unexportedModules = { Parser, Util, Dockerfile, ImageTemplate, TextDocument, Range, originalParserMethods, originalIsUTF8BOM: Util.isUTF8BOM, originalOrganizeComments };
  }
  return unexportedModules;
}

/** The private parser methods the patches replace. */
interface ParserInternals {
  parse(text: string): Dockerfile;
  /** Builds every instruction of a parse. */
  createInstruction(dockerfile: Dockerfile, instruction: string, start: number, instructionEnd: number, end: number): Instruction;
  processArguments(dockerfile: Dockerfile, instruction: string, instructionEnd: number, start: number, offset: number): number;
  processComment(dockerfile: Dockerfile, start: number): number;
  processInstruction(dockerfile: Dockerfile, char: string, start: number): number;
  getParserDirectives: GetParserDirectives;
}

// dockerfile-ast's own `getRawArguments`, captured before patching (this module is evaluated
// before `applyDockerfileAstPatches` can run).
const ORIGINAL_GET_RAW_ARGUMENTS = (Instruction.prototype as unknown as Memo).getRawArguments;

/**
 * @internal dockerfile-ast's own parse, with its own parser methods and `organizeComments`
 * (instructions still memoize).
 */
export function parseWithOriginalParser(text: string): Dockerfile {
  const { Parser, Dockerfile, originalParserMethods, originalOrganizeComments } = unexported();
  // Own properties shadow the patched prototype methods for this parse only. The parser makes
  // its Dockerfile itself, so that class's method is swapped for the parse.
  const proto = Dockerfile.prototype as unknown as DockerfileInternals;
  const patched = proto.organizeComments;
  proto.organizeComments = originalOrganizeComments;
  try {
    return Object.assign(new Parser(), originalParserMethods).parse(text);
  } finally {
    proto.organizeComments = patched;
  }
}

/** @internal dockerfile-ast's own, unpatched `Util.isUTF8BOM`. */
export function originalIsUTF8BOM(char: string): boolean {
  return unexported().originalIsUTF8BOM(char);
}

/** @internal dockerfile-ast's own, unpatched `getRawArguments`, for the equivalence tests. */
export function originalRawArguments(ins: Instruction): Argument[] {
  return ORIGINAL_GET_RAW_ARGUMENTS.call(ins as unknown as Memo);
}

/** The rest of an argument's word: characters neither whitespace nor the escape character. */
const WORD_REST: ReadonlyMap<string, RegExp> = new Map([
  ['\\', /[^ \t\r\n\\]*/y],
  ['`', /[^ \t\r\n`]*/y],
]);

function isNewline(c: string): boolean {
  return c === '\r' || c === '\n';
}

/**
 * dockerfile-ast 0.7.1 `Instruction.getRawArguments()`, ported statement for statement. The
 * changes: `escapedArg` is kept as `acc` + `fullArgs[runStart, runEnd)` (characters appended from
 * consecutive positions extend the run) instead of growing one character at a time; ranges are
 * computed on first use (`lazyRangeArgument`); the rest of a word is taken in one step (see
 * `WORD_REST`); and arguments without the escape character take a fast path.
 * @internal exported for tests.
 */
export function splitRawArguments(ins: InstructionInternals): Argument[] {
  const args: Argument[] = [];
  const document = ins.document;
  const escapeChar = ins.escapeChar;
  const range = ins.getInstructionRange();
  const extra = document.offsetAt(range.end) - document.offsetAt(range.start);
  const content = ins.getTextContent();
  const fullArgs = content.substring(extra);
  const offset = document.offsetAt(range.start) + extra;
  if (!fullArgs.includes(escapeChar)) return splitOnWhitespace(fullArgs, offset, document);
  const wordRest = WORD_REST.get(escapeChar);
  let start = false;
  let comment = false;
  let found = -1;
  // determines whether the parser has found a space or tab
  // whitespace character that's a part of an escaped newline sequence
  let escapedWhitespaceDetected = false;
  // determines if the parser is currently in an escaped newline sequence
  let escaping = false;
  let escapeMarker = -1;
  // escapedArg === acc + fullArgs.slice(runStart, runEnd)
  let acc = '';
  let runStart = 0;
  let runEnd = 0;
  const append = (idx: number): void => {
    if (runEnd > runStart && idx === runEnd) {
      runEnd++;
      return;
    }
    if (runEnd > runStart) acc += fullArgs.slice(runStart, runEnd);
    runStart = idx;
    runEnd = idx + 1;
  };
  const escapedArg = (): string => (runEnd > runStart ? acc + fullArgs.slice(runStart, runEnd) : acc);
  const reset = (): void => {
    acc = '';
    runStart = 0;
    runEnd = 0;
  };
  const push = (from: number, to: number): void => {
    args.push(lazyRangeArgument(escapedArg(), document, offset + from, offset + to));
  };
  for (let i = 0; i < fullArgs.length; i++) {
    const char = fullArgs.charAt(i);
    if (isWhitespace(char)) {
      if (escaping) {
        escapedWhitespaceDetected = true;
        if (isNewline(char)) {
          // reached a newline, any previously
          // detected whitespace should be ignored
          escapedWhitespaceDetected = false;
          if (comment) {
            // reached a newline, no longer in a comment
            comment = false;
            start = true;
          }
        }
        continue;
      } else if (found !== -1) {
        if (escapeMarker === -1) {
          push(found, i);
        } else {
          push(found, escapeMarker);
        }
        escapeMarker = -1;
        reset();
        found = -1;
      }
    } else if (char === escapeChar) {
      const next = fullArgs.charAt(i + 1);
      if (next === ' ' || next === '\t') {
        whitespaceCheck: for (let j = i + 2; j < fullArgs.length; j++) {
          const newlineCheck = fullArgs.charAt(j);
          switch (newlineCheck) {
            case ' ':
            case '\t':
              continue;
            case '\r':
            case '\n':
              if (newlineCheck === '\r') j++; // the original falls through from '\r' to '\n'
              comment = false;
              escaping = true;
              start = true;
              if (found !== -1) {
                escapeMarker = i;
              }
              i = j;
              break whitespaceCheck;
            default:
              escapeMarker = i;
              if (found === -1) {
                i = j - 1;
              }
              break whitespaceCheck;
          }
        }
      } else if (next === '\r') {
        comment = false;
        escaping = true;
        start = true;
        if (found !== -1 && escapeMarker === -1) {
          escapeMarker = i;
        }
        i += 2;
      } else if (next === '\n') {
        comment = false;
        escaping = true;
        start = true;
        if (found !== -1 && escapeMarker === -1) {
          escapeMarker = i;
        }
        i++;
      } else {
        if (escapedWhitespaceDetected && escapeMarker !== -1) {
          push(found, escapeMarker);
          reset();
          found = -1;
        }
        escapeMarker = -1;
        escapedWhitespaceDetected = false;
        escaping = false;
        if (next === '$') {
          append(i);
          append(i + 1);
        } else if (next === '') {
          // reached EOF, stop processing
          break;
        } else {
          append(i + 1);
        }
        if (found === -1) {
          found = i;
        }
        i++;
      }
    } else if (!comment) {
      if (start && char === '#') {
        comment = true;
      } else {
        if (escapedWhitespaceDetected && escapeMarker !== -1) {
          push(found, escapeMarker);
          reset();
          found = -1;
        }
        escapedWhitespaceDetected = false;
        escaping = false;
        escapeMarker = -1;
        append(i);
        if (found === -1) {
          found = i;
        }
        // In this state each following character up to the next whitespace or escape
        // character would only reach this same `append`, extending the run: take them at once.
        if (wordRest !== undefined) {
          runEnd = matchEnd(wordRest, fullArgs, i + 1);
          i = runEnd - 1;
        }
      }
      // non-whitespace character detected, reset
      start = false;
    }
  }
  if (found !== -1) {
    if (escapeMarker === -1) {
      push(found, fullArgs.length);
    } else {
      push(found, escapeMarker);
    }
  }
  return args;
}
