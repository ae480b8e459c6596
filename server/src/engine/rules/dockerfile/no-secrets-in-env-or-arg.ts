// dockerfile/no-secrets-in-env-or-arg — decisions:
// - Secret-looking name with a literal value: error; build ARG without value or any value that is only a
//   `$VAR` reference: warning. A URL with an embedded password: error whatever the name.
// - Not reported: empty ENV (stores nothing), global ARGs without value (they only feed FROM lines),
//   boolean switches (`ENABLE_TOKEN_AUTH=true`), values pointing at a mounted secret (`/run/secrets/…`)
//   or at a credential file by an absolute path of two or more segments
//   (`GOOGLE_APPLICATION_CREDENTIALS=/var/secrets/key.json`).
// - Each form interpolation gives a value is judged as above: `${T:-literal}` (`-`, `:-`, `:+`, `+`, nested)
//   holds `literal`: an error like a plain literal; `${T:-}`, `${A:-${B}}` are references. The message names
//   the expression and when its word is used, as the Compose rule does (describeInterpolationSource):
//   BuildKit's lexer takes `:-` when T is unset or empty, `:+` when set and not empty, and also the forms
//   without colon that Docker's reference leaves out, `-` (unset only) and `+` (set, even empty), as POSIX.
// - The range is the variable name; messages never contain the value.
import { PropertyInstruction, type Instruction } from 'dockerfile-ast';
import type { DockerfileDoc } from '../../dockerfile/model';
import {
  describeInterpolationSource,
  hasUrlCredentials,
  interpolationSources,
  isSecretLikeName,
  isSecretReference,
  mayHoldSecretLikeName,
  secretMountId,
  type InterpolationAlternative,
  type InterpolationCondition,
} from '../../secrets';
import type { Rule } from '../../types';
import { scopedProperties } from './prefer-copy-over-add';

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

/** A line continuation (the escape character, blanks, the line break), per escape character. */
const CONTINUATIONS = new Map([
  ['\\', /\\[ \t]*\n/g],
  ['`', /`[ \t]*\n/g],
]);
/** Blanks that separate words, as dockerfile-ast splits them (not at other whitespace; no line breaks are left). */
const BLANKS = /[ \t]+/;
/** A comment line inside a continuation: dockerfile-ast drops it (also a last escape character) and joins the lines around it. */
const COMMENT_LINE = /\n[ \t]*#/;

/**
 * False when the instruction's text rules out every finding, so dockerfile-ast's property
 * parse (most of this rule's cost) is skipped: a finding needs a value with `://` or a name
 * `isSecretLikeName` accepts. Names and values are pieces of the text with some characters
 * removed, all of them line continuations, quotes or escape characters; the cores a finding needs
 * (`://`, the letters of PASS, TOKEN …) hold none. So once continuations and quotes are
 * removed from the text, which can only join pieces, any core of a name or value is in what is
 * left, unless the text has a comment line (dropped with its own continuation, joining the lines
 * around it) or, once continuations are removed, an escape character (or a `\`: dockerfile-ast
 * treats it specially in places too, whatever the escape character), a line break (a blank line
 * inside a continuation) or a `\r`. A `://` without a `@` (needed for a password) holds no URL
 * finding. Without quotes either, the names are the words of what is left (split at blanks only,
 * as dockerfile-ast does), up to a `=`: a core that is in no name `isSecretLikeName` accepts
 * (`GPG_KEY`, `KEYCLOAK_VERSION`) rules out the parse too.
 *
 * Measured and not kept (2026-11-27): upper-casing the whole file once and skipping, without this
 * call, each one-line ENV/ARG in which a global regex (cores, `://`, quotes, `\`, `\r`, escape
 * character) run from its start finds nothing before its end: all rules +4.6M instructions.
 */
export function mayReport(doc: DockerfileDoc, ins: Instruction): boolean {
  const range = ins.getRange();
  let text = doc.text.slice(doc.index.offsetAt(range.start), doc.index.offsetAt(range.end));
  const esc = doc.escapeChar;
  if (text.includes('\n')) {
    const continuation = CONTINUATIONS.get(esc);
    if (continuation === undefined || COMMENT_LINE.test(text)) return true;
    text = text.replace(continuation, '');
    if (text.includes('\n')) return true;
  }
  // Each search is a builtin call: none for a line break in a one-line text, nor for an escape
  // character that is the `\` searched for already (nearly always).
  if (text.includes('\\') || (esc !== '\\' && text.includes(esc)) || text.includes('\r')) return true;
  const quoted = text.includes('"') || text.includes("'");
  if (quoted) text = text.replace(/["']/g, '');
  // A URL with a password needs a `@` after the `://`.
  if (text.includes('://') && text.includes('@')) return true;
  if (!mayHoldSecretLikeName(text)) return false;
  if (quoted) return true;
  // Without quotes, the names are the text's words after the keyword, up to a `=` (or whole, in
  // `ARG NAME` and `ENV NAME value…`, where the value's words are judged as names too).
  const words = text.split(BLANKS);
  for (let i = 1; i < words.length; i++) {
    const w = words[i]!;
    const eq = w.indexOf('=');
    if (secretLikeName(eq < 0 ? w : w.slice(0, eq))) return true;
  }
  return false;
}

export const noSecretsInEnvOrArg: Rule<DockerfileDoc> = {
  meta: {
    id: 'dockerfile/no-secrets-in-env-or-arg',
    title: 'Do not pass secrets through ENV or ARG',
    domain: 'dockerfile',
    severity: 'error',
    guideSection: 'Container Security ("Don\'t store secrets in images")',
    rationale:
      'ENV values are stored in the image config (`docker inspect` shows them) and build arguments used by RUN stay in the image history, so a secret passed either way ships with the image, and so does a literal default (`${TOKEN:-abc123}`, used whenever the variable is unset or empty; `${TOKEN-abc123}`, whenever it is unset) or alternative value (`${ON:+abc123}`, used whenever the variable is set and not empty; `${ON+abc123}`, whenever it is set); the message says which expression holds it and when it applies, never the value. Use `RUN --mount=type=secret,id=…` for build-time secrets and inject runtime secrets from Vault or the orchestrator.',
    bad: { fileName: 'Dockerfile', code: 'FROM node:20-alpine\nARG NPM_TOKEN\nENV DB_PASSWORD=changeme\n' },
    good: {
      fileName: 'Dockerfile',
      code: 'FROM node:20-alpine\nENV DB_PASSWORD_FILE=/run/secrets/db_password\nRUN --mount=type=secret,id=npm_token NPM_TOKEN="$(cat /run/secrets/npm_token)" npm ci\n',
    },
    fixable: false,
  },
  kinds: ['dockerfile'],
  check(doc, ctx) {
    const properties = scopedProperties(doc);
    for (let pi = 0; pi < properties.length; pi++) {
      const { ins, stage } = properties[pi]!;
      const kw = ins.getKeyword() as 'ENV' | 'ARG';
      if (!(ins instanceof PropertyInstruction)) continue;
      if (!mayReport(doc, ins)) continue;
      for (const p of ins.getProperties()) {
        const name = p.getName();
        if (!name) continue;
        const value = p.getValue();
        const range = p.getNameRange();
        // Messages name the variable only: never the value. (`://` first: few values hold a URL.)
        // Each form interpolation gives the value is judged: `${T:-literal}` is `literal` whenever T is unset.
        const url = value !== null && value.includes('://') ? interpolationSources(value, 'dockerfile').find((a) => hasUrlCredentials(a.text)) : undefined;
        if (url !== undefined) {
          ctx.report({
            range,
            secret: true,
            message: `${kw} \`${name}\` contains a URL with an embedded password${interpolationVia(url.conditions)}, which ships with the image; pass the credentials at run time (secret mount, Vault, orchestrator).`,
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
            message: `Build argument \`${name}\` looks like a secret: build arguments used by RUN stay in the image history. Use \`RUN --mount=type=secret,id=${secretMountId(name)}\` instead.`,
          });
          continue;
        }
        let verdict: Verdict = 'none';
        let literal: InterpolationAlternative | undefined;
        for (const a of interpolationSources(v, 'dockerfile')) {
          const j = judgeValue(a.text.trim(), name);
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
                ? `ENV \`${name}\` copies a variable into the image config, where \`docker inspect\` shows it; inject the secret at run time instead (or \`RUN --mount=type=secret,id=${secretMountId(name)}\` at build time).`
                : `Build argument \`${name}\` looks like a secret: build arguments used by RUN stay in the image history. Use \`RUN --mount=type=secret,id=${secretMountId(name)}\` instead.`,
          });
          continue;
        }
        ctx.report({ range, secret: true, message: literalMessage(kw, name, literal?.conditions ?? []) });
      }
    }
  },
};

/** ` in the default of `${PW:-…}` (used whenever `PW` is unset or empty)`, or nothing for a value without interpolation words. */
function interpolationVia(conditions: readonly InterpolationCondition[]): string {
  if (conditions.length === 0) return '';
  const { noun, where, when } = describeInterpolationSource(conditions);
  return ` in the ${noun} of ${where} (used whenever ${when})`;
}

/** The message for a literal secret in `name`, plain or in interpolation words (which, and when they apply); never the value. */
function literalMessage(kw: 'ENV' | 'ARG', name: string, conditions: readonly InterpolationCondition[]): string {
  const mount = `\`RUN --mount=type=secret,id=${secretMountId(name)}\``;
  if (conditions.length === 0) {
    return kw === 'ENV'
      ? `ENV \`${name}\` sets a literal secret value in the Dockerfile, and it ships in the image config; inject it at run time (Vault, orchestrator secret) instead.`
      : `Build argument \`${name}\` has a literal secret default in the Dockerfile; use ${mount} and keep the value out of the repository.`;
  }
  const { noun, where, when } = describeInterpolationSource(conditions);
  const held = `has a literal secret ${noun} in ${where}, used whenever ${when}`;
  const defaults = noun === 'default';
  return kw === 'ENV'
    ? `ENV \`${name}\` ${held}, and it ships in the image config; ${defaults ? 'drop the default and ' : ''}inject the secret at run time (Vault, orchestrator secret).`
    : `Build argument \`${name}\` ${held}; ${defaults ? 'drop the default, ' : ''}use ${mount} and keep the value out of the repository.`;
}

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
