// dockerfile/use-exec-form — decisions:
// - Every stage's CMD/ENTRYPOINT is judged (stages can be `--target`ed or inherited); HEALTHCHECK CMD and
//   ONBUILD triggers are not.
// - The plain fix is safe only for a single-line command without any shell syntax, with the default
//   shell, and with no ENTRYPOINT (for CMD) / no CMD in the stage (for ENTRYPOINT), since exec form
//   changes how the two combine. The other fix wraps the exact text in the shell Docker would use
//   (`/bin/sh -c`, the last SHELL, or `cmd /S /C` on Windows): equivalent, but it keeps the shell as
//   PID 1, so it is offered as unsafe for the author to decide.
// - Under cmd or PowerShell (a SHELL, or a Windows base) the POSIX analysis does not apply: the
//   message says the shell runs as the main process, and the wrap is the only fix (no word split).
import type { Instruction } from 'dockerfile-ast';
import type { DockerfileDoc, Stage } from '../../dockerfile/model';
import { logicalLine } from '../../dockerfile/shell';
import { instructionShell } from '../../dockerfile/shell/instruction-shell';
import type { Fix, Range, Rule } from '../../types';
import { indicesOf } from './keyword-search';

/** Characters that never mean anything to a POSIX shell inside a word. */
const PLAIN = /^[A-Za-z0-9_\-./:=,+@%]$/;
/** Words that only a shell understands (reserved words, builtins without a binary, builtins that differ from their binary). */
const SHELL_ONLY = new Set([
  'if', 'then', 'else', 'elif', 'fi', 'case', 'esac', 'for', 'select', 'while', 'until', 'do', 'done', 'in', 'function', 'time',
  '{', '}', '!', '[[', ']]', 'cd', 'export', 'source', '.', 'set', 'unset', 'trap', 'eval', 'alias', 'ulimit', 'umask', 'wait',
  'read', 'shift', 'return', 'exit', 'break', 'continue', 'readonly', 'local', 'type', 'hash', 'command', 'builtin', 'let',
  'declare', 'typeset', 'shopt', 'exec', ':', 'getopts', 'jobs', 'fg', 'bg', 'times', 'pushd', 'popd', 'history',
  // builtins whose binary twin behaves differently (`echo -e`, escapes)
  'echo', 'printf',
]);

/**
 * Splits a shell-form command into argv when doing so is exactly what `/bin/sh -c` would do:
 * plain words, `'single'` and `"double"` quotes without `$`, backticks or backslashes. Anything
 * else (operators, expansions, redirections, globs, `~`, comments, assignments, builtins) is
 * shell syntax: undefined.
 */
export function splitPlainCommand(cmd: string): string[] | undefined {
  const words: string[] = [];
  let i = 0;
  const n = cmd.length;
  while (i < n) {
    while (i < n && (cmd[i] === ' ' || cmd[i] === '\t')) i++;
    if (i >= n) break;
    let word = '';
    while (i < n && cmd[i] !== ' ' && cmd[i] !== '\t') {
      const c = cmd[i]!;
      if (c === "'" || c === '"') {
        const j = cmd.indexOf(c, i + 1);
        if (j < 0) return undefined;
        const inner = cmd.slice(i + 1, j);
        if (/[\r\n]/.test(inner) || (c === '"' && /[$`\\!]/.test(inner))) return undefined;
        word += inner;
        i = j + 1;
        continue;
      }
      if (!PLAIN.test(c)) return undefined;
      word += c;
      i++;
    }
    words.push(word);
  }
  if (words.length === 0) return undefined;
  // `exec prog args` is what exec form does anyway: drop the builtin.
  if (words[0] === 'exec' && words.length > 1 && !words[1]!.startsWith('-')) words.shift();
  const first = words[0]!;
  if (SHELL_ONLY.has(first) || /^[A-Za-z_][A-Za-z0-9_]*=/.test(first)) return undefined;
  return words;
}

export function toJsonArray(words: readonly string[]): string {
  return '[' + words.map((w) => JSON.stringify(w)).join(', ') + ']';
}

/** A JSON string: no raw `"`, backslash or control character, only JSON's escapes. */
const JSON_STRING = String.raw`"(?:[^"\\\u0000-\u001f]|\\(?:["\\/bfnrt]|u[0-9A-Fa-f]{4}))*"`;
/** JSON's blanks (`\s` has more). */
const JSON_BLANK = '[ \\t\\n\\r]*';
/** A JSON array of strings, as `JSON.parse` reads one. */
const JSON_STRING_ARRAY = new RegExp(String.raw`^${JSON_BLANK}\[${JSON_BLANK}(?:${JSON_STRING}${JSON_BLANK}(?:,${JSON_BLANK}${JSON_STRING}${JSON_BLANK})*)?\]${JSON_BLANK}$`);

/**
 * Whether the text is Docker's exec form: a JSON array of strings. One regex test rather than
 * `JSON.parse`, which built the array and its strings (and threw for the rest) only to check the
 * type of each. Checked against `JSON.parse` on random text in the tests.
 * @internal exported for tests.
 */
export function isExecForm(content: string): boolean {
  return JSON_STRING_ARRAY.test(content);
}

/** `['node', 'app.js']` (single quotes, not JSON) → the words, if that is all it is. */
function almostJson(content: string): string[] | undefined {
  const m = /^\[\s*(.*?)\s*,?\s*\]$/s.exec(content);
  if (!m) return undefined;
  const words: string[] = [];
  const re = /\s*(?:'([^'\\]*)'|"((?:[^"\\]|\\.)*)")\s*(,|$)/gy;
  let last = 0;
  for (let x = re.exec(m[1]!); x; x = re.exec(m[1]!)) {
    if (x[0] === '') break;
    if (x[1] !== undefined) words.push(x[1]);
    else {
      try {
        words.push(JSON.parse(`"${x[2]}"`) as string);
      } catch {
        return undefined;
      }
    }
    last = re.lastIndex;
    if (x[3] === '') break;
  }
  return last === m[1]!.length && words.length > 0 ? words : undefined;
}

/**
 * `getArgumentsRange()` and the trimmed `getArgumentsContent()` of an instruction on one line
 * without the escape character or a `\r`, read from the text: its arguments run from the first to
 * the last character after the keyword that is not a blank. dockerfile-ast splits the arguments
 * into words to find that (CMD/ENTRYPOINT arguments no other rule splits). Undefined for other
 * instructions. Checked against dockerfile-ast on random text in the tests.
 * @internal exported for tests.
 */
export function oneLineArguments(doc: DockerfileDoc, ins: Instruction): { range: Range | null; content: string } | undefined {
  const r = ins.getRange();
  if (r.start.line !== r.end.line) return undefined;
  const after = ins.getInstructionRange().end;
  const from = doc.index.offsetAt(after);
  const text = doc.text.slice(from, doc.index.offsetAt(r.end));
  if (text.includes(doc.escapeChar || '\\') || text.includes('\r')) return undefined;
  let s = 0;
  while (text[s] === ' ' || text[s] === '\t') s++;
  let e = text.length;
  while (e > s && (text[e - 1] === ' ' || text[e - 1] === '\t')) e--;
  if (s === e) return { range: null, content: '' };
  const line = after.line;
  return { range: { start: { line, character: after.character + s }, end: { line, character: after.character + e } }, content: text.slice(s, e).trim() };
}

/** Arguments spanning several lines as Docker reads them: continuations and the comment lines inside them removed. */
function continuedArguments(doc: DockerfileDoc, range: Range): string {
  return logicalLine(doc.text, doc.index.offsetAt(range.start), doc.index.offsetAt(range.end), doc.escapeChar || '\\').s;
}

/**
 * Where the replaced arguments end: `range.end`, or past a continuation that only the end of the
 * file closes (`CMD app \` as the last line, maybe followed by blank and comment lines). Docker
 * ends the instruction there anyway, so the exec-form text must not keep the escape character.
 */
function replacedEnd(doc: DockerfileDoc, range: Range, esc: string): Range['end'] {
  const text = doc.text;
  let i = doc.index.offsetAt(range.end);
  while (text[i] === ' ' || text[i] === '\t') i++;
  if (text[i] !== esc) return range.end;
  let end = i + 1;
  while (text[end] === ' ' || text[end] === '\t') end++;
  // After the escape character: only blank lines and comment lines up to the end of the file.
  for (let j = end, first = true; j < text.length; first = false) {
    let k = j;
    while (text[k] === ' ' || text[k] === '\t') k++;
    const eol = text.indexOf('\n', k);
    const lineEnd = eol < 0 ? text.length : eol;
    if (k < lineEnd && !(text[k] === '\r' && k + 1 === lineEnd) && (first || text[k] !== '#')) return range.end;
    j = lineEnd + 1;
  }
  return doc.index.positionAt(end);
}

/** The comment lines after the first line of `range`, each with a line break. */
function commentLines(doc: DockerfileDoc, range: Range): string {
  const text = doc.text.slice(doc.index.offsetAt(range.start), doc.index.offsetAt(range.end));
  let out = '';
  for (const line of text.split(/\r?\n/).slice(1)) if (/^[ \t]*#/.test(line)) out += line + doc.index.eol;
  return out;
}

/** A shell's argv as the message shows it: words joined by spaces, or the JSON array when a word has blanks. */
function shellText(argv: readonly string[]): string {
  return argv.some((a) => /\s/.test(a)) ? toJsonArray(argv) : argv.join(' ');
}

export const useExecForm: Rule<DockerfileDoc> = {
  meta: {
    id: 'dockerfile/use-exec-form',
    title: 'Write CMD and ENTRYPOINT in exec form',
    domain: 'dockerfile',
    severity: 'warning',
    guideSection: 'Container Standards — Dockerfile Best Practices ("Use exec form for CMD")',
    rationale:
      'In shell form Docker runs the command as a child of `/bin/sh -c`: the shell is PID 1, does not forward SIGTERM, and the container is killed after the stop timeout instead of shutting down cleanly. Exec form (a JSON array) runs the program directly.',
    bad: { fileName: 'Dockerfile', code: 'FROM node:20-alpine\nUSER node\nCMD node server.js\n' },
    good: { fileName: 'Dockerfile', code: 'FROM node:20-alpine\nUSER node\nCMD ["node", "server.js"]\n' },
    fixable: true,
    fixSafety: 'mixed',
  },
  kinds: ['dockerfile'],
  check(doc, ctx) {
    // Per stage, what it hands to stages built FROM it (stages only refer to earlier ones).
    const entrypointAtEnd = new Map<Stage, boolean>();
    for (let si = 0; si < doc.stages.length; si++) {
      const stage = doc.stages[si]!;
      const parent = stage.image.stageRef;
      // One pass over the stage finds both keywords and the instructions to judge (most stages have none or one).
      const keywords = stage.keywords;
      // Native searches, not a JS loop over every keyword (which runs cold, in the interpreter).
      const judged = indicesOf(keywords, 'CMD', 'ENTRYPOINT');
      const hasCmd = keywords.includes('CMD');
      const hasEntrypoint = (parent ? entrypointAtEnd.get(parent) === true : false) || keywords.includes('ENTRYPOINT');
      entrypointAtEnd.set(stage, hasEntrypoint);
      for (let j = 0; j < judged.length; j++) {
        const ins = stage.instructions[judged[j]!]!;
        const kw = ins.getKeyword();
        // The shell Docker wraps shell form in: the last SHELL so far, else the platform default.
        const one = oneLineArguments(doc, ins);
        const argsRange = one !== undefined ? one.range : ins.getArgumentsRange();
        // dockerfile-ast keeps indented comment lines inside a continuation; Docker drops them.
        const content =
          one !== undefined ? one.content : (argsRange && argsRange.start.line !== argsRange.end.line ? continuedArguments(doc, argsRange) : ins.getArgumentsContent() ?? '').trim();
        if (!argsRange || content === '' || isExecForm(content)) continue;
        const shell = instructionShell(doc, ins);
        const keyRange = ins.getInstructionRange();
        const range = { start: keyRange.start, end: argsRange.end };
        // Comment lines inside a continuation would go with the replaced text: keep them above the instruction.
        const comments = argsRange.start.line === argsRange.end.line ? '' : commentLines(doc, argsRange);
        const lineStart = { line: keyRange.start.line, character: 0 };
        const replaced = { start: argsRange.start, end: replacedEnd(doc, argsRange, doc.escapeChar || '\\') };
        const replace = (title: string, words: string[], safe: boolean): Fix => ({
          title,
          edits: [
            ...(comments ? [{ range: { start: lineStart, end: lineStart }, newText: comments }] : []),
            { range: replaced, newText: toJsonArray(words) },
          ],
          safe,
        });
        // The exact text in the shell Docker would run it in: equivalent, the shell stays PID 1.
        const wrap = (): Fix => replace(`Convert to exec form through the shell: ${toJsonArray(shell.argv)}, …`, [...shell.argv, content], false);

        if (content.startsWith('[')) {
          // Looks like exec form but is not JSON (single quotes, trailing comma…): Docker runs
          // the text through the shell, which fails at start-up.
          const words = almostJson(content);
          ctx.report({
            range,
            message: `${kw} looks like exec form but is not a valid JSON array (single quotes? a trailing comma?), so Docker runs the text in shell form and it fails at start-up.`,
            fixes: words ? [replace('Rewrite as a valid JSON array', words, false)] : [],
          });
          continue;
        }

        if (!shell.posix) {
          // cmd and PowerShell have their own quoting, expansions (`%VAR%`, `$x`) and builtins or
          // aliases: the POSIX analysis and word split do not apply. Only the wrap is certain.
          ctx.report({
            range,
            message: `${kw} uses shell form: it runs through \`${shellText(shell.argv)}\` as ${shell.windows ? "the container's main process" : 'PID 1'}, so stop signals go to the shell, not to the program; exec form (a JSON array) runs the program directly.`,
            fixes: [wrap()],
          });
          continue;
        }

        const words = splitPlainCommand(content);
        // An ENTRYPOINT in exec form receives CMD (and `docker run` arguments) as arguments;
        // a CMD in exec form is passed to an ENTRYPOINT differently: only safe without the other.
        // Line continuations (and comment lines inside them) are resolved exactly, but stay conservative.
        const multiLine = argsRange.start.line !== argsRange.end.line;
        const contextSafe = !shell.custom && !multiLine && (kw === 'CMD' ? !hasEntrypoint : !hasCmd);
        const fixes: Fix[] = [];
        if (words) {
          fixes.push(replace('Convert to exec form (JSON array)', words, contextSafe));
        }
        fixes.push(wrap());
        ctx.report({
          range,
          message: words
            ? `${kw} uses shell form: \`${shell.argv.join(' ')}\` becomes PID 1 and does not forward signals such as SIGTERM; use exec form (a JSON array).`
            : `${kw} uses shell form with shell syntax: \`${shell.argv.join(' ')}\` becomes PID 1 and does not forward SIGTERM. Use exec form (e.g. an entrypoint script ending in \`exec "$@"\`, or \`${toJsonArray(shell.argv)}\` with \`exec\` before the program).`,
          fixes,
        });
      }
    }
  },
};
