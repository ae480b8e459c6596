import { test } from 'node:test';
import assert from 'node:assert/strict';
import { describeInterpolationSource, hasUrlCredentials, interpolationAlternatives, interpolationSources, isSecretLikeFile, isSecretLikeName, isSecretReference, mayHoldSecretLikeFile } from './secrets';

test('secret-looking names', () => {
  for (const n of ['DB_PASSWORD', 'PASSWORD', 'API_KEY', 'apiKey', 'GITHUB_TOKEN', 'AWS_SECRET_ACCESS_KEY', 'AWS_ACCESS_KEY_ID_X', 'PRIVATE_KEY', 'client-secret', 'MYSQL_ROOT_PASSWD', 'GCP_CREDENTIALS', 'DB_PWD', 'SECRETS'])
    assert.ok(isSecretLikeName(n), n);
  for (const n of ['DB_PASSWORD_FILE', 'TOKEN_URL', 'PWD', 'NODE_ENV', 'SECRET_PATH', 'KEYCLOAK_URL', 'PORT', 'AWS_ACCESS_KEY_ID', 'PASSWORDLESS', 'TOKENIZER'])
    assert.ok(!isSecretLikeName(n), n);
});

test('names of a property of a secret (its algorithm, rotation, version) are not secrets', () => {
  for (const n of ['JWT_SECRET_ALGORITHM', 'jwtSecretAlgorithm', 'JWT_ALG', 'TOKEN_SIGNING_ALGO', 'SECRET_KEY_ALGORITHM', 'API_KEY_ROTATION', 'SECRET_VERSION', 'DB_PASSWORD_VERSION', 'ACCESS_TOKEN_ALGORITHMS'])
    assert.ok(!isSecretLikeName(n), n);
  for (const n of ['DB_PASSWORD', 'API_KEY', 'SECRET_KEY_BASE', 'JWT_SECRET', 'ALGORITHM_SECRET', 'SECRET_ALGORITHM_KEY', 'ROTATION_TOKEN', 'VERSION_CONTROL_TOKEN', 'SIGNING_KEY_ALGO_SECRET'])
    assert.ok(isSecretLikeName(n), n);
});

test('values that only reference secrets', () => {
  for (const v of ['', '${DB_PASSWORD}', '$TOKEN', '${{ secrets.NPM_TOKEN }}', 'secret-prod/postgres/database/app', '/run/secrets/db'])
    assert.ok(isSecretReference(v), v);
  for (const v of ['hunter2', 'abc${X}', 'changeme']) assert.ok(!isSecretReference(v), v);
});

test('secret-looking files', () => {
  for (const f of ['.env', 'config/.env.production', 'id_rsa', 'certs/server.pem', 'tls.key', '.npmrc', '.pypirc', 'credentials.json', 'gcp-credentials-prod.json', 'kubeconfig', '.git-credentials'])
    assert.ok(isSecretLikeFile(f), f);
  for (const f of ['.env.example', 'id_rsa.pub', 'package.json', 'src/keys.ts', 'environment.ts'])
    assert.ok(!isSecretLikeFile(f), f);
});

test('direnv, Terraform variable and Java keystore files; `.env*` globs', () => {
  for (const f of ['.envrc', 'app/.envrc', 'terraform.tfvars', 'infra/terraform.tfvars.json', 'prod.auto.tfvars', 'x.auto.tfvars.json', 'keystore.jks', 'certs/server.JKS', 'release.keystore', '.env*', 'config/.env*'])
    assert.ok(isSecretLikeFile(f), f);
  for (const f of ['.envrc.example', 'terraform.tfvars.example', 'prod.tfvars.sample', 'variables.tf', 'truststore.jks', 'kafka.client.truststore.jks', 'keystore.go', '.environment', 'env*'])
    assert.ok(!isSecretLikeFile(f), f);
});

test('run-together password names', () => {
  for (const n of ['LDAP_ROOTPASS', 'ROOTPASSWORD', 'DBPASS', 'SMTP_PASS', 'MYSQLPASSWD']) assert.ok(isSecretLikeName(n), n);
  for (const n of ['LICENSE_KEY', 'MAXMIND_LICENSE_KEY', 'NEW_RELIC_LICENSE_KEY', 'licenceKey', 'JWT_SIGNING_KEY', 'DATA_ENCRYPTION_KEY']) assert.ok(isSecretLikeName(n), n);
  for (const n of ['LICENSE', 'LICENSE_KEY_FILE', 'SIGNING_KEY_ID', 'ENCRYPTION_KEY_PATH', 'LICENSE_TYPE']) assert.ok(!isSecretLikeName(n), n);
  for (const n of ['BYPASS', 'BYPASS_CACHE', 'COMPASS', 'PASSWORDLESS', 'ROOTPASSWORD_FILE', 'PASS_THROUGH_HEADERS']) assert.ok(!isSecretLikeName(n), n);
});

test('PEM certificates are public, PEM keys are not', () => {
  for (const f of ['ca.pem', 'certs/cert.pem', 'fullchain.pem', 'rds-combined-ca-bundle.pem', 'cacert.pem', 'root-ca.pem', 'ssl/server-cert.pem'])
    assert.ok(!isSecretLikeFile(f), f);
  for (const f of ['key.pem', 'privkey.pem', 'server-key.pem', 'cert-key.pem', 'server.pem', 'tls.pem'])
    assert.ok(isSecretLikeFile(f), f);
});

test('URLs with embedded credentials', () => {
  for (const v of ['postgres://app:s3cr3t@db:5432/app', 'https://user:tok@example.com/x', 'amqp://guest:guest@rabbit', 'redis://:hunter2@redis:6379'])
    assert.ok(hasUrlCredentials(v), v);
  for (const v of ['postgres://app:${DB_PASSWORD}@db/app', 'https://example.com/x', 'postgres://app@db/app', 'redis://:$REDIS_PASSWORD@redis', 'https://user:<password>@host', 'http://localhost:8080/a@b', 'mailto:a@b.c'])
    assert.ok(!hasUrlCredentials(v), v);
});

test('isSecretLikeName answers the same for a name seen before', () => {
  for (const n of ['DB_PASSWORD', 'dbPassword', 'TOKEN_URL', 'PWD', 'HOME_PWD'])
    assert.equal(isSecretLikeName(n), isSecretLikeName(n), n);
  assert.ok(isSecretLikeName('HOME_PWD'));
  assert.ok(!isSecretLikeName('PWD'));
});

test('isSecretLikeFile keeps each pattern\'s case sensitivity', () => {
  for (const f of ['server.KEY', 'Kubeconfig', 'certs/Server.Pem', 'x.Jks']) assert.ok(isSecretLikeFile(f), f);
  for (const f of ['ID_RSA', '.ENV', '.NPMRC', 'CA.PEM', 'My.Truststore.JKS']) assert.ok(!isSecretLikeFile(f), f);
});

test('isSecretLikeName finds each kind of secret word in any spelling', () => {
  // One name per word core the quick check before normalizing looks for (`ß` upper-cases to `SS`).
  for (const n of ['github-token', 'dbPwd', 'app.secret', 'apiKey', 'awsCredentials', 'rootPassphrase', 'paß', 'Pass'])
    assert.ok(isSecretLikeName(n), n);
  for (const n of ['HOME', 'pathname', 'NODE_ENV', 'KE_Y', 'PA_SS']) assert.ok(!isSecretLikeName(n), n);
});

test('a literal interpolation default is not a reference; `$(VAR)` and `${VAR:?error}` are', () => {
  for (const v of ['${X:?err}', '${X?err}', '${X:-}', '${X-}', '$(DB_PASSWORD)', '$DB_PASSWORD']) assert.ok(isSecretReference(v), v);
  for (const v of ['${PW:-Sup3rS3cretValue}', '${TOKEN-abcd}', '${A:-${B:-literal}}', '$(cat /run/secrets/x) x']) assert.ok(!isSecretReference(v), v);
});

test('interpolation alternatives: each variable set (a reference) or unset (its default)', () => {
  const alt = (v: string, d: 'compose' | 'dockerfile' = 'compose') => interpolationAlternatives(v, d);
  assert.deepEqual(alt('hunter2'), ['hunter2']);
  assert.deepEqual(alt('${PW:-Sup3r}'), ['${PW}', 'Sup3r']);
  assert.deepEqual(alt('${PW-Sup3r}'), ['${PW}', 'Sup3r']);
  assert.deepEqual(alt('${A:-${B:-literal}}'), ['${A}', '${B}', 'literal']);
  assert.deepEqual(alt('${A:-${B}}'), ['${A}', '${B}']);
  assert.deepEqual(alt('${X:-}'), ['${X}', '']);
  assert.deepEqual(alt('${X:?must be set}'), ['${X}']);
  assert.deepEqual(alt('${X:+on}'), ['', 'on']);
  assert.deepEqual(alt('pre-${X:-a}-$Y'), ['pre-${X}-$Y', 'pre-a-$Y']);
  assert.deepEqual(alt('postgres://u:${PW:-pw}@db/app'), ['postgres://u:${PW}@db/app', 'postgres://u:pw@db/app']);
  // Compose's `$$` is a literal dollar (kept escaped); malformed expressions give the value itself.
  assert.deepEqual(alt('$${X:-a}'), ['$${X:-a}']);
  assert.deepEqual(alt('${X:-abc'), ['${X:-abc']);
  assert.deepEqual(alt('${1:-abc}'), ['${1:-abc}']);
  // A Dockerfile word's quotes are removed.
  assert.deepEqual(alt('${Q:-"quoted"}', 'dockerfile'), ['${Q}', 'quoted']);
  // Bounded however many expressions.
  assert.ok(alt('${A:-a}'.repeat(20)).length <= 32);
});

test('interpolation sources: the operators whose words an alternative took, and how messages say when', () => {
  const src = (v: string) => interpolationSources(v, 'compose').map((a) => [a.text, a.conditions.map((c) => c.name + c.op).join(' ')]);
  assert.deepEqual(src('plain'), [['plain', '']]);
  assert.deepEqual(src('${PW:-a}'), [['${PW}', ''], ['a', 'PW:-']]);
  assert.deepEqual(src('${PW-a}'), [['${PW}', ''], ['a', 'PW-']]);
  assert.deepEqual(src('${ON:+a}'), [['', ''], ['a', 'ON:+']]);
  assert.deepEqual(src('${ON+a}x'), [['x', ''], ['ax', 'ON+']]);
  assert.deepEqual(src('${A:-${B-b}}'), [['${A}', ''], ['${B}', 'A:-'], ['b', 'A:- B-']]);
  assert.deepEqual(src('${X:?a}'), [['${X}', '']]);
  const d = (v: string) => describeInterpolationSource(interpolationSources(v, 'compose').at(-1)!.conditions);
  assert.deepEqual(d('${PW:-a}'), { noun: 'default', where: '`${PW:-…}`', when: '`PW` is unset or empty' });
  assert.deepEqual(d('${PW-a}'), { noun: 'default', where: '`${PW-…}`', when: '`PW` is unset' });
  assert.deepEqual(d('${ON:+a}'), { noun: 'alternative value', where: '`${ON:+…}`', when: '`ON` is set and not empty' });
  assert.deepEqual(d('${ON+a}'), { noun: 'alternative value', where: '`${ON+…}`', when: '`ON` is set' });
  assert.deepEqual(d('${ON+${PW:-a}}'), { noun: 'value', where: '`${ON+…}` and `${PW:-…}`', when: '`ON` is set and `PW` is unset or empty' });
});

test('mayHoldSecretLikeFile is true for every credential-looking path and any text around it', () => {
  // A name for each alternative of the secret patterns, pieces of the safe ones, both cases, `\\` for `/`.
  const atoms = ['.env', '.env.prod', '.envrc', 'terraform.tfvars', 'x.auto.tfvars', '.json', 'a.jks', 'a.keystore', 'id_rsa', 'id_dsa', 'id_ecdsa', 'id_ed25519', 'a.pem', 'a.key', 'a.p12', 'a.pfx',
    '.npmrc', '.pypirc', 'app-credentials', 'kubeconfig', '.kube', 'config', 'config.json', '.git-credentials', '.netrc', '.aws', 'credentials', '.docker', '.', '/', '\\', '-', '*', 'x', 'EXAMPLE', 'pub', 'ca', 'truststore'];
  let seed = 20261127;
  const rnd = (n: number) => {
    seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0;
    return Math.floor((seed / 2 ** 32) * n);
  };
  let secret = 0;
  for (let k = 0; k < 50000; k++) {
    let p = '';
    for (let i = 1 + rnd(4); i > 0; i--) p += atoms[rnd(atoms.length)];
    if (rnd(3) === 0) p = p.toUpperCase();
    if (!isSecretLikeFile(p)) continue;
    secret++;
    assert.ok(mayHoldSecretLikeFile(p) && mayHoldSecretLikeFile(`COPY a ${p} /b/`), JSON.stringify(p));
  }
  assert.ok(secret > 5000, `only ${secret} credential-looking paths`);
  for (const f of ['package.json', 'src/', '.', 'requirements.txt', 'go.mod']) assert.ok(!mayHoldSecretLikeFile(f), f);
});
