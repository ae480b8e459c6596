// Duplicate mapping keys as the `yaml` library's `uniqueKeys: true` finds them, in linear time.
// The library compares each key with every earlier key of its mapping: a 32,000-key file took 17 s
// to parse (a 2 MB one, minutes). Parse with `uniqueKeys: false` and ask `firstDuplicateKey`.
import type { Document, Node } from 'yaml';
import { isMapNode, isPairNode, isScalarNode, isSeqNode } from './node-class';

/**
 * The key, earliest in the text, that repeats an earlier key of its mapping: two scalar keys
 * with the same value (`===`, so `1` and `1.0` are the same key, `1` and `"1"` are not, and `.nan`
 * never repeats), as `uniqueKeys: true` decides. Merge keys (`<<` with `merge: true`) never repeat:
 * each has a value of its own. Undefined when no key repeats.
 */
export function firstDuplicateKey(doc: Document): Node | undefined {
  let first: Node | undefined;
  const stack: unknown[] = [doc.contents];
  while (stack.length > 0) {
    const node = stack.pop();
    if (isMapNode(node)) {
      const seen = new Set<unknown>();
      for (const pair of node.items) {
        const key = pair.key;
        if (isScalarNode(key)) {
          const value = key.value;
          if (seen.has(value) && !Number.isNaN(value) && (first === undefined || start(key) < start(first))) first = key;
          seen.add(value);
        } else if (key) stack.push(key);
        if (pair.value) stack.push(pair.value);
      }
    } else if (isSeqNode(node)) {
      for (const item of node.items) stack.push(item);
    } else if (isPairNode(node)) {
      stack.push(node.key, node.value);
    }
  }
  return first;
}

function start(node: Node): number {
  return node.range?.[0] ?? 0;
}
