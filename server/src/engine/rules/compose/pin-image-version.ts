import { str } from '../../kubernetes/nodes';
import { movingTagWhy } from '../../images/pinning';
import { describeUnpinned, parseImageRef, unpinnedReason } from '../../kubernetes/image';
import { field, oncePerNode, servicesFor } from '../../compose/model';
import type { Rule } from '../../types';
import type { YamlDocumentView } from '../../yaml/model';

const ID = 'compose/pin-image-version';

/**
 * Resolves `${VAR:-default}` / `${VAR-default}` to their defaults; undefined when a variable
 * has no default (the value depends on the environment).
 */
export function resolveDefaults(value: string): string | undefined {
  let unresolved = false;
  const out = value.replace(/\$\{([A-Za-z_][A-Za-z0-9_]*)(?::?-([^}]*))?\}|\$([A-Za-z_][A-Za-z0-9_]*)/g, (_m, _v, def: string | undefined) => {
    if (def === undefined) {
      unresolved = true;
      return '';
    }
    return def;
  });
  return unresolved ? undefined : out;
}

export const composePinImageVersion: Rule<YamlDocumentView> = {
  meta: {
    id: ID,
    title: 'Pin service images to a version tag',
    domain: 'compose',
    severity: 'warning',
    guideSection: 'Container Standards — Container Security ("Pin dependency versions")',
    rationale:
      'An untagged or `latest` image, or one whose tag names only a channel or variant (`postgres:alpine`, `nextcloud:apache`) or only the distribution it is built on (`postgres:bookworm`), means every `docker compose pull` can bring a different version. Pin a tag or a digest. Services with `build:` name the image they build, so their `image:` is not judged; `${TAG:-1.2}` is resolved to its default, and variables without default are not judged.',
    bad: { fileName: 'compose.yaml', code: 'services:\n  db:\n    image: postgres\n' },
    good: { fileName: 'compose.yaml', code: 'services:\n  db:\n    image: postgres:16-alpine\n' },
    fixable: false,
  },
  kinds: ['compose'],
  check(view, ctx) {
    const once = oncePerNode();
    for (const s of servicesFor(view, ID)) {
      if (field(view, s, 'build') !== undefined) continue;
      const node = field(view, s, 'image');
      const raw = str(node);
      if (!raw || !node || !once(node)) continue;
      const value = raw.includes('$') ? resolveDefaults(raw) : raw;
      if (value === undefined || value.trim() === '' || /[{}<>\s]/.test(value)) continue;
      const reason = unpinnedReason(value);
      if (!reason) continue;
      // Name the image as written: `app:${TAG:-}` resolves to `app:`, which nobody wrote.
      const ref = parseImageRef(value);
      const what =
        value === raw
          ? describeUnpinned(raw)
          : reason === 'moving'
            ? `\`${raw}\`, whose tag by default has no version: ${movingTagWhy(ref.repository, ref.tag ?? '')}`
            : `\`${raw}\`, which ${reason === 'latest' ? 'is `latest`' : 'has no tag'} by default`;
      ctx.report({ range: view.range(node), message: `Service \`${s.name}\` uses image ${what}; pin a specific version tag or digest.` });
    }
  },
};
