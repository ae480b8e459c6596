// The JSON exec form (`RUN ["cmd", "arg"]`), decided the way Docker decides it.
import { baseName, stripWrappers } from './commands';
import type { OffsetIndex, ShellCommand, ShellWord } from './types';

/** An exec-form word also keeps the document offset of each value character (for `sh -c`). */
export interface ExecWord extends ShellWord {
  valueOffs: number[];
}

/** `["cmd", "arg"]` when the text is a JSON array of strings (as Docker decides); else undefined. */
export function parseExecForm(s: string, offs: number[], index: OffsetIndex): ShellCommand | undefined {
  let i = 0;
  const n = s.length;
  const ws = (): void => {
    while (i < n && /\s/.test(s[i]!)) i++;
  };
  ws();
  if (s[i] !== '[') return undefined;
  const first = i;
  i++;
  const words: ExecWord[] = [];
  ws();
  if (s[i] === ']') {
    i++;
  } else {
    for (;;) {
      ws();
      if (s[i] !== '"') return undefined;
      const startIdx = i;
      i++;
      let value = '';
      const valueOffs: number[] = [];
      while (i < n && s[i] !== '"') {
        if (s[i] === '\\') {
          const e = s[i + 1];
          const map: Record<string, string> = { '"': '"', '\\': '\\', '/': '/', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t' };
          if (e !== undefined && map[e] !== undefined) {
            value += map[e];
            valueOffs.push(offs[i]!);
            i += 2;
            continue;
          }
          if (e === 'u' && /^[0-9a-fA-F]{4}$/.test(s.slice(i + 2, i + 6))) {
            value += String.fromCharCode(parseInt(s.slice(i + 2, i + 6), 16));
            valueOffs.push(offs[i]!);
            i += 6;
            continue;
          }
          return undefined;
        }
        if (s.charCodeAt(i) < 0x20) return undefined;
        value += s[i];
        valueOffs.push(offs[i]!);
        i++;
      }
      if (i >= n) return undefined;
      i++;
      const start = offs[startIdx]!;
      const end = offs[i - 1]! + 1;
      words.push({ value, raw: s.slice(startIdx, i), range: index.rangeOf(start, end), start, end, quoted: true, expansion: false, valueOffs });
      ws();
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
  ws();
  if (i < n) return undefined;
  const start = offs[first]!;
  const end = offs[n - 1]! + 1;
  const { wrappers, argvStart, envAssignments } = stripWrappers(words, 0);
  const argv = words.slice(argvStart);
  return {
    words,
    assignments: envAssignments,
    wrappers,
    argv,
    name: argv[0] ? baseName(argv[0].value) : '',
    redirects: [],
    pipeline: 0,
    pipelineIndex: 0,
    connector: '',
    depth: 0,
    nested: false,
    range: index.rangeOf(start, end),
  };
}
