import type { DockerfileDoc, Stage } from '../../dockerfile/model';
import { copyInfo, indentOf, instructionArgs, isAbsolutePath, normalizePath, parseRun, stageWorkdirs, type ShellCommand, type ShellWord } from '../../dockerfile/shell';
import type { Fix, Rule, TextEdit } from '../../types';

/** Scratch directories: `cd /tmp && …` is a throw-away build, not the app's working directory. */
const TEMP_DIR = /^(\/tmp|\/var\/tmp|\/usr\/src|\/usr\/local\/src|\/root|~|\/build|\/opt\/src)(\/|$)/;

/** Instructions that do not depend on the working directory. */
const CWD_INDEPENDENT = new Set(['ENV', 'ARG', 'LABEL', 'EXPOSE', 'USER', 'STOPSIGNAL', 'MAINTAINER', 'SHELL']);

/**
 * Whether replacing `cd dir` by `WORKDIR dir` keeps behaviour: up to the next absolute WORKDIR
 * of the stage, nothing after the RUN at `runIndex` depends on the working directory (an index, not
 * an `indexOf` of the RUN for each one reported).
 */
function fixIsSafe(doc: DockerfileDoc, stage: Stage, runIndex: number): boolean {
  const list = stage.instructions;
  const keywords = stage.keywords;
  for (let i = runIndex + 1; i < list.length; i++) {
    const ins = list[i]!;
    const kw = keywords[i]!;
    if (kw === 'WORKDIR') {
      const arg = instructionArgs(doc, ins).args[0]?.value ?? '';
      return isAbsolutePath(arg) && !arg.includes('$');
    }
    if (CWD_INDEPENDENT.has(kw)) continue;
    if (kw === 'COPY' || kw === 'ADD') {
      const c = copyInfo(doc, ins);
      if (c?.dest && isAbsolutePath(c.dest.value) && !c.dest.value.includes('$')) continue;
    }
    return false;
  }
  return false;
}

/** `RUN --mount=…,target=relative`: BuildKit resolves the target against the WORKDIR, so a new WORKDIR moves the mount. */
function mountsRelativeToWorkdir(flags: readonly ShellWord[]): boolean {
  return flags.some((f) => f.value.startsWith('--mount=') && f.value.slice(8).split(',').some((kv) => /^(target|dst|destination)=(?!\/)/.test(kv)));
}

/**
 * The edit removing `cd dir && `: it leaves nothing, or the comment lines Docker strips inside a
 * continuation (`cd /app && \` / `# why` / `make`), kept on their own lines. When `cd` starts a
 * continuation line of its own (`RUN \` / `  cd /app && \` / `  # why`), that line goes whole,
 * so no empty `  \` line is left before the comments.
 */
function dropCdEdit(doc: DockerfileDoc, start: number, end: number): TextEdit {
  const { text, index } = doc;
  const eol = index.eol;
  const lines = text.slice(start, end).split(/\r?\n/);
  const comments = lines.slice(1, -1).filter((l) => /^[ \t]*#/.test(l));
  if (comments.length === 0) return { range: index.rangeOf(start, end), newText: '' };
  const kept = `${comments.map((l) => l + eol).join('')}${/^[ \t]*/.exec(lines.at(-1)!)![0]}`;
  const lineStart = index.offsetAt({ line: index.positionAt(start).line, character: 0 });
  if (/^[ \t]*$/.test(text.slice(lineStart, start))) return { range: index.rangeOf(lineStart, end), newText: kept };
  return { range: index.rangeOf(start, end), newText: `${doc.escapeChar}${eol}${kept}` };
}

export const useWorkdirInsteadOfCd: Rule<DockerfileDoc> = {
  meta: {
    id: 'dockerfile/use-workdir-instead-of-cd',
    title: 'Use WORKDIR instead of `RUN cd … &&`',
    domain: 'dockerfile',
    severity: 'warning',
    guideSection: 'Container Standards — Dockerfile Best Practices ("Set working directory": `WORKDIR /app`)',
    rationale:
      'A `cd` only lasts for one RUN, so later instructions silently run somewhere else and every RUN has to repeat it; WORKDIR sets the directory once for the rest of the stage and documents it. Throw-away builds in scratch directories (`cd /tmp && … && rm -rf …`), subshells and `cd` in the middle of a script are not reported.',
    bad: { fileName: 'Dockerfile', code: 'FROM node:20-alpine\nCOPY . /app\nRUN cd /app && npm ci\n' },
    good: { fileName: 'Dockerfile', code: 'FROM node:20-alpine\nWORKDIR /app\nCOPY . .\nRUN npm ci\n' },
    fixable: true,
    fixSafety: 'mixed',
  },
  kinds: ['dockerfile'],
  check(doc, ctx) {
    const eol = doc.index.eol;
    for (let si = 0; si < doc.stages.length; si++) {
      const stage = doc.stages[si]!;
      const { before } = stageWorkdirs(doc, stage);
      const list = stage.instructions;
      const keywords = stage.keywords;
      // A native `indexOf` finds the RUNs: a JS loop over every keyword runs cold, in the interpreter.
      for (let i = keywords.indexOf('RUN'); i >= 0; i = keywords.indexOf('RUN', i + 1)) {
        const ins = list[i]!;
        const run = parseRun(doc, ins);
        if (!run || run.form !== 'shell' || run.heredocScript) continue;
        // Most scripts do not start with `cd`: skip them before collecting their commands.
        if (run.commands.find((c) => !c.nested)?.name !== 'cd') continue;
        const cmds = run.commands.filter((c) => !c.nested);
        const cd = cmds[0];
        const next = cmds[1];
        if (!cd || !next || cd.name !== 'cd' || cd.depth !== 0 || cd.wrappers.length > 0 || cd.assignments.length > 0) continue;
        if (next.connector !== '&&' || next.depth !== 0) continue;
        const target = cd.argv[1];
        if (!target || cd.argv.length !== 2 || target.expansion || cd.redirects.length > 0) continue;
        const dir = target.value;
        if (dir === '-' || dir === '' || dir.startsWith('~') || dir.includes('..') || TEMP_DIR.test(dir) || /[*?[]/.test(dir)) continue;
        const wd = before.get(ins);
        const abs = dir.startsWith('/') ? normalizePath(dir) : wd?.path ? normalizePath(wd.path + '/' + dir) : undefined;
        // A directory that the same RUN removes again is a scratch directory.
        if (cmds.some((c) => c.name === 'rm' && c.argv.some((w, k) => k > 0 && !w.value.startsWith('-') && (w.value === dir || (abs !== undefined && normalizePath(w.value) === abs))))) continue;
        // A script that changes directory again is doing several things in several places; a `cd`
        // back to the same absolute directory changes nothing (`cd /a && x && cd /a && y`).
        const sameDir = (c: ShellCommand): boolean => {
          const t = c.argv[1];
          return c.argv.length === 2 && !t!.expansion && t!.value.startsWith('/') && abs !== undefined && normalizePath(t!.value) === abs;
        };
        if (cmds.slice(1).some((c) => c.name === 'pushd' || (c.name === 'cd' && !sameDir(c)))) continue;
        const dropCd = dropCdEdit(doc, doc.index.offsetAt(cd.range.start), doc.index.offsetAt(next.range.start));
        if (abs !== undefined && wd?.path === abs) {
          ctx.report({
            range: cd.range,
            message: `\`cd ${dir}\` is redundant: the WORKDIR is already \`${abs}\`.`,
            fixes: [{ title: `Remove \`cd ${dir}\``, edits: [dropCd], safe: true }],
          });
          continue;
        }
        const fixes: Fix[] = [];
        if (abs !== undefined && !target.quoted && fixIsSafe(doc, stage, i)) {
          const start = ins.getRange().start;
          fixes.push({
            title: `Replace \`cd ${dir}\` with \`WORKDIR ${abs}\``,
            edits: [
              { range: { start, end: start }, newText: `WORKDIR ${abs}${eol}${indentOf(doc, ins)}` },
              dropCd,
            ],
            safe: !mountsRelativeToWorkdir(run.flags),
          });
        }
        ctx.report({
          range: cd.range,
          message: `\`cd ${dir}\` only lasts for this RUN; set the directory with \`WORKDIR ${abs ?? dir}\` instead.`,
          fixes,
        });
      }
    }
  },
};
