import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { parseDockerfile } from './model';

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
