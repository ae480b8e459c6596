// Reliability harness, part 3: time complexity. Fuzzed mutations are small, so they cannot show a
// rule that is quadratic in a file's instructions, documents or keys; a valid file of a few MB with
// such a rule can take minutes while staying under the size limit. Each growing input here is linted
// at size n and FACTOR·n: a linear engine takes about FACTOR times as long, a quadratic one FACTOR².
// A ratio, not a time limit, so that a slow or loaded machine does not fail it.
import assert from 'node:assert/strict';
import { Linter } from '../../server/src/engine/lint';
import { timedMs } from './timing';

/** How much larger the second input is. */
export const FACTOR = 8;
/** Ratio above which the cost counts as superlinear: linear gives ~8 (plus GC), quadratic ~64. */
export const MAX_RATIO = 24;

export interface GrowingInput {
  /** What grows, e.g. "COPY + RUN npm install pairs". */
  name: string;
  fileName: string;
  /** The file with `n` repetitions of the growing structure. */
  text(n: number): string;
  /** The smaller size: large enough that linting it takes tens of milliseconds. */
  n: number;
}

function fastestMs(linter: Linter, fileName: string, text: string, runs: number): number {
  let best = Infinity;
  for (let i = 0; i < runs; i++) {
    linter.clearCaches();
    best = Math.min(best, timedMs(() => linter.lint({ fileName, text })).ms);
  }
  return best;
}

/** Times `input` at n and FACTOR·n (best of a few runs each, after a warm-up). */
export function measureScaling(input: GrowingInput): { smallMs: number; largeMs: number; ratio: number } {
  const linter = new Linter();
  const small = input.text(input.n);
  const large = input.text(input.n * FACTOR);
  fastestMs(linter, input.fileName, small, 1);
  const smallMs = Math.max(fastestMs(linter, input.fileName, small, 3), 1);
  const largeMs = fastestMs(linter, input.fileName, large, 2);
  return { smallMs, largeMs, ratio: largeMs / smallMs };
}

/** Fails when `input` costs superlinear time; a ratio over the limit is measured once more first. */
export function assertLinearScaling(input: GrowingInput): void {
  let m = measureScaling(input);
  if (m.ratio > MAX_RATIO) m = measureScaling(input);
  assert.ok(
    m.ratio <= MAX_RATIO,
    `${input.fileName}, ${input.name}: ${FACTOR}× the input took ${m.ratio.toFixed(1)}× the time (${m.smallMs.toFixed(0)} → ${m.largeMs.toFixed(0)} ms); linear is ~${FACTOR}×`,
  );
}
