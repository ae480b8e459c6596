// Time complexity of the engine core (pragmas, fixes, commit messages) on large, valid files
// (see scaling.ts): each growing structure must cost about linear time.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { formatText } from '../../server/src/cli/format';
import { assertLinearScaling, FACTOR, MAX_RATIO, type GrowingInput } from './scaling';
import { timedMs } from './timing';

const repeat = (n: number, line: (i: number) => string): string => Array.from({ length: n }, (_, i) => line(i)).join('');

const inputs: GrowingInput[] = [
  {
    name: 'pragma lines above one instruction',
    fileName: 'Dockerfile',
    n: 3000,
    text: (n) => 'FROM debian:12\n' + repeat(n, () => '# infra-guide ignore=dockerfile/use-exec-form -- started by tini\n') + 'CMD node server.js\n',
  },
  {
    // A footer's issues with blanks between them and a word after them (`Refs 1   2   and 3`): the loose
    // `Refs` regex it is matched with backtracked over every way to split the blanks.
    name: 'blanks in a loose Refs footer',
    fileName: 'COMMIT_EDITMSG',
    n: 200,
    text: (n) => `feat(#1): Add a thing\n\n- Bullet\n\nRefs 1${' '.repeat(n)}and 2\n`,
  },
  {
    name: 'blanks in the subject',
    fileName: 'COMMIT_EDITMSG',
    n: 4000,
    text: (n) => `feat(#1): Add${' '.repeat(n)}a thing\n\n- Bullet\n\nRefs #1\n`,
  },
  {
    name: 'blanks in a pragma\'s reason',
    fileName: 'Dockerfile',
    n: 6000,
    text: (n) => `FROM debian:12\n# infra-guide ignore=dockerfile/use-exec-form -- tini${' '.repeat(n)}handles signals\nCMD node server.js\n`,
  },
  {
    name: 'blanks after a pragma\'s rule id',
    fileName: 'Dockerfile',
    n: 6000,
    text: (n) => `FROM debian:12\n# infra-guide ignore=dockerfile/use-exec-form${' '.repeat(n)}tini handles signals\nCMD node server.js\n`,
  },
  {
    name: 'trailers and no Refs footer',
    fileName: 'COMMIT_EDITMSG',
    n: 10000,
    text: (n) => 'feat(#1): Add a thing\n\n- Bullet\n\n' + repeat(n, (i) => `Acked-by: P${i}\n`),
  },
  {
    // A directive given twice fails the build, but the editor lints the file as it is typed.
    name: 'repeated parser directives and unused pragmas',
    fileName: 'Dockerfile',
    n: 300,
    text: (n) => repeat(n, () => '# syntax=docker/dockerfile:1\n') + repeat(n, () => '# infra-guide ignore=dockerfile/use-exec-form -- r\n') + 'FROM debian:12\n',
  },
  {
    // A hex signature after a URL: every position of it starts a search for `scheme://`.
    name: 'hex digits in a URL value',
    fileName: 'Dockerfile',
    n: 8000,
    text: (n) => `FROM debian:12\nENV CALLBACK_URL=https://example.org/hook?sig=${'0af3'.repeat(n / 4)}&by=ci@example.org\n`,
  },
  {
    // Each pragma's fix is checked by parsing the document again with it applied.
    name: 'trailing pragmas in one document',
    fileName: 'config.yaml',
    n: 50,
    text: (n) => 'data:\n' + repeat(n, (i) => `  k${i}: v # infra-guide ignore=kubernetes/pin-image-version -- x\n`),
  },
  {
    name: 'blanks in the subject\'s scope',
    fileName: 'COMMIT_EDITMSG',
    n: 4000,
    text: (n) => `feat(${' '.repeat(n)}#1 x): Add a thing\n\n- Bullet\n\nRefs #1\n`,
  },
];

for (const input of inputs) {
  test(`linear time: ${input.fileName} with many ${input.name}`, () => assertLinearScaling(input));
}

/** The fastest of three text outputs of one finding whose message holds `n` blanks in a row. */
function textOutputMs(n: number): number {
  // Rules quote a user's text in messages: a loose footer line, `refs` + blanks + `1`, say.
  const message = `The footer \`refs${' '.repeat(n)}1\` is not written as the guide's: write \`Refs #1\`.`;
  const range = { start: { line: 4, character: 0 }, end: { line: 4, character: n + 5 } };
  const results = [{ path: '/w/COMMIT_EDITMSG', kind: 'commit-message' as const, findings: [{ ruleId: 'commit/refs-footer', severity: 'warning' as const, message, range, fixes: [] }] }];
  return Math.min(...[0, 1, 2].map(() => timedMs(() => formatText('/w', results, { color: false, fileCount: 1 })).ms));
}

test('linear time: text output of a message with many blanks in a row', () => {
  textOutputMs(4000);
  const smallMs = Math.max(textOutputMs(4000), 1);
  const largeMs = textOutputMs(4000 * FACTOR);
  assert.ok(largeMs / smallMs <= MAX_RATIO, `${FACTOR}× the blanks took ${(largeMs / smallMs).toFixed(1)}× the time (${smallMs.toFixed(0)} → ${largeMs.toFixed(0)} ms)`);
});
