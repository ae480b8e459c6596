import { isMap, isScalar, isSeq, Scalar, type Node } from 'yaml';
import { deref } from '../../kubernetes/nodes';
import { isLiteralSecretString } from '../../kubernetes/support';
import { field, oncePerNode, servicesFor, type ComposeService } from '../../compose/model';
import { describeInterpolationSource, hasUrlCredentials, interpolationSources, isSecretLikeName, type InterpolationCondition } from '../../secrets';
import type { Range, Rule } from '../../types';
import type { YamlDocumentView } from '../../yaml/model';

const ID = 'compose/no-secrets-in-environment';

/**
 * The range of `name` in the source of list item `item` (`NAME=value`): after the opening quote,
 * or after the header line of a block scalar (`>-`, `|2 # comment`); the whole item when the
 * source spells the name otherwise (escapes in a double-quoted item).
 */
function nameRange(view: YamlDocumentView, item: Scalar, name: string): Range {
  const [from, to] = item.range!;
  const src = view.text.slice(from, to);
  const block = item.type === Scalar.BLOCK_FOLDED || item.type === Scalar.BLOCK_LITERAL;
  const bodyStart = block ? src.indexOf('\n') + 1 : src[0] === '"' || src[0] === "'" ? 1 : 0;
  const at = block && bodyStart === 0 ? -1 : src.indexOf(name, bodyStart);
  return at < 0 || /\S/.test(src.slice(bodyStart, at)) ? view.range(item) : view.range([from + at, from + at + name.length]);
}

/**
 * `literal`: the value itself, or interpolation words it takes (`${PW:-hunter2}`, `${ON:+hunter2}`:
 * `conditions` say when); `url`: a URL with a password, in the value or those words.
 */
interface Secret {
  kind: 'literal' | 'url';
  conditions: readonly InterpolationCondition[];
}

/**
 * What a value holds, judged in each form interpolation gives it (`${PW:-hunter2}` is `hunter2`
 * whenever `PW` is unset): a literal default, or a password in a URL, is as committed as a plain value.
 */
function secretIn(name: string, value: string): Secret | undefined {
  const alternatives = interpolationSources(value, 'compose');
  if (isSecretLikeName(name)) {
    const literal = alternatives.find((a) => isLiteralSecretString(a.text, name));
    if (literal !== undefined) return { kind: 'literal', conditions: literal.conditions };
  }
  const url = alternatives.find((a) => hasUrlCredentials(a.text));
  return url && { kind: 'url', conditions: url.conditions };
}

/** The message for a secret in `name`: says which interpolation words hold it and when they are used, never the value. */
function secretMessage(service: string, name: string, { kind, conditions }: Secret): string {
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
    const doc = view.doc;
    const report = (s: ComposeService, name: string, range: Range, secret: Secret) =>
      ctx.report({ range, secret: true, message: secretMessage(s.name, name, secret) });
    const once = oncePerNode();
    for (const s of servicesFor(view, ID)) {
      const env = field(view, s, 'environment');
      if (env === undefined || !once(env)) continue;
      if (isMap(env)) {
        for (const item of env.items) {
          if (!isScalar(item.key)) continue;
          const value = deref(doc, item.value) as Node | undefined;
          // Only string values can be literal secrets or URLs (numbers, booleans and null cannot).
          if (!isScalar(value) || typeof value.value !== 'string') continue;
          const name = String(item.key.value);
          const secret = secretIn(name, value.value);
          if (secret) report(s, name, view.range(item.key), secret);
        }
      } else if (isSeq(env)) {
        for (const item of env.items) {
          if (!isScalar(item) || typeof item.value !== 'string' || !item.range) continue;
          const eq = item.value.indexOf('=');
          if (eq <= 0) continue;
          const name = item.value.slice(0, eq).trim();
          const value = item.value.slice(eq + 1);
          const secret = secretIn(name, value);
          if (!secret) continue;
          report(s, name, nameRange(view, item, name), secret);
        }
      }
    }
  },
};
