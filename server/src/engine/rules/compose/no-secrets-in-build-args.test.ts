import { ruleTester } from '../../testing/rule-tester';
import { composeNoSecretsInBuildArgs } from './no-secrets-in-build-args';

ruleTester(composeNoSecretsInBuildArgs, {
  valid: [
    {
      name: 'arguments without a value, and references, take the value from the environment',
      code: 'services:\n  web:\n    build:\n      context: .\n      args:\n        NPM_TOKEN:\n        GITHUB_TOKEN: ${GITHUB_TOKEN}\n        API_KEY: ${API_KEY:?set API_KEY}\n        REGISTRY_PASSWORD: ${REGISTRY_PASSWORD:-}\n  worker:\n    build:\n      context: .\n      args:\n        - NPM_TOKEN\n        - GITHUB_TOKEN=${GITHUB_TOKEN}\n        - PIP_INDEX_URL=https://user:${PIP_PASSWORD}@pypi.example.com/simple\n',
    },
    { name: 'not secret names, placeholders, a build given as a path', code: 'services:\n  web:\n    build:\n      context: .\n      args:\n        NODE_VERSION: "20"\n        NPM_TOKEN: <token>\n        NPM_TOKEN_FILE: /run/secrets/npm\n  api:\n    build: ./api\n' },
    { name: 'environment is another rule\'s', code: 'services:\n  web:\n    image: web:1\n    environment:\n      DB_PASSWORD: s3cr3t-value\n' },
    { name: 'args reset', code: 'services:\n  web:\n    build:\n      context: .\n      args: !reset\n        NPM_TOKEN: npm_s3cr3tValue\n' },
  ],
  invalid: [
    {
      name: 'map form, never quoting the value',
      code: 'services:\n  web:\n    build:\n      context: .\n      args:\n        NPM_TOKEN: npm_s3cr3tValue\n',
      errors: [
        {
          message: /^(?!.*npm_s3cr3tValue)Service `web` passes secret-looking build argument `NPM_TOKEN` a literal value; build arguments used by RUN stay in the image history \(`docker history`\): use Compose `build\.secrets` with `RUN --mount=type=secret,id=npm_token` in the Dockerfile instead\.$/,
          line: 6,
          column: 9,
          endColumn: 18,
          severity: 'error',
          fixes: [],
        },
      ],
    },
    {
      name: 'list form: quoted, and a value with `=`',
      code: 'services:\n  web:\n    build:\n      context: .\n      args:\n        - "GITHUB_TOKEN=ghp_abcdef123456"\n        - API_KEY=abc=def\n        - NODE_ENV=production\n',
      errors: [
        { message: /build argument `GITHUB_TOKEN` a literal value/, line: 6, column: 12, endColumn: 24 },
        { message: /build argument `API_KEY` a literal value/, line: 7, column: 11, endColumn: 18 },
      ],
    },
    {
      name: 'a literal default, and a URL with a password',
      code: 'services:\n  web:\n    build:\n      context: .\n      args:\n        NPM_TOKEN: ${NPM_TOKEN:-npm_defaultToken}\n        PIP_INDEX_URL: https://user:pip-pw-123@pypi.example.com/simple\n',
      errors: [
        { message: /^(?!.*npm_defaultToken)Service `web` gives secret-looking build argument `NPM_TOKEN` a literal default in `\$\{NPM_TOKEN:-…\}`, used whenever `NPM_TOKEN` is unset or empty; .*drop the default and use Compose `build\.secrets`/, line: 6 },
        { message: /^(?!.*pip-pw-123)Service `web` passes build argument `PIP_INDEX_URL` a URL with an embedded password; /, line: 7 },
      ],
    },
    {
      name: 'args shared through an alias: reported once',
      code: 'x-args: &args\n  NPM_TOKEN: npm_s3cr3tValue\nservices:\n  a:\n    build:\n      context: a\n      args: *args\n  b:\n    build:\n      context: b\n      args: *args\n',
      errors: [{ message: /^Service `a`/, line: 2 }],
    },
  ],
});
