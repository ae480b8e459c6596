// Time complexity of the Dockerfile pack (see scaling.ts): each growing structure a rule or the
// shell parser loops over must cost about linear time, also when every repetition is reported.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Linter } from '../../server/src/engine/lint';
import { assertLinearScaling, FACTOR, MAX_RATIO, type GrowingInput } from './scaling';
import { timedMs } from './timing';

const repeat = (n: number, line: (i: number) => string): string => Array.from({ length: n }, (_, i) => line(i)).join('');

const inputs: GrowingInput[] = [
  {
    name: 'ENV + RUN npm ci pairs',
    fileName: 'Dockerfile',
    n: 500,
    text: (n) => 'FROM node:20\nWORKDIR /app\n' + repeat(n, (i) => `ENV V${i}=x NODE_ENV=development\nRUN npm ci\n`),
  },
  {
    name: 'exports + npm installs in one RUN',
    fileName: 'Dockerfile',
    n: 1000,
    text: (n) => 'FROM node:20\nWORKDIR /app\nRUN export NODE_ENV=development' + repeat(n, (i) => ` \\\n && export X${i}=1 && npm install`) + '\n',
  },
  {
    name: 'npm installs before npm prune in one RUN',
    fileName: 'Dockerfile',
    n: 1000,
    text: (n) => 'FROM node:20\nWORKDIR /app\nRUN true' + repeat(n, () => ' \\\n && npm install') + ' \\\n && npm prune --omit=dev\n',
  },
  {
    name: 'absolute WORKDIR + COPY + relative WORKDIR',
    fileName: 'Dockerfile',
    n: 3000,
    text: (n) => 'FROM node:20\n' + repeat(n, (i) => `WORKDIR /srv/d${i}\nCOPY . .\nWORKDIR sub\n`),
  },
  {
    name: 'COPY + RUN pairs before USER app',
    fileName: 'Dockerfile',
    n: 500,
    text: (n) => 'FROM debian:12\nRUN groupadd -r app && useradd -r -g app app\nWORKDIR /app\n' + repeat(n, (i) => `COPY src${i} ./src${i}\nRUN make -C src${i}\n`) + 'USER app\nCMD ["/app/run"]\n',
  },
  {
    name: 'named stages',
    fileName: 'Dockerfile',
    n: 3000,
    text: (n) => repeat(n, (i) => `FROM node:20 AS s${i}\n`),
  },
  {
    name: 'downloads in one RUN',
    fileName: 'Dockerfile',
    n: 4000,
    text: (n) => 'FROM debian:12\nRUN true' + repeat(n, (i) => ` \\\n && curl -o f${i} u`) + '\n',
  },
  {
    name: 'heredocs in a heredoc script',
    fileName: 'Dockerfile',
    n: 2000,
    text: (n) => 'FROM debian:12\nRUN <<EOF\nset -e\n' + repeat(n, (i) => `cat > /etc/f${i} <<X\nline ${i}\nX\n`) + 'EOF\n',
  },
  {
    name: 'FROM <previous stage> + COPY stages after USER app',
    fileName: 'Dockerfile',
    n: 1500,
    text: (n) => 'FROM debian:12 AS s0\nWORKDIR /app\nUSER app\n' + repeat(n, (i) => `FROM s${i} AS s${i + 1}\nCOPY src${i} ./\n`),
  },
  {
    name: 'stages FROM an image tagged by TARGETARCH',
    fileName: 'Dockerfile',
    n: 2000,
    text: (n) => repeat(n, (i) => `FROM img${i}:\${TARGETARCH} AS s${i}\n`),
  },
  {
    name: 'stages FROM one TARGETARCH reference their names start like',
    fileName: 'Dockerfile',
    n: 1000,
    text: (n) => repeat(n, (i) => `FROM base-\${TARGETARCH} AS base-s${i}\n`),
  },
  {
    name: 'stages FROM distinct TARGETARCH references their names start like',
    fileName: 'Dockerfile',
    n: 1500,
    text: (n) => repeat(n, (i) => `FROM base-\${TARGETARCH}-${i} AS base-s${i}\n`),
  },
  {
    name: 'global ARGs each using the one before and one without a default',
    fileName: 'Dockerfile',
    n: 1000,
    text: (n) => 'ARG A0\n' + repeat(n, (i) => `ARG A${i + 1}=\${A${i}}\${A0}\n`) + `FROM img:\${A${n}}\n`,
  },
  {
    // Expanded in full, the value grew with each ARG: the time was quadratic.
    name: 'global ARGs each appending to the value before',
    fileName: 'Dockerfile',
    n: 2000,
    text: (n) => 'ARG P=/bin\n' + repeat(n, (i) => `ARG P=\${P}:/opt/t${i}/bin\n`) + 'FROM img:${P}\n',
  },
  {
    name: 'ENV PATHs each appending to the PATH before, then an ADD',
    fileName: 'Dockerfile',
    // At 2000, the lines' own time hid part of the quadratic term (37×).
    n: 4000,
    text: (n) => 'FROM debian:12\nENV PATH=/bin\n' + repeat(n, (i) => `ENV PATH=$PATH:/opt/t${i}/bin\n`) + 'ADD ${PATH} /app/\n',
  },
  {
    name: 'pragmas inside one RUN',
    fileName: 'Dockerfile',
    n: 500,
    text: (n) => 'FROM debian:12\nRUN true' + repeat(n, (i) => ` \\\n  # infra-guide-disable-next-line dockerfile/pin-package-versions\n  && apt-get install -y p${i}`) + '\n',
  },
  {
    name: 'nested subshells in one RUN',
    fileName: 'Dockerfile',
    n: 4000,
    // One `(` per line: on a single line, 8n would be over the line length limit (not linted).
    text: (n) => 'FROM debian:12\nRUN ' + '( \\\n'.repeat(n) + 'true' + ' \\\n)'.repeat(n) + '\n',
  },
  {
    name: 'command substitutions in one `sh -c` word',
    fileName: 'Dockerfile',
    n: 2000,
    text: (n) => 'FROM debian:12\nRUN sh -c "' + repeat(n, (i) => `$(a${i})\\\n`) + '"\n',
  },
  {
    name: '`sh -c` commands in one RUN',
    fileName: 'Dockerfile',
    // At 5000 the small size took 7–30 ms, as V8 happened to optimise it, and the ratio ranged
    // from 9× to 24× (a CI failure); from 8000 on it stays at 7–9×.
    n: 8000,
    text: (n) => 'FROM debian:12\nRUN true' + repeat(n, (i) => ` \\\n && sh -c 'echo ${i}'`) + '\n',
  },
];

for (const input of inputs) {
  test(`linear time: ${input.fileName} with many ${input.name}`, () => assertLinearScaling(input));
}

// A file linted again as an equal copy (re-read from disk, sent again by an editor): a cache
// keyed by the last text compares a copy by value, a read of the whole text, so a cache that
// kept the first copy read it again on every call. assertLinearScaling lints one string object.
test('linear time: a Dockerfile with many continued lines in one RUN, linted again as an equal copy', () => {
  const text = (n: number): string => 'FROM debian:12\nRUN true' + repeat(n, (i) => ` \\\n && make t${i}`) + '\n';
  const linter = new Linter();
  /** The fastest of three lints of fresh copies, after a first one. */
  const relintMs = (n: number): number => {
    linter.lint({ fileName: 'Dockerfile', text: text(n) });
    const copies = [text(n), text(n), text(n)];
    return Math.min(...copies.map((copy) => timedMs(() => linter.lint({ fileName: 'Dockerfile', text: copy })).ms));
  };
  const n = 8000;
  relintMs(n);
  const small = Math.max(relintMs(n), 1);
  const ratio = relintMs(n * FACTOR) / small;
  assert.ok(ratio <= MAX_RATIO, `${FACTOR}× the input (n = ${n}) took ${ratio.toFixed(1)}× the time to lint again; linear is ~${FACTOR}×`);
});
