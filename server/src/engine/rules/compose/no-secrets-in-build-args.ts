import { isMap } from 'yaml';
import { lookup } from '../../kubernetes/nodes';
import { field, oncePerNode, servicesFor, unlessReset } from '../../compose/model';
import { composeSecrets, type ComposeSecret } from '../../compose/secrets';
import { describeInterpolationSource, secretMountId } from '../../secrets';
import type { Rule } from '../../types';
import type { YamlDocumentView } from '../../yaml/model';

const ID = 'compose/no-secrets-in-build-args';

/** The message for a secret in build argument `name`: says which interpolation words hold it and when they are used, never the value. */
function secretMessage(service: string, name: string, { kind, conditions }: ComposeSecret): string {
  const s = `Service \`${service}\``;
  const mount = `Compose \`build.secrets\` with \`RUN --mount=type=secret,id=${secretMountId(name)}\` in the Dockerfile`;
  const history = 'build arguments used by RUN stay in the image history (`docker history`)';
  if (kind === 'url') {
    const { noun, where, when } = describeInterpolationSource(conditions);
    const via = conditions.length === 0 ? '' : ` in the ${noun} of ${where} (used whenever ${when})`;
    return `${s} passes build argument \`${name}\` a URL with an embedded password${via}; ${history}: use ${mount} instead.`;
  }
  if (conditions.length === 0) return `${s} passes secret-looking build argument \`${name}\` a literal value; ${history}: use ${mount} instead.`;
  const { noun, where, when } = describeInterpolationSource(conditions);
  return `${s} gives secret-looking build argument \`${name}\` a literal ${noun} in ${where}, used whenever ${when}; ${history}: ${noun === 'default' ? 'drop the default and ' : ''}use ${mount} instead.`;
}

export const composeNoSecretsInBuildArgs: Rule<YamlDocumentView> = {
  meta: {
    id: ID,
    title: 'Do not pass secret values as build arguments',
    domain: 'compose',
    severity: 'error',
    guideSection: 'Vault Secrets Management; Container Security ("Don\'t store secrets in images")',
    rationale:
      'A literal value for `NPM_TOKEN` or `GITHUB_TOKEN` in `build.args` is committed with the Compose file, and a build argument used by a `RUN` instruction stays in the image history (`docker history` shows it), like a Dockerfile `ARG` default. Use Compose `build.secrets` and `RUN --mount=type=secret,id=…` in the Dockerfile: the secret is mounted for that one instruction and never stored in a layer. A literal default (`${NPM_TOKEN:-abc123}`, also nested) or alternative value (`${CI:+abc123}`) is a literal too; the message says which expression holds it and when it applies. An argument without a value (`- NPM_TOKEN`, `NPM_TOKEN:`) or a plain reference (`${NPM_TOKEN}`, `${NPM_TOKEN:?error}`) takes the value from the environment and is not reported here. A URL with an embedded password (`https://user:pw@registry.example.com/`) is reported whatever the argument is called. Both the mapping and the list form are checked; the message names the argument, never the value.',
    bad: { fileName: 'compose.yaml', code: 'services:\n  web:\n    image: example/web:1.4.2\n    build:\n      context: .\n      args:\n        NPM_TOKEN: npm_s3cr3tValue\n' },
    good: {
      fileName: 'compose.yaml',
      code: 'services:\n  web:\n    image: example/web:1.4.2\n    build:\n      context: .\n      secrets:\n        - npm_token\nsecrets:\n  npm_token:\n    environment: NPM_TOKEN\n',
    },
    fixable: false,
  },
  kinds: ['compose'],
  check(view, ctx) {
    const once = oncePerNode(view);
    for (const s of servicesFor(view, ID)) {
      const build = field(view, s, 'build');
      const args = isMap(build) ? unlessReset(lookup(view.doc, build, 'args')) : undefined;
      if (args === undefined || !once(args)) continue;
      for (const { name, range, secret } of composeSecrets(view, args)) ctx.report({ range, secret: true, message: secretMessage(s.name, name, secret) });
    }
  },
};
