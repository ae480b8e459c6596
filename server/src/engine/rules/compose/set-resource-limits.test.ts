import { ruleTester } from '../../testing/rule-tester';
import { composeSetResourceLimits } from './set-resource-limits';

const deployBlock = (i: string, u: string) =>
  `${i}deploy:\n${i}${u}resources:\n${i}${u}${u}limits:\n${i}${u}${u}${u}cpus: "0.5"\n${i}${u}${u}${u}memory: 256M\n${i}${u}${u}reservations:\n${i}${u}${u}${u}cpus: "0.1"\n${i}${u}${u}${u}memory: 128M\n`;

ruleTester(composeSetResourceLimits, {
  valid: [
    { name: 'deploy limits', code: 'services:\n  web:\n    image: nginx:1.27\n    deploy:\n      resources:\n        limits: {cpus: "0.5", memory: 256M}\n' },
    { name: 'legacy keys', code: 'services:\n  web:\n    image: nginx:1.27\n    mem_limit: 256m\n    cpus: 0.5\n' },
    { name: 'extends', code: 'services:\n  web:\n    extends: {file: common.yaml, service: web}\n' },
    { name: 'inherited through a merge key', code: 'x-limits: &limits\n  deploy:\n    resources:\n      limits: {cpus: "1", memory: 1G}\nservices:\n  web:\n    <<: *limits\n    image: nginx:1.27\n' },
    { name: 'CPU limit optional', options: { requireCpuLimit: false }, code: 'services:\n  web:\n    image: nginx:1.27\n    mem_limit: 1g\n' },
    { name: 'label suppression', code: 'services:\n  web:\n    image: nginx:1.27\n    labels:\n      - "infra-guide.io/ignore=compose/set-resource-limits"\n' },
  ],
  invalid: [
    {
      name: 'nothing set, comments kept',
      code: 'services:\n  web: # front\n    image: nginx:1.27\n    # ports\n    ports: ["80:80"]\n\n  db:\n    image: postgres:16\n',
      errors: [
        {
          message: 'Service `web` has no resource limits',
          line: 2,
          column: 3,
          endColumn: 6,
          fixes: [
            {
              title: 'Add deploy.resources limits (256M, 0.5 CPU) and reservations',
              safe: false,
              output: 'services:\n  web: # front\n    image: nginx:1.27\n    # ports\n    ports: ["80:80"]\n' + deployBlock('    ', '  ') + '\n  db:\n    image: postgres:16\n',
            },
          ],
        },
        { line: 7, fixes: [{ output: 'services:\n  web: # front\n    image: nginx:1.27\n    # ports\n    ports: ["80:80"]\n\n  db:\n    image: postgres:16\n' + deployBlock('    ', '  ') }] },
      ],
    },
    {
      name: 'explicit keys (`? image`): inserted at the column of `?`',
      code: 'services:\n  web:\n    ? image\n    : nginx:1.27\n',
      errors: [{ fixes: [{ output: 'services:\n  web:\n    ? image\n    : nginx:1.27\n' + deployBlock('    ', '  ') }] }],
    },
    {
      name: '4-space indentation, deploy without resources',
      code: 'services:\n    web:\n        image: nginx:1.27\n        deploy:\n            replicas: 2\n',
      errors: [
        {
          fixes: [
            {
              output:
                'services:\n    web:\n        image: nginx:1.27\n        deploy:\n            replicas: 2\n            resources:\n                limits:\n                    cpus: "0.5"\n                    memory: 256M\n                reservations:\n                    cpus: "0.1"\n                    memory: 128M\n',
            },
          ],
        },
      ],
    },
    {
      name: 'memory limit only: CPU added, existing reservations kept',
      code: 'services:\n  web:\n    image: nginx:1.27\n    deploy:\n      resources:\n        limits:\n          memory: 1G\n        reservations:\n          memory: 512M\n          cpus: "0.25"\n',
      errors: [
        {
          message: 'has no CPU limit',
          fixes: [{ output: 'services:\n  web:\n    image: nginx:1.27\n    deploy:\n      resources:\n        limits:\n          memory: 1G\n          cpus: "0.5"\n        reservations:\n          memory: 512M\n          cpus: "0.25"\n' }],
        },
      ],
    },
    {
      name: 'reservations above the default limits are reused as limits',
      code: 'services:\n  db:\n    image: postgres:16\n    deploy:\n      resources:\n        reservations: {memory: 1g, cpus: "2"}\n',
      errors: [{ fixes: [{ title: '(1g, 2 CPU)', output: 'services:\n  db:\n    image: postgres:16\n    deploy:\n      resources:\n        limits:\n          cpus: "2"\n          memory: 1g\n        reservations: {memory: 1g, cpus: "2"}\n' }] }],
    },
    {
      name: 'legacy keys: the missing legacy key is added',
      code: 'services:\n  web:\n    image: nginx:1.27\n    mem_limit: 512m\n',
      errors: [{ message: 'has no CPU limit', fixes: [{ title: 'legacy', output: 'services:\n  web:\n    image: nginx:1.27\n    mem_limit: 512m\n    cpus: "0.5"\n' }] }],
    },
    {
      name: 'merge key without deploy: no fix (would shadow the anchor)',
      code: 'x-base: &base\n  deploy:\n    replicas: 2\nservices:\n  web:\n    <<: *base\n    image: nginx:1.27\n',
      errors: [{ fixes: [] }],
    },
    {
      name: 'CRLF and flow-style service',
      code: 'services:\r\n  web: {image: "nginx:1.27"}\r\n',
      errors: [{ fixes: [{ output: 'services:\r\n  web: {image: "nginx:1.27", deploy: {resources: {limits: {cpus: "0.5", memory: 256M}, reservations: {cpus: "0.1", memory: 128M}}}}\r\n' }] }],
    },
    {
      // A CRLF text cut after its last `\r`: YAML reads no line break there, so the block must not follow it directly.
      name: 'CRLF text ending in a lone CR',
      code: 'services:\r\n  web:\r\n    image: nginx:1.27\r',
      errors: [{ fixes: [{ output: 'services:\r\n  web:\r\n    image: nginx:1.27\r\n' + deployBlock('    ', '  ').replace(/\n/g, '\r\n').slice(0, -2) }] }],
    },
  ],
});

ruleTester(composeSetResourceLimits, {
  valid: [
    {
      name: '`!override` replaces the limits: they are set',
      code: 'services:\n  web:\n    image: nginx:1.27\n    deploy: !override\n      resources:\n        limits:\n          cpus: "0.5"\n          memory: 256M\n',
    },
  ],
  invalid: [
    {
      name: 'a null limit is no limit',
      code: 'services:\n  web:\n    image: nginx:1.27\n    mem_limit:\n    cpus: ~\n    deploy:\n      resources:\n        limits:\n          memory: null\n',
      errors: [{ message: 'Service `web` has no resource limits', line: 2, fixes: [] }],
    },
    {
      name: '`!reset` unsets deploy, legacy keys and nested limits; no fix fills a reset field in',
      code: 'services:\n  web:\n    image: nginx:1.27\n    deploy: !reset null\n  api:\n    image: api:1\n    mem_limit: !reset 1g\n    cpus: !reset "1"\n  worker:\n    image: worker:1\n    deploy:\n      resources:\n        limits: !reset\n          cpus: "0.5"\n          memory: 1G\n',
      errors: [
        { message: 'Service `web` has no resource limits', line: 2, fixes: [] },
        { message: 'Service `api` has no resource limits', line: 5, fixes: [] },
        { message: 'Service `worker` has no resource limits', line: 9, fixes: [] },
      ],
    },
  ],
});

ruleTester(composeSetResourceLimits, {
  valid: [
    { name: 'override file: the base file may set the limits', code: 'services:\n  web:\n    image: nginx:1.27\n    ports:\n      - "8080:80"\n', fileName: 'docker-compose.override.yml' },
    { name: 'a fragment with neither image nor build', code: 'services:\n  web:\n    environment:\n      DEBUG: "1"\n', fileName: 'compose.dev.yaml' },
  ],
  invalid: [{ name: 'a complete service in a base file', code: 'services:\n  web:\n    image: nginx:1.27\n', fileName: 'docker-compose.yml', errors: [{ line: 2 }] }],
});

const override = (svc: string) => `services:\n  web:\n${svc}`;
ruleTester(composeSetResourceLimits, {
  valid: [
    { name: 'override file: a reset replaced in the same file', code: override('    mem_limit: !reset\n    cpus: !reset\n    deploy:\n      resources:\n        limits: {memory: 1G, cpus: "1"}\n'), fileName: 'docker-compose.override.yml' },
    { name: 'override file: deploy reset, legacy limits set here', code: override('    deploy: !reset\n    mem_limit: 1g\n    cpus: 1\n'), fileName: 'docker-compose.override.yml' },
    { name: 'override file: a CPU reset when no CPU limit is required', options: { requireCpuLimit: false }, code: override('    cpus: !reset\n'), fileName: 'docker-compose.override.yml' },
    { name: 'override file: reservations reset only', code: override('    deploy:\n      resources:\n        reservations: !reset {}\n'), fileName: 'docker-compose.override.yml' },
    { name: 'override file: `!override` on deploy with limits', code: override('    deploy: !override\n      resources:\n        limits: {memory: 1G, cpus: "1"}\n'), fileName: 'docker-compose.override.yml' },
    { name: 'override file: `!override` on a legacy limit sets it', code: override('    mem_limit: !override 1g\n'), fileName: 'docker-compose.override.yml' },
    { name: 'a service that extends one missing from the file: nothing inherited to remove', code: override('    extends: base\n    deploy: !reset\n') },
    { name: 'a service that extends another: a reset limit set again', code: override('    extends: base\n    deploy: !reset\n    mem_limit: 1g\n    cpus: 1\n') },
  ],
  invalid: [
    {
      name: 'override file: `!reset` on deploy, a legacy key or a nested key removes the base file\'s limits',
      code: 'services:\n  web:\n    deploy: !reset\n  api:\n    mem_limit: !reset\n    cpus: "1"\n  worker:\n    mem_limit: 1g\n    deploy:\n      resources:\n        limits:\n          cpus: !reset null\n',
      fileName: 'docker-compose.override.yml',
      errors: [
        {
          message: 'Service `web`: `deploy: !reset` removes the resource limits the base file sets; this file sets none in their place.',
          severity: 'warning',
          line: 3,
          column: 5,
          endColumn: 11,
          fixes: [],
        },
        { message: 'Service `api`: `mem_limit: !reset` removes the memory limit the base file sets; this file sets none in its place.', line: 5 },
        { message: 'Service `worker`: `deploy.resources.limits.cpus: !reset` removes the CPU limit the base file sets; this file sets none in its place.', line: 12 },
      ],
    },
    {
      name: 'a service that extends another: `!reset` removes the inherited limits (Compose resets them before merging)',
      code: 'services:\n  base:\n    image: app:1\n    mem_limit: 1g\n    cpus: 1\n  web:\n    extends: {service: base}\n    mem_limit: !reset\n    cpus: 2\n  api:\n    extends: web\n    cpus: !reset\n',
      errors: [
        { message: 'Service `web`: `mem_limit: !reset` removes the memory limit service `base` sets; this file sets none in its place.', line: 8, fixes: [] },
        { message: 'Service `api`: `cpus: !reset` removes the CPU limit service `web` sets; this file sets none in its place.', line: 12 },
      ],
    },
    {
      name: 'a service that extends another in the file: the reset is worded after what the chain sets (the parent reported on its own, once)',
      code: 'services:\n  base:\n    image: app:1\n    mem_limit: 1g\n  web:\n    extends: base\n    deploy: !reset\n  api:\n    extends: base\n    cpus: !reset\n  mid:\n    extends: base\n  worker:\n    extends: mid\n    mem_limit: !reset\n',
      errors: [
        { message: 'Service `base` has no CPU limit', line: 2 },
        { message: 'Service `web`: `deploy: !reset` removes the memory limit service `base` sets; this file sets none in its place.', line: 7, fixes: [] },
        { message: 'Service `api`: `cpus: !reset` removes no CPU limit, as service `base` it extends has none in this file; the service runs without one.', line: 10 },
        { message: 'Service `worker`: `mem_limit: !reset` removes the memory limit service `mid` inherits from service `base`; this file sets none in its place.', line: 15 },
      ],
    },
    {
      name: 'a service that extends another in the file: limits from different services on the chain',
      code: 'services:\n  base:\n    image: app:1\n    mem_limit: 1g\n    cpus: 1\n  mid:\n    extends: base\n    cpus: 2\n  web:\n    extends: mid\n    deploy: !reset\n',
      errors: [{ message: 'Service `web`: `deploy: !reset` removes the memory limit service `mid` inherits from service `base` and the CPU limit service `mid` sets; this file sets none in their place.', line: 11 }],
    },
    {
      name: 'override file: `!override` replaces the base file\'s deploy or limits whole: what it leaves out is removed',
      code: 'services:\n  web:\n    deploy: !override\n      replicas: 2\n  api:\n    deploy:\n      resources:\n        limits: !override\n          memory: 1G\n',
      fileName: 'docker-compose.override.yml',
      errors: [
        { message: 'Service `web`: `deploy: !override` removes the resource limits the base file sets; this file sets none in their place.', line: 3, fixes: [] },
        { message: 'Service `api`: `deploy.resources.limits: !override` removes the CPU limit the base file sets; this file sets none in its place.', line: 8 },
      ],
    },
    {
      name: 'override file: `!override` with no value sets no limit',
      code: override('    mem_limit: !override\n    cpus: !override null\n'),
      fileName: 'docker-compose.override.yml',
      errors: [
        { message: 'Service `web`: `mem_limit: !override` removes the memory limit the base file sets; this file sets none in its place.', line: 3 },
        { message: 'Service `web`: `cpus: !override` removes the CPU limit the base file sets; this file sets none in its place.', line: 4 },
      ],
    },
    {
      name: 'override file: one finding per reset; only the limit not set again is named',
      code: override('    deploy:\n      resources: !reset {}\n    mem_limit: 512m\n    cpu_quota: !reset\n'),
      fileName: 'compose.override.yaml',
      errors: [
        { message: '`deploy.resources: !reset` removes the CPU limit the base file sets', line: 4 },
        { message: '`cpu_quota: !reset` removes the CPU limit the base file sets', line: 6 },
      ],
    },
  ],
});
