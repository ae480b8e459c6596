// Writes the "Before completing" ticks into the scratchpad through its document, so that text the
// user has typed but not saved is kept and stays unsaved. No VS Code: the command passes the
// document operations in (ScratchpadIo).
// - A scratchpad deleted meanwhile (by hand, by a branch switch while the checklist was open) is
//   not written back from a stale copy: nothing is recorded and the caller says so.
// - Only the lines that change are replaced, so the user's cursor and undo history elsewhere in
//   the file are left alone.
// - An edit refused because the document changed under it (the user typing) is redone on the new
//   text.
import { recordChecklist, type ChecklistState } from './checklist';

export interface ScratchpadIo {
  /** Whether the scratchpad file is still there. */
  exists(): Promise<boolean>;
  /** The scratchpad's current text (the editor's, unsaved edits included) and whether it is unsaved. */
  read(): Promise<{ text: string; isDirty: boolean }>;
  /** Replaces [start, end) of the text read last; false when refused (the text changed meanwhile). */
  replace(start: number, end: number, text: string): Promise<boolean>;
  save(): Promise<boolean>;
}

export type RecordOutcome = 'recorded' | 'unchanged' | 'deleted' | 'failed';

const ATTEMPTS = 3;

/** The smallest run of whole lines to replace to turn `before` into `after`. */
export function changedLines(before: string, after: string): { start: number; end: number; text: string } {
  const a = before.split(/(?<=\n)/);
  const b = after.split(/(?<=\n)/);
  let head = 0;
  while (head < a.length && head < b.length && a[head] === b[head]) head++;
  let tail = 0;
  while (tail < a.length - head && tail < b.length - head && a[a.length - 1 - tail] === b[b.length - 1 - tail]) tail++;
  const len = (xs: string[]) => xs.reduce((n, x) => n + x.length, 0);
  const start = len(a.slice(0, head));
  return { start, end: before.length - len(a.slice(a.length - tail)), text: b.slice(head, b.length - tail).join('') };
}

export async function recordInScratchpad(io: ScratchpadIo, state: ChecklistState, date: string): Promise<RecordOutcome> {
  for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
    if (!(await io.exists())) return 'deleted';
    const { text, isDirty } = await io.read();
    const after = recordChecklist(text, state, date);
    if (after === text) return 'unchanged';
    const change = changedLines(text, after);
    if (!(await io.replace(change.start, change.end, change.text))) continue;
    // Save only what we changed: a scratchpad with unsaved edits of the user stays unsaved.
    if (!isDirty && !(await io.save())) return 'failed';
    return 'recorded';
  }
  return 'failed';
}
