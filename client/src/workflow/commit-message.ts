// The guide's commit message for an issue:
//   type(#N): Subject
//
//   - bullet
//
//   Refs #N
// Pure. The commit rules in the language server check the same format; the commit file is read
// with their parser (a pure engine module, no LSP or VS Code).
import { COMMIT_TYPE } from '../../../server/src/engine/commit/message';
import { parseCommitMessage } from '../../../server/src/engine/commit/model';
import { cleanText } from './issues';

export const DEFAULT_TYPES = ['feat', 'fix', 'chore', 'docs', 'refactor', 'test', 'ci', 'perf', 'build'];
export const MAX_SUBJECT = 72;

/**
 * `infraGuide.commit.types` read as the language server reads it for the commit rules
 * (server/src/lsp/settings.ts): entries trimmed, invalid ones dropped, the default types only
 * when no entry is valid. So the command offers exactly the types the editor accepts.
 */
export function commitTypesFromSetting(value: unknown): string[] {
  if (!Array.isArray(value)) return DEFAULT_TYPES;
  const valid = value.filter((t): t is string => typeof t === 'string' && COMMIT_TYPE.test(t.trim())).map((t) => t.trim());
  return valid.length > 0 ? [...new Set(valid)] : DEFAULT_TYPES;
}

export interface CommitMessageInput {
  type: string;
  issue: number;
  subject: string;
  bullets?: string[];
}

/** An issue title as a subject: one line, no trailing period, cut at a word boundary to fit. */
export function subjectFromTitle(title: string, room: number): string {
  // `Add thing. .` too: commit/no-trailing-period reports any subject ending in one period.
  // As an issue list's titles: colour codes, control characters and bidi overrides removed.
  let s = cleanText(title).replace(/[\s.]+$/, '');
  if ([...s].length <= room) return s;
  // Counted in characters (code points), as commit/subject-max-length counts them, not UTF-16
  // units; cut between graphemes, so a flag or a family emoji is kept whole or left out, not split.
  const parts: string[] = [];
  const ends: number[] = [];
  let used = 0;
  for (const { segment } of new Intl.Segmenter('en', { granularity: 'grapheme' }).segment(s)) {
    used += [...segment].length;
    // One more than the room: a word that fits may end right before a space.
    if (used > room + 1) break;
    parts.push(segment);
    ends.push(used);
  }
  const sp = parts.lastIndexOf(' ');
  const spAt = sp > 0 ? ends[sp - 1]! : -1;
  let keep = sp;
  if (spAt <= room / 2) for (keep = parts.length; keep > 0 && ends[keep - 1]! > room; ) keep--;
  return parts.slice(0, keep).join('').replace(/[\s,;:.-]+$/, '');
}

export function commitPrefix(type: string, issue: number): string {
  return `${type}(#${issue}): `;
}

/** `fix: `, `feat(#12): `, `Docs(ui): ` — a commit type (or any word with an issue scope) before a title. */
const TYPED_TITLE = /^\s*([A-Za-z][A-Za-z0-9_-]*)(\([^)]*\))?:\s+(?=\S)/;

/**
 * A title without the commit type it already starts with (an issue titled `fix: crash on start`,
 * a scratchpad headed with a commit subject), which would otherwise follow the new prefix:
 * `fix(#6): fix: crash on start`. Only known types or a `(#N)` scope count, so `Note: …` stays.
 */
export function withoutTypePrefix(title: string, type: string): string {
  const m = TYPED_TITLE.exec(title);
  if (!m) return title;
  const word = m[1]!.toLowerCase();
  const known = DEFAULT_TYPES.includes(word) || word === type.toLowerCase() || /^\(\s*#\d+\s*\)$/.test(m[2] ?? '');
  return known ? title.slice(m[0].length) : title;
}

/** A title that makes a subject for a type (not only white space, periods and the type), else undefined. */
export function usableTitle(title: string | undefined, type: string): string | undefined {
  return title !== undefined && subjectFromTitle(withoutTypePrefix(title, type), MAX_SUBJECT) !== '' ? title : undefined;
}

export function buildCommitMessage(input: CommitMessageInput): string {
  const prefix = commitPrefix(input.type, input.issue);
  const subject = subjectFromTitle(withoutTypePrefix(input.subject, input.type), MAX_SUBJECT - prefix.length);
  const bullets = (input.bullets ?? []).map(bulletText).filter((b) => b !== '');
  const body = bullets.length ? bullets.join('\n') : '- ';
  return `${prefix}${subject}\n\n${body}\n\nRefs #${input.issue}`;
}

/**
 * One `- ` bullet of the body from a line or lines of text: a marker already there (`- `, `* `)
 * replaced, further lines indented under it as commit/body-bullets reads continuation lines, so a
 * line starting with `#` is not stripped by git as a comment either. '' for blank text.
 */
function bulletText(text: string): string {
  const lines = text
    .replace(/^\s*[-*+•](?=\s|$)/, '')
    .split(/\r\n?|\n/)
    .map((l) => l.replace(/\s+$/, ''));
  while (lines.length > 0 && lines[0]!.trim() === '') lines.shift();
  while (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  if (lines.length === 0) return '';
  return lines.map((l, i) => (i === 0 ? `- ${l.trim()}` : l === '' ? '' : `  ${l}`)).join('\n');
}

/** Issue number already present in a commit message's subject (`type(#N): …`). */
export function issueOfCommitMessage(message: string): number | undefined {
  const m = /^\s*[a-z][a-z0-9-]*\(#(\d+)\)/i.exec(message);
  const n = m ? Number(m[1]) : NaN;
  return Number.isSafeInteger(n) && n > 0 ? n : undefined;
}

/**
 * git's comment string in a commit message file, as the commit rules read it
 * (server/src/engine/commit/model.ts, shared): the one of a `-v` scissors line, else the one of the
 * comment block ending the file (`;@!$%^&|:`, or any character or string git's block names in
 * quotes, `with '*' will be ignored`, `with '//' will be ignored`), else `#`.
 */
export function commitCommentChar(text: string): string {
  return parseCommitMessage(text).comment;
}

/**
 * Lines of `message` that git would strip as comments once written into the commit file `text`:
 * with `core.commentChar='-'`, every `- ` bullet (and the text the user gave for it).
 */
export function linesGitStrips(message: string, text: string): string[] {
  const c = commitCommentChar(text);
  return message.split('\n').filter((l) => l.startsWith(c));
}

/**
 * The message part of a commit message file (`COMMIT_EDITMSG` as git hands it to the editor):
 * everything before the block of git's comment lines that ends the file (or its scissors line),
 * read as the commit rules read it; comment lines between message lines are part of it. `end` is the offset where git's comments start (the text length
 * when there are none).
 */
export function commitFileMessagePart(text: string): { end: number; message: string; hasComments: boolean } {
  const doc = parseCommitMessage(text);
  const kept = new Set(doc.messageLines);
  // From the end (or the scissors line) back over comment and blank lines, then forward past the
  // blank lines above the block: comment lines among message lines (`# This is the commit message
  // #2:` of a squash) belong to the message part, so its messages are not taken for none.
  const blank = (i: number) => doc.lines[i]!.trim() === '';
  let first = doc.end;
  while (first > 0 && (!kept.has(first - 1) || blank(first - 1))) first--;
  while (first < doc.end && kept.has(first)) first++;
  const hasComments = first < doc.lines.length;
  const end = hasComments ? doc.index.lineStarts[first]! : text.length;
  return { end, message: text.slice(0, end), hasComments };
}

/**
 * Whether replacing `current` (the text in the commit message box, or a commit file's message
 * part) with `message` needs the user's consent: not when it is blank, already the message, or
 * the very text the user agreed to replace (`agreed`) — text changed since then is asked about again.
 */
export function replaceNeedsConsent(current: string, message: string, agreed: string | undefined): boolean {
  const c = current.trim();
  return c !== '' && c !== message.trim() && (agreed === undefined || c !== agreed.trim());
}

/** The replacement of the message part of a commit message file: the message, then a blank line before git's comments. */
export function commitFileReplacement(message: string, hasComments: boolean): string {
  return `${message.replace(/\s+$/, '')}\n${hasComments ? '\n' : ''}`;
}
