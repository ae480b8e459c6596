// Docker Compose model over one YAML document: the services of the top-level `services:`
// mapping (aliases and `<<` merge keys followed), with their key node for findings.
import { isMap, isScalar, type Node, type YAMLMap } from 'yaml';
import { deref, lookup, lookupMap, strAt } from '../kubernetes/nodes';
import { isIgnored, parseIgnoreList } from '../kubernetes/workloads';
import type { YamlDocumentView } from '../yaml/model';

export interface ComposeService {
  name: string;
  /** The service's key in `services:` (findings point at it). */
  keyNode: Node;
  map: YAMLMap;
  /** `extends:` another service: settings may be inherited, so no "missing field" findings. */
  extends: boolean;
  /** Rule ids from a `labels` entry `infra-guide.io/ignore` (the Compose counterpart of the annotation). */
  ignores: Set<string>;
}

const cache = new WeakMap<YamlDocumentView, ComposeService[]>();

function labelIgnores(view: YamlDocumentView, service: YAMLMap): Set<string> {
  const labels = lookup(view.doc, service, 'labels');
  if (isMap(labels)) return parseIgnoreList(strAt(view.doc, labels, 'infra-guide.io/ignore'));
  const m = deref(view.doc, labels);
  if (m && 'items' in m && Array.isArray((m as { items: unknown[] }).items)) {
    for (const item of (m as { items: unknown[] }).items) {
      const s = isScalar(item) ? String(item.value) : '';
      if (s.startsWith('infra-guide.io/ignore=')) return parseIgnoreList(s.slice('infra-guide.io/ignore='.length));
    }
  }
  return new Set();
}

export function composeServices(view: YamlDocumentView): ComposeService[] {
  let out = cache.get(view);
  if (out) return out;
  out = [];
  const services = lookupMap(view.doc, view.doc.contents, 'services');
  if (services) {
    for (const pair of services.items) {
      if (!isScalar(pair.key) || !pair.key.range) continue;
      const name = String(pair.key.value);
      if (name === '<<') continue;
      const map = deref(view.doc, pair.value);
      if (!isMap(map)) continue;
      out.push({ name, keyNode: pair.key, map, extends: lookup(view.doc, map, 'extends') !== undefined, ignores: labelIgnores(view, map) });
    }
  }
  cache.set(view, out);
  return out;
}

/** Services a rule judges (label suppressions applied). */
export function servicesFor(view: YamlDocumentView, ruleId: string): ComposeService[] {
  return composeServices(view).filter((s) => !isIgnored(s.ignores, ruleId));
}
