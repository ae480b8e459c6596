// Heredoc bodies: which lines they take, where they end, and whether a shell runs them as a script.
import { instructionAt, type DockerfileDoc } from '../model';
import { SCRIPT_FLAG, SHELLS } from './commands';
import { InstructionCache } from './instruction-cache';
import { logicalLine } from './logical-line';
import type { ShellCommand, ShellRedirect } from './types';

/**
 * Whether `line` is in a heredoc body (or on its closing delimiter) of a RUN, COPY or ADD: the
 * lines dockerfile-ast adds to an instruction after its logical first line, up to the last
 * delimiter (or the end of the file). Comment lines inside `\` continuations come before that:
 * Docker drops them as Dockerfile comments.
 */
export function isHeredocLine(doc: DockerfileDoc, line: number): boolean {
  const ins = instructionAt(doc.instructions, line);
  if (!ins) return false;
  const r = ins.getRange();
  if (r.start.line === line) return false;
  // Worked out once per instruction, not for each pragma-like line of it (comment lines inside
  // a long RUN's continuations made that quadratic).
  const table = bodiesAfter.of(doc);
  let after = table.get(ins);
  if (after === undefined) {
    const { s, lineEnd } = logicalLine(doc.text, doc.index.offsetAt(r.start), doc.index.offsetAt(r.end), doc.escapeChar || '\\');
    after = s.includes('<<') ? doc.index.positionAt(lineEnd).line : Infinity;
    table.set(ins, after);
  }
  return after < line;
}

/** The line an instruction's logical first line ends on when it has a `<<` (its heredoc bodies are below it), else Infinity. */
const bodiesAfter = new InstructionCache<number>();

/**
 * Scans a heredoc body starting at `start` for its delimiter line. `bodyEndIdx` is where the
 * delimiter line starts and `next` is just after it; an unterminated body runs to the end.
 */
export function findHeredocBody(s: string, start: number, delimiter: string, stripTabs: boolean): { bodyEndIdx: number; next: number } {
  const n = s.length;
  let pos = start;
  while (pos < n) {
    let e = s.indexOf('\n', pos);
    if (e < 0) e = n;
    let line = s.slice(pos, e);
    if (line.endsWith('\r')) line = line.slice(0, -1);
    if (stripTabs) line = line.replace(/^\t+/, '');
    if (line === delimiter) return { bodyEndIdx: pos, next: e < n ? e + 1 : e };
    pos = e < n ? e + 1 : e;
  }
  return { bodyEndIdx: n, next: n };
}

/** Whether a heredoc redirect feeds a script to a shell (`bash <<EOF`, `sh -eux <<'EOF'`). */
export function heredocIsScript(cmd: ShellCommand, r: ShellRedirect): boolean {
  if (r.op.replace(/^[0-9]+/, '').startsWith('<<') === false) return false;
  const fd = /^([0-9]+)/.exec(r.op)?.[1];
  if (fd !== undefined && fd !== '0') return false;
  if (!SHELLS.has(cmd.name)) return false;
  // `sh -c '…' <<EOF`: stdin is data for the -c script; `bash script.sh <<EOF`: data too.
  return !cmd.argv.slice(1).some((w) => !w.value.startsWith('-') || SCRIPT_FLAG.test(w.value));
}
