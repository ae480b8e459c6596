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

function judgeSecretLikeName(name: string): boolean {
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

/** A value that only refers to a secret elsewhere (`${DB_PASSWORD}`, `$(cat /run/secrets/x)`), or is empty. */
export function isSecretReference(value: string): boolean {
  const v = value.trim();
  if (v === '') return true;
  if (/^\$\{?[A-Za-z_][A-Za-z0-9_]*(:?[-?][^}]*)?\}?$/.test(v)) return true;
  if (/^\$\{\{\s*secrets\.[^}]+\}\}$/.test(v)) return true; // GitHub Actions
  if (/^(vault:|secret-(dev|staging|prod)\/|\/run\/secrets\/)/.test(v)) return true;
  return false;
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

/** Whether a path (as written in COPY/ADD/volumes) looks like a credential file. */
export function isSecretLikeFile(path: string): boolean {
  const p = path.replace(/\\/g, '/').replace(/\/+$/, '');
  if (SAFE_FILE_PATTERNS.some((r) => r.test(p))) return false;
  return SECRET_FILE_PATTERNS.some((r) => r.test(p));
}

/**
 * Whether a value contains a URL with a password in its user info
 * (`postgres://app:hunter2@db/app`): a secret whatever the variable is called. A password
 * that is only a reference (`${DB_PASSWORD}`) or an obvious placeholder (`<password>`, `***`) is not.
 */
export function hasUrlCredentials(value: string): boolean {
  // Most values hold no URL: skip the regex scan.
  if (!value.includes('://')) return false;
  for (const m of value.matchAll(/[a-z][a-z0-9+.-]*:\/\/([^\s/?#@:]*):([^\s/?#@]+)@[^\s/?#@]/gi)) {
    const password = m[2]!;
    if (isSecretReference(password) || /^\$/.test(password)) continue;
    if (/^(<[^>]*>|\{[^}]*\}|\*+|x+|\.\.\.)$/i.test(password)) continue;
    return true;
  }
  return false;
}
