// Files the engine refuses to lint — too large, binary, or with a huge line — each reported as
// one info finding instead of rule findings.
import { FILE_START_RANGE, type TextIndex } from './text';
import type { Finding } from './types';

/** Longest line (with its line break) a file may have to be linted. */
export const MAX_LINE_LENGTH = 65_536;

/** The findings that stand for a file not linted at all (too large, binary, too slow): a pragma cannot silence them. */
export const UNLINTED_FILE_RULE_IDS = {
  tooLarge: 'infra-guide/file-too-large',
  binary: 'infra-guide/binary-file',
  timeout: 'infra-guide/lint-timeout',
} as const;

/** NUL bytes in the first 8 KB: treat as binary, as git does. */
export function looksBinary(text: string): boolean {
  return text.slice(0, 8192).includes('\u0000');
}

/**
 * The UTF-8 size of `text` when it is above `limit` bytes, else undefined. A UTF-16 code unit
 * takes 1 to 3 bytes (a surrogate pair 4 for its two units), so the bytes are counted only when
 * the length alone cannot tell: most files are far below a third of the limit.
 */
function utf8SizeAbove(text: string, limit: number): number | undefined {
  if (text.length * 3 <= limit) return undefined;
  const bytes = Buffer.byteLength(text, 'utf8');
  return bytes > limit ? bytes : undefined;
}

/** The finding replacing all others when `text` is above `maxFileSizeBytes` (in UTF-8) or binary. */
export function oversizeOrBinaryFinding(text: string, maxFileSizeBytes: number): Finding | undefined {
  const bytes = utf8SizeAbove(text, maxFileSizeBytes);
  if (bytes !== undefined) {
    return {
      ruleId: UNLINTED_FILE_RULE_IDS.tooLarge,
      severity: 'info',
      message: `File is ${bytes} bytes, above the limit of ${maxFileSizeBytes} (maxFileSizeBytes): not linted.`,
      range: FILE_START_RANGE,
      fixes: [],
    };
  }
  if (looksBinary(text)) {
    return { ruleId: UNLINTED_FILE_RULE_IDS.binary, severity: 'info', message: 'File contains NUL bytes and looks binary: not linted.', range: FILE_START_RANGE, fixes: [] };
  }
  return undefined;
}

/**
 * The finding the language server shows when linting a file did not finish within its time
 * limit (the lint worker is then restarted): one clear note instead of a silently empty list.
 */
export function lintTimeoutFinding(timeoutMs: number): Finding {
  const limit = timeoutMs % 1000 === 0 ? `${timeoutMs / 1000} s` : `${timeoutMs} ms`;
  return {
    ruleId: UNLINTED_FILE_RULE_IDS.timeout,
    severity: 'info',
    message: `Linting did not finish within ${limit}: no findings are shown for this file. \`infra-guide check\` lints it without a time limit.`,
    range: FILE_START_RANGE,
    fixes: [],
  };
}

/**
 * The finding replacing all others when a line is above `MAX_LINE_LENGTH`: parsers are
 * superlinear on huge single lines (a 5 MB flow sequence or RUN line takes tens of seconds),
 * so such a file is skipped like an oversized file.
 */
export function longLineFinding(text: string, index: () => TextIndex): Finding | undefined {
  // No line can be too long in a short text: most files need no line scan (nor index) here.
  if (text.length <= MAX_LINE_LENGTH || !mayHaveLongLine(text)) return undefined;
  const long = longestLine(index());
  if (long.length <= MAX_LINE_LENGTH) return undefined;
  const at = { line: long.line, character: 0 };
  return {
    ruleId: UNLINTED_FILE_RULE_IDS.tooLarge,
    severity: 'info',
    message: `Line ${long.line + 1} is ${long.length} characters long, above the limit of ${MAX_LINE_LENGTH} characters per line: not linted.`,
    range: { start: at, end: at },
    fixes: [],
  };
}

/**
 * False when no line can be above `MAX_LINE_LENGTH`: every stretch that long from a line start
 * holds a LF, so the lines starting before it end within it. Found with a `lastIndexOf` per
 * stretch instead of a line table (~1.5 ms per keystroke in a 20k-line file, which needs none).
 * Lines ended by a lone CR are left to the line table.
 */
function mayHaveLongLine(text: string): boolean {
  let start = 0;
  while (text.length - start > MAX_LINE_LENGTH) {
    const lf = text.lastIndexOf('\n', start + MAX_LINE_LENGTH - 1);
    if (lf < start) return true;
    start = lf + 1;
  }
  return false;
}

function longestLine(index: TextIndex): { line: number; length: number } {
  const starts = index.lineStarts;
  let best = { line: 0, length: 0 };
  for (let i = 0; i < starts.length; i++) {
    const length = (i + 1 < starts.length ? starts[i + 1]! : index.text.length) - starts[i]!;
    if (length > best.length) best = { line: i, length };
  }
  return best;
}
