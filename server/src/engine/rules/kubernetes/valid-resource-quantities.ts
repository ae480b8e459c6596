// kubernetes/valid-resource-quantities — decisions:
//   - values are judged as kubectl reads them (YAML 1.1, see `scalarQuantity`): `1_000` is the
//     number 1000 (valid; the engine's YAML 1.2 parse sees a string), `true`/`yes` are booleans
//     and `.inf` is no number JSON can carry: all three kinds are rejected by the API server;
//   - empty/null values (read as 0) and templated text are not judged;
//   - huge pages and extended resources (`nvidia.com/gpu`: a name with a domain other than
//     kubernetes.io) cannot be overcommitted: the API server rejects a request without a limit or
//     different from it, and a fraction of an extended resource. A request below its limit gets
//     two unsafe fixes (raise the request, lower the limit): which one is right is the user's call
//     (GPUs cost money), so `--fix` applies neither. A missing limit gets no fix (it means adding
//     a key, maybe a whole `limits` map); a fraction none either (round up or down?);
//   - huge pages need cpu or memory in the same container (requests or limits, any value: the
//     key counts), else the API server rejects "HugePages require cpu or memory". The container
//     then also gets set-resource-requests/limits warnings (on its name); this error says why
//     the manifest is refused, on the huge-pages key. Not judged: patch fragments (the base may
//     set memory), sections or keys a template fills in, pods with pod-level `resources`. (A
//     bare Pod in a namespace whose LimitRange defaults cpu or memory is accepted: not knowable here.)
import { isMap, isScalar, type Scalar } from 'yaml';
import { deref, isTemplated, lookup, lookupMap, lookupPair, lookupPath, lookupSeq, mapItems } from '../../kubernetes/nodes';
import { binarySpelling, quantityValue, repairQuantity, scalarQuantity } from '../../kubernetes/quantity';
import { containerLabel, isIgnored, isPatchFile, kubernetesModel, type Container } from '../../kubernetes/workloads';
import { containersFor } from '../../kubernetes/support';
import type { Fix, Rule } from '../../types';
import type { YamlDocumentView } from '../../yaml/model';

const ID = 'kubernetes/valid-resource-quantities';
const pod = (res: string) =>
  `apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n    - name: web\n      image: nginx:1.27\n      resources:\n${res}`;

const CHECKED = /^(cpu|memory|ephemeral-storage|hugepages-.+)$/;

/**
 * An extended resource (`nvidia.com/gpu`, `example.com/foo`): a name with a domain, other than
 * the native `kubernetes.io/…` ones (as Kubernetes' `IsExtendedResourceName`). Counted in whole units.
 */
export function isExtendedResource(key: string): boolean {
  return /^[a-z0-9]([a-z0-9.-]*[a-z0-9])?\/[A-Za-z0-9]([A-Za-z0-9_.-]*[A-Za-z0-9])?$/.test(key) && !key.includes('kubernetes.io/') && !key.startsWith('requests.');
}

/** Resources Kubernetes does not overcommit (`IsOvercommitAllowed` is false): requests must equal limits. */
function notOvercommitted(key: string): 'Huge pages' | 'Extended resources' | undefined {
  return key.startsWith('hugepages-') ? 'Huge pages' : isExtendedResource(key) ? 'Extended resources' : undefined;
}

/** Two quantity values are the same amount (`1Gi` and `1024Mi`), up to float rounding. */
function sameAmount(a: number, b: number): boolean {
  return Math.abs(a - b) <= 1e-12 * Math.max(Math.abs(a), Math.abs(b));
}
const SECTIONS = ['requests', 'limits'] as const;
type Section = (typeof SECTIONS)[number];

/**
 * The first huge-pages key of a container that sets neither cpu nor memory (requests or limits),
 * as `[section, key node]`; undefined when it sets one, has no huge pages, or a template or
 * pod-level `resources` may supply cpu or memory.
 */
function hugePagesAlone(view: YamlDocumentView, c: Container, resources: unknown): [Section, Scalar] | undefined {
  const doc = view.doc;
  if (lookup(doc, c.pod.spec, 'resources') !== undefined) return undefined;
  let first: [Section, Scalar] | undefined;
  for (const section of SECTIONS) {
    const map = lookup(doc, resources, section);
    if (map === undefined || (isScalar(map) && map.value === null)) continue;
    if (!isMap(map) || lookupPair(doc, map, 'cpu') || lookupPair(doc, map, 'memory')) return undefined;
    for (const item of map.items) {
      if (!isScalar(item.key) || isTemplated(String(item.key.value))) return undefined;
      if (!first && String(item.key.value).startsWith('hugepages-') && item.key.range) first = [section, item.key];
    }
  }
  return first;
}

function replaceScalar(view: YamlDocumentView, node: Scalar, value: string, title: string, safe: boolean): Fix {
  const r = node.range!;
  const src = view.text.slice(r[0], r[1]);
  const q = src[0] === '"' || src[0] === "'" ? src[0] : '';
  return { title, safe, edits: [{ range: view.range([r[0], r[1]]), newText: q + value + q }] };
}

export const validResourceQuantities: Rule<YamlDocumentView> = {
  meta: {
    id: ID,
    title: 'Use valid resource quantities; limits not below requests',
    domain: 'kubernetes',
    severity: 'error',
    guideSection: 'Kubernetes/Docker Compose — Resource Limits',
    rationale:
      'Kubernetes quantities use `m` (milli) and SI (`k`, `M`, `G`) or binary (`Ki`, `Mi`, `Gi`) suffixes, case-sensitive and without spaces: `128mb`, `0.5 Gi` and `256mi` are rejected at apply time, and memory `128m` means 0.128 bytes. A limit lower than its request, a negative value and a YAML boolean (`cpu: true`, `memory: yes`) are rejected too; digits with underscores (`1_000`) are numbers to kubectl, as in YAML 1.1. Huge pages (`hugepages-2Mi`) and extended resources (`nvidia.com/gpu`) cannot be overcommitted: a request without a limit or different from it is rejected, and so is a fraction of an extended resource (`0.5`, `500m`). Huge pages also need a CPU or memory request or limit in the same container ("HugePages require cpu or memory"). Volume claims (`storage`), ResourceQuota `spec.hard` and LimitRange values are checked for validity as well. Memory in `M`/`G` (powers of ten) where `Mi`/`Gi` (powers of two) was likely meant is reported as info. Unambiguous spellings (`256mi` → `256Mi`, `0.5 Gi` → `0.5Gi`) get a safe fix; ambiguous ones (`128MB`: `128Mi` or `128M`?) get one fix per reading.',
    bad: { fileName: 'pod.yaml', code: pod('        requests:\n          memory: 256mi\n          cpu: 100m\n') },
    good: { fileName: 'pod.yaml', code: pod('        requests:\n          memory: 256Mi\n          cpu: 100m\n') },
    fixable: true,
    fixSafety: 'mixed',
  },
  kinds: ['kubernetes'],
  check(view, ctx) {
    const doc = view.doc;
    type Entry = { node: Scalar; raw: string; value?: number };
    for (const c of containersFor(view, ID)) {
      const resources = lookupMap(doc, c.map, 'resources');
      if (!resources) continue;
      const entries: Record<Section, Map<string, Entry>> = { requests: new Map(), limits: new Map() };
      /** Every key written under `limits` (a value not judged too), or undefined when it may hold more (a merge key, no map). */
      let limitKeys: Set<string> | undefined = lookupMap(doc, resources, 'limits') || resources.has('limits') ? undefined : new Set();
      for (const section of SECTIONS) {
        const map = lookupMap(doc, resources, section);
        if (!map) continue;
        if (section === 'limits') limitKeys = new Set();
        for (const item of map.items) {
          if (!isScalar(item.key)) continue;
          const key = String(item.key.value);
          if (section === 'limits') limitKeys = key === '<<' ? undefined : limitKeys?.add(key);
          if (!CHECKED.test(key) && !isExtendedResource(key)) continue;
          const node = deref(doc, item.value);
          const q = scalarQuantity(node);
          if (q && isScalar(node) && node.range) entries[section].set(key, { node, raw: q.text, value: q.value });
        }
      }
      /** Whether `value` at section/key keeps requests ≤ limits against the other side. */
      const consistent = (section: Section, key: string, value: number | undefined): boolean => {
        const other = entries[section === 'requests' ? 'limits' : 'requests'].get(key)?.value;
        if (value === undefined || other === undefined) return true;
        return section === 'requests' ? value <= other : value >= other;
      };
      for (const section of SECTIONS) {
        for (const [key, e] of entries[section]) {
          const where = `${containerLabel(c)}: \`${section}.${key}\``;
          if (e.value !== undefined && e.value < 0) {
            ctx.report({ range: view.range(e.node), message: `${where} is negative (\`${e.raw}\`); Kubernetes requires requests and limits to be at least 0.` });
            continue;
          }
          const raw = e.raw;
          if (e.value === undefined) {
            const repair = repairQuantity(raw);
            const fixes: Fix[] = [];
            if (repair?.unambiguous) {
              const cand = repair.candidates[0]!;
              if (consistent(section, key, quantityValue(cand))) fixes.push(replaceScalar(view, e.node, cand, `Change to \`${cand}\``, true));
            } else if (repair) {
              const order = key === 'cpu' ? [...repair.candidates].reverse() : repair.candidates;
              for (const cand of order) {
                if (consistent(section, key, quantityValue(cand))) fixes.push(replaceScalar(view, e.node, cand, `Change to \`${cand}\``, false));
              }
            }
            ctx.report({
              range: view.range(e.node),
              message: `${where} is not a valid quantity (\`${raw}\`)${repair ? `; did you mean ${repair.candidates.map((x) => `\`${x}\``).join(' or ')}?` : '.'}`,
              fixes,
            });
            continue;
          }
          if (isExtendedResource(key) && !Number.isInteger(e.value)) {
            ctx.report({ range: view.range(e.node), message: `${where} is \`${raw}\`: extended resources are counted in whole units (a device cannot be split); Kubernetes rejects a fraction.` });
            continue;
          }
          if ((key !== 'memory' && key !== 'ephemeral-storage') || typeof e.node.value !== 'string') continue;
          const bin = binarySpelling(raw);
          if (!bin) continue;
          // Changing a request may push it above a limit written the same way: change both.
          const fixes: Fix[] = [];
          const other = entries[section === 'requests' ? 'limits' : 'requests'].get(key);
          if (consistent(section, key, quantityValue(bin))) {
            fixes.push(replaceScalar(view, e.node, bin, `Change to \`${bin}\``, false));
          } else if (section === 'requests' && other && typeof other.node.value === 'string') {
            const otherBin = binarySpelling(other.raw);
            if (otherBin && (quantityValue(otherBin) ?? 0) >= (quantityValue(bin) ?? Infinity)) {
              const a = replaceScalar(view, e.node, bin, '', false);
              const b = replaceScalar(view, other.node, otherBin, '', false);
              fixes.push({ title: `Change to \`${bin}\` (and the limit to \`${otherBin}\`)`, safe: false, edits: [...a.edits, ...b.edits] });
            }
          }
          const milli = raw.endsWith('m');
          ctx.report({
            range: view.range(e.node),
            ...(milli ? {} : { severity: 'info' as const }),
            message: milli
              ? `${where} is \`${raw}\`: \`m\` means milli, so this is ${raw.slice(0, -1)}/1000 bytes; \`${bin}\` was likely meant.`
              : `${where} is \`${raw}\` (powers of ten); \`${bin}\` (powers of two) is the usual unit for memory.`,
            fixes,
          });
        }
      }
      for (const [key, limit] of entries.limits) {
        const request = entries.requests.get(key);
        if (!request || limit.value === undefined || request.value === undefined || limit.value >= request.value || limit.value < 0) continue;
        ctx.report({
          range: view.range(limit.node),
          message: `${containerLabel(c)}: \`limits.${key}\` (${limit.raw}) is lower than \`requests.${key}\` (${request.raw}); Kubernetes rejects this.`,
        });
      }
      // Huge pages and extended resources: a request needs a limit, and the same amount (a limit below it is reported above).
      for (const [key, request] of entries.requests) {
        const what = notOvercommitted(key);
        if (!what || request.value === undefined || request.value < 0 || (what === 'Extended resources' && !Number.isInteger(request.value))) continue;
        const limit = entries.limits.get(key);
        const where = `${containerLabel(c)}: \`requests.${key}\``;
        if (!limit) {
          if (!limitKeys || limitKeys.has(key)) continue;
          ctx.report({
            range: view.range(request.node),
            message: `${where} has no limit; ${what.toLowerCase()} cannot be overcommitted, so Kubernetes rejects a request without an equal limit. Set \`limits.${key}\` to \`${request.raw}\` (a limit alone is enough: the request defaults to it).`,
          });
          continue;
        }
        if (limit.value === undefined || limit.value < request.value || sameAmount(limit.value, request.value)) continue;
        ctx.report({
          range: view.range(request.node),
          message: `${where} (${request.raw}) differs from \`limits.${key}\` (${limit.raw}); ${what.toLowerCase()} cannot be overcommitted, so Kubernetes rejects a request that is not equal to the limit.`,
          fixes: [
            replaceScalar(view, request.node, limit.raw, `Set the request to \`${limit.raw}\` (the limit)`, false),
            replaceScalar(view, limit.node, request.raw, `Set the limit to \`${request.raw}\` (the request)`, false),
          ],
        });
      }
    }
    // Huge pages without cpu or memory beside them: the API server rejects the container.
    if (!isPatchFile(ctx)) {
      for (const c of containersFor(view, ID)) {
        const alone = c.partial ? undefined : hugePagesAlone(view, c, lookupMap(doc, c.map, 'resources'));
        if (!alone) continue;
        const [section, key] = alone;
        ctx.report({
          range: view.range(key),
          message: `${containerLabel(c)}: \`${section}.${String(key.value)}\` needs a CPU or memory request or limit in the same container; Kubernetes rejects huge pages without one ("HugePages require cpu or memory").`,
        });
      }
    }
    // Quantities outside containers: volume claims, quotas, limit ranges (validity only).
    for (const obj of kubernetesModel(view).objects) {
      if (isIgnored(obj.ignores, ID)) continue;
      const label = `${obj.kind}${obj.name ? ` \`${obj.name}\`` : ''}`;
      const maps: [unknown, string][] = [];
      if (obj.kind === 'PersistentVolumeClaim') maps.push([lookupPath(doc, obj.map, ['spec', 'resources', 'requests']), 'spec.resources.requests']);
      if (obj.kind === 'StatefulSet') {
        for (const t of mapItems(doc, lookupSeq(doc, lookupMap(doc, obj.map, 'spec'), 'volumeClaimTemplates'))) {
          maps.push([lookupPath(doc, t, ['spec', 'resources', 'requests']), 'volumeClaimTemplates[].spec.resources.requests']);
        }
      }
      if (obj.kind === 'ResourceQuota') maps.push([lookupPath(doc, obj.map, ['spec', 'hard']), 'spec.hard']);
      if (obj.kind === 'LimitRange') {
        for (const l of mapItems(doc, lookupSeq(doc, lookupMap(doc, obj.map, 'spec'), 'limits'))) {
          for (const k of ['max', 'min', 'default', 'defaultRequest', 'maxLimitRequestRatio']) maps.push([lookupMap(doc, l, k), `spec.limits[].${k}`]);
        }
      }
      for (const [map, path] of maps) {
        if (!isMap(map)) continue;
        for (const item of map.items) {
          if (!isScalar(item.key)) continue;
          const key = String(item.key.value).replace(/^(requests|limits)\./, '');
          if (!CHECKED.test(key) && key !== 'storage') continue;
          const node = deref(doc, item.value);
          const q = scalarQuantity(node);
          if (!q || q.value !== undefined || !isScalar(node) || !node.range) continue;
          const raw = q.text;
          const repair = repairQuantity(raw);
          const fixes: Fix[] = repair?.unambiguous
            ? [replaceScalar(view, node, repair.candidates[0]!, `Change to \`${repair.candidates[0]}\``, true)]
            : (repair?.candidates ?? []).map((cand) => replaceScalar(view, node, cand, `Change to \`${cand}\``, false));
          ctx.report({
            range: view.range(node),
            message: `${label}: \`${path}.${String(item.key.value)}\` is not a valid quantity (\`${raw}\`)${repair ? `; did you mean ${repair.candidates.map((x) => `\`${x}\``).join(' or ')}?` : '.'}`,
            fixes,
          });
        }
      }
    }
  },
};
