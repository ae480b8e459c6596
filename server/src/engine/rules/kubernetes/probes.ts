// Shared implementation of the liveness and readiness probe rules — decisions:
//   - only long-running pods (not Jobs, CronJobs, Pods with restartPolicy Never/OnFailure):
//     a container that is meant to exit needs no liveness/readiness probe;
//   - `containers` and native sidecars (init containers with `restartPolicy: Always`,
//     Kubernetes ≥ 1.29): a sidecar runs for the pod's lifetime, the kubelet restarts it on a
//     failed liveness probe and its readiness counts towards the pod's;
//   - plain init containers are skipped: the API rejects liveness/readiness probes on them;
//   - ephemeral containers are skipped (the API rejects probes on them too).
import { lookup } from '../../kubernetes/nodes';
import { containerLabel } from '../../kubernetes/workloads';
import { containersFor, mergeFix, plainOrQuoted, probePort } from '../../kubernetes/support';
import type { Rule, RuleMeta } from '../../types';
import type { YamlDocumentView } from '../../yaml/model';

export function probeRule(
  key: 'livenessProbe' | 'readinessProbe',
  other: 'livenessProbe' | 'readinessProbe',
  meta: Omit<RuleMeta, 'domain' | 'severity' | 'fixable' | 'guideSection'>,
): Rule<YamlDocumentView> {
  return {
    meta: { ...meta, domain: 'kubernetes', severity: 'warning', fixable: true, guideSection: 'Kubernetes/Docker Compose — Health Checks' },
    kinds: ['kubernetes'],
    check(view, ctx) {
      const doc = view.doc;
      for (const c of containersFor(view, meta.id, { complete: true, longRunningOnly: true }, ctx)) {
        if (lookup(doc, c.map, key) !== undefined) continue;
        const port = probePort(view, c, other, ctx.options['port']);
        const path = plainOrQuoted(ctx.options['path']);
        ctx.report({
          range: view.range(c.anchor),
          message: `${containerLabel(c)} has no \`${key}\`.`,
          fixes: mergeFix(view, c.map, `Add ${key} (httpGet ${String(ctx.options['path'])} on port ${port})`, {
            [key]: {
              httpGet: { path, port },
              initialDelaySeconds: plainOrQuoted(ctx.options['initialDelaySeconds']),
              periodSeconds: plainOrQuoted(ctx.options['periodSeconds']),
            },
          }),
        });
      }
    },
  };
}
