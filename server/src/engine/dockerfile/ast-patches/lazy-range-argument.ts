// Arguments of the ported splits get their range on first use. dockerfile-ast builds a range
// and two positions for every argument of every instruction (over half of the memory its
// parse allocates), and almost none are read: rules take instruction ranges and their own shell
// words' ranges; dockerfile-ast itself reads the first and last argument's (arguments range),
// flags' and properties'. The range is computed the way dockerfile-ast builds it,
// `{ start: document.positionAt(start), end: document.positionAt(end) }`, and then kept, so
// every read returns the same object as before.
import { Argument } from 'dockerfile-ast';
import type { Range } from '../../types';
import type { DocumentInternals } from './whitespace-split';

const DOCUMENT = Symbol('infra-guide.document');
const START = Symbol('infra-guide.startOffset');
const END = Symbol('infra-guide.endOffset');
const RANGE = Symbol('infra-guide.range');

class LazyRangeArgument extends Argument {
  // Declared, not defined: the constructor sets them. A class field would be defined again by an
  // initializer V8 runs on every construction (one per argument of every file, cold).
  declare [DOCUMENT]: DocumentInternals;
  declare [START]: number;
  declare [END]: number;
  declare [RANGE]: Range | undefined;

  constructor(value: string, document: DocumentInternals, start: number, end: number) {
    // `Argument`'s constructor assigns `this.range`, which the accessor below ignores.
    super(value, undefined as unknown as Range);
    this[DOCUMENT] = document;
    this[START] = start;
    this[END] = end;
    this[RANGE] = undefined;
  }
}

// `Argument` reads `this.range` (in `getRange()`, `isAfter()`, `isBefore()`), a private field in
// its typings, so the accessor is defined on the prototype rather than as a class member.
Object.defineProperty(LazyRangeArgument.prototype, 'range', {
  get(this: LazyRangeArgument): Range {
    let range = this[RANGE];
    if (range === undefined) {
      const document = this[DOCUMENT];
      range = this[RANGE] = { start: document.positionAt(this[START]), end: document.positionAt(this[END]) };
    }
    return range;
  },
  set(): void {},
});

/** An argument with `value` spanning document offsets `[start, end)`. */
export function lazyRangeArgument(value: string, document: DocumentInternals, start: number, end: number): Argument {
  return new LazyRangeArgument(value, document, start, end);
}
