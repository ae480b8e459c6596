// A small, forgiving shell parser for Dockerfile RUN instructions (and `ONBUILD RUN`).
//
// It turns a RUN's script into simple commands whose words carry their unquoted value and
// the exact document range of the word as written. It understands what real Dockerfiles use:
// quotes and escapes, `&&` `||` `;` `&` `|` (pipelines are recorded), subshells and braces
// (loosely), Dockerfile line continuations (with the `# escape=` character) and the comment
// lines Docker strips inside them, heredocs (`RUN <<EOF` runs the body as the script;
// `RUN cat <<EOF > file` is data), `FOO=1 cmd` assignments, wrappers such as `sudo`, `env`,
// `xargs`, and `sh -c '…'` (its script is parsed too), and the JSON exec form.
//
// Variables are kept as written (`pkg=$VERSION` stays `pkg=$VERSION`). The parser never
// throws and runs in linear time: every character is visited a bounded number of times
// (nested `sh -c` scripts are re-parsed at most MAX_NESTING levels deep).
import type { Instruction, Onbuild } from 'dockerfile-ast';
import type { Range } from '../types';
import type { DockerfileDoc, Stage } from './model';

export interface ShellWord {
  /** The word with quotes removed and escapes resolved; `$VAR`, `$(…)` stay as written. */
  value: string;
  /** The word as written (after Dockerfile line continuations are removed). */
  raw: string;
  /** Exact document range of the word as written. */
  range: Range;
  /** Document offsets of the word as written. */
  start: number;
  end: number;
  /** Some part of the word was quoted or escaped. */
  quoted: boolean;
  /** The word contains a parameter expansion, command substitution or backquote. */
  expansion: boolean;
}

export interface ShellRedirect {
  /** `>`, `>>`, `<`, `<<`, `<<-`, `<<<`, `>&`, `&>`, `2>` … (file descriptor included). */
  op: string;
  target: ShellWord | undefined;
  heredoc?: ShellHeredoc;
}

export interface ShellHeredoc {
  delimiter: string;
  /** `<<'EOF'` / `<<"EOF"`: no expansion in the body. */
  quoted: boolean;
  /** `<<-EOF`: leading tabs are stripped. */
  stripTabs: boolean;
  body: string;
  /** Document offsets of the body (without the delimiter line). */
  bodyStart: number;
  bodyEnd: number;
  /** The body was parsed as a shell script (`RUN <<EOF`, `RUN bash <<EOF`). */
  script: boolean;
}

export type Connector = '&&' | '||' | ';' | '&' | '|' | '\n';

export interface ShellCommand {
  /** Every word of the simple command as written, redirections excluded. */
  words: ShellWord[];
  /** Leading `NAME=value` words (and `env NAME=value`). */
  assignments: ShellWord[];
  /** Wrapper words skipped to find the real command (`sudo`, `env`, `xargs -n1` …). */
  wrappers: ShellWord[];
  /** The effective command and its arguments. */
  argv: ShellWord[];
  /** Base name of `argv[0]` (`/usr/bin/apt-get` → `apt-get`), '' when there is none. */
  name: string;
  redirects: ShellRedirect[];
  /** Commands with the same pipeline id are connected with `|`. */
  pipeline: number;
  /** Position in the pipeline (0 = first). */
  pipelineIndex: number;
  /** The operator before this command ('' for the first command of a script). */
  connector: Connector | '';
  /** Subshell / brace / `sh -c` / heredoc-script nesting depth. */
  depth: number;
  /** The command came from a nested script (`sh -c '…'` or a heredoc script). */
  nested: boolean;
  range: Range;
}

export interface RunScript {
  /** The RUN instruction, or the ONBUILD whose trigger it is. */
  instruction: Instruction;
  onbuild: boolean;
  form: 'shell' | 'exec';
  /** `--mount=…`, `--network=…` … words before the command. */
  flags: ShellWord[];
  /** The RUN is only a heredoc whose body is the script (`RUN <<EOF`). */
  heredocScript: boolean;
  commands: ShellCommand[];
}

const MAX_NESTING = 3;
const SHELLS = new Set(['sh', 'bash', 'ash', 'dash', 'zsh', 'ksh', 'mksh', 'busybox-sh']);
const RESERVED_START = new Set(['if', 'then', 'else', 'elif', 'do', 'while', 'until', '!', '{', 'fi', 'done', 'esac', '}']);

interface RawWord {
  value: string;
  /**
   * Where the value's characters come from: flat `[from, to)` index pairs into the parser's
   * text, in order (most words have one). Per-character document offsets are only built when
   * a nested script needs them (`valueOffsOf`), which keeps allocation per word small.
   */
  segs: number[];
  startIdx: number;
  endIdx: number;
  quoted: boolean;
  expansion: boolean;
}

interface PendingHeredoc {
  redirect: ShellRedirect;
  command: Builder;
}

interface Builder {
  words: RawWord[];
  redirects: ShellRedirect[];
  startIdx: number;
  endIdx: number;
}

function isBlank(c: string): boolean {
  return c === ' ' || c === '\t' || c === '\r';
}

function isMeta(c: string): boolean {
  return c === ' ' || c === '\t' || c === '\r' || c === '\n' || c === ';' || c === '&' || c === '|' || c === '(' || c === ')' || c === '<' || c === '>';
}

/** Characters `readWord` treats specially outside quotes (besides the metacharacters). */
function isWordSpecial(c: string): boolean {
  return c === "'" || c === '"' || c === '\\' || c === '$' || c === '`';
}

/** Characters `readWord` treats specially inside double quotes. */
function isDqSpecial(c: string): boolean {
  return c === '"' || c === '\\' || c === '$' || c === '`';
}

function isNameChar(c: string | undefined): boolean {
  return c !== undefined && /[A-Za-z0-9_]/.test(c);
}

function baseName(v: string): string {
  const i = v.lastIndexOf('/');
  return i >= 0 ? v.slice(i + 1) : v;
}

/** Position mapper from document offsets to ranges (a TextIndex or anything alike). */
export interface OffsetIndex {
  rangeOf(startOffset: number, endOffset: number): Range;
}

class Parser {
  private pos = 0;
  private readonly out: ShellCommand[] = [];
  private pending: PendingHeredoc[] = [];
  private cur: Builder | undefined;
  private connector: Connector | '' = '';
  private pipelineIndex = 0;
  private pipelineId: number;
  private depth: number;
  /** Heredoc bodies to parse as scripts once the command is complete. */
  private scripts: { heredoc: ShellHeredoc; s: string; offs: number[] }[] = [];

  constructor(
    private readonly s: string,
    private readonly offs: number[],
    private readonly index: OffsetIndex,
    private readonly counter: { pipeline: number },
    private readonly nesting: number,
    baseDepth: number,
    /** Stop at the first newline that is not followed by pending heredoc bodies. */
    private readonly singleLine: boolean,
  ) {
    this.depth = baseDepth;
    this.pipelineId = ++counter.pipeline;
  }

  /** Document offset just after character `i - 1`. */
  private endOffset(i: number): number {
    if (i <= 0) return this.offs[0] ?? 0;
    return (this.offs[i - 1] ?? 0) + 1;
  }

  private startOffset(i: number): number {
    return this.offs[Math.min(i, this.offs.length - 1)] ?? 0;
  }

  parse(): ShellCommand[] {
    const s = this.s;
    const n = s.length;
    while (this.pos < n) {
      const c = s[this.pos]!;
      if (isBlank(c)) {
        this.pos++;
        continue;
      }
      if (c === '\\' && s[this.pos + 1] === '\n') {
        this.pos += 2;
        continue;
      }
      if (c === '\\' && s[this.pos + 1] === '\r' && s[this.pos + 2] === '\n') {
        this.pos += 3;
        continue;
      }
      if (c === '#') {
        while (this.pos < n && s[this.pos] !== '\n') this.pos++;
        continue;
      }
      if (c === '\n') {
        this.finish();
        this.pos++;
        this.readHeredocBodies();
        this.separator('\n');
        // In a Dockerfile instruction, the first line (and its heredoc bodies) is all there is.
        if (this.singleLine) break;
        continue;
      }
      if ((c === '&' || c === '|') && s[this.pos + 1] === c) {
        this.finish();
        this.pos += 2;
        this.separator(c === '&' ? '&&' : '||');
        continue;
      }
      if (c === '&' && s[this.pos + 1] === '>') {
        this.redirect();
        continue;
      }
      if (c === '|') {
        this.finish();
        this.pos += s[this.pos + 1] === '&' ? 2 : 1;
        this.connector = '|';
        this.pipelineIndex++;
        continue;
      }
      if (c === ';' || c === '&') {
        this.finish();
        this.pos += s[this.pos + 1] === ';' ? 2 : 1;
        this.separator(c);
        continue;
      }
      if (c === '(') {
        if (this.cur && this.cur.words.length > 0) {
          // `name() {` function definitions or `=(` arrays: swallow the parentheses.
          this.pos++;
          continue;
        }
        this.finish();
        this.depth++;
        this.pos++;
        continue;
      }
      if (c === ')') {
        this.finish();
        this.depth = Math.max(0, this.depth - 1);
        this.pos++;
        continue;
      }
      if ((c === '<' || c === '>') && s[this.pos + 1] === '(') {
        this.word();
        continue;
      }
      if (c === '<' || c === '>' || (/[0-9]/.test(c) && this.fdRedirect())) {
        this.redirect();
        continue;
      }
      this.word();
    }
    this.finish();
    return this.out;
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
    if (!this.cur) this.cur = { words: [], redirects: [], startIdx: this.pos, endIdx: this.pos };
    return this.cur;
  }

  private redirect(): void {
    const s = this.s;
    const b = this.builder();
    const start = this.pos;
    let i = this.pos;
    while (/[0-9]/.test(s[i] ?? '')) i++;
    const ops = ['<<<', '<<-', '&>>', '<<', '<>', '<&', '>>', '>&', '>|', '&>', '<', '>'];
    const op = ops.find((o) => s.startsWith(o, i)) ?? s[i]!;
    i += op.length;
    this.pos = i;
    while (this.pos < s.length && isBlank(s[this.pos]!)) this.pos++;
    let target: RawWord | undefined;
    if (this.pos < s.length && !isMetaForTarget(s[this.pos]!)) target = this.readWord();
    const redirect: ShellRedirect = { op: s.slice(start, i), target: target ? this.toWord(target) : undefined };
    b.redirects.push(redirect);
    b.endIdx = target ? target.endIdx : i;
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
      this.pending.push({ redirect, command: b });
    }
  }

  private readHeredocBodies(): void {
    const s = this.s;
    const n = s.length;
    for (const p of this.pending) {
      const h = p.redirect.heredoc!;
      const bodyStartIdx = this.pos;
      let bodyEndIdx = n;
      let next = n;
      while (this.pos < n) {
        let e = s.indexOf('\n', this.pos);
        if (e < 0) e = n;
        let line = s.slice(this.pos, e);
        if (line.endsWith('\r')) line = line.slice(0, -1);
        if (h.stripTabs) line = line.replace(/^\t+/, '');
        if (line === h.delimiter) {
          bodyEndIdx = this.pos;
          next = e < n ? e + 1 : e;
          break;
        }
        this.pos = e < n ? e + 1 : e;
      }
      if (bodyEndIdx === n) next = n;
      h.body = s.slice(bodyStartIdx, bodyEndIdx);
      h.bodyStart = this.startOffset(bodyStartIdx);
      h.bodyEnd = bodyEndIdx > bodyStartIdx ? this.endOffset(bodyEndIdx) : h.bodyStart;
      this.pos = next;
      const cmd = this.out.find((c) => c.redirects.includes(p.redirect));
      if (cmd && heredocIsScript(cmd, p.redirect) && this.nesting < MAX_NESTING) {
        h.script = true;
        this.scripts.push({ heredoc: h, s: h.body, offs: this.offs.slice(bodyStartIdx, bodyEndIdx) });
      }
    }
    this.pending = [];
    for (const sc of this.scripts) this.nested(sc.s, sc.offs);
    this.scripts = [];
  }

  private nested(text: string, offs: number[]): void {
    const p = new Parser(text, offs, this.index, this.counter, this.nesting + 1, this.depth + 1, false);
    for (const c of p.parse()) this.out.push({ ...c, nested: true });
  }

  private word(): void {
    const b = this.builder();
    const w = this.readWord();
    if (w.endIdx === w.startIdx) {
      // Defensive: never loop without progress.
      this.pos++;
      return;
    }
    // Reserved words at the start of a command open/close compound commands.
    if (b.words.length === 0 && b.redirects.length === 0 && !w.quoted && RESERVED_START.has(w.value)) {
      if (w.value === '{') this.depth++;
      else if (w.value === '}' || w.value === 'fi' || w.value === 'done' || w.value === 'esac') this.depth = Math.max(0, this.depth - (w.value === '}' ? 1 : 0));
      this.cur = undefined;
      return;
    }
    b.words.push(w);
    b.endIdx = w.endIdx;
  }

  private readWord(): RawWord {
    const s = this.s;
    const n = s.length;
    const startIdx = this.pos;
    let value = '';
    const segs: number[] = [];
    let quoted = false;
    let expansion = false;
    const add = (from: number, to: number): void => {
      if (to <= from) return;
      value += s.slice(from, to);
      const last = segs.length - 1;
      if (last > 0 && segs[last] === from) segs[last] = to;
      else segs.push(from, to);
    };
    // Process substitution `<(…)` / `>(…)` at a word start.
    if ((s[this.pos] === '<' || s[this.pos] === '>') && s[this.pos + 1] === '(') {
      const from = this.pos;
      this.pos = skipBalanced(s, this.pos + 1, '(', ')');
      add(from, this.pos);
      expansion = true;
    }
    while (this.pos < n) {
      const c = s[this.pos]!;
      if (isMeta(c)) break;
      if (c === "'") {
        quoted = true;
        const close = s.indexOf("'", this.pos + 1);
        const end = close < 0 ? n : close;
        add(this.pos + 1, end);
        this.pos = close < 0 ? n : close + 1;
        continue;
      }
      if (c === '"') {
        quoted = true;
        this.pos++;
        while (this.pos < n && s[this.pos] !== '"') {
          const d = s[this.pos]!;
          if (d === '\\' && this.pos + 1 < n) {
            const e = s[this.pos + 1]!;
            if (e === '\n') {
              this.pos += 2;
              continue;
            }
            if (e === '$' || e === '`' || e === '"' || e === '\\') {
              add(this.pos + 1, this.pos + 2);
              this.pos += 2;
              continue;
            }
            add(this.pos, this.pos + 2);
            this.pos += 2;
            continue;
          }
          if (d === '$' || d === '`') {
            const from = this.pos;
            this.pos = this.skipExpansion();
            if (this.pos > from + 1 || d === '`') expansion = true;
            add(from, this.pos);
            continue;
          }
          // A run of plain characters inside the quotes, added at once.
          let e = this.pos + 1;
          while (e < n && !isDqSpecial(s[e]!)) e++;
          add(this.pos, e);
          this.pos = e;
        }
        this.pos = Math.min(n, this.pos + 1);
        continue;
      }
      if (c === '\\') {
        quoted = true;
        if (s[this.pos + 1] === '\n') {
          this.pos += 2;
          continue;
        }
        if (this.pos + 1 < n) add(this.pos + 1, this.pos + 2);
        this.pos += 2;
        continue;
      }
      if (c === '$' && s[this.pos + 1] === "'") {
        quoted = true;
        let k = this.pos + 2;
        while (k < n && s[k] !== "'") k += s[k] === '\\' ? 2 : 1;
        add(this.pos + 2, Math.min(k, n));
        this.pos = Math.min(n, k + 1);
        continue;
      }
      if (c === '$' || c === '`') {
        const from = this.pos;
        this.pos = this.skipExpansion();
        if (this.pos > from + 1 || c === '`') expansion = true;
        add(from, this.pos);
        continue;
      }
      // A run of plain characters, added at once (same result as one at a time).
      let e = this.pos + 1;
      while (e < n && !isMeta(s[e]!) && !isWordSpecial(s[e]!)) e++;
      add(this.pos, e);
      this.pos = e;
    }
    return { value, segs, startIdx, endIdx: this.pos, quoted, expansion };
  }

  /** At `$` or a backquote: the index after the expansion (`$x`, `${…}`, `$(…)`, `` `…` ``). */
  private skipExpansion(): number {
    const s = this.s;
    const i = this.pos;
    if (s[i] === '`') {
      let k = i + 1;
      while (k < s.length && s[k] !== '`') k += s[k] === '\\' ? 2 : 1;
      return Math.min(s.length, k + 1);
    }
    const d = s[i + 1];
    if (d === '(') return skipBalanced(s, i + 1, '(', ')');
    if (d === '{') return skipBalanced(s, i + 1, '{', '}');
    if (isNameChar(d)) {
      let k = i + 1;
      while (k < s.length && isNameChar(s[k])) k++;
      return k;
    }
    if (d !== undefined && '@*#?$!-'.includes(d)) return i + 2;
    return i + 1;
  }

  /** Document offset of each character of a word's value. */
  private valueOffsOf(w: RawWord): number[] {
    const out: number[] = [];
    for (let j = 0; j < w.segs.length; j += 2) {
      for (let k = w.segs[j]!; k < w.segs[j + 1]!; k++) out.push(this.offs[k] ?? 0);
    }
    return out;
  }

  private toWord(w: RawWord): ShellWord {
    const start = this.startOffset(w.startIdx);
    const end = Math.max(start, this.endOffset(w.endIdx));
    return {
      value: w.value,
      raw: this.s.slice(w.startIdx, w.endIdx),
      range: this.index.rangeOf(start, end),
      start,
      end,
      quoted: w.quoted,
      expansion: w.expansion,
    };
  }

  private finish(): void {
    const b = this.cur;
    this.cur = undefined;
    if (!b || (b.words.length === 0 && b.redirects.length === 0)) return;
    const words = b.words.map((w) => this.toWord(w));
    let i = 0;
    const assignments: ShellWord[] = [];
    while (i < words.length && /^[A-Za-z_][A-Za-z0-9_]*\+?=/.test(b.words[i]!.value) && !/^[^=]*['"]/.test(words[i]!.raw.split('=')[0]!)) {
      assignments.push(words[i]!);
      i++;
    }
    const { wrappers, argvStart, envAssignments } = stripWrappers(words, i);
    assignments.push(...envAssignments);
    const argv = words.slice(argvStart);
    const start = this.startOffset(b.startIdx);
    const end = Math.max(start, this.endOffset(b.endIdx));
    const cmd: ShellCommand = {
      words,
      assignments,
      wrappers,
      argv,
      name: argv[0] ? baseName(argv[0].value) : '',
      redirects: b.redirects,
      pipeline: this.pipelineId,
      pipelineIndex: this.pipelineIndex,
      connector: this.connector,
      depth: this.depth,
      nested: false,
      range: this.index.rangeOf(start, end),
    };
    this.out.push(cmd);
    // `sh -c 'script'`: parse the script too, with exact positions.
    if (SHELLS.has(cmd.name) && this.nesting < MAX_NESTING) {
      const ci = argvStart + argv.findIndex((w, k) => k > 0 && /^-[A-Za-z]*c[A-Za-z]*$/.test(w.value));
      if (ci >= argvStart + 1) {
        const raw = b.words[ci + 1];
        if (raw) this.nested(raw.value, this.valueOffsOf(raw));
      }
    }
  }
}

function isMetaForTarget(c: string): boolean {
  return c === '\n' || c === ';' || c === '|' || c === '&' || c === ')' || c === '(';
}

/** Index after the bracket matching the one at `i` (quote-aware, forgiving when unbalanced). */
function skipBalanced(s: string, i: number, open: string, close: string): number {
  let depth = 0;
  let k = i;
  const n = s.length;
  while (k < n) {
    const c = s[k]!;
    if (c === '\\') {
      k += 2;
      continue;
    }
    if (c === "'" && open === '(') {
      const e = s.indexOf("'", k + 1);
      k = e < 0 ? n : e + 1;
      continue;
    }
    if (c === '"') {
      k++;
      while (k < n && s[k] !== '"') k += s[k] === '\\' ? 2 : 1;
      k++;
      continue;
    }
    if (c === open) depth++;
    else if (c === close) {
      depth--;
      if (depth === 0) return k + 1;
    }
    k++;
  }
  return n;
}

/** Whether a heredoc redirect feeds a script to a shell (`bash <<EOF`, `sh -eux <<'EOF'`). */
function heredocIsScript(cmd: ShellCommand, r: ShellRedirect): boolean {
  if (r.op.replace(/^[0-9]+/, '').startsWith('<<') === false) return false;
  const fd = /^([0-9]+)/.exec(r.op)?.[1];
  if (fd !== undefined && fd !== '0') return false;
  if (!SHELLS.has(cmd.name)) return false;
  // `sh -c '…' <<EOF`: stdin is data for the -c script; `bash script.sh <<EOF`: data too.
  return !cmd.argv.slice(1).some((w) => !w.value.startsWith('-') || /^-[A-Za-z]*c[A-Za-z]*$/.test(w.value));
}

const OPTS_WITH_ARG: Record<string, Set<string>> = {
  sudo: new Set(['-u', '-g', '-p', '-C', '-h', '-r', '-t', '-U', '-D', '-R', '-T']),
  doas: new Set(['-u', '-C']),
  env: new Set(['-u', '-C', '-S', '--unset', '--chdir', '--split-string']),
  xargs: new Set(['-n', '-I', '-d', '-P', '-L', '-s', '-a', '-E', '--max-args', '--delimiter', '--max-procs', '--arg-file', '--max-lines', '--max-chars']),
  nice: new Set(['-n', '--adjustment']),
  timeout: new Set(['-s', '-k', '--signal', '--kill-after']),
  ionice: new Set(['-c', '-n', '-p']),
  stdbuf: new Set(['-i', '-o', '-e']),
  time: new Set(['-f', '-o']),
  command: new Set(),
  nohup: new Set(),
  exec: new Set(['-a']),
  eatmydata: new Set(),
  builtin: new Set(),
  gosu: new Set(),
  'su-exec': new Set(),
};

/** Skips wrapper commands (`sudo -E`, `env A=1`, `xargs -n1`, `timeout 10` …) to the real command. */
function stripWrappers(words: ShellWord[], from: number): { wrappers: ShellWord[]; argvStart: number; envAssignments: ShellWord[] } {
  const wrappers: ShellWord[] = [];
  const envAssignments: ShellWord[] = [];
  let i = from;
  for (let guard = 0; guard < 8 && i < words.length; guard++) {
    const name = baseName(words[i]!.value);
    const opts = OPTS_WITH_ARG[name];
    if (!opts) break;
    if (name === 'command' && /^-[vV]$/.test(words[i + 1]?.value ?? '')) break;
    let j = i + 1;
    while (j < words.length) {
      const v = words[j]!.value;
      if (v === '--') {
        j++;
        break;
      }
      if (name === 'env' && /^[A-Za-z_][A-Za-z0-9_]*=/.test(v)) {
        envAssignments.push(words[j]!);
        j++;
        continue;
      }
      if (name === 'nice' && /^-[0-9]+$/.test(v)) {
        j++;
        continue;
      }
      if (!v.startsWith('-') || v === '-') {
        if (name === 'env' && v === '-') {
          j++;
          continue;
        }
        break;
      }
      j += opts.has(v) ? 2 : 1;
    }
    if (name === 'timeout' && j < words.length) j++; // the duration
    if ((name === 'gosu' || name === 'su-exec') && j < words.length) j++; // the user
    for (let k = i; k < Math.min(j, words.length); k++) if (!envAssignments.includes(words[k]!)) wrappers.push(words[k]!);
    i = j;
  }
  return { wrappers, argvStart: Math.min(i, words.length), envAssignments };
}

/**
 * Parses a shell script. `offsets[i]` is the document offset of `text[i]` (identity from
 * `baseOffset` when omitted). Never throws.
 */
export function parseShell(text: string, index: OffsetIndex, baseOffset = 0, offsets?: number[]): ShellCommand[] {
  try {
    const offs = offsets ?? Array.from({ length: text.length }, (_, i) => baseOffset + i);
    return new Parser(text, offs, index, { pipeline: 0 }, 0, 0, false).parse();
  } catch {
    return [];
  }
}

const cache = new WeakMap<Instruction, RunScript | null>();

/** The RUN instruction itself, or the RUN trigger of an `ONBUILD RUN`. */
function runOf(ins: Instruction): { run: Instruction; onbuild: boolean } | undefined {
  const kw = ins.getKeyword();
  if (kw === 'RUN') return { run: ins, onbuild: false };
  if (kw === 'ONBUILD') {
    try {
      const t = (ins as Onbuild).getTriggerInstruction?.();
      if (t && t.getKeyword() === 'RUN') return { run: t, onbuild: true };
    } catch {
      return undefined;
    }
  }
  return undefined;
}

/** Parses a RUN (or `ONBUILD RUN`) instruction; undefined for other instructions. Never throws. */
export function parseRun(doc: DockerfileDoc, ins: Instruction): RunScript | undefined {
  const hit = cache.get(ins);
  if (hit !== undefined) return hit ?? undefined;
  let result: RunScript | null = null;
  try {
    result = parseRunUncached(doc, ins) ?? null;
  } catch {
    result = null;
  }
  cache.set(ins, result);
  return result ?? undefined;
}

/** @internal Uncached and unguarded (throws on parser bugs): for tests and fuzzing only. */
export function parseRunUncached(doc: DockerfileDoc, ins: Instruction): RunScript | undefined {
  const r = runOf(ins);
  if (!r) return undefined;
  const text = doc.text;
  const index = doc.index;
  const from = index.offsetAt(r.run.getInstructionRange().end);
  const to = Math.max(from, index.offsetAt(ins.getRange().end));
  const esc = doc.escapeChar || '\\';

  const { s, offs, lineEnd } = logicalLine(text, from, to, esc);

  // 2. Flags (`--mount=…`) come first; then exec form or shell form.
  const flags: ShellWord[] = [];
  let p = 0;
  for (;;) {
    while (p < s.length && (s[p] === ' ' || s[p] === '\t')) p++;
    if (!s.startsWith('--', p)) break;
    let e = p;
    while (e < s.length && s[e] !== ' ' && s[e] !== '\t') e++;
    const start = offs[p]!;
    const end = offs[e - 1]! + 1;
    flags.push({ value: s.slice(p, e), raw: s.slice(p, e), range: index.rangeOf(start, end), start, end, quoted: false, expansion: false });
    p = e;
  }
  const body = s.slice(p);
  const bodyOffs = p === 0 ? offs : offs.slice(p); // read-only below: no copy needed without flags
  const exec = parseExecForm(body, bodyOffs, index);
  if (exec) {
    const commands: ShellCommand[] = [exec];
    if (SHELLS.has(exec.name)) {
      const ci = exec.argv.findIndex((w, k) => k > 0 && /^-[A-Za-z]*c[A-Za-z]*$/.test(w.value));
      const script = ci > 0 ? exec.argv[ci + 1] : undefined;
      if (script) {
        const so = (script as ExecWord).valueOffs;
        const p2 = new Parser(script.value, so, index, { pipeline: 1 }, 1, 1, false);
        for (const c of p2.parse()) commands.push({ ...c, nested: true });
      }
    }
    return { instruction: ins, onbuild: r.onbuild, form: 'exec', flags, heredocScript: false, commands };
  }

  // 3. Shell form. Heredoc bodies follow the first line raw (no continuation processing).
  let src = body;
  let srcOffs = bodyOffs;
  if (body.includes('<<') && lineEnd < to) {
    src += '\n';
    srcOffs = bodyOffs.concat([lineEnd]);
    let k = lineEnd + (text[lineEnd] === '\r' && text[lineEnd + 1] === '\n' ? 2 : 1);
    src += text.slice(k, to);
    for (; k < to; k++) srcOffs.push(k);
  }
  const parser = new Parser(src, srcOffs, index, { pipeline: 0 }, 0, 0, true);
  const all = parser.parse();
  // `RUN <<EOF`: the command is only the heredoc, whose body is the script.
  const top = all.filter((c) => !c.nested);
  let heredocScript = false;
  if (top.length === 1 && top[0]!.words.length === 0 && top[0]!.redirects.length > 0 && top[0]!.redirects[0]!.heredoc) {
    const h = top[0]!.redirects[0]!.heredoc!;
    heredocScript = true;
    const firstLine = /^[^\n]*/.exec(h.body)![0];
    const shebang = /^#!\s*(\S+)(?:\s+(\S+))?/.exec(firstLine);
    const interp = shebang ? baseName(shebang[1] === '/usr/bin/env' || shebang[1]?.endsWith('/env') ? shebang[2] ?? '' : shebang[1]!) : 'sh';
    if (SHELLS.has(interp)) {
      h.script = true;
      const startIdx = srcOffs.indexOf(h.bodyStart);
      if (startIdx >= 0) {
        const len = h.body.length;
        const p2 = new Parser(h.body, srcOffs.slice(startIdx, startIdx + len), index, { pipeline: 1 }, 1, 0, false);
        return { instruction: ins, onbuild: r.onbuild, form: 'shell', flags, heredocScript, commands: p2.parse() };
      }
    }
    return { instruction: ins, onbuild: r.onbuild, form: 'shell', flags, heredocScript, commands: [] };
  }
  return { instruction: ins, onbuild: r.onbuild, form: 'shell', flags, heredocScript, commands: all };
}

/**
 * The logical first line of an instruction from `from` to `to`: Dockerfile line continuations and
 * the comment / empty lines inside them removed (Docker does this before the shell sees the
 * text, ignoring quotes). `offs[i]` is the document offset of `s[i]`; `lineEnd` is where the
 * logical line ended (a line break, or `to`).
 */
function logicalLine(text: string, from: number, to: number, esc: string): { s: string; offs: number[]; lineEnd: number } {
  let s = '';
  const offs: number[] = [];
  let i = from;
  let lineEnd = to;
  // Characters are copied in runs (`runStart` … `i`), flushed before each continuation.
  let runStart = i;
  const flush = (): void => {
    if (i > runStart) {
      s += text.slice(runStart, i);
      for (let k = runStart; k < i; k++) offs.push(k);
    }
  };
  while (i < to) {
    const c = text[i]!;
    if (c === esc) {
      let j = i + 1;
      while (j < to && (text[j] === ' ' || text[j] === '\t')) j++;
      if (j >= to) {
        flush();
        i = j;
        runStart = i;
        break;
      }
      if (text[j] === '\n' || text[j] === '\r') {
        flush();
        j += text[j] === '\r' && text[j + 1] === '\n' ? 2 : 1;
        for (;;) {
          let k = j;
          while (k < to && (text[k] === ' ' || text[k] === '\t')) k++;
          if (k < to && (text[k] === '#' || text[k] === '\n' || text[k] === '\r')) {
            while (k < to && text[k] !== '\n' && text[k] !== '\r') k++;
            k += text[k] === '\r' && text[k + 1] === '\n' ? 2 : 1;
            j = Math.min(k, to);
            if (j >= to) break;
            continue;
          }
          break;
        }
        i = j;
        runStart = i;
        continue;
      }
    }
    if (c === '\n' || c === '\r') {
      lineEnd = i;
      break;
    }
    i++;
  }
  flush();
  if (i >= to) lineEnd = to;
  return { s, offs, lineEnd };
}

interface ExecWord extends ShellWord {
  valueOffs: number[];
}

/** `["cmd", "arg"]` when the text is a JSON array of strings (as Docker decides); else undefined. */
function parseExecForm(s: string, offs: number[], index: OffsetIndex): ShellCommand | undefined {
  let i = 0;
  const n = s.length;
  const ws = (): void => {
    while (i < n && /\s/.test(s[i]!)) i++;
  };
  ws();
  if (s[i] !== '[') return undefined;
  const first = i;
  i++;
  const words: ExecWord[] = [];
  ws();
  if (s[i] === ']') {
    i++;
  } else {
    for (;;) {
      ws();
      if (s[i] !== '"') return undefined;
      const startIdx = i;
      i++;
      let value = '';
      const valueOffs: number[] = [];
      while (i < n && s[i] !== '"') {
        if (s[i] === '\\') {
          const e = s[i + 1];
          const map: Record<string, string> = { '"': '"', '\\': '\\', '/': '/', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t' };
          if (e !== undefined && map[e] !== undefined) {
            value += map[e];
            valueOffs.push(offs[i]!);
            i += 2;
            continue;
          }
          if (e === 'u' && /^[0-9a-fA-F]{4}$/.test(s.slice(i + 2, i + 6))) {
            value += String.fromCharCode(parseInt(s.slice(i + 2, i + 6), 16));
            valueOffs.push(offs[i]!);
            i += 6;
            continue;
          }
          return undefined;
        }
        if (s.charCodeAt(i) < 0x20) return undefined;
        value += s[i];
        valueOffs.push(offs[i]!);
        i++;
      }
      if (i >= n) return undefined;
      i++;
      const start = offs[startIdx]!;
      const end = offs[i - 1]! + 1;
      words.push({ value, raw: s.slice(startIdx, i), range: index.rangeOf(start, end), start, end, quoted: true, expansion: false, valueOffs });
      ws();
      if (s[i] === ',') {
        i++;
        continue;
      }
      if (s[i] === ']') {
        i++;
        break;
      }
      return undefined;
    }
  }
  ws();
  if (i < n) return undefined;
  const start = offs[first]!;
  const end = offs[n - 1]! + 1;
  const { wrappers, argvStart, envAssignments } = stripWrappers(words, 0);
  const argv = words.slice(argvStart);
  return {
    words,
    assignments: envAssignments,
    wrappers,
    argv,
    name: argv[0] ? baseName(argv[0].value) : '',
    redirects: [],
    pipeline: 0,
    pipelineIndex: 0,
    connector: '',
    depth: 0,
    nested: false,
    range: index.rangeOf(start, end),
  };
}

/** The RUN scripts of a stage (RUN, and `ONBUILD RUN` when asked), in order. */
export function stageRuns(doc: DockerfileDoc, stage: Stage, includeOnbuild = false): RunScript[] {
  const out: RunScript[] = [];
  for (const ins of stage.instructions) {
    const kw = ins.getKeyword();
    if (kw !== 'RUN' && !(includeOnbuild && kw === 'ONBUILD')) continue;
    const r = parseRun(doc, ins);
    if (r) out.push(r);
  }
  return out;
}

/** Every RUN script of the document, `ONBUILD RUN` included. */
export function allRuns(doc: DockerfileDoc): RunScript[] {
  const out: RunScript[] = [];
  for (const ins of doc.instructions) {
    const r = parseRun(doc, ins);
    if (r) out.push(r);
  }
  return out;
}

/** Commands of a script joined by `|` with the given command (itself included), in order. */
export function pipelineOf(script: RunScript, cmd: ShellCommand): ShellCommand[] {
  return script.commands.filter((c) => c.pipeline === cmd.pipeline && c.depth === cmd.depth && c.nested === cmd.nested);
}

// ---------------------------------------------------------------------------------------------
// Instruction helpers for the shell-aware rules: argument words of COPY/ADD/WORKDIR/USER/ENV with
// exact ranges (dockerfile-ast's argument splitting does not handle quotes or continuations), and
// the working directory in effect before each instruction of a stage.
// ---------------------------------------------------------------------------------------------

export interface InstructionArgs {
  /** Leading `--name=value` flags. */
  flags: ShellWord[];
  args: ShellWord[];
  /** The arguments were a JSON array. */
  json: boolean;
  /** An argument starts a heredoc (`COPY <<EOF /file`). */
  heredoc: boolean;
}

const argsCache = new WeakMap<Instruction, InstructionArgs>();

/** Argument words of an instruction (for `ONBUILD X`, pass the trigger). Never throws. */
export function instructionArgs(doc: DockerfileDoc, ins: Instruction): InstructionArgs {
  const hit = argsCache.get(ins);
  if (hit) return hit;
  let result: InstructionArgs = { flags: [], args: [], json: false, heredoc: false };
  try {
    const from = doc.index.offsetAt(ins.getInstructionRange().end);
    const to = Math.max(from, doc.index.offsetAt(ins.getRange().end));
    const { s, offs } = logicalLine(doc.text, from, to, doc.escapeChar || '\\');
    const words = splitWords(s, offs, doc.index);
    const flags: ShellWord[] = [];
    let k = 0;
    while (k < words.length && words[k]!.raw.startsWith('--')) flags.push(words[k++]!);
    const rest = k < words.length ? words[k]!.start : -1;
    let args = words.slice(k);
    let json = false;
    if (rest >= 0) {
      const idx = offs.indexOf(rest);
      const exec = idx >= 0 ? parseExecForm(s.slice(idx), offs.slice(idx), doc.index) : undefined;
      if (exec) {
        json = true;
        args = exec.words.map((w) => ({ ...w }));
      }
    }
    result = { flags, args, json, heredoc: !json && args.some((a) => a.raw.startsWith('<<')) };
  } catch {
    // keep the empty result
  }
  argsCache.set(ins, result);
  return result;
}

/** Whitespace-separated words; quotes are removed from the values. */
function splitWords(s: string, offs: number[], index: OffsetIndex): ShellWord[] {
  const out: ShellWord[] = [];
  let i = 0;
  const n = s.length;
  while (i < n) {
    while (i < n && /\s/.test(s[i]!)) i++;
    if (i >= n) break;
    const b = i;
    let value = '';
    let quoted = false;
    while (i < n && !/\s/.test(s[i]!)) {
      const c = s[i]!;
      if (c === '"' || c === "'") {
        quoted = true;
        const close = s.indexOf(c, i + 1);
        const e = close < 0 ? n : close;
        value += s.slice(i + 1, e);
        i = close < 0 ? n : close + 1;
        continue;
      }
      value += c;
      i++;
    }
    const start = offs[b]!;
    const end = offs[i - 1]! + 1;
    out.push({ value, raw: s.slice(b, i), range: index.rangeOf(start, end), start, end, quoted, expansion: value.includes('$') });
  }
  return out;
}

/** The value of a `--name=value` flag (`undefined` when absent; '' for a bare `--name`). */
export function flagValue(flags: readonly ShellWord[], name: string): string | undefined {
  for (const f of flags) {
    const v = f.value;
    if (v === `--${name}`) return '';
    if (v.startsWith(`--${name}=`)) return v.slice(name.length + 3);
  }
  return undefined;
}

export interface CopyInfo {
  ins: Instruction;
  keyword: 'COPY' | 'ADD';
  flags: ShellWord[];
  sources: ShellWord[];
  dest: ShellWord | undefined;
  json: boolean;
  heredoc: boolean;
  /** `--from=<stage|image>` value, if any. */
  from: string | undefined;
  chown: string | undefined;
}

/** COPY/ADD facts, or undefined for other instructions. */
export function copyInfo(doc: DockerfileDoc, ins: Instruction): CopyInfo | undefined {
  const kw = ins.getKeyword();
  if (kw !== 'COPY' && kw !== 'ADD') return undefined;
  const a = instructionArgs(doc, ins);
  const dest = a.args.length >= 2 ? a.args[a.args.length - 1] : undefined;
  return {
    ins,
    keyword: kw,
    flags: a.flags,
    sources: dest ? a.args.slice(0, -1) : a.args,
    dest,
    json: a.json,
    heredoc: a.heredoc,
    from: flagValue(a.flags, 'from'),
    chown: flagValue(a.flags, 'chown'),
  };
}

/** `/app`, `C:\app`, `C:/app`, `\app`. */
export function isAbsolutePath(p: string): boolean {
  return p.startsWith('/') || p.startsWith('\\') || /^[A-Za-z]:[\\/]/.test(p);
}

/** Normalizes a POSIX path: collapses `//`, resolves `.` and `..`, drops a trailing slash. */
export function normalizePath(p: string): string {
  if (!p.startsWith('/')) return p;
  const parts: string[] = [];
  for (const seg of p.split('/')) {
    if (seg === '' || seg === '.') continue;
    if (seg === '..') parts.pop();
    else parts.push(seg);
  }
  return '/' + parts.join('/');
}

export interface Workdir {
  /** A WORKDIR was set in the stage (or in the stage it is built FROM). */
  set: boolean;
  /** An absolute (or variable) WORKDIR was set in the stage or inherited: relative ones resolve against it. */
  anchored: boolean;
  /** The absolute working directory when known (no variables, an absolute WORKDIR somewhere). */
  path: string | undefined;
}

const workdirCache = new WeakMap<Stage, { before: Map<Instruction, Workdir>; end: Workdir }>();

/** The working directory in effect before each instruction of a stage, and at its end. */
export function stageWorkdirs(doc: DockerfileDoc, stage: Stage, depth = 0): { before: Map<Instruction, Workdir>; end: Workdir } {
  const hit = workdirCache.get(stage);
  if (hit) return hit;
  let cur: Workdir = { set: false, anchored: false, path: undefined };
  const ref = stage.image.stageRef;
  if (ref && ref !== stage && ref.index < stage.index && depth < 64) cur = { ...stageWorkdirs(doc, ref, depth + 1).end };
  const before = new Map<Instruction, Workdir>();
  for (const ins of stage.instructions) {
    before.set(ins, cur);
    if (ins.getKeyword() !== 'WORKDIR') continue;
    const arg = instructionArgs(doc, ins).args.map((w) => w.value).join(' ');
    if (arg === '') continue;
    if (arg.includes('$')) cur = { set: true, anchored: true, path: undefined };
    else if (isAbsolutePath(arg)) cur = { set: true, anchored: true, path: arg.startsWith('/') ? normalizePath(arg) : arg };
    else cur = { set: true, anchored: cur.anchored, path: cur.path !== undefined && cur.path.startsWith('/') ? normalizePath(cur.path + '/' + arg) : undefined };
  }
  const result = { before, end: cur };
  workdirCache.set(stage, result);
  return result;
}

/** Where a COPY/ADD destination lands: an absolute path, or undefined when unknown. */
export function resolveDest(dest: string, wd: Workdir): string | undefined {
  if (dest.includes('$')) return undefined;
  if (dest.startsWith('/')) return normalizePath(dest);
  if (isAbsolutePath(dest)) return dest;
  if (wd.path === undefined || !wd.path.startsWith('/')) return undefined;
  return normalizePath(wd.path + '/' + dest);
}

/** `USER app:grp` → `{user: 'app', group: 'grp'}`; root (`root`, `0`, `0:0`) is flagged. */
export function parseUser(value: string): { user: string; group: string | undefined; root: boolean } {
  const [user = '', group] = value.split(':', 2);
  return { user, group, root: user === 'root' || user === '0' || user === '' };
}

/** The last USER instruction of a stage (not ONBUILD), with its value. */
export function stageUser(doc: DockerfileDoc, stage: Stage): { ins: Instruction; value: string } | undefined {
  for (let i = stage.instructions.length - 1; i >= 0; i--) {
    const ins = stage.instructions[i]!;
    if (ins.getKeyword() !== 'USER') continue;
    const value = instructionArgs(doc, ins).args[0]?.value ?? '';
    return { ins, value };
  }
  return undefined;
}

/** `ENV A=1 B=2` / `ENV A 1` (and `ARG A=1`) as name → value pairs. */
export function envPairs(doc: DockerfileDoc, ins: Instruction): [string, string][] {
  const args = instructionArgs(doc, ins).args;
  if (args.length === 0) return [];
  if (!args[0]!.value.includes('=')) {
    if (ins.getKeyword() === 'ARG') return [[args[0]!.value, '']];
    return [[args[0]!.value, args.slice(1).map((w) => w.value).join(' ')]];
  }
  const out: [string, string][] = [];
  for (const w of args) {
    const eq = w.value.indexOf('=');
    if (eq > 0) out.push([w.value.slice(0, eq), w.value.slice(eq + 1)]);
  }
  return out;
}

/** The first line's leading whitespace of an instruction, for inserted lines. */
export function indentOf(doc: DockerfileDoc, ins: Instruction): string {
  const line = doc.index.lineText(ins.getRange().start.line);
  return /^[ \t]*/.exec(line)![0];
}

// ---------------------------------------------------------------------------------------------
// Command matchers shared by the package-manager rules.
// ---------------------------------------------------------------------------------------------

const NPM_VALUE_OPTIONS = new Set(['--prefix', '-C', '--registry', '--cache', '--loglevel', '--workspace', '-w', '--omit', '--include', '--userconfig', '--only', '--tag', '--install-strategy', '--location', '--save-prefix']);
const NPM_INSTALL = new Set(['install', 'i', 'in', 'ins', 'inst', 'insta', 'instal', 'isnt', 'isnta', 'isntal', 'isntall', 'add']);
const NPM_CI = new Set(['ci', 'clean-install', 'ic', 'install-clean', 'isntall-clean']);

export interface NpmInvocation {
  /** `install` (and its aliases), `ci`, or another sub-command as written. */
  sub: string;
  subWord: ShellWord;
  options: ShellWord[];
  /** Option → value (`--omit=dev` and `--omit dev` both give `dev`; '' for a flag). */
  optionValues: Map<string, string[]>;
  packages: ShellWord[];
  global: boolean;
}

/** Parses `npm [opts] <sub> [args]`; undefined for other commands. */
export function parseNpm(cmd: ShellCommand): NpmInvocation | undefined {
  if (cmd.name !== 'npm') return undefined;
  const options: ShellWord[] = [];
  const optionValues = new Map<string, string[]>();
  const packages: ShellWord[] = [];
  let subWord: ShellWord | undefined;
  const argv = cmd.argv;
  for (let i = 1; i < argv.length; i++) {
    const w = argv[i]!;
    const v = w.value;
    if (v.startsWith('-') && v !== '-') {
      options.push(w);
      const eq = v.indexOf('=');
      const name = eq > 0 ? v.slice(0, eq) : v;
      let value = eq > 0 ? v.slice(eq + 1) : '';
      if (eq < 0 && NPM_VALUE_OPTIONS.has(name) && i + 1 < argv.length) value = argv[++i]!.value;
      optionValues.set(name, [...(optionValues.get(name) ?? []), value]);
      continue;
    }
    if (!subWord) subWord = w;
    else packages.push(w);
  }
  if (!subWord) return undefined;
  const raw = subWord.value;
  const sub = NPM_INSTALL.has(raw) ? 'install' : NPM_CI.has(raw) ? 'ci' : raw;
  const global = optionValues.has('-g') || optionValues.has('--global') || (optionValues.get('--location') ?? []).includes('global');
  return { sub, subWord, options, optionValues, packages, global };
}

/** `python -m pip …` / `pip3 …` → the words from `pip` on; undefined for other commands. */
export function pipArgv(cmd: ShellCommand): ShellWord[] | undefined {
  if (/^pip[0-9.]*$/.test(cmd.name)) return cmd.argv;
  if (/^python[0-9.]*$/.test(cmd.name)) {
    const m = cmd.argv.findIndex((w) => w.value === '-m');
    if (m > 0 && /^pip[0-9.]*$/.test(cmd.argv[m + 1]?.value ?? '')) return cmd.argv.slice(m + 1);
  }
  if (cmd.name === 'uv' && cmd.argv[1]?.value === 'pip') return cmd.argv.slice(1);
  return undefined;
}
