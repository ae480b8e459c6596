// Shared implementation of the liveness and readiness probe rules — decisions:
//   - only long-running pods (not Jobs, CronJobs, Pods with restartPolicy Never/OnFailure):
//     a container that is meant to exit needs no liveness/readiness probe;
//   - `containers` and native sidecars (init containers with `restartPolicy: Always`,
//     Kubernetes ≥ 1.29): a sidecar runs for the pod's lifetime, the kubelet restarts it on a
//     failed liveness probe and its readiness counts towards the pod's;
//   - plain init containers are skipped: the API rejects liveness/readiness probes on them;
//   - ephemeral containers are skipped (the API rejects probes on them too);
//   - the quick fix copies the check of the container's other probe when it has one (an
//     endpoint, port and scheme the app is known to answer on) with its `timeoutSeconds` (a
//     slow endpoint fails under the 1 s default), else probes the configured path with
//     `httpGet` on the container's port; delays, periods and thresholds come from the options;
//   - only a readiness check copied from the liveness check is a safe fix: the app answers it
//     whenever it is alive, and a failing readiness probe only holds traffic back. A guessed
//     path or port (redis on 6379, a TLS port) fails; a failing liveness probe restarts the
//     container, and a readiness check copied as liveness check may fail on purpose while the
//     app starts or a dependency is down. Those stay quick fixes, not applied by fix-all.
import { lookup, lookupMap } from '../../kubernetes/nodes';
import { containerLabel } from '../../kubernetes/workloads';
import { containersFor, copyableValue, mergeFix, plainOrQuoted, probePort } from '../../kubernetes/support';
import type { Rule, RuleMeta } from '../../types';
import type { BlockEntries } from '../../yaml/edit';
import type { YamlDocumentView } from '../../yaml/model';

/** The handlers a probe can have (exactly one), in the API's order. */
const HANDLERS = ['exec', 'httpGet', 'tcpSocket', 'grpc'] as const;

interface ProbeFix {
  title: string;
  /** `{[probe]: {…check, initialDelaySeconds, periodSeconds}}`. */
  entries: BlockEntries;
  safe: boolean;
}

/** The options' delay and period as fix text. */
function timing(o: Readonly<Record<string, unknown>>): BlockEntries {
  return { initialDelaySeconds: plainOrQuoted(o['initialDelaySeconds']), periodSeconds: plainOrQuoted(o['periodSeconds']) };
}

/**
 * Guessed `httpGet` fixes by probe, options object and port: most containers get the same one,
 * built and rendered once (frozen, see `mergeIntoMap`) with its title, not per finding (with
 * `resourcesFix`: 12–18% of the instructions of linting 200 KB of containers with neither).
 */
const httpGetFixes = new WeakMap<object, Map<string, ProbeFix>>();
const MAX_HTTP_GET_FIXES = 64;

function httpGetFix(key: string, o: Readonly<Record<string, unknown>>, port: string): ProbeFix {
  let byId = httpGetFixes.get(o);
  if (!byId) httpGetFixes.set(o, (byId = new Map()));
  // (Both probe rules could be handed one options object.)
  const id = key + '\u0000' + port;
  let fix = byId.get(id);
  if (!fix) {
    const check = Object.freeze({ httpGet: Object.freeze({ path: plainOrQuoted(o['path']), port }), ...timing(o) });
    fix = { title: `Add ${key} (httpGet ${String(o['path'])} on port ${port})`, entries: Object.freeze({ [key]: check }), safe: false };
    if (byId.size < MAX_HTTP_GET_FIXES) byId.set(id, fix);
  }
  return fix;
}

export function probeRule(
  key: 'livenessProbe' | 'readinessProbe',
  other: 'livenessProbe' | 'readinessProbe',
  meta: Omit<RuleMeta, 'domain' | 'severity' | 'fixable' | 'fixSafety' | 'guideSection'>,
): Rule<YamlDocumentView> {
  return {
    // Only a readiness check copied from the liveness one is safe: a wrong liveness check restarts
    // the container in a loop.
    meta: { ...meta, domain: 'kubernetes', severity: 'warning', fixable: true, fixSafety: key === 'readinessProbe' ? 'mixed' : 'unsafe', guideSection: 'Kubernetes/Docker Compose — Health Checks' },
    kinds: ['kubernetes'],
    check(view, ctx) {
      const doc = view.doc;
      for (const c of containersFor(view, meta.id, { complete: true, longRunningOnly: true }, ctx)) {
        if (lookup(doc, c.map, key) !== undefined) continue;
        const otherProbe = lookupMap(doc, c.map, other);
        const handler = HANDLERS.find((h) => lookup(doc, otherProbe, h) !== undefined);
        const copied = handler && copyableValue(view, lookup(doc, otherProbe, handler));
        let fix: ProbeFix;
        if (handler && copied !== undefined) {
          // The timeout belongs to the check: an endpoint that needs 5 s fails under the 1 s default.
          const timeout = copyableValue(view, lookup(doc, otherProbe, 'timeoutSeconds'));
          const check = typeof timeout === 'string' ? { [handler]: copied, timeoutSeconds: timeout } : { [handler]: copied };
          fix = { title: `Add ${key} (the ${handler} check of ${other})`, entries: { [key]: { ...check, ...timing(ctx.options) } }, safe: key === 'readinessProbe' };
        } else {
          fix = httpGetFix(key, ctx.options, probePort(view, c, other, ctx.options['port']));
        }
        ctx.report({
          range: view.range(c.anchor),
          message: `${containerLabel(c)} has no \`${key}\`.`,
          fixes: mergeFix(view, c.map, fix.title, fix.entries, fix.safe),
        });
      }
    },
  };
}
