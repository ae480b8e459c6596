// Per-document memo tables for facts derived from one instruction (its RUN parse, its argument
// words …), which several rules ask for.
import type { Instruction } from 'dockerfile-ast';
import type { DockerfileDoc } from '../model';

/**
 * One WeakMap entry per document with a plain Map of its instructions inside, rather than a
 * WeakMap keyed by instruction: WeakMap inserts are much costlier than Map inserts (and every
 * entry is extra work for the garbage collector), and there is one per instruction and rule.
 */
export class InstructionCache<V> {
  private readonly byDoc = new WeakMap<DockerfileDoc, Map<Instruction, V>>();

  /** The table of `doc`, created on first use; it lives as long as the document. */
  of(doc: DockerfileDoc): Map<Instruction, V> {
    let table = this.byDoc.get(doc);
    if (table === undefined) {
      table = new Map();
      this.byDoc.set(doc, table);
    }
    return table;
  }
}
