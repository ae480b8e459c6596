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
//
// The implementation lives in ./shell/; this file is the public surface the rules import.
export type { Connector, OffsetIndex, RunScript, ShellCommand, ShellHeredoc, ShellRedirect, ShellWord, Subshell } from './shell/types';
export { parseShell } from './shell/parser';
export { allRuns, parseRun, parseRunUncached, pipelineOf, stageRuns } from './shell/run';
export { copyInfo, envPairs, flagValue, indentOf, instructionArgs, parseUser, stageUser, type CopyInfo, type InstructionArgs } from './shell/instruction-args';
export { logicalLine } from './shell/logical-line';
export { endsOpen } from './shell/ends-open';
export { boundedPath, isAbsolutePath, MAX_PATH_LENGTH, normalizePath, resolveDest, stageWorkdirs, type Workdir } from './shell/workdir';
export { parseNpm, pipArgv, runsNpm, type NpmInvocation } from './shell/package-managers';
