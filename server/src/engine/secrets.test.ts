import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isSecretLikeFile, isSecretLikeName, isSecretReference } from './secrets';

test('secret-looking names', () => {
  for (const n of ['DB_PASSWORD', 'PASSWORD', 'API_KEY', 'apiKey', 'GITHUB_TOKEN', 'AWS_SECRET_ACCESS_KEY', 'AWS_ACCESS_KEY_ID_X', 'PRIVATE_KEY', 'client-secret', 'MYSQL_ROOT_PASSWD', 'GCP_CREDENTIALS', 'DB_PWD', 'SECRETS'])
    assert.ok(isSecretLikeName(n), n);
  for (const n of ['DB_PASSWORD_FILE', 'TOKEN_URL', 'PWD', 'NODE_ENV', 'SECRET_PATH', 'KEYCLOAK_URL', 'PORT', 'AWS_ACCESS_KEY_ID', 'PASSWORDLESS', 'TOKENIZER'])
    assert.ok(!isSecretLikeName(n), n);
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
