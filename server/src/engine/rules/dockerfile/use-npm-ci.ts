import type { DockerfileDoc } from '../../dockerfile/model';
import { boundedPath, copyInfo, isAbsolutePath, normalizePath, parseNpm, parseRun, resolveDest, runsNpm, stageWorkdirs, type CopyInfo, type Subshell, type Workdir } from '../../dockerfile/shell';
import type { Rule } from '../../types';

const LOCKFILES = ['package-lock.json', 'npm-shrinkwrap.json'];

/**
 * Whether a COPY/ADD source can bring an npm lockfile: its last segment names one, or is a
 * glob (`*`, `?`, `[…]`, as in Go's filepath.Match) that can match one (`package*.json`,
 * `*.json`, `*-lock.json*`). A bare `*` copies everything, like `COPY . .`: unknown.
 */
function bringsLockfile(source: string): boolean {
  const seg = source.slice(source.replace(/\/+$/, '').lastIndexOf('/') + 1);
  if (!/[*?[]/.test(seg)) return LOCKFILES.includes(seg);
  if (/^\*+$/.test(seg)) return false;
  const lit = (c: string): string => c.replace(/[\\^$.*+?()[\]{}|/-]/g, '\\$&');
  let re = '';
  for (let i = 0; i < seg.length; i++) {
    const c = seg[i]!;
    if (c === '*') re += '[^/]*';
    else if (c === '?') re += '[^/]';
    else if (c === '\\') re += lit(seg[++i] ?? '\\');
    else if (c !== '[') re += lit(c);
    else {
      // `[abc]`, `[a-z]`, `[^a]`, with `\` escapes.
      let cls = '';
      let j = i + 1;
      if (seg[j] === '^') (cls += '^'), j++;
      for (; j < seg.length && seg[j] !== ']'; j++) cls += seg[j] === '-' ? '-' : lit(seg[j] === '\\' ? seg[++j] ?? '' : seg[j]!);
      if (j >= seg.length || cls === '' || cls === '^') return false; // malformed: matches nothing
      re += `[${cls}]`;
      i = j;
    }
  }
  try {
    const rx = new RegExp(`^${re}$`);
    return LOCKFILES.some((f) => rx.test(f));
  } catch {
    return false;
  }
}

/** Options that make `npm install` ignore or rewrite the lockfile: `npm ci` would change behaviour. */
const LOCK_OPTIONS = new Set(['--no-package-lock', '--package-lock', '--no-shrinkwrap', '--shrinkwrap', '--package-lock-only', '--no-save', '--save', '--force', '--global', '-g']);

/**
 * Directories a COPY of a lockfile may put it in (a destination without a trailing slash may be
 * the directory or the file), or undefined when they cannot be known.
 */
function lockfileDirs(c: CopyInfo, wd: Workdir): string[] | undefined {
  const d = c.dest!.value;
  const at = resolveDest(d, wd);
  if (at === undefined) return undefined;
  if (d.endsWith('/') || d === '.' || c.sources.length > 1) return [at];
  return [at, normalizePath(at + '/..')];
}

/**
 * `dir` against `cwd` (undefined when unknown). Bounded like a WORKDIR path: each `cd` of a chain
 * of relative ones would otherwise make a path longer than the one before (quadratic time).
 */
function chdir(cwd: string | undefined, dir: string): string | undefined {
  if (dir === '' || dir.includes('$') || dir === '-' || dir.startsWith('~')) return undefined;
  if (dir.startsWith('/')) return boundedPath(dir);
  if (isAbsolutePath(dir) || cwd === undefined) return undefined;
  return boundedPath(cwd + '/' + dir);
}

/**
 * The directory the commands of `shell` run in, from `cwds`: each shell's (the top-level one's
 * under undefined) once a `cd` in it or a command in it was seen. A shell not seen yet gets its
 * parent's; its commands are consecutive, so no `cd` outside it comes before its last one. Each
 * shell is walked once: a walk to the top for every command was quadratic in the nesting depth.
 */
function cwdIn(shell: Subshell | undefined, cwds: Map<Subshell | undefined, string | undefined>): string | undefined {
  let known = shell;
  while (!cwds.has(known)) known = known!.parent;
  const cwd = cwds.get(known);
  for (let s = shell; s !== known; s = s!.parent) cwds.set(s, cwd);
  return cwd;
}

export const useNpmCi: Rule<DockerfileDoc> = {
  meta: {
    id: 'dockerfile/use-npm-ci',
    title: 'Use `npm ci` when a lockfile is copied',
    domain: 'dockerfile',
    severity: 'warning',
    guideSection: 'Container Standards — Dockerfile Best Practices ("Copy dependency files first": `COPY package*.json ./` + `RUN npm ci`)',
    rationale:
      '`npm install` may resolve newer versions than the lockfile and rewrite it, so two builds of the same commit can differ; `npm ci` installs exactly what `package-lock.json` says and fails when it is out of date. Only reported when a lockfile (`package-lock.json`, `npm-shrinkwrap.json`, or a glob that can match one such as `package*.json` or `*.json`) is copied into the stage before the install (into the directory the install runs in, as far as `WORKDIR`, `cd` (also in a `( … )` subshell) and `--prefix` tell), or bind-mounted into the RUN.',
    bad: { fileName: 'Dockerfile', code: 'FROM node:20-alpine\nWORKDIR /app\nCOPY package*.json ./\nRUN npm install\n' },
    good: { fileName: 'Dockerfile', code: 'FROM node:20-alpine\nWORKDIR /app\nCOPY package*.json ./\nRUN npm ci\n' },
    fixable: true,
    fixSafety: 'safe',
  },
  kinds: ['dockerfile'],
  check(doc, ctx) {
    // Only an `npm install` is reported: most Dockerfiles run no npm, and are settled before
    // their COPY sources are matched against the lockfile names.
    if (!runsNpm(doc)) return;
    for (const stage of doc.stages) {
      let lockfile = false;
      /** Where the copied lockfiles are; undefined once one landed somewhere unknown. */
      let lockDirs: Set<string> | undefined = new Set();
      for (const ins of stage.instructions) {
        const c = copyInfo(doc, ins);
        if (c && !c.heredoc && c.dest && c.sources.some((s) => bringsLockfile(s.value))) {
          lockfile = true;
          const dirs = lockDirs && lockfileDirs(c, stageWorkdirs(doc, stage).before.get(ins)!);
          if (dirs) for (const d of dirs) lockDirs!.add(d);
          else lockDirs = undefined;
        }
        if (ins.getKeyword() !== 'RUN') continue;
        const run = parseRun(doc, ins);
        // `RUN --mount=type=bind,source=package-lock.json,… npm install` brings the lockfile too.
        const mounted = (run?.flags ?? []).some((f) => /^--mount=/.test(f.value) && /(^|[=,])type=bind(,|$)/.test(f.value) && /(^|,)(source|src)=([^,]*\/)?(package-lock|npm-shrinkwrap)\.json(,|$)/.test(f.value));
        if (!lockfile && !mounted) continue;
        // The directory the commands run in, as far as known: a `cd` moves it until the end of
        // its shell (the RUN's, a `( … )` subshell, `sh -c`): see `cwdIn`.
        const cwds = new Map<Subshell | undefined, string | undefined>([[undefined, lockDirs && !mounted ? stageWorkdirs(doc, stage).before.get(ins)!.path : undefined]]);
        for (const cmd of run?.commands ?? []) {
          const cwd = cwdIn(cmd.subshell, cwds);
          if (cmd.name === 'cd') cwds.set(cmd.subshell, chdir(cwd, cmd.argv[1]?.value ?? ''));
          const npm = parseNpm(cmd);
          if (!npm || npm.sub !== 'install' || npm.packages.length > 0 || npm.global) continue;
          // An install in a directory no lockfile was copied to (`cd client && npm install`): `npm ci` would fail there.
          const prefix = npm.optionValues.get('--prefix') ?? npm.optionValues.get('-C');
          const dir = prefix ? chdir(cwd, prefix[prefix.length - 1]!) : cwd;
          if (lockDirs && !mounted && dir !== undefined && !lockDirs.has(dir)) continue;
          if ([...npm.optionValues.keys()].some((o) => LOCK_OPTIONS.has(o))) continue;
          if (npm.options.some((o) => /^--(no-)?(package-lock|shrinkwrap)(=|$)/.test(o.value))) continue;
          const w = npm.subWord;
          ctx.report({
            range: w.range,
            message: `\`npm ${w.value}\` can drift from the copied lockfile; use \`npm ci\` for a reproducible install.`,
            fixes: [{ title: 'Use `npm ci`', edits: [{ range: w.range, newText: 'ci' }], safe: !w.quoted }],
          });
        }
      }
    }
  },
};
