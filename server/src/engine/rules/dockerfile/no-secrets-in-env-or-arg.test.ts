import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { PropertyInstruction } from 'dockerfile-ast';
import { parseDockerfile } from '../../dockerfile/model';
import { hasUrlCredentials, interpolationSources, isSecretLikeName } from '../../secrets';
import { randomDockerfiles } from '../../testing/random-dockerfiles';
import { ruleTester } from '../../testing/rule-tester';
import { mayReport, noSecretsInEnvOrArg } from './no-secrets-in-env-or-arg';

ruleTester(noSecretsInEnvOrArg, {
  valid: [
    { name: 'reference suffixes', code: 'FROM alpine:3.20\nENV DB_PASSWORD_FILE=/run/secrets/db TOKEN_URL=https://auth.example.com/token SECRET_PATH=/vault\n' },
    { name: 'not secret names', code: 'FROM alpine:3.20\nENV NODE_ENV=production PORT=8080\nARG VERSION=1.2.3\n' },
    { name: 'public GPG key fingerprints', code: 'FROM alpine:3.20\nENV GPG_KEY A035C8C19219BA821ECEA86B64E628F8D684696D\n' },
    { name: 'the algorithm of a secret', code: 'FROM alpine:3.20\nENV JWT_SECRET_ALGORITHM=HS256 JWT_ALG=RS256\n' },
    { name: 'feature switch with a secret word', code: 'FROM alpine:3.20\nENV ENABLE_TOKEN_AUTH=true\n' },
    { name: 'numeric switches and settings', code: 'FROM mysql:8.0\nENV MYSQL_RANDOM_ROOT_PASSWORD=1 TOKEN_EXPIRATION=3600\n' },
    { name: 'placeholder for an asset build', code: 'FROM ruby:3.3-slim\nARG SECRET_KEY_BASE=dummy\n' },
    { name: 'empty ENV stores nothing', code: 'FROM alpine:3.20\nENV API_KEY=""\n' },
    { name: 'value points at a mounted secret', code: 'FROM alpine:3.20\nENV DB_PASSWORD=/run/secrets/db_password\n' },
    {
      name: 'value is the path of a credential file',
      code: 'FROM python:3.12-slim\nENV GOOGLE_APPLICATION_CREDENTIALS=/var/secrets/google/key.json\nARG SSL_PRIVATE_KEY=/etc/ssl/private/server.key\n',
    },
    { name: 'global ARG without value only feeds FROM', code: 'ARG REGISTRY_TOKEN\nFROM alpine:3.20\n' },
    { name: 'URL without credentials', code: 'FROM alpine:3.20\nENV DATABASE_URL=postgres://app@db:5432/app\n' },
    { name: 'URL whose password is a variable', code: 'FROM alpine:3.20\nENV DATABASE_URL=postgres://app:${DB_PASS}@db:5432/app\n' },
    { name: 'the build secret mount', code: 'FROM node:20-alpine\nRUN --mount=type=secret,id=npm_token NPM_TOKEN="$(cat /run/secrets/npm_token)" npm ci\n' },
  ],
  invalid: [
    {
      name: 'literal ENV secret: error on the name',
      code: 'FROM alpine:3.20\nENV DB_PASSWORD=hunter2\n',
      errors: [{ message: 'ENV `DB_PASSWORD` sets a literal secret value', line: 2, column: 5, endLine: 2, endColumn: 16, severity: 'error', fixes: [] }],
    },
    {
      name: 'legacy `ENV K V` form',
      code: 'FROM alpine:3.20\nENV API_KEY s3cr3t-value with spaces\n',
      errors: [{ message: 'ENV `API_KEY`', line: 2, column: 5, endColumn: 12, severity: 'error' }],
    },
    {
      name: 'several pairs on one instruction, continued on a second line',
      code: 'FROM alpine:3.20\nENV A=1 GITHUB_TOKEN=ghp_x \\\n    SESSION_SECRET="a b"\n',
      errors: [
        { message: '`GITHUB_TOKEN`', line: 2, column: 9, endColumn: 21 },
        { message: '`SESSION_SECRET`', line: 3, column: 5, endColumn: 19 },
      ],
    },
    {
      name: 'build argument without value: warning with a secret mount hint',
      code: 'FROM node:20-alpine\nARG NPM_TOKEN\nRUN npm ci\n',
      errors: [{ message: 'RUN --mount=type=secret,id=npm_token', line: 2, column: 5, endColumn: 14, severity: 'warning' }],
    },
    {
      name: 'ENV copying a build argument: warning',
      code: 'FROM alpine:3.20\nARG TOKEN\nENV TOKEN=$TOKEN\n',
      errors: [
        { line: 2, severity: 'warning' },
        { message: 'ENV `TOKEN` copies a variable into the image config', line: 3, column: 5, endColumn: 10, severity: 'warning' },
      ],
    },
    {
      name: 'build argument with a literal default: error',
      code: 'FROM alpine:3.20\nARG AWS_SECRET_ACCESS_KEY=abc123\n',
      errors: [{ message: 'literal secret default', severity: 'error' }],
    },
    {
      name: 'URL with embedded credentials, whatever the name',
      code: 'FROM alpine:3.20\nENV DATABASE_URL=postgres://app:pa55word@db:5432/app\n',
      errors: [{ message: 'URL with an embedded password', line: 2, column: 5, endColumn: 17, severity: 'error' }],
    },
    {
      name: 'ONBUILD triggers are checked too',
      code: 'FROM alpine:3.20\nONBUILD ENV CLIENT_SECRET=abc\n',
      errors: [{ line: 2, column: 13, endColumn: 26 }],
    },
    {
      name: 'camelCase and run-together names',
      code: 'FROM alpine:3.20\nENV apiKey=abc LDAP_ROOTPASS=fsociety\n',
      errors: [{ message: '`apiKey`' }, { message: '`LDAP_ROOTPASS`' }],
    },
    { name: 'a numeric password is still a password', code: 'FROM alpine:3.20\nENV ADMIN_PASSWORD=123456\n', errors: [{ severity: 'error' }] },
    {
      name: 'global ARG with a literal secret default',
      code: 'ARG REGISTRY_PASSWORD=letmein\nFROM alpine:3.20\n',
      errors: [{ line: 1, severity: 'error' }],
    },
  ],
});

ruleTester(noSecretsInEnvOrArg, {
  valid: [],
  invalid: [
    {
      name: 'defaults that hold no secret (placeholder, flag, key file, mounted secret): only the variable copied, a warning',
      code: 'FROM alpine:3.20\nENV SECRET_KEY_BASE=${SECRET_KEY_BASE:-dummy} ENABLE_TOKEN_AUTH=${AUTH:-true}\nENV SSL_PRIVATE_KEY=${KEY:-/etc/ssl/private/server.key} DB_PASSWORD=${DB:-/run/secrets/db}\n',
      errors: [
        { message: /`SECRET_KEY_BASE` copies a variable/, severity: 'warning' },
        { message: /`ENABLE_TOKEN_AUTH` copies a variable/, severity: 'warning' },
        { message: /`SSL_PRIVATE_KEY` copies a variable/, severity: 'warning' },
        { message: /`DB_PASSWORD` copies a variable/, severity: 'warning' },
      ],
    },
    {
      name: 'a literal default in ENV and ARG, quoted or nested: an error, the value never in the message',
      code: 'FROM alpine:3.20\nARG API_TOKEN=${T:-abcd1234efgh}\nENV DB_PASSWORD="${PW:-Sup3rS3cretValue}" CLIENT_SECRET=${A:-${B:-literal-secret}}\nENV REGISTRY_PASSWORD=${RP-"quoted-pw"}\n',
      errors: [
        {
          message: 'Build argument `API_TOKEN` has a literal secret default in `${T:-…}`, used whenever `T` is unset or empty; drop the default, use `RUN --mount=type=secret,id=api_token` and keep the value out of the repository.',
          line: 2,
          severity: 'error',
          fixes: [],
        },
        { message: /^ENV `DB_PASSWORD` has a literal secret default in `\$\{PW:-…\}`, used whenever `PW` is unset or empty, and it ships in the image config; drop the default(?!.*Sup3r)/, line: 3, severity: 'error' },
        { message: /^ENV `CLIENT_SECRET` has a literal secret default in `\$\{A:-…\}` and `\$\{B:-…\}`, used whenever `A` is unset or empty and `B` is unset or empty(?!.*literal-secret)/, line: 3, severity: 'error' },
        { message: /^ENV `REGISTRY_PASSWORD` has a literal secret default in `\$\{RP-…\}`, used whenever `RP` is unset,(?!.*quoted-pw)/, line: 4, severity: 'error' },
      ],
    },
    {
      name: 'a literal alternative value (`:+`, `+`) is used when the variable is set: said so, no default to drop',
      code: 'FROM alpine:3.20\nENV DB_PASSWORD=${TLS:+Alt3rn4tePw} API_TOKEN=${CI+ci-token-value-1}\nARG NPM_TOKEN=${PUBLISH:+npm_AltToken0123}\nENV CLIENT_SECRET=${A:+${B:-mixed-secret-9}}\n',
      errors: [
        {
          message: 'ENV `DB_PASSWORD` has a literal secret alternative value in `${TLS:+…}`, used whenever `TLS` is set and not empty, and it ships in the image config; inject the secret at run time (Vault, orchestrator secret).',
          line: 2,
          severity: 'error',
        },
        { message: /^ENV `API_TOKEN` has a literal secret alternative value in `\$\{CI\+…\}`, used whenever `CI` is set,(?!.*ci-token)/, line: 2 },
        { message: /^Build argument `NPM_TOKEN` has a literal secret alternative value in `\$\{PUBLISH:\+…\}`, used whenever `PUBLISH` is set and not empty; use `RUN --mount(?!.*npm_Alt)/, line: 3 },
        { message: /^ENV `CLIENT_SECRET` has a literal secret value in `\$\{A:\+…\}` and `\$\{B:-…\}`, used whenever `A` is set and not empty and `B` is unset or empty, and it ships in the image config; inject(?!.*mixed-secret)/, line: 4 },
      ],
    },
    {
      name: 'an empty default or one that is itself a reference: a variable copied, as `${VAR}`',
      code: 'FROM alpine:3.20\nENV API_TOKEN=${API_TOKEN:-} DB_PASSWORD=${PW:-${DB_PASSWORD}}\n',
      errors: [
        { message: /^ENV `API_TOKEN` copies a variable/, severity: 'warning' },
        { message: /^ENV `DB_PASSWORD` copies a variable/, severity: 'warning' },
      ],
    },
    {
      name: 'a URL whose password is a literal default',
      code: 'FROM alpine:3.20\nENV DATABASE_URL=postgres://app:${DB_PASSWORD:-hunter2}@db/app\n',
      errors: [
        {
          message: 'ENV `DATABASE_URL` contains a URL with an embedded password in the default of `${DB_PASSWORD:-…}` (used whenever `DB_PASSWORD` is unset or empty), which ships with the image; pass the credentials at run time (secret mount, Vault, orchestrator).',
          severity: 'error',
        },
      ],
    },
  ],
});

/** What the rule's URL finding needs: a password in a URL, in any form interpolation gives the value. */
function hasUrlCredentialsIn(value: string): boolean {
  return interpolationSources(value, 'dockerfile').some((a) => hasUrlCredentials(a.text));
}

describe('mayReport', () => {
  it('is true where escapes or continuations join, or words hold, a secret-like name or a URL with a password', () => {
    // dockerfile-ast reads these as TOKEN, PASS and `x://u:p@y`.
    for (const text of [
      'FROM x\nENV TO\\\nKEN=abc\n',
      'FROM x\nARG P\\ASS=abc\n',
      'FROM x\nENV A=x:\\\n//u:p@y\n',
      '# escape=`\nFROM x\nENV TO`\nKEN abc\n',
      // A comment line inside the continuation is dropped, with the escape character ending it.
      'FROM x\nENV TO\\\n# c \\\nKEN=abc\n',
      'FROM x\nENV TO\\\n  #c\nKEN=abc\n',
      // A blank line inside the continuation is dropped too.
      'FROM x\nENV TO\\\n\nKEN=abc\n',
      'FROM x\r\nENV TO\\\r\nKEN=abc\r\n',
      // A secret-like name, a URL with a password, a name with other whitespace (not a word break)
      'FROM x\nENV A=1 DB_PASSWORD=x\n',
      'FROM x\nARG A B DB_PASSWORD\n',
      'FROM x\nENV A=https://u:p@h\n',
      'FROM x\nENV A=x:"//u:p@h"\n',
      'FROM x\nENV DB\u00a0PASSWORD x\n',
      'FROM x\nENV A\u00a0PWD x\n',
    ]) {
      const doc = parseDockerfile(text);
      const ins = doc.instructions[doc.instructions.length - 1]!;
      assert.ok(mayReport(doc, ins), JSON.stringify(text));
    }
  });

  it('is false for quotes and continuations that cannot join a secret-like name or a URL', () => {
    for (const text of ['FROM x\nENV A="x y" B=\'p q\'\n', 'FROM x\nENV A=1 \\\n    B="two words" \\\n    C=3\n', '# escape=`\nFROM x\nARG A=1 `\n  B=2\n',
      // A core (KEY) in no secret-like name, a URL without a password
      'FROM x\nENV GPG_KEY=ABC KEYCLOAK_VERSION=1\n',
      'FROM x\nENV A=https://example.com/x B=1\n',
      'FROM x\nENV A="https://example.com/x" B=\'1 2\'\n',
    ]) {
      const doc = parseDockerfile(text);
      const ins = doc.instructions[doc.instructions.length - 1]!;
      assert.ok(!mayReport(doc, ins), JSON.stringify(text));
    }
  });

  it('is true wherever the property parse gives a secret-like name or a URL value', () => {
    const atomSets = [
      (esc: string) => ['ENV ', 'ARG ', 'A', 'x', '_', 'TO', 'KEN', 'to', 'ken', 'PA', 'SS', 'ß', 'Key', 'secret', '=', ' ', '\t', ':', '/', '//', '$', '{', '}', '"', "'", '-', '\n', esc, esc + '\n', esc + ' \n', '#c\n', '@'],
      // Few atoms, so that continuations, comment and blank lines and quotes often fall inside a `TOKEN` name.
      (esc: string) => ['\nENV TO', 'KEN', '=x', ' ', '"', "'", esc + '\n', esc + ' \n', ' #c\n', '#c ' + esc + '\n', '\n', ':', '//'],
      // Words without quotes: secret-like names among others, URLs with and without a password.
      () => ['\nENV ', '\nARG ', 'A', '=', 'x', ':', '//', 'u:p', '@', 'h', ' ', '\t', '\u00a0', '${B:-', '}', 'DB', '_', 'PASS', 'WORD', 'GPG', 'KEY', 'TOKEN'],
    ];
    for (const [k, atoms] of atomSets.entries()) {
      let checked = 0;
      for (const text of randomDockerfiles(20261127 + k, 20000, 'FROM x\n', 12, atoms)) {
        const doc = parseDockerfile(text);
        for (const ins of doc.instructions) {
          if (!(ins instanceof PropertyInstruction) || mayReport(doc, ins)) continue;
          checked++;
          for (const p of ins.getProperties()) {
            const name = p.getName();
            assert.ok(!isSecretLikeName(name) && !hasUrlCredentialsIn(p.getValue() ?? ''), JSON.stringify(text));
          }
        }
      }
      assert.ok(checked > 500, `only ${checked} instructions were ruled out`);
    }
  });
});
