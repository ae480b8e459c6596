/**
 * Maps each character index of a derived string (a logical line without its continuations, a
 * heredoc body, a word's unquoted value) to the document offset it came from.
 *
 * Stored as runs of consecutive offsets, not one number per character: derived strings are long
 * copies of the document with a few gaps, so this keeps allocation per RUN to a few numbers.
 * Offsets only ever increase along the string (every producer appends in document order).
 */
export class OffsetMap {
  // `declare`d and assigned in the constructor (class fields would be defined, then stored).
  /** Run `k` maps string indices from `runStarts[k]` on to document offsets from `runDocs[k]` on. */
  private declare readonly runStarts: number[];
  private declare readonly runDocs: number[];
  /** Number of characters mapped. */
  declare length: number;
  /** The run the last lookup landed in: parsers look up increasing indices, mostly in the same run. */
  private declare lastRun: number;

  /**
   * An empty map, or (for a producer that collects its runs itself rather than with an `add`
   * call each) the map of `length` characters whose run `k` starts at string index
   * `runStarts[k]` and document offset `runDocs[k]`; the arrays are kept. Runs must be non-empty,
   * in order, and not continue each other (as `add` would have merged them).
   */
  constructor(runStarts: number[] = [], runDocs: number[] = [], length = 0) {
    this.runStarts = runStarts;
    this.runDocs = runDocs;
    this.length = length;
    this.lastRun = 0;
  }

  /** `length` characters at document offsets `base`, `base + 1`, … */
  static identity(base: number, length: number): OffsetMap {
    const m = new OffsetMap();
    m.add(base, length);
    return m;
  }

  /** Appends `count` characters at document offsets `doc`, `doc + 1`, … */
  add(doc: number, count: number): void {
    if (count <= 0) return;
    const last = this.runDocs.length - 1;
    if (last < 0 || this.runDocs[last]! + (this.length - this.runStarts[last]!) !== doc) {
      this.runStarts.push(this.length);
      this.runDocs.push(doc);
    }
    this.length += count;
  }

  /** Appends the mapping of characters `[from, to)` of another map. */
  append(src: OffsetMap, from: number, to: number): void {
    for (let k = src.runAt(from), i = from; i < to; k++) {
      const runEnd = Math.min(to, src.runStarts[k + 1] ?? src.length);
      this.add(src.runDocs[k]! + (i - src.runStarts[k]!), runEnd - i);
      i = runEnd;
    }
  }

  /** The mapping of characters `[from, to)`. */
  slice(from: number, to = this.length): OffsetMap {
    const m = new OffsetMap();
    m.append(this, from, Math.min(to, this.length));
    return m;
  }

  /** Document offset of character `i`; undefined outside the string (like an array would). */
  at(i: number): number | undefined {
    if (i < 0 || i >= this.length) return undefined;
    const k = this.runAt(i);
    return this.runDocs[k]! + (i - this.runStarts[k]!);
  }

  /**
   * When characters `[from, to)` (a non-empty range inside the string) come from consecutive
   * document offsets, the number to add to an index among them to get its offset (`at(i)` is
   * `i + shift`); undefined otherwise. Lets a reader of many words in that range skip a lookup each.
   */
  shift(from: number, to: number): number | undefined {
    if (from < 0 || to > this.length || to <= from) return undefined;
    const k = this.runAt(from);
    if (to > (this.runStarts[k + 1] ?? this.length)) return undefined;
    return this.runDocs[k]! - this.runStarts[k]!;
  }

  /**
   * Index after the run of consecutive document offsets holding character `i` (inside the
   * string): `at(j)` is `j - i + at(i)` for every `j` from `i` up to it.
   */
  runEnd(i: number): number {
    return this.runStarts[this.runAt(i) + 1] ?? this.length;
  }

  /**
   * Index of the character at document offset `doc`, or -1. A binary search over the runs (their
   * offsets increase): a parser asks this for each `sh -c` script, and a RUN has a run per
   * continuation line.
   */
  indexOf(doc: number): number {
    const docs = this.runDocs;
    const k = lastAtOrBefore(docs, doc);
    if (docs.length === 0 || docs[k]! > doc) return -1;
    const d = doc - docs[k]!;
    return d < (this.runStarts[k + 1] ?? this.length) - this.runStarts[k]! ? this.runStarts[k]! + d : -1;
  }

  /** The run containing index `i` (the last run starting at or before it). */
  private runAt(i: number): number {
    const starts = this.runStarts;
    const last = this.lastRun;
    if (starts[last]! <= i && (last + 1 >= starts.length || i < starts[last + 1]!)) return last;
    return (this.lastRun = lastAtOrBefore(starts, i));
  }
}

/** Index of the last number of ascending `sorted` that is at most `x` (0 when none is: callers check). */
export function lastAtOrBefore(sorted: readonly number[], x: number): number {
  let lo = 0;
  let hi = sorted.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (sorted[mid]! <= x) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}
