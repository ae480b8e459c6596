// dockerfile/prefer-copy-over-add — decisions:
// - Reported: ADD whose sources are all local and none may be an archive ADD would extract (tar and
//   compressed tar names, or a wildcard that could match one). `.zip` is not extracted by ADD.
// - `--unpack=false` (BuildKit) copies archives as they are: then archives are reported too.
// - Safe fix (keyword only, flags kept) unless a source is an unresolved variable. `--unpack` does
//   nothing here any more, so the fix drops it (with its continuation line when it has one of its
//   own); other ADD-only flags (`--checksum`, `--keep-git-dir`) leave no fix.
import { ModifiableInstruction, Onbuild, PropertyInstruction, type Flag, type Instruction } from 'dockerfile-ast';
import { DocumentMemo, expandsTooLong, substituteVariables, type DockerfileDoc, type Stage } from '../../dockerfile/model';
import type { Range, Rule } from '../../types';

// ---------------------------------------------------------------------------------------------
// Helpers shared by the COPY/ADD rules of this pack (add-remote-with-checksum,
// no-secret-files-in-image) and run-as-non-root. Kept here, beside their first user, so the
// pack stays one file per rule.
// ---------------------------------------------------------------------------------------------

/** An instruction of the Dockerfile with the stage it belongs to (undefined before the first FROM). */
export interface ScopedInstruction {
  ins: Instruction;
  stage: Stage | undefined;
  /** The instruction is an `ONBUILD` trigger (it runs in images built FROM this one). */
  onbuild: boolean;
}

/** The few kinds of `ScopedInstruction` that rules read. */
interface ScopedGroups {
  /** COPY and ADD. */
  copies: ScopedInstruction[];
  /** ENV and ARG. */
  properties: ScopedInstruction[];
}

/** Kept in the document (see `DocumentMemo`). */
const scopedCache = new DocumentMemo(buildScopedInstructions);

/**
 * The COPY and ADD instructions in file order, with ONBUILD triggers unwrapped (marked `onbuild`,
 * by their own keyword). Computed once per document: a rule reading only these need not go
 * through every instruction (measured: such a walk cost a rule more than its checks).
 */
export function scopedCopies(doc: DockerfileDoc): readonly ScopedInstruction[] {
  return scopedCache.of(doc).copies;
}

/** The ENV and ARG instructions, in file order (see `scopedCopies`). */
export function scopedProperties(doc: DockerfileDoc): readonly ScopedInstruction[] {
  return scopedCache.of(doc).properties;
}

function buildScopedInstructions(doc: DockerfileDoc): ScopedGroups {
  const groups: ScopedGroups = { copies: [], properties: [] };
  // Every instruction after the first FROM belongs to a stage; only those before it have none.
  for (let i = 0; i < doc.keywords.length; i++) {
    const kw = doc.keywords[i]!;
    if (kw === 'FROM') break;
    addScoped(groups, doc.instructions[i]!, kw, undefined);
  }
  for (let si = 0; si < doc.stages.length; si++) {
    const stage = doc.stages[si]!;
    const list = stage.instructions;
    for (let i = 0; i < list.length; i++) addScoped(groups, list[i]!, stage.keywords[i]!, stage);
  }
  return groups;
}

/**
 * Adds an instruction to its group, if it has one. `kw` is its keyword (from the model's lists:
 * cheaper than `getKeyword()`). An object only for the instructions of a group (a list of every
 * instruction, which no rule read, cost ~11M instructions over the corpus).
 */
function addScoped(groups: ScopedGroups, ins: Instruction, kw: string, stage: Stage | undefined): void {
  let onbuild = false;
  if (kw === 'ONBUILD') {
    const trigger = ins instanceof Onbuild ? ins.getTriggerInstruction() : null;
    if (!trigger) return;
    ins = trigger;
    kw = trigger.getKeyword();
    onbuild = true;
  }
  if (kw === 'COPY' || kw === 'ADD') groups.copies.push({ ins, stage, onbuild });
  else if (kw === 'ENV' || kw === 'ARG') groups.properties.push({ ins, stage, onbuild });
}

/** Incremental scan state of `stageVariables`, so a rule walking a stage in order stays linear. */
interface VarScan {
  next: number;
  vars: Map<string, string | null>;
}
/** Per stage of a document (kept in the document: see `DocumentMemo`). */
const varScans = new DocumentMemo(() => new Map<Stage, VarScan>());

/**
 * Variables visible to an instruction of a stage: the stage's `ARG`s (a bare `ARG X` takes the
 * global default, or keeps the stage's earlier value) and `ENV`s declared before `beforeLine`, with values substituted as far as
 * known. `null` marks a variable that exists but whose value is unknown. The returned map is
 * only valid until the next call for the same stage.
 */
export function stageVariables(doc: DockerfileDoc, stage: Stage, beforeLine: number): Map<string, string | null> {
  const scans = varScans.of(doc);
  let scan = scans.get(stage);
  const cachedLine = scan && scan.next > 0 ? stage.instructions[scan.next - 1]!.getRange().start.line : -1;
  if (!scan || cachedLine >= beforeLine) {
    scan = { next: 0, vars: new Map() };
    scans.set(stage, scan);
  }
  const { vars } = scan;
  for (; scan.next < stage.instructions.length; scan.next++) {
    const ins = stage.instructions[scan.next]!;
    if (ins.getRange().start.line >= beforeLine) break;
    const kw = stage.keywords[scan.next];
    if ((kw !== 'ARG' && kw !== 'ENV') || !(ins instanceof PropertyInstruction)) continue;
    for (const p of ins.getProperties()) {
      const name = p.getName();
      const raw = p.getValue();
      if (kw === 'ARG' && raw === null) {
        // A bare re-declaration keeps the value known so far, as a global one does (see parseDockerfile).
        if (vars.has(name)) continue;
        const g = doc.globalArgs.get(name);
        vars.set(name, g === undefined ? null : g);
      } else if (raw === null || expandsTooLong(raw, vars)) {
        // Too long to expand is unknown: each `ENV B=${A}${A}` doubled the length (and the time).
        vars.set(name, null);
      } else {
        vars.set(name, substituteVariables(raw, vars) ?? null);
      }
    }
  }
  return vars;
}

export interface PathArg {
  /** As written (quotes of the JSON form removed). */
  value: string;
  range: Range;
}

export interface CopyAddArgs {
  flags: Flag[];
  sources: PathArg[];
  destination: PathArg;
  json: boolean;
}

const JSON_STRING = /"(?:[^"\\\r\n]|\\.)*"/g;

/**
 * Sources and destination of a COPY/ADD instruction (shell or JSON form). Undefined for
 * heredocs (`COPY <<EOF …`), malformed instructions and anything else that is not plainly
 * `<src>… <dest>`: rules then stay silent rather than guess.
 */
export function copyAddArgs(doc: DockerfileDoc, ins: Instruction): CopyAddArgs | undefined {
  if (!(ins instanceof ModifiableInstruction)) return undefined;
  const flags = ins.getFlags();
  const args = ins.getArguments();
  if (args.length < 2) return undefined;
  if (args.some((a) => a.getValue().startsWith('<<'))) return undefined;
  if (args[0]!.getValue().startsWith('[')) {
    const start = doc.index.offsetAt(args[0]!.getRange().start);
    const end = doc.index.offsetAt(args[args.length - 1]!.getRange().end);
    const raw = doc.text.slice(start, end);
    let parsed: unknown;
    try {
      parsed = JSON.parse(raw);
    } catch {
      return undefined; // continuation lines or invalid JSON: Docker would treat it as shell form; stay out
    }
    if (!Array.isArray(parsed) || parsed.length < 2 || !parsed.every((x) => typeof x === 'string')) return undefined;
    const parts: PathArg[] = [];
    for (const m of raw.matchAll(JSON_STRING)) {
      const s = start + m.index!;
      parts.push({ value: JSON.parse(m[0]) as string, range: doc.index.rangeOf(s, s + m[0].length) });
    }
    if (parts.length !== parsed.length) return undefined;
    return { flags, sources: parts.slice(0, -1), destination: parts[parts.length - 1]!, json: true };
  }
  // Shell form: BuildKit removes quotes around a whole word (`ADD "https://…#$REF" .`).
  const parts = args.map((a) => ({ value: a.getValue().replace(/^"(.*)"$|^'(.*)'$/s, (_m, d?: string, q?: string) => d ?? q ?? ''), range: a.getRange() }));
  return { flags, sources: parts.slice(0, -1), destination: parts[parts.length - 1]!, json: false };
}

/** `http(s)://…`, `git@…`, `git://…`, `ssh://…`: ADD fetches these instead of reading the context. */
export function isRemoteSource(src: string): boolean {
  return /^[a-z][a-z0-9+.-]*:\/\//i.test(src) || /^git@[^:\s]+:/.test(src);
}

/** Git sources of ADD: `git@host:repo`, `git://`, `ssh://`, or an http(s) URL whose path ends in `.git`. */
export function isGitSource(src: string): boolean {
  if (/^git@/.test(src) || /^(git|ssh|git\+ssh):\/\//i.test(src)) return true;
  if (!/^https?:\/\//i.test(src)) return false;
  const path = src.split('#')[0]!.split('?')[0]!;
  return /\.git\/?$/i.test(path);
}

/** Names ADD may auto-extract (tar, optionally compressed): copying them with COPY would change behaviour. */
const ARCHIVE = /\.(tar|tgz|tbz2?|tb2|txz|tzst|tlz|taz|gz|bz2|xz|zst|lz|lzma|lz4)$/i;

function couldBeArchive(src: string): boolean {
  const name = src.replace(/\/+$/, '').split('/').pop() ?? '';
  if (ARCHIVE.test(name)) return true;
  // A wildcard that can end in anything (`*`, `dist/*`, `pkg-?`) may match an archive.
  const lastWild = Math.max(name.lastIndexOf('*'), name.lastIndexOf('?'), name.lastIndexOf(']'));
  if (lastWild < 0) return false;
  const tail = name.slice(lastWild + 1);
  return !/\.[A-Za-z0-9]+$/.test(tail) || ARCHIVE.test(tail);
}

/** COPY takes the same flags except these ADD-only ones. */
const ADD_ONLY_FLAGS = new Set(['checksum', 'keep-git-dir', 'unpack']);

/** The `--unpack` flag and its value (`--unpack` is true; BuildKit takes true/false in any case); undefined when absent or invalid. */
function unpackFlag(flags: readonly Flag[]): { flag: Flag; value: boolean } | undefined {
  const flag = flags.find((f) => f.getName().toLowerCase() === 'unpack');
  const v = flag?.getValue()?.toLowerCase();
  if (!flag || (v !== null && v !== undefined && v !== 'true' && v !== 'false')) return undefined;
  return { flag, value: v !== 'false' };
}

/**
 * What removing a flag takes away: the flag and the blanks after it, or, when the flag has a
 * continuation line of its own (`ADD \` / `    --unpack=false \` / `    x.tgz /dst/`), that
 * whole line, so no empty `    \` line is left behind.
 */
function flagRemoval(doc: DockerfileDoc, flag: Flag): Range {
  const { text, index } = doc;
  const start = index.offsetAt(flag.getRange().start);
  let end = index.offsetAt(flag.getRange().end);
  while (text[end] === ' ' || text[end] === '\t') end++;
  const lineStart = index.offsetAt({ line: flag.getRange().start.line, character: 0 });
  if (/^[ \t]*$/.test(text.slice(lineStart, start)) && text[end] === doc.escapeChar) {
    let eol = end + 1;
    while (text[eol] === ' ' || text[eol] === '\t') eol++;
    if (text[eol] === '\r' && text[eol + 1] === '\n') eol++;
    if (text[eol] === '\n') return index.rangeOf(lineStart, eol + 1);
  }
  return index.rangeOf(start, end);
}

export const preferCopyOverAdd: Rule<DockerfileDoc> = {
  meta: {
    id: 'dockerfile/prefer-copy-over-add',
    title: 'Use COPY, not ADD, for local files',
    domain: 'dockerfile',
    severity: 'warning',
    guideSection: 'Container Standards — Dockerfile Best Practices ("Copy dependency files first", "Copy application code") and Container Security',
    rationale:
      'ADD has hidden behaviour (it extracts local tar archives and fetches URLs), so a plain file copy written with ADD is harder to review and can change meaning when a file is renamed. COPY says exactly what happens; ADD stays for archives that should be extracted (with `--unpack=false` it extracts nothing: that is COPY too).',
    bad: { fileName: 'Dockerfile', code: 'FROM node:20-alpine\nWORKDIR /app\nADD package.json ./\n' },
    good: { fileName: 'Dockerfile', code: 'FROM node:20-alpine\nWORKDIR /app\nCOPY package.json ./\nADD vendor.tar.gz /opt/vendor/\n' },
    fixable: true,
    fixSafety: 'mixed',
  },
  kinds: ['dockerfile'],
  check(doc, ctx) {
    const copies = scopedCopies(doc);
    for (let ci = 0; ci < copies.length; ci++) {
      const { ins, stage } = copies[ci]!;
      if (ins.getKeyword() !== 'ADD') continue;
      const a = copyAddArgs(doc, ins);
      if (!a || a.sources.length === 0) continue;
      const vars = stage ? stageVariables(doc, stage, ins.getRange().start.line) : doc.globalArgs;
      let archive = false;
      let unknown = false;
      let remote = false;
      for (const s of a.sources) {
        const v = substituteVariables(s.value, vars);
        if (isRemoteSource(s.value) || (v !== undefined && isRemoteSource(v))) remote = true;
        else if (v === undefined) unknown = true;
        else if (couldBeArchive(v)) archive = true;
      }
      if (remote) continue; // add-remote-with-checksum's business
      const unpack = unpackFlag(a.flags);
      const noUnpack = unpack?.value === false;
      if (archive && !noUnpack) continue; // ADD extracts local archives: that is the legitimate use
      // `--unpack` is the one ADD-only flag that has nothing left to do here: the fix drops it.
      const addOnly = a.flags.filter((f) => f !== unpack?.flag && ADD_ONLY_FLAGS.has(f.getName().toLowerCase()));
      const kwRange = ins.getInstructionRange();
      const kw = ins.getInstruction();
      const copy = kw === kw.toLowerCase() ? 'copy' : 'COPY';
      const edits = [{ range: kwRange, newText: copy }];
      if (unpack) edits.push({ range: flagRemoval(doc, unpack.flag), newText: '' });
      const fixes =
        addOnly.length > 0
          ? []
          : [
              {
                title: !unknown
                  ? 'Replace ADD with COPY'
                  : noUnpack
                    ? 'Replace ADD with COPY (check that the variable source is not a URL)'
                    : 'Replace ADD with COPY (check that the variable source is not a tar archive)',
                edits,
                safe: !unknown,
              },
            ];
      ctx.report({
        range: kwRange,
        message: noUnpack
          ? 'ADD --unpack=false copies local sources as they are, archives included: that is COPY.'
          : unknown
            ? 'ADD copies a local source here; use COPY unless the source is a tar archive that ADD should extract.'
            : 'Use COPY for local files: ADD only adds archive extraction and URL fetching, neither of which happens here.',
        fixes,
      });
    }
  },
};
