// Container image references (`registry:5000/team/app:1.2@sha256:…`), shared by the
// Kubernetes and Compose packs. When a tag is a pin is decided in ../images/pinning, for all packs.
import { movingTagWhy, unpinnedWritten, type UnpinnedReason } from '../images/pinning';

export interface ImageRef {
  repository: string;
  tag?: string;
  digest?: string;
}

export function parseImageRef(ref: string): ImageRef {
  let rest = ref.trim();
  let digest: string | undefined;
  const at = rest.indexOf('@');
  if (at >= 0) {
    digest = rest.slice(at + 1);
    rest = rest.slice(0, at);
  }
  const slash = rest.lastIndexOf('/');
  const colon = rest.lastIndexOf(':');
  let tag: string | undefined;
  if (colon > slash) {
    tag = rest.slice(colon + 1);
    rest = rest.slice(0, colon);
  }
  return { repository: rest, tag, digest };
}

/**
 * Why an image reference is not pinned, or undefined when it is (a version tag, or a digest) or cannot
 * be told: a variable in the image's name or tag (`$IMAGE`, `app:$TAG`, envsubst style) may hold a tag.
 * One in the registry part (`$REGISTRY/nginx`) does not, so that image is judged, and so is a written
 * `latest` (`$IMAGE:latest`): the policy of ../images/pinning, shared with the Dockerfile pack.
 */
export function unpinnedReason(ref: string): UnpinnedReason | undefined {
  return reasonOf(parseImageRef(ref));
}

function reasonOf(img: ImageRef): UnpinnedReason | undefined {
  const reason = unpinnedWritten(img.repository, img.tag, img.digest);
  return reason === 'unknown' ? undefined : reason;
}

/**
 * `ref` quoted, with why it is not pinned, for a message (`\`nginx\` without a tag`, `\`nginx:latest\` (\`latest\`)`,
 * `\`postgres:alpine\`, whose tag has no version: …`); undefined when it is pinned. `written` is the
 * reference as written when `ref` is what its variables default to (`app:${TAG:-latest}`): it is named,
 * and the reason is the default's.
 */
export function describeUnpinned(ref: string, written = ref): string | undefined {
  const img = parseImageRef(ref);
  const byDefault = written !== ref;
  switch (reasonOf(img)) {
    case 'untagged':
      return byDefault ? `\`${written}\`, which has no tag by default` : `\`${ref}\` without a tag`;
    case 'latest':
      return byDefault ? `\`${written}\`, which is \`latest\` by default` : `\`${ref}\` (\`latest\`)`;
    case 'moving':
      return `\`${written}\`, whose tag ${byDefault ? 'by default ' : ''}has no version: ${movingTagWhy(img.repository, img.tag ?? '')}`;
    default:
      return undefined;
  }
}

/**
 * Resolves `${VAR:-default}` / `${VAR-default}` to their defaults; a variable without default (the
 * value depends on the environment) is left as written, for unpinnedReason to judge around it.
 */
export function resolveDefaults(value: string): string {
  return value.replace(/\$\{([A-Za-z_][A-Za-z0-9_]*):?-([^}]*)\}/g, (_m, _v, def: string) => def);
}

/** `value` without its variable references (`$NAME`, `${…}`), to check what is written around them. */
export function withoutVariables(value: string): string {
  return value.replace(/\$\{[^}]*\}|\$[A-Za-z_][A-Za-z0-9_]*/g, '');
}
