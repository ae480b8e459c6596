import { lookup, lookupSeq, mapItems, str } from '../../kubernetes/nodes';
import { containerLabel } from '../../kubernetes/workloads';
import { containersFor, isLiteralSecretValue } from '../../kubernetes/support';
import { hasUrlCredentials, isSecretLikeName } from '../../secrets';
import type { Rule } from '../../types';
import type { YamlDocumentView } from '../../yaml/model';

const ID = 'kubernetes/no-secrets-in-env';
const pod = (env: string) =>
  `apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n    - name: web\n      image: nginx:1.27\n      env:\n${env}`;

export const noSecretsInEnv: Rule<YamlDocumentView> = {
  meta: {
    id: ID,
    title: 'Do not put secret values in container env',
    domain: 'kubernetes',
    severity: 'error',
    guideSection: 'Vault Secrets Management; Container Security ("Don\'t store secrets in images")',
    rationale:
      'A literal `value` of an env var named like a secret (`DB_PASSWORD`, `API_TOKEN` …) is committed with the manifest and readable by anyone who can read the Deployment. Reference a Secret with `valueFrom.secretKeyRef` (synced from Vault at `{mount}/{service}/{component}/{secret-name}`), never the value. A URL with an embedded password (`postgres://app:pw@db/app`) is reported whatever the variable is called. References (`$(VAR)`, `${VAR}`), empty values, booleans and numbers are not reported; the message names the variable, never the value. An env list shared by several containers through a YAML alias is reported once, for the first of them.',
    bad: { fileName: 'pod.yaml', code: pod('        - name: DB_PASSWORD\n          value: hunter2-but-longer\n') },
    good: {
      fileName: 'pod.yaml',
      code: pod('        - name: DB_PASSWORD\n          valueFrom:\n            secretKeyRef:\n              name: postgres-app\n              key: password\n'),
    },
    fixable: false,
  },
  kinds: ['kubernetes'],
  check(view, ctx) {
    const doc = view.doc;
    // An env list shared through an alias (`env: *common`) is reported once, for the first
    // container: n containers sharing m entries would make n·m findings at the same places.
    const seenEnv = new Set<unknown>();
    for (const c of containersFor(view, ID, { ephemeral: true })) {
      const env = lookupSeq(doc, c.map, 'env');
      if (env === undefined || seenEnv.has(env)) continue;
      seenEnv.add(env);
      for (const entry of mapItems(doc, env)) {
        const nameNode = lookup(doc, entry, 'name');
        const name = str(nameNode);
        if (!name) continue;
        const value = lookup(doc, entry, 'value');
        if (isSecretLikeName(name) && isLiteralSecretValue(value, name)) {
          ctx.report({
            range: view.range(nameNode),
            secret: true,
            message: `${containerLabel(c)} sets secret-looking env var \`${name}\` to a literal value; use \`valueFrom.secretKeyRef\` (Vault-synced Secret) instead.`,
          });
        } else if (typeof str(value) === 'string' && hasUrlCredentials(str(value)!)) {
          ctx.report({
            range: view.range(nameNode),
            secret: true,
            message: `${containerLabel(c)} sets env var \`${name}\` to a URL with an embedded password; take the credentials from a Secret (\`valueFrom.secretKeyRef\`).`,
          });
        }
      }
    }
  },
};
