import type { Range } from '../../types';
import type { Connector, OffsetIndex, ShellCommand, ShellRedirect, ShellWord } from './types';

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

/** A simple command whose `range` is computed on first use, like a Word's (few findings need it). */
export class Command implements ShellCommand {
  nested = false;
  private cachedRange: Range | undefined;

  constructor(
    public words: ShellWord[],
    public assignments: ShellWord[],
    public wrappers: ShellWord[],
    public argv: ShellWord[],
    public name: string,
    public redirects: ShellRedirect[],
    public pipeline: number,
    public pipelineIndex: number,
    public connector: Connector | '',
    public depth: number,
    private readonly start: number,
    private readonly end: number,
    private readonly index: OffsetIndex,
  ) {}

  get range(): Range {
    return (this.cachedRange ??= this.index.rangeOf(this.start, this.end));
  }
}
