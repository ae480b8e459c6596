import { lookup, lookupMap, str } from '../../kubernetes/nodes';
import { mergeFix, plainOrQuoted, quoted } from '../../kubernetes/support';
import { completeServicesFor, field, isResetField, unlessReset } from '../../compose/model';
import type { Rule } from '../../types';
import type { YamlDocumentView } from '../../yaml/model';

const ID = 'compose/set-resource-limits';

/** Docker byte values (`256M`, `1g`, `512mb`, `1024`): binary units, case-insensitive. */
export function composeBytes(value: string): number | undefined {
  const m = /^(\d+(?:\.\d+)?)\s*([bkmgt]?)b?$/i.exec(value.trim());
  if (!m) return undefined;
  const exp = { '': 0, b: 0, k: 1, m: 2, g: 3, t: 4 }[m[2]!.toLowerCase() as 'b'];
  return Number(m[1]) * 1024 ** exp;
}

export const composeSetResourceLimits: Rule<YamlDocumentView> = {
  meta: {
    id: ID,
    title: 'Set memory and CPU limits on every service',
    domain: 'compose',
    severity: 'warning',
    guideSection: 'Kubernetes/Docker Compose — Resource Limits',
    rationale:
      '"Always set resource limits to prevent runaway containers" applies to Compose too: one leaking service can take the whole host. Limits are read from `deploy.resources.limits` or the legacy `mem_limit`/`cpus`. The quick fix inserts `deploy.resources.limits` and `reservations` with the guide\'s numbers in Compose units (`256M`/`0.5` CPU, `128M`/`0.1` CPU), or the missing legacy key if the service already uses legacy keys. Services that `extends:` another, services of an override file (`docker-compose.override.yml`, `compose.prod.override.yaml`) and fragments with neither `image` nor `build` are skipped: another file may set their limits. A field tagged `!reset` is unset.',
    bad: { fileName: 'compose.yaml', code: 'services:\n  web:\n    image: nginx:1.27\n' },
    good: {
      fileName: 'compose.yaml',
      code: 'services:\n  web:\n    image: nginx:1.27\n    deploy:\n      resources:\n        limits:\n          cpus: "0.5"\n          memory: 256M\n',
    },
    fixable: true,
    defaultOptions: { memory: '256M', cpus: '0.5', reservationMemory: '128M', reservationCpus: '0.1', requireCpuLimit: true },
    optionDocs: {
      memory: 'Memory limit the quick fix inserts (default `256M`).',
      cpus: 'CPU limit the quick fix inserts (default `0.5`).',
      reservationMemory: 'Memory reservation the quick fix inserts (default `128M`).',
      reservationCpus: 'CPU reservation the quick fix inserts (default `0.1`).',
      requireCpuLimit: 'Also require a CPU limit (default true).',
    },
  },
  kinds: ['compose'],
  check(view, ctx) {
    const doc = view.doc;
    const o = ctx.options;
    for (const s of completeServicesFor(view, ID, ctx.fileName)) {
      // A `!reset` field below `deploy` (`limits: !reset {}`) is unset too; no fix fills one in (it would stay reset).
      const resourcesNode = lookupMap(doc, field(view, s, 'deploy'), 'resources');
      const resources = unlessReset(resourcesNode);
      const limitsNode = lookupMap(doc, resources, 'limits');
      const limits = unlessReset(limitsNode);
      const legacyMem = field(view, s, 'mem_limit') !== undefined;
      const legacyCpu = field(view, s, 'cpus') !== undefined || field(view, s, 'cpu_quota') !== undefined;
      const hasMem = legacyMem || unlessReset(lookup(doc, limits, 'memory')) !== undefined;
      const hasCpu = legacyCpu || unlessReset(lookup(doc, limits, 'cpus')) !== undefined || o['requireCpuLimit'] === false;
      if (hasMem && hasCpu) continue;
      const what = !hasMem && !hasCpu ? 'resource limits' : !hasMem ? 'memory limit' : 'CPU limit';
      const legacy = (legacyMem || legacyCpu) && !limits;
      // Never insert a limit below an existing reservation (Compose rejects that).
      const reservationsNode = lookupMap(doc, resources, 'reservations');
      const reservations = unlessReset(reservationsNode);
      const reset =
        resourcesNode !== resources || limitsNode !== limits || reservationsNode !== reservations || ['deploy', 'mem_limit', 'cpus', 'cpu_quota'].some((k) => isResetField(view, s, k));
      const resMem = str(lookup(doc, reservations, 'memory'));
      const resCpus = str(lookup(doc, reservations, 'cpus'));
      const limitMem = resMem !== undefined && (composeBytes(resMem) ?? 0) > (composeBytes(String(o['memory'])) ?? Infinity) ? resMem : String(o['memory']);
      const limitCpus = resCpus !== undefined && Number(resCpus) > Number(o['cpus']) ? resCpus : String(o['cpus']);
      const fixes = reset
        ? []
        : legacy
        ? mergeFix(view, s.map, 'Add the missing legacy limit', {
            ...(hasMem ? {} : { mem_limit: plainOrQuoted(String(o['memory']).toLowerCase()) }),
            ...(hasCpu ? {} : { cpus: quoted(o['cpus']) }),
          })
        : mergeFix(view, s.map, `Add deploy.resources limits (${limitMem}, ${limitCpus} CPU) and reservations`, {
            deploy: {
              resources: {
                limits: { cpus: quoted(limitCpus), memory: plainOrQuoted(limitMem) },
                reservations: { cpus: quoted(o['reservationCpus']), memory: plainOrQuoted(o['reservationMemory']) },
              },
            },
          });
      ctx.report({
        range: view.range(s.keyNode),
        message: `Service \`${s.name}\` has no ${what} (\`deploy.resources.limits\` or \`mem_limit\`/\`cpus\`).`,
        fixes,
      });
    }
  },
};
