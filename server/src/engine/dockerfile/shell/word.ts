import type { Range } from '../../types';
import type { OffsetIndex, ShellWord } from './types';

/**
 * A shell word whose `range` is computed on first use. Most words never need theirs (only words
 * a finding points at do), and the line/character conversion is the costliest part of a word.
 */
export class Word implements ShellWord {
  private cachedRange: Range | undefined;

  constructor(
    public value: string,
    public raw: string,
    public start: number,
    public end: number,
    public quoted: boolean,
    public expansion: boolean,
    private readonly index: OffsetIndex,
  ) {}

  get range(): Range {
    return (this.cachedRange ??= this.index.rangeOf(this.start, this.end));
  }
}
