// The command-level parser: splits shell text into simple commands joined by `&&` `||` `;` `&`
// `|`, tracks subshell / brace depth, attaches redirections and heredocs, and re-parses
// `sh -c '…'` scripts and heredoc scripts with exact document positions.
import { SHELLS, WRAPPERS_AND_SHELLS, baseName, scriptIndex, stripWrappers } from './commands';
import type { ExecWord } from './exec-form';
import { findHeredocBody, heredocIsScript } from './heredoc';
import { isMetaForTarget, PLAIN_WORD, readWord, runEnd, WordScan } from './lexer';
import { OffsetMap } from './offset-map';
import { Command, NO_REDIRECTS, WordSource } from './word';
import type { Connector, OffsetIndex, ShellCommand, ShellRedirect, ShellWord, Subshell } from './types';

/** Nested `sh -c` / heredoc scripts are re-parsed at most this deep, which bounds the work. */
const MAX_NESTING = 3;
/** Keywords that open or close compound commands at a command start; never commands themselves. */
const RESERVED_START = new Set(['if', 'then', 'else', 'elif', 'do', 'while', 'until', '!', '{', 'fi', 'done', 'esac', '}']);
const ASSIGNMENT = /^[A-Za-z_][A-Za-z0-9_]*\+?=/;
/** A quote before the first `=` of a word as written (`"A"=1` is not an assignment). */
const QUOTE_BEFORE_EQUALS = /^[^='"]*['"]/;
// The parts of WORD_END. Runs and names are followed by no character they could have taken, so
// a match that fails cannot backtrack into them (which could take exponential time).
const RUN = String.raw`[^ \t\r\n;&|()<>'"\\$\`]+(?![^ \t\r\n;&|()<>'"\\$\`])`;
const NAME = String.raw`\$[A-Za-z_][A-Za-z0-9_]*(?![A-Za-z0-9_])`;
const BRACED = String.raw`\$\{[^{}'"\\$\`]*\}`;
const DQ_RUN = String.raw`[^"\\$\`]+(?![^"\\$\`])`;
/**
 * A simple word: made of plain runs, `'…'`, `$NAME`, `${…}` with no quote, brace, `$` or escape
 * inside, and `"…"` holding only plain runs and those expansions, up to a blank, an operator or
 * the end. Each part ends where `readWord` would end it. Other words (escapes, `$(…)`,
 * backquotes, `$@`, unclosed quotes…) do not match.
 */
const SIMPLE_WORD = `(?:${RUN}|'[^']*'|"(?:${DQ_RUN}|${NAME}|${BRACED})*"|${NAME}|${BRACED})+(?=[ \\t\\r\\n;&|()<>]|$)`;
/**
 * A simple word and the simple words separated from it by blanks only, as far as they go: the
 * end of a span of words. Sticky. A word starting with `#` (a comment) or digits before `<` `>`
 * (a redirection) is not one.
 */
const WORDS_END = new RegExp(`${SIMPLE_WORD}(?:[ \\t\\r]+(?!#|[0-9]+[<>])${SIMPLE_WORD})*`, 'y');
/**
 * A redirection's file descriptor (digits) and its operator (longest first; the group). Sticky.
 * Redirections are few, so `redirect` mostly runs cold: one native match, not a closure call per
 * operator tried and a call per digit.
 */
const REDIRECT = /[0-9]*(<<<|<<-|&>>|<<|<>|<&|>>|>&|>\||&>|<|>)/y;
/** Blanks, sticky (for `runEnd`). */
const BLANK_RUN = /[ \t\r]*/y;

/** A heredoc whose body starts after the current line, and the index its command gets in the parser's output. */
interface PendingHeredoc {
  redirect: ShellRedirect;
  at: number;
}

/** A command being read; the command keeps it as its `CommandSpan`. */
interface Builder {
  /** The command's words are in the `count` spans recorded from `source.spans` span `first` on. */
  first: number;
  count: number;
  /** The first word's value: all `finish` needs of the words of most commands. */
  firstValue: string;
  /**
   * The first word, when `readWord` read it (it is then span `first`'s only word) and it has a
   * `=` after its first character: `finish` reads the words of such a command at once (see
   * `finishWithWords`), and its first word (`gnuArch="$(dpkg --print-architecture)"`) is often
   * the costliest to read.
   */
  firstWord: ShellWord | undefined;
  /** Created on the first redirection: most commands have none. */
  redirects: ShellRedirect[] | undefined;
  startIdx: number;
  endIdx: number;
}

/**
 * What every parser's `readWord` reads into: each read is used up before the next one starts
 * (nested parsers included), so one instance serves all rather than one per parse.
 */
const scan = new WordScan();

/** Turns shell text into simple commands; one instance per script (nested scripts get their own). */
export class Parser {
  // Fields are `declare`d and assigned once in the constructor: class fields (and parameter
  // properties) would each be defined first and then stored again, twice the work per parser.
  private declare pos: number;
  private declare readonly out: ShellCommand[];
  /** Heredoc redirections whose bodies start after the current line (created on the first: most scripts have none). */
  private declare pending: PendingHeredoc[] | undefined;
  private declare cur: Builder | undefined;
  private declare connector: Connector | '';
  private declare pipelineIndex: number;
  private declare pipelineId: number;
  private declare depth: number;
  /** Open `( … )` subshells (their ids) and brace groups (0), innermost last; created on the first. */
  private declare groups: number[] | undefined;
  /** See ShellCommand.subshell: the innermost open `( … )` subshell, or the base one. */
  private declare subshell: Subshell | undefined;
  /** Where the words are recorded (see WordSource). */
  private declare readonly source: WordSource;
  private declare readonly s: string;
  private declare readonly offs: OffsetMap;
  private declare readonly index: OffsetIndex;
  private declare readonly counter: { pipeline: number; shell: number };
  private declare readonly nesting: number;
  /** Stop at the first newline that is not followed by pending heredoc bodies. */
  private declare readonly singleLine: boolean;

  constructor(s: string, offs: OffsetMap, index: OffsetIndex, counter: { pipeline: number; shell: number }, nesting: number, baseDepth: number, singleLine: boolean, baseSubshell?: Subshell) {
    this.s = s;
    this.offs = offs;
    this.index = index;
    this.counter = counter;
    this.nesting = nesting;
    this.singleLine = singleLine;
    this.pos = 0;
    this.out = [];
    this.pending = undefined;
    this.cur = undefined;
    this.connector = '';
    this.pipelineIndex = 0;
    this.pipelineId = ++counter.pipeline;
    this.depth = baseDepth;
    this.groups = undefined;
    this.subshell = baseSubshell;
    this.source = new WordSource(s, offs, index);
  }

  parse(): ShellCommand[] {
    const s = this.s;
    const n = s.length;
    // The kind of each character comes from a table, not a chain of comparisons: until the JIT
    // has warmed up, each comparison is a call. Blanks, words and the operators most commands end
    // with are most of the text; the rest goes through one call, which keeps this loop small for
    // the JIT (each branch it has not taken yet when it compiles the loop would make the compiled
    // code bail out when taken). `pos` is a local between calls (blanks are most of the
    // iterations): `this.pos` only where a call reads or moves it.
    let pos = this.pos;
    while (pos < n) {
      const code = s.charCodeAt(pos);
      const kind = code < 128 ? KIND[code]! : Kind.Word;
      if (kind === Kind.Blank) {
        pos++;
        continue;
      }
      this.pos = pos;
      if (kind === Kind.Word) {
        this.word();
      } else {
        // `;`, `&&` and `||` end most commands: read here, not in a call per command. In a cold
        // run, each function warms up through thousands of slow calls before V8 optimizes it;
        // this loop gets there first (a CLI run: -5.4M instructions). The next character's code is
        // 0 past the end: `charCodeAt` out of bounds (NaN) would make the optimized code bail out.
        const next = pos + 1 < n ? s.charCodeAt(pos + 1) : 0;
        let op: Connector | undefined;
        if (kind === Kind.Semi) op = ';';
        else if (kind === Kind.Amp && next === AMP) op = '&&';
        else if (kind === Kind.Pipe && next === PIPE) op = '||';
        if (op !== undefined) {
          this.finish();
          this.pos = pos + (next === SEMI || op !== ';' ? 2 : 1);
          this.connector = op;
          this.pipelineId = ++this.counter.pipeline;
          this.pipelineIndex = 0;
        } else if (!this.special(kind, next)) {
          break;
        }
      }
      pos = this.pos;
    }
    this.finish();
    return this.out;
  }

  /**
   * Reads what starts at `pos`, a character of `kind` (not a blank, a word character, `;`, `&&`
   * or `||`) followed by one of code `next` (0 past the end); false to stop. Only a pipe and a
   * newline are read here, the rest in `other`: once this runs optimized, a case it had not seen
   * yet (a `#`, a lone `&`) would throw it back to the slow tiers to be compiled again, and each
   * case makes the compiled code larger.
   */
  private special(kind: Kind, next: number): boolean {
    if (kind === Kind.Pipe) {
      this.finish();
      this.pos += next === AMP ? 2 : 1;
      this.connector = '|';
      this.pipelineIndex++;
    } else if (kind === Kind.Newline) {
      this.finish();
      this.pos++;
      this.readHeredocBodies();
      this.separator('\n');
      // In a Dockerfile instruction, the first line (and its heredoc bodies) is all there is.
      return !this.singleLine;
    } else {
      this.other(kind);
    }
    return true;
  }

  /** `special` for the other kinds (all but a blank, a word character, a newline, `;`, `&&` and `|`). */
  private other(kind: Kind): void {
    const s = this.s;
    switch (kind) {
      case Kind.Backslash: {
        // In bounds only (see `parse`).
        const next = this.pos + 1 < s.length ? s.charCodeAt(this.pos + 1) : 0;
        if (next === LF) this.pos += 2;
        else if (next === CR && this.pos + 2 < s.length && s.charCodeAt(this.pos + 2) === LF) this.pos += 3;
        else this.word();
        break;
      }
      case Kind.Hash: {
        const lineBreak = s.indexOf('\n', this.pos);
        this.pos = lineBreak < 0 ? s.length : lineBreak;
        break;
      }
      case Kind.Amp: {
        // Not `&&` (see `parse`).
        const next = s[this.pos + 1];
        if (next === '>') this.redirect();
        else this.separate(next === ';' ? 2 : 1, '&');
        break;
      }
      case Kind.Open:
        if (this.cur && this.cur.count > 0) {
          // `name() {` function definitions or `=(` arrays: swallow the parentheses.
          this.pos++;
          break;
        }
        this.finish();
        this.depth++;
        this.openGroup(++this.counter.shell);
        this.pos++;
        break;
      case Kind.Close:
        this.finish();
        this.depth = Math.max(0, this.depth - 1);
        this.closeGroup(true);
        this.pos++;
        break;
      case Kind.Angle:
        // `<(…)` / `>(…)` is a word (process substitution); otherwise a redirection.
        if (s[this.pos + 1] === '(') this.word();
        else this.redirect();
        break;
      default: // Kind.Digit
        if (this.fdRedirect()) this.redirect();
        else this.word();
    }
  }

  /** Ends the command at the `length` characters of an operator that starts a new pipeline. */
  private separate(length: number, op: Connector): void {
    this.finish();
    this.pos += length;
    this.connector = op;
    this.pipelineId = ++this.counter.pipeline;
    this.pipelineIndex = 0;
  }

  private separator(op: Connector): void {
    this.connector = op;
    this.pipelineId = ++this.counter.pipeline;
    this.pipelineIndex = 0;
  }

  /** `2>`, `10>&`: digits immediately followed by a redirection operator, at a word start. */
  private fdRedirect(): boolean {
    let i = this.pos;
    while (i < this.s.length && /[0-9]/.test(this.s[i]!)) i++;
    return this.s[i] === '<' || this.s[i] === '>';
  }

  private builder(): Builder {
    if (!this.cur) this.cur = { first: this.source.spans.length / 2, count: 0, firstValue: '', firstWord: undefined, redirects: undefined, startIdx: this.pos, endIdx: this.pos };
    return this.cur;
  }

  private redirect(): void {
    const s = this.s;
    const b = this.builder();
    const start = this.pos;
    REDIRECT.lastIndex = start;
    const m = REDIRECT.exec(s);
    // (Defensive: callers only call it where an operator follows the digits, see `fdRedirect`.)
    const op = m === null ? s[start]! : m[1]!;
    const i = m === null ? start + 1 : REDIRECT.lastIndex;
    this.pos = runEnd(BLANK_RUN, s, i);
    let target: ShellWord | undefined;
    if (this.pos < s.length && !isMetaForTarget(s[this.pos]!)) {
      const targetIdx = this.pos;
      target = this.source.word(targetIdx, this.readWord());
    }
    const redirect: ShellRedirect = { op: s.slice(start, i), target };
    (b.redirects ??= []).push(redirect);
    b.endIdx = target ? this.pos : i;
    if ((op === '<<' || op === '<<-') && target) {
      redirect.heredoc = {
        delimiter: target.value,
        quoted: target.quoted,
        stripTabs: op === '<<-',
        body: '',
        bodyStart: 0,
        bodyEnd: 0,
        script: false,
      };
      // Its command is the next one pushed: a command with a redirection is always pushed (never
      // dropped as a reserved word), and nothing else is pushed before its `finish`.
      (this.pending ??= []).push({ redirect, at: this.out.length });
    }
  }

  private readHeredocBodies(): void {
    // Called at every line break; almost always there is nothing to read.
    const pending = this.pending;
    if (pending === undefined) return;
    this.pending = undefined;
    const s = this.s;
    // Heredoc bodies to parse as scripts once all bodies of the line are read.
    const scripts: { s: string; offs: OffsetMap }[] = [];
    for (const { redirect, at } of pending) {
      const h = redirect.heredoc!;
      const bodyStartIdx = this.pos;
      const { bodyEndIdx, next } = findHeredocBody(s, bodyStartIdx, h.delimiter, h.stripTabs);
      h.body = s.slice(bodyStartIdx, bodyEndIdx);
      h.bodyStart = this.source.startOffset(bodyStartIdx);
      h.bodyEnd = bodyEndIdx > bodyStartIdx ? this.source.endOffset(bodyEndIdx) : h.bodyStart;
      this.pos = next;
      // By its index, not a search of every command so far for each heredoc.
      const cmd = this.out[at];
      if (cmd && heredocIsScript(cmd, redirect) && this.nesting < MAX_NESTING) {
        h.script = true;
        scripts.push({ s: h.body, offs: this.offs.slice(bodyStartIdx, bodyEndIdx) });
      }
    }
    for (const sc of scripts) this.nested(sc.s, sc.offs);
  }

  /** Opens a `( … )` subshell (its id) or a brace group (0). */
  private openGroup(id: number): void {
    (this.groups ??= []).push(id);
    if (id !== 0) this.subshell = { id, parent: this.subshell };
  }

  /** Closes the innermost group if it is a subshell (`)`) or a brace group (`}`); a stray one is ignored. */
  private closeGroup(subshell: boolean): void {
    const groups = this.groups;
    const top = groups?.[groups.length - 1];
    if (top === undefined || (top !== 0) !== subshell) return;
    groups!.pop();
    // A subshell on top of `groups` is one this parser opened: `this.subshell`.
    if (subshell) this.subshell = this.subshell!.parent;
  }

  private nested(text: string, offs: OffsetMap): void {
    const p = new Parser(text, offs, this.index, this.counter, this.nesting + 1, this.depth + 1, false, { id: ++this.counter.shell, parent: this.subshell });
    for (const c of p.parse()) {
      c.nested = true; // the nested parser's own commands: marking them in place is safe
      this.out.push(c);
    }
  }

  private word(): void {
    const s = this.s;
    const startIdx = this.pos;
    const b = (this.cur ??= { first: this.source.spans.length / 2, count: 0, firstValue: '', firstWord: undefined, redirects: undefined, startIdx, endIdx: startIdx });
    if (b.count > 0) {
      // After the first word, only where words are is recorded (they are made when read): one
      // regex finds where this word ends, and the simple words after it.
      WORDS_END.lastIndex = startIdx;
      if (WORDS_END.test(s)) {
        this.pos = b.endIdx = WORDS_END.lastIndex;
        this.source.spans.push(startIdx, this.pos);
        b.count++;
        return;
      }
    } else {
      // The first word's value is needed: a plain word (most are) is its text.
      PLAIN_WORD.lastIndex = startIdx;
      if (PLAIN_WORD.test(s)) {
        const end = PLAIN_WORD.lastIndex;
        const value = s.slice(startIdx, end);
        if (b.redirects === undefined && RESERVED_START.has(value)) {
          this.pos = end;
          this.reservedWord(value);
          return;
        }
        b.firstValue = value;
        this.pos = b.endIdx = end;
        this.source.spans.push(startIdx, end);
        b.count++;
        // Most commands go on after one space with simple words: read them now, not on the parse
        // loop's next two turns (the blank, then this call again).
        // (`charCodeAt` in bounds only: see `parse`.)
        if (end + 1 < s.length && s.charCodeAt(end) === 32) {
          const next = s.charCodeAt(end + 1);
          if (next >= 128 || KIND[next] === Kind.Word) {
            WORDS_END.lastIndex = end + 1;
            if (WORDS_END.test(s)) {
              this.pos = b.endIdx = WORDS_END.lastIndex;
              this.source.spans.push(end + 1, this.pos);
              b.count++;
            } else {
              this.pos = end + 1;
            }
          }
        }
        return;
      }
    }
    this.readOtherWord(b, startIdx);
  }

  /**
   * `word` for a word its regexes do not read (quotes, escapes, `$(…)`…). Out of line: `word`'s
   * bytecode stays small, and V8 optimizes it after fewer calls (a CLI run: -2.7M instructions).
   */
  private readOtherWord(b: Builder, startIdx: number): void {
    const w = this.readWord();
    if (w.endIdx === startIdx) {
      // Defensive: never loop without progress.
      this.pos++;
      return;
    }
    if (b.count === 0) {
      if (b.redirects === undefined && !w.quoted && RESERVED_START.has(w.value)) {
        this.reservedWord(w.value);
        return;
      }
      b.firstValue = w.value;
      // Made now, from this read, rather than read again by `finishWithWords` (see Builder.firstWord).
      if (w.value.indexOf('=') > 0) b.firstWord = this.source.word(startIdx, w);
    }
    this.source.spans.push(startIdx, w.endIdx);
    b.count++;
    b.endIdx = w.endIdx;
  }

  /**
   * An unquoted reserved word at the start of a command (before any redirection): it opens or
   * closes a compound command and is no word of it.
   */
  private reservedWord(value: string): void {
    if (value === '{') {
      this.depth++;
      this.openGroup(0);
    } else if (value === '}' || value === 'fi' || value === 'done' || value === 'esac') {
      this.depth = Math.max(0, this.depth - (value === '}' ? 1 : 0));
      if (value === '}') this.closeGroup(false);
    }
    this.cur = undefined;
  }

  /** Reads the word at `pos` and moves past it; the result is only valid until the next read. */
  private readWord(): WordScan {
    const w = readWord(this.s, this.pos, scan);
    this.pos = w.endIdx;
    return w;
  }

  /** The word's value with the document offset of each of its characters. */
  private valueWithOffsets(w: ShellWord): { value: string; offs: OffsetMap } {
    // Words do not keep their text index (few are scripts): recover it from the document offset.
    const segs: number[] = [];
    const { value } = readWord(this.s, this.offs.indexOf(w.start), scan, segs);
    const offs = new OffsetMap();
    for (let j = 0; j < segs.length; j += 2) offs.append(this.offs, segs[j]!, segs[j + 1]!);
    return { value, offs };
  }

  private finish(): void {
    const b = this.cur;
    this.cur = undefined;
    if (!b || (b.count === 0 && b.redirects === undefined)) return;
    const redirects = b.redirects ?? NO_REDIRECTS;
    // Most commands start with their program: no assignment (no `=`), no wrapper, and no shell
    // whose script to parse. Nothing else needs their words now: they are made when read.
    // `baseName`, written out: a call less per command.
    const first = b.firstValue;
    const name0 = first.indexOf('/') < 0 ? first : first.slice(first.lastIndexOf('/') + 1);
    if (b.count > 0 && first.indexOf('=') <= 0 && !WRAPPERS_AND_SHELLS.has(name0)) {
      this.out.push(new Command(this.source, b, name0, redirects, this.pipelineId, this.pipelineIndex, this.connector, this.depth, this.subshell));
      return;
    }
    // Out of line: it keeps `finish` small to compile, and its own branches out of `finish`'s code.
    this.finishWithWords(b, redirects);
  }

  /** `finish` for a command whose words are needed now: assignments, wrappers, `sh -c`. */
  private finishWithWords(b: Builder, redirects: readonly ShellRedirect[]): void {
    const words = this.source.words(b.first, b.count, b.firstWord);
    let i = 0;
    while (i < words.length && isAssignment(words[i]!)) i++;
    // New arrays, not scratch ones emptied by setting their `length`: that is a runtime call, which
    // made 0.8% of a warm engine pass (two per command here); a new array is allocated inline.
    const assignments = i > 0 ? words.slice(0, i) : [];
    const wrappers: ShellWord[] = [];
    const argvStart = stripWrappers(words, i, wrappers, assignments);
    // Usually nothing precedes the command: share the array (commands are read-only).
    const argv = argvStart === 0 ? words : words.slice(argvStart);
    const name = argv[0] ? baseName(argv[0].value) : '';
    const cmd = new Command(this.source, b, name, redirects, this.pipelineId, this.pipelineIndex, this.connector, this.depth, this.subshell);
    cmd.withWords(words, assignments, wrappers, argv);
    this.out.push(cmd);
    // `sh -c 'script'`: parse the script too, with exact positions.
    if (SHELLS.has(cmd.name) && this.nesting < MAX_NESTING) {
      const at = scriptIndex(argv);
      if (at > 0) {
        const { value, offs } = this.valueWithOffsets(argv[at]!);
        this.nested(value, offs);
      }
    }
  }
}

/**
 * What a character is to the parse loop (ASCII only; every other character is a word character).
 * A const enum: the switch cases are number literals, which V8 turns into a jump table.
 */
const enum Kind {
  Word,
  Blank,
  Backslash,
  Hash,
  Newline,
  Amp,
  Pipe,
  Semi,
  Open,
  Close,
  Angle,
  Digit,
}
const LF = 10;
const CR = 13;
const AMP = 38;
const SEMI = 59;
const PIPE = 124;
const KIND = new Uint8Array(128); // Kind.Word (0) by default
for (const c of ' \t\r') KIND[c.charCodeAt(0)] = Kind.Blank;
for (const c of '0123456789') KIND[c.charCodeAt(0)] = Kind.Digit;
for (const [c, k] of [['\\', Kind.Backslash], ['#', Kind.Hash], ['\n', Kind.Newline], ['&', Kind.Amp], ['|', Kind.Pipe], [';', Kind.Semi], ['(', Kind.Open], [')', Kind.Close], ['<', Kind.Angle], ['>', Kind.Angle]] as const) KIND[c.charCodeAt(0)] = k;
const NO_COMMANDS: readonly ShellCommand[] = [];

/** `NAME=value` / `NAME+=value` with the name unquoted. */
function isAssignment(w: ShellWord): boolean {
  // Most words have no `=` at all: rule them out before the regexes.
  return w.value.indexOf('=') > 0 && ASSIGNMENT.test(w.value) && !QUOTE_BEFORE_EQUALS.test(w.raw);
}

/** Parses a shell script that starts at document offset `baseOffset`. Never throws. */
export function parseShell(text: string, index: OffsetIndex, baseOffset = 0): ShellCommand[] {
  try {
    return new Parser(text, OffsetMap.identity(baseOffset, text.length), index, { pipeline: 0, shell: 0 }, 0, 0, false).parse();
  } catch {
    return [];
  }
}

/**
 * The `-c` script of an exec-form shell (`["sh", "-c", "…"]`: `name` and `argv` without wrappers, as
 * exec-form words), parsed with exact positions as nested commands; [] when it runs no script.
 */
export function parseExecScript(name: string, argv: readonly ShellWord[], index: OffsetIndex): readonly ShellCommand[] {
  if (!SHELLS.has(name)) return NO_COMMANDS;
  const at = scriptIndex(argv);
  if (at < 0) return NO_COMMANDS;
  const script = argv[at] as ExecWord;
  const commands = new Parser(script.value, script.valueOffs, index, { pipeline: 1, shell: 1 }, 1, 1, false, { id: 1, parent: undefined }).parse();
  for (const c of commands) c.nested = true;
  return commands;
}
