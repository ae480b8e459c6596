// How the parser builds instructions (dockerfile-ast 0.7.x `Parser.createInstruction`, ported).
//
// RUN, CMD, ENTRYPOINT, SHELL, VOLUME, COPY and ADD are dockerfile-ast `JSONInstruction`s, whose
// constructor scans for the JSON (exec) form: it splits all the arguments (for the flags, then
// to take the text from the first argument after them), computes their ranges, and for exec
// form builds the brackets and a `JSONArgument` per string, positions included. Only
// `getOpeningBracket()`, `getJSONStrings()` and `getClosingBracket()` read what it finds, and
// neither the rules (they read the arguments' text) nor dockerfile-ast itself call them. So the
// parser builds these instructions without that constructor body, and the three fields are
// computed on first read, by the constructor itself, on a twin built from the same inputs.
// Likewise ARG's constructor splits its arguments and builds a `Property` (ranges and unescaped
// name and value) for `getProperty()`, which only dockerfile-ast's variable lookups read (the
// rules and the model read `getProperties()`, built separately): `property` is built when read.
//
// Every instruction is built with plain ranges (what `Range.create` returns for two positions,
// without its checks), straight from a table of classes rather than through the parser's two
// `createInstruction`s; and an instruction the parser built to look for heredocs is handed back
// when it asks for the same one again (`createForHeredocs`). `ast-patches.test.ts` compares whole
// trees, the JSON fields included, with dockerfile-ast's own parser.
import { Add, Arg, Cmd, Copy, Entrypoint, Env, From, Healthcheck, Instruction, JSONInstruction, Label, ModifiableInstruction, Onbuild, PropertyInstruction, Run, Shell, Stopsignal, User, Volume, Workdir, type Dockerfile } from 'dockerfile-ast';
import type { Parser } from 'dockerfile-ast/lib/parser';
import type { Range } from '../../types';
import type { DocumentInternals } from './whitespace-split';

const LAST_BUILT = Symbol('infra-guide.lastBuiltInstruction');
/** Where an instruction keeps its keyword, upper-cased (`getKeyword()`, memoized in `ast-patches.ts`). */
export const KEYWORD = Symbol('infra-guide.keyword');

interface ParserInternals {
  document: DocumentInternals;
  escapeChar: string;
  createInstruction(dockerfile: Dockerfile, instruction: string, start: number, instructionEnd: number, end: number): Instruction;
  [LAST_BUILT]?: BuiltInstruction;
}

interface BuiltInstruction {
  dockerfile: Dockerfile;
  instruction: string;
  start: number;
  instructionEnd: number;
  end: number;
  built: Instruction;
}

/** The constructor inputs an instruction keeps (`Line` and `Instruction` store them as given). */
interface InstructionInternals {
  document: DocumentInternals;
  range: Range;
  dockerfile: Dockerfile;
  escapeChar: string;
  instruction: string;
  instructionRange: Range;
}

type InstructionClass = new (
  document: DocumentInternals,
  range: Range,
  dockerfile: Dockerfile,
  escapeChar: string,
  instruction: string,
  instructionRange: Range,
) => Instruction;

/**
 * The class `Parser.createInstruction` builds per upper-cased keyword (else `Instruction`), and
 * the constructor to run for it: the class's own, or for the JSON instructions and ARG their
 * base's, which skips JSONInstruction's or Arg's constructor body (the JSON instructions' own
 * constructors and ModifiableInstruction's only call `super`).
 */
const CLASSES = new Map<string, readonly [InstructionClass, InstructionClass]>(
  (
    [
      ['ADD', Add, ModifiableInstruction],
      ['ARG', Arg, PropertyInstruction],
      ['CMD', Cmd, ModifiableInstruction],
      ['COPY', Copy, ModifiableInstruction],
      ['ENTRYPOINT', Entrypoint, ModifiableInstruction],
      ['ENV', Env],
      ['FROM', From],
      ['HEALTHCHECK', Healthcheck],
      ['LABEL', Label],
      ['ONBUILD', Onbuild],
      ['RUN', Run, ModifiableInstruction],
      ['SHELL', Shell, ModifiableInstruction],
      ['STOPSIGNAL', Stopsignal],
      ['WORKDIR', Workdir],
      ['USER', User],
      ['VOLUME', Volume, ModifiableInstruction],
    ] as [string, unknown, unknown?][]
  ).map(([keyword, cls, base]) => [keyword, [cls as InstructionClass, (base ?? cls) as InstructionClass]]),
);

/** The fields JSONInstruction's constructor fills in, in the order it defines them. */
const JSON_FIELDS = ['openingBracket', 'closingBracket', 'jsonStrings'] as const;
/** The field Arg's constructor fills in. */
const ARG_FIELDS = ['property'] as const;

/** Replaces the parser's `createInstruction` (dockerfile-ast 0.7.x) with `createInstruction` below. */
export function patchCreateInstruction(parser: typeof Parser): void {
  lazyConstructorFields(JSONInstruction, JSON_FIELDS);
  lazyConstructorFields(Arg, ARG_FIELDS);
  keywordOnTriggers(parser as unknown as StaticCreate);
  const proto = parser.prototype as unknown as ParserInternals;
  proto.createInstruction = function (this: ParserInternals, dockerfile, instruction, start, instructionEnd, end) {
    const last = this[LAST_BUILT];
    if (last !== undefined) {
      this[LAST_BUILT] = undefined;
      if (last.dockerfile === dockerfile && last.instruction === instruction && last.start === start && last.instructionEnd === instructionEnd && last.end === end) {
        return last.built;
      }
    }
    return createInstruction(this, dockerfile, instruction, start, instructionEnd, end);
  };
}

type StaticCreate = {
  createInstruction(document: DocumentInternals, dockerfile: Dockerfile, escapeChar: string, lineRange: Range, instruction: string, instructionRange: Range): Instruction;
};

/**
 * dockerfile-ast builds ONBUILD's trigger with the static `Parser.createInstruction`: the trigger
 * gets its keyword too, so `getKeyword()` never takes its fallback, which made V8 throw away the
 * optimised `getKeyword` the first time it ran.
 */
function keywordOnTriggers(parser: StaticCreate): void {
  const build = parser.createInstruction;
  parser.createInstruction = function (document, dockerfile, escapeChar, lineRange, instruction, instructionRange) {
    const ins: Instruction & { [KEYWORD]?: string } = build.call(this, document, dockerfile, escapeChar, lineRange, instruction, instructionRange);
    ins[KEYWORD] = instruction.toUpperCase();
    return ins;
  };
}

/**
 * dockerfile-ast 0.7.x `Parser.processArguments` builds an instruction with arguments once only
 * to look for heredocs in them, then `processInstruction` builds it again from the same inputs
 * for the tree (the ranges differ only when heredoc bodies extend the instruction). Building it
 * runs its constructor and splits its arguments, and the heredoc check only reads the instance,
 * so the parser's next `createInstruction` of the same inputs hands back this one.
 */
export function createForHeredocs(parser: unknown, dockerfile: Dockerfile, instruction: string, start: number, instructionEnd: number, end: number): Instruction {
  const p = parser as ParserInternals;
  const built = p.createInstruction(dockerfile, instruction, start, instructionEnd, end);
  p[LAST_BUILT] = { dockerfile, instruction, start, instructionEnd, end, built };
  return built;
}

/**
 * Adds, empty, the slot `createForHeredocs` fills, so every parser reaching `createInstruction`
 * has the same hidden class: a file whose first instruction has no arguments used to reach it
 * without the slot (nor `mayHaveHeredoc`'s) and made V8 throw away its optimised code.
 */
export function addHeredocSlot(parser: unknown): void {
  (parser as ParserInternals)[LAST_BUILT] = undefined;
}

/** `Parser.createInstruction` and the static one it calls, minus the JSON scan and range checks. */
function createInstruction(parser: ParserInternals, dockerfile: Dockerfile, instruction: string, start: number, instructionEnd: number, end: number): Instruction {
  const document = parser.document;
  const startPosition = document.positionAt(start);
  const instructionRange = { start: startPosition, end: document.positionAt(instructionEnd) };
  const lineRange = { start: startPosition, end: document.positionAt(end) };
  const keyword = instruction.toUpperCase();
  const classes = CLASSES.get(keyword);
  const escapeChar = parser.escapeChar;
  let ins: Instruction & { [KEYWORD]?: string };
  if (classes === undefined) ins = new (Instruction as unknown as InstructionClass)(document, lineRange, dockerfile, escapeChar, instruction, instructionRange);
  else if (classes[0] === classes[1]) ins = new classes[0](document, lineRange, dockerfile, escapeChar, instruction, instructionRange);
  else ins = Reflect.construct(classes[1], [document, lineRange, dockerfile, escapeChar, instruction, instructionRange], classes[0]) as Instruction;
  // What `getKeyword()` answers (the parser asks each instruction right away), computed above.
  ins[KEYWORD] = keyword;
  return ins;
}

/**
 * Accessors on `cls`'s prototype for the `fields` its constructor body fills in. Read on an
 * instance without them (built by the parser above), they run the constructor on a twin built
 * from the instance's inputs and keep its fields as the instance's own. Written (by that
 * constructor, for instances dockerfile-ast builds itself, such as ONBUILD triggers), they define
 * the field as an own property, as the assignment would without the accessor.
 */
function lazyConstructorFields(cls: abstract new (...args: never[]) => Instruction, fields: readonly string[]): void {
  for (const field of fields) {
    Object.defineProperty(cls.prototype, field, {
      configurable: true,
      get(this: Instruction) {
        const ins = this as unknown as InstructionInternals;
        const own = this.constructor as InstructionClass;
        const twin = new own(ins.document, ins.range, ins.dockerfile, ins.escapeChar, ins.instruction, ins.instructionRange) as unknown as Record<string, unknown>;
        for (const f of fields) defineOwn(this, f, twin[f]);
        return twin[field];
      },
      set(this: Instruction, value: unknown) {
        defineOwn(this, field, value);
      },
    });
  }
}

function defineOwn(target: object, key: string, value: unknown): void {
  Object.defineProperty(target, key, { value, writable: true, enumerable: true, configurable: true });
}
