// Small read helpers over `yaml` nodes shared by the Kubernetes and Compose packs. They walk
// nodes (never `toJSON()` a whole document: alias bombs) and follow `<<: *anchor` merge keys
// and aliases a bounded number of steps.
import type { Document, Node, Pair, YAMLMap, YAMLSeq } from 'yaml';

import { resolveAlias } from '../yaml/model';
// Class checks, not `isMap` & co. (megamorphic symbol reads): every rule of both packs walks through here.
import { isAliasNode, isMapNode, isScalarNode, isSeqNode } from '../yaml/node-class';

const MAX_DEPTH = 8;

/** Resolves an alias to its anchored node (bounded), or returns the node itself. */
export function deref(doc: Document, node: unknown, depth = 0): Node | undefined {
  if (node === null || node === undefined) return undefined;
  if (isAliasNode(node)) {
    if (depth > MAX_DEPTH) return undefined;
    let target: unknown;
    try {
      // One walk per document for all aliases: `Alias.resolve` re-walks the document each call.
      target = resolveAlias(doc, node);
    } catch {
      return undefined;
    }
    return deref(doc, target, depth + 1);
  }
  return node as Node;
}

/**
 * The pair for `key` in a mapping: the mapping's own last pair with that key (later
 * duplicates win, as in kubectl), else one inherited through `<<` merge keys.
 */
export function lookupPair(doc: Document, map: unknown, key: string, depth = 0): Pair | undefined {
  const m = deref(doc, map);
  if (!isMapNode(m) || depth > MAX_DEPTH) return undefined;
  let own: Pair | undefined;
  let merges: unknown[] | undefined;
  for (const item of m.items) {
    if (!isScalarNode(item.key)) continue;
    const k = item.key.value;
    if (k === '<<') (merges ??= []).push(item.value);
    else if (String(k) === key) own = item as Pair;
  }
  if (own || !merges) return own;
  for (const mv of merges) {
    const target = deref(doc, mv);
    const sources = isSeqNode(target) ? target.items : [target];
    for (const s of sources) {
      const p = lookupPair(doc, s, key, depth + 1);
      if (p) return p;
    }
  }
  return undefined;
}

/** The (dereferenced) value node for `key`. */
export function lookup(doc: Document, map: unknown, key: string): Node | undefined {
  const p = lookupPair(doc, map, key);
  return p ? deref(doc, p.value) : undefined;
}

export function lookupMap(doc: Document, map: unknown, key: string): YAMLMap | undefined {
  const v = lookup(doc, map, key);
  return isMapNode(v) ? v : undefined;
}

export function lookupSeq(doc: Document, map: unknown, key: string): YAMLSeq | undefined {
  const v = lookup(doc, map, key);
  return isSeqNode(v) ? v : undefined;
}

/** Follows a path of keys through mappings. */
export function lookupPath(doc: Document, map: unknown, path: readonly string[]): Node | undefined {
  let cur: Node | undefined = deref(doc, map);
  for (const k of path) {
    cur = lookup(doc, cur, k);
    if (cur === undefined) return undefined;
  }
  return cur;
}

/** A scalar's value as a string (`null` → undefined). */
export function str(node: unknown): string | undefined {
  if (!isScalarNode(node)) return undefined;
  const v = node.value;
  if (v === null || v === undefined) return undefined;
  return String(v);
}

export function strAt(doc: Document, map: unknown, key: string): string | undefined {
  return str(lookup(doc, map, key));
}

/** True for boolean `true` and the string forms kubectl/compose accept. */
export function isTrue(node: unknown): boolean {
  if (!isScalarNode(node)) return false;
  const v = node.value;
  return v === true || (typeof v === 'string' && /^(true|yes|on)$/i.test(v));
}

/** Sequence items that are (or alias) mappings. */
export function mapItems(doc: Document, seq: YAMLSeq | undefined): YAMLMap[] {
  if (!seq) return [];
  const out: YAMLMap[] = [];
  for (const item of seq.items) {
    const m = deref(doc, item);
    if (isMapNode(m)) out.push(m);
  }
  return out;
}

/** Whether a value still carries template syntax (`{{ }}`, `${ }`, `$(VAR)`): not judged. */
export function isTemplated(value: string): boolean {
  return /\{\{|\$\{|\$\([A-Za-z_]/.test(value);
}

/**
 * An unquoted template expression that still parses as YAML: `{{ toYaml .Values.resources }}` is
 * a flow mapping whose key is a flow mapping. No manifest has mapping keys (JSON has none), so
 * this is a field a template fills in at render time: present, contents unknown.
 */
export function isTemplateExpression(node: unknown): boolean {
  return isMapNode(node) && node.items.some((p) => isMapNode(p.key));
}
