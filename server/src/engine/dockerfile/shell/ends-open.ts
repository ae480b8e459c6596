// Whether an instruction runs to the end of the file still open (a continuation, a heredoc), so a
// line written after it would join it: fixes that add or move lines check this.
import type { Instruction } from 'dockerfile-ast';
import type { DockerfileDoc } from '../model';
import { findHeredocBody } from './heredoc';
import { instructionArgs } from './instruction-args';
import { logicalLine } from './logical-line';

/**
 * Whether a line added after the instruction would still belong to it: the file ends inside its
 * line continuation (comment and empty lines do not end one) or an unterminated heredoc of it.
 */
export function endsOpen(doc: DockerfileDoc, ins: Instruction): boolean {
  const from = doc.index.offsetAt(ins.getRange().start);
  const tail = doc.text.slice(from) + '\nX';
  const { lineEnd } = logicalLine(tail, 0, tail.length, doc.escapeChar || '\\');
  if (lineEnd === tail.length) return true; // the added `X` joined the instruction's logical line
  const kw = ins.getKeyword();
  if (kw !== 'RUN' && kw !== 'COPY' && kw !== 'ADD') return false;
  const args = instructionArgs(doc, ins);
  if (!args.heredoc) return false;
  // Docker's reading: the unquoted words `<<NAME` / `<<-"NAME"` / `2<<NAME` of the first logical
  // line start heredocs, whose bodies follow one after the other, each up to its NAME line.
  let pos = Math.min(doc.text.length, from + lineEnd + (tail.startsWith('\r\n', lineEnd) ? 2 : 1));
  for (const a of args.args) {
    const m = /^\d*<<(-?)[^<]+$/.exec(a.raw);
    if (!m) continue;
    const body = findHeredocBody(doc.text, pos, a.value.replace(/^\d*<<-?/, ''), m[1] === '-');
    if (body.bodyEndIdx === doc.text.length) return true;
    pos = body.next;
  }
  return false;
}
