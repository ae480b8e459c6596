import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { Linter } from '../lint';
import { expandsTooLong, MAX_EXPANDED_LENGTH, parseDockerfile, substituteVariables } from './model';

describe('parseDockerfile', () => {
  it('keeps the global ARGs of one document out of the images of the next', () => {
    // Documents without global ARGs share their ARG tables: one with ARGs must not write to them.
    const withArgs = parseDockerfile('ARG TARGETARCH=arm64\nARG BASE\nARG TAG=${BASE}\nFROM foo:${TARGETARCH}\nFROM bar:${TAG}\n');
    assert.equal(withArgs.stages[0]!.image.resolved, 'foo:arm64');
    assert.deepEqual(withArgs.stages[1]!.image.unknownVariables, ['BASE']);
    for (let i = 0; i < 2; i++) {
      const plain = parseDockerfile('FROM foo:${TARGETARCH}\nFROM bar:${TAG}\n');
      assert.equal(plain.stages[0]!.image.resolved, undefined);
      assert.deepEqual(plain.stages[0]!.image.unknownVariables, []);
      assert.equal(plain.stages[0]!.image.perPlatform, 'foo:${TARGETARCH}');
      assert.deepEqual(plain.stages[1]!.image.unknownVariables, ['TAG']);
      assert.equal(plain.globalArgs.size, 0);
    }
    // And the next document with ARGs starts from the predefined values again.
    const other = parseDockerfile('ARG TAG=1\nFROM foo:${TARGETARCH}-${TAG}\n');
    assert.equal(other.stages[0]!.image.perPlatform, 'foo:${TARGETARCH}-1');
  });

  it('gives each image its reference parts and the variables it lacks', () => {
    const doc = parseDockerfile('ARG TAG\nFROM ghcr.io/org/app:1.2@sha256:abc AS base\nFROM base\nFROM node:${TAG}\n');
    const [image, stage, unknown] = doc.stages.map((s) => s.image);
    assert.deepEqual(Object.keys(image!), ['raw', 'resolved', 'unknownVariables', 'perPlatform', 'registry', 'repository', 'tag', 'digest', 'isScratch', 'stageRef']);
    assert.deepEqual({ ...image!, stageRef: undefined }, {
      raw: 'ghcr.io/org/app:1.2@sha256:abc',
      resolved: 'ghcr.io/org/app:1.2@sha256:abc',
      unknownVariables: [],
      perPlatform: undefined,
      registry: 'ghcr.io',
      repository: 'org/app',
      tag: '1.2',
      digest: 'sha256:abc',
      isScratch: false,
      stageRef: undefined,
    });
    assert.equal(stage!.stageRef, doc.stages[0]);
    assert.deepEqual(unknown!.unknownVariables, ['TAG']);
  });

  it('names each variable without a default once, however the ARGs using it chain', () => {
    // Each ARG uses the two before it: listed per use, the names grew like Fibonacci numbers.
    const chain = Array.from({ length: 24 }, (_, i) => `ARG A${i + 2}=\${A${i + 1}}\${A${i}}\n`).join('');
    const doc = parseDockerfile('ARG A0\nARG A1=${A0}\n' + chain + 'FROM foo:${A25}\n');
    assert.deepEqual(doc.stages[0]!.image.unknownVariables, ['A0']);
  });

  it('lists the keyword of every instruction, of the document and of each stage, in order', () => {
    // Rules read `keywords[i]` instead of `instructions[i].getKeyword()`: both must always agree.
    const keywords = ['FROM', 'from', 'RUN', 'run', 'COPY', 'ADD', 'ARG', 'ENV', 'USER', 'WORKDIR', 'CMD', 'ENTRYPOINT', 'ONBUILD RUN', 'ONBUILD COPY', 'LABEL', 'EXPOSE', 'SHELL', 'VOLUME', 'HEALTHCHECK', 'STOPSIGNAL', 'MAINTAINER', 'Bogus'];
    let seed = 7;
    const next = (n: number): number => ((seed = (seed * 1103515245 + 12345) % 2147483648), seed % n);
    for (let round = 0; round < 300; round++) {
      const lines: string[] = [];
      const count = next(14);
      for (let i = 0; i < count; i++) {
        const kw = keywords[next(keywords.length)]!;
        const arg = next(4) === 0 ? `x \\\n  y` : next(3) === 0 ? '["a", "b"]' : 'a:1 b';
        lines.push(next(5) === 0 ? `# comment\n${kw} ${arg}` : `${kw} ${arg}`);
      }
      const doc = parseDockerfile(lines.join('\n') + '\n');
      assert.deepEqual(doc.keywords, doc.instructions.map((ins) => ins.getKeyword()));
      for (const stage of doc.stages) assert.deepEqual(stage.keywords, stage.instructions.map((ins) => ins.getKeyword()));
      const inStages = doc.stages.reduce((n, s) => n + 1 + s.instructions.length, 0);
      const beforeFrom = doc.keywords.indexOf('FROM');
      assert.equal(inStages, beforeFrom < 0 ? 0 : doc.instructions.length - beforeFrom);
    }
  });
});

describe('variable expansion', () => {
  /** `<keyword> A1=<first><first>`, then `count - 1` variables each doubling the one before. */
  const doubling = (keyword: string, first: string, count: number): string =>
    Array.from({ length: count }, (_, i) => `${keyword} A${i + 1}=` + (i === 0 ? `${first}${first}` : `\${A${i}}\${A${i}}`) + '\n').join('');

  /** Lints `text`, failing on a rule error, or a message long enough to quote an expansion over the limit. */
  const lintShort = (text: string): void => {
    for (const f of new Linter({ throwOnRuleError: true }).lint({ fileName: 'Dockerfile', text }).findings) {
      assert.ok(f.message.length < MAX_EXPANDED_LENGTH, `${f.ruleId}: a message of ${f.message.length} characters`);
    }
  };

  it('keeps a global ARG default that would expand too long as written, and every ARG using it', () => {
    // Expanded, the 30 doublings were over V8's string limit: the lint threw (28 took 17 s).
    const text = doubling('ARG', 'x', 30) + 'FROM img:${A30}\nUSER app\n';
    const doc = parseDockerfile(text);
    assert.equal(doc.globalArgs.get('A12'), 'x'.repeat(MAX_EXPANDED_LENGTH));
    assert.equal(doc.globalArgs.get('A13'), '${A12}${A12}');
    assert.equal(doc.globalArgs.get('A30'), '${A29}${A29}');
    assert.equal(doc.stages[0]!.image.resolved, 'img:${A29}${A29}');
    lintShort(text);
  });

  it('keeps a global ARG default as written when the platform ARGs would expand it too long', () => {
    // Unknown in `globalArgs`, `${TARGETARCH}` doubled in the platform variables instead.
    const doc = parseDockerfile(doubling('ARG', '${TARGETARCH}', 30) + 'FROM img:${A30}\n');
    assert.equal(doc.globalArgs.get('A30'), '${A29}${A29}');
    assert.equal(doc.stages[0]!.image.resolved, 'img:${A29}${A29}');
  });

  it('keeps a global ARG default using one long value as written', () => {
    // Each `ARG A<i>=${BIG}y` copied BIG: 60,000 of them after a 30,000-character BIG took 3.5 GB.
    const big = 'x'.repeat(MAX_EXPANDED_LENGTH);
    const doc = parseDockerfile(`ARG BIG=${big}\nARG SAME=\${BIG}\nARG A=\${BIG}y\nFROM img\n`);
    assert.equal(doc.globalArgs.get('SAME'), big);
    assert.equal(doc.globalArgs.get('A'), '${BIG}y');
  });

  it('takes a stage variable that would expand too long as unknown', () => {
    // Each `ENV A<i+1>=${A<i>}${A<i>}` doubled the time to find the variables of the ADD below.
    lintShort('FROM debian:12\n' + doubling('ENV', 'x', 30) + 'ADD ${A30} /app/\nADD ${A12}.tar.gz /app/\nUSER ${A30}\n');
  });
});

describe('substituteVariables', () => {
  const vars = new Map<string, string | null>([['A', 'x'.repeat(MAX_EXPANDED_LENGTH)], ['B', 'b']]);

  it('answers a value without a `$` as written, whatever its length', () => {
    const unknown: string[] = [];
    const long = 'y'.repeat(MAX_EXPANDED_LENGTH + 1);
    assert.equal(substituteVariables('node:20', vars, unknown), 'node:20');
    assert.equal(substituteVariables(long, vars, unknown), long);
    assert.deepEqual(unknown, []);
    assert.equal(expandsTooLong(long, vars), true);
    assert.equal(expandsTooLong('node:20', vars), false);
  });

  it('still expands, names unknown variables and keeps too long expansions as written', () => {
    const unknown: string[] = [];
    assert.equal(substituteVariables('img:${B}-$C', vars, unknown), undefined);
    assert.deepEqual(unknown, ['C']);
    assert.equal(substituteVariables('img:${B}', vars), 'img:b');
    assert.equal(substituteVariables('${A}-${A}', vars), '${A}-${A}');
    assert.equal(expandsTooLong('${A}-${A}', vars), true);
  });
});
