// RUN, CMD, ENTRYPOINT, SHELL, VOLUME, COPY and ADD are dockerfile-ast `JSONInstruction`s, whose
// constructor looks for the JSON (exec) form: it splits all the arguments (for the flags, then
// to take the text from the first argument after them) and computes their ranges, only to stop
// at the first character when that is not `[`. Most such instructions are in shell form, whose
// split nothing else needs (rules parse a RUN's text with their own shell parser), so for them
// the instruction is built without running that constructor body: its outcome, no brackets and
// no JSON strings, is known from the first word, and the arguments are split on first use as
// for any other instruction. `ast-patches.test.ts` compares whole trees with dockerfile-ast's.
import { Add, Cmd, Copy, Entrypoint, ModifiableInstruction, Run, Shell, Volume, type Dockerfile, type Instruction } from 'dockerfile-ast';
import type { Parser } from 'dockerfile-ast/lib/parser';
import type { DocumentInternals } from './whitespace-split';

interface ParserInternals {
  buffer: string;
  document: DocumentInternals;
  escapeChar: string;
  createInstruction(dockerfile: Dockerfile, instruction: string, start: number, instructionEnd: number, end: number): Instruction;
}

interface JsonFields {
  openingBracket: null;
  closingBracket: null;
  jsonStrings: never[];
}

/** The JSONInstruction classes whose own constructor only calls `super`. */
const JSON_INSTRUCTIONS: ReadonlyMap<string, typeof ModifiableInstruction> = new Map<string, typeof ModifiableInstruction>([
  ['RUN', Run],
  ['CMD', Cmd],
  ['ENTRYPOINT', Entrypoint],
  ['SHELL', Shell],
  ['VOLUME', Volume],
  ['COPY', Copy],
  ['ADD', Add],
]);

/**
 * The first argument, when it settles the constructor's outcome: a word of neither whitespace,
 * escape characters (either: the constructor treats `\` specially whatever the escape) nor a
 * bracket, ended by whitespace. Not starting with `-` and holding no `--`, it is not a flag (nor
 * are the words after it), so the arguments' text starts with it; and the JSON scan stops at
 * its first character.
 */
const FIRST_WORD = /[ \t]*[^ \t\r\n\\`[\]-][^ \t\r\n\\`]*(?=[ \t\r\n]|$)/y;

function startsShellForm(buffer: string, instructionEnd: number, end: number): boolean {
  FIRST_WORD.lastIndex = instructionEnd;
  const m = FIRST_WORD.exec(buffer);
  return m !== null && FIRST_WORD.lastIndex <= end && !m[0].includes('--');
}

/**
 * Wraps the parser's `createInstruction` (dockerfile-ast 0.7.x) to build shell-form JSON
 * instructions as its constructors would, without the JSON scan.
 */
export function patchShellFormInstructions(parser: typeof Parser): void {
  const proto = parser.prototype as unknown as ParserInternals;
  const build = proto.createInstruction;
  proto.createInstruction = function (this: ParserInternals, dockerfile, instruction, start, instructionEnd, end) {
    const cls = JSON_INSTRUCTIONS.get(instruction.toUpperCase());
    if (cls === undefined || !startsShellForm(this.buffer, instructionEnd, end)) return build.call(this, dockerfile, instruction, start, instructionEnd, end);
    // As `Parser.createInstruction` computes the ranges (`Range.create` of two positions).
    const document = this.document;
    const startPosition = document.positionAt(start);
    const instructionRange = { start: startPosition, end: document.positionAt(instructionEnd) };
    const lineRange = { start: startPosition, end: document.positionAt(end) };
    // `new Run(…)` minus JSONInstruction's constructor body: the base constructors run, the
    // instance is a `Run`, and the fields get the values the JSON scan leaves for shell form.
    const ins = Reflect.construct(ModifiableInstruction, [document, lineRange, dockerfile, this.escapeChar, instruction, instructionRange], cls) as Instruction & JsonFields;
    ins.openingBracket = null;
    ins.closingBracket = null;
    ins.jsonStrings = [];
    return ins;
  };
}
