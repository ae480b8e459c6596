import { isMap, isScalar, type Node } from 'yaml';
import { lookupPair, deref } from '../../kubernetes/nodes';
import { isIgnored, kubernetesModel } from '../../kubernetes/workloads';
import { isLiteralSecretValue } from '../../kubernetes/support';
import type { Rule } from '../../types';
import type { YamlDocumentView } from '../../yaml/model';

const ID = 'kubernetes/no-literal-secret-data';

export const noLiteralSecretData: Rule<YamlDocumentView> = {
  meta: {
    id: ID,
    title: 'Do not commit Secret objects with literal data',
    domain: 'kubernetes',
    severity: 'warning',
    guideSection: 'Vault Secrets Management',
    rationale:
      'Base64 in `data` is encoding, not encryption: a committed `kind: Secret` with values is a leaked secret. Keep secrets in Vault (`secret-<env>/<service>/<component>/<name>`) and sync them (External Secrets, Vault Agent, Sealed Secrets) instead. Empty values and template placeholders are not reported; the message names the keys, never the values.',
    bad: { fileName: 'secret.yaml', code: 'apiVersion: v1\nkind: Secret\nmetadata:\n  name: db\nstringData:\n  password: correct-horse-battery\n' },
    good: {
      fileName: 'external-secret.yaml',
      code: 'apiVersion: external-secrets.io/v1beta1\nkind: ExternalSecret\nmetadata:\n  name: db\nspec:\n  data:\n    - secretKey: password\n      remoteRef:\n        key: secret-prod/postgres/database/app\n        property: password\n',
    },
    fixable: false,
  },
  kinds: ['kubernetes'],
  check(view, ctx) {
    const doc = view.doc;
    for (const obj of kubernetesModel(view).objects) {
      if (obj.kind !== 'Secret' || obj.apiVersion !== 'v1' || isIgnored(obj.ignores, ID)) continue;
      for (const field of ['data', 'stringData']) {
        const pair = lookupPair(doc, obj.map, field);
        const map = deref(doc, pair?.value);
        if (!pair || !isMap(map)) continue;
        const keys: string[] = [];
        for (const item of map.items) {
          const v = deref(doc, item.value);
          if (!isScalar(item.key)) continue;
          if (!isLiteralSecretValue(v as Node | undefined, String(item.key.value))) continue;
          keys.push(String(item.key.value));
        }
        if (keys.length === 0) continue;
        const shown = keys.slice(0, 5).map((k) => `\`${k}\``).join(', ') + (keys.length > 5 ? ` and ${keys.length - 5} more` : '');
        ctx.report({
          range: view.range(pair.key as Node),
          secret: true,
          message: `Secret${obj.name ? ` \`${obj.name}\`` : ''} commits literal \`${field}\` (${shown}); keep the values in Vault and sync them instead.`,
        });
      }
    }
  },
};
