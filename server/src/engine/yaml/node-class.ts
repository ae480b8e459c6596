// Type guards for the nodes of documents the engine parses, by class rather than `yaml`'s own
// `isScalar` & co. Those read a symbol-keyed property of the node, and nodes come in many shapes
// (a scalar's properties depend on how it was written), so each such read is a megamorphic
// lookup; a class check follows the node's prototype. In the loops that run for every service
// and every fix, that was a measurable share of the Compose rules' time.
//
// Only for nodes made by this copy of `yaml` (as every document the engine parses is): a node
// from another copy is no instance of these classes, though `isScalar` would accept it.
import { Alias, Pair, Scalar, YAMLMap, YAMLSeq } from 'yaml';

export function isScalarNode(node: unknown): node is Scalar {
  return node instanceof Scalar;
}

export function isMapNode(node: unknown): node is YAMLMap {
  return node instanceof YAMLMap;
}

export function isSeqNode(node: unknown): node is YAMLSeq {
  return node instanceof YAMLSeq;
}

export function isAliasNode(node: unknown): node is Alias {
  return node instanceof Alias;
}

export function isPairNode(node: unknown): node is Pair {
  return node instanceof Pair;
}
