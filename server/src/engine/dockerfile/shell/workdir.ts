// The working directory in effect before each instruction of a stage, and path helpers for
// resolving COPY/ADD destinations against it.
import type { Instruction } from 'dockerfile-ast';
import { DocumentMemo, instructionIndexAt, type DockerfileDoc, type Stage } from '../model';
import { instructionArgs } from './instruction-args';
import { lastAtOrBefore } from './offset-map';

/** `/app`, `C:\app`, `C:/app`, `\app`. */
export function isAbsolutePath(p: string): boolean {
  return p.startsWith('/') || p.startsWith('\\') || /^[A-Za-z]:[\\/]/.test(p);
}

/** Normalizes a POSIX path: collapses `//`, resolves `.` and `..`, drops a trailing slash. */
export function normalizePath(p: string): string {
  if (!p.startsWith('/')) return p;
  const parts: string[] = [];
  for (const seg of p.split('/')) {
    if (seg === '' || seg === '.') continue;
    if (seg === '..') parts.pop();
    else parts.push(seg);
  }
  return '/' + parts.join('/');
}

/**
 * Longest working directory worked out (Linux's PATH_MAX): a longer one cannot be used anyway,
 * and a chain of relative WORKDIRs would otherwise make each path longer than the one before
 * (16,000 of them: paths of 100 K characters, 28 s of rule time). Past it the path is unknown.
 */
export const MAX_PATH_LENGTH = 4096;

/** `normalizePath(p)`, or undefined when it is longer than MAX_PATH_LENGTH. */
export function boundedPath(p: string): string | undefined {
  const path = normalizePath(p);
  return path.length > MAX_PATH_LENGTH ? undefined : path;
}

export interface Workdir {
  /** A WORKDIR was set in the stage (or in the stage it is built FROM). */
  set: boolean;
  /** An absolute (or variable) WORKDIR was set in the stage or inherited: relative ones resolve against it. */
  anchored: boolean;
  /** The absolute working directory when known (no variables, an absolute WORKDIR somewhere). */
  path: string | undefined;
  /** Not anchored: the working directory if the base image's is `/` (relative WORKDIRs resolved). */
  fromRoot: string | undefined;
}

/**
 * The working directory in effect before each instruction of a stage, asked like a Map's
 * (undefined for an instruction of another stage). It keeps the few WORKDIR changes, not an
 * entry per instruction: rules ask about a few instructions, and a Map insert per instruction
 * cost more than the lookups.
 */
export class WorkdirsBefore {
  // `declare`d and assigned in the constructor (class fields would be defined, then stored).
  private declare readonly instructions: readonly Instruction[];
  /** `workdirs[k]` is in effect before the instructions from index `from[k]` on (until `from[k + 1]`). */
  private declare readonly from: readonly number[];
  private declare readonly workdirs: readonly Workdir[];

  constructor(instructions: readonly Instruction[], from: readonly number[], workdirs: readonly Workdir[]) {
    this.instructions = instructions;
    this.from = from;
    this.workdirs = workdirs;
  }

  get(ins: Instruction): Workdir | undefined {
    // Binary searches, not `indexOf` and a walk back over the changes: rules ask about every
    // COPY or RUN of a stage, which made a stage with many instructions and WORKDIRs quadratic.
    const i = instructionIndexAt(this.instructions, ins.getRange().start.line);
    if (i < 0 || this.instructions[i] !== ins) return undefined;
    // The last change at or before `i` (`from` ascends from 0).
    return this.workdirs[lastAtOrBefore(this.from, i)];
  }
}

export interface StageWorkdirs {
  before: WorkdirsBefore;
  end: Workdir;
}

/** Per stage of a document, by stage index (kept in the document: see `DocumentMemo`). */
const workdirCache = new DocumentMemo((): (StageWorkdirs | undefined)[] => []);

/** The working directory in effect before each instruction of a stage, and at its end. */
export function stageWorkdirs(doc: DockerfileDoc, stage: Stage, depth = 0): StageWorkdirs {
  const table = workdirCache.of(doc);
  const hit = table[stage.index];
  if (hit) return hit;
  let cur: Workdir = { set: false, anchored: false, path: undefined, fromRoot: '/' };
  const ref = stage.image.stageRef;
  if (ref && ref !== stage && ref.index < stage.index && depth < 64) cur = { ...stageWorkdirs(doc, ref, depth + 1).end };
  const from = [0];
  const workdirs = [cur];
  const list = stage.instructions;
  const keywords = stage.keywords;
  // The WORKDIRs are found by a native `indexOf`, not a JS loop over every keyword (which runs
  // cold: in the interpreter, a comparison per instruction costs more than the whole search).
  for (let i = keywords.indexOf('WORKDIR'); i >= 0; i = keywords.indexOf('WORKDIR', i + 1)) {
    const arg = instructionArgs(doc, list[i]!).args.map((w) => w.value).join(' ');
    if (arg === '') continue;
    if (arg.includes('$')) cur = { set: true, anchored: true, path: undefined, fromRoot: undefined };
    else if (isAbsolutePath(arg)) cur = { set: true, anchored: true, path: arg.startsWith('/') ? normalizePath(arg) : arg, fromRoot: undefined };
    else {
      const path = cur.path !== undefined && cur.path.startsWith('/') ? boundedPath(cur.path + '/' + arg) : undefined;
      cur = { set: true, anchored: cur.anchored, path, fromRoot: cur.fromRoot !== undefined ? boundedPath(cur.fromRoot + '/' + arg) : undefined };
    }
    from.push(i + 1);
    workdirs.push(cur);
  }
  const result = { before: new WorkdirsBefore(list, from, workdirs), end: cur };
  table[stage.index] = result;
  return result;
}

/** Where a COPY/ADD destination lands: an absolute path, or undefined when unknown. */
export function resolveDest(dest: string, wd: Workdir): string | undefined {
  if (dest.includes('$')) return undefined;
  if (dest.startsWith('/')) return normalizePath(dest);
  if (isAbsolutePath(dest)) return dest;
  if (wd.path === undefined || !wd.path.startsWith('/')) return undefined;
  return normalizePath(wd.path + '/' + dest);
}
