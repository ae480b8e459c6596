// V8 settings for a CLI run. A `check` lints each file once, so most of its time is spent before
// V8's optimising compiler has caught up (over the 553 corpus Dockerfiles: ~400 ms for the first
// pass in a fresh process, ~110 ms once warm). A smaller inlining budget makes each optimised
// compile cheaper, so optimised code arrives sooner: the first pass took ~20% less, and warm
// runs did not get measurably slower. A larger interrupt budget makes V8 wait for more feedback
// before it optimises a function: fewer functions are optimised early and then re-optimised as
// later files take new paths (Dockerfile corpus: ~10% less wall time, ~25% less CPU; YAML
// corpora unchanged). The language server (also `infra-guide lsp`) runs for hours and keeps V8's
// defaults. Regular expressions are compiled to machine code at once, without a first run in
// V8's regexp interpreter: most of ours run many times, and the interpreter's bytecode was
// compiled for nothing (~18M instructions, ~1%, over the 553 corpus Dockerfiles). Functions
// get their baseline (Sparkplug) code as soon as they are due, not once V8 has gathered a batch
// of them: each waits less in the interpreter (~5M instructions over the corpus; smaller batches
// saved less).

/** Applies the CLI's V8 settings; call before linting starts (they are process-wide). */
export function tuneV8ForShortRuns(): void {
  const setFlagsFromString = v8FlagSetter();
  setFlagsFromString('--max-inlined-bytecode-size-cumulative=200');
  // V8's default is 66 KiB of bytecode executed per feedback budget.
  setFlagsFromString('--interrupt-budget=280000');
  setFlagsFromString('--no-regexp-tier-up');
  setFlagsFromString('--no-baseline-batch-compilation');
}

/**
 * V8's `setFlagsFromString` without node:v8, through Node's older binding where it still has one:
 * node:v8 loads Node's stream modules (for heap snapshots), which Node compiles on first use
 * (~30M instructions of a check, which writes its output without them: see stdio.ts). The
 * binding's deprecation warning (DEP0111) would be about this call, not about anything the user
 * did: it is held back.
 */
export function v8FlagSetter(): (flags: string) => void {
  const noDeprecation = process.noDeprecation;
  process.noDeprecation = true;
  try {
    const binding = (process as unknown as { binding(name: string): { setFlagsFromString?: unknown } }).binding('v8');
    if (typeof binding.setFlagsFromString === 'function') return binding.setFlagsFromString as (flags: string) => void;
  } catch {
    // a Node without the binding
  } finally {
    process.noDeprecation = noDeprecation;
  }
  return (require('node:v8') as typeof import('node:v8')).setFlagsFromString;
}
