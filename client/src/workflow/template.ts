// The scratchpad template and its `{{placeholder}}` rendering. Pure.
// Placeholders: {{number}}, {{title}}, {{date}}, {{branch}}, plus {{link}} (markdown link to the
// issue when its URL is known, else `#N`), {{url}} and {{cursor}} (where the editor's cursor goes).

export interface TemplateVars {
  number: number;
  title: string;
  /** YYYY-MM-DD */
  date: string;
  branch: string;
  url?: string;
}

export const CURSOR_PLACEHOLDER = '{{cursor}}';

/** The guide's "Before Completing" list, in its order and wording. */
export const BEFORE_COMPLETING_ITEMS = [
  { id: 'validate', label: 'Validate configuration syntax' },
  { id: 'tests', label: 'Run infrastructure tests' },
  { id: 'staging', label: 'Test in dev/staging first' },
  { id: 'manual', label: 'Document any manual steps required' },
  { id: 'scratchpad', label: 'Update scratchpad and close issue' },
] as const;

export type ChecklistItemId = (typeof BEFORE_COMPLETING_ITEMS)[number]['id'];

export const DEFAULT_SCRATCHPAD_TEMPLATE = `# #{{number}}: {{title}}

- Issue: {{link}}
- Branch: \`{{branch}}\`
- Started: {{date}}

## Objective

{{cursor}}

## Plan

- [ ] Review existing infrastructure configuration
- [ ] 

## Progress log

### {{date}}

- Created this scratchpad.

## Decisions / notes

- 

## Before completing

${BEFORE_COMPLETING_ITEMS.map((i) => `- [ ] ${i.label}`).join('\n')}
`;

/** Today as YYYY-MM-DD in local time. */
export function isoDate(d = new Date()): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}`;
}

/**
 * Replaces the placeholders in one pass (a title containing `{{date}}` stays literal). Unknown
 * placeholders are kept as written. `{{cursor}}` is removed; its offset is returned.
 */
export function renderTemplate(template: string, vars: TemplateVars): { text: string; cursorOffset: number | undefined } {
  const values: Record<string, string> = {
    number: String(vars.number),
    title: vars.title,
    date: vars.date,
    branch: vars.branch,
    url: vars.url ?? '',
    link: vars.url ? `[#${vars.number}](${vars.url})` : `#${vars.number}`,
  };
  let cursorOffset: number | undefined;
  let text = '';
  let last = 0;
  const re = /\{\{\s*([a-zA-Z]+)\s*\}\}/g;
  for (let m = re.exec(template); m; m = re.exec(template)) {
    text += template.slice(last, m.index);
    last = m.index + m[0].length;
    const key = m[1]!.toLowerCase();
    if (key === 'cursor') {
      if (cursorOffset === undefined) cursorOffset = text.length;
    } else if (key in values) text += values[key];
    else text += m[0];
  }
  text += template.slice(last);
  return { text, cursorOffset };
}

/** 0-based line/character where the cursor goes: `{{cursor}}`, else the line after the Objective heading. */
export function cursorPosition(text: string, cursorOffset: number | undefined): { line: number; character: number } {
  if (cursorOffset !== undefined) {
    const before = text.slice(0, cursorOffset);
    const lines = before.split('\n');
    return { line: lines.length - 1, character: lines[lines.length - 1]!.length };
  }
  const lines = text.split('\n');
  const h = lines.findIndex((l) => /^#{1,6}\s+objective\b/i.test(l));
  if (h < 0) return { line: 0, character: 0 };
  // First blank line below the heading, or right below it.
  for (let i = h + 1; i < lines.length && !/^#{1,6}\s/.test(lines[i]!); i++) {
    if (lines[i]!.trim() === '') {
      if (i + 1 < lines.length && lines[i + 1]!.trim() === '' ) return { line: i + 1, character: 0 };
      return { line: i, character: 0 };
    }
  }
  return { line: Math.min(h + 1, lines.length - 1), character: 0 };
}
