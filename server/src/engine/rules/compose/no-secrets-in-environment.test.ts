import { ruleTester } from '../../testing/rule-tester';
import { composeNoSecretsInEnvironment } from './no-secrets-in-environment';

ruleTester(composeNoSecretsInEnvironment, {
  valid: [
    { name: 'interpolated', code: 'services:\n  db:\n    image: postgres:16\n    environment:\n      POSTGRES_PASSWORD: ${POSTGRES_PASSWORD}\n      API_TOKEN: ${API_TOKEN:?required}\n' },
    { name: 'lone references in every form', code: 'services:\n  db:\n    image: postgres:16\n    environment:\n      DB_PASSWORD: $DB_PASSWORD\n      API_TOKEN: ${API_TOKEN?missing}\n      WEB_SECRET: ${WEB_SECRET:?}\n' },
    { name: 'file reference', code: 'services:\n  db:\n    image: postgres:16\n    environment:\n      - POSTGRES_PASSWORD_FILE=/run/secrets/db\n      - POSTGRES_PASSWORD\n' },
    { name: 'not secret names', code: 'services:\n  db:\n    image: postgres:16\n    environment:\n      POSTGRES_USER: app\n      PGDATA: /data\n' },
    { name: 'boolean-ish values', code: 'services:\n  app:\n    image: app:1\n    environment:\n      AUTH_TOKEN_REQUIRED: "false"\n' },
  ],
  invalid: [
    {
      name: 'map form',
      code: 'services:\n  db:\n    image: postgres:16\n    environment:\n      POSTGRES_PASSWORD: example-password\n',
      errors: [{ message: /^Service `db` sets secret-looking variable `POSTGRES_PASSWORD` to a literal value/, line: 5, column: 7, endColumn: 24, severity: 'error', fixes: [] }],
    },
    {
      name: 'URL credentials in both forms',
      code: 'services:\n  app:\n    image: app:1\n    environment:\n      DATABASE_URL: postgres://app:pw-123456@db/app\n  worker:\n    image: app:1\n    environment:\n      - BROKER_URL=amqp://guest:guest-pw@mq:5672/\n      - PLAIN_URL=http://example.com/\n',
      errors: [
        { message: 'Service `app` sets `DATABASE_URL` to a URL with an embedded password', line: 5 },
        { message: 'Service `worker` sets `BROKER_URL` to a URL', line: 9, column: 9, endColumn: 19 },
      ],
    },
    {
      name: 'list form, quoted item',
      code: 'services:\n  db:\n    image: mysql:8\n    environment:\n      - MYSQL_DATABASE=app\n      - "MYSQL_ROOT_PASSWORD=root-pass"\n      - API_TOKEN=abc=def\n',
      errors: [
        { message: '`MYSQL_ROOT_PASSWORD`', line: 6, column: 10, endColumn: 29 },
        { message: '`API_TOKEN`', line: 7, column: 9, endColumn: 18 },
      ],
    },
    { name: 'environment shared through a merge key or alias: reported once', code: 'x-base: &base\n  image: nginx\n  privileged: true\n  user: root\n  environment:\n    DB_PASSWORD: s3cr3t-value\nservices:\n  a:\n    <<: *base\n  b:\n    <<: *base\n  c: *base\n', errors: [{ message: 'Service `a`', line: 6 }] },
    { name: 'list environment shared through an alias: reported once', code: 'x-env: &env\n  - DB_PASSWORD=s3cr3t-value\nservices:\n  a:\n    image: a:1\n    environment: *env\n  b:\n    image: b:1\n    environment: *env\n', errors: [{ message: 'Service `a`', line: 2 }] },
  ],
});

ruleTester(composeNoSecretsInEnvironment, {
  valid: [
    {
      name: 'interpolation without a literal default: required, empty, a reference, a placeholder, a flag',
      code: 'services:\n  db:\n    image: postgres:16\n    environment:\n      DB_PASSWORD: ${DB_PASSWORD}\n      API_TOKEN: ${API_TOKEN:?set API_TOKEN}\n      REDIS_PASSWORD: ${REDIS_PASSWORD:-}\n      SMTP_PASSWORD: ${SMTP_PASSWORD-${MAIL_PASSWORD}}\n      LDAP_PASSWORD: ${LDAP_PASSWORD:-<password>}\n      ADMIN_TOKEN: ${ADMIN_TOKEN:-xxx}\n      AUTH_TOKEN_REQUIRED: ${AUTH_TOKEN_REQUIRED:-false}\n',
    },
    {
      name: 'list form: references and escaped dollars',
      code: 'services:\n  db:\n    image: postgres:16\n    environment:\n      - DB_PASSWORD=${DB_PASSWORD:?required}\n      - API_KEY=$${NOT_INTERPOLATED}\n      - DATABASE_URL=postgres://app:${DB_PASSWORD:-}@db/app\n',
    },
  ],
  invalid: [
    {
      name: 'a literal default in map form (`:-` and `-`), never quoted in the message',
      code: 'services:\n  db:\n    image: postgres:16\n    environment:\n      POSTGRES_PASSWORD: ${PW:-Sup3rS3cretValue}\n      API_TOKEN: "${TOKEN-abcd1234efgh}"\n',
      errors: [
        { message: /^Service `db` gives secret-looking variable `POSTGRES_PASSWORD` a literal default .*\$\{VAR:\?error\}/, line: 5, column: 7, endColumn: 24, severity: 'error', fixes: [] },
        { message: /^(?!.*abcd1234efgh).*`API_TOKEN` a literal default/, line: 6 },
      ],
    },
    {
      name: 'a literal default in list form, nested, and after text',
      code: 'services:\n  app:\n    image: app:1\n    environment:\n      - DB_PASSWORD=${A:-${B:-literal-pw}}\n      - "SECRET_KEY=${SECRET_KEY:-dev-key}"\n      - CLIENT_SECRET=prefix-${SUFFIX:-tail}\n',
      errors: [
        { message: /`DB_PASSWORD` a literal default/, line: 5, column: 9, endColumn: 20 },
        { message: /`SECRET_KEY` a literal default/, line: 6, column: 10, endColumn: 20 },
        { message: /`CLIENT_SECRET` a literal default/, line: 7 },
      ],
    },
    {
      name: 'list items in block scalars and with escapes: the range is on the name, or on the whole item',
      code: 'services:\n  app:\n    image: app:1\n    environment:\n      - >-\n        API_TOKEN=${API_TOKEN:-abcdefgh123}\n      - |2 # API_KEY in a header comment\n\n          SECRET_KEY=${SECRET_KEY:-dev-key-1}\n      - "DB_\\x50ASSWORD=${DB_PASSWORD:-hunter2pw}"\n',
      errors: [
        { message: /`API_TOKEN` a literal default/, line: 6, column: 9, endLine: 6, endColumn: 18 },
        { message: /`SECRET_KEY` a literal default/, line: 9, column: 11, endLine: 9, endColumn: 21 },
        { message: /`DB_PASSWORD` a literal default/, line: 10, column: 9, endLine: 10, endColumn: 51 },
      ],
    },
    {
      name: 'a URL whose interpolated password has a literal default',
      code: 'services:\n  app:\n    image: app:1\n    environment:\n      DATABASE_URL: postgres://app:${DB_PASSWORD:-hunter2}@db/app\n',
      errors: [{ message: 'Service `app` sets `DATABASE_URL` to a URL with an embedded password in the default of `${DB_PASSWORD:-…}` (used whenever `DB_PASSWORD` is unset or empty); use', line: 5 }],
    },
    {
      name: 'the message names the expression and when its word is used: `:-`, `-`, `:+`, `+`, nested, mixed; never the value',
      code:
        'services:\n  app:\n    image: app:1\n    environment:\n      DB_PASSWORD: ${PG_PW:-hunter2pw}\n      API_TOKEN: ${TOKEN-hunter2pw}\n      REDIS_PASSWORD: ${REDIS_AUTH:+hunter2pw}\n      SMTP_PASSWORD: ${SMTP_AUTH+hunter2pw}\n      LDAP_PASSWORD: ${A:-${B-hunter2pw}}\n      MQ_PASSWORD: ${MQ_TLS:+${MQ_PW:-hunter2pw}}\n',
      errors: [
        { message: 'Service `app` gives secret-looking variable `DB_PASSWORD` a literal default in `${PG_PW:-…}`, used whenever `PG_PW` is unset or empty; drop the default (`${VAR}`, or `${VAR:?error}` to require it)', line: 5 },
        { message: '`API_TOKEN` a literal default in `${TOKEN-…}`, used whenever `TOKEN` is unset; drop the default', line: 6 },
        { message: '`REDIS_PASSWORD` a literal alternative value in `${REDIS_AUTH:+…}`, used whenever `REDIS_AUTH` is set and not empty; set `REDIS_PASSWORD` from an env file kept out of git instead, or use Compose `secrets:`.', line: 7 },
        { message: '`SMTP_PASSWORD` a literal alternative value in `${SMTP_AUTH+…}`, used whenever `SMTP_AUTH` is set;', line: 8 },
        { message: '`LDAP_PASSWORD` a literal default in `${A:-…}` and `${B-…}`, used whenever `A` is unset or empty and `B` is unset;', line: 9 },
        { message: /^(?!.*hunter2pw).*`MQ_PASSWORD` a literal value in `\$\{MQ_TLS:\+…\}` and `\$\{MQ_PW:-…\}`, used whenever `MQ_TLS` is set and not empty and `MQ_PW` is unset or empty; set `MQ_PASSWORD`/, line: 10 },
      ],
    },
  ],
});

ruleTester(composeNoSecretsInEnvironment, {
  valid: [{ name: '`!reset` environment is unset', code: 'services:\n  db:\n    image: postgres:16\n    environment: !reset\n      POSTGRES_PASSWORD: example-password\n' }],
  invalid: [
    {
      name: '`!override` environment is judged',
      code: 'services:\n  db:\n    image: postgres:16\n    environment: !override\n      POSTGRES_PASSWORD: example-password\n',
      errors: [{ message: '`POSTGRES_PASSWORD` to a literal value', line: 5 }],
    },
  ],
});
