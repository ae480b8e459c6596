// Command matchers shared by the package-manager rules.
import { DocumentMemo, type DockerfileDoc } from '../model';
import { allRuns } from './run';
import type { ShellCommand, ShellWord } from './types';

const NPM_VALUE_OPTIONS = new Set(['--prefix', '-C', '--registry', '--cache', '--loglevel', '--workspace', '-w', '--omit', '--include', '--userconfig', '--only', '--tag', '--install-strategy', '--location', '--save-prefix']);
const NPM_INSTALL = new Set(['install', 'i', 'in', 'ins', 'inst', 'insta', 'instal', 'isnt', 'isnta', 'isntal', 'isntall', 'add']);
const NPM_CI = new Set(['ci', 'clean-install', 'ic', 'install-clean', 'isntall-clean']);

export interface NpmInvocation {
  /** `install` (and its aliases), `ci`, or another sub-command as written. */
  sub: string;
  subWord: ShellWord;
  options: ShellWord[];
  /** Option → value (`--omit=dev` and `--omit dev` both give `dev`; '' for a flag). */
  optionValues: Map<string, string[]>;
  packages: ShellWord[];
  global: boolean;
}

/** runsNpm per document: both npm rules ask it (kept in the document, not a WeakMap: see `DocumentMemo`). */
const npmDocs = new DocumentMemo(hasNpmRun);

/**
 * Whether a RUN of the document (any stage's, or an ONBUILD's) runs a command named `npm`, the
 * only name parseNpm answers. The npm rules ask it first: most Dockerfiles run no npm, and one
 * pass over the (cached) RUN parses settles them before their stages and instructions are read.
 */
export function runsNpm(doc: DockerfileDoc): boolean {
  return npmDocs.of(doc);
}

function hasNpmRun(doc: DockerfileDoc): boolean {
  const runs = allRuns(doc);
  for (let r = 0; r < runs.length; r++) {
    const commands = runs[r]!.commands;
    for (let c = 0; c < commands.length; c++) if (commands[c]!.name === 'npm') return true;
  }
  return false;
}

/** Several rules parse the same npm command: parsed once per command, shared (read-only). */
const npmCache = new WeakMap<ShellCommand, NpmInvocation | null>();

/** Parses `npm [opts] <sub> [args]`; undefined for other commands. The result is shared: do not modify it. */
export function parseNpm(cmd: ShellCommand): NpmInvocation | undefined {
  if (cmd.name !== 'npm') return undefined;
  let npm = npmCache.get(cmd);
  if (npm === undefined) {
    npm = parseNpmUncached(cmd) ?? null;
    npmCache.set(cmd, npm);
  }
  return npm ?? undefined;
}

function parseNpmUncached(cmd: ShellCommand): NpmInvocation | undefined {
  const options: ShellWord[] = [];
  const optionValues = new Map<string, string[]>();
  const packages: ShellWord[] = [];
  let subWord: ShellWord | undefined;
  const argv = cmd.argv;
  for (let i = 1; i < argv.length; i++) {
    const w = argv[i]!;
    const v = w.value;
    if (v.startsWith('-') && v !== '-') {
      options.push(w);
      const eq = v.indexOf('=');
      const name = eq > 0 ? v.slice(0, eq) : v;
      let value = eq > 0 ? v.slice(eq + 1) : '';
      if (eq < 0 && NPM_VALUE_OPTIONS.has(name) && i + 1 < argv.length) value = argv[++i]!.value;
      optionValues.set(name, [...(optionValues.get(name) ?? []), value]);
      continue;
    }
    if (!subWord) subWord = w;
    else packages.push(w);
  }
  if (!subWord) return undefined;
  const raw = subWord.value;
  const sub = NPM_INSTALL.has(raw) ? 'install' : NPM_CI.has(raw) ? 'ci' : raw;
  const global = optionValues.has('-g') || optionValues.has('--global') || (optionValues.get('--location') ?? []).includes('global');
  return { sub, subWord, options, optionValues, packages, global };
}

/** The `p` that `pip…` and `python…` start with. */
const P = 0x70;

/** `python -m pip …` / `pip3 …` → the words from `pip` on; undefined for other commands. */
export function pipArgv(cmd: ShellCommand): readonly ShellWord[] | undefined {
  const name = cmd.name;
  if (name === 'uv') return cmd.argv[1]?.value === 'pip' ? cmd.argv.slice(1) : undefined;
  // Several rules ask for every command of every RUN: the patterns only for names that can match them.
  if (name.charCodeAt(0) !== P) return undefined;
  if (/^pip[0-9.]*$/.test(name)) return cmd.argv;
  if (/^python[0-9.]*$/.test(name)) {
    const m = cmd.argv.findIndex((w) => w.value === '-m');
    if (m > 0 && /^pip[0-9.]*$/.test(cmd.argv[m + 1]?.value ?? '')) return cmd.argv.slice(m + 1);
    // `python -m uv pip …` is `uv pip …`.
    if (m > 0 && cmd.argv[m + 1]?.value === 'uv' && cmd.argv[m + 2]?.value === 'pip') return cmd.argv.slice(m + 2);
  }
  return undefined;
}
