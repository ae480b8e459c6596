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

/** Shared by the many commands without assignments, wrappers or redirections (commands are cached per RUN, and read-only). */
export const NO_WORDS: readonly ShellWord[] = [];
export const NO_REDIRECTS: readonly ShellRedirect[] = [];

/** A simple command whose `range` is computed on first use, like a Word's (few findings need it). */
export class Command implements ShellCommand {
  nested = false;
  readonly assignments: readonly ShellWord[];
  readonly wrappers: readonly ShellWord[];
  readonly redirects: readonly ShellRedirect[];
  private cachedRange: Range | undefined;

  constructor(
    public words: readonly ShellWord[],
    assignments: readonly ShellWord[],
    wrappers: readonly ShellWord[],
    public argv: readonly ShellWord[],
    public name: string,
    redirects: readonly ShellRedirect[],
    public pipeline: number,
    public pipelineIndex: number,
    public connector: Connector | '',
    public depth: number,
    public subshells: readonly number[],
    private readonly start: number,
    private readonly end: number,
    private readonly index: OffsetIndex,
  ) {
    this.assignments = assignments.length > 0 ? assignments : NO_WORDS;
    this.wrappers = wrappers.length > 0 ? wrappers : NO_WORDS;
    this.redirects = redirects.length > 0 ? redirects : NO_REDIRECTS;
  }

  get range(): Range {
    return (this.cachedRange ??= this.index.rangeOf(this.start, this.end));
  }
}
