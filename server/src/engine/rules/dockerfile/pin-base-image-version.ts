// dockerfile/pin-base-image-version — decisions:
// - BuildKit's predefined platform ARGs (`TARGETARCH`, `BUILDPLATFORM`, …) are not unknown versions:
//   the reference is judged with them in place (`alpine:${TARGETARCH}` has a tag, `${TARGETARCH}/alpine`
//   has none), and one that can name an earlier stage (`FROM bin-${TARGETOS}`) is a stage reference.
// - Which tags are pins (not none, not `latest`, not only channel/variant words like `alpine`) is the
//   policy of ../../images/pinning, shared with the Kubernetes and Compose packs.
// - Unknown variables (no default) only before the last `/` (`${REGISTRY}/node:20`) leave the image's
//   name and tag written out: the tag is judged; so is a written `latest` (`${IMAGE}:latest`).
//   Elsewhere they make the version unknown (info). See ../../images/pinning.
// - A reference with an incomplete variable (`FROM ${`, `${BASE`, `image:${TAG`, `image:$`, `${}`) is
//   not judged: it is being typed (Docker rejects it), and any message would quote the half-written
//   text as an image name. Complete expansions we do not substitute (`${TAG#v}`) are still judged.
import { DocumentMemo, PLATFORM_ARGS, splitImageReference, type DockerfileDoc, type Stage } from '../../dockerfile/model';
import { movingTagWhy, unpinnedTag, unpinnedWritten } from '../../images/pinning';
import type { Range, Rule } from '../../types';

/** Whether `raw` has a `$` that starts no complete variable reference (`$NAME`, `${…}` with a closing brace). */
function incompleteVariable(raw: string): boolean {
  return raw.includes('$') && raw.replace(/\$\{[^}]+\}|\$[A-Za-z_][A-Za-z0-9_]*/g, '').includes('$');
}

/** Whether `reference` (platform ARGs left as `${NAME}`) can name one of the stages before stage `before`. */
function namesStage(doc: DockerfileDoc, reference: string, before: number): boolean {
  const names = stageNames.of(doc);
  const lower = reference.toLowerCase();
  // Many FROMs share a reference (`FROM base-${TARGETARCH}` after each stage): it is matched once.
  let first = names.firstNamedBy.get(lower);
  if (first === undefined) {
    first = firstStageNamedBy(names, lower);
    names.firstNamedBy.set(lower, first);
  }
  return first < before;
}

/** The index of the first stage that lower-cased `reference` can name (Infinity if none). */
function firstStageNamedBy(names: StageNames, reference: string): number {
  const parts = reference.split(/(\$\{[a-z]+\})/);
  // A name it matches starts with the text before its first variable and ends with the text after
  // its last: only the names of the smaller of those two ranges are tried, not every stage's.
  const byPrefix = withPrefix(names.byName, parts[0]!);
  const bySuffix = withPrefix(names.byReversedName, reversed(parts[parts.length - 1]!));
  const { sorted, from, to } = byPrefix.to - byPrefix.from <= bySuffix.to - bySuffix.from ? byPrefix : bySuffix;
  // Most name no stage (`img:${TARGETARCH}`): no pattern to build then.
  if (from === to) return Infinity;
  const source = parts
    .map((part, i) => (i % 2 === 1 ? PLATFORM_ARGS.get(part.slice(2, -1).toUpperCase()) ?? '(?!)' : part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')))
    .join('');
  const re = new RegExp(`^${source}$`);
  let first = Infinity;
  for (let k = from; k < to; k++) {
    const stage = sorted.stages[k]!;
    if (stage.index < first && re.test(stage.name!)) first = stage.index;
  }
  return first;
}

/** Named stages sorted by a key (their name, or their name reversed). */
interface SortedStages {
  keys: string[];
  stages: Stage[];
}

/** What `namesStage` keeps per document. */
interface StageNames {
  byName: SortedStages;
  byReversedName: SortedStages;
  /** Lower-cased platform reference → the index of the first stage it can name (Infinity if none). */
  firstNamedBy: Map<string, number>;
}

/** A document's stage names, indexed for `namesStage` (kept in the document: see `DocumentMemo`). */
const stageNames = new DocumentMemo((doc: DockerfileDoc): StageNames => {
  const named = doc.stages.filter((s) => s.name !== undefined);
  return { byName: sortedBy(named, (s) => s.name!), byReversedName: sortedBy(named, (s) => reversed(s.name!)), firstNamedBy: new Map() };
});

/** `stages` sorted by `key` (code unit order, as `<` compares: the order `withPrefix` searches). */
function sortedBy(stages: readonly Stage[], key: (stage: Stage) => string): SortedStages {
  const keyed = stages.map((stage) => ({ key: key(stage), stage })).sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  return { keys: keyed.map((k) => k.key), stages: keyed.map((k) => k.stage) };
}

/** `text` with its UTF-16 code units in reverse order: a name ends with `s` when its reverse starts with `s`'s. */
function reversed(text: string): string {
  return text.split('').reverse().join('');
}

/** Where the stages whose key starts with `prefix` are in `sorted` (a run of it, found by binary search). */
function withPrefix(sorted: SortedStages, prefix: string): { sorted: SortedStages; from: number; to: number } {
  const { keys } = sorted;
  const from = partitionPoint(keys, (key) => key < prefix);
  const to = partitionPoint(keys, (key) => key < prefix || key.startsWith(prefix));
  return { sorted, from, to };
}

/** The first index of `keys` where `before` turns false (it holds for a leading run of them). */
function partitionPoint(keys: readonly string[], before: (key: string) => boolean): number {
  let lo = 0;
  let hi = keys.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (before(keys[mid]!)) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Where a finding about a stage's base points (worked out for findings only: most bases are pinned). */
function imageRange(stage: Stage): Range {
  return stage.from.getImageRange() ?? stage.from.getRange();
}

export const pinBaseImageVersion: Rule<DockerfileDoc> = {
  meta: {
    id: 'dockerfile/pin-base-image-version',
    title: 'Pin base images to a version tag',
    domain: 'dockerfile',
    severity: 'warning',
    guideSection: 'Container Standards — Dockerfile Best Practices ("Use specific version tags")',
    rationale:
      'An untagged or `latest` base image, or one whose tag names only a channel or variant (`node:alpine`, `debian:sid-slim`) or only the distribution it is built on (`node:bookworm`; `debian:bookworm` is a release), changes under you: builds stop being reproducible and an upstream release can break or compromise the image without any change in the repository. ARG defaults declared before FROM are resolved, so `ARG NODE_VERSION=20` + `FROM node:${NODE_VERSION}-alpine` is pinned; BuildKit\'s predefined platform ARGs (`TARGETARCH`, `BUILDPLATFORM`, …) count as defined.',
    bad: { fileName: 'Dockerfile', code: 'FROM node\nUSER node\nCMD ["node", "server.js"]\n' },
    good: { fileName: 'Dockerfile', code: 'ARG NODE_VERSION=20\nFROM node:${NODE_VERSION}-alpine\nUSER node\nCMD ["node", "server.js"]\n' },
    fixable: false,
    defaultOptions: { requireDigest: false },
    optionDocs: { requireDigest: 'Also require every external base image to be pinned by `@sha256:` digest (off by default).' },
  },
  kinds: ['dockerfile'],
  check(doc, ctx) {
    const requireDigest = ctx.options['requireDigest'] === true;
    for (let si = 0; si < doc.stages.length; si++) {
      const stage = doc.stages[si]!;
      const img = stage.image;
      if (img.isScratch || img.stageRef || img.raw === '' || incompleteVariable(img.raw)) continue;
      let { resolved, registry, repository, tag, digest } = img;
      if (resolved === undefined && img.perPlatform !== undefined) {
        if (namesStage(doc, img.perPlatform, stage.index)) continue;
        resolved = img.perPlatform;
        ({ registry, repository, tag, digest } = splitImageReference(resolved));
      }
      if (resolved === undefined) {
        // `${REGISTRY}/node:20`, `${IMAGE}:latest`: what is written out may be enough to judge.
        const written = splitImageReference(img.raw);
        if (unpinnedWritten(written.repository, written.tag, written.digest) !== 'unknown') {
          resolved = img.raw;
          ({ registry, repository, tag, digest } = written);
        }
      }
      if (resolved === undefined) {
        const names = [...new Set(img.unknownVariables)].map((v) => `\`${v}\``).join(', ');
        ctx.report({
          range: imageRange(stage),
          severity: 'info',
          message: `Base image version is unknown: ${names} has no default value, so the tag depends on the build arguments.`,
        });
        continue;
      }
      if (digest) continue;
      const reason = unpinnedTag(repository, tag, digest);
      if (reason === 'untagged') {
        // The example keeps the registry: `osquery:<version>` would name another image (Docker Hub's).
        const name = (registry !== undefined ? registry + '/' : '') + repository;
        ctx.report({ range: imageRange(stage), message: `Base image \`${resolved}\` has no version tag; pin it (e.g. \`${name}:<version>\`).` });
      } else if (reason === 'latest') {
        ctx.report({ range: imageRange(stage), message: `Base image \`${resolved}\` uses \`latest\`; pin a specific version tag.` });
      } else if (reason === 'moving' && tag !== undefined) {
        ctx.report({ range: imageRange(stage), message: `Base image \`${resolved}\` has no version in its tag: ${movingTagWhy(repository, tag)}; pin a specific version tag.` });
      } else if (requireDigest) {
        ctx.report({ range: imageRange(stage), message: `Base image \`${resolved}\` is not pinned by digest (\`@sha256:…\`), which this project requires.` });
      }
    }
  },
};
