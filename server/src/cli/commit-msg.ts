// `infra-guide commit-msg FILE` — checks a commit message file, e.g. from a git `commit-msg`
// hook (`infra-guide commit-msg "$1"`). Prints `FILE:line:col severity message rule-id` per
// finding. Exit codes: 0 no finding at or above --fail-on (default: warning; info findings are
// printed but do not block the commit), 1 findings, 2 usage error (missing/unreadable file).
// A file that is not UTF-8 text (NUL bytes, invalid UTF-8) is an error finding (commit/not-text),
// so it fails the hook instead of passing with the engine's "binary file, not linted" info —
// unless it is in the encoding git was told messages are in (`i18n.commitEncoding`) or that
// `--encoding` names: git writes the message file in that encoding. A UTF-16 file (byte order
// mark FF FE or FE FF) is said to be one: git cannot store it, in any encoding setting.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { isAbsolute, relative, resolve } from 'node:path';
import { TextDecoder } from 'node:util';
// Through the engine's index (lint before config-loader), so the module graph loads in the
// same order whatever imports this file first.
import { ConfigResolver, Linter, type Severity } from '../engine/index';

const USAGE = `Usage: infra-guide commit-msg [--fail-on error|warning|info|never] [--encoding ENC] FILE
  Checks a commit message file (use \`-\` for standard input) against the guide's commit format.
  Git hook (.git/hooks/commit-msg):  infra-guide commit-msg "$1"
  --encoding ENC  the file's encoding (e.g. iso-8859-1); default UTF-8, or git's
                  i18n.commitEncoding for a file that is not valid UTF-8
Exit codes: 0 clean, 1 findings at or above --fail-on (default: warning), 2 usage error.
`;

const RANK: Record<Severity, number> = { info: 1, warning: 2, error: 3 };

/** Why `bytes` is not UTF-8 text (`NUL byte at byte 10`, `invalid UTF-8 at byte 12`), else undefined. */
export function notTextReason(bytes: Uint8Array): string | undefined {
  const nul = bytes.indexOf(0);
  if (nul >= 0) return `NUL byte at byte ${nul}`;
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return undefined;
  } catch {
    // Not valid: walk the sequences to name the first offending byte.
    for (let i = 0; i < bytes.length; ) {
      const b = bytes[i]!;
      const len = b < 0x80 ? 1 : b >= 0xc2 && b <= 0xdf ? 2 : b >= 0xe0 && b <= 0xef ? 3 : b >= 0xf0 && b <= 0xf4 ? 4 : 0;
      if (len === 0 || i + len > bytes.length) return `invalid UTF-8 at byte ${i}`;
      try {
        new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(i, i + len));
      } catch {
        return `invalid UTF-8 at byte ${i}`;
      }
      i += len;
    }
    return 'invalid UTF-8';
  }
}

/**
 * A decoder for an encoding label (`iso-8859-1`, `latin1`, `cp1252` …), or undefined if unknown.
 * A byte order mark stays in the text, as git keeps it in the subject (and the rules report it).
 */
function decoderFor(label: string): TextDecoder | undefined {
  try {
    return new TextDecoder(label.trim(), { fatal: true, ignoreBOM: true });
  } catch {
    return undefined;
  }
}

/** git's `i18n.commitEncoding` for the repository of the working folder, if set. */
function gitCommitEncoding(): string | undefined {
  try {
    const out = execFileSync('git', ['config', '--get', 'i18n.commitEncoding'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'], timeout: 5000 });
    return out.trim() || undefined;
  } catch {
    return undefined; // unset (exit 1), no git, or not a repository
  }
}

type Decoded = { text: string; problem?: undefined } | { problem: string; advice: string; encoding: string; utf16?: string };

/** `UTF-16LE`/`UTF-16BE` for bytes starting with that byte order mark (FF FE / FE FF), else undefined. */
export function utf16Bom(bytes: Uint8Array): string | undefined {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return 'UTF-16LE';
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return 'UTF-16BE';
  return undefined;
}

/**
 * The message's text: in `encoding` when given; else UTF-8, or — for bytes that are not valid
 * UTF-8 — git's i18n.commitEncoding when it names another encoding.
 */
function decodeMessage(bytes: Uint8Array, encoding: string | undefined): Decoded {
  const nul = bytes.indexOf(0);
  // UTF-16 (an editor's or PowerShell's "Unicode"): git cannot store it, as the NUL bytes end the
  // message, whatever encoding it is told about. Only a single-byte encoding given explicitly
  // reads FF FE without NUL bytes as text (`ÿþ` in Latin-1).
  const utf16 = utf16Bom(bytes);
  const named = encoding === undefined ? 'utf-8' : decoderFor(encoding)?.encoding;
  if (utf16 && (nul >= 0 || named === 'utf-8' || named?.startsWith('utf-16'))) {
    return { problem: `${utf16} byte order mark`, advice: 'save it as UTF-8.', encoding: encoding ?? 'UTF-8', utf16 };
  }
  if (nul >= 0) return { problem: `NUL byte at byte ${nul}`, advice: 'write it as text.', encoding: encoding ?? 'UTF-8' };
  if (encoding === undefined) {
    const notUtf8 = notTextReason(bytes);
    if (notUtf8 === undefined) return { text: Buffer.from(bytes).toString('utf8') };
    const configured = gitCommitEncoding();
    if (configured === undefined || /^utf-?8$/i.test(configured)) {
      return { problem: notUtf8, advice: 'write it as UTF-8 text (or set git\'s i18n.commitEncoding, or pass --encoding).', encoding: 'UTF-8' };
    }
    if (!decoderFor(configured)) {
      // Set, but to a name no decoder knows: saying "set i18n.commitEncoding" would mislead.
      const shown = JSON.stringify(configured.length > 40 ? `${configured.slice(0, 39)}…` : configured);
      return {
        problem: notUtf8,
        advice: `git's i18n.commitEncoding ${shown} is not an encoding Infra Guide can read: pass --encoding with its standard name (e.g. iso-8859-1), or write it as UTF-8 text.`,
        encoding: 'UTF-8',
      };
    }
    encoding = configured;
  }
  try {
    // Bytes that are not valid in the encoding throw (fatal), rather than become U+FFFD.
    return { text: decoderFor(encoding)!.decode(bytes) };
  } catch {
    return { problem: `invalid ${encoding}`, advice: `write it as ${encoding} text.`, encoding };
  }
}

/** Whether `file` (absolute) is inside the folder `dir` (relative to the working folder), if given. */
function isInside(file: string, dir: string | undefined): boolean {
  if (!dir) return false;
  const rel = relative(resolve(dir), file);
  return rel !== '' && !rel.startsWith('..') && !isAbsolute(rel);
}

/**
 * The message file as the user types it to `git commit -F`: git runs the hook at the top of the
 * work tree but reads -F from the folder the user ran `git commit` in ($GIT_PREFIX, e.g. `sub/`
 * from a subfolder), so a relative path is made absolute then; quoted for the shell if need be.
 */
function retryPath(file: string): string {
  const p = process.env['GIT_PREFIX'] && !isAbsolute(file) ? resolve(file) : file;
  return /^[\w@%+=:,./\\-]+$/.test(p) ? p : `'${p.replace(/'/g, `'\\''`)}'`;
}

export async function runCommitMsg(args: string[]): Promise<number> {
  let failOn: Severity | 'never' = 'warning';
  let encoding: string | undefined;
  const files: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === '-h' || a === '--help') {
      process.stdout.write(USAGE);
      return 0;
    }
    if (a === '--fail-on' || a.startsWith('--fail-on=')) {
      const v = a.includes('=') ? a.slice(a.indexOf('=') + 1) : args[++i];
      if (v !== 'error' && v !== 'warning' && v !== 'info' && v !== 'never') {
        process.stderr.write(`infra-guide commit-msg: --fail-on needs error, warning, info or never\n${USAGE}`);
        return 2;
      }
      failOn = v;
      continue;
    }
    if (a === '--encoding' || a.startsWith('--encoding=')) {
      const v = a.includes('=') ? a.slice(a.indexOf('=') + 1) : args[++i];
      if (!v || !decoderFor(v)) {
        process.stderr.write(`infra-guide commit-msg: --encoding needs an encoding name such as utf-8 or iso-8859-1\n${USAGE}`);
        return 2;
      }
      encoding = v;
      continue;
    }
    if (a.startsWith('-') && a !== '-') {
      process.stderr.write(`infra-guide commit-msg: unknown option \`${a}\`\n${USAGE}`);
      return 2;
    }
    files.push(a);
  }
  if (files.length !== 1) {
    process.stderr.write(`infra-guide commit-msg: expected exactly one FILE, got ${files.length}\n${USAGE}`);
    return 2;
  }
  const file = files[0]!;
  let bytes: Buffer;
  try {
    bytes = file === '-' ? readFileSync(0) : readFileSync(file);
  } catch (e) {
    process.stderr.write(`infra-guide commit-msg: cannot read ${file}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}\n`);
    return 2;
  }
  const shown = file === '-' ? '<stdin>' : file;
  // A message that is not UTF-8 text (NUL bytes, invalid UTF-8) cannot be checked: an error, so
  // the hook does not let it through (the engine alone would only note a binary file, as info).
  const decoded = decodeMessage(bytes, encoding);
  if (decoded.problem !== undefined) {
    const what = decoded.utf16 ? `is ${decoded.utf16}, which git cannot store` : 'is not text';
    process.stdout.write(`${shown}:1:1 error The commit message ${what} (${decoded.problem}): it cannot be checked; ${decoded.advice} commit/not-text\n`);
    if (failOn === 'never') return 0;
    process.stderr.write(
      decoded.utf16
        ? `infra-guide: the commit message file is ${decoded.utf16}, which git cannot store; save it as UTF-8.\n`
        : `infra-guide: the commit message file is not ${decoded.encoding} text.\n`,
    );
    return 1;
  }
  const text = decoded.text;
  // A message file inside .git/ or $GIT_DIR (the hook's case; git sets GIT_DIR for a separate
  // git dir, `git init --separate-git-dir`, `git --git-dir=…`) or stdin: the project's config is
  // looked up from the working folder (git runs hooks at the top of the work tree), else beside the file.
  const abs = resolve(file === '-' ? 'COMMIT_EDITMSG' : file);
  const inGitDir = file === '-' || /(^|[\\/])\.git[\\/]/.test(abs) || isInside(abs, process.env['GIT_DIR']);
  const loaded = new ConfigResolver().forFile(inGitDir ? resolve('COMMIT_EDITMSG') : abs);
  const result = new Linter().lint({ text, fileName: 'COMMIT_EDITMSG', kind: 'commit-message', config: loaded.config });
  const failing = new Set<string>();
  for (const f of result.findings) {
    process.stdout.write(`${shown}:${f.range.start.line + 1}:${f.range.start.character + 1} ${f.severity} ${f.message} ${f.ruleId}\n`);
    if (failOn !== 'never' && RANK[f.severity] >= RANK[failOn]) failing.add(f.ruleId);
  }
  if (failing.size > 0) {
    // A scissors line git misses is about the file's line endings, not the guide's format.
    const onlyLineEndings = [...failing].every((id) => id === 'commit/no-crlf-scissors-line');
    process.stderr.write(
      (onlyLineEndings
        ? 'infra-guide: git would keep the diff below the scissors line in the commit message: that line ends in CRLF. Save the message with LF line endings.\n'
        : `infra-guide: the commit message does not follow the guide's format (\`type(#N): Subject\`, bullets, \`Refs #N\`).\n`) +
        (file === '-' ? '' : `Your message is kept in ${file}; fix it and commit again (e.g. \`git commit -e -F ${retryPath(file)}\`).\n`),
    );
    return 1;
  }
  return 0;
}
