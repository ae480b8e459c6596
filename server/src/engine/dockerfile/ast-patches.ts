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
import { Argument, Instruction } from 'dockerfile-ast';
import type { Range } from '../types';

const MEMOIZED = Symbol('infra-guide.memoized');
const RAW_ARGS = Symbol('infra-guide.rawArguments');
const ARGS_RANGES = Symbol('infra-guide.argumentsRanges');
const ARGS_CONTENT = Symbol('infra-guide.argumentsContent');

interface Position {
  line: number;
  character: number;
}

/** The parts of a dockerfile-ast instruction the patches use (several are private in the typings). */
interface InstructionInternals {
  document: { getText(): string; offsetAt(p: Position): number; positionAt(offset: number): Position };
  escapeChar: string;
  getInstructionRange(): Range;
  getTextContent(): string;
}

interface Memo {
  getRawArguments(): Argument[];
  getArgumentsRanges(): Range[];
  getArgumentsContent(): string | null;
  [MEMOIZED]?: boolean;
  [RAW_ARGS]?: Argument[];
  [ARGS_RANGES]?: Range[];
  [ARGS_CONTENT]?: string | null;
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
  const split: (this: Memo) => Argument[] = astVersion()?.startsWith(PORTED_FROM)
    ? function (this: Memo) {
        return splitRawArguments(this as unknown as InstructionInternals);
      }
    : ORIGINAL_GET_RAW_ARGUMENTS;
  const getArgumentsRanges = proto.getArgumentsRanges;
  const getArgumentsContent = proto.getArgumentsContent;
  proto.getRawArguments = function (this: Memo) {
    let v = this[RAW_ARGS];
    if (v === undefined) v = this[RAW_ARGS] = split.call(this);
    return v.slice();
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

// dockerfile-ast's own `getRawArguments`, captured before patching (this module is evaluated
// before `applyDockerfileAstPatches` can run).
const ORIGINAL_GET_RAW_ARGUMENTS = (Instruction.prototype as unknown as Memo).getRawArguments;

/** @internal dockerfile-ast's own, unpatched `getRawArguments`, for the equivalence tests. */
export function originalRawArguments(ins: Instruction): Argument[] {
  return ORIGINAL_GET_RAW_ARGUMENTS.call(ins as unknown as Memo);
}

function isWhitespace(c: string): boolean {
  return c === ' ' || c === '\t' || c === '\r' || c === '\n';
}

function isNewline(c: string): boolean {
  return c === '\r' || c === '\n';
}

/**
 * dockerfile-ast 0.7.1 `Instruction.getRawArguments()`, ported statement for statement. The only
 * change: `escapedArg` is kept as `acc` + `fullArgs[runStart, runEnd)` (characters appended from
 * consecutive positions extend the run) instead of growing one character at a time.
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
    args.push(new Argument(escapedArg(), { start: document.positionAt(offset + from), end: document.positionAt(offset + to) }));
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
