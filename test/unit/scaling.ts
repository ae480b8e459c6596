// Reliability harness, part 3: time complexity. Fuzzed mutations are small, so they cannot show a
// rule that is quadratic in a file's instructions, documents or keys; a valid file of a few MB with
// such a rule can take minutes while staying under the size limit. Each growing input here is linted
// at size n and FACTOR·n: a linear engine takes about FACTOR times as long, a quadratic one FACTOR².
// A ratio, not a time limit, so that a slow or loaded machine does not fail it.
import assert from 'node:assert/strict';
import { Linter } from '../../server/src/engine/lint';
import { detachedCopy } from '../../server/src/engine/text';
import { timedMs } from './timing';

/** How much larger the second input is. */
export const FACTOR = 8;
/**
 * Ratio above which the cost counts as superlinear: linear gives ~8, and up to ~20 with a scavenge
 * or two tests at once on two cores; the quadratic paths these tests were written for gave 38–500.
 */
export const MAX_RATIO = 30;

export interface GrowingInput {
  /** What grows, e.g. "COPY + RUN npm install pairs". */
  name: string;
  fileName: string;
  /** The file with `n` repetitions of the growing structure. */
  text(n: number): string;
  /** The smaller size (doubled while linting it takes under MIN_SMALL_MS). */
  n: number;
}

/**
 * Each run lints a copy of its own, as an editor sends a new string per change: a cache that
 * compared a text with the one before took no time on the same string object, but compared the
 * whole text (n times over: 6.9 s) when handed an equal copy.
 */
function fastestMs(linter: Linter, fileName: string, text: string, runs: number): number {
  let best = Infinity;
  for (let i = 0; i < runs; i++) {
    linter.clearCaches();
    const copy = detachedCopy(text);
    best = Math.min(best, timedMs(() => linter.lint({ fileName, text: copy })).ms);
  }
  return best;
}

/** Below this, the small size's time is mostly noise (JIT tiers, a scavenge): the ratio swung from 8× to 17×. */
const MIN_SMALL_MS = 20;
/** The large size is kept this far below the 2 MB size limit, over which a file is not linted. */
const MAX_LARGE_CHARS = 1_500_000;

/**
 * Times `input` at n and FACTOR·n (best of a few runs each, after a warm-up). An n too quick to
 * time is doubled first, as long as the large size stays under MAX_LARGE_CHARS.
 */
export function measureScaling(input: GrowingInput): { n: number; smallMs: number; largeMs: number; ratio: number } {
  const linter = new Linter();
  let n = input.n;
  let small = input.text(n);
  fastestMs(linter, input.fileName, small, 1);
  let smallMs = fastestMs(linter, input.fileName, small, 3);
  while (smallMs < MIN_SMALL_MS && input.text(2 * n * FACTOR).length <= MAX_LARGE_CHARS) {
    n *= 2;
    small = input.text(n);
    fastestMs(linter, input.fileName, small, 1);
    smallMs = fastestMs(linter, input.fileName, small, 3);
  }
  smallMs = Math.max(smallMs, 1);
  const largeMs = fastestMs(linter, input.fileName, input.text(n * FACTOR), 3);
  return { n, smallMs, largeMs, ratio: largeMs / smallMs };
}

/** A large size linted this fast is no hang, whatever the ratio (the small one is then a few ms of noise). */
const QUICK_LARGE_MS = 50;

/** Fails when `input` costs superlinear time; a ratio over the limit is measured once more first. */
export function assertLinearScaling(input: GrowingInput): void {
  const linear = (m: { ratio: number; largeMs: number }): boolean => m.ratio <= MAX_RATIO || m.largeMs <= QUICK_LARGE_MS;
  let m = measureScaling(input);
  if (!linear(m)) m = measureScaling(input);
  assert.ok(
    linear(m),
    `${input.fileName}, ${input.name}: ${FACTOR}× the input (n = ${m.n}) took ${m.ratio.toFixed(1)}× the time (${m.smallMs.toFixed(0)} → ${m.largeMs.toFixed(0)} ms); linear is ~${FACTOR}×`,
  );
}

/**
 * `assertLinearScaling` for work the linter does not do: `f` of `text(n)` and of `text(FACTOR·n)`,
 * best of a few runs each, measured twice before it fails.
 */
export function assertLinearTime(name: string, n: number, text: (n: number) => string, f: (text: string) => unknown): void {
  const small = text(n);
  const large = text(n * FACTOR);
  const fastestMs = (t: string, runs: number): number => Math.min(...Array.from({ length: runs }, () => timedMs(() => f(t)).ms));
  const ratio = (): { smallMs: number; largeMs: number } => {
    fastestMs(small, 1);
    return { smallMs: Math.max(fastestMs(small, 3), 1), largeMs: fastestMs(large, 2) };
  };
  let m = ratio();
  if (m.largeMs / m.smallMs > MAX_RATIO) m = ratio();
  const r = m.largeMs / m.smallMs;
  assert.ok(r <= MAX_RATIO, `${name}: ${FACTOR}× the input took ${r.toFixed(1)}× the time (${m.smallMs.toFixed(0)} → ${m.largeMs.toFixed(0)} ms); linear is ~${FACTOR}×`);
}
