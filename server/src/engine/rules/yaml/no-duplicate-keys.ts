import type { Pair, Scalar } from 'yaml';
import type { Rule } from '../../types';
import type { YamlDocumentView } from '../../yaml/model';
import { isMapNode, isPairNode, isScalarNode, isSeqNode } from '../../yaml/node-class';

export const noDuplicateKeys: Rule<YamlDocumentView> = {
  meta: {
    id: 'yaml/no-duplicate-keys',
    title: 'No duplicate keys in a mapping',
    domain: 'yaml',
    severity: 'warning',
    guideSection: 'Before Completing — Validate configuration syntax',
    rationale:
      'YAML forbids duplicate keys, but many tools (kubectl included) accept them and silently keep the last value, so the first one is dead configuration that reviewers still read. The later occurrence is reported with the line of the first. `<<` merge keys are not counted.',
    bad: { fileName: 'deployment.yaml', code: 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: web\n  name: web-v2\n' },
    good: { fileName: 'deployment.yaml', code: 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: web-v2\n' },
    fixable: false,
  },
  kinds: ['kubernetes', 'compose', 'github-actions', 'gitlab-ci', 'woodpecker', 'prometheus-rules', 'yaml'],
  check(view, ctx) {
    // Class checks, not `isMap` & co.: this walk visits every collection of every document.
    const stack: unknown[] = [view.doc.contents];
    while (stack.length > 0) {
      const node = stack.pop();
      if (isMapNode(node)) {
        const items = node.items;
        const n = items.length;
        for (let i = 0; i < n; i++) {
          const pair = items[i]!;
          // Scalars hold no keys: only collections (and complex keys) are walked.
          const value = pair.value;
          if (value && !isScalarNode(value)) stack.push(value);
          // The key texts are taken on the way: one `isScalar` per key, not two.
          const key = pair.key;
          if (isScalarNode(key)) scratch[i] = scalarKeyText(key);
          else {
            scratch[i] = undefined;
            if (key) stack.push(key);
          }
        }
        const first = n <= SMALL_MAP ? firstOccurrencesByScan(items) : firstOccurrencesByMap(items);
        if (first === undefined) continue;
        for (let i = 0; i < items.length; i++) {
          const f = first[i];
          if (f === undefined) continue;
          const key = items[i]!.key as Scalar;
          // Relative wording: findings are cached per document text, whatever its line in the file.
          const range = view.range(key);
          const above = range.start.line - view.range(f).start.line;
          const where = above === 0 ? 'earlier on the same line' : above === 1 ? 'on the line above' : `${above} lines above`;
          ctx.report({
            range,
            message: `Duplicate key \`${scratch[i]!}\` (first defined ${where}); most tools silently keep only the last value.`,
          });
        }
      } else if (isSeqNode(node)) {
        for (const item of node.items) if (item && !isScalarNode(item)) stack.push(item);
      } else if (isPairNode(node)) {
        stack.push(node.value);
      }
    }
  },
};

/** Mappings up to this size are checked by comparing keys pairwise: no Map per mapping. */
const SMALL_MAP = 12;

type Items = readonly Pair<unknown, unknown>[];

/** A scalar key that counts (non-null, positioned, not `<<`) as text, else undefined. */
function scalarKeyText(key: Scalar): string | undefined {
  if (key.value === null || !key.range) return undefined;
  const k = String(key.value);
  return k === '<<' ? undefined : k;
}

/** Key texts (`scalarKeyText`, undefined for other keys) of the mapping being checked, set by the walk (reused: one array for the whole run). */
const scratch: (string | undefined)[] = [];

/** Per item index, the first key node with the same text (sparse); undefined when no key repeats. */
function firstOccurrencesByScan(items: Items): Scalar[] | undefined {
  let first: Scalar[] | undefined;
  const n = items.length;
  for (let i = 0; i < n; i++) {
    const k = scratch[i];
    if (k === undefined) continue;
    for (let j = 0; j < i; j++) {
      if (scratch[j] === k) {
        (first ??= [])[i] = items[j]!.key as Scalar;
        break;
      }
    }
  }
  return first;
}

/** `firstOccurrencesByScan` for large mappings. */
function firstOccurrencesByMap(items: Items): Scalar[] | undefined {
  const seen = new Map<string, Scalar>();
  let first: Scalar[] | undefined;
  for (let i = 0; i < items.length; i++) {
    const key = items[i]!.key;
    const k = scratch[i];
    if (k === undefined) continue;
    const f = seen.get(k);
    if (f) (first ??= [])[i] = f;
    else seen.set(k, key as Scalar);
  }
  return first;
}
