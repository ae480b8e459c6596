// dockerfile/no-secret-files-in-image — decisions:
// - Sources only (never the destination); URLs, heredocs and unresolvable variables are skipped.
// - In the final stage and the stages it is built FROM (what ships): error. A context COPY/ADD in a
//   build stage: warning (the file still sits in build cache / `--target` images).
// - `COPY --from=<stage>`: reported (error) when it lands in the shipped image — that is where the file
//   becomes readable by anyone who pulls it; between build stages it adds no exposure and is skipped.
// - PEM certificates / CA bundles (`ca.pem`, `fullchain.pem`) are public and not reported (secrets.ts).
import type { Instruction } from 'dockerfile-ast';
import { stageChain, substituteVariables, type DockerfileDoc, type Stage } from '../../dockerfile/model';
import { isSecretLikeFile, mayHoldSecretLikeFile } from '../../secrets';
import type { Rule } from '../../types';
import { copyAddArgs, isRemoteSource, scopedCopies, stageVariables } from './prefer-copy-over-add';

/**
 * False when the COPY/ADD's text rules out every finding, so dockerfile-ast's argument parse
 * (most of this rule's cost) is skipped: most copies name no credential-looking file. Without a
 * `$` (a substituted variable), the escape character (continuations, escaped characters) or a
 * `\\` (JSON escapes), each source is a piece of the text, its outer quotes at most removed.
 */
export function mayCopySecretFile(doc: DockerfileDoc, ins: Instruction): boolean {
  const range = ins.getRange();
  const text = doc.text.slice(doc.index.offsetAt(range.start), doc.index.offsetAt(range.end));
  const esc = doc.escapeChar;
  // No second search when the escape character is the `\` (nearly always).
  if (text.includes('$') || text.includes('\\') || (esc !== '\\' && text.includes(esc))) return true;
  return mayHoldSecretLikeFile(text);
}

export const noSecretFilesInImage: Rule<DockerfileDoc> = {
  meta: {
    id: 'dockerfile/no-secret-files-in-image',
    title: 'Do not copy credential files into images',
    domain: 'dockerfile',
    severity: 'error',
    guideSection: 'Container Security ("Don\'t store secrets in images")',
    rationale:
      'Every file COPY/ADD puts into a layer can be read by anyone who can pull the image, even if a later step deletes it. Pass credentials at build time with `RUN --mount=type=secret,id=…` and at run time through the orchestrator (Vault, Kubernetes secrets).',
    bad: { fileName: 'Dockerfile', code: 'FROM node:20-alpine\nWORKDIR /app\nCOPY .npmrc package*.json ./\nRUN npm ci --omit=dev\n' },
    good: {
      fileName: 'Dockerfile',
      code: 'FROM node:20-alpine\nWORKDIR /app\nCOPY package*.json ./\nRUN --mount=type=secret,id=npmrc,target=/root/.npmrc npm ci --omit=dev\n',
    },
    fixable: false,
  },
  kinds: ['dockerfile'],
  check(doc, ctx) {
    let shipped: Set<Stage> | undefined;
    const copies = scopedCopies(doc);
    for (let ci = 0; ci < copies.length; ci++) {
      const { ins, stage, onbuild } = copies[ci]!;
      if (!mayCopySecretFile(doc, ins)) continue;
      const kw = ins.getKeyword();
      const a = copyAddArgs(doc, ins);
      if (!a) continue;
      const fromStage = a.flags.some((f) => f.getName().toLowerCase() === 'from');
      // ONBUILD triggers run in the child image, which is a shipped image.
      shipped ??= new Set(doc.finalStage ? stageChain(doc.finalStage) : []);
      const inShipped = onbuild || stage === undefined || shipped.has(stage);
      // Copying between stages adds no new exposure unless it lands in the shipped image.
      if (fromStage && !inShipped) continue;
      // Only a `$` needs the variables (which read every ARG/ENV of the stage before the COPY).
      let vars: ReadonlyMap<string, string | null> | undefined;
      for (const s of a.sources) {
        let path: string | undefined = s.value;
        if (path.includes('$')) {
          vars ??= stage ? stageVariables(doc, stage, ins.getRange().start.line) : doc.globalArgs;
          path = substituteVariables(path, vars);
        }
        if (path === undefined || isRemoteSource(path)) continue; // a download is not a local credential file
        if (!isSecretLikeFile(path)) continue;
        const name = path.replace(/\/+$/, '').split('/').pop() || path;
        if (inShipped) {
          ctx.report({
            range: s.range,
            secret: true,
            message: `${kw} puts the credential-looking file \`${name}\` into the image, where anyone who can pull it can read it; use \`RUN --mount=type=secret,id=…\` at build time or inject it at run time.`,
          });
        } else {
          ctx.report({
            range: s.range,
            secret: true,
            severity: 'warning',
            message: `${kw} puts the credential-looking file \`${name}\` into build stage layers (build cache, \`--target\` builds); use \`RUN --mount=type=secret,id=…\` instead.`,
          });
        }
      }
    }
  },
};
