// Docker Compose model over one YAML document: the services of the top-level `services:`
// mapping (aliases and `<<` merge keys followed), with their key node for findings.
import { Scalar, type Node, type Pair, type YAMLMap } from 'yaml';
import { deref, lookup, lookupMap, lookupPair, str, strAt } from '../kubernetes/nodes';
import { isIgnored, parseIgnoreList } from '../kubernetes/workloads';
import { perView, type YamlDocumentView } from '../yaml/model';
import { isAliasNode, isMapNode, isScalarNode, isSeqNode } from '../yaml/node-class';

export interface ComposeService {
  name: string;
  /** The service's key in `services:` (findings point at it). */
  keyNode: Node;
  map: YAMLMap;
  /** `extends:` another service: settings may be inherited, so no "missing field" findings. */
  extends: boolean;
  /** Rule ids from a `labels` entry `infra-guide.io/ignore` (the Compose counterpart of the annotation). */
  ignores: ReadonlySet<string>;
  /**
   * The values of the service's keys, aliases followed (the last of duplicates wins, as in
   * `lookup`), with those its `<<` merge keys supply; undefined when a merged mapping merges
   * others in turn, then `field` falls back to `lookup`.
   */
  fields: Map<string, Node | undefined> | undefined;
}

/**
 * `lookup(view.doc, s.map, key)`. The rules read some fifteen keys of every service: one index
 * per service beats scanning its mapping for each of them.
 */
export function field(view: YamlDocumentView, s: ComposeService, key: string): Node | undefined {
  return unlessReset(s.fields ? s.fields.get(key) : lookup(view.doc, s.map, key));
}

/**
 * The node, unless tagged `!reset`: Compose (2.24+) removes such a field when it merges the
 * files (`healthcheck: !reset {}`, `deploy: !reset null`), so it is not set whatever it holds.
 * (`!override` replaces the base file's value: the value is the field's own, as untagged.)
 */
export function unlessReset<T extends Node>(node: T | undefined): T | undefined {
  return node?.tag === '!reset' ? undefined : node;
}

/**
 * Whether a node is YAML null: untagged (`healthcheck:`, `~`), or tagged (`healthcheck: !override`,
 * `!override null`), which the parser leaves a plain string as it knows no such tag.
 */
export function isNull(node: Node | undefined): boolean {
  if (!isScalarNode(node)) return false;
  if (node.value === null) return true;
  return node.tag !== undefined && node.type === Scalar.PLAIN && typeof node.value === 'string' && /^(|~|null|Null|NULL)$/.test(node.value);
}

/** Whether the service has `key` tagged `!reset`: a fix filling that field in would keep the tag, and so be reset too. */
export function isResetField(view: YamlDocumentView, s: ComposeService, key: string): boolean {
  const node = s.fields ? s.fields.get(key) : lookup(view.doc, s.map, key);
  return node !== undefined && unlessReset(node) === undefined;
}

/**
 * Override files, which Compose merges over a base file (`docker-compose.override.yml`, loaded
 * by default; `compose.override.yaml`, `compose.prod.override.yml`): what they leave out, the
 * base file may set.
 */
export function isOverrideFile(fileName: string): boolean {
  // Every Compose rule asks, once or twice per file: answer the same name from the last answer.
  if (fileName === lastOverrideName) return lastOverrideAnswer;
  lastOverrideName = fileName;
  // The base name, `.yml` / `.yaml` left on: the `.` before it ends the word as the end would.
  lastOverrideAnswer = OVERRIDE_NAME.test(fileName.slice(Math.max(fileName.lastIndexOf('/'), fileName.lastIndexOf('\\')) + 1));
  return lastOverrideAnswer;
}

const OVERRIDE_NAME = /(^|[._-])override([._-]|$)/i;
let lastOverrideName: string | undefined;
let lastOverrideAnswer = false;

/**
 * Services a rule about missing fields judges: not those that may take the fields from
 * elsewhere — `extends:` another service, defined in an override file, or a fragment with
 * neither `image` nor `build` (Compose needs one: the rest is in another file).
 */
export function completeServicesFor(view: YamlDocumentView, ruleId: string, fileName: string): readonly ComposeService[] {
  if (isOverrideFile(fileName)) return [];
  const found = documentServices(view);
  return withoutIgnored(found, found.complete, ruleId);
}

/**
 * Services merged over what they take from elsewhere — all of an override file's, fragments, and
 * those that `extends:` another service — that `completeServicesFor` leaves out: a `!reset`
 * field there removes what the base file or the extended service sets. (Compose applies the
 * resets of an extending service to what it inherits before merging its own fields.)
 */
export function overridingServicesFor(view: YamlDocumentView, ruleId: string, fileName: string): readonly ComposeService[] {
  const found = documentServices(view);
  return withoutIgnored(found, isOverrideFile(fileName) ? found.all : found.overriding, ruleId);
}

/**
 * What a `!reset` in an overriding service (see `overridingServicesFor`) removes a value from,
 * for messages: "the base file", "service `base`" (`extends:`), or both. Undefined when a
 * service of a base file extends nothing Compose can find — a service missing from the file (an
 * `extends:` without `file:` names one of the same file), itself, or a cycle: Compose rejects
 * the file, and nothing is inherited.
 */
export function resetOrigin(view: YamlDocumentView, s: ComposeService, fileName: string): string | undefined {
  if (!s.extends) return 'the base file';
  const target = extendsTarget(view, s);
  const parent = target.service === undefined ? 'the service it extends' : `service \`${target.service}\``;
  if (isOverrideFile(fileName)) return `the base file or ${parent}`;
  return extendsResolves(view, s) ? parent : undefined;
}

/** The service an `extends:` names (`extends: base`, `extends: {service: base}`), and its `file`. */
function extendsTarget(view: YamlDocumentView, s: ComposeService): { service?: string; file?: string } {
  const ext = field(view, s, 'extends');
  return { service: str(ext) ?? strAt(view.doc, ext, 'service'), file: isMapNode(ext) ? strAt(view.doc, ext, 'file') : undefined };
}

/**
 * Whether the `extends:` chain from `s` ends in another file or a service that extends none.
 * Remembered for every service on the way: asked for each service of a long chain, the walk of
 * the rest of it from each one was quadratic (cubic with the name search each step had).
 */
function extendsResolves(view: YamlDocumentView, s: ComposeService): boolean {
  const known = documentServices(view).resolves;
  const path = new Set<ComposeService>();
  let resolves = known.get(s);
  for (let current = s; resolves === undefined; ) {
    path.add(current);
    const step = current.extends ? extendsStep(view, current) : undefined;
    if (!current.extends || step?.external) resolves = true;
    // A service met again is a cycle.
    else if (step === undefined || path.has(step.next)) resolves = false;
    else {
      current = step.next;
      // A service asked before answers for the path too.
      resolves = known.get(current);
    }
  }
  for (const p of path) known.set(p, resolves);
  return resolves;
}

/**
 * Where the `extends:` of a service that has one leads: the service of this file it names (the
 * first of that name), or another file (`extends: {file: …}`); undefined when it names no
 * service, or one missing from the file.
 */
function extendsStep(view: YamlDocumentView, s: ComposeService): { external: true } | { external: false; next: ComposeService } | undefined {
  const { service, file } = extendsTarget(view, s);
  if (service === undefined) return undefined;
  if (file !== undefined) return { external: true };
  const next = documentServices(view).byName.get(service);
  return next && { external: false, next };
}

/**
 * What a service's own fields do to a setting it may inherit: `sets` it, `removes` it (`!reset`,
 * or an `!override` without it), or neither (undefined: it keeps what its parent gives).
 */
export type OwnSetting = (s: ComposeService) => 'sets' | 'removes' | undefined;

/**
 * What a `!reset` of a setting in an overriding service removes, for messages: `removed`, and the
 * words naming where the setting comes from (`service \`base\` sets`, `service \`mid\` inherits
 * from service \`base\``); or, for a service of a base file whose `extends:` chain stays in the
 * file and sets the setting nowhere (or removes it on the way), not `removed`, and the parent
 * that has none (`service \`base\` it extends`). Undefined when the reset is not judged (see `resetOrigin`).
 */
export function resetSource(view: YamlDocumentView, s: ComposeService, fileName: string, own: OwnSetting): { removed: boolean; words: string } | undefined {
  const origin = resetOrigin(view, s, fileName);
  if (origin === undefined) return undefined;
  // The chain resolves (`origin` says so): it is followed only as far as a service decides.
  const first = s.extends && !isOverrideFile(fileName) ? extendsStep(view, s) : undefined;
  if (first === undefined || first.external) return { removed: true, words: `${origin} sets` };
  const parent = first.next;
  for (let a = parent; ; ) {
    const verdict = own(a);
    if (verdict === 'sets') return { removed: true, words: a === parent ? `${origin} sets` : `${origin} inherits from service \`${a.name}\`` };
    if (verdict === 'removes') return { removed: false, words: `${origin} it extends` };
    const step = a.extends ? extendsStep(view, a) : undefined;
    // A chain going on in another file may take the setting from there.
    if (step?.external) return { removed: true, words: `${origin} sets` };
    if (step === undefined) return { removed: false, words: `${origin} it extends` };
    a = step.next;
  }
}

/** The pair for `key` in `map` if its value is tagged `!reset` (the key node is where a finding about the reset points). */
export function resetPair(view: YamlDocumentView, map: unknown, key: string): Pair | undefined {
  return taggedPair(view, map, key, '!reset');
}

/**
 * The pair for `key` in `map` if its value is tagged `!reset` or `!override`: either drops the
 * base file's value — `!override` replaces it whole, so what the new value leaves out is gone too.
 */
export function replacingPair(view: YamlDocumentView, map: unknown, key: string): Pair | undefined {
  return taggedPair(view, map, key, '!reset') ?? taggedPair(view, map, key, '!override');
}

function taggedPair(view: YamlDocumentView, map: unknown, key: string, tag: string): Pair | undefined {
  const pair = lookupPair(view.doc, map, key);
  return pair && isScalarNode(pair.key) && pair.key.range && deref(view.doc, pair.value)?.tag === tag ? pair : undefined;
}

/** The tag of a pair's value (`!reset`, `!override`). */
export function valueTag(view: YamlDocumentView, pair: Pair): string | undefined {
  return deref(view.doc, pair.value)?.tag;
}

/**
 * The index of a service's fields (see `ComposeService.fields`): its own keys, then those its
 * `<<` merge keys supply (the first source that has a key wins, as in `lookupPair`). Undefined
 * when a source merges others in turn: `lookup` then follows the chain for each key.
 */
function fieldIndex(view: YamlDocumentView, map: YAMLMap): Map<string, Node | undefined> | undefined {
  const fields = new Map<string, Node | undefined>();
  const merges = ownFields(view, map, fields);
  if (merges === undefined) return fields;
  // The services of a file with `<<: *defaults` asked `lookup` for each of some fifteen keys,
  // walking the merged mappings every time (~2.5% of the Compose rules' time).
  for (const merge of merges) {
    const target = deref(view.doc, merge);
    for (const source of isSeqNode(target) ? target.items : [target]) {
      const m = deref(view.doc, source);
      if (!isMapNode(m)) continue;
      const merged = new Map<string, Node | undefined>();
      if (ownFields(view, m, merged) !== undefined) return undefined;
      for (const [key, value] of merged) if (!fields.has(key)) fields.set(key, value);
    }
  }
  return fields;
}

/** Adds the values of a mapping's own keys to `fields` (the last of duplicates wins); returns its `<<` values, if any. */
function ownFields(view: YamlDocumentView, map: YAMLMap, fields: Map<string, Node | undefined>): unknown[] | undefined {
  let merges: unknown[] | undefined;
  for (const item of map.items) {
    const key = item.key;
    if (!isScalarNode(key)) continue;
    const k = key.value;
    // `deref`, without its call for the plain values most are.
    const value = item.value;
    if (k === '<<') (merges ??= []).push(value);
    else fields.set(String(k), value === null || value === undefined ? undefined : isAliasNode(value) ? deref(view.doc, value) : (value as Node));
  }
  return merges;
}

interface DocumentServices {
  all: ComposeService[];
  /** Outside override files: the services judged for missing fields (see `completeServicesFor`). */
  complete: ComposeService[];
  /** Outside override files: the others (see `overridingServicesFor`). */
  overriding: ComposeService[];
  /** Whether any service has ignore labels (else every rule judges the lists as they are, no copy needed). */
  labelled: boolean;
  /** Whether the text may hold an alias (`*name`): else no two services share a node. */
  aliased: boolean;
  /** The first service of each name: what an `extends:` of this file names. */
  byName: Map<string, ComposeService>;
  /** `extendsResolves` of the services asked so far. */
  resolves: Map<ComposeService, boolean>;
}

const NO_IGNORES: ReadonlySet<string> = new Set();

function labelIgnores(view: YamlDocumentView, labels: Node): ReadonlySet<string> {
  if (isMapNode(labels)) return parseIgnoreList(strAt(view.doc, labels, 'infra-guide.io/ignore'));
  const m = deref(view.doc, labels);
  if (m && 'items' in m && Array.isArray((m as { items: unknown[] }).items)) {
    for (const item of (m as { items: unknown[] }).items) {
      const s = isScalarNode(item) ? String(item.value) : '';
      if (s.startsWith('infra-guide.io/ignore=')) return parseIgnoreList(s.slice('infra-guide.io/ignore='.length));
    }
  }
  return NO_IGNORES;
}

const documentServices = perView((view): DocumentServices => {
  const found: DocumentServices = { all: [], complete: [], overriding: [], labelled: false, aliased: view.text.includes('*'), byName: new Map(), resolves: new Map() };
  const services = lookupMap(view.doc, view.doc.contents, 'services');
  if (services) {
    for (const pair of services.items) {
      if (!isScalarNode(pair.key) || !pair.key.range) continue;
      const name = String(pair.key.value);
      if (name === '<<') continue;
      const map = deref(view.doc, pair.value);
      if (!isMapNode(map)) continue;
      const s: ComposeService = { name, keyNode: pair.key, map, extends: false, ignores: NO_IGNORES, fields: fieldIndex(view, map) };
      s.extends = field(view, s, 'extends') !== undefined;
      const labels = field(view, s, 'labels');
      if (labels !== undefined) s.ignores = labelIgnores(view, labels);
      if (s.ignores.size > 0) found.labelled = true;
      found.all.push(s);
      if (!found.byName.has(name)) found.byName.set(name, s);
      // A fragment has neither `image` nor `build`: Compose needs one, so the rest is in another file.
      const fragment = field(view, s, 'image') === undefined && field(view, s, 'build') === undefined;
      (s.extends || fragment ? found.overriding : found.complete).push(s);
    }
  }
  return found;
});

export function composeServices(view: YamlDocumentView): readonly ComposeService[] {
  return documentServices(view).all;
}

/** Services a rule judges (label suppressions applied). */
export function servicesFor(view: YamlDocumentView, ruleId: string): readonly ComposeService[] {
  const found = documentServices(view);
  return withoutIgnored(found, found.all, ruleId);
}

/** `services` less those whose labels tell the rule to ignore them. */
function withoutIgnored(found: DocumentServices, services: readonly ComposeService[], ruleId: string): readonly ComposeService[] {
  return found.labelled ? services.filter((s) => !isIgnored(s.ignores, ruleId)) : services;
}

/**
 * A filter that passes each node once. Services that inherit a field through `<<: *base`, or
 * alias another service, share its node: a finding there is reported once (naming the first
 * such service), not once per service at the same place.
 */
export function oncePerNode(view: YamlDocumentView): (node: unknown) => boolean {
  // Without an alias (no `*` in the text) no node is reached from two services: nothing to remember.
  if (!documentServices(view).aliased) return always;
  const seen = new Set<unknown>();
  return (node) => {
    if (seen.has(node)) return false;
    seen.add(node);
    return true;
  };
}

const always = (): boolean => true;
