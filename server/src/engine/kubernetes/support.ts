// Helpers shared by the Kubernetes rules: which containers a rule looks at, fixes that
// merge blocks into a container, and the literal-secret value test.
import { Scalar, type Node, type YAMLMap } from 'yaml';
import { isMapNode, isScalarNode, isSeqNode } from '../yaml/node-class';
import { isSecretReference } from '../secrets';
import type { Fix, RuleContext } from '../types';
import { mergeIntoMap, renderFlow, type BlockEntries, type BlockValue } from '../yaml/edit';
import type { YamlDocumentView } from '../yaml/model';
import { deref, isTemplated, lookup, lookupSeq, mapItems, str } from './nodes';
import { binarySpelling, quantityValue } from './quantity';
import { isIgnored, isPatchFile, kubernetesModel, type Container } from './workloads';

export interface ContainerFilter {
  /** Skip patch fragments (rules about missing fields). */
  complete?: boolean;
  /** Only `containers` and native sidecars of long-running pods (probes). */
  longRunningOnly?: boolean;
  /** Include ephemeral containers (default: no). */
  ephemeral?: boolean;
  /**
   * Every use of a container mapping (default: each mapping once). An anchored container
   * listed again through an alias (`initContainers: [&c …]`, `containers: [*c]`), or a pod
   * template shared by two workloads, is one mapping at one place: judged once, by its first
   * use that passes the filter. Rules whose verdict depends on the pod (run-as-non-root reads
   * the pod's securityContext) take every use and report each place once themselves.
   */
  everyUse?: boolean;
}

/**
 * Containers a rule should judge in this document (ignore annotations applied). `file` (the
 * rule's context) lets patch files (see `isPatchFile`) count as partial.
 */
export function containersFor(view: YamlDocumentView, ruleId: string, filter: ContainerFilter = {}, file?: Pick<RuleContext, 'fileName' | 'kustomizePatch'>): Container[] {
  const out: Container[] = [];
  const patchFile = filter.complete === true && file !== undefined && isPatchFile(file);
  const seen = filter.everyUse ? undefined : new Set<YAMLMap>();
  for (const c of kubernetesModel(view).containers) {
    if (isIgnored(c.pod.ignores, ruleId)) continue;
    if (c.group === 'ephemeralContainers' && !filter.ephemeral) continue;
    if (filter.complete && (c.partial || patchFile)) continue;
    if (filter.longRunningOnly && (!c.pod.longRunning || (c.group !== 'containers' && !c.sidecar))) continue;
    if (seen) {
      if (seen.has(c.map)) continue;
      seen.add(c.map);
    }
    out.push(c);
  }
  return out;
}

/** Keys kept in the guide's order when one is added next to the other. */
const KEY_ORDER = { requests: ['limits'], limits: ['reservations'] };

/** A fix that fills the missing keys of `entries` into the container mapping, if possible. */
export function mergeFix(view: YamlDocumentView, map: YAMLMap, title: string, entries: BlockEntries, safe = true): Fix[] {
  const edits = mergeIntoMap(view, map, entries, { before: KEY_ORDER });
  if (!edits || edits.length === 0) return [];
  return [{ title, edits, safe }];
}

/**
 * The value a fix inserts for `resources.<section>.<key>`: the configured default, unless it
 * would contradict the other section (a default limit below an existing request, or a default
 * request above an existing limit) — then the existing value is reused, so the fix never
 * creates a "limit lower than request" error. Memory in millibytes (`128m`), which
 * valid-resource-quantities reports as a typo for `128Mi`, is compared (and reused) as what
 * was meant: copying a flagged value would spread the typo; the flagged value keeps its own
 * finding and fix, after which the pair is consistent.
 */
export function resourceDefault(view: YamlDocumentView, container: YAMLMap, section: 'requests' | 'limits', key: string, fallback: unknown): string {
  const doc = view.doc;
  let other = str(lookup(doc, lookup(doc, lookup(doc, container, 'resources'), section === 'limits' ? 'requests' : 'limits'), key));
  const wanted = String(fallback);
  if (other === undefined || isTemplated(other)) return wanted;
  if (key === 'memory' && /\dm$/.test(other)) other = binarySpelling(other)!;
  const o = quantityValue(other);
  const w = quantityValue(wanted);
  if (o === undefined || w === undefined) return wanted;
  return (section === 'limits' ? o > w : o < w) ? other : wanted;
}

/** A resources fix: what it adds to the container and its title. */
export interface ResourcesFix {
  title: string;
  entries: BlockEntries;
}

/**
 * Fixes that add the options' own values, by options object and missing keys: most containers
 * get the same one, built and rendered once (frozen, see `mergeIntoMap`) with its title, not
 * per finding (see the probe rules' `httpGetFix`).
 */
const defaultResourcesFixes = new WeakMap<object, Map<string, ResourcesFix>>();

/**
 * The fix adding `resources.<section>` values for the `missing` keys (`values`: by key, see
 * `resourceDefault`); `options` holds the configured defaults.
 */
export function resourcesFix(section: 'requests' | 'limits', options: Readonly<Record<string, unknown>>, missing: readonly string[], values: Readonly<Record<string, string>>): ResourcesFix {
  if (!missing.every((k) => values[k] === String(options[k]))) return buildResourcesFix(section, missing, values);
  let byKeys = defaultResourcesFixes.get(options);
  if (!byKeys) defaultResourcesFixes.set(options, (byKeys = new Map()));
  // (Both resource rules could be handed one options object.)
  const id = section + '\u0000' + missing.join('\u0000');
  let fix = byKeys.get(id);
  if (!fix) {
    // Frozen: kept for reuse, so rendered once per column (at most six of them per options).
    fix = buildResourcesFix(section, missing, values, Object.freeze);
    byKeys.set(id, fix);
  }
  return fix;
}

/** `freeze` is applied to each level of the entries. */
function buildResourcesFix(section: 'requests' | 'limits', missing: readonly string[], values: Readonly<Record<string, string>>, freeze = <T>(o: T): T => o): ResourcesFix {
  const quotedValues = freeze(Object.fromEntries(missing.map((k) => [k, quoted(values[k])])));
  return {
    title: `Add resource ${section} (${missing.map((k) => `${k}: ${values[k]}`).join(', ')})`,
    entries: freeze({ resources: freeze({ [section]: quotedValues }) }),
  };
}

/** Characters `JSON.stringify` escapes in a string: quote, backslash, controls, surrogates (if lone). */
const NEEDS_ESCAPE = /["\\\u0000-\u001f\ud800-\udfff]/;

/** `JSON.stringify(s)`; fixes quote values for every finding, and most need no escaping. */
export function doubleQuoted(s: string): string {
  return NEEDS_ESCAPE.test(s) ? JSON.stringify(s) : '"' + s + '"';
}

/** YAML text for a string option: double-quoted, as the guide writes quantities. */
export function quoted(value: unknown): string {
  return doubleQuoted(String(value));
}

/** A plain scalar for numbers and simple words, quoted otherwise. */
export function plainOrQuoted(value: unknown): string {
  const s = String(value);
  return /^[A-Za-z0-9_./-]+$/.test(s) && !/^(true|false|yes|no|on|off|null|~)$/i.test(s) ? s : doubleQuoted(s);
}

/**
 * Port for a probe fix: the container's first `containerPort` (its name if named), else the
 * port of the other probe's `httpGet`, else the configured default.
 */
export function probePort(view: YamlDocumentView, c: Container, otherProbe: string, fallback: unknown): string {
  const doc = view.doc;
  const first = mapItems(doc, lookupSeq(doc, c.map, 'ports'))[0];
  if (first) {
    const name = str(lookup(doc, first, 'name'));
    if (name && !isTemplated(name)) return plainOrQuoted(name);
    const port = str(lookup(doc, first, 'containerPort'));
    if (port && /^\d+$/.test(port)) return port;
  }
  const other = lookup(doc, lookup(doc, lookup(doc, c.map, otherProbe), 'httpGet'), 'port');
  const op = str(other);
  if (op && !isTemplated(op)) return plainOrQuoted(op);
  return plainOrQuoted(fallback ?? 8080);
}

/** Plain scalar text that stays one scalar inside `[…]`/`{…}` (no flow indicators, `: ` or ` #`). */
const FLOW_SAFE_PLAIN = /^[^,[\]{}#&*!|>'"%@`\s][^,[\]{}]*$/;

/**
 * A node as fix text, to copy it elsewhere in the same file: mappings as block entries,
 * sequences as flow `[…]`, scalars as written when that text is one line (and, in flow, safe
 * there), else double-quoted. Undefined for what cannot be copied faithfully: merge keys,
 * complex keys, tags, templated text, nesting beyond a few levels; and for a copy of more nodes
 * than the document has characters, which only aliases repeating nodes make (`[*a, *a]`; nested,
 * they multiply at each level: a 600-byte file made a 100 MB fix in 10 s).
 */
export function copyableValue(view: YamlDocumentView, node: unknown): BlockValue | undefined {
  return copyOf(view, node, false, 0, { nodes: view.text.length });
}

/** `copyableValue`, inside `flow` or not, at a depth, with the nodes it may still copy. */
function copyOf(view: YamlDocumentView, node: unknown, flow: boolean, depth: number, budget: { nodes: number }): BlockValue | undefined {
  const n = deref(view.doc, node);
  if (!n || depth > 8 || n.tag || --budget.nodes < 0) return undefined;
  if (isScalarNode(n)) {
    if (!n.range) return undefined;
    const text = view.text.slice(n.range[0], n.range[1]);
    if (isTemplated(text)) return undefined;
    if (typeof n.value !== 'string') return n.value === null ? (flow ? 'null' : undefined) : /\n/.test(text) ? undefined : text;
    const oneLine = !/[\r\n]/.test(text);
    if (oneLine && (n.type === Scalar.QUOTE_DOUBLE || n.type === Scalar.QUOTE_SINGLE)) return text;
    if (oneLine && n.type === Scalar.PLAIN && (!flow || (FLOW_SAFE_PLAIN.test(text) && !/: | #|^[-?:](\s|$)/.test(text)))) return text;
    return doubleQuoted(n.value);
  }
  if (isMapNode(n)) {
    const out: Record<string, BlockValue> = {};
    for (const pair of n.items) {
      const key = pair.key;
      if (!isScalarNode(key) || typeof key.value !== 'string' || key.type !== Scalar.PLAIN || key.value === '<<' || !/^[A-Za-z0-9_.-]+$/.test(key.value)) return undefined;
      const value = copyOf(view, pair.value, flow, depth + 1, budget);
      if (value === undefined) return undefined;
      out[key.value] = value;
    }
    return out;
  }
  if (isSeqNode(n)) {
    const items: string[] = [];
    for (const item of n.items) {
      const value = copyOf(view, item, true, depth + 1, budget);
      if (value === undefined) return undefined;
      items.push(renderFlow(value));
    }
    return `[${items.join(', ')}]`;
  }
  return undefined;
}

/**
 * A value that only stands in for the real one: `<your-token>`, `INSERT_TOKEN`, `YOUR_API_KEY`,
 * `GOOGLE_API_KEY_VAL`, `changeme`-style markers, or the variable's own name.
 */
export function isPlaceholderValue(value: string, name?: string): boolean {
  const s = value.trim();
  if (/^<[^<>]*>$/.test(s) || /^\[[^\]]*\]$/.test(s)) return true;
  if (/^(insert|replace|your|enter|put|set|change)[-_ ]/i.test(s)) return true;
  if (/^(x{3,}|\*{3,}|\.{3}|todo|tbd|fixme|redacted|placeholder)$/i.test(s)) return true;
  if (/^[A-Z][A-Z0-9_]*_(VAL|VALUE|PLACEHOLDER|HERE)$/.test(s)) return true;
  if (name && s.toUpperCase().replace(/[-.]/g, '_') === name.toUpperCase().replace(/[-.]/g, '_')) return true;
  return false;
}

/** A literal value that looks like it could be a secret (not a reference, template, placeholder, flag or number). */
export function isLiteralSecretValue(node: Node | undefined, name?: string): boolean {
  if (!isScalarNode(node)) return false;
  const v = node.value;
  if (typeof v !== 'string') return false; // numbers, booleans, null
  return isLiteralSecretString(v, name);
}

export function isLiteralSecretString(v: string, name?: string): boolean {
  const s = v.trim();
  if (s === '' || isSecretReference(s) || isTemplated(s) || isPlaceholderValue(s, name)) return false;
  if (/^(true|false|yes|no|on|off|none|null|enabled?|disabled?)$/i.test(s)) return false;
  if (/^\d+$/.test(s)) return false;
  return true;
}

/**
 * Added capabilities that amount to privilege: `SYS_ADMIN` ("the new root") and `ALL`, with or
 * without `CAP_`, in any case (as container runtimes accept them). Group 1: the bare name.
 */
export const PRIVILEGED_CAPABILITY = /^(?:CAP_)?(SYS_ADMIN|ALL)$/i;
