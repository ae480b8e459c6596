// The JSON exec form (`RUN ["cmd", "arg"]`), decided the way Docker decides it.
import { baseName, stripWrappers } from './commands';
import { isSpace, runEnd } from './lexer';
import { OffsetMap } from './offset-map';
import type { OffsetIndex, ShellCommand, ShellWord } from './types';
import { Command, NO_REDIRECTS, Word, WordSource } from './word';

/**
 * An exec-form word also gives the document offset of each value character (for `sh -c`), worked
 * out on first use: only a shell's script needs them.
 */
export class ExecWord extends Word {
  private declare readonly source: string;
  private declare readonly sourceOffs: OffsetMap;
  private declare readonly startIdx: number;
  private declare cachedOffs: OffsetMap | undefined;

  constructor(value: string, raw: string, start: number, end: number, index: OffsetIndex, source: string, sourceOffs: OffsetMap, startIdx: number) {
    super(value, raw, start, end, true, false, index);
    this.source = source;
    this.sourceOffs = sourceOffs;
    this.startIdx = startIdx;
    this.cachedOffs = undefined;
  }

  get valueOffs(): OffsetMap {
    if (this.cachedOffs === undefined) {
      this.cachedOffs = new OffsetMap();
      scanJsonString(this.source, this.startIdx, this.sourceOffs, this.cachedOffs);
    }
    return this.cachedOffs;
  }
}

/** JSON string escapes other than `\uXXXX`. */
const ESCAPES: Record<string, string> = { '"': '"', '\\': '\\', '/': '/', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t' };

/** `["cmd", "arg"]` when the text is a JSON array of strings (as Docker decides); else undefined. */
export function parseExecForm(s: string, offs: OffsetMap, index: OffsetIndex): ShellCommand | undefined {
  const n = s.length;
  let i = skipSpaces(s, 0);
  if (s[i] !== '[') return undefined;
  const first = i;
  const words: ExecWord[] = [];
  i = skipSpaces(s, i + 1);
  if (s[i] === ']') {
    i++;
  } else {
    for (;;) {
      const w = readJsonString(s, skipSpaces(s, i), offs, index);
      if (!w) return undefined;
      words.push(w.word);
      i = skipSpaces(s, w.end);
      if (s[i] === ',') {
        i++;
        continue;
      }
      if (s[i] === ']') {
        i++;
        break;
      }
      return undefined;
    }
  }
  if (skipSpaces(s, i) < n) return undefined;
  const wrappers: ShellWord[] = [];
  const assignments: ShellWord[] = [];
  const argvStart = stripWrappers(words, 0, wrappers, assignments);
  const argv = words.slice(argvStart);
  const name = argv[0] ? baseName(argv[0].value) : '';
  // Its range: from the `[` to the end of the text.
  return new Command(new WordSource(s, offs, index), { startIdx: first, endIdx: n, first: 0, count: 0 }, name, NO_REDIRECTS, 0, 0, '', 0, undefined).withWords(words, assignments, wrappers, argv);
}

/** Characters a JSON string holds as themselves: all but `"`, `\\` and control characters. Sticky. */
const JSON_PLAIN_RUN = /[^"\\\u0000-\u001f]*/y;

function skipSpaces(s: string, i: number): number {
  while (i < s.length && isSpace(s[i]!)) i++;
  return i;
}

/** The JSON string starting at the `"` at `startIdx`, and the index after it; undefined if invalid. */
function readJsonString(s: string, startIdx: number, offs: OffsetMap, index: OffsetIndex): { word: ExecWord; end: number } | undefined {
  const value = scanJsonString(s, startIdx, offs, undefined);
  if (value === undefined) return undefined;
  const i = scanEnd;
  const start = offs.at(startIdx)!;
  const end = offs.at(i - 1)! + 1;
  return { word: new ExecWord(value, s.slice(startIdx, i), start, end, index, s, offs, startIdx), end: i };
}

/** Where the last `scanJsonString` ended (after the closing `"`). */
let scanEnd = 0;

/**
 * The value of the JSON string starting at the `"` at `startIdx` (undefined if invalid), the index
 * after it in `scanEnd`; `valueOffs`, when given, receives the document offset of each value character.
 */
function scanJsonString(s: string, startIdx: number, offs: OffsetMap, valueOffs: OffsetMap | undefined): string | undefined {
  if (s[startIdx] !== '"') return undefined;
  const n = s.length;
  let i = startIdx + 1;
  let value = '';
  while (i < n && s[i] !== '"') {
    if (s[i] === '\\') {
      const e = s[i + 1];
      let ch: string;
      let width: number;
      if (e !== undefined && ESCAPES[e] !== undefined) {
        ch = ESCAPES[e];
        width = 2;
      } else if (e === 'u' && /^[0-9a-fA-F]{4}$/.test(s.slice(i + 2, i + 6))) {
        ch = String.fromCharCode(parseInt(s.slice(i + 2, i + 6), 16));
        width = 6;
      } else {
        return undefined;
      }
      value += ch;
      valueOffs?.add(offs.at(i)!, 1);
      i += width;
      continue;
    }
    // A run of plain characters, copied at once (control characters are invalid JSON).
    const from = i;
    i = runEnd(JSON_PLAIN_RUN, s, i);
    if (i < n && s.charCodeAt(i) < 0x20) return undefined;
    value += s.slice(from, i);
    valueOffs?.append(offs, from, i);
  }
  if (i >= n) return undefined;
  scanEnd = i + 1;
  return value;
}
