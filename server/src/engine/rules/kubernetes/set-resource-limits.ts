// kubernetes/set-resource-limits — decisions:
//   - containers, init containers and native sidecars (init containers with `restartPolicy:
//     Always`) are checked alike: each one's limits bound the pod's usage (an init container's
//     while it runs, a sidecar's for the pod's lifetime); ephemeral containers cannot have
//     resources and are skipped, as are kustomize patch fragments.
//   - the fix is not safe (not applied by `--fix` or fix-all): the values are the guide's
//     defaults, not the workload's needs, and a memory limit below what the app uses gets it
//     OOM-killed in a restart loop; a CPU limit throttles it.
import { isTemplateExpression, lookupMap, lookup } from '../../kubernetes/nodes';
import { containerLabel } from '../../kubernetes/workloads';
import { containersFor, mergeFix, resourceDefault, resourcesFix } from '../../kubernetes/support';
import type { Rule } from '../../types';
import type { YamlDocumentView } from '../../yaml/model';

const ID = 'kubernetes/set-resource-limits';

export const setResourceLimits: Rule<YamlDocumentView> = {
  meta: {
    id: ID,
    title: 'Set memory and CPU limits on every container',
    domain: 'kubernetes',
    severity: 'warning',
    guideSection: 'Kubernetes/Docker Compose — Resource Limits',
    rationale:
      '"Always set resource limits to prevent runaway containers." A container without a memory limit can take the node\'s memory; without a CPU limit it can starve its neighbours. The guide sets `limits: {memory: "256Mi", cpu: "500m"}`. Teams that drop CPU limits on purpose (throttling) can set `requireCpuLimit: false`.',
    bad: {
      fileName: 'deployment.yaml',
      code: 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  template:\n    spec:\n      containers:\n        - name: web\n          image: nginx:1.27\n          resources:\n            requests:\n              memory: "128Mi"\n              cpu: "100m"\n',
    },
    good: {
      fileName: 'deployment.yaml',
      code: 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  template:\n    spec:\n      containers:\n        - name: web\n          image: nginx:1.27\n          resources:\n            requests:\n              memory: "128Mi"\n              cpu: "100m"\n            limits:\n              memory: "256Mi"\n              cpu: "500m"\n',
    },
    fixable: true,
    fixSafety: 'unsafe',
    defaultOptions: { memory: '256Mi', cpu: '500m', requireCpuLimit: true },
    optionDocs: {
      memory: 'Memory limit the quick fix inserts (default `256Mi`, the guide\'s value).',
      cpu: 'CPU limit the quick fix inserts (default `500m`, the guide\'s value).',
      requireCpuLimit: 'Also require `limits.cpu` (default true, as the guide; set false if your team avoids CPU limits).',
    },
  },
  kinds: ['kubernetes'],
  check(view, ctx) {
    const doc = view.doc;
    const keys = ctx.options['requireCpuLimit'] === false ? (['memory'] as const) : (['memory', 'cpu'] as const);
    for (const c of containersFor(view, ID, { complete: true }, ctx)) {
      // `resources: {{ toYaml .Values.resources }}`: set when the template is rendered.
      const resources = lookup(doc, c.map, 'resources');
      if (isTemplateExpression(resources) || isTemplateExpression(lookup(doc, resources, 'limits'))) continue;
      const limits = lookupMap(doc, resources, 'limits');
      const missing = keys.filter((k) => lookup(doc, limits, k) === undefined);
      if (missing.length === 0) continue;
      const values = Object.fromEntries(missing.map((k) => [k, resourceDefault(view, c.map, 'limits', k, ctx.options[k])]));
      const what = missing.length === 2 ? 'resource limits' : missing[0] === 'cpu' ? 'CPU limit' : 'memory limit';
      const fix = resourcesFix('limits', ctx.options, missing, values);
      ctx.report({
        range: view.range(c.anchor),
        message: `${containerLabel(c)} has no ${what} (\`resources.limits.${missing.join('`/`.')}\`).`,
        fixes: mergeFix(view, c.map, fix.title, fix.entries, false),
      });
    }
  },
};
