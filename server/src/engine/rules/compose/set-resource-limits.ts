import type { Node, Pair } from 'yaml';
import { lookup, lookupMap, str } from '../../kubernetes/nodes';
import { mergeFix, plainOrQuoted, quoted } from '../../kubernetes/support';
import type { BlockEntries } from '../../yaml/edit';
import { completeServicesFor, field, isNull, isResetField, oncePerNode, overridingServicesFor, replacingPair, resetSource, unlessReset, valueTag, type ComposeService } from '../../compose/model';
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

/** The limits a service sets in this file (`!reset` and null fields are unset), and the nodes read on the way. */
function ownLimits(view: YamlDocumentView, s: ComposeService) {
  const doc = view.doc;
  const resourcesNode = lookupMap(doc, field(view, s, 'deploy'), 'resources');
  const resources = unlessReset(resourcesNode);
  const limitsNode = lookupMap(doc, resources, 'limits');
  const limits = unlessReset(limitsNode);
  const legacyMem = set(field(view, s, 'mem_limit'));
  const legacyCpu = set(field(view, s, 'cpus')) || set(field(view, s, 'cpu_quota'));
  const hasMem = legacyMem || set(unlessReset(lookup(doc, limits, 'memory')));
  const hasCpu = legacyCpu || set(unlessReset(lookup(doc, limits, 'cpus')));
  return { resourcesNode, resources, limitsNode, limits, legacyMem, legacyCpu, hasMem, hasCpu };
}

/** Whether a field's value sets a limit: a null value (`mem_limit:`, or `!override` with none) sets none. */
function set(node: Node | undefined): boolean {
  return node !== undefined && !isNull(node);
}

/** Service fields that hold limits: any of them `!reset` leaves the fix nothing it could fill in. */
const LIMIT_FIELDS = ['deploy', 'mem_limit', 'cpus', 'cpu_quota'];

type Limit = 'memory' | 'cpu';
const BOTH: readonly Limit[] = ['memory', 'cpu'];
const MEMORY: readonly Limit[] = ['memory'];
const CPU: readonly Limit[] = ['cpu'];

/**
 * `!reset` fields that remove limits (a service's or below `deploy`), and `!override` ones that
 * replace them (what the new value sets again is taken out later), with the path shown and the
 * limits each removes.
 */
function limitResets(view: YamlDocumentView, s: ComposeService): { pair: Pair; path: string; removes: readonly Limit[] }[] {
  const doc = view.doc;
  const out: { pair: Pair; path: string; removes: readonly Limit[] }[] = [];
  const add = (map: unknown, key: string, path: string, removes: readonly Limit[]) => {
    const pair = replacingPair(view, map, key);
    if (pair) out.push({ pair, path, removes });
  };
  for (const [key, removes] of [['deploy', BOTH], ['mem_limit', ['memory']], ['cpus', ['cpu']], ['cpu_quota', ['cpu']]] as const) add(s.map, key, key, removes);
  const deploy = field(view, s, 'deploy');
  add(deploy, 'resources', 'deploy.resources', BOTH);
  const resources = unlessReset(lookupMap(doc, deploy, 'resources'));
  add(resources, 'limits', 'deploy.resources.limits', BOTH);
  const limits = unlessReset(lookupMap(doc, resources, 'limits'));
  add(limits, 'memory', 'deploy.resources.limits.memory', ['memory']);
  add(limits, 'cpus', 'deploy.resources.limits.cpus', ['cpu']);
  return out.sort((a, b) => ((a.pair.key as Node).range?.[0] ?? 0) - ((b.pair.key as Node).range?.[0] ?? 0));
}

function limitNoun(limits: readonly Limit[]): string {
  return limits.length === 2 ? 'resource limits' : limits[0] === 'memory' ? 'memory limit' : 'CPU limit';
}

/** Whether a service's own fields set a limit, remove the one it inherits (`!reset`, or an `!override` without it), or neither. */
function givesLimit(view: YamlDocumentView, s: ComposeService, limit: Limit): 'sets' | 'removes' | undefined {
  const own = ownLimits(view, s);
  if (limit === 'memory' ? own.hasMem : own.hasCpu) return 'sets';
  return limitResets(view, s).some((r) => r.removes.includes(limit)) ? 'removes' : undefined;
}

/** The fix adding `deploy.resources` limits and reservations: the entries it adds, and its title. */
interface DeployFix {
  entries: BlockEntries;
  title: string;
}

/**
 * The `deploy` fix by options object and limits: most services get the same one, and it is built
 * and rendered once (frozen, see `mergeIntoMap`), its title too.
 */
const deployFixes = new WeakMap<object, Map<string, Map<string, DeployFix>>>();
const MAX_DEPLOY_FIXES = 64;

function deployFixFor(o: Readonly<Record<string, unknown>>, limitMem: string, limitCpus: string): DeployFix {
  // Services in a row mostly get the same one: the last answer first.
  if (o === last.options && limitMem === last.memory && limitCpus === last.cpus) return last.fix;
  let byMem = deployFixes.get(o);
  if (!byMem) deployFixes.set(o, (byMem = new Map()));
  let byCpus = byMem.get(limitMem);
  if (!byCpus) {
    byCpus = new Map();
    if (byMem.size < MAX_DEPLOY_FIXES) byMem.set(limitMem, byCpus);
  }
  let fix = byCpus.get(limitCpus);
  if (!fix) {
    const deploy = Object.freeze({
      resources: Object.freeze({
        limits: Object.freeze({ cpus: quoted(limitCpus), memory: plainOrQuoted(limitMem) }),
        reservations: Object.freeze({ cpus: quoted(o['reservationCpus']), memory: plainOrQuoted(o['reservationMemory']) }),
      }),
    });
    fix = { entries: Object.freeze({ deploy }), title: `Add deploy.resources limits (${limitMem}, ${limitCpus} CPU) and reservations` };
    if (byCpus.size < MAX_DEPLOY_FIXES) byCpus.set(limitCpus, fix);
  }
  last = { options: o, memory: limitMem, cpus: limitCpus, fix };
  return fix;
}

let last: { options: object | undefined; memory: string; cpus: string; fix: DeployFix } = { options: undefined, memory: '', cpus: '', fix: { entries: {}, title: '' } };

export const composeSetResourceLimits: Rule<YamlDocumentView> = {
  meta: {
    id: ID,
    title: 'Set memory and CPU limits on every service',
    domain: 'compose',
    severity: 'warning',
    guideSection: 'Kubernetes/Docker Compose — Resource Limits',
    rationale:
      '"Always set resource limits to prevent runaway containers" applies to Compose too: one leaking service can take the whole host. Limits are read from `deploy.resources.limits` or the legacy `mem_limit`/`cpus`. The quick fix inserts `deploy.resources.limits` and `reservations` with the guide\'s numbers in Compose units (`256M`/`0.5` CPU, `128M`/`0.1` CPU), or the missing legacy key if the service already uses legacy keys. Services that `extends:` another, services of an override file (`docker-compose.override.yml`, `compose.prod.override.yaml`) and fragments with neither `image` nor `build` are skipped: another file may set their limits. A field tagged `!reset` is unset; in an override file or a fragment, one that removes the base file\'s limits (`deploy: !reset`, `mem_limit: !reset`, …), and in a service that `extends:` another one that removes the inherited limits (Compose applies the reset before merging), is reported unless the service sets the limit again; so is `!override` on such a field (it replaces the base file\'s value whole) when the new value sets no limit. When no service it extends in the same file sets a limit it resets, the message says the reset removes none (those services are reported on their own).',
    bad: { fileName: 'compose.yaml', code: 'services:\n  web:\n    image: nginx:1.27\n' },
    good: {
      fileName: 'compose.yaml',
      code: 'services:\n  web:\n    image: nginx:1.27\n    deploy:\n      resources:\n        limits:\n          cpus: "0.5"\n          memory: 256M\n',
    },
    fixable: true,
    fixSafety: 'unsafe',
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
    // Services merged over a base file or an extended service are not judged for missing limits,
    // but a `!reset` there removes the limits they take from it for certain, unless set again.
    const once = oncePerNode(view);
    for (const s of overridingServicesFor(view, ID, ctx.fileName)) {
      // Most such services reset nothing: look for resets before following the `extends:` chain.
      const resets = limitResets(view, s);
      if (resets.length === 0) continue;
      const sources = new Map(BOTH.map((l) => [l, resetSource(view, s, ctx.fileName, (a) => givesLimit(view, a, l))] as const));
      if (sources.get('memory') === undefined) continue; // a reset not judged (see `resetOrigin`)
      const own = ownLimits(view, s);
      for (const { pair, path, removes } of resets) {
        const lost = removes.filter((l) => (l === 'memory' ? !own.hasMem : !own.hasCpu && o['requireCpuLimit'] !== false));
        if (lost.length === 0 || !once(pair)) continue;
        // What the chain of extended services has none of is theirs to report: the message names only what is removed.
        const removed = lost.filter((l) => sources.get(l)!.removed);
        const reset = `Service \`${s.name}\`: \`${path}: ${valueTag(view, pair)}\` removes`;
        const words = [...new Set((removed.length > 0 ? removed : lost).map((l) => sources.get(l)!.words))];
        ctx.report({
          range: view.range(pair.key as Node),
          message:
            removed.length === 0
              ? `${reset} no ${limitNoun(lost)}, as ${words[0]} has none in this file; the service runs without ${lost.length === 2 ? 'them' : 'one'}.`
              : `${reset} ${words.length === 1 ? `the ${limitNoun(removed)} ${words[0]}` : removed.map((l) => `the ${limitNoun([l])} ${sources.get(l)!.words}`).join(' and ')}; this file sets none in ${removed.length === 2 ? 'their' : 'its'} place.`,
        });
      }
    }
    for (const s of completeServicesFor(view, ID, ctx.fileName)) {
      // A `!reset` field below `deploy` (`limits: !reset {}`) is unset too; no fix fills one in (it would stay reset).
      const { resourcesNode, resources, limitsNode, limits, legacyMem, legacyCpu, hasMem, hasCpu: cpuSet } = ownLimits(view, s);
      const hasCpu = cpuSet || o['requireCpuLimit'] === false;
      if (hasMem && hasCpu) continue;
      const what = limitNoun(hasMem ? CPU : hasCpu ? MEMORY : BOTH);
      const legacy = (legacyMem || legacyCpu) && !limits;
      // Never insert a limit below an existing reservation (Compose rejects that).
      const reservationsNode = lookupMap(doc, resources, 'reservations');
      const reservations = unlessReset(reservationsNode);
      // Nor is a null limit (`memory:`) filled in: the fix adds missing keys only.
      const reset =
        resourcesNode !== resources || limitsNode !== limits || reservationsNode !== reservations || LIMIT_FIELDS.some((k) => isResetField(view, s, k)) ||
        (!hasMem && lookup(doc, limits, 'memory') !== undefined) || (!cpuSet && lookup(doc, limits, 'cpus') !== undefined);
      const resMem = str(lookup(doc, reservations, 'memory'));
      const resCpus = str(lookup(doc, reservations, 'cpus'));
      const limitMem = resMem !== undefined && (composeBytes(resMem) ?? 0) > (composeBytes(String(o['memory'])) ?? Infinity) ? resMem : String(o['memory']);
      const limitCpus = resCpus !== undefined && Number(resCpus) > Number(o['cpus']) ? resCpus : String(o['cpus']);
      const deploy = deployFixFor(o, limitMem, limitCpus);
      // Not safe fixes (fix-all skips them): the values are the guide's defaults, not what the
      // service needs, and a memory limit below its use gets it OOM-killed.
      const fixes = reset
        ? []
        : legacy
        ? mergeFix(view, s.map, 'Add the missing legacy limit', {
            ...(hasMem ? {} : { mem_limit: plainOrQuoted(String(o['memory']).toLowerCase()) }),
            ...(hasCpu ? {} : { cpus: quoted(o['cpus']) }),
          }, false)
        : mergeFix(view, s.map, deploy.title, deploy.entries, false);
      ctx.report({
        range: view.range(s.keyNode),
        message: `Service \`${s.name}\` has no ${what} (\`deploy.resources.limits\` or \`mem_limit\`/\`cpus\`).`,
        fixes,
      });
    }
  },
};
