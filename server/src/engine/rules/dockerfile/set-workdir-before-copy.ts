import type { DockerfileDoc } from '../../dockerfile/model';
import { copyInfo, isAbsolutePath, stageWorkdirs } from '../../dockerfile/shell';
import type { Rule } from '../../types';
import { indicesOf } from './keyword-search';

export const setWorkdirBeforeCopy: Rule<DockerfileDoc> = {
  meta: {
    id: 'dockerfile/set-workdir-before-copy',
    title: 'Set WORKDIR before copying application code',
    domain: 'dockerfile',
    severity: 'info',
    guideSection: 'Container Standards — Dockerfile Best Practices ("Set working directory": `WORKDIR /app` before `COPY`)',
    rationale:
      'Without a WORKDIR, a relative COPY destination such as `.` or `./src` lands in the base image\'s working directory (often `/`), mixing the application with the system tree and depending on the base. A WORKDIR set earlier in the stage, or in the stage it is built FROM, counts; `COPY --from=…` artifacts, absolute destinations and stages built on `scratch` (whose working directory can only be `/`) are not reported.',
    bad: { fileName: 'Dockerfile', code: 'FROM node:20-alpine\nCOPY . .\nCMD ["node", "server.js"]\n' },
    good: { fileName: 'Dockerfile', code: 'FROM node:20-alpine\nWORKDIR /app\nCOPY . .\nCMD ["node", "server.js"]\n' },
    fixable: false,
  },
  kinds: ['dockerfile'],
  check(doc, ctx) {
    for (let si = 0; si < doc.stages.length; si++) {
      const stage = doc.stages[si]!;
      // A scratch image has no config: a relative destination always lands in `/`, not in some base's choice.
      if (stage.rootImage.isScratch) continue;
      const { before } = stageWorkdirs(doc, stage);
      const list = stage.instructions;
      const keywords = stage.keywords;
      // Native searches, not a JS loop over every keyword (which runs cold, in the interpreter).
      const copies = indicesOf(keywords, 'COPY', 'ADD');
      for (let k = 0; k < copies.length; k++) {
        const ins = list[copies[k]!]!;
        const c = copyInfo(doc, ins);
        // Artifacts from other stages/images (`COPY --from=build /out/app app`) are not application code.
        if (!c || !c.dest || c.heredoc || c.sources.length === 0 || c.from !== undefined) continue;
        if (before.get(ins)?.set) continue;
        const dest = c.dest.value;
        if (dest === '' || dest.includes('$') || isAbsolutePath(dest)) continue;
        ctx.report({
          range: c.dest.range,
          message: `${c.keyword} to the relative destination \`${dest}\` in a stage without WORKDIR puts files in the base image's working directory; set \`WORKDIR /app\` (or similar) first.`,
        });
      }
    }
  },
};
