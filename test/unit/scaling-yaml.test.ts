// Time complexity of the YAML packs (Kubernetes, Compose, generic YAML) on large, valid files
// (see scaling.ts): each growing structure below once cost superlinear time.
import { test } from 'node:test';
import { assertLinearScaling, type GrowingInput } from './scaling';

const repeat = (n: number, line: (i: number) => string): string => Array.from({ length: n }, (_, i) => line(i)).join('');

const inputs: GrowingInput[] = [
  {
    // Each service's `!reset` is judged along its `extends:` chain: the chain was walked from
    // each service, looking each name up among all services.
    name: 'services each extending the one before and resetting its healthcheck and limits',
    fileName: 'compose.yaml',
    n: 60,
    text: (n) =>
      'services:\n  s0:\n    image: nginx:1.27\n    healthcheck:\n      test: ["CMD", "true"]\n    mem_limit: 1g\n' +
      repeat(n, (i) => `  s${i + 1}:\n    extends: s${i}\n    healthcheck: !reset {}\n    deploy: !reset {}\n`),
  },
  {
    // A document with a syntax error is looked at for template syntax: each `{{` was followed
    // to the next `}`, to the end of the file when there is none.
    name: 'commented-out lines with an unclosed `{{` after a syntax error',
    fileName: 'values.yaml',
    n: 400,
    text: (n) => 'list: [\n' + repeat(n, (i) => `# line ${i}: {{ value ${i} of a long commented-out line\n`),
  },
  {
    // Content classification looked for an indented `image:`/`build:` from every line start,
    // each time across all the blank lines below it.
    name: 'blank lines in a file with a `services:` mapping',
    fileName: 'config.yaml',
    n: 4000,
    text: (n) => 'services:\n  web:\n    port: 80\n' + '\n'.repeat(n) + 'other: 1\n',
  },
  {
    // The same for an indented `rules:` below a top-level `groups:` (Prometheus rules).
    name: 'blank lines in a file with a `groups:` key',
    fileName: 'config.yaml',
    n: 4000,
    text: (n) => 'groups:\n  - name: web\n' + '\n'.repeat(n) + 'other: 1\n',
  },
];

for (const input of inputs) {
  test(`linear time: ${input.fileName} with many ${input.name}`, () => assertLinearScaling(input));
}
