import { ruleTester } from '../../testing/rule-tester';
import { noSecretsInEnv } from './no-secrets-in-env';

const pod = (env: string) => `apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n  - name: app\n    image: app:1.0\n    env:\n${env}`;

ruleTester(noSecretsInEnv, {
  valid: [
    { name: 'secretKeyRef', code: pod('    - name: DB_PASSWORD\n      valueFrom: {secretKeyRef: {name: db, key: password}}\n') },
    { name: 'not a secret name', code: pod('    - name: LOG_LEVEL\n      value: debug\n') },
    { name: 'reference suffix', code: pod('    - name: DB_PASSWORD_FILE\n      value: /run/secrets/db\n') },
    { name: 'dependent variable reference', code: pod('    - name: API_TOKEN\n      value: $(TOKEN_FROM_SECRET)\n') },
    { name: 'empty, boolean and numeric values', code: pod('    - name: API_TOKEN\n      value: ""\n    - name: REQUIRE_TOKEN\n      value: "true"\n    - name: TOKEN_LIFETIME\n      value: "3600"\n') },
    { name: 'placeholders', code: pod('    - name: GOOGLE_API_KEY\n      value: GOOGLE_API_KEY_VAL\n    - name: CLUSTER_TOKEN\n      value: INSERT_CLUSTER_TOKEN\n    - name: API_KEY\n      value: <your-api-key>\n') },
  ],
  invalid: [
    {
      name: 'literal password, value never echoed',
      code: pod('    - name: DB_PASSWORD\n      value: "hunter2hunter2"\n'),
      errors: [{ message: /^Container `app` sets secret-looking env var `DB_PASSWORD` to a literal value/, line: 10, column: 13, severity: 'error', fixes: [] }],
    },
    {
      name: 'URL with a password, whatever the name',
      code: pod('    - name: DATABASE_URL\n      value: postgres://app:s3cr3t-pw@db:5432/app\n    - name: CACHE_URL\n      value: redis://cache:6379/0\n'),
      errors: [{ message: 'sets env var `DATABASE_URL` to a URL with an embedded password', line: 10 }],
    },
    { name: 'camelCase secret', code: pod('    - name: apiToken\n      value: abcdef123456\n'), errors: [{ message: '`apiToken`' }] },
    {
      name: 'an env list shared through an alias: reported once, for the first container',
      code: pod('    - {name: DB_PASSWORD, value: hunter2hunter2}\n  - name: worker\n    image: app:1.0\n    env: *env\n  - name: cron\n    image: app:1.0\n    env: *env\n').replace('    env:\n', '    env: &env\n'),
      errors: [{ message: /^Container `app` sets secret-looking env var `DB_PASSWORD`/, line: 10 }],
    },
  ],
});
