// dockerfile/no-secrets-in-env-or-arg — decisions:
// - Secret-looking name with a literal value: error; build ARG without value or any value that is only a
//   `$VAR` reference: warning. A URL with an embedded password: error whatever the name.
// - Not reported: empty ENV (stores nothing), global ARGs without value (they only feed FROM lines),
//   boolean switches (`ENABLE_TOKEN_AUTH=true`), values pointing at a mounted secret (`/run/secrets/…`)
//   or at a credential file by an absolute path of two or more segments
//   (`GOOGLE_APPLICATION_CREDENTIALS=/var/secrets/key.json`).
// - Each form interpolation gives a value is judged as above: `${T:-literal}` (`-`, `:-`, `:+`, nested) holds
//   `literal`, used whenever T is unset: an error like a plain literal; `${T:-}`, `${A:-${B}}` are references.
// - The range is the variable name; messages never contain the value.
import { PropertyInstruction } from 'dockerfile-ast';
import type { DockerfileDoc } from '../../dockerfile/model';
import { hasUrlCredentials, interpolationAlternatives, isSecretLikeName, isSecretReference } from '../../secrets';
import type { Rule } from '../../types';
import { scopedInstructions } from './prefer-copy-over-add';

/** Only a variable reference: `$TOKEN`, `${TOKEN}`, `${TOKEN:-}`. */
const VARIABLE_ONLY = /^\$(\{[A-Za-z_][A-Za-z0-9_]*(:?[-+?][^}]*)?\}|[A-Za-z_][A-Za-z0-9_]*)$/;
/** Switches such as `ENV TOKEN_AUTH=true`, `MYSQL_RANDOM_ROOT_PASSWORD=1` configure a feature; they hold no secret. */
const FLAG_VALUE = /^(true|false|yes|no|on|off|enabled?|disabled?|0|1)$/i;
/** An absolute file path (`/etc/ssl/private/server.key`): it names where a secret is, not the secret. */
const FILE_PATH = /^\/[\w.@-]+(\/[\w.@-]+)+\/?$/;
/** Obvious placeholders (`SECRET_KEY_BASE=dummy` for an asset build) are not secrets. */
const PLACEHOLDER = /^(dummy|placeholder|none|null|nil|undefined|unset|todo|x+|\*+|<[^>]*>|\.\.\.)$/i;

// The same variable names (PATH, NODE_ENV, …) recur in most Dockerfiles: their verdicts are kept.
// Bounded, as names come from the linted files.
const secretLikeNames = new Map<string, boolean>();

function secretLikeName(name: string): boolean {
  let v = secretLikeNames.get(name);
  if (v === undefined) {
    if (secretLikeNames.size >= 2000) secretLikeNames.clear();
    v = isSecretLikeName(name);
    secretLikeNames.set(name, v);
  }
  return v;
}

export const noSecretsInEnvOrArg: Rule<DockerfileDoc> = {
  meta: {
    id: 'dockerfile/no-secrets-in-env-or-arg',
    title: 'Do not pass secrets through ENV or ARG',
    domain: 'dockerfile',
    severity: 'error',
    guideSection: 'Container Security ("Don\'t store secrets in images")',
    rationale:
      'ENV values are stored in the image config (`docker inspect` shows them) and build arguments used by RUN stay in the image history, so a secret passed either way ships with the image, and so does a literal default (`${TOKEN:-abc123}`), used whenever the variable is unset. Use `RUN --mount=type=secret,id=…` for build-time secrets and inject runtime secrets from Vault or the orchestrator.',
    bad: { fileName: 'Dockerfile', code: 'FROM node:20-alpine\nARG NPM_TOKEN\nENV DB_PASSWORD=changeme\n' },
    good: {
      fileName: 'Dockerfile',
      code: 'FROM node:20-alpine\nENV DB_PASSWORD_FILE=/run/secrets/db_password\nRUN --mount=type=secret,id=npm_token NPM_TOKEN="$(cat /run/secrets/npm_token)" npm ci\n',
    },
    fixable: false,
  },
  kinds: ['dockerfile'],
  check(doc, ctx) {
    for (const { ins, stage } of scopedInstructions(doc)) {
      const kw = ins.getKeyword();
      if ((kw !== 'ENV' && kw !== 'ARG') || !(ins instanceof PropertyInstruction)) continue;
      for (const p of ins.getProperties()) {
        const name = p.getName();
        if (!name) continue;
        const value = p.getValue();
        const range = p.getNameRange();
        // Messages name the variable only: never the value. (`://` first: few values hold a URL.)
        // Each form interpolation gives the value is judged: `${T:-literal}` is `literal` whenever T is unset.
        if (value !== null && value.includes('://') && interpolationAlternatives(value, 'dockerfile').some((a) => hasUrlCredentials(a))) {
          ctx.report({
            range,
            secret: true,
            message: `${kw} \`${name}\` contains a URL with an embedded password, which ships with the image; pass the credentials at run time (secret mount, Vault, orchestrator).`,
          });
          continue;
        }
        if (!secretLikeName(name)) continue;
        const v = (value ?? '').trim();
        if (v === '') {
          // `ENV TOKEN=` stores nothing; a global `ARG TOKEN` (before FROM) only feeds FROM lines.
          if (kw === 'ENV' || stage === undefined) continue;
          ctx.report({
            range,
            secret: true,
            severity: 'warning',
            message: `Build argument \`${name}\` looks like a secret: build arguments used by RUN stay in the image history. Use \`RUN --mount=type=secret,id=${secretId(name)}\` instead.`,
          });
          continue;
        }
        let verdict: Verdict = 'none';
        let literal: string | undefined;
        for (const a of interpolationAlternatives(v, 'dockerfile')) {
          const j = judgeValue(a.trim(), name);
          if (j === 'literal') {
            verdict = j;
            literal = a;
            break;
          }
          if (j === 'variable') verdict = j;
        }
        if (verdict === 'none') continue;
        if (verdict === 'variable') {
          ctx.report({
            range,
            secret: true,
            severity: 'warning',
            message:
              kw === 'ENV'
                ? `ENV \`${name}\` copies a variable into the image config, where \`docker inspect\` shows it; inject the secret at run time instead (or \`RUN --mount=type=secret,id=${secretId(name)}\` at build time).`
                : `Build argument \`${name}\` looks like a secret: build arguments used by RUN stay in the image history. Use \`RUN --mount=type=secret,id=${secretId(name)}\` instead.`,
          });
          continue;
        }
        const inDefault = literal !== v;
        ctx.report({
          range,
          secret: true,
          message:
            kw === 'ENV'
              ? inDefault
                ? `ENV \`${name}\` has a literal secret default in its \`\${…:-…}\` interpolation, used whenever the variable is unset, and it ships in the image config; drop the default and inject the secret at run time (Vault, orchestrator secret).`
                : `ENV \`${name}\` sets a literal secret value in the Dockerfile, and it ships in the image config; inject it at run time (Vault, orchestrator secret) instead.`
              : inDefault
                ? `Build argument \`${name}\` has a literal secret default in its \`\${…:-…}\` interpolation; drop the default, use \`RUN --mount=type=secret,id=${secretId(name)}\` and keep the value out of the repository.`
                : `Build argument \`${name}\` has a literal secret default in the Dockerfile; use \`RUN --mount=type=secret,id=${secretId(name)}\` and keep the value out of the repository.`,
        });
      }
    }
  },
};

/** `literal`: a value held in the Dockerfile; `variable`: only a `$VAR` reference; `none`: nothing secret. */
type Verdict = 'none' | 'variable' | 'literal';

/** One form of a value (see `interpolationAlternatives`), judged as a plain value. */
function judgeValue(v: string, name: string): Verdict {
  if (v === '' || FLAG_VALUE.test(v) || PLACEHOLDER.test(v)) return 'none';
  // `TOKEN_EXPIRATION=3600`: a number under a token/key name is a setting; under a password name it may be the password.
  if (/^\d+$/.test(v) && !/PASS|PWD|PIN/i.test(name)) return 'none';
  if (VARIABLE_ONLY.test(v)) return 'variable';
  // `/run/secrets/…`, `vault:…`, a key file: points at a secret, holds none
  if (isSecretReference(v) || FILE_PATH.test(v)) return 'none';
  return 'literal';
}

function secretId(name: string): string {
  return name.toLowerCase().replace(/[^a-z0-9]+/g, '_');
}
