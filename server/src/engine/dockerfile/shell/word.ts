import type { Range } from '../../types';
import { PLAIN_WORD, readWord, WordScan } from './lexer';
import type { OffsetMap } from './offset-map';
import type { Connector, OffsetIndex, ShellCommand, ShellRedirect, ShellWord, Subshell } from './types';

/**
 * A shell word whose `range` is computed on first use. Most words never need theirs (only words
 * a finding points at do), and the line/character conversion is the costliest part of a word.
 */
export class Word implements ShellWord {
  // `declare`d and assigned in the constructor, not class fields or parameter properties (which
  // would define each one before the constructor stores it again): there is one Word per word read.
  declare value: string;
  declare raw: string;
  declare start: number;
  declare end: number;
  declare quoted: boolean;
  declare expansion: boolean;
  private declare readonly index: OffsetIndex;
  private declare cachedRange: Range | undefined;

  constructor(value: string, raw: string, start: number, end: number, quoted: boolean, expansion: boolean, index: OffsetIndex) {
    this.value = value;
    this.raw = raw;
    this.start = start;
    this.end = end;
    this.quoted = quoted;
    this.expansion = expansion;
    this.index = index;
    this.cachedRange = undefined;
  }

  get range(): Range {
    return (this.cachedRange ??= this.index.rangeOf(this.start, this.end));
  }
}

/** Shared by the many commands without assignments, wrappers or redirections (commands are cached per RUN, and read-only). */
export const NO_WORDS: readonly ShellWord[] = [];
export const NO_REDIRECTS: readonly ShellRedirect[] = [];

/** What can make a word's value differ from its text (`$'…'` starts with a `$` and has quotes). */
const QUOTE_OR_ESCAPE = /['"\\]/;

/** Scratch for `WordSource.words` (which never runs while another read is using it). */
const rescan = new WordScan();

/**
 * The text a parser reads words from, and the ShellWords it makes of them. The parser records
 * where the words are, as spans of words separated by blanks only (`spans`: start and end index
 * pairs, in order), so a command can keep its words as a range of that list and make them only
 * when they are read: most commands are only asked for their name. The text and its offsets
 * must not change afterwards (no parser changes them).
 */
export class WordSource {
  declare readonly spans: number[];
  declare readonly s: string;
  declare readonly offs: OffsetMap;
  declare readonly index: OffsetIndex;

  constructor(s: string, offs: OffsetMap, index: OffsetIndex) {
    this.spans = [];
    this.s = s;
    this.offs = offs;
    this.index = index;
  }

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

  /**
   * The words of the `count` spans recorded from span `first` on, read again; or, given
   * `firstWord` (the only word of span `first`, made when it was read), that word and the words
   * of the spans after it.
   */
  words(first: number, count: number, firstWord?: ShellWord): ShellWord[] {
    const out: ShellWord[] = [];
    const s = this.s;
    const spans = this.spans;
    const index = this.index;
    const offs = this.offs;
    const plain = PLAIN_WORD;
    let k = first;
    if (firstWord !== undefined) {
      out.push(firstWord);
      k++;
    }
    // The words of a span are mostly in one run of the offset map (a span crosses one more per
    // line continuation in it): inside the run, a character's offset is its index plus one
    // shift, and its plain words need no lookup each. `limit` is where that run ends.
    let limit = -1;
    let shift = 0;
    for (; k < first + count; k++) {
      let i = spans[2 * k]!;
      const end = spans[2 * k + 1]!;
      while (i < end) {
        // A plain word (most are): what `readWord`'s fast path reads, without a scan object. One
        // sticky regex finds both its end and that an operator, a blank or the end follows it.
        plain.lastIndex = i;
        let e = plain.test(s) ? plain.lastIndex : -1;
        if (e > limit && e <= end) {
          limit = offs.runEnd(i);
          shift = offs.at(i)! - i;
        }
        if (e > i && e <= limit && e <= end) {
          const value = s.slice(i, e);
          out.push(new Word(value, value, i + shift, e + shift, false, false, index));
        } else {
          const w = readWord(s, i, rescan);
          out.push(this.word(i, w));
          e = w.endIdx;
        }
        i = e;
        // Blanks, compared as char codes (no one-character string, no call per blank), read only
        // before `end`: `charCodeAt` past the text would make the optimized code bail out.
        for (; i < end; i++) {
          const c = s.charCodeAt(i);
          if (c !== 32 && c !== 9 && c !== 13) break;
        }
      }
    }
    return out;
  }
}

/** Where a command is in the text its parser read, and where its words are recorded. */
export interface CommandSpan {
  /** The command is `source.s[startIdx, endIdx)`. */
  readonly startIdx: number;
  readonly endIdx: number;
  /** Its words are in the `count` spans recorded from `source.spans` span `first` on. */
  readonly first: number;
  readonly count: number;
}

/**
 * A simple command whose `range` is computed on first use, like a Word's (few findings need it),
 * from where it is in the text its parser read. Its words may be too (see WordSource): unless
 * `withWords` gives them at once, they are all of `argv` (no assignments, no wrappers), which
 * the caller makes sure of.
 */
export class Command implements ShellCommand {
  // `declare`d and assigned in the constructor, not class fields (which would define each one
  // before the constructor stores it again): a parse makes one command per simple command.
  declare nested: boolean;
  declare readonly name: string;
  declare readonly redirects: readonly ShellRedirect[];
  declare readonly pipeline: number;
  declare readonly pipelineIndex: number;
  declare readonly connector: Connector | '';
  declare readonly depth: number;
  declare readonly subshell: Subshell | undefined;
  declare assignments: readonly ShellWord[];
  declare wrappers: readonly ShellWord[];
  private declare ownWords: readonly ShellWord[] | undefined;
  private declare ownArgv: readonly ShellWord[] | undefined;
  private declare cachedRange: Range | undefined;
  private declare readonly source: WordSource;
  /**
   * Kept as the parser made it (its builder of the command), not copied field by field: four
   * reads and stores less per command, which mostly run before V8 has optimized the parser.
   */
  private declare readonly span: CommandSpan;

  /** The command at `span` of `source`; `redirects` is NO_REDIRECTS when it has none. */
  constructor(source: WordSource, span: CommandSpan, name: string, redirects: readonly ShellRedirect[], pipeline: number, pipelineIndex: number, connector: Connector | '', depth: number, subshell: Subshell | undefined) {
    this.nested = false;
    this.name = name;
    this.redirects = redirects;
    this.pipeline = pipeline;
    this.pipelineIndex = pipelineIndex;
    this.connector = connector;
    this.depth = depth;
    this.subshell = subshell;
    this.assignments = NO_WORDS;
    this.wrappers = NO_WORDS;
    this.ownWords = undefined;
    this.ownArgv = undefined;
    this.cachedRange = undefined;
    this.source = source;
    this.span = span;
  }

  /** Gives the command its words now, split into assignments, wrappers and argv. */
  withWords(words: readonly ShellWord[], assignments: readonly ShellWord[], wrappers: readonly ShellWord[], argv: readonly ShellWord[]): this {
    this.ownWords = words;
    this.ownArgv = argv;
    if (assignments.length > 0) this.assignments = assignments;
    if (wrappers.length > 0) this.wrappers = wrappers;
    return this;
  }

  get words(): readonly ShellWord[] {
    return this.ownWords ?? this.readWords();
  }

  get argv(): readonly ShellWord[] {
    // Not through the `words` getter: a getter call from a getter, per command, in cold code.
    return this.ownArgv ?? this.readWords();
  }

  /** Makes the words of a command that `withWords` did not give any: all of them are its argv. */
  private readWords(): readonly ShellWord[] {
    const words = this.source.words(this.span.first, this.span.count);
    this.ownWords = words;
    this.ownArgv = words;
    return words;
  }

  mayHaveWord(value: string): boolean {
    // A slice of the text, not an `indexOf` from `startIdx`: that would search on to the end of the script.
    const text = this.source.s.slice(this.span.startIdx, this.span.endIdx);
    return text.includes(value) || QUOTE_OR_ESCAPE.test(text);
  }

  get range(): Range {
    if (this.cachedRange === undefined) {
      const start = this.source.startOffset(this.span.startIdx);
      this.cachedRange = this.source.index.rangeOf(start, Math.max(start, this.source.endOffset(this.span.endIdx)));
    }
    return this.cachedRange;
  }
}
