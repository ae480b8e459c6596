// When an image tag is a pin: one policy for every pack that names images (Dockerfile `FROM`,
// Kubernetes containers, Compose services). The guide asks for "specific version tags" and writes
// `node:20-alpine`; "Pin dependency versions". Decisions:
// - A digest (`@sha256:…`) pins whatever the tag says.
// - No tag means `latest`, and `latest` moves with every release.
// - A tag made only of release-channel and variant words (`alpine`, `lts-slim`, `sid-slim`, `edge`,
//   `mainline`, `apache`) names no version: it moves like `latest`. Distribution codenames are not in
//   the list: `debian:bookworm` is a release, and `node:bookworm` (newest node on it) is left alone,
//   precision first. A word with a version in it (`alpine3.20`, `3-alpine`) is a version.
// Parsing the reference stays with each pack (Dockerfile ARG substitution, Compose defaults, templates).

/** Words of a tag that follows the newest release: channels, and variants naming no version. */
const MOVING_TAG_WORDS = new Set([
  'latest', 'stable', 'mainline', 'current', 'lts', 'edge', 'rolling', 'nightly', 'tip', 'sid', 'unstable', 'testing',
  'alpine', 'slim', 'apache', 'fpm', 'cli', 'zts', 'jdk', 'jre',
]);

/** Why a tag is not a pin: none (`nginx`, `app:`), `latest`, or a tag naming no version (`alpine`). */
export type UnpinnedReason = 'untagged' | 'latest' | 'moving';

/** Whether every `-`-separated part of `tag` is a channel or variant word (`alpine`, `lts-slim`). */
function movingTag(tag: string): boolean {
  return tag.split('-').every((part) => MOVING_TAG_WORDS.has(part.toLowerCase()));
}

/** Why an image with this `tag` and `digest` is not pinned, or undefined when it is. */
export function unpinnedTag(tag: string | undefined, digest: string | undefined): UnpinnedReason | undefined {
  if (digest) return undefined;
  if (tag === undefined || tag === '') return 'untagged';
  if (tag === 'latest') return 'latest';
  if (movingTag(tag)) return 'moving';
  return undefined;
}

/** Why a `moving` tag is no pin, for a message: "`alpine` follows the newest release, like `latest`". */
export function movingTagWhy(tag: string): string {
  return `\`${tag}\` follows the newest release, like \`latest\``;
}
