// Unknown rule ids in the `infra-guide.io/ignore` annotation (Kubernetes) or label (Compose):
// like a misspelt id in a pragma, they silence nothing and are reported, never ignored.
import { isMap, isScalar, isSeq, type Node } from 'yaml';
import { IGNORE_ANNOTATION } from '../../kubernetes/workloads';
// A cycle (the registry lists this rule), but only read when a document is checked.
import { allRules, isKnownRule } from '../../registry';
import type { RuleContext } from '../../types';
import type { YamlDocumentView } from '../../yaml/model';

const LIST_PREFIX = `${IGNORE_ANNOTATION}=`;
let domains: ReadonlySet<string> | undefined;

/** An entry `isIgnored` understands: a rule id, `<domain>/*`, `*` or `all`. */
function isKnownEntry(id: string): boolean {
  if (id === '*' || id === 'all' || isKnownRule(id)) return true;
  domains ??= new Set(allRules.map((r) => r.meta.domain));
  return id.endsWith('/*') && domains.has(id.slice(0, -2));
}

/** Reports each unknown id of the list `value`, which follows `prefix` in the scalar `node`. */
function checkList(view: YamlDocumentView, ctx: RuleContext, node: Node, value: string, prefix: string): void {
  const [start, end] = node.range!;
  const source = view.text.slice(start, end);
  const at = start + (source.startsWith('"') || source.startsWith("'") ? 1 : 0) + prefix.length;
  // Escapes or folding: positions inside the value are not those of the source.
  const exact = view.text.startsWith(prefix + value, at - prefix.length);
  const re = /[^,\s]+/g;
  for (let m; (m = re.exec(value)); ) {
    const id = m[0];
    if (isKnownEntry(id)) continue;
    const range = exact ? view.range([at + m.index, at + m.index + id.length]) : view.range(node);
    ctx.report({ range, message: `Unknown rule id \`${id}\` in the \`${IGNORE_ANNOTATION}\` ${view.kind === 'compose' ? 'label' : 'annotation'}.` });
  }
}

export function checkIgnoreAnnotations(view: YamlDocumentView, ctx: RuleContext): void {
  // Most documents carry no such annotation: skip the walk.
  if (!view.text.includes(IGNORE_ANNOTATION)) return;
  // Explicit stack: documents can nest deeper than the JS call stack allows.
  const stack: unknown[] = [view.doc.contents];
  while (stack.length > 0) {
    const node = stack.pop();
    if (isMap(node)) {
      for (const pair of node.items) {
        const v = pair.value;
        if (isScalar(pair.key) && pair.key.value === IGNORE_ANNOTATION && isScalar(v) && typeof v.value === 'string' && v.range) {
          checkList(view, ctx, v, v.value, '');
        } else if (v) stack.push(v);
      }
    } else if (isSeq(node)) {
      for (const item of node.items) {
        // Compose's list form of labels: `- "infra-guide.io/ignore=<id>,<id>"`.
        if (isScalar(item) && typeof item.value === 'string' && item.value.startsWith(LIST_PREFIX) && item.range) {
          checkList(view, ctx, item, item.value.slice(LIST_PREFIX.length), LIST_PREFIX);
        } else stack.push(item);
      }
    }
  }
}
