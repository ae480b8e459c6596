// Findings travel from the lint worker to the server thread as a change to the list the server
// already holds for the document. After a keystroke in one document of a big multi-document
// YAML file nearly every finding is the same as before (or the same a few lines lower):
// structured-cloning all of them (770 on stress/big-multidoc.yaml) cost the worker ~3 ms and the
// server thread ~5 ms per edit, more than the re-lint itself.
import type { Finding, Fix, Position, Range, TextEdit } from '../engine/types';

/** A findings list as a change to an earlier one: `head` + `middle` + `tail`. */
export interface FindingsDelta {
  /** Leading findings of the earlier list that stay as they are. */
  head: number;
  /** Trailing findings of the earlier list that stay, moved by `shift` lines (lines inserted or removed above them). */
  tail: number;
  shift: number;
  /** The findings between them. */
  middle: Finding[];
}

/** What the worker sends for one lint: the whole list, or a change to the list the server holds as `base`. */
export type WireFindings = { full: Finding[] } | { base: number; delta: FindingsDelta };

const samePosition = (a: Position, b: Position, shift: number): boolean => a.line + shift === b.line && a.character === b.character;
const sameRange = (a: Range, b: Range, shift: number): boolean => samePosition(a.start, b.start, shift) && samePosition(a.end, b.end, shift);
const sameEdit = (a: TextEdit, b: TextEdit, shift: number): boolean => a.newText === b.newText && sameRange(a.range, b.range, shift);

function sameFix(a: Fix, b: Fix, shift: number): boolean {
  if (a.title !== b.title || a.safe !== b.safe || a.edits.length !== b.edits.length) return false;
  for (let i = 0; i < a.edits.length; i++) if (!sameEdit(a.edits[i]!, b.edits[i]!, shift)) return false;
  return true;
}

/** Whether `b` is `a` moved by `shift` lines, field by field (findings-delta.test.ts checks that every field counts). */
export function sameFinding(a: Finding, b: Finding, shift: number): boolean {
  if (a.ruleId !== b.ruleId || a.severity !== b.severity || a.message !== b.message || a.secret !== b.secret) return false;
  if (!sameRange(a.range, b.range, shift) || a.fixes.length !== b.fixes.length) return false;
  for (let i = 0; i < a.fixes.length; i++) if (!sameFix(a.fixes[i]!, b.fixes[i]!, shift)) return false;
  return true;
}

const shiftPosition = (p: Position, shift: number): Position => ({ line: p.line + shift, character: p.character });
const shiftRange = (r: Range, shift: number): Range => ({ start: shiftPosition(r.start, shift), end: shiftPosition(r.end, shift) });

function shiftFinding(f: Finding, shift: number): Finding {
  return {
    ...f,
    range: shiftRange(f.range, shift),
    fixes: f.fixes.map((fix) => ({ ...fix, edits: fix.edits.map((e) => ({ ...e, range: shiftRange(e.range, shift) })) })),
  };
}

/**
 * `next` as a change to `base`. Findings are sorted by position, so an edit changes a run of
 * them; those after it moved by the lines the edit added or removed, which the last finding
 * tells (a wrong guess only makes the change bigger: every kept finding is compared).
 */
export function diffFindings(base: readonly Finding[], next: readonly Finding[]): FindingsDelta {
  const common = Math.min(base.length, next.length);
  let head = 0;
  while (head < common && sameFinding(base[head]!, next[head]!, 0)) head++;
  const shift = head < common ? next[next.length - 1]!.range.start.line - base[base.length - 1]!.range.start.line : 0;
  let tail = 0;
  while (head + tail < common && sameFinding(base[base.length - 1 - tail]!, next[next.length - 1 - tail]!, shift)) tail++;
  return { head, tail, shift, middle: next.slice(head, next.length - tail) };
}

/** The list `delta` was computed from `base` for; undefined when `delta` does not fit `base`. */
export function applyFindingsDelta(base: readonly Finding[], delta: FindingsDelta): Finding[] | undefined {
  const { head, tail, shift, middle } = delta;
  if (head < 0 || tail < 0 || head + tail > base.length) return undefined;
  const kept = base.slice(base.length - tail);
  return base.slice(0, head).concat(middle, shift === 0 ? kept : kept.map((f) => shiftFinding(f, shift)));
}

/** Worker side: the findings last sent for each document, to send the next ones as a change. */
export class SentFindings {
  private readonly sent = new Map<string, { token: number; findings: Finding[] }>();

  /**
   * What to send for `findings`, the result with token `token`, when the server holds the result
   * `base` of the document (undefined: none): a change when this worker sent that one.
   */
  encode(document: string, token: number, base: number | undefined, findings: Finding[]): WireFindings {
    const last = this.sent.get(document);
    // A copy: the list must stay what was sent, whatever the engine does with its arrays later.
    this.sent.set(document, { token, findings: findings.slice() });
    if (!last || base === undefined || last.token !== base) return { full: findings };
    return { base, delta: diffFindings(last.findings, findings) };
  }

  forget(document: string): void {
    this.sent.delete(document);
  }
}

/** Server side: the findings last received for each document, which the next change applies to. */
export class ReceivedFindings {
  private readonly received = new Map<string, { token: number; findings: Finding[] }>();

  /** Token of the result held for `document`, to send as the base of the next lint. */
  base(document: string): number | undefined {
    return this.received.get(document)?.token;
  }

  /** The findings of result `token`; undefined when it is a change to a result no longer held (the document was closed meanwhile). */
  decode(document: string, token: number, wire: WireFindings): Finding[] | undefined {
    let findings: Finding[] | undefined;
    if ('full' in wire) findings = wire.full;
    else {
      const held = this.received.get(document);
      findings = held && held.token === wire.base ? applyFindingsDelta(held.findings, wire.delta) : undefined;
    }
    if (findings) this.received.set(document, { token, findings });
    else this.received.delete(document);
    return findings;
  }

  forget(document: string): void {
    this.received.delete(document);
  }

  clear(): void {
    this.received.clear();
  }
}
