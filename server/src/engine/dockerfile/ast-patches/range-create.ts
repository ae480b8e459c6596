// dockerfile-ast builds the ranges of flags, properties, arguments ranges and JSON strings with
// vscode-languageserver-types' `Range.create(start, end)`, which first checks whether its
// arguments are four numbers, then whether they are two positions, through eight small calls and
// five `Object.prototype.toString` calls (`Is.uinteger`), all cold. For two plain positions (what
// dockerfile-ast passes) the same checks are made inline; anything else goes to the original.
// The module is shared with everything else that loads it; answers and errors are unchanged.

interface Position {
  line: number;
  character: number;
}

interface RangeNamespace {
  create(one: unknown, two: unknown, three?: unknown, four?: unknown): { start: Position; end: Position };
}

const UINTEGER_MAX = 2147483647;

/**
 * `Position.is` for a position whose line and character are number primitives (`Is.uinteger`
 * also accepts Number objects: those are left to the original), in one call.
 */
function isPlainPosition(value: unknown): value is Position {
  if (value === null || typeof value !== 'object') return false;
  const { line, character } = value as Position;
  return typeof line === 'number' && 0 <= line && line <= UINTEGER_MAX && typeof character === 'number' && 0 <= character && character <= UINTEGER_MAX;
}

export function patchRangeCreate(range: RangeNamespace): void {
  const original = range.create;
  range.create = function create(one, two, three, four) {
    // A position is an object, which `Is.uinteger(one)` rejects: the original returns `{ start: one, end: two }`.
    if (isPlainPosition(one) && isPlainPosition(two)) return { start: one, end: two };
    return original(one, two, three, four);
  };
}
