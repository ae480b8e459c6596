import { isMap, isPair, isScalar, isSeq, type Node } from 'yaml';
import type { Rule } from '../../types';
import type { YamlDocumentView } from '../../yaml/model';

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
    const stack: unknown[] = [view.doc.contents];
    while (stack.length > 0) {
      const node = stack.pop();
      if (isMap(node)) {
        let seen: Map<string, Node> | undefined;
        for (const pair of node.items) {
          if (pair.value) stack.push(pair.value);
          const key = pair.key;
          if (!isScalar(key) || key.value === null || !key.range) {
            if (key && !isScalar(key)) stack.push(key);
            continue;
          }
          const k = String(key.value);
          if (k === '<<') continue;
          seen ??= new Map();
          const first = seen.get(k);
          if (first) {
            // Relative wording: findings are cached per document text, whatever its line in the file.
            const range = view.range(key);
            const above = range.start.line - view.range(first).start.line;
            const where =
              above === 0 ? 'earlier on the same line' : above === 1 ? 'on the line above' : `${above} lines above`;
            ctx.report({
              range,
              message: `Duplicate key \`${k}\` (first defined ${where}); most tools silently keep only the last value.`,
            });
          } else seen.set(k, key);
        }
      } else if (isSeq(node)) {
        for (const item of node.items) stack.push(item);
      } else if (isPair(node)) {
        stack.push(node.value);
      }
    }
  },
};
