// Shared heuristics for "this looks like a secret", used by every pack (Dockerfile ENV/ARG,
// Kubernetes env, Compose environment, CI variables). Messages must never include values:
// rules name the variable or file, never what it is set to.

const SECRET_WORDS = [
  'PASSWORD',
  'PASSWD',
  'PASSPHRASE',
  'SECRET',
  'TOKEN',
  'API_KEY',
  'APIKEY',
  'PRIVATE_KEY',
  'CREDENTIAL',
  'CREDENTIALS',
  'ACCESS_KEY',
  'AUTH_KEY',
  // Keys that are credentials by name: product licence keys (MaxMind, New Relic) and the keys
  // that sign or encrypt data.
  'LICENSE_KEY',
  'LICENCE_KEY',
  'SIGNING_KEY',
  'ENCRYPTION_KEY',
  'CLIENT_SECRET',
  'DB_PASS',
  'PWD',
];

/**
 * Suffixes that name where a secret is, or a property of it (its signing algorithm, rotation,
 * version: `JWT_SECRET_ALGORITHM=HS256`), not the secret itself.
 */
const REFERENCE_SUFFIXES = [
  '_FILE', '_PATH', '_DIR', '_NAME', '_ID', '_URL', '_URI', '_ENDPOINT', '_HOST', '_PORT', '_TYPE', '_HEADER', '_LENGTH', '_TTL', '_EXPIRY', '_EXPIRES', '_REF', '_ARN',
  '_ALGORITHM', '_ALGORITHMS', '_ALG', '_ALGO', '_ROTATION', '_VERSION',
];

/** Exact names that contain a secret word but are not secrets. */
const NOT_SECRETS = new Set(['PWD', 'OLDPWD', 'TOKEN_TYPE', 'PASSWORD_MIN_LENGTH']);

function normalize(name: string): string {
  // camelCase and kebab-case to SCREAMING_SNAKE so one list serves every convention.
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .replace(/[-.\s]+/g, '_')
    .toUpperCase();
}

/** `SECRET_WORDS` split at `_`, once (`PWD` is matched on its own). */
const SECRET_WORD_PARTS: readonly (readonly string[])[] = SECRET_WORDS.filter((w) => w !== 'PWD').map((w) => w.split('_'));

// Names repeat across files and rules (`PATH`, `NODE_ENV`, `DB_PASSWORD`): each is judged once.
// Bounded, as the language server lives long; the answer depends on the name only.
const SECRET_NAME_CACHE_SIZE = 4096;
const secretNameCache = new Map<string, boolean>();

/**
 * Whether an environment variable / build argument name looks like it holds a secret.
 * `DB_PASSWORD` yes; `DB_PASSWORD_FILE`, `TOKEN_URL`, `PWD` no.
 */
export function isSecretLikeName(name: string): boolean {
  let secret = secretNameCache.get(name);
  if (secret === undefined) {
    secret = judgeSecretLikeName(name);
    if (secretNameCache.size >= SECRET_NAME_CACHE_SIZE) secretNameCache.clear();
    secretNameCache.set(name, secret);
  }
  return secret;
}

/**
 * What each way `judgeSecretLikeName` can answer true needs in the normalized name (the secret
 * words and run-together `…PASS…`, `PWD`): most names have none of these.
 */
const SECRET_NAME_CORE = /PASS|PWD|SECRET|TOKEN|KEY|CREDENTIAL/;

/**
 * False when no name in `text` can look like a secret: `isSecretLikeName` is false for every
 * substring of a text without a core (upper-casing maps each character on its own).
 */
export function mayHoldSecretLikeName(text: string): boolean {
  return SECRET_NAME_CORE.test(text.toUpperCase());
}

function judgeSecretLikeName(name: string): boolean {
  // `normalize` only inserts `_` and turns separators into `_` before upper-casing, so a core in
  // the normalized name is in the upper-cased name too: without one, no need to normalize.
  if (!mayHoldSecretLikeName(name)) return false;
  const n = normalize(name);
  if (NOT_SECRETS.has(n)) return false;
  if (REFERENCE_SUFFIXES.some((s) => n.endsWith(s))) return false;
  const parts = n.split('_');
  // Run-together words: `ROOTPASSWORD`, `LDAP_ROOTPASS`, `DBPASS` (but not `BYPASS`, `PASSWORDLESS`).
  if (parts.some((p) => /^[A-Z0-9]+(PASSWORD|PASSWD|PASSPHRASE)$/.test(p))) return true;
  if (/^(ROOT|DB|ADMIN|USER|MYSQL|PG|REDIS|LDAP|SMTP|MAIL|FTP|APP)?PASS$/.test(parts[parts.length - 1]!)) return true;
  if (parts.length > 1 && parts.includes('PWD')) return true;
  return SECRET_WORD_PARTS.some((wp) => {
    for (let i = 0; i + wp.length <= parts.length; i++) {
      if (wp.every((p, j) => parts[i + j] === p || (j === wp.length - 1 && parts[i + j] === p + 'S'))) return true;
    }
    return false;
  });
}

/**
 * A value that only refers to a secret elsewhere (`${DB_PASSWORD}`, `${DB_PASSWORD:?required}`,
 * Kubernetes' `$(DB_PASSWORD)`), or is empty. A default is not a reference: `${PW:-hunter2}` holds
 * `hunter2`, used whenever `PW` is unset (see `interpolationAlternatives`); an empty one (`${PW:-}`) is.
 */
export function isSecretReference(value: string): boolean {
  const v = value.trim();
  if (v === '') return true;
  if (/^\$([A-Za-z_][A-Za-z0-9_]*|\{[A-Za-z_][A-Za-z0-9_]*(:?\?[^}]*|:?-)?\}|\([A-Za-z_][A-Za-z0-9_]*\))$/.test(v)) return true;
  if (/^\$\{\{\s*secrets\.[^}]+\}\}$/.test(v)) return true; // GitHub Actions
  if (/^(vault:|secret-(dev|staging|prod)\/|\/run\/secrets\/)/.test(v)) return true;
  return false;
}

/** Where a value is interpolated: Compose (`$$` is a literal `$`) or a Dockerfile (escapes already resolved by the parser, quotes removed from words). */
export type InterpolationDialect = 'compose' | 'dockerfile';

/** Alternatives kept per value: values hold a few expressions, and a secret shows in the first ones. */
const MAX_ALTERNATIVES = 32;

/** An interpolation operator whose word a value took: `:-`/`-` (default), `:+`/`+` (alternative value). */
export type InterpolationOperator = ':-' | '-' | ':+' | '+';

/** `${NAME<op>word}` gave its word: the condition under which that word is used. */
export interface InterpolationCondition {
  name: string;
  op: InterpolationOperator;
}

/** One value an interpolated value can take, and the words it took (none: the value as written, references kept). */
export interface InterpolationAlternative {
  text: string;
  conditions: readonly InterpolationCondition[];
}

/**
 * The values a Compose / Dockerfile value can take once interpolated, each variable either set
 * (kept as the reference `${VAR}`, value unknown) or unset (its `${VAR:-default}` / `${VAR-default}`
 * taken, nested expressions too). `${VAR:+word}` gives `word` when set, nothing when unset;
 * `${VAR:?error}` and other operators (`${VAR#prefix}`) stay references. `${PW:-hunter2}` gives
 * `${PW}` and `hunter2`; a value without expressions gives itself. Each alternative is then judged
 * as a plain value: a literal default is a literal in the file. Malformed expressions: the value itself.
 */
export function interpolationAlternatives(value: string, dialect: InterpolationDialect): string[] {
  return interpolationSources(value, dialect).map((a) => a.text);
}

/**
 * `interpolationAlternatives`, each with the operators whose words it took (`${PW:-hunter2}`:
 * `hunter2` under `{name: 'PW', op: ':-'}`), so a message can say when a literal is used
 * (see `describeInterpolationSource`). Distinct texts, first conditions kept.
 */
export function interpolationSources(value: string, dialect: InterpolationDialect): InterpolationAlternative[] {
  if (!value.includes('$')) return [{ text: value, conditions: [] }];
  const parsed = parseInterpolation(value, 0, false, dialect);
  if (!parsed || parsed.end !== value.length) return [{ text: value, conditions: [] }];
  const seen = new Set<string>();
  return parsed.alternatives.filter((a) => !seen.has(a.text) && seen.add(a.text));
}

const WHEN: Record<InterpolationOperator, string> = { ':-': 'is unset or empty', '-': 'is unset', ':+': 'is set and not empty', '+': 'is set' };

/**
 * How a value taken from interpolation words is named, and when it is used, for messages (no
 * value shown): `${PW:-…}` gives `{ noun: 'default', where: '`${PW:-…}`', when: '`PW` is unset or empty' }`.
 * Defaults (`-`) are a `default`, alternative values (`+`) an `alternative value`, a mix a `value`.
 */
export function describeInterpolationSource(conditions: readonly InterpolationCondition[]): { noun: string; where: string; when: string } {
  const defaults = conditions.every((c) => c.op.endsWith('-'));
  const alternatives = conditions.every((c) => c.op.endsWith('+'));
  return {
    noun: defaults ? 'default' : alternatives ? 'alternative value' : 'value',
    where: conditions.map((c) => '`${' + c.name + c.op + '…}`').join(' and '),
    when: conditions.map((c) => '`' + c.name + '` ' + WHEN[c.op]).join(' and '),
  };
}

function crossJoin(left: InterpolationAlternative[], right: readonly InterpolationAlternative[]): InterpolationAlternative[] {
  const out: InterpolationAlternative[] = [];
  for (const l of left) {
    for (const r of right) {
      if (out.length >= MAX_ALTERNATIVES) return out;
      out.push({ text: l.text + r.text, conditions: r.conditions.length === 0 ? l.conditions : [...l.conditions, ...r.conditions] });
    }
  }
  return out;
}

function unquoteWord(s: string, dialect: InterpolationDialect): string {
  return dialect === 'dockerfile' && /^(".*"|'.*')$/s.test(s) ? s.slice(1, -1) : s;
}

const NO_CONDITIONS: readonly InterpolationCondition[] = [];

/** Parses from `i` to the end (or, `nested`, to the `}` closing an expression); undefined when unterminated. */
function parseInterpolation(s: string, i: number, nested: boolean, dialect: InterpolationDialect): { alternatives: InterpolationAlternative[]; end: number } | undefined {
  let alternatives: InterpolationAlternative[] = [{ text: '', conditions: NO_CONDITIONS }];
  let literal = '';
  const flush = () => {
    if (literal !== '') alternatives = crossJoin(alternatives, [{ text: literal, conditions: NO_CONDITIONS }]);
    literal = '';
  };
  while (i < s.length) {
    const c = s[i]!;
    if (nested && c === '}') break;
    if (c !== '$') {
      literal += c;
      i++;
      continue;
    }
    if (dialect === 'compose' && s[i + 1] === '$') {
      literal += '$$'; // a literal `$`: kept escaped, so `$${X}` is not read as a reference
      i += 2;
      continue;
    }
    const bare = /^[A-Za-z_][A-Za-z0-9_]*/.exec(s.slice(i + 1));
    if (bare) {
      literal += '$' + bare[0];
      i += 1 + bare[0].length;
      continue;
    }
    const name = s[i + 1] === '{' ? /^[A-Za-z_][A-Za-z0-9_]*/.exec(s.slice(i + 2))?.[0] : undefined;
    if (name === undefined) {
      literal += c;
      i++;
      continue;
    }
    const reference = '${' + name + '}';
    const at = i + 2 + name.length;
    if (s[at] === '}') {
      literal += reference;
      i = at + 1;
      continue;
    }
    const op = /^:?[-+?]/.exec(s.slice(at))?.[0] ?? '';
    const word = parseInterpolation(s, at + op.length, true, dialect);
    if (!word || s[word.end] !== '}') return undefined;
    flush();
    const words = word.alternatives.map((w) => ({ text: unquoteWord(w.text, dialect), conditions: [{ name, op: op as InterpolationOperator }, ...w.conditions] }));
    const set = { text: reference, conditions: NO_CONDITIONS };
    alternatives = crossJoin(alternatives, op.endsWith('-') ? [set, ...words] : op.endsWith('+') ? [{ text: '', conditions: NO_CONDITIONS }, ...words] : [set]);
    i = word.end + 1;
  }
  flush();
  return { alternatives, end: i };
}

const SECRET_FILE_PATTERNS: RegExp[] = [
  // `.env`, `.env.production`, and a `.env*` glob (which takes `.env` too)
  /(^|\/)\.env(\.[^/]*|\*)?$/,
  // direnv's per-directory environment (exported tokens, kept out of git like `.env`)
  /(^|\/)\.envrc$/,
  // the variable files Terraform loads by itself, where its docs put secrets
  /(^|\/)terraform\.tfvars(\.json)?$/,
  /\.auto\.tfvars(\.json)?$/,
  // Java / Android key stores (private keys)
  /\.jks$/i,
  /\.keystore$/i,
  /(^|\/)id_(rsa|dsa|ecdsa|ed25519)(\.pub)?$/,
  /\.pem$/i,
  /\.key$/i,
  /\.p12$/i,
  /\.pfx$/i,
  /(^|\/)\.npmrc$/,
  /(^|\/)\.pypirc$/,
  /(^|\/)[^/]*credentials[^/]*\.json$/i,
  /(^|\/)kubeconfig$/i,
  /(^|\/)\.kube\/config$/,
  /(^|\/)\.git-credentials$/,
  /(^|\/)\.netrc$/,
  /(^|\/)\.aws\/credentials$/,
  /(^|\/)\.docker\/config\.json$/,
];

/**
 * Template/example env files are meant to be committed and copied; public keys and PEM
 * certificates / CA bundles (`ca.pem`, `cert.pem`, `fullchain.pem`, `rds-ca-bundle.pem`) are public.
 */
const SAFE_FILE_PATTERNS: RegExp[] = [
  /\.env\.(example|sample|template|dist|defaults)$/i,
  /\.pub$/,
  // a Java trust store holds CA certificates, public like a CA bundle
  /(^|\/)[^/]*truststore[^/]*\.(jks|keystore)$/i,
  /(^|\/)(?![^/]*(key|priv))([^/]*[-_.])?(ca|cacert|cert|certs|certificate|chain|fullchain|bundle|root|public|pub)([-_.][^/]*)?\.pem$/i,
];

/**
 * What every path `isSecretLikeFile` accepts holds, in any case (a `\\` of the path may stand
 * for a `/`: `isSecretLikeFile` reads it so): one match per alternative of `SECRET_FILE_PATTERNS`.
 */
const SECRET_FILE_CORE = /\.env|tfvars|\.jks|\.key|id_(?:rsa|dsa|ecdsa|ed25519)|\.pem|\.p12|\.pfx|\.npmrc|\.pypirc|credentials|kubeconfig|\.kube[\\/]config|\.netrc|\.docker[\\/]config\.json/i;

/**
 * False when no path that is a substring of `text` can look like a credential file
 * (`isSecretLikeFile` is false for each): most COPY/ADD lines name no such file.
 */
export function mayHoldSecretLikeFile(text: string): boolean {
  return SECRET_FILE_CORE.test(text);
}

/** Whether a path (as written in COPY/ADD/volumes) looks like a credential file. */
export function isSecretLikeFile(path: string): boolean {
  const p = path.replace(/\\/g, '/').replace(/\/+$/, '');
  // Secret patterns first: most paths match none, and then the safe ones need no test.
  return SECRET_FILE.test(p) && !SAFE_FILE.test(p);
}

/** `SECRET_FILE_PATTERNS` as one regex per flag set: one call instead of one per pattern. */
const SECRET_FILE = anyOf(SECRET_FILE_PATTERNS);
const SAFE_FILE = anyOf(SAFE_FILE_PATTERNS);

/** Matches where one of `patterns` does (each keeps its own case sensitivity through its group). */
function anyOf(patterns: readonly RegExp[]): { test(s: string): boolean } {
  const sensitive = patterns.filter((r) => !r.ignoreCase).map((r) => `(?:${r.source})`);
  const insensitive = patterns.filter((r) => r.ignoreCase).map((r) => `(?:${r.source})`);
  const a = sensitive.length > 0 ? new RegExp(sensitive.join('|')) : undefined;
  const b = insensitive.length > 0 ? new RegExp(insensitive.join('|'), 'i') : undefined;
  return { test: (s) => (a !== undefined && a.test(s)) || (b !== undefined && b.test(s)) };
}

/**
 * Whether a value contains a URL with a password in its user info
 * (`postgres://app:hunter2@db/app`): a secret whatever the variable is called. A password
 * that is only a reference (`${DB_PASSWORD}`) or an obvious placeholder (`<password>`, `***`) is not.
 */
export function hasUrlCredentials(value: string): boolean {
  // Most values hold no URL: skip the regex scan.
  if (!value.includes('://')) return false;
  for (const m of urlCredentialMatches(value)) {
    const password = m[2]!;
    if (isSecretReference(password) || /^\$/.test(password)) continue;
    if (/^(<[^>]*>|\{[^}]*\}|\*+|x+|\.\.\.)$/i.test(password)) continue;
    return true;
  }
  return false;
}

/** `scheme://user:password@h`, matched only where it starts (sticky). */
const URL_CREDENTIALS = /[a-z][a-z0-9+.-]*:\/\/([^\s/?#@:]*):([^\s/?#@]+)@[^\s/?#@]/iy;
const SCHEME_CHAR = /[a-z0-9+.-]/i;
const SCHEME_START = /[a-z]/i;

/**
 * The matches `value.matchAll` gives for `URL_CREDENTIALS` as a global regex, found in linear
 * time. A global search tries every position: one in a long run of scheme characters before
 * `://` (`x://aaa…`) scans the rest of the run each time, quadratic (a 64k-character value took
 * 7 s). A match contains one `://`, and after it the same text whatever its start: so each
 * `://` is tried once, from where a search would first reach it — the first letter of the run of
 * scheme characters before it, not before the end of the previous match.
 */
function* urlCredentialMatches(value: string): Generator<RegExpExecArray> {
  let end = 0;
  for (let at = value.indexOf('://'); at >= 0; at = value.indexOf('://', at + 1)) {
    let start = at;
    while (start > end && SCHEME_CHAR.test(value[start - 1]!)) start--;
    while (start < at && !SCHEME_START.test(value[start]!)) start++;
    if (start === at) continue;
    URL_CREDENTIALS.lastIndex = start;
    const m = URL_CREDENTIALS.exec(value);
    if (m) {
      yield m;
      end = start + m[0].length;
    }
  }
}

/** The id of a build secret standing in for variable `name` (`NPM_TOKEN`: `npm_token`), for advice such as `RUN --mount=type=secret,id=npm_token`. */
export function secretMountId(name: string): string {
  return name.toLowerCase().replace(/[^a-z0-9]+/g, '_');
}
