import type { Range } from '../../types';
import { readWord, WordScan } from './lexer';
import type { OffsetMap } from './offset-map';
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

/** Scratch for `WordSource.words` (which never runs while another read is using it). */
const rescan = new WordScan();

/**
 * The text a parser reads words from, and the ShellWords it makes of them. The parser records
 * where each word starts (`starts`, in order), so a command can keep its words as a range of
 * that list and make them only when they are read: most commands are only asked for their name.
 * The text and its offsets must not change afterwards (no parser changes them).
 */
export class WordSource {
  readonly starts: number[] = [];

  constructor(
    readonly s: string,
    readonly offs: OffsetMap,
    readonly index: OffsetIndex,
  ) {}

  /** Document offset of character `i` (the last one's for an index past the end). */
  startOffset(i: number): number {
    return this.offs.at(Math.min(i, this.offs.length - 1)) ?? 0;
  }

  /** Document offset just after character `i - 1`. */
  endOffset(i: number): number {
    if (i <= 0) return this.offs.at(0) ?? 0;
    return (this.offs.at(i - 1) ?? 0) + 1;
  }

  /** The ShellWord of `w`, which `readWord` read from `startIdx`. */
  word(startIdx: number, w: WordScan): Word {
    const start = this.startOffset(startIdx);
    const end = Math.max(start, this.endOffset(w.endIdx));
    // The value is the text as written minus quotes and escapes, so when the lengths match the two
    // are equal (plain words): share the string instead of slicing it again.
    const raw = w.value.length === w.endIdx - startIdx ? w.value : this.s.slice(startIdx, w.endIdx);
    return new Word(w.value, raw, start, end, w.quoted, w.expansion, this.index);
  }

  /** The `count` words recorded from `starts[first]` on, read again. */
  words(first: number, count: number): ShellWord[] {
    const out: ShellWord[] = [];
    for (let k = first; k < first + count; k++) {
      const startIdx = this.starts[k]!;
      out.push(this.word(startIdx, readWord(this.s, startIdx, rescan)));
    }
    return out;
  }
}

/**
 * A simple command whose `range` is computed on first use, like a Word's (few findings need it).
 * Its words may be too (see WordSource): only when they are all of `argv` (no assignments, no
 * wrappers), which `Command.lazy` leaves to its caller to make sure of.
 */
export class Command implements ShellCommand {
  nested = false;
  readonly assignments: readonly ShellWord[];
  readonly wrappers: readonly ShellWord[];
  readonly redirects: readonly ShellRedirect[];
  private cachedRange: Range | undefined;
  private ownWords: readonly ShellWord[] | undefined;
  private ownArgv: readonly ShellWord[] | undefined;
  /** Where the words are recorded until they are made (`source.starts[first]`, `count` of them). */
  private source: WordSource | undefined;
  private first = 0;
  private count = 0;

  constructor(
    words: readonly ShellWord[] | undefined,
    assignments: readonly ShellWord[],
    wrappers: readonly ShellWord[],
    argv: readonly ShellWord[] | undefined,
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
    this.ownWords = words;
    this.ownArgv = argv;
    this.assignments = assignments.length > 0 ? assignments : NO_WORDS;
    this.wrappers = wrappers.length > 0 ? wrappers : NO_WORDS;
    this.redirects = redirects.length > 0 ? redirects : NO_REDIRECTS;
  }

  /** A command whose words (all of them its argv) are made on first use from `source`. */
  static lazy(source: WordSource, first: number, count: number, name: string, redirects: readonly ShellRedirect[], pipeline: number, pipelineIndex: number, connector: Connector | '', depth: number, subshells: readonly number[], start: number, end: number): Command {
    const c = new Command(undefined, NO_WORDS, NO_WORDS, undefined, name, redirects, pipeline, pipelineIndex, connector, depth, subshells, start, end, source.index);
    c.source = source;
    c.first = first;
    c.count = count;
    return c;
  }

  get words(): readonly ShellWord[] {
    return (this.ownWords ??= this.source!.words(this.first, this.count));
  }

  get argv(): readonly ShellWord[] {
    return (this.ownArgv ??= this.words);
  }

  get range(): Range {
    return (this.cachedRange ??= this.index.rangeOf(this.start, this.end));
  }
}
