import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { composeServices } from '../../compose/model';
import { ruleTester } from '../../testing/rule-tester';
import { parseYamlSegment } from '../../yaml/model';
import { composeSetHealthcheck, containerPortOf } from './set-healthcheck';

const hc = (i: string, port: string) =>
  `${i}healthcheck:\n${i}  test: ["CMD", "wget", "-qO-", "http://localhost:${port}/health"]\n${i}  interval: 10s\n${i}  timeout: 5s\n${i}  retries: 3\n${i}  start_period: 10s\n`;

ruleTester(composeSetHealthcheck, {
  valid: [
    { name: 'healthcheck set', code: 'services:\n  web:\n    image: nginx:1.27\n    healthcheck:\n      test: ["CMD", "true"]\n' },
    { name: 'explicitly disabled', code: 'services:\n  web:\n    image: nginx:1.27\n    healthcheck:\n      disable: true\n' },
    { name: 'image HEALTHCHECK turned off with test NONE', code: 'services:\n  web:\n    image: nginx:1.27\n    healthcheck:\n      test: ["NONE"]\n' },
    { name: 'extends', code: 'services:\n  web:\n    extends: base\n' },
  ],
  invalid: [
    {
      name: 'port from ports (container side)',
      code: 'services:\n  web:\n    image: nginx:1.27\n    ports:\n      - "127.0.0.1:8000:80/tcp"\n',
      errors: [{ message: 'Service `web` has no healthcheck in this file (unless its image defines a `HEALTHCHECK`).', severity: 'info', line: 2, fixes: [{ title: 'http://localhost:80/health', safe: false, output: 'services:\n  web:\n    image: nginx:1.27\n    ports:\n      - "127.0.0.1:8000:80/tcp"\n' + hc('    ', '80') }] }],
    },
    {
      name: 'port from expose, build-only service',
      code: 'services:\n  api:\n    build: .\n    expose:\n      - 3000\n',
      errors: [{ fixes: [{ output: 'services:\n  api:\n    build: .\n    expose:\n      - 3000\n' + hc('    ', '3000') }] }],
    },
    {
      name: 'long port syntax',
      code: 'services:\n  api:\n    image: api:1\n    ports:\n      - target: 9000\n        published: 9000\n',
      errors: [{ fixes: [{ output: 'services:\n  api:\n    image: api:1\n    ports:\n      - target: 9000\n        published: 9000\n' + hc('    ', '9000') }] }],
    },
    {
      name: 'no port: default',
      code: 'services:\n  worker:\n    image: worker:1\n',
      errors: [{ fixes: [{ output: 'services:\n  worker:\n    image: worker:1\n' + hc('    ', '8080') }] }],
    },
  ],
});

ruleTester(composeSetHealthcheck, {
  valid: [
    { name: '`!override` replaces the healthcheck: it is set', code: 'services:\n  web:\n    image: nginx:1.27\n    healthcheck: !override\n      test: ["CMD", "true"]\n' },
    { name: 'disabled, test reset', code: 'services:\n  web:\n    image: nginx:1.27\n    healthcheck:\n      disable: true\n      test: !reset []\n' },
  ],
  invalid: [
    {
      name: 'a healthcheck without a test runs the image\'s HEALTHCHECK test, if any: the skeleton fills the test in',
      code: 'services:\n  web:\n    image: nginx:1.27\n    healthcheck:\n      interval: 30s\n  api:\n    image: api:1\n    healthcheck:\n      test: []\n      retries: 5\n',
      errors: [
        {
          message: 'Service `web` has a healthcheck without a test in this file: it runs the test of its image\'s `HEALTHCHECK`, if the image defines one.',
          line: 2,
          fixes: [{ output: 'services:\n  web:\n    image: nginx:1.27\n    healthcheck:\n      interval: 30s\n      test: ["CMD", "wget", "-qO-", "http://localhost:8080/health"]\n      timeout: 5s\n      retries: 3\n      start_period: 10s\n  api:\n    image: api:1\n    healthcheck:\n      test: []\n      retries: 5\n' }],
        },
        { message: 'Service `api` has a healthcheck without a test', line: 6 },
      ],
    },
    {
      name: '`test: !reset` leaves a healthcheck without a test; no skeleton below the tag; `healthcheck:` null is none',
      code: 'services:\n  web:\n    image: nginx:1.27\n    healthcheck:\n      test: !reset []\n      interval: 30s\n  api:\n    image: api:1\n    healthcheck:\n',
      errors: [
        { message: 'Service `web` has a healthcheck without a test', line: 2, fixes: [] },
        { message: 'Service `api` has no healthcheck in this file', line: 7 },
      ],
    },
    {
      name: 'an empty `test` is kept by the skeleton, so no fix; options from a merge key are not overridden',
      code: 'x-hc: &hc\n  interval: 1m\nservices:\n  web:\n    image: nginx:1.27\n    healthcheck:\n      test: []\n  api:\n    image: api:1\n    healthcheck:\n      <<: *hc\n      retries: 5\n',
      errors: [
        { message: 'Service `web` has a healthcheck without a test', line: 4, fixes: [] },
        {
          message: 'Service `api` has a healthcheck without a test',
          line: 8,
          fixes: [{ output: 'x-hc: &hc\n  interval: 1m\nservices:\n  web:\n    image: nginx:1.27\n    healthcheck:\n      test: []\n  api:\n    image: api:1\n    healthcheck:\n      <<: *hc\n      retries: 5\n      test: ["CMD", "wget", "-qO-", "http://localhost:8080/health"]\n      timeout: 5s\n      start_period: 10s\n' }],
        },
      ],
    },
    {
      name: '`!reset` unsets the healthcheck, whatever it holds; no skeleton below the tag',
      code: 'services:\n  web:\n    image: nginx:1.27\n    healthcheck: !reset {}\n  api:\n    image: api:1\n    healthcheck: !reset\n      test: ["CMD", "true"]\n',
      errors: [
        { message: 'Service `web` has no healthcheck', line: 2, fixes: [] },
        { message: 'Service `api` has no healthcheck', line: 5, fixes: [] },
      ],
    },
  ],
});

const partial = 'services:\n  web:\n    image: nginx:1.27\n    ports:\n      - "8080:80"\n';
ruleTester(composeSetHealthcheck, {
  valid: [
    ...['docker-compose.override.yml', 'deploy/compose.override.yaml', 'compose.prod.override.yml', 'docker-compose-override.yaml'].map((fileName) => ({
      name: `override file ${fileName}: the base file may set the healthcheck`,
      code: partial,
      fileName,
    })),
    { name: 'a fragment with neither image nor build', code: 'services:\n  web:\n    ports:\n      - "8080:80"\n', fileName: 'compose.dev.yaml' },
  ],
  invalid: [
    { name: 'not an override file', code: partial, fileName: 'overrides/compose.yaml', errors: [{ line: 2 }] },
    { name: 'a service with only build is complete', code: 'services:\n  web:\n    build: .\n', fileName: 'compose.dev.yaml', errors: [{ line: 2 }] },
  ],
});

ruleTester(composeSetHealthcheck, {
  valid: [
    { name: 'override file: `!override` replaces the healthcheck', code: 'services:\n  web:\n    healthcheck: !override\n      test: ["CMD", "true"]\n', fileName: 'docker-compose.override.yml' },
    {
      name: 'an `extends:` Compose cannot resolve (missing, itself, a cycle, no service) inherits nothing: its reset is not judged',
      code: 'services:\n  a:\n    extends: nope\n    healthcheck: !reset\n  b:\n    extends: b\n    healthcheck: !reset\n  c:\n    extends: d\n    healthcheck: !reset\n  d:\n    extends: c\n  e:\n    extends: {file: common.yaml}\n    healthcheck: !reset\n',
    },
    {
      name: 'override file: label suppression',
      code: 'services:\n  web:\n    labels: ["infra-guide.io/ignore=compose/set-healthcheck"]\n    healthcheck: !reset {}\n',
      fileName: 'docker-compose.override.yml',
    },
  ],
  invalid: [
    {
      name: 'override file: `!reset` removes the base file\'s healthcheck, whatever it holds',
      code: 'services:\n  web:\n    healthcheck: !reset {}\n  api:\n    image: api:1\n    healthcheck: !reset null\n  worker:\n    healthcheck: !reset\n',
      fileName: 'docker-compose.override.yml',
      errors: [
        {
          message: 'Service `web`: `healthcheck: !reset` removes the healthcheck the base file sets; the service runs without one (unless its image defines a `HEALTHCHECK`).',
          severity: 'info',
          line: 3,
          column: 5,
          endColumn: 16,
          fixes: [],
        },
        { message: 'Service `api`: `healthcheck: !reset` removes', line: 6 },
        { message: 'Service `worker`: `healthcheck: !reset` removes', line: 8 },
      ],
    },
    {
      name: 'a service that extends another: `!reset` removes the inherited healthcheck (Compose resets it before merging)',
      code: 'services:\n  base:\n    image: app:1\n    healthcheck:\n      test: ["CMD", "true"]\n  web:\n    extends: base\n    healthcheck: !reset {}\n  api:\n    extends:\n      file: common.yaml\n      service: api-base\n    healthcheck: !reset\n',
      errors: [
        { message: 'Service `web`: `healthcheck: !reset` removes the healthcheck service `base` sets; the service runs without one (unless its image defines a `HEALTHCHECK`).', line: 8, fixes: [] },
        { message: 'Service `api`: `healthcheck: !reset` removes the healthcheck service `api-base` sets', line: 13 },
      ],
    },
    {
      name: 'a service that extends another in the file: the reset is worded after what the chain sets (the parent reported on its own, once)',
      code: 'services:\n  base:\n    image: app:1\n  web:\n    extends: base\n    healthcheck: !reset {}\n  base2:\n    image: app:1\n    healthcheck:\n      test: ["CMD", "true"]\n  mid:\n    extends: base2\n  api:\n    extends: mid\n    healthcheck: !reset\n  cut:\n    extends: base2\n    healthcheck: !reset\n  child:\n    extends: cut\n    healthcheck:\n      test: !reset\n',
      errors: [
        { message: 'Service `base` has no healthcheck in this file', line: 2 },
        { message: 'Service `web`: `healthcheck: !reset` removes no healthcheck, as service `base` it extends has none in this file; the service runs without one (unless its image defines a `HEALTHCHECK`).', line: 6, fixes: [] },
        { message: 'Service `api`: `healthcheck: !reset` removes the healthcheck service `mid` inherits from service `base2`; the service runs', line: 15 },
        { message: 'Service `cut`: `healthcheck: !reset` removes the healthcheck service `base2` sets;', line: 18 },
        { message: 'Service `child`: `healthcheck.test: !reset` removes no healthcheck test, as service `cut` it extends has none in this file;', line: 22 },
      ],
    },
    {
      name: 'override file: a service that extends another may reset what either gives it',
      code: 'services:\n  web:\n    extends: base\n    healthcheck: !reset {}\n',
      fileName: 'compose.override.yaml',
      errors: [{ message: 'Service `web`: `healthcheck: !reset` removes the healthcheck the base file or service `base` sets', line: 4 }],
    },
    {
      name: 'override file: `healthcheck.test: !reset` removes the base file\'s test (unless the healthcheck is disabled)',
      code: 'services:\n  web:\n    healthcheck:\n      test: !reset []\n  api:\n    healthcheck:\n      disable: true\n      test: !reset\n',
      fileName: 'docker-compose.override.yml',
      errors: [
        {
          message: 'Service `web`: `healthcheck.test: !reset` removes the healthcheck test the base file sets; the service runs without one (unless its image defines a `HEALTHCHECK`).',
          line: 4,
          column: 7,
          endColumn: 11,
          fixes: [],
        },
      ],
    },
    {
      name: 'override file: `healthcheck: !override` without a test replaces the base file\'s test with none',
      code: 'services:\n  web:\n    healthcheck: !override\n      interval: 5s\n',
      fileName: 'docker-compose.override.yml',
      errors: [{ message: 'Service `web`: `healthcheck: !override` removes the healthcheck test the base file sets; the service runs without one (unless its image defines a `HEALTHCHECK`).', line: 3 }],
    },
    {
      name: 'override file: `!override` with no healthcheck or no test replaces the base file\'s with none',
      code: 'services:\n  web:\n    healthcheck: !override\n  api:\n    healthcheck:\n      test: !override []\n  worker:\n    healthcheck:\n      test: !override\n',
      fileName: 'docker-compose.override.yml',
      errors: [
        { message: 'Service `web`: `healthcheck: !override` removes the healthcheck the base file sets; the service runs without one (unless its image defines a `HEALTHCHECK`).', line: 3 },
        { message: 'Service `api`: `healthcheck.test: !override` removes the healthcheck test the base file sets', line: 6 },
        { message: 'Service `worker`: `healthcheck.test: !override` removes the healthcheck test the base file sets', line: 9 },
      ],
    },
    {
      name: 'a fragment merged over a base file (neither image nor build)',
      code: 'services:\n  web:\n    ports: ["8080:80"]\n    healthcheck: !reset {}\n',
      fileName: 'compose.prod.yaml',
      errors: [{ message: 'Service `web`: `healthcheck: !reset` removes the healthcheck the base file sets', line: 4 }],
    },
  ],
});

describe('containerPortOf', () => {
  const portOf = (service: string) => {
    const view = parseYamlSegment('compose', `services:\n  web:\n${service}`, 0);
    return containerPortOf(view, composeServices(view)[0]!);
  };
  it('reads the container side of the first `ports` entry, after the last colon and before the protocol', () => {
    assert.equal(portOf('    ports: ["8000-8010:80-90/udp"]\n'), '80');
    assert.equal(portOf('    ports: ["127.0.0.1::5000/sctp"]\n'), '5000');
    assert.equal(portOf('    ports: ["9090:9091/tcp/tcp"]\n'), '9091');
    assert.equal(portOf('    ports: [3000]\n'), '3000');
    assert.equal(portOf('    ports: ["/tcp"]\n'), undefined);
    assert.equal(portOf('    ports: [":80"]\n'), '80');
    assert.equal(portOf('    ports: ["80:"]\n'), undefined);
    assert.equal(portOf('    ports: ["http"]\n'), undefined);
  });
  it('prefers the digits `expose` starts with', () => {
    assert.equal(portOf('    expose: ["3000/tcp"]\n    ports: ["80:81"]\n'), '3000');
    assert.equal(portOf('    expose: ["web"]\n    ports: ["80:81"]\n'), '81');
    assert.equal(portOf('    image: a\n'), undefined);
  });
});
