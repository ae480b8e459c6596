// RUN, CMD, ENTRYPOINT, SHELL, VOLUME, COPY and ADD are dockerfile-ast `JSONInstruction`s, whose
// constructor scans for the JSON (exec) form: it splits all the arguments (for the flags, then
// to take the text from the first argument after them), computes their ranges, and for exec
// form builds the brackets and a `JSONArgument` per string, positions included. Only
// `getOpeningBracket()`, `getJSONStrings()` and `getClosingBracket()` read what it finds, and
// neither the rules (they read the arguments' text) nor dockerfile-ast itself call them. So the
// parser builds these instructions without that constructor body, and the three fields are
// computed on first read, by the constructor itself, on a twin built from the same inputs.
// `ast-patches.test.ts` compares whole trees, those fields included, with dockerfile-ast's.
import { Add, Cmd, Copy, Entrypoint, JSONInstruction, ModifiableInstruction, Run, Shell, Volume, type Dockerfile, type Instruction } from 'dockerfile-ast';
import type { Parser } from 'dockerfile-ast/lib/parser';
import type { Range } from '../../types';
import type { DocumentInternals } from './whitespace-split';

interface ParserInternals {
  document: DocumentInternals;
  escapeChar: string;
  createInstruction(dockerfile: Dockerfile, instruction: string, start: number, instructionEnd: number, end: number): Instruction;
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

/** The fields JSONInstruction's constructor fills in, in the order it defines them. */
const JSON_FIELDS = ['openingBracket', 'closingBracket', 'jsonStrings'] as const;

/**
 * Wraps the parser's `createInstruction` (dockerfile-ast 0.7.x) to build JSON instructions as
 * their constructors would, minus the JSON scan, and makes that scan's fields lazy.
 */
export function patchJsonInstructions(parser: typeof Parser): void {
  lazyJsonFields();
  const proto = parser.prototype as unknown as ParserInternals;
  const build = proto.createInstruction;
  proto.createInstruction = function (this: ParserInternals, dockerfile, instruction, start, instructionEnd, end) {
    const cls = JSON_INSTRUCTIONS.get(instruction.toUpperCase());
    if (cls === undefined) return build.call(this, dockerfile, instruction, start, instructionEnd, end);
    // As `Parser.createInstruction` computes the ranges (`Range.create` of two positions).
    const document = this.document;
    const startPosition = document.positionAt(start);
    const instructionRange = { start: startPosition, end: document.positionAt(instructionEnd) };
    const lineRange = { start: startPosition, end: document.positionAt(end) };
    // `new Run(…)` minus JSONInstruction's constructor body: the base constructors run, and the
    // instance is a `Run`.
    return Reflect.construct(ModifiableInstruction, [document, lineRange, dockerfile, this.escapeChar, instruction, instructionRange], cls) as Instruction;
  };
}

/**
 * Accessors on JSONInstruction's prototype for its three fields. Read on an instance without them
 * (built by the parser above), they run JSONInstruction's constructor on a twin built from the
 * instance's inputs and keep its fields as the instance's own. Written (by that constructor, for
 * instances dockerfile-ast builds itself, such as ONBUILD triggers), they define the field as an
 * own property, as the assignment would without the accessor.
 */
function lazyJsonFields(): void {
  for (const field of JSON_FIELDS) {
    Object.defineProperty(JSONInstruction.prototype, field, {
      configurable: true,
      get(this: JSONInstruction) {
        const ins = this as unknown as InstructionInternals;
        const cls = this.constructor as new (...args: unknown[]) => JSONInstruction;
        const twin = new cls(ins.document, ins.range, ins.dockerfile, ins.escapeChar, ins.instruction, ins.instructionRange) as unknown as Record<string, unknown>;
        for (const f of JSON_FIELDS) defineOwn(this, f, twin[f]);
        return twin[field];
      },
      set(this: JSONInstruction, value: unknown) {
        defineOwn(this, field, value);
      },
    });
  }
}

function defineOwn(target: object, key: string, value: unknown): void {
  Object.defineProperty(target, key, { value, writable: true, enumerable: true, configurable: true });
}
