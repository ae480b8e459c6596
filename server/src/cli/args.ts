// A small, strict command-line parser: unknown options are usage errors (exit 2).

export class UsageError extends Error {}

export interface OptionSpec {
  /** Long name without dashes, e.g. `format`. */
  name: string;
  short?: string;
  /** Takes a value (`--format json`, `--format=json`, `-f json`). */
  value?: boolean;
  /** Allowed values. */
  choices?: readonly string[];
  /** May be given more than once (`--rule a=off --rule b=error`): every value is kept, in order. */
  repeatable?: boolean;
}

export interface Parsed {
  /** The last value of each option given (`true` for a flag). */
  options: Map<string, string | true>;
  /** Every value of each repeatable option given, in order. */
  lists: Map<string, string[]>;
  positionals: string[];
}

export function parseArgs(argv: readonly string[], specs: readonly OptionSpec[]): Parsed {
  const byLong = new Map(specs.map((s) => [s.name, s]));
  const byShort = new Map(specs.filter((s) => s.short).map((s) => [s.short!, s]));
  const options = new Map<string, string | true>();
  const lists = new Map<string, string[]>();
  const positionals: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--') {
      positionals.push(...argv.slice(i + 1));
      break;
    }
    let spec: OptionSpec | undefined;
    let inline: string | undefined;
    if (arg.startsWith('--')) {
      const eq = arg.indexOf('=');
      const name = eq >= 0 ? arg.slice(2, eq) : arg.slice(2);
      if (eq >= 0) inline = arg.slice(eq + 1);
      spec = byLong.get(name);
      if (!spec) throw new UsageError(`unknown option \`--${name}\``);
    } else if (arg.startsWith('-') && arg.length > 1) {
      spec = byShort.get(arg.slice(1));
      if (!spec) throw new UsageError(`unknown option \`${arg}\``);
    } else {
      positionals.push(arg);
      continue;
    }
    if (!spec.value) {
      if (inline !== undefined) throw new UsageError(`option \`--${spec.name}\` takes no value`);
      options.set(spec.name, true);
      continue;
    }
    let v = inline;
    if (v === undefined) {
      v = argv[i + 1];
      if (v === undefined || (v.startsWith('-') && v !== '-')) throw new UsageError(`option \`--${spec.name}\` needs a value`);
      i++;
    }
    if (spec.choices && !spec.choices.includes(v)) {
      throw new UsageError(`invalid value \`${v}\` for \`--${spec.name}\` (expected ${spec.choices.join(', ')})`);
    }
    options.set(spec.name, v);
    if (spec.repeatable) lists.set(spec.name, [...(lists.get(spec.name) ?? []), v]);
  }
  return { options, lists, positionals };
}
