// Time complexity of the engine on large, valid files of every kind (see scaling.ts): each
// growing structure must cost about linear time. The rule packs' own structures are in
// scaling-*.test.ts beside this file.
import { test } from 'node:test';
import { assertLinearScaling, type GrowingInput } from './scaling';

const repeat = (n: number, line: (i: number) => string): string => Array.from({ length: n }, (_, i) => line(i)).join('');

const inputs: GrowingInput[] = [
  {
    name: 'RUN instructions',
    fileName: 'Dockerfile',
    n: 300,
    text: (n) => 'FROM debian:12\n' + repeat(n, (i) => `RUN apt-get update && apt-get install -y curl${i} && rm -rf /var/lib/apt/lists/*\n`),
  },
  {
    // Each relative WORKDIR's path was worked out in full: quadratic in the chain (×89 before).
    name: 'relative WORKDIRs in a chain',
    fileName: 'Dockerfile',
    n: 1000,
    text: (n) => 'FROM alpine:3.20\n' + repeat(n, (i) => `WORKDIR d${i}\nCOPY f${i} .\n`),
  },
  {
    name: 'Pod documents',
    fileName: 'pods.yaml',
    n: 60,
    text: (n) => repeat(n, (i) => `---\napiVersion: v1\nkind: Pod\nmetadata:\n  name: p${i}\nspec:\n  containers:\n  - name: c\n    image: nginx\n`),
  },
  {
    name: 'services',
    fileName: 'compose.yaml',
    n: 100,
    text: (n) => 'services:\n' + repeat(n, (i) => `  s${i}:\n    image: nginx\n    environment:\n      - LOG_LEVEL=info\n`),
  },
  {
    name: 'body bullets',
    fileName: 'COMMIT_EDITMSG',
    n: 2000,
    text: (n) => 'feat(#1): Add a thing\n\n' + repeat(n, (i) => `- Bullet ${i}\n`) + '\nRefs #1\n',
  },
];

for (const input of inputs) {
  test(`linear time: ${input.fileName} with many ${input.name}`, () => assertLinearScaling(input));
}
