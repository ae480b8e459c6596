// What the issue-list program is run with and what it prints go to the log and to error
// notifications; tokens passed to it (`--token …`) or echoed by it must not. Pure: no VS Code.

import { stripAnsi } from './issues';

export const REDACTED = '[redacted]';

/** Option names whose value is a credential: `--token`, `--api-key`, `--password`, `-p`… is not guessed. */
const SECRET_OPTION = /^--?[\w-]*(token|password|passwd|secret|api[-_]?key|auth|credential|pat)s?$/i;

/**
 * Credentials as they appear in text: well-known token formats, `Authorization`/`Bearer`
 * headers, `token=…`-style pairs and passwords in URLs. Each match keeps its label.
 */
const SECRET_TEXT: [RegExp, string][] = [
  // JSON: `"access_token": "…"` (the value may contain escaped quotes).
  [/("[\w-]{0,64}(?:token|password|passwd|secret|api[-_]?key)[\w-]{0,64}"\s*:\s*")(?:[^"\\]|\\.)*"/gi, `$1${REDACTED}"`],
  // An option echoed with its value: `--token abc123`, `--private-token "a b"`.
  [/((?:^|\s)--?[\w-]{0,64}(?:token|password|passwd|secret|api[-_]?key|credential)s?)([ \t]+)("[^"]*"|'[^']*'|[^\s"'-]\S*)/gim, `$1$2${REDACTED}`],
  [/\b(gh[pousr]_[A-Za-z0-9]{16,}|github_pat_[A-Za-z0-9_]{16,}|glpat-[A-Za-z0-9_-]{16,}|xox[abposr]-[A-Za-z0-9-]{10,}|AKIA[0-9A-Z]{16})\b/g, REDACTED],
  [/\b(Bearer|Basic)(\s+)[A-Za-z0-9._~+/=-]{8,}/g, `$1$2${REDACTED}`],
  // `token abc123…` but not `token expired`: a long word with a digit.
  [/\b(token)(\s+)(?=[A-Za-z0-9._~+/=-]*\d)[A-Za-z0-9._~+/=-]{16,}/gi, `$1$2${REDACTED}`],
  // Bounded repeats, no `\b`: an unbounded `\b[\w-]*` was retried at every boundary of a long
  // hyphenated word (time quadratic in its length: seconds for 100 kB of stderr).
  [/([\w-]{0,64}(?:token|password|passwd|secret|api[-_]?key)[\w-]{0,64})(\s*[=:]\s*)("[^"]*"|'[^']*'|[^\s,;&"']+)/gi, `$1$2${REDACTED}`],
  [/([a-z][a-z0-9+.-]{0,31}:\/\/[^\s/?#@:]*:)[^\s/?#@]+@/gi, `$1${REDACTED}@`],
];

/** The program's arguments with credential values replaced: `--token X`, `--token=X`, or a value that looks like a token. */
export function redactArgs(args: readonly string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    const eq = a.indexOf('=');
    if (a.startsWith('-') && eq > 0 && SECRET_OPTION.test(a.slice(0, eq))) {
      out.push(`${a.slice(0, eq + 1)}${REDACTED}`);
      continue;
    }
    out.push(redactSecrets(a));
    if (SECRET_OPTION.test(a) && i + 1 < args.length) {
      out.push(REDACTED);
      i++;
    }
  }
  return out;
}

/**
 * Text (a program's output, an error message) with the credentials it may echo replaced. ANSI
 * colour codes are dropped first: one next to a token (`\x1b[1mghp_…`) would hide it from the
 * patterns, and the log and notifications don't render them anyway.
 */
export function redactSecrets(text: string): string {
  let s = stripAnsi(text);
  for (const [re, replacement] of SECRET_TEXT) s = s.replace(re, replacement);
  return s;
}

/**
 * Redacted text of a program's output for the log or a message, at most `max` characters: cut at
 * a line break (else a space) before redacting, so that no token is cut in two, and with a note
 * of what was left out. Also bounds the time redaction takes on a program that prints megabytes.
 */
export function redactForLog(text: string, max = 64 * 1024): string {
  if (text.length <= max) return redactSecrets(text);
  let cut = text.lastIndexOf('\n', max);
  if (cut <= 0) cut = Math.max(text.lastIndexOf(' ', max), 0);
  return `${redactSecrets(text.slice(0, cut))}\n… (${text.length - cut} more characters not shown)`;
}
