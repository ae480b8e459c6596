import { describeUnpinned, resolveDefaults, withoutVariables } from '../../kubernetes/image';
import { lookup, str } from '../../kubernetes/nodes';
import { containerLabel, imageOf, type Container } from '../../kubernetes/workloads';
import { containersFor } from '../../kubernetes/support';
import type { Rule } from '../../types';
import type { Document, Node } from 'yaml';
import type { YamlDocumentView } from '../../yaml/model';

const ID = 'kubernetes/pin-image-version';
const pod = (image: string) => `apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n    - name: web\n      image: ${image}\n`;

/**
 * The image as used when its envsubst variables are unset, their defaults applied (`app:${TAG:-latest}`,
 * `${REGISTRY:-docker.io}/nginx`, as envsubst tools and Flux apply them) and variables without default
 * left as written (`${REGISTRY}/app:latest`, judged on what is written out): `value` is that reference,
 * `written` the text. Other templated images are not judged.
 */
function defaultedImage(doc: Document, c: Container): { value: string; written: string; node: Node } | undefined {
  const node = lookup(doc, c.map, 'image');
  const written = str(node);
  if (!node || !written?.includes('${')) return undefined;
  const value = resolveDefaults(written);
  const around = withoutVariables(value);
  if (around.trim() === '' || /[{}<>\s$]/.test(around)) return undefined;
  return { value, written, node };
}

export const pinImageVersion: Rule<YamlDocumentView> = {
  meta: {
    id: ID,
    title: 'Pin container images to a version tag',
    domain: 'kubernetes',
    severity: 'warning',
    guideSection: 'Container Standards — Container Security ("Pin dependency versions")',
    rationale:
      'An untagged or `latest` image, or one whose tag names only a channel or variant (`postgres:alpine`, `nginx:mainline`) or only the distribution it is built on (`postgres:bookworm`), changes under a running workload: two replicas can run different code and a rollback cannot return to what ran before. A digest (`@sha256:…`) is fine; `imagePullPolicy: Always` with a pinned tag is fine. An envsubst default is judged as the image used when its variable is unset (`app:${TAG:-latest}` is `latest`); a variable without default is judged only where the written text tells the tag (`${REGISTRY}/app:latest`, `$IMAGE:latest`, `$REGISTRY/app` without a tag); other templated images (`{{…}}`, `$IMAGE`, `app:$TAG`) are not judged.',
    bad: { fileName: 'pod.yaml', code: pod('nginx:latest') },
    good: { fileName: 'pod.yaml', code: pod('nginx:1.27-alpine') },
    fixable: false,
  },
  kinds: ['kubernetes'],
  check(view, ctx) {
    for (const c of containersFor(view, ID, { ephemeral: true })) {
      const plain = imageOf(view.doc, c);
      const image = plain ? { ...plain, written: plain.value } : defaultedImage(view.doc, c);
      if (!image) continue;
      const what = describeUnpinned(image.value, image.written);
      if (what === undefined) continue;
      ctx.report({ range: view.range(image.node), message: `${containerLabel(c)} uses image ${what}; pin a specific version tag or digest.` });
    }
  },
};
