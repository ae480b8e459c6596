import { describeUnpinned } from '../../kubernetes/image';
import { containerLabel, imageOf } from '../../kubernetes/workloads';
import { containersFor } from '../../kubernetes/support';
import type { Rule } from '../../types';
import type { YamlDocumentView } from '../../yaml/model';

const ID = 'kubernetes/pin-image-version';
const pod = (image: string) => `apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n    - name: web\n      image: ${image}\n`;

export const pinImageVersion: Rule<YamlDocumentView> = {
  meta: {
    id: ID,
    title: 'Pin container images to a version tag',
    domain: 'kubernetes',
    severity: 'warning',
    guideSection: 'Container Standards — Container Security ("Pin dependency versions")',
    rationale:
      'An untagged or `latest` image, or one whose tag names only a channel or variant (`postgres:alpine`, `nginx:mainline`) or only the distribution it is built on (`postgres:bookworm`), changes under a running workload: two replicas can run different code and a rollback cannot return to what ran before. A digest (`@sha256:…`) is fine; `imagePullPolicy: Always` with a pinned tag is fine. Templated images (`{{…}}`, `${…}`) are not judged.',
    bad: { fileName: 'pod.yaml', code: pod('nginx:latest') },
    good: { fileName: 'pod.yaml', code: pod('nginx:1.27-alpine') },
    fixable: false,
  },
  kinds: ['kubernetes'],
  check(view, ctx) {
    for (const c of containersFor(view, ID, { ephemeral: true })) {
      const image = imageOf(view.doc, c);
      if (!image) continue;
      const what = describeUnpinned(image.value);
      if (what === undefined) continue;
      ctx.report({ range: view.range(image.node), message: `${containerLabel(c)} uses image ${what}; pin a specific version tag or digest.` });
    }
  },
};
