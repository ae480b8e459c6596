// Finding instructions by keyword with native `indexOf` searches over a stage's keyword list.
// Rules run once per file in the CLI, mostly before V8 optimises them: a JS loop comparing every
// keyword then runs in the interpreter, where one comparison costs more than a whole native search.

/** The first index from `from` on whose keyword is `a` or `b`, or -1. */
export function firstOf(keywords: readonly string[], a: string, b: string, from = 0): number {
  const i = keywords.indexOf(a, from);
  const j = keywords.indexOf(b, from);
  return i < 0 ? j : j < 0 ? i : Math.min(i, j);
}

/** The indices whose keyword is `a` or `b`, in order (the two searches merged). */
export function indicesOf(keywords: readonly string[], a: string, b: string): number[] {
  const out: number[] = [];
  let i = keywords.indexOf(a);
  let j = keywords.indexOf(b);
  while (i >= 0 || j >= 0) {
    if (j < 0 || (i >= 0 && i < j)) {
      out.push(i);
      i = keywords.indexOf(a, i + 1);
    } else {
      out.push(j);
      j = keywords.indexOf(b, j + 1);
    }
  }
  return out;
}
