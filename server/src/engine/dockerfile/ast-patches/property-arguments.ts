// ENV, LABEL and ARG split their arguments with dockerfile-ast's `getPropertyArguments`, a
// character-by-character state machine for quotes, `${...}`, escapes and continuations. Most
// such instructions are one line of plain `NAME=value` words, for which every branch of it
// reduces to splitting on spaces and tabs: those take `splitOnWhitespace`, the others the
// original. `ast-patches.test.ts` compares both on fixed and random instructions.
//
// Each property's name and value then go through `Property.getValue`, which unescapes them one
// character at a time, building the result with a string concatenation per character (an
// allocation each, an eighth of the Dockerfile parse's). For the plain words most are, it returns
// its input, and for a plain word in quotes (`"a b"`, `'x'`) the text between them: those skip it
// (`plainPropertyValue`).
import { Property, PropertyInstruction, type Argument } from 'dockerfile-ast';
import type { Range } from '../../types';
import { splitOnWhitespace, type DocumentInternals } from './whitespace-split';

interface PropertyInstructionInternals {
  document: DocumentInternals;
  escapeChar: string;
  getInstructionRange(): Range;
  getTextContent(): string;
  getPropertyArguments(): Argument[];
}

/**
 * What makes `getPropertyArguments` more than a split on whitespace, per escape character:
 * line ends (continuations, comment lines), quotes, and the escape character.
 */
const NOT_PLAIN: ReadonlyMap<string, RegExp> = new Map([
  ['\\', /[\r\n'"\\]/],
  ['`', /[\r\n'"`]/],
]);

/**
 * What can make `Property.getValue(value)` differ from `value`, per escape character: a blank or
 * quote first (stripped), or anywhere a line end or the escape character. Any other character
 * (`#`, a later blank or quote included) reaches the branch that appends it as it is.
 */
const NOT_PLAIN_VALUE: ReadonlyMap<string, RegExp> = new Map([
  ['\\', /^[ \t'"]|[\r\n\\]/],
  ['`', /^[ \t'"]|[\r\n`]/],
]);
/**
 * A value in matching quotes with neither a line end nor the escape character: `getValue` strips
 * the quotes and appends every other character as it is (quotes inside included).
 */
const QUOTED_PLAIN_VALUE: ReadonlyMap<string, RegExp> = new Map([
  ['\\', /^(?:"[^\r\n\\]*"|'[^\r\n\\]*')$/],
  ['`', /^(?:"[^\r\n`]*"|'[^\r\n`]*')$/],
]);

const proto = PropertyInstruction.prototype as unknown as PropertyInstructionInternals;
const ORIGINAL_GET_PROPERTY_ARGUMENTS = proto.getPropertyArguments;
/** `Property.getValue`, a static method (dockerfile-ast calls it through the class). */
type GetValue = (value: string, escapeChar: string) => string;
const propertyClass = Property as unknown as { getValue: GetValue };
const ORIGINAL_GET_VALUE = propertyClass.getValue;

export function patchPropertyArguments(): void {
  proto.getPropertyArguments = function (this: PropertyInstructionInternals) {
    return plainPropertyArguments(this) ?? ORIGINAL_GET_PROPERTY_ARGUMENTS.call(this);
  };
  propertyClass.getValue = plainPropertyValue;
}

/**
 * `Property.getValue`: `value` itself when it is plain (see `NOT_PLAIN_VALUE`), the text between
 * its quotes when it is a quoted plain one (`QUOTED_PLAIN_VALUE`), else the original's answer.
 */
function plainPropertyValue(value: string, escapeChar: string): string {
  const notPlain = NOT_PLAIN_VALUE.get(escapeChar);
  if (notPlain !== undefined) {
    if (!notPlain.test(value)) return value;
    if (QUOTED_PLAIN_VALUE.get(escapeChar)!.test(value)) return value.slice(1, -1);
  }
  return ORIGINAL_GET_VALUE.call(Property, value, escapeChar);
}

/** @internal dockerfile-ast's own `Property.getValue` (it uses no `this`), for the equivalence tests. */
export const originalPropertyValue: GetValue = ORIGINAL_GET_VALUE;

/** @internal dockerfile-ast's own `getPropertyArguments`, for the equivalence tests. */
export function originalPropertyArguments(ins: PropertyInstruction): Argument[] {
  return ORIGINAL_GET_PROPERTY_ARGUMENTS.call(ins as unknown as PropertyInstructionInternals);
}

/**
 * The arguments of a one-line instruction whose text (keyword included: an escaped keyword puts
 * its arguments on a continuation line) has no line end, quote or escape character; else undefined.
 */
function plainPropertyArguments(ins: PropertyInstructionInternals): Argument[] | undefined {
  const notPlain = NOT_PLAIN.get(ins.escapeChar);
  const content = ins.getTextContent();
  if (notPlain === undefined || notPlain.test(content)) return undefined;
  const document = ins.document;
  const range = ins.getInstructionRange();
  const start = document.offsetAt(range.start);
  const keywordEnd = document.offsetAt(range.end);
  return splitOnWhitespace(content.substring(keywordEnd - start), keywordEnd, document);
}
