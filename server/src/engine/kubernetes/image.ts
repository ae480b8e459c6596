// Container image references (`registry:5000/team/app:1.2@sha256:…`), shared by the
// Kubernetes and Compose packs.

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

/** Why an image reference is not pinned, or undefined when it is (tag other than latest, or digest). */
export function unpinnedReason(ref: string): 'untagged' | 'latest' | undefined {
  const img = parseImageRef(ref);
  if (img.digest) return undefined;
  if (img.tag === undefined || img.tag === '') return 'untagged';
  if (img.tag === 'latest') return 'latest';
  return undefined;
}
