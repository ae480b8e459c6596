// Argument words of COPY/ADD/WORKDIR/USER/ENV with exact ranges (dockerfile-ast's argument
// splitting does not handle quotes or continuations), the facts rules derive from them, and the
// script a CMD/ENTRYPOINT runs.
import type { Instruction } from 'dockerfile-ast';
import { DocumentMemo, type DockerfileDoc, type Stage } from '../model';
import { baseName, stripWrappers } from './commands';
import { parseExecForm } from './exec-form';
import { InstructionCache } from './instruction-cache';
import { instructionShell } from './instruction-shell';
import { runEnd } from './lexer';
import { logicalLine } from './logical-line';
import type { OffsetMap } from './offset-map';
import { Parser, parseExecScript } from './parser';
import type { OffsetIndex, ShellCommand, ShellWord } from './types';
import { NO_WORDS, Word } from './word';

export interface InstructionArgs {
  /** Leading `--name=value` flags. */
  flags: readonly ShellWord[];
  args: readonly ShellWord[];
  /** The arguments were a JSON array. */
  json: boolean;
  /** An argument starts a heredoc (`COPY <<EOF /file`). */
  heredoc: boolean;
}

const argsCache = new InstructionCache<InstructionArgs>();

/** Argument words of an instruction (for `ONBUILD X`, pass the trigger). Never throws. */
export function instructionArgs(doc: DockerfileDoc, ins: Instruction): InstructionArgs {
  const table = argsCache.of(doc);
  const hit = table.get(ins);
  if (hit) return hit;
  let result: InstructionArgs;
  try {
    const from = doc.index.offsetAt(ins.getInstructionRange().end);
    const to = Math.max(from, doc.index.offsetAt(ins.getRange().end));
    const { s, offs } = logicalLine(doc.text, from, to, doc.escapeChar || '\\');
    // A first word starting with `[` is no flag: the exec form is tried before (and, when it is
    // one, instead of) splitting the text into shell words, which it replaces.
    const first = runEnd(SPACES, s, 0);
    const exec = s[first] === '[' ? parseExecForm(s.slice(first), offs.slice(first), doc.index) : undefined;
    if (exec) {
      result = { flags: NO_WORDS, args: exec.words, json: true, heredoc: false };
    } else {
      const words = splitWords(s, offs, doc.index);
      let k = 0;
      while (k < words.length && words[k]!.raw.startsWith('--')) k++;
      // Most instructions have no flags: no copies of the words then (results are read-only).
      const flags = k === 0 ? NO_WORDS : words.slice(0, k);
      const rest = k < words.length ? words[k]!.start : -1;
      let args: readonly ShellWord[] = k === 0 ? words : words.slice(k);
      let json = false;
      if (rest >= 0 && k > 0) {
        const idx = offs.indexOf(rest);
        // Only a `[` can start the exec form: skip copying the text and offsets for every other instruction.
        const execAfterFlags = idx >= 0 && s[idx] === '[' ? parseExecForm(s.slice(idx), offs.slice(idx), doc.index) : undefined;
        if (execAfterFlags) {
          json = true;
          args = execAfterFlags.words;
        }
      }
      result = { flags, args, json, heredoc: !json && startsHeredoc(args) };
    }
  } catch {
    // Built only here, not up front for every instruction: no arguments.
    result = { flags: NO_WORDS, args: NO_WORDS, json: false, heredoc: false };
  }
  table.set(ins, result);
  return result;
}

const scriptCache = new InstructionCache<readonly ShellCommand[]>();

/**
 * The commands of the script a CMD or ENTRYPOINT runs, parsed like a RUN's: the shell form (which
 * Docker runs with `/bin/sh -c`; [] under a SHELL that is not a POSIX shell, `cmd` or PowerShell), or
 * the `-c` script of an exec-form shell (`["sh", "-c", "…"]`, also behind wrappers such as `tini --`);
 * [] for other exec forms and other instructions. Never throws; the result is shared: do not modify it.
 */
export function commandScript(doc: DockerfileDoc, ins: Instruction): readonly ShellCommand[] {
  const kw = ins.getKeyword();
  if (kw !== 'CMD' && kw !== 'ENTRYPOINT') return [];
  const table = scriptCache.of(doc);
  const hit = table.get(ins);
  if (hit) return hit;
  let result: readonly ShellCommand[] = [];
  try {
    const { args, json } = instructionArgs(doc, ins);
    if (json) {
      const argv = args.slice(stripWrappers(args, 0, [], []));
      if (argv.length > 0) result = parseExecScript(baseName(argv[0]!.value), argv, doc.index);
    } else if (instructionShell(doc, ins).posix) {
      const from = doc.index.offsetAt(ins.getInstructionRange().end);
      const to = Math.max(from, doc.index.offsetAt(ins.getRange().end));
      const { s, offs } = logicalLine(doc.text, from, to, doc.escapeChar || '\\');
      result = new Parser(s, offs, doc.index, { pipeline: 0, shell: 0 }, 0, 0, true).parse();
    }
  } catch {
    // keep no commands
  }
  table.set(ins, result);
  return result;
}

/** An argument starts a heredoc (`<<EOF`); a loop, not `some` with a closure per instruction. */
function startsHeredoc(args: readonly ShellWord[]): boolean {
  for (let i = 0; i < args.length; i++) if (args[i]!.raw.startsWith('<<')) return true;
  return false;
}

const SPACES = /\s*/y;
/** Word characters up to a space or a quote. */
const UNQUOTED_RUN = /[^\s"']*/y;

/** Whitespace-separated words; quotes are removed from the values. Exported for its tests. */
export function splitWords(s: string, offs: OffsetMap, index: OffsetIndex): ShellWord[] {
  const out: ShellWord[] = [];
  let i = 0;
  const n = s.length;
  // Without a line continuation the whole line is one run of the offset map: a character's
  // offset is then its index plus one shift, with no lookup per word.
  const shift = offs.shift(0, n);
  while (i < n) {
    i = runEnd(SPACES, s, i);
    if (i >= n) break;
    const b = i;
    i = runEnd(UNQUOTED_RUN, s, i);
    let raw: string;
    let value: string;
    let quoted = false;
    if (i >= n || (s[i] !== '"' && s[i] !== "'")) {
      // Nothing quoted (most words): the value is the text as written.
      raw = value = s.slice(b, i);
    } else {
      value = s.slice(b, i);
      for (;;) {
        const c = s[i]!;
        quoted = true;
        const close = s.indexOf(c, i + 1);
        const e = close < 0 ? n : close;
        value += s.slice(i + 1, e);
        i = close < 0 ? n : close + 1;
        const runStart = i;
        i = runEnd(UNQUOTED_RUN, s, i);
        value += s.slice(runStart, i);
        if (i >= n || (s[i] !== '"' && s[i] !== "'")) break; // a space ends the word
      }
      raw = s.slice(b, i);
    }
    const start = shift !== undefined ? b + shift : offs.at(b)!;
    const end = shift !== undefined ? i + shift : offs.at(i - 1)! + 1;
    out.push(new Word(value, raw, start, end, quoted, value.includes('$'), index));
  }
  return out;
}

/** The value of a `--name=value` flag (`undefined` when absent; '' for a bare `--name`). */
export function flagValue(flags: readonly ShellWord[], name: string): string | undefined {
  for (const f of flags) {
    const v = f.value;
    if (v === `--${name}`) return '';
    if (v.startsWith(`--${name}=`)) return v.slice(name.length + 3);
  }
  return undefined;
}

export interface CopyInfo {
  ins: Instruction;
  keyword: 'COPY' | 'ADD';
  flags: readonly ShellWord[];
  sources: readonly ShellWord[];
  dest: ShellWord | undefined;
  json: boolean;
  heredoc: boolean;
  /** `--from=<stage|image>` value, if any. */
  from: string | undefined;
  chown: string | undefined;
}

/** Several rules ask for the same COPY's facts: built once per instruction, shared (read-only). */
const copyCache = new InstructionCache<CopyInfo>();

/** COPY/ADD facts, or undefined for other instructions. The result is shared: do not modify it. */
export function copyInfo(doc: DockerfileDoc, ins: Instruction): CopyInfo | undefined {
  const kw = ins.getKeyword();
  if (kw !== 'COPY' && kw !== 'ADD') return undefined;
  const table = copyCache.of(doc);
  let info = table.get(ins);
  if (info === undefined) {
    info = buildCopyInfo(doc, ins, kw);
    table.set(ins, info);
  }
  return info;
}

function buildCopyInfo(doc: DockerfileDoc, ins: Instruction, kw: 'COPY' | 'ADD'): CopyInfo {
  const a = instructionArgs(doc, ins);
  const dest = a.args.length >= 2 ? a.args[a.args.length - 1] : undefined;
  return {
    ins,
    keyword: kw,
    flags: a.flags,
    sources: dest ? a.args.slice(0, -1) : a.args,
    dest,
    json: a.json,
    heredoc: a.heredoc,
    from: flagValue(a.flags, 'from'),
    chown: flagValue(a.flags, 'chown'),
  };
}

/** `USER app:grp` → `{user: 'app', group: 'grp'}`; root (`root`, `0`, `0:0`) is flagged. */
export function parseUser(value: string): { user: string; group: string | undefined; root: boolean } {
  const [user = '', group] = value.split(':', 2);
  return { user, group, root: user === 'root' || user === '0' || user === '' };
}

/** A stage's effective USER instruction and its value (see `stageUser`). */
export interface StageUser {
  ins: Instruction;
  value: string;
}

/** `stageUser` per stage of a document, by stage index (`null`: none); kept in the document (see `DocumentMemo`). */
const stageUsers = new DocumentMemo((): (StageUser | null | undefined)[] => []);

/**
 * The effective USER of a stage (not ONBUILD), with its value: its last USER instruction, or,
 * when it has none, the one of the stage it is built FROM (`FROM base AS b` inherits base's USER).
 * The answer is shared (read-only) and kept for each stage walked: every stage of a long
 * `FROM <previous stage>` chain asking made the chain quadratic.
 */
export function stageUser(doc: DockerfileDoc, stage: Stage): StageUser | undefined {
  const known = stageUsers.of(doc);
  const walked: Stage[] = [];
  let user: StageUser | null | undefined;
  for (let s: Stage | undefined = stage; s; s = s.image.stageRef) {
    user = known[s.index];
    if (user !== undefined) break;
    walked.push(s);
    // A native `lastIndexOf`, not a JS loop over every keyword (which runs cold).
    const i = s.keywords.lastIndexOf('USER');
    if (i < 0) continue;
    const ins = s.instructions[i]!;
    user = { ins, value: instructionArgs(doc, ins).args[0]?.value ?? '' };
    break;
  }
  for (const s of walked) known[s.index] = user ?? null;
  return user ?? undefined;
}

/** `ENV A=1 B=2` / `ENV A 1` (and `ARG A=1`) as name → value pairs. */
export function envPairs(doc: DockerfileDoc, ins: Instruction): [string, string][] {
  const args = instructionArgs(doc, ins).args;
  if (args.length === 0) return [];
  if (!args[0]!.value.includes('=')) {
    if (ins.getKeyword() === 'ARG') return [[args[0]!.value, '']];
    return [[args[0]!.value, args.slice(1).map((w) => w.value).join(' ')]];
  }
  const out: [string, string][] = [];
  for (const w of args) {
    const eq = w.value.indexOf('=');
    if (eq > 0) out.push([w.value.slice(0, eq), w.value.slice(eq + 1)]);
  }
  return out;
}

/** The first line's leading whitespace of an instruction, for inserted lines. */
export function indentOf(doc: DockerfileDoc, ins: Instruction): string {
  const line = doc.index.lineText(ins.getRange().start.line);
  return /^[ \t]*/.exec(line)![0];
}
