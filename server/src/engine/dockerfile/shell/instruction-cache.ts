// Per-document memo tables for facts derived from one instruction (its RUN parse, its argument
// words …), which several rules ask for.
import type { Instruction } from 'dockerfile-ast';
import { DocumentMemo } from '../model';

/**
 * A plain Map of a document's instructions, kept in the document (see `DocumentMemo`, also for
 * why not in a WeakMap), rather than an entry per instruction in a WeakMap keyed by instruction:
 * WeakMap inserts are much costlier than Map inserts, and there is one per instruction and rule.
 */
export class InstructionCache<V> extends DocumentMemo<Map<Instruction, V>> {
  constructor() {
    super(() => new Map());
  }
}
