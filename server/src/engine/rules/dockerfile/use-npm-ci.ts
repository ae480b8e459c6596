import type { DockerfileDoc } from '../../dockerfile/model';
import { copyInfo, isAbsolutePath, normalizePath, parseNpm, parseRun, resolveDest, stageWorkdirs, type CopyInfo, type Workdir } from '../../dockerfile/shell';
import type { Rule } from '../../types';

/** A COPY/ADD source that brings an npm lockfile. */
const LOCKFILE_SOURCE = /(^|\/)(package-lock\.json|npm-shrinkwrap\.json|package\*\.json|package\*|package-lock\*?\.json|package\.json\*)$/;

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

/** `dir` against `cwd` (undefined when unknown). */
function chdir(cwd: string | undefined, dir: string): string | undefined {
  if (dir === '' || dir.includes('$') || dir === '-' || dir.startsWith('~')) return undefined;
  if (dir.startsWith('/')) return normalizePath(dir);
  if (isAbsolutePath(dir) || cwd === undefined) return undefined;
  return normalizePath(cwd + '/' + dir);
}

export const useNpmCi: Rule<DockerfileDoc> = {
  meta: {
    id: 'dockerfile/use-npm-ci',
    title: 'Use `npm ci` when a lockfile is copied',
    domain: 'dockerfile',
    severity: 'warning',
    guideSection: 'Container Standards — Dockerfile Best Practices ("Copy dependency files first": `COPY package*.json ./` + `RUN npm ci`)',
    rationale:
      '`npm install` may resolve newer versions than the lockfile and rewrite it, so two builds of the same commit can differ; `npm ci` installs exactly what `package-lock.json` says and fails when it is out of date. Only reported when a lockfile (`package-lock.json`, `npm-shrinkwrap.json`, `package*.json`) is copied into the stage before the install (into the directory the install runs in, as far as `WORKDIR`, `cd` and `--prefix` tell), or bind-mounted into the RUN.',
    bad: { fileName: 'Dockerfile', code: 'FROM node:20-alpine\nWORKDIR /app\nCOPY package*.json ./\nRUN npm install\n' },
    good: { fileName: 'Dockerfile', code: 'FROM node:20-alpine\nWORKDIR /app\nCOPY package*.json ./\nRUN npm ci\n' },
    fixable: true,
  },
  kinds: ['dockerfile'],
  check(doc, ctx) {
    for (const stage of doc.stages) {
      let lockfile = false;
      /** Where the copied lockfiles are; undefined once one landed somewhere unknown. */
      let lockDirs: Set<string> | undefined = new Set();
      for (const ins of stage.instructions) {
        const c = copyInfo(doc, ins);
        if (c && !c.heredoc && c.dest && c.sources.some((s) => LOCKFILE_SOURCE.test(s.value))) {
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
        // The directory the commands run in, as far as known (`cd` moves it).
        let cwd = lockDirs && !mounted ? stageWorkdirs(doc, stage).before.get(ins)!.path : undefined;
        for (const cmd of run?.commands ?? []) {
          // (A `cd` in a subshell or `sh -c` leaves the directory unknown for the rest of the RUN.)
          if (cmd.name === 'cd') cwd = cmd.depth === 0 ? chdir(cwd, cmd.argv[1]?.value ?? '') : undefined;
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
