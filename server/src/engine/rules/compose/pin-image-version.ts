import { str } from '../../kubernetes/nodes';
import { describeUnpinned, resolveDefaults, withoutVariables } from '../../kubernetes/image';
import { field, oncePerNode, servicesFor } from '../../compose/model';
import type { Rule } from '../../types';
import type { YamlDocumentView } from '../../yaml/model';

const ID = 'compose/pin-image-version';

export const composePinImageVersion: Rule<YamlDocumentView> = {
  meta: {
    id: ID,
    title: 'Pin service images to a version tag',
    domain: 'compose',
    severity: 'warning',
    guideSection: 'Container Standards — Container Security ("Pin dependency versions")',
    rationale:
      'An untagged or `latest` image, or one whose tag names only a channel or variant (`postgres:alpine`, `nextcloud:apache`) or only the distribution it is built on (`postgres:bookworm`), means every `docker compose pull` can bring a different version. Pin a tag or a digest. Services with `build:` name the image they build, so their `image:` is not judged; `${TAG:-1.2}` is resolved to its default, and a variable without default is judged only where the written text tells the tag (`${REGISTRY}/app:latest`, `$IMAGE:latest`, `${REGISTRY}/app` without a tag).',
    bad: { fileName: 'compose.yaml', code: 'services:\n  db:\n    image: postgres\n' },
    good: { fileName: 'compose.yaml', code: 'services:\n  db:\n    image: postgres:16-alpine\n' },
    fixable: false,
  },
  kinds: ['compose'],
  check(view, ctx) {
    const once = oncePerNode(view);
    for (const s of servicesFor(view, ID)) {
      if (field(view, s, 'build') !== undefined) continue;
      const node = field(view, s, 'image');
      const raw = str(node);
      if (!raw || !node || !once(node)) continue;
      const value = raw.includes('$') ? resolveDefaults(raw) : raw;
      // (Most images name no variable: nothing to take out then.)
      const around = value.includes('$') ? withoutVariables(value) : value;
      if (around.trim() === '' || /[{}<>\s]/.test(around)) continue;
      // Named as written: `app:${TAG:-}` resolves to `app:`, which nobody wrote.
      const what = describeUnpinned(value, raw);
      if (!what) continue;
      ctx.report({ range: view.range(node), message: `Service \`${s.name}\` uses image ${what}; pin a specific version tag or digest.` });
    }
  },
};
