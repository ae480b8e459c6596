import { field, oncePerNode, servicesFor } from '../../compose/model';
import { composeSecrets, type ComposeSecret } from '../../compose/secrets';
import { describeInterpolationSource } from '../../secrets';
import type { Rule } from '../../types';
import type { YamlDocumentView } from '../../yaml/model';

const ID = 'compose/no-secrets-in-environment';

/** The message for a secret in `name`: says which interpolation words hold it and when they are used, never the value. */
function secretMessage(service: string, name: string, { kind, conditions }: ComposeSecret): string {
  const s = `Service \`${service}\``;
  if (kind === 'url') {
    const { noun, where, when } = describeInterpolationSource(conditions);
    const via = conditions.length === 0 ? '' : ` in the ${noun} of ${where} (used whenever ${when})`;
    return `${s} sets \`${name}\` to a URL with an embedded password${via}; use \`\${${name}}\` from an env file kept out of git, or Compose \`secrets:\`.`;
  }
  if (conditions.length === 0) return `${s} sets secret-looking variable \`${name}\` to a literal value; use Compose \`secrets:\` or \`\${${name}}\` from an env file kept out of git.`;
  const { noun, where, when } = describeInterpolationSource(conditions);
  const advice =
    noun === 'default'
      ? 'drop the default (`${VAR}`, or `${VAR:?error}` to require it) and set it from an env file kept out of git, or use Compose `secrets:`'
      : `set \`${name}\` from an env file kept out of git instead, or use Compose \`secrets:\``;
  return `${s} gives secret-looking variable \`${name}\` a literal ${noun} in ${where}, used whenever ${when}; ${advice}.`;
}

export const composeNoSecretsInEnvironment: Rule<YamlDocumentView> = {
  meta: {
    id: ID,
    title: 'Do not put secret values in service environment',
    domain: 'compose',
    severity: 'error',
    guideSection: 'Vault Secrets Management; Container Security ("Don\'t store secrets in images")',
    rationale:
      'A literal value for `DB_PASSWORD` or `API_TOKEN` in `environment:` is committed with the Compose file and shown by `docker inspect`. Use Compose `secrets:` (files under `/run/secrets/`, e.g. `POSTGRES_PASSWORD_FILE`), or `${VAR}` interpolation from an env file kept out of git. A literal default (`${DB_PASSWORD:-s3cr3t}`, also nested) is a literal too: it is committed, and used whenever the variable is unset (`-`) or also empty (`:-`); so is a literal alternative value (`${TLS:+s3cr3t}`, used whenever the variable is set); the message says which expression holds it and when it applies. `${VAR:?error}` requires the variable instead. A URL with an embedded password (`postgres://app:pw@db/app`) is reported whatever the variable is called. Both the mapping and the list form are checked; the message names the variable, never the value.',
    bad: { fileName: 'compose.yaml', code: 'services:\n  db:\n    image: postgres:16\n    environment:\n      POSTGRES_PASSWORD: s3cr3t-value\n' },
    good: {
      fileName: 'compose.yaml',
      code: 'services:\n  db:\n    image: postgres:16\n    environment:\n      POSTGRES_PASSWORD_FILE: /run/secrets/db-password\n    secrets:\n      - db-password\nsecrets:\n  db-password:\n    file: ./db-password.txt\n',
    },
    fixable: false,
  },
  kinds: ['compose'],
  check(view, ctx) {
    const once = oncePerNode(view);
    for (const s of servicesFor(view, ID)) {
      const env = field(view, s, 'environment');
      if (env === undefined || !once(env)) continue;
      for (const { name, range, secret } of composeSecrets(view, env)) ctx.report({ range, secret: true, message: secretMessage(s.name, name, secret) });
    }
  },
};
