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
});
