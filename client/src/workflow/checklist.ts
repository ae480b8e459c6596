// Records the "Before completing" checklist in a scratchpad. Pure text → text:
// - finds the `## Before completing` section (any heading level) and updates, in place, the
//   checkbox lines of the guide's items and one `_Last checked: DATE …_` line;
// - appends missing items to that section, or the whole section at the end of the file;
// - never touches any other line, so the user's own notes survive.
import { BEFORE_COMPLETING_ITEMS, type ChecklistItemId } from './template';

export interface ItemState {
  checked: boolean;
  /** Short result, e.g. "0 problems in 12 files". */
  note?: string;
}

export type ChecklistState = Partial<Record<ChecklistItemId, ItemState>>;

const HEADING = /^(#{1,6})\s+before\s+completing\b/i;
/** Start of our ` — ✓ DATE…` note (with the blanks before it, trimmed separately: see below). */
const ANNOTATION = /\s— (?:✓|✔) \d{4}-\d{2}-\d{2}/;
const LAST_CHECKED = /^_?Last checked: .*$/;

function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function itemLine(label: string): RegExp {
  return new RegExp(`^(\\s*[-*+]\\s+)\\[([ xX])\\]\\s+(${escapeRe(label)})(.*)$`, 'i');
}

interface Section {
  heading: number;
  /** Exclusive end line. */
  end: number;
}

function findSection(lines: string[]): Section | undefined {
  let fence = false;
  for (let i = 0; i < lines.length; i++) {
    if (/^\s*(```|~~~)/.test(lines[i]!)) fence = !fence;
    if (fence) continue;
    const m = HEADING.exec(lines[i]!);
    if (!m) continue;
    const level = m[1]!.length;
    let end = lines.length;
    let f = false;
    for (let j = i + 1; j < lines.length; j++) {
      if (/^\s*(```|~~~)/.test(lines[j]!)) f = !f;
      const h = /^(#{1,6})\s/.exec(lines[j]!);
      if (!f && h && h[1]!.length <= level) {
        end = j;
        break;
      }
    }
    return { heading: i, end };
  }
  return undefined;
}

/** Current ticks of the guide's items in a scratchpad's "Before completing" section. */
export function readChecklist(text: string): Record<ChecklistItemId, boolean> {
  const lines = text.split(/\r?\n/);
  const out = Object.fromEntries(BEFORE_COMPLETING_ITEMS.map((i) => [i.id, false])) as Record<ChecklistItemId, boolean>;
  const s = findSection(lines);
  if (!s) return out;
  for (const item of BEFORE_COMPLETING_ITEMS) {
    const re = itemLine(item.label);
    for (let i = s.heading + 1; i < s.end; i++) {
      const m = re.exec(lines[i]!);
      if (m) {
        out[item.id] = m[2] !== ' ';
        break;
      }
    }
  }
  return out;
}

function renderItem(prefix: string, label: string, rest: string, st: ItemState, date: string): string {
  // The note runs to the end of the line. Found from one blank and the blanks before it trimmed:
  // a leading `\s+` was retried at every blank of a long line (time quadratic in its length).
  const a = ANNOTATION.exec(rest);
  const kept = a ? rest.slice(0, a.index).trimEnd() : rest;
  const note = st.checked ? ` — ✓ ${date}${st.note ? `: ${st.note.replace(/[\r\n]+/g, ' ')}` : ''}` : '';
  return `${prefix}[${st.checked ? 'x' : ' '}] ${label}${kept}${note}`;
}

/** Writes the ticks (with the date) into the scratchpad text; returns the new text. */
export function recordChecklist(text: string, state: ChecklistState, date: string): string {
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const lines = text.split(/\r?\n/);
  const done = BEFORE_COMPLETING_ITEMS.filter((i) => state[i.id]?.checked).length;
  const lastChecked = `_Last checked: ${date} (${done}/${BEFORE_COMPLETING_ITEMS.length} done)_`;
  const s = findSection(lines);
  if (!s) {
    const section = [
      '## Before completing',
      '',
      lastChecked,
      '',
      ...BEFORE_COMPLETING_ITEMS.map((i) => renderItem('- ', i.label, '', state[i.id] ?? { checked: false }, date)),
    ];
    while (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
    const head = lines.length ? [...lines, ''] : [];
    return [...head, ...section, ''].join(eol);
  }
  let lastItemLine = -1;
  const missing: string[] = [];
  for (const item of BEFORE_COMPLETING_ITEMS) {
    const re = itemLine(item.label);
    const st = state[item.id];
    let found = false;
    for (let i = s.heading + 1; i < s.end; i++) {
      const m = re.exec(lines[i]!);
      if (!m) continue;
      found = true;
      lastItemLine = Math.max(lastItemLine, i);
      if (st) lines[i] = renderItem(m[1]!, m[3]!, m[4]!, st, date);
      break;
    }
    if (!found) missing.push(renderItem('- ', item.label, '', st ?? { checked: false }, date));
  }
  // Insert missing items after the last item (or after the heading), then the Last checked line.
  let end = s.end;
  if (missing.length) {
    let at = lastItemLine >= 0 ? lastItemLine + 1 : s.heading + 1;
    if (lastItemLine < 0) {
      missing.unshift('');
      while (at < end && lines[at]!.trim() !== '' && !/^\s*[-*+]\s/.test(lines[at]!)) at++;
    }
    lines.splice(at, 0, ...missing);
    end += missing.length;
  }
  const lc = lines.slice(s.heading + 1, end).findIndex((l) => LAST_CHECKED.test(l));
  if (lc >= 0) lines[s.heading + 1 + lc] = lastChecked;
  else lines.splice(s.heading + 1, 0, '', lastChecked);
  return lines.join(eol);
}
