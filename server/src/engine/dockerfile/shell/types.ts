// The shapes the shell parser produces and the rules consume.
import type { Instruction } from 'dockerfile-ast';
import type { Range } from '../../types';

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

/**
 * A shell a command runs in besides the top-level one, linked to the shell it runs in: the
 * commands inside share the chain of their enclosing shells (an array of them per command was
 * quadratic in the nesting depth).
 */
export interface Subshell {
  /** Unique among the shells of a RUN. */
  readonly id: number;
  /** The shell it runs in; undefined for the top-level one. */
  readonly parent: Subshell | undefined;
}

export interface ShellCommand {
  /** Every word of the simple command as written, redirections excluded. */
  words: readonly ShellWord[];
  /** Leading `NAME=value` words (and `env NAME=value`). */
  assignments: readonly ShellWord[];
  /** Wrapper words skipped to find the real command (`sudo`, `env`, `xargs -n1` …). */
  wrappers: readonly ShellWord[];
  /** The effective command and its arguments. */
  argv: readonly ShellWord[];
  /** Base name of `argv[0]` (`/usr/bin/apt-get` → `apt-get`), '' when there is none. */
  name: string;
  redirects: readonly ShellRedirect[];
  /** Commands with the same pipeline id are connected with `|`. */
  pipeline: number;
  /** Position in the pipeline (0 = first). */
  pipelineIndex: number;
  /** The operator before this command ('' for the first command of a script). */
  connector: Connector | '';
  /** Subshell / brace / `sh -c` / heredoc-script nesting depth. */
  depth: number;
  /**
   * The innermost shell enclosing the command besides the top-level one (undefined at the top
   * level): a `( … )` subshell, `sh -c` or heredoc script (not a brace group, which runs in the
   * same shell). A `cd` lasts until the end of its innermost shell. The commands a shell
   * encloses are consecutive in a RUN's commands.
   */
  subshell: Subshell | undefined;
  /** The command came from a nested script (`sh -c '…'` or a heredoc script). */
  nested: boolean;
  range: Range;
  /**
   * False when no word of the command can have the value `value`: the command as written has
   * neither that text nor a quote or escape (which could make it). Makes no words, so a rule can
   * rule a command out this way before reading its argv.
   */
  mayHaveWord(value: string): boolean;
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

/** Position mapper from document offsets to ranges (a TextIndex or anything alike). */
export interface OffsetIndex {
  rangeOf(startOffset: number, endOffset: number): Range;
}
