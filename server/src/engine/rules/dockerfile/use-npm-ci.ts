import type { DockerfileDoc } from '../../dockerfile/model';
import { copyInfo, parseNpm, parseRun } from '../../dockerfile/shell';
import type { Rule } from '../../types';

/** A COPY/ADD source that brings an npm lockfile. */
const LOCKFILE_SOURCE = /(^|\/)(package-lock\.json|npm-shrinkwrap\.json|package\*\.json|package\*|package-lock\*?\.json|package\.json\*)$/;

/** Options that make `npm install` ignore or rewrite the lockfile: `npm ci` would change behaviour. */
const LOCK_OPTIONS = new Set(['--no-package-lock', '--package-lock', '--no-shrinkwrap', '--shrinkwrap', '--package-lock-only', '--no-save', '--save', '--force', '--global', '-g']);

export const useNpmCi: Rule<DockerfileDoc> = {
  meta: {
    id: 'dockerfile/use-npm-ci',
    title: 'Use `npm ci` when a lockfile is copied',
    domain: 'dockerfile',
    severity: 'warning',
    guideSection: 'Container Standards — Dockerfile Best Practices ("Copy dependency files first": `COPY package*.json ./` + `RUN npm ci`)',
    rationale:
      '`npm install` may resolve newer versions than the lockfile and rewrite it, so two builds of the same commit can differ; `npm ci` installs exactly what `package-lock.json` says and fails when it is out of date. Only reported when a lockfile (`package-lock.json`, `npm-shrinkwrap.json`, `package*.json`) is copied into the stage before the install, or bind-mounted into the RUN.',
    bad: { fileName: 'Dockerfile', code: 'FROM node:20-alpine\nWORKDIR /app\nCOPY package*.json ./\nRUN npm install\n' },
    good: { fileName: 'Dockerfile', code: 'FROM node:20-alpine\nWORKDIR /app\nCOPY package*.json ./\nRUN npm ci\n' },
    fixable: true,
  },
  kinds: ['dockerfile'],
  check(doc, ctx) {
    for (const stage of doc.stages) {
      let lockfile = false;
      for (const ins of stage.instructions) {
        const c = copyInfo(doc, ins);
        if (c && !c.heredoc && c.sources.some((s) => LOCKFILE_SOURCE.test(s.value))) lockfile = true;
        if (ins.getKeyword() !== 'RUN') continue;
        const run = parseRun(doc, ins);
        // `RUN --mount=type=bind,source=package-lock.json,… npm install` brings the lockfile too.
        const mounted = (run?.flags ?? []).some((f) => /^--mount=/.test(f.value) && /(^|[=,])type=bind(,|$)/.test(f.value) && /(^|,)(source|src)=([^,]*\/)?(package-lock|npm-shrinkwrap)\.json(,|$)/.test(f.value));
        if (!lockfile && !mounted) continue;
        for (const cmd of run?.commands ?? []) {
          const npm = parseNpm(cmd);
          if (!npm || npm.sub !== 'install' || npm.packages.length > 0 || npm.global) continue;
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
