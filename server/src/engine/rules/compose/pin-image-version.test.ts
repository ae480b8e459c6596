import { ruleTester } from '../../testing/rule-tester';
import { composePinImageVersion } from './pin-image-version';

ruleTester(composePinImageVersion, {
  valid: [
    { name: 'tag', code: 'services:\n  db:\n    image: postgres:16\n' },
    { name: 'digest', code: 'services:\n  db:\n    image: postgres@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef\n' },
    { name: 'build names the image', code: 'services:\n  app:\n    build: .\n    image: registry.local/app\n' },
    { name: 'variable default resolves to a tag', code: 'services:\n  db:\n    image: postgres:${PG_VERSION:-16}\n' },
    { name: 'variable without default in the name or tag is not judged', code: 'services:\n  db:\n    image: ${IMAGE}\n  a:\n    image: ${REGISTRY}/app:${TAG}\n  b:\n    image: $IMAGE:alpine\n  c:\n    image: ${IMAGE}:${TAG:-1.2}\n' },
    { name: 'versioned variants, releases, registry port', code: 'services:\n  a:\n    image: redis:7-alpine\n  b:\n    image: debian:bookworm\n  c:\n    image: registry:5000/php:8.3-apache\n' },
    { name: 'digest pins a variant tag', code: 'services:\n  db:\n    image: postgres:alpine@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef\n' },
  ],
  invalid: [
    { name: 'untagged', code: 'services:\n  db:\n    image: postgres\n', errors: [{ message: 'Service `db` uses image `postgres` without a tag', line: 3, column: 12, severity: 'warning', fixes: [] }] },
    { name: 'latest', code: 'services:\n  db:\n    image: "postgres:latest"\n', errors: [{ message: '(`latest`)' }] },
    {
      name: 'tag naming only a channel or variant moves like latest',
      code: 'services:\n  db:\n    image: postgres:alpine\n  cloud:\n    image: nextcloud:apache\n',
      errors: [
        { message: 'Service `db` uses image `postgres:alpine`, whose tag has no version: `alpine` follows the newest release, like `latest`; pin a specific version tag or digest.', line: 3, column: 12 },
        { message: 'Service `cloud` uses image `nextcloud:apache`, whose tag has no version: `apache` follows', line: 5 },
      ],
    },
    {
      name: 'default tag naming only a variant: the image named as written',
      code: 'services:\n  cache:\n    image: redis:${REDIS_TAG:-alpine}\n',
      errors: [{ message: 'Service `cache` uses image `redis:${REDIS_TAG:-alpine}`, whose tag by default has no version: `alpine` follows the newest release, like `latest`; pin' }],
    },
    {
      name: 'a codename on an image other than the distribution, also as a default',
      code: 'services:\n  db:\n    image: postgres:bookworm\n  py:\n    image: python:${PY_TAG:-slim-bookworm}\n',
      errors: [
        { message: 'Service `db` uses image `postgres:bookworm`, whose tag has no version: `bookworm` names the Debian release it is built on but no `postgres` version, so it moves to newer `postgres` releases; pin', line: 3 },
        { message: 'Service `py` uses image `python:${PY_TAG:-slim-bookworm}`, whose tag by default has no version: `slim-bookworm` names no `python` version, only the Debian release it is built on (`bookworm`), so it moves', line: 5 },
      ],
    },
    {
      name: 'a variable without default in the registry or name: the written tag is still judged',
      code: 'services:\n  a:\n    image: ${REGISTRY}/app:latest\n  b:\n    image: $IMAGE:latest\n  c:\n    image: ${REGISTRY}/postgres\n  d:\n    image: ${REGISTRY}/postgres:alpine\n  e:\n    image: ${REGISTRY}/app:${TAG:-latest}\n',
      errors: [
        { message: 'Service `a` uses image `${REGISTRY}/app:latest` (`latest`); pin a specific version tag or digest.', line: 3, column: 12 },
        { message: 'Service `b` uses image `$IMAGE:latest` (`latest`)', line: 5 },
        { message: 'Service `c` uses image `${REGISTRY}/postgres` without a tag', line: 7 },
        { message: 'Service `d` uses image `${REGISTRY}/postgres:alpine`, whose tag has no version', line: 9 },
        { message: 'Service `e` uses image `${REGISTRY}/app:${TAG:-latest}`, which is `latest` by default', line: 11 },
      ],
    },
    { name: 'default is latest: the image named as written', code: 'services:\n  db:\n    image: postgres:${TAG:-latest}\n', errors: [{ message: 'Service `db` uses image `postgres:${TAG:-latest}`, which is `latest` by default; pin' }] },
    {
      name: 'empty default tag after a registry port: the image named as written',
      code: 'services:\n  app:\n    image: registry:5000/app:${TAG:-}\n',
      errors: [{ message: 'Service `app` uses image `registry:5000/app:${TAG:-}`, which has no tag by default; pin a specific version tag or digest.', line: 3, column: 12 }],
    },
    { name: 'image shared through a merge key or alias: reported once', code: 'x-base: &base\n  image: nginx\n  privileged: true\n  user: root\n  environment:\n    DB_PASSWORD: s3cr3t-value\nservices:\n  a:\n    <<: *base\n  b:\n    <<: *base\n  c: *base\n', errors: [{ message: 'Service `a`', line: 2 }] },
  ],
});
