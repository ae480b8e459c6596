// dockerfile/add-remote-with-checksum — decisions:
// - http(s) sources without `--checksum`: warning. Git sources: fine at a full commit sha or a release
//   tag (`v1.2.3`), or with `--checksum`; a branch or no ref: warning. A ref from a build argument
//   without default is unknown: not reported. Messages never quote the URL (it may hold credentials).
// - BuildKit's query form reads like the fragment: `?ref=` as `#ref`, `?tag=` (a tag, pinned when a
//   release tag), `?branch=` (a branch, whatever its name), `?checksum=` as `--checksum`.
//   `#refs/tags/…` names a tag too: one that is not a release version is reported as a tag, not a branch.
import { substituteVariables, type DockerfileDoc } from '../../dockerfile/model';
import type { Rule } from '../../types';
import { copyAddArgs, isGitSource, isRemoteSource, scopedCopies, stageVariables } from './prefer-copy-over-add';

const FULL_COMMIT = /^[0-9a-f]{40}([0-9a-f]{24})?$/i;
/** A release tag such as `v1.4.3` or `refs/tags/2.0.1` pins a version; branches and bare repositories do not. */
const VERSION_TAG = /^(refs\/tags\/)?v?\d+(\.\d+)+([-+.][0-9A-Za-z.-]+)?$/;

interface GitPin {
  /** The ref as written (`#ref[:subdir]`, `?ref=`, `?tag=`, `?branch=`), if any. */
  ref: string | undefined;
  /** What the ref names when the syntax says so (`?tag=`, `?branch=`, `refs/tags/…`, `refs/heads/…`). */
  kind: 'tag' | 'branch' | undefined;
  /** A non-empty `?checksum=` query parameter. */
  checksum: boolean;
}

/** The ref of a git source: the `#ref[:subdir]` fragment or BuildKit's `?ref=` / `?tag=` / `?branch=` query. */
function gitPin(src: string): GitPin {
  const hash = src.indexOf('#');
  const beforeHash = hash < 0 ? src : src.slice(0, hash);
  let ref = hash < 0 ? undefined : src.slice(hash + 1).split(':')[0];
  let kind: GitPin['kind'];
  let checksum = false;
  const q = beforeHash.indexOf('?');
  if (q >= 0) {
    for (const [k, v] of new URLSearchParams(beforeHash.slice(q + 1))) {
      if (k === 'checksum') checksum ||= v !== '';
      else if (ref === undefined && (k === 'ref' || k === 'tag' || k === 'branch')) {
        ref = v;
        if (k !== 'ref') kind = k;
      }
    }
  }
  if (kind === undefined && ref !== undefined) kind = ref.startsWith('refs/tags/') ? 'tag' : ref.startsWith('refs/heads/') ? 'branch' : undefined;
  return { ref, kind, checksum };
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
    const copies = scopedCopies(doc);
    for (let ci = 0; ci < copies.length; ci++) {
      const { ins, stage } = copies[ci]!;
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
          const { ref, kind, checksum } = gitPin(src ?? s.value);
          if (checksum) continue;
          if (src === undefined && ref !== undefined) continue; // the ref is a build argument without default: unknown
          if (ref !== undefined && kind !== 'branch' && (FULL_COMMIT.test(ref) || VERSION_TAG.test(ref))) continue;
          ctx.report({
            range: s.range,
            message:
              ref === undefined || ref === ''
                ? 'ADD of a git repository without a ref follows the default branch: pin a commit (`…git#<full commit sha>`) or add `--checksum=<commit sha>`.'
                : kind === 'tag'
                  ? 'ADD of a git repository at a tag that does not name a release version, which may be moved: pin a release tag or a full commit sha (`#<sha>`), or add `--checksum=<commit sha>`.'
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
