// dockerfile/add-remote-with-checksum — decisions:
// - http(s) sources without `--checksum`: warning. Git sources: fine at a full commit sha or a release
//   tag (`v1.2.3`), or with `--checksum`; a branch or no ref: warning. A ref from a build argument
//   without default is unknown: not reported. Messages never quote the URL (it may hold credentials).
import { substituteVariables, type DockerfileDoc } from '../../dockerfile/model';
import type { Rule } from '../../types';
import { copyAddArgs, isGitSource, isRemoteSource, scopedInstructions, stageVariables } from './prefer-copy-over-add';

const FULL_COMMIT = /^[0-9a-f]{40}([0-9a-f]{24})?$/i;
/** A release tag such as `v1.4.3` or `refs/tags/2.0.1` pins a version; branches and bare repositories do not. */
const VERSION_TAG = /^(refs\/tags\/)?v?\d+(\.\d+)+([-+.][0-9A-Za-z.-]+)?$/;

/** The `#ref[:subdir]` of a git source, if any. */
function gitRef(src: string): string | undefined {
  const hash = src.indexOf('#');
  if (hash < 0) return undefined;
  return src.slice(hash + 1).split(':')[0];
}

export const addRemoteWithChecksum: Rule<DockerfileDoc> = {
  meta: {
    id: 'dockerfile/add-remote-with-checksum',
    title: 'Verify remote ADD sources with --checksum',
    domain: 'dockerfile',
    severity: 'warning',
    guideSection: 'Container Security ("Pin dependency versions", "Scan images for vulnerabilities")',
    rationale:
      'A file downloaded by ADD is trusted blindly: if the server or the file behind the URL changes, the build silently ships something else. `ADD --checksum=sha256:…` makes the build fail instead; a git source is only reproducible when it names a commit.',
    bad: { fileName: 'Dockerfile', code: 'FROM alpine:3.20\nADD https://example.com/tool-1.2.3.tar.gz /opt/\n' },
    good: {
      fileName: 'Dockerfile',
      code:
        'FROM alpine:3.20\nADD --checksum=sha256:24454f830cdb571e2c4ad15481119c43b3cafd48dd869a9b2945d1036d1dc68d https://example.com/tool-1.2.3.tar.gz /opt/\n',
    },
    fixable: false,
  },
  kinds: ['dockerfile'],
  check(doc, ctx) {
    for (const { ins, stage } of scopedInstructions(doc)) {
      if (ins.getKeyword() !== 'ADD') continue;
      const a = copyAddArgs(doc, ins);
      if (!a) continue;
      const vars = stage ? stageVariables(doc, stage, ins.getRange().start.line) : doc.globalArgs;
      const hasChecksum = a.flags.some((f) => f.getName().toLowerCase() === 'checksum' && (f.getValue() ?? '') !== '');
      for (const s of a.sources) {
        const src = substituteVariables(s.value, vars);
        if (!isRemoteSource(src ?? s.value)) continue;
        // Messages never quote the URL: it may carry credentials (`https://user:token@…`).
        if (isGitSource(src ?? s.value)) {
          if (hasChecksum) continue;
          const ref = gitRef(src ?? s.value);
          if (src === undefined && ref !== undefined) continue; // the ref is a build argument without default: unknown
          if (ref !== undefined && (FULL_COMMIT.test(ref) || VERSION_TAG.test(ref))) continue;
          ctx.report({
            range: s.range,
            message:
              ref === undefined || ref === ''
                ? 'ADD of a git repository without a ref follows the default branch: pin a commit (`…git#<full commit sha>`) or add `--checksum=<commit sha>`.'
                : 'ADD of a git repository at a branch, which moves: pin a release tag or a full commit sha (`#<sha>`), or add `--checksum=<commit sha>`.',
          });
          continue;
        }
        if (!/^https?:\/\//i.test(src ?? s.value) || hasChecksum) continue;
        ctx.report({
          range: s.range,
          message:
            'ADD downloads this URL without verifying it: add `--checksum=sha256:<digest>` so a changed or tampered file fails the build.',
        });
      }
    }
  },
};
