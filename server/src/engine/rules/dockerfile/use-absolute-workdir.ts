import type { DockerfileDoc } from '../../dockerfile/model';
import { instructionArgs, isAbsolutePath, MAX_PATH_LENGTH, normalizePath, stageWorkdirs } from '../../dockerfile/shell';
import type { Rule } from '../../types';

export const useAbsoluteWorkdir: Rule<DockerfileDoc> = {
  meta: {
    id: 'dockerfile/use-absolute-workdir',
    title: 'Use an absolute WORKDIR',
    domain: 'dockerfile',
    severity: 'warning',
    guideSection: 'Container Standards — Dockerfile Best Practices ("Set working directory": `WORKDIR /app`)',
    rationale:
      'A relative WORKDIR resolves against whatever working directory the base image happens to set, so the same Dockerfile puts files in different places when the base changes. A relative WORKDIR after an absolute one in the same stage, or one that uses a variable, is not reported. The fix writes the absolute path the relative WORKDIRs lead to from `/`; none is suggested past 4096 characters (PATH_MAX on Linux).',
    bad: { fileName: 'Dockerfile', code: 'FROM node:20-alpine\nWORKDIR app\nCOPY . .\n' },
    good: { fileName: 'Dockerfile', code: 'FROM node:20-alpine\nWORKDIR /app\nWORKDIR src\nCOPY . .\n' },
    fixable: true,
    fixSafety: 'unsafe',
  },
  kinds: ['dockerfile'],
  check(doc, ctx) {
    for (let si = 0; si < doc.stages.length; si++) {
      const stage = doc.stages[si]!;
      const { before } = stageWorkdirs(doc, stage);
      const list = stage.instructions;
      const keywords = stage.keywords;
      // A native `indexOf` finds the WORKDIRs: a JS loop over every keyword runs cold, in the interpreter.
      for (let i = keywords.indexOf('WORKDIR'); i >= 0; i = keywords.indexOf('WORKDIR', i + 1)) {
        const ins = list[i]!;
        const args = instructionArgs(doc, ins).args;
        const word = args[0];
        if (!word || args.length !== 1) continue;
        const path = word.value;
        // `WORKDIR .` changes nothing.
        if (path === '' || path === '.' || path === './' || path.includes('$') || isAbsolutePath(path)) continue;
        const wd = before.get(ins);
        if (wd?.anchored) continue;
        // Where the relative WORKDIRs so far lead when the base image's working directory is `/`
        // (`..` resolved: `WORKDIR ..` is `/`, `WORKDIR a` then `WORKDIR b` is `/a/b`); unknown
        // past MAX_PATH_LENGTH: reported without a path to use.
        const absolute = wd && wd.fromRoot === undefined ? undefined : normalizePath((wd?.fromRoot ?? '/') + '/' + path);
        if (absolute === undefined || absolute.length > MAX_PATH_LENGTH) {
          ctx.report({
            range: word.range,
            message: `WORKDIR \`${path}\` is relative and no absolute WORKDIR precedes it in this stage, so it depends on the base image's working directory; use an absolute path.`,
            fixes: [],
          });
          continue;
        }
        ctx.report({
          range: word.range,
          message: `WORKDIR \`${path}\` is relative and no absolute WORKDIR precedes it in this stage, so it depends on the base image's working directory; use an absolute path such as \`${absolute}\`.`,
          fixes: [
            {
              title: `Use \`${absolute}\``,
              edits: [{ range: word.range, newText: word.quoted ? JSON.stringify(absolute) : absolute }],
              // Only the same when the base image's working directory is `/`.
              safe: false,
            },
          ],
        });
      }
    }
  },
};
