// kubernetes/set-resource-requests — decisions:
//   - containers, init containers and native sidecars (init containers with `restartPolicy:
//     Always`) are checked alike: the scheduler sums sidecar requests with the containers'
//     and takes the larger of that and each init container's; ephemeral containers cannot
//     have resources and are skipped, as are kustomize patch fragments.
//   - the fix is not safe (not applied by `--fix` or fix-all): requests change where and whether
//     the pod is scheduled, and replace what a namespace's LimitRange would default them to.
import { isTemplateExpression, lookupMap, lookup } from '../../kubernetes/nodes';
import { containerLabel } from '../../kubernetes/workloads';
import { containersFor, mergeFix, resourceDefault, resourcesFix } from '../../kubernetes/support';
import type { Rule } from '../../types';
import type { YamlDocumentView } from '../../yaml/model';

const ID = 'kubernetes/set-resource-requests';

export const setResourceRequests: Rule<YamlDocumentView> = {
  meta: {
    id: ID,
    title: 'Set CPU and memory requests on every container',
    domain: 'kubernetes',
    severity: 'warning',
    guideSection: 'Kubernetes/Docker Compose — Resource Limits',
    rationale:
      'Without requests the scheduler places pods blindly and the container gets the lowest QoS class, so it is evicted first under node pressure. The guide sets `requests: {memory: "128Mi", cpu: "100m"}` as the baseline. Containers and init containers are checked; Kustomize patches (files a kustomization lists as patches, containers without `image`) are not: the base manifest holds the requests.',
    bad: {
      fileName: 'deployment.yaml',
      code: 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  template:\n    spec:\n      containers:\n        - name: web\n          image: nginx:1.27\n',
    },
    good: {
      fileName: 'deployment.yaml',
      code: 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  template:\n    spec:\n      containers:\n        - name: web\n          image: nginx:1.27\n          resources:\n            requests:\n              memory: "128Mi"\n              cpu: "100m"\n',
    },
    fixable: true,
    fixSafety: 'unsafe',
    defaultOptions: { memory: '128Mi', cpu: '100m' },
    optionDocs: {
      memory: 'Memory request the quick fix inserts (default `128Mi`, the guide\'s value).',
      cpu: 'CPU request the quick fix inserts (default `100m`, the guide\'s value).',
    },
  },
  kinds: ['kubernetes'],
  check(view, ctx) {
    const doc = view.doc;
    for (const c of containersFor(view, ID, { complete: true }, ctx)) {
      // `resources: {{ toYaml .Values.resources }}`: set when the template is rendered.
      const resources = lookup(doc, c.map, 'resources');
      if (isTemplateExpression(resources) || isTemplateExpression(lookup(doc, resources, 'requests'))) continue;
      const requests = lookupMap(doc, resources, 'requests');
      const missing = (['memory', 'cpu'] as const).filter((k) => lookup(doc, requests, k) === undefined);
      if (missing.length === 0) continue;
      const values = Object.fromEntries(missing.map((k) => [k, resourceDefault(view, c.map, 'requests', k, ctx.options[k])]));
      const what = missing.length === 2 ? 'resource requests' : missing[0] === 'cpu' ? 'CPU request' : 'memory request';
      const fix = resourcesFix('requests', ctx.options, missing, values);
      ctx.report({
        range: view.range(c.anchor),
        message: `${containerLabel(c)} has no ${what} (\`resources.requests.${missing.join('`/`.')}\`).`,
        fixes: mergeFix(view, c.map, fix.title, fix.entries, false),
      });
    }
  },
};
