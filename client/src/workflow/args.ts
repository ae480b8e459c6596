// Argument objects of the workflow commands, as given by keybindings (`args`), other extensions
// or tests: checked against a small spec before use, so a wrong-typed value gets a clear message
// instead of a raw error deep in the command. Pure.

/** `issue`: a number or a string (its value is checked by parseIssueNumber); `any`: not checked here. */
export type ArgKind = 'string' | 'boolean' | 'issue' | 'string[]' | 'any';
export type ArgSpec = Readonly<Record<string, ArgKind>>;

export type CheckedArgs = { args: Record<string, unknown>; problem?: undefined } | { args?: undefined; problem: string };

function typeName(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'an array';
  const t = typeof v;
  return t === 'object' ? 'an object' : `a ${t}`;
}

function fits(kind: ArgKind, v: unknown): boolean {
  switch (kind) {
    case 'string':
      return typeof v === 'string';
    case 'boolean':
      return typeof v === 'boolean';
    case 'issue':
      return typeof v === 'string' || typeof v === 'number';
    case 'string[]':
      return Array.isArray(v) && v.every((x) => typeof x === 'string');
    case 'any':
      return true;
  }
}

const EXPECTED: Record<ArgKind, string> = {
  string: 'a string',
  boolean: 'true or false',
  issue: 'an issue number such as 67 or "#67"',
  'string[]': 'an array of strings',
  any: 'anything',
};

/**
 * The command's argument object: `{}` when there is none or it is not a plain object (a Uri from
 * a context menu, a string); otherwise each key of the spec that is present (not undefined) must
 * have the kind given. Keys outside the spec are ignored.
 */
export function checkArgs(raw: unknown, spec: ArgSpec): CheckedArgs {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return { args: {} };
  const proto = Object.getPrototypeOf(raw) as unknown;
  if (proto !== Object.prototype && proto !== null) return { args: {} };
  const obj = raw as Record<string, unknown>;
  for (const [key, kind] of Object.entries(spec)) {
    const v = obj[key];
    if (v === undefined || fits(kind, v)) continue;
    return { problem: `invalid argument "${key}": expected ${EXPECTED[kind]}, got ${typeName(v)}.` };
  }
  return { args: obj };
}
