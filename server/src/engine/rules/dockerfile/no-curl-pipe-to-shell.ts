import type { DockerfileDoc } from '../../dockerfile/model';
import { allRuns, type ShellCommand } from '../../dockerfile/shell';
import type { Range, Rule } from '../../types';

const SHELLS = new Set(['sh', 'bash', 'ash', 'dash', 'zsh', 'ksh', 'mksh', 'fish']);
const INTERPRETERS = new Set(['python', 'python2', 'python3', 'perl', 'ruby', 'node', 'php']);
/**
 * Every command name the rule looks at: downloads and the runners of case 2 below. One Set lookup
 * rules out the other commands (nearly all of them), which the separate tests cost several times.
 */
const NAMES = new Set(['curl', 'wget', 'eval', 'source', '.', ...SHELLS]);

/** Whether `curl`/`wget` writes the download to stdout. */
function downloadsToStdout(cmd: ShellCommand): boolean {
  const a = cmd.argv.map((w) => w.value);
  if (cmd.name === 'curl') {
    for (let i = 1; i < a.length; i++) {
      const v = a[i]!;
      if (v === '-o' || v === '--output') return a[i + 1] === '-' || a[i + 1] === '/dev/stdout';
      if (v.startsWith('--output=')) return /^--output=(-|\/dev\/stdout)$/.test(v);
      if (v === '-O' || v === '--remote-name' || v === '--remote-name-all') return false;
      if (/^-[A-Za-z]+$/.test(v) && !v.startsWith('--')) {
        if (v.includes('O')) return false;
        if (v.endsWith('o')) return a[i + 1] === '-' || a[i + 1] === '/dev/stdout';
        if (/o./.test(v.slice(1))) return /o(-|\/dev\/stdout)$/.test(v);
      }
    }
    return true;
  }
  if (cmd.name === 'wget') {
    for (let i = 1; i < a.length; i++) {
      const v = a[i]!;
      if (v === '-O' || v === '--output-document') return a[i + 1] === '-' || a[i + 1] === '/dev/stdout';
      if (/^--output-document=(-|\/dev\/stdout)$/.test(v)) return true;
      if (/^-[A-Za-z]*O(-|\/dev\/stdout)$/.test(v)) return true;
      if (/^-[A-Za-z]*O$/.test(v)) return a[i + 1] === '-' || a[i + 1] === '/dev/stdout';
    }
    return false;
  }
  return false;
}

/** A program operand that is stdin: none, `-`, or a path to the standard input. */
function isStdinOperand(operand: string | undefined): boolean {
  return operand === undefined || operand === '-' || operand === '/dev/stdin' || operand === '/dev/fd/0' || operand === '/proc/self/fd/0';
}

/** Whether a command runs a program it reads from stdin (`sh`, `bash -s -- x`, `bash /dev/stdin`, `python3 -`). */
function runsStdin(cmd: ShellCommand): boolean {
  const args = cmd.argv.slice(1).map((w) => w.value);
  if (SHELLS.has(cmd.name)) {
    // `bash -c '…'` or `bash script.sh` do not read the program from stdin.
    if (args.some((v) => /^-[A-Za-z]*c[A-Za-z]*$/.test(v))) return false;
    const operand = args.find((v) => !v.startsWith('-') || v === '-');
    return isStdinOperand(operand) || args.some((v) => /^-[A-Za-z]*s[A-Za-z]*$/.test(v));
  }
  if (INTERPRETERS.has(cmd.name)) {
    if (args.some((v) => /^-[A-Za-z]*[ceEmr]$/.test(v))) return false;
    return isStdinOperand(args.find((v) => !v.startsWith('-') || v === '-'));
  }
  return false;
}

/**
 * The first command after `cmd` (at `at` in `commands`) in its pipeline (as `pipelineOf` finds
 * them: same pipeline id, depth and nesting, in script order) that runs a program read from stdin.
 * Only the commands of its pipeline id after `at` are looked at (`pipelines`: the indices of the
 * commands of each id, in order), not every later command of the RUN for every download. A parse
 * gives each pipeline an id of its own (nested scripts share their parent's counter) and pushes a
 * command before it reads the next one of its pipeline, so the later ones of a pipeline come after
 * it in the list (tested against pipelineOf).
 */
function stdinRunnerAfter(commands: readonly ShellCommand[], at: number, pipelines: ReadonlyMap<number, readonly number[]>): ShellCommand | undefined {
  const cmd = commands[at]!;
  const { pipeline, pipelineIndex, depth, nested } = cmd;
  const same = pipelines.get(pipeline)!;
  for (let j = 0; j < same.length; j++) {
    const k = same[j]!;
    if (k <= at) continue;
    const c = commands[k]!;
    if (c.depth === depth && c.nested === nested && c.pipelineIndex > pipelineIndex && runsStdin(c)) return c;
  }
  return undefined;
}

/** The indices of a RUN's commands by pipeline id, in order. */
function commandsByPipeline(commands: readonly ShellCommand[]): Map<number, number[]> {
  const pipelines = new Map<number, number[]>();
  for (let k = 0; k < commands.length; k++) {
    const id = commands[k]!.pipeline;
    const list = pipelines.get(id);
    if (list === undefined) pipelines.set(id, [k]);
    else list.push(k);
  }
  return pipelines;
}

/**
 * `$(curl …)`, `` `wget -O- …` ``, `<(curl …)` inside a word. The path before the program stops at
 * the next `$(`, backquote or `<(`: a match across one has a match from it too, and reading on to
 * the end of the word from every one of them made a word with many substitutions quadratic.
 */
const SUBST_DOWNLOAD = /(\$\(|`|<\()\s*((?:[^\s$`<]|\$(?!\()|<(?!\())*\/)?(curl|wget)\s/;

export const noCurlPipeToShell: Rule<DockerfileDoc> = {
  meta: {
    id: 'dockerfile/no-curl-pipe-to-shell',
    title: "Don't pipe downloads into a shell",
    domain: 'dockerfile',
    severity: 'warning',
    guideSection: 'Container Standards — Container Security ("Pin dependency versions"; "Scan images for vulnerabilities")',
    rationale:
      '`curl … | sh` runs whatever the server returns at build time, unpinned and unverified: a compromised or changed script ends up in the image. Download the script or a release artifact at a pinned version, verify its checksum (`sha256sum -c`), then run it.',
    bad: { fileName: 'Dockerfile', code: 'FROM debian:12-slim\nRUN curl -fsSL https://example.com/install.sh | sh\n' },
    good: {
      fileName: 'Dockerfile',
      code: 'FROM debian:12-slim\nRUN curl -fsSLo /tmp/install.sh https://example.com/v1.2.3/install.sh \\\n && echo "3f0c…  /tmp/install.sh" | sha256sum -c - \\\n && sh /tmp/install.sh\n',
    },
    fixable: false,
  },
  kinds: ['dockerfile'],
  check(doc, ctx) {
    // Indexed loops and no per-RUN Set or per-download pipeline array: `check` runs once per file,
    // mostly before V8 has optimised it, for every command of every RUN.
    const runs = allRuns(doc);
    for (let r = 0; r < runs.length; r++) {
      const commands = runs[r]!.commands;
      let seen: Set<number> | undefined;
      // Made for the first download (most RUNs have none).
      let pipelines: Map<number, number[]> | undefined;
      for (let k = 0; k < commands.length; k++) {
        const cmd = commands[k]!;
        const name = cmd.name;
        if (!NAMES.has(name)) continue;
        // 1. curl … | [filters |] sh
        // (The pipeline first: most downloads feed none, and reading a command's arguments makes their words.)
        if ((name === 'curl' || name === 'wget') && (seen === undefined || !seen.has(cmd.pipeline))) {
          const target = stdinRunnerAfter(commands, k, (pipelines ??= commandsByPipeline(commands)));
          if (target && downloadsToStdout(cmd)) {
            (seen ??= new Set()).add(cmd.pipeline);
            const range: Range = { start: cmd.range.start, end: target.range.end };
            ctx.report({
              range,
              message: `\`${name} … | ${target.name}\` runs a downloaded script without verifying it; download it to a file, check its checksum, then run it.`,
            });
            continue;
          }
        }
        // 2. sh -c "$(curl …)", bash <(curl …), eval "$(wget -O- …)", . <(curl …)
        const runner = SHELLS.has(name) || name === 'eval' || name === 'source' || name === '.';
        if (runner) {
          const w = cmd.argv.slice(1).find((x) => SUBST_DOWNLOAD.test(x.raw));
          if (w && !/\|\s*(sha|md5)\w*sum/.test(w.raw)) {
            ctx.report({
              range: { start: cmd.range.start, end: w.range.end },
              message: `\`${name}\` runs a script downloaded by ${/wget/.test(w.raw) ? '`wget`' : '`curl`'} without verifying it; download it to a file, check its checksum, then run it.`,
            });
          }
        }
      }
    }
  },
};
