// When an image tag is a pin: one policy for every pack that names images (Dockerfile `FROM`,
// Kubernetes containers, Compose services). The guide asks for "specific version tags" and writes
// `node:20-alpine`; "Pin dependency versions". Decisions:
// - A digest (`@sha256:…`) pins whatever the tag says.
// - No tag means `latest`, and `latest` moves with every release.
// - A tag made only of release-channel and variant words (`alpine`, `lts-slim`, `sid-slim`, `edge`,
//   `mainline`, `apache`, `beta`, `next`, `main`, distroless `nonroot`/`debug`, `busybox:musl`,
//   `docker:dind`) names no version: it moves like `latest`. When the image's name carries the
//   version (distroless `nodejs20-debian12`, whose only tags are `latest`, `nonroot`, `debug`), only
//   channel words move: `nodejs20-debian12:nonroot` is as pinned as `node:20-bookworm`. A word with a version in it
//   (`3-alpine`, `20`, `1.27`) is a version; so is any word we do not know (`iron`, `v2`, a bare `1809`).
// - A major-only version (`node:20`, `python:3`) is a pin: the guide's own example is `node:20-alpine`.
// - A distribution release, by codename (`bookworm`, `jammy`) or number (`alpine3.20`, `ubuntu-22.04`),
//   is the version of the distribution's own images (`debian:bookworm`, `ubuntu:jammy`,
//   `buildpack-deps:bookworm-scm`, also behind a registry or namespace:
//   `public.ecr.aws/docker/library/debian`), told by the last part of the repository name, its
//   `-debian` ending (`balenalib/raspberry-pi-debian`) or Debian's own namespace (`debian/eol:jessie`,
//   its archive of end-of-life releases). On any other image it names only the system
//   underneath: `node:bookworm`, `python:alpine3.20`, `node:lts-bookworm-slim` and
//   `devcontainers/base:ubuntu-22.04` are the newest image built on it, moving tags. With a version of
//   the image beside it (`3.12-alpine3.20`) it is a pin.
// - Windows releases work the same way (`ltsc2022`, `20h2`, `nanoserver-1809`): they version Microsoft's
//   Windows images (`mcr.microsoft.com/windows/servercore:ltsc2022`, like `debian:bookworm`), while
//   `python:windowsservercore-ltsc2022` names no python version (moving, like `node:bookworm`).
// - Unknown variables (no default, left as written) hide only what they stand for: in the registry or
//   namespace (`${REGISTRY}/node:alpine`) they leave the image's name and tag written out, judged as
//   usual; a written `latest` is `latest` whatever the name (`$IMAGE:latest`). A variable in the name
//   may carry a tag and one in the tag may hold any version: unknown.
// Parsing the reference stays with each pack (Dockerfile ARG substitution, Compose defaults, templates).

/** Words of a tag that follows the newest release of a channel or branch. */
const CHANNEL_WORDS = new Set([
  'latest', 'stable', 'oldstable', 'oldoldstable', 'mainline', 'current', 'lts', 'edge', 'rolling', 'nightly', 'tip', 'sid', 'unstable', 'testing',
  'rawhide', 'next', 'canary', 'beta', 'alpha', 'rc', 'preview', 'insiders', 'experimental', 'snapshot', 'dev', 'devel', 'develop', 'main', 'master',
]);

/** Words of a tag naming a variant (build flavour) and no version. */
const VARIANT_WORDS = new Set([
  'alpine', 'slim', 'apache', 'fpm', 'cli', 'zts', 'jdk', 'jre', 'dind', 'rootless', 'nonroot', 'debug', 'musl', 'glibc', 'uclibc',
  'scm', 'curl', 'chiseled', 'debian', 'ubuntu', 'windowsservercore', 'nanoserver',
]);

/** Release codenames of Debian and Ubuntu, by distribution (`sid` is a channel: Debian unstable). */
const CODENAMES: ReadonlyMap<string, string> = new Map([
  ...['buzz', 'rex', 'bo', 'hamm', 'slink', 'potato', 'woody', 'sarge', 'etch', 'lenny', 'squeeze', 'wheezy', 'jessie', 'stretch', 'buster', 'bullseye', 'bookworm', 'trixie', 'forky', 'duke'].map(
    (c) => [c, 'Debian'] as const,
  ),
  ...['precise', 'trusty', 'xenial', 'bionic', 'focal', 'jammy', 'noble', 'oracular', 'plucky', 'questing'].map((c) => [c, 'Ubuntu'] as const),
]);

/** Images whose own version is the distribution release: the distributions, and images versioned only by it. */
const DISTRIBUTION_IMAGES = new Set(['debian', 'ubuntu', 'alpine', 'buildpack-deps', 'minideb']);

/**
 * Windows releases: long-term servicing (`ltsc2022`) and semi-annual channel (`20h2`) names, and a
 * `1809`-style number joined to the Windows variant before it (`nanoserver-1809`, see tagParts): alone,
 * such a number may be any version.
 */
const WINDOWS_RELEASE = /^(ltsc\d{4}|\d\dh[12]|(windowsservercore|nanoserver)-(1[6-9]|2\d)(0[1-9]|1[0-2]))$/;
/** A Windows variant word and a `YYMM` Windows release after it, kept as one tag part. */
const WINDOWS_VARIANT = /^(windowsservercore|nanoserver)$/;
const WINDOWS_NUMBER = /^(1[6-9]|2\d)(0[1-9]|1[0-2])$/;
/**
 * Microsoft's Windows images, versioned by the Windows release (`…/servercore:ltsc2022`): the base
 * images under `mcr.microsoft.com/windows` (the registry is not part of a Dockerfile's repository),
 * their IIS image (IIS ships with Windows: it has no version of its own), and their old Docker Hub names.
 */
const WINDOWS_IMAGES = /(^|\/)(windows(\/(servercore|nanoserver|server)(\/iis)?)?|microsoft\/(windowsservercore|nanoserver|iis))$/;

/**
 * Docker Hub namespaces whose every image is the distribution, versioned by its release: Debian's
 * (`debian/eol`, its archive of end-of-life releases). Not `alpine/` or `ubuntu/`, whose images are
 * tools and applications (`alpine/git`, `ubuntu/nginx`) with versions of their own.
 */
const DISTRIBUTION_NAMESPACES = new Set(['debian']);

/** Whether `repository` is in a distribution's namespace (`debian/eol`, also behind a registry: `docker.io/debian/eol`). */
function inDistributionNamespace(repository: string): boolean {
  const parts = repository.toLowerCase().split('/');
  // A first part with a `.` or `:` (or `localhost`) is a registry, as Docker reads references.
  if (parts.length === 3 && (/[.:]/.test(parts[0]!) || parts[0] === 'localhost')) parts.shift();
  return parts.length === 2 && DISTRIBUTION_NAMESPACES.has(parts[0]!);
}

/** The distribution whose release the tag part `part` names (`Debian` for `bookworm`, `Alpine` for `alpine3.20`). */
function distributionRelease(part: string): string | undefined {
  const numbered = /^(alpine|debian|ubuntu)-?\d+(\.\d+)*$/.exec(part);
  if (numbered) return numbered[1].charAt(0).toUpperCase() + numbered[1].slice(1);
  if (WINDOWS_RELEASE.test(part)) return 'Windows';
  return CODENAMES.get(part);
}

/** Why a tag is not a pin: none (`nginx`, `app:`), `latest`, or a tag naming no version (`alpine`, `node:bookworm`). */
export type UnpinnedReason = 'untagged' | 'latest' | 'moving';

/** The image's name without registry and namespace: `node` for `public.ecr.aws/docker/library/node`. */
function imageName(repository: string): string {
  return repository.slice(repository.lastIndexOf('/') + 1).toLowerCase();
}

/** The lower-cased `-`-separated parts of `tag`, a system and its version kept as one (`ubuntu-22.04`, `nanoserver-1809`). */
function tagParts(tag: string): string[] {
  const parts: string[] = [];
  for (const part of tag.toLowerCase().split('-')) {
    const last = parts[parts.length - 1];
    const joined =
      last !== undefined && ((/^(alpine|debian|ubuntu)$/.test(last) && /^\d+(\.\d+)*$/.test(part)) || (WINDOWS_VARIANT.test(last) && WINDOWS_NUMBER.test(part)));
    if (joined) parts[parts.length - 1] = `${last}-${part}`;
    else parts.push(part);
  }
  return parts;
}

/**
 * Whether every `-`-separated part of `tag` is a channel word or, unless the image's name carries the
 * version (distroless `nodejs20-debian12:nonroot`), a variant word or (not on the distribution's own
 * images) a distribution release.
 */
function movingTag(repository: string, tag: string): boolean {
  // Files share their base images (159 distinct references among the corpus's 829 `FROM`s): each
  // is judged once instead of splitting and matching its tag's parts against regexes every time.
  const key = `${repository}\u0000${tag}`;
  let moving = movingTags.get(key);
  if (moving === undefined) {
    if (movingTags.size >= MAX_REMEMBERED_TAGS) movingTags.clear();
    moving = judgeMovingTag(repository, tag);
    movingTags.set(key, moving);
  }
  return moving;
}

/** movingTag's answers by repository and tag, at most MAX_REMEMBERED_TAGS of them (the editor lints for hours). */
const movingTags = new Map<string, boolean>();
const MAX_REMEMBERED_TAGS = 4096;

function judgeMovingTag(repository: string, tag: string): boolean {
  const name = imageName(repository);
  const nameVersioned = /\d(?:$|[-_])/.test(name);
  // Device builds of a distribution (`balenalib/raspberry-pi-debian`) are versioned by its release too.
  const releasesPin =
    DISTRIBUTION_IMAGES.has(name) || /-(debian|ubuntu|alpine)$/.test(name) || inDistributionNamespace(repository) || WINDOWS_IMAGES.test(repository.toLowerCase());
  return tagParts(tag).every(
    (part) => CHANNEL_WORDS.has(part) || (!nameVersioned && (VARIANT_WORDS.has(part) || (!releasesPin && distributionRelease(part) !== undefined))),
  );
}

/** Why the image `repository` with this `tag` and `digest` is not pinned, or undefined when it is. */
export function unpinnedTag(repository: string, tag: string | undefined, digest: string | undefined): UnpinnedReason | undefined {
  if (digest) return undefined;
  if (tag === undefined || tag === '') return 'untagged';
  if (tag === 'latest') return 'latest';
  if (movingTag(repository, tag)) return 'moving';
  return undefined;
}

/** A variable reference left as written: `$NAME`, `${…}`. */
const VARIABLE = /\$(\{[^}]*\}|[A-Za-z_])/;

/**
 * Why the image `repository` with this `tag` and `digest` is not pinned, judged on what is written out
 * when unknown variables are left in place (see the decisions above): undefined when it is pinned,
 * `unknown` when the variables may hold the version.
 */
export function unpinnedWritten(repository: string, tag: string | undefined, digest: string | undefined): UnpinnedReason | 'unknown' | undefined {
  if (digest && !VARIABLE.test(digest)) return undefined;
  if (!VARIABLE.test(repository.slice(repository.lastIndexOf('/') + 1) + (tag ?? '') + (digest ?? ''))) return unpinnedTag(repository, tag, digest);
  if (tag === 'latest' && digest === undefined) return 'latest';
  return 'unknown';
}

/**
 * Why a `moving` tag of `repository` is no pin, for a message: "`alpine` follows the newest release, like `latest`",
 * "`bookworm` names the Debian release it is built on but no `node` version, so it moves to newer `node` releases".
 */
export function movingTagWhy(repository: string, tag: string): string {
  const system = tagParts(tag).find((part) => distributionRelease(part) !== undefined);
  if (system === undefined) return `\`${tag}\` follows the newest release, like \`latest\``;
  const name = imageName(repository);
  const what = `the ${distributionRelease(system)} release it is built on`;
  return system === tag.toLowerCase()
    ? `\`${tag}\` names ${what} but no \`${name}\` version, so it moves to newer \`${name}\` releases`
    : `\`${tag}\` names no \`${name}\` version, only ${what} (\`${system}\`), so it moves to newer \`${name}\` releases`;
}
