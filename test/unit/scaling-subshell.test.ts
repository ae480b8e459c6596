// Time and memory complexity of deep nesting in Dockerfile RUNs (see scaling.ts): each command
// knows the shells enclosing it, which must cost about linear time and memory in how deep they
// nest, also in the rules that read them; so must nested words over many continued lines.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Linter } from '../../server/src/engine/lint';
import { exposeGc } from '../../server/src/engine/testing/gc';
import { assertLinearScaling, type GrowingInput } from './scaling';

/** A RUN of `n` nested subshells, each holding `commands`, with an `npm install` innermost after a copied lockfile. */
const nestedRun = (n: number, commands: string): string =>
  'FROM node:20\nWORKDIR /app\nCOPY package*.json ./\nRUN ' + `(${commands}; \\\n`.repeat(n) + 'npm install' + ' \\\n)'.repeat(n) + '\n';

const inputs: GrowingInput[] = [
  {
    name: 'nested subshells each holding a command, in one RUN with npm',
    fileName: 'Dockerfile',
    n: 2000,
    text: (n) => nestedRun(n, 'make'),
  },
  {
    name: 'nested subshells each moving one directory deeper, in one RUN with npm',
    fileName: 'Dockerfile',
    n: 2000,
    text: (n) => nestedRun(n, 'cd a && make'),
  },
  {
    name: 'nested command substitutions, one per continued line of a RUN',
    fileName: 'Dockerfile',
    n: 12800,
    text: (n) => 'FROM debian:12\nRUN echo ' + '$(echo \\\n'.repeat(n) + 'x' + ') \\\n'.repeat(n) + '\n',
  },
];

for (const input of inputs) {
  test(`linear time: ${input.fileName} with many ${input.name}`, () => assertLinearScaling(input));
}

test('a 1.5 MB RUN of nested subshells each holding a command lints in memory linear in its size', (t) => {
  const gc = exposeGc();
  if (!gc) return t.skip('cannot expose the garbage collector');
  const text = nestedRun(120_000, 'make');
  assert.ok(text.length > 1_500_000);
  const linter = new Linter();
  gc();
  const before = process.memoryUsage().heapUsed;
  const findings = linter.lint({ fileName: 'Dockerfile', text }).findings;
  gc();
  // The linter's caches keep the RUN's commands: ~100 bytes per character of the file. An array
  // of the enclosing shells per command kept 150,000²/2 numbers (the process ran out of memory).
  const kept = process.memoryUsage().heapUsed - before;
  assert.ok(kept < 100 * text.length, `${(kept / 1e6).toFixed(0)} MB kept for a file of ${(text.length / 1e6).toFixed(1)} MB`);
  assert.ok(findings.some((f) => f.ruleId === 'dockerfile/use-npm-ci'));
});
