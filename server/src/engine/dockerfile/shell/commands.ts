// What the parser knows about commands: which ones are shells, and which ones only wrap the
// real command (`sudo`, `env`, `xargs`, `tini` …) so rules see `apt-get`, not `sudo`.
import type { ShellWord } from './types';

export const SHELLS = new Set(['sh', 'bash', 'ash', 'dash', 'zsh', 'ksh', 'mksh', 'busybox-sh']);

/** `-c`, `-ec`, `-xeuc`: the option that makes a shell run its next argument as a script. */
export const SCRIPT_FLAG = /^-[A-Za-z]*c[A-Za-z]*$/;

/** Where the script is in a shell's argv (`sh -ec 'script'` → 2): after its first `-c` option; -1 when none follows. */
export function scriptIndex(argv: readonly ShellWord[]): number {
  for (let k = 1; k < argv.length; k++) if (SCRIPT_FLAG.test(argv[k]!.value)) return k + 1 < argv.length ? k + 1 : -1;
  return -1;
}

/** `/usr/bin/apt-get` → `apt-get`. */
export function baseName(v: string): string {
  // Most names have no `/`: `indexOf` (a fast builtin) rules that out before `lastIndexOf` (a
  // runtime call) is needed. The parser asks this of every command.
  if (v.indexOf('/') < 0) return v;
  return v.slice(v.lastIndexOf('/') + 1);
}

/**
 * The program a `#!` line names: `#!/bin/bash -ex` → `bash`, `#!/usr/bin/env -S bash -e` → `bash`
 * (env's options, `NAME=value` words and `-S` skipped), `#!/bin/busybox sh` → `sh`; '' if none.
 */
export function shebangProgram(line: string): string {
  const words = line.slice(2).trim().split(/[ \t]+/);
  let i = 0;
  if (baseName(words[0]!) === 'env') {
    for (i = 1; i < words.length; i++) {
      const w = words[i]!;
      if (w === '-u' || w === '-C' || w === '--unset' || w === '--chdir') i++;
      else if (w.startsWith('-S') && w.length > 2) return baseName(w.slice(2));
      else if (!w.startsWith('-') && !/^[A-Za-z_][A-Za-z0-9_]*=/.test(w)) break;
    }
  }
  const name = baseName(words[i] ?? '');
  return name === 'busybox' ? baseName(words[i + 1] ?? '') : name;
}

/** Wrapper command → its options that take an argument. A Map: command names come from the file (`constructor`…). */
const OPTS_WITH_ARG = new Map<string, Set<string>>([
  ['sudo', new Set(['-u', '-g', '-p', '-C', '-h', '-r', '-t', '-U', '-D', '-R', '-T'])],
  ['doas', new Set(['-u', '-C'])],
  ['env', new Set(['-u', '-C', '-S', '--unset', '--chdir', '--split-string'])],
  ['xargs', new Set(['-n', '-I', '-d', '-P', '-L', '-s', '-a', '-E', '--max-args', '--delimiter', '--max-procs', '--arg-file', '--max-lines', '--max-chars'])],
  ['nice', new Set(['-n', '--adjustment'])],
  ['timeout', new Set(['-s', '-k', '--signal', '--kill-after'])],
  ['ionice', new Set(['-c', '-n', '-p'])],
  ['stdbuf', new Set(['-i', '-o', '-e'])],
  ['time', new Set(['-f', '-o'])],
  ['command', new Set()],
  ['nohup', new Set()],
  ['exec', new Set(['-a'])],
  ['eatmydata', new Set()],
  ['builtin', new Set()],
  ['gosu', new Set()],
  ['su-exec', new Set()],
  // init processes an ENTRYPOINT runs the program under (`tini -- app`, `dumb-init app`)
  ['tini', new Set(['-p', '-e'])],
  ['dumb-init', new Set(['-r', '--rewrite'])],
]);

/**
 * The wrappers and the shells: a command named otherwise needs nothing of its words at once (no
 * wrapper to skip, no `-c` script to parse), which one lookup tells the parser.
 */
export const WRAPPERS_AND_SHELLS: ReadonlySet<string> = new Set([...OPTS_WITH_ARG.keys(), ...SHELLS]);

/**
 * Skips wrapper commands (`sudo -E`, `env A=1`, `xargs -n1`, `timeout 10` …) to the real command
 * and returns where it starts. Wrapper words are appended to `wrappers`, `env NAME=value` words
 * to `envAssignments` (callers pass their arrays, which saves building a result per command).
 */
export function stripWrappers(words: readonly ShellWord[], from: number, wrappers: ShellWord[], envAssignments: ShellWord[]): number {
  let i = from;
  for (let guard = 0; guard < 8 && i < words.length; guard++) {
    const name = baseName(words[i]!.value);
    const opts = OPTS_WITH_ARG.get(name);
    if (!opts) break;
    if (name === 'command' && /^-[vV]$/.test(words[i + 1]?.value ?? '')) break;
    let j = i + 1;
    while (j < words.length) {
      const v = words[j]!.value;
      if (v === '--') {
        j++;
        break;
      }
      if (name === 'env' && /^[A-Za-z_][A-Za-z0-9_]*=/.test(v)) {
        envAssignments.push(words[j]!);
        j++;
        continue;
      }
      if (name === 'nice' && /^-[0-9]+$/.test(v)) {
        j++;
        continue;
      }
      if (!v.startsWith('-') || v === '-') {
        if (name === 'env' && v === '-') {
          j++;
          continue;
        }
        break;
      }
      j += opts.has(v) ? 2 : 1;
    }
    if (name === 'timeout' && j < words.length) j++; // the duration
    if ((name === 'gosu' || name === 'su-exec') && j < words.length) j++; // the user
    for (let k = i; k < Math.min(j, words.length); k++) if (!envAssignments.includes(words[k]!)) wrappers.push(words[k]!);
    i = j;
  }
  return Math.min(i, words.length);
}
