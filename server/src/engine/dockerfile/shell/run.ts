// The Dockerfile side of RUN: flags, exec form vs shell form, heredoc scripts (`RUN <<EOF`) and
// `ONBUILD RUN`, with one cached parse per instruction.
import type { Instruction, Onbuild } from 'dockerfile-ast';
import { DocumentMemo, type DockerfileDoc, type Stage } from '../model';
import { SHELLS, shebangProgram } from './commands';
import { parseExecForm } from './exec-form';
import { InstructionCache } from './instruction-cache';
import { instructionShell } from './instruction-shell';
import { logicalLine } from './logical-line';
import { Parser, parseExecScript } from './parser';
import type { RunScript, ShellCommand, ShellWord } from './types';
import { Word } from './word';

/** Rules share one parse per RUN. */
const cache = new InstructionCache<RunScript | null>();
/**
 * The document `parseRun` was last asked about, and its table in `cache`: rules ask about the
 * RUNs of one document many times in a row (some 29,000 times over the 553 corpus files), and
 * this spares those calls the memo lookup. A document's table never changes once made.
 */
let lastDoc: DockerfileDoc | undefined;
let lastTable: Map<Instruction, RunScript | null> | undefined;

/** The RUN instruction itself, or the RUN trigger of an `ONBUILD RUN`. */
function runOf(ins: Instruction): { run: Instruction; onbuild: boolean } | undefined {
  const kw = ins.getKeyword();
  if (kw === 'RUN') return { run: ins, onbuild: false };
  if (kw === 'ONBUILD') {
    try {
      const t = (ins as Onbuild).getTriggerInstruction?.();
      if (t && t.getKeyword() === 'RUN') return { run: t, onbuild: true };
    } catch {
      return undefined;
    }
  }
  return undefined;
}

/** Parses a RUN (or `ONBUILD RUN`) instruction; undefined for other instructions. Never throws. */
export function parseRun(doc: DockerfileDoc, ins: Instruction): RunScript | undefined {
  // Rules pass every instruction: answer the other keywords without a cache entry.
  const kw = ins.getKeyword();
  if (kw !== 'RUN' && kw !== 'ONBUILD') return undefined;
  let table = lastTable;
  if (doc !== lastDoc || table === undefined) {
    table = lastTable = cache.of(doc);
    lastDoc = doc;
  }
  const hit = table.get(ins);
  if (hit !== undefined) return hit ?? undefined;
  let result: RunScript | null = null;
  try {
    result = parseRunUncached(doc, ins) ?? null;
  } catch {
    result = null;
  }
  table.set(ins, result);
  return result ?? undefined;
}

/** @internal Uncached and unguarded (throws on parser bugs): for tests and fuzzing only. */
export function parseRunUncached(doc: DockerfileDoc, ins: Instruction): RunScript | undefined {
  const r = runOf(ins);
  if (!r) return undefined;
  const text = doc.text;
  const index = doc.index;
  let from = index.offsetAt(r.run.getInstructionRange().end);
  const to = Math.max(from, index.offsetAt(ins.getRange().end));
  // Start the logical line after the blank(s) following `RUN`: the flag loop below would skip them
  // anyway, and then the body would need a copy of the line and its offsets without them.
  while (from < to && (text[from] === ' ' || text[from] === '\t')) from++;
  const esc = doc.escapeChar || '\\';

  // 1. The logical first line: Docker removes continuations before the shell sees the text.
  const { s, offs, lineEnd } = logicalLine(text, from, to, esc);

  // 2. Flags (`--mount=…`) come first; then exec form or shell form.
  const flags: ShellWord[] = [];
  let p = 0;
  for (;;) {
    while (p < s.length && (s[p] === ' ' || s[p] === '\t')) p++;
    if (!s.startsWith('--', p)) break;
    let e = p;
    while (e < s.length && s[e] !== ' ' && s[e] !== '\t') e++;
    const start = offs.at(p)!;
    const end = offs.at(e - 1)! + 1;
    const flag = s.slice(p, e);
    flags.push(new Word(flag, flag, start, end, false, false, index));
    p = e;
  }
  const body = p === 0 ? s : s.slice(p);
  const bodyOffs = p === 0 ? offs : offs.slice(p);
  const exec = parseExecForm(body, bodyOffs, index);
  if (exec) {
    const commands: ShellCommand[] = [exec];
    for (const c of parseExecScript(exec.name, exec.argv, index)) commands.push(c);
    return { instruction: ins, onbuild: r.onbuild, form: 'exec', flags, heredocScript: false, commands };
  }

  // 3. Shell form, which a `cmd` or PowerShell SHELL (or a Windows base) does not read as POSIX shell;
  //    only a heredoc script with a `#!` line (which Docker runs itself, except on Windows) may still be.
  const shell = instructionShell(doc, ins);
  if (!shell.posix && (shell.windows || !body.includes('<<'))) return { instruction: ins, onbuild: r.onbuild, form: 'shell', flags, heredocScript: false, commands: [] };
  // Heredoc bodies follow the first line raw (no continuation processing).
  let src = body;
  const srcOffs = bodyOffs; // extended in place: nothing else reads it from here on
  if (body.includes('<<') && lineEnd < to) {
    src += '\n';
    srcOffs.add(lineEnd, 1);
    const k = lineEnd + (text[lineEnd] === '\r' && text[lineEnd + 1] === '\n' ? 2 : 1);
    src += text.slice(k, to);
    srcOffs.add(k, to - k);
  }
  const parser = new Parser(src, srcOffs, index, { pipeline: 0, shell: 0 }, 0, 0, true);
  const all = parser.parse();
  // `RUN <<EOF`: the command is only the heredoc, whose body is the script.
  const only = soleTopLevelCommand(all);
  let heredocScript = false;
  // (`words` last: a command's words are made when first read, and most commands have no redirect.)
  if (only && only.redirects.length > 0 && only.redirects[0]!.heredoc && only.words.length === 0) {
    const h = only.redirects[0]!.heredoc!;
    heredocScript = true;
    // Docker runs a body starting with `#!` as a file, i.e. through that interpreter (not on Windows); others through the SHELL.
    const interp = h.body.startsWith('#!') && !shell.windows ? shebangProgram(/^[^\n]*/.exec(h.body)![0]) : shell.posix ? 'sh' : '';
    if (SHELLS.has(interp)) {
      h.script = true;
      const startIdx = srcOffs.indexOf(h.bodyStart);
      if (startIdx >= 0) {
        const len = h.body.length;
        const p2 = new Parser(h.body, srcOffs.slice(startIdx, startIdx + len), index, { pipeline: 1, shell: 0 }, 1, 0, false);
        return { instruction: ins, onbuild: r.onbuild, form: 'shell', flags, heredocScript, commands: p2.parse() };
      }
    }
    return { instruction: ins, onbuild: r.onbuild, form: 'shell', flags, heredocScript, commands: [] };
  }
  return { instruction: ins, onbuild: r.onbuild, form: 'shell', flags, heredocScript, commands: shell.posix ? all : [] };
}

/** The only command that is not nested, if there is exactly one. */
function soleTopLevelCommand(commands: ShellCommand[]): ShellCommand | undefined {
  let only: ShellCommand | undefined;
  for (const c of commands) {
    if (c.nested) continue;
    if (only) return undefined;
    only = c;
  }
  return only;
}

/** The RUN scripts of a stage (RUN, and `ONBUILD RUN` when asked), in order. */
export function stageRuns(doc: DockerfileDoc, stage: Stage, includeOnbuild = false): RunScript[] {
  const out: RunScript[] = [];
  const keywords = stage.keywords;
  for (let i = 0; i < keywords.length; i++) {
    const kw = keywords[i];
    if (kw !== 'RUN' && !(includeOnbuild && kw === 'ONBUILD')) continue;
    const r = parseRun(doc, stage.instructions[i]!);
    if (r) out.push(r);
  }
  return out;
}

/** `allRuns`, listed once per document (three rules ask; kept in the document: see `DocumentMemo`). */
const allRunsCache = new DocumentMemo(listAllRuns);

/** Every RUN script of the document, `ONBUILD RUN` included. The list is shared: do not modify it. */
export function allRuns(doc: DockerfileDoc): readonly RunScript[] {
  return allRunsCache.of(doc);
}

function listAllRuns(doc: DockerfileDoc): RunScript[] {
  const out: RunScript[] = [];
  const keywords = doc.keywords;
  // Without ONBUILD (most files), a native `indexOf` finds the RUNs, not a JS loop over every
  // keyword (which runs cold: a comparison per instruction costs more than the whole search).
  if (keywords.indexOf('ONBUILD') < 0) {
    for (let i = keywords.indexOf('RUN'); i >= 0; i = keywords.indexOf('RUN', i + 1)) {
      const r = parseRun(doc, doc.instructions[i]!);
      if (r) out.push(r);
    }
    return out;
  }
  for (let i = 0; i < keywords.length; i++) {
    const kw = keywords[i];
    if (kw !== 'RUN' && kw !== 'ONBUILD') continue;
    const r = parseRun(doc, doc.instructions[i]!);
    if (r) out.push(r);
  }
  return out;
}

/** Commands of a script joined by `|` with the given command (itself included), in order. */
export function pipelineOf(script: RunScript, cmd: ShellCommand): ShellCommand[] {
  return script.commands.filter((c) => c.pipeline === cmd.pipeline && c.depth === cmd.depth && c.nested === cmd.nested);
}
