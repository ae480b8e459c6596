// dockerfile/use-minimal-base-image — decisions:
// - Judges the final stage's root base (through `FROM <stage>` chains and ARG defaults); a base chosen
//   by a variable without default is not judged.
// - By default only well-known full-size official images are reported (option `reportUnknownImages`):
//   a private or third-party base may well be minimal, and guessing would be noise.
// - Fixes (unsafe) only name variants that exist upstream for the matched tag form.
// - A Windows base cannot move to alpine or distroless: its minimal base is Nano Server.
import { stageChain, type DockerfileDoc } from '../../dockerfile/model';
import { isWindowsImage } from '../../dockerfile/shell/instruction-shell';
import type { Fix, Rule } from '../../types';
import { imageName, isDevContainerFile, matchesImageList, optionListWithExtra } from './run-as-non-root';

const DEFAULT_MINIMAL = [
  'scratch',
  '*alpine*',
  '*slim*',
  '*distroless*',
  'cgr.dev/*',
  '*chainguard*',
  '*wolfi*',
  'busybox',
  '*/busybox',
  '*ubi*-minimal*',
  '*ubi*-micro*',
  '*:*-minimal*',
  '*:minimal*',
  '*chiseled*',
  '*nanoserver*',
];

const V = String.raw`\d+(?:\.\d+){0,2}`;
const DEBIAN_SUITE = 'bookworm|bullseye|buster|trixie';

/**
 * Official images with a smaller variant, and how its tag is formed. Only variants that exist
 * upstream for every tag the pattern matches: `tag` is the full tag; `$1`… refer to its groups.
 */
interface VariantRule {
  tag: RegExp;
  variants: string[];
}
const rules = (...r: VariantRule[]): VariantRule[] => r;
const versionSuffixes = (...suffixes: string[]): VariantRule => ({ tag: new RegExp(`^(${V})$`), variants: suffixes.map((s) => `$1${s}`) });

/** A Map: repositories come from the file (`FROM constructor` must not find Object's). */
const VARIANTS = new Map<string, VariantRule[]>([
  [
    'node',
    rules(
      { tag: new RegExp(`^(${V}|lts|current|[a-z]+)$`), variants: ['$1-alpine', '$1-slim'] },
      { tag: new RegExp(`^(${V}|lts|current|[a-z]+)-(${DEBIAN_SUITE})$`), variants: ['$1-$2-slim'] },
    ),
  ],
  ['python', rules(versionSuffixes('-slim'), { tag: new RegExp(`^(${V})-(${DEBIAN_SUITE})$`), variants: ['$1-slim-$2'] })],
  ['ruby', rules(versionSuffixes('-slim', '-alpine'), { tag: new RegExp(`^(${V})-(${DEBIAN_SUITE})$`), variants: ['$1-slim-$2'] })],
  ['golang', rules(versionSuffixes('-alpine'))],
  ['php', rules({ tag: new RegExp(`^(${V}(?:-(?:cli|fpm|zts))?)$`), variants: ['$1-alpine'] })],
  ['eclipse-temurin', rules({ tag: /^(\d+(?:[._]\d+)*(?:-(?:jdk|jre))?)$/, variants: ['$1-alpine'] })],
  ['nginx', rules({ tag: new RegExp(`^(${V}|stable|mainline)$`), variants: ['$1-alpine'] })],
  ['httpd', rules(versionSuffixes('-alpine'))],
  ['redis', rules(versionSuffixes('-alpine'))],
  ['postgres', rules(versionSuffixes('-alpine'))],
  ['haproxy', rules(versionSuffixes('-alpine'))],
  ['memcached', rules(versionSuffixes('-alpine'))],
  ['rabbitmq', rules({ tag: new RegExp(`^(${V}(?:-management)?)$`), variants: ['$1-alpine'] })],
  ['rust', rules(versionSuffixes('-slim', '-alpine'))],
  ['perl', rules(versionSuffixes('-slim'))],
  ['elixir', rules(versionSuffixes('-slim', '-alpine'))],
  ['erlang', rules(versionSuffixes('-slim', '-alpine'))],
  ['debian', rules({ tag: /^(bookworm|bullseye|buster|trixie|stable|oldstable|testing|unstable|sid|\d+(?:\.\d+)?)$/, variants: ['$1-slim'] })],
  ['mcr.microsoft.com/dotnet/aspnet', rules({ tag: /^(\d+\.\d+)$/, variants: ['$1-alpine'] })],
  ['mcr.microsoft.com/dotnet/runtime', rules({ tag: /^(\d+\.\d+)$/, variants: ['$1-alpine'] })],
  ['mcr.microsoft.com/dotnet/runtime-deps', rules({ tag: /^(\d+\.\d+)$/, variants: ['$1-alpine'] })],
  ['mcr.microsoft.com/dotnet/sdk', rules({ tag: /^(\d+\.\d+)$/, variants: ['$1-alpine'] })],
]);

/** Known full-size bases without a drop-in smaller tag: reported, no fix. */
const KNOWN_FULL = new Set([
  'ubuntu', 'centos', 'fedora', 'rockylinux', 'almalinux', 'oraclelinux', 'amazonlinux', 'buildpack-deps', 'openjdk', 'maven',
  'gradle', 'gcc', 'registry.access.redhat.com/ubi8', 'registry.access.redhat.com/ubi9', 'registry.access.redhat.com/ubi8/ubi',
  'registry.access.redhat.com/ubi9/ubi',
]);

export function minimalVariants(repository: string, tag: string | undefined): string[] {
  if (tag === undefined || tag === 'latest') return [];
  for (const r of VARIANTS.get(repository) ?? []) {
    const m = r.tag.exec(tag);
    if (m) return r.variants.map((v) => v.replace(/\$(\d)/g, (_x, d: string) => m[Number(d)] ?? ''));
  }
  return [];
}

export const useMinimalBaseImage: Rule<DockerfileDoc> = {
  meta: {
    id: 'dockerfile/use-minimal-base-image',
    title: 'Build the final image on a minimal base',
    domain: 'dockerfile',
    severity: 'info',
    guideSection: 'Container Security ("Use minimal base images (alpine, distroless)")',
    rationale:
      'Every package in the base image is attack surface and something to patch; full Debian/Ubuntu-based images carry compilers, shells and hundreds of packages the service never uses. Build in a full image if needed, but ship the final stage on alpine, slim, distroless or a similar minimal base; on Windows, on Nano Server rather than Server Core.',
    bad: { fileName: 'Dockerfile', code: 'FROM node:20\nUSER node\nCMD ["node", "server.js"]\n' },
    good: {
      fileName: 'Dockerfile',
      code: 'FROM node:20 AS build\nRUN npm ci && npm run build\nFROM node:20-alpine\nUSER node\nCMD ["node", "dist/server.js"]\n',
    },
    fixable: true,
    fixSafety: 'unsafe',
    defaultOptions: { minimalImagePatterns: DEFAULT_MINIMAL, extraMinimalImagePatterns: [], reportUnknownImages: false },
    optionDocs: {
      minimalImagePatterns:
        'Globs of base images counted as minimal (`*` matches anything; a pattern without a tag matches every tag; `!glob` excludes). Setting the option replaces the default list: copy the entries you want to keep, or use `extraMinimalImagePatterns` instead.',
      extraMinimalImagePatterns:
        'More globs of minimal base images, used in addition to `minimalImagePatterns` (same syntax; checked after it, so `!glob` here also excludes a default entry). Add your own images here to keep the defaults.',
      reportUnknownImages:
        'Also report final bases the rule knows nothing about (private or third-party images). Off by default: only well-known full-size official images are reported.',
    },
  },
  kinds: ['dockerfile'],
  check(doc, ctx) {
    const stage = doc.finalStage;
    if (!stage) return;
    if (isDevContainerFile(ctx.fileName)) return; // dev environments are full on purpose
    const root = stage.rootImage;
    if (root.isScratch || root.raw === '') return;
    const patterns = optionListWithExtra(ctx.options['minimalImagePatterns'], ctx.options['extraMinimalImagePatterns'], DEFAULT_MINIMAL);
    const name = imageName(root);
    if (name === undefined) return; // a variable picks the base: cannot judge
    if (!/^[a-z0-9._\/:-]+$/.test(name)) return; // templated (`{{ … }}`) or otherwise not an image reference
    if (matchesImageList(name, patterns)) return;
    const repo = imageName(root, false)!;
    const known = VARIANTS.has(repo) || KNOWN_FULL.has(repo);
    if (!known && ctx.options['reportUnknownImages'] !== true) return;

    const from = stageChain(stage).at(-1)!.from;
    const range = from.getImageRange() ?? from.getRange();
    const variants = root.digest ? [] : minimalVariants(repo, root.tag);
    const fixes: Fix[] = [];
    // dockerfile-ast finds the tag's range and text again from the FROM's variables: only for variants.
    const tagRange = variants.length > 0 ? from.getImageTagRange() : null;
    const rawTag = tagRange ? (from.getImageTag() ?? '') : '';
    for (const v of variants) {
      if (!tagRange || root.tag === undefined) break;
      let newText: string | undefined;
      if (rawTag === root.tag) newText = v;
      // `node:${NODE_VERSION}` → `node:${NODE_VERSION}-alpine`: keep the variable, append the suffix
      else if (rawTag.includes('$') && v.startsWith(root.tag)) newText = rawTag + v.slice(root.tag.length);
      if (newText === undefined) continue;
      fixes.push({
        title: `Use \`${repo}:${v}\` (check that the image still builds and runs)`,
        edits: [{ range: tagRange, newText }],
        safe: false,
      });
    }
    // `node@sha256:…` is pinned by its digest, not `latest`.
    const shown = root.tag === undefined && root.digest ? `${repo}@${root.digest.slice(0, 19)}…` : `${repo}:${root.tag ?? 'latest'}`;
    ctx.report({
      range,
      message:
        variants.length > 0
          ? `The final image is based on \`${shown}\`, a full-size image; a minimal variant exists (${variants.map((v) => `\`${repo}:${v}\``).join(', ')}).`
          : isWindowsImage(root)
            ? `The final image is based on \`${shown}\`, a full-size image; ship the final stage on a Nano Server base (a \`nanoserver\` tag, or \`mcr.microsoft.com/windows/nanoserver\`).`
            : `The final image is based on \`${shown}\`, a full-size image; ship the final stage on a minimal base (alpine, slim, distroless, …).`,
      fixes,
    });
  },
};
