import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { parseDockerfile } from '../model';
import { stageWorkdirs } from './workdir';

describe('stageWorkdirs', () => {
  it('gives the working directory before each instruction of the stage, and at its end', () => {
    const doc = parseDockerfile('FROM alpine AS base\nWORKDIR /app\nCOPY a .\nWORKDIR src\nWORKDIR\nRUN make\nFROM base\nCOPY b .\n');
    const [base, child] = doc.stages;
    // A stage's instructions are the ones after its FROM.
    const [workdir, copy, relative, empty, run] = base!.instructions;
    const { before, end } = stageWorkdirs(doc, base!);
    assert.deepEqual(before.get(workdir!), { set: false, anchored: false, path: undefined, fromRoot: '/' });
    assert.equal(before.get(copy!)?.path, '/app');
    assert.equal(before.get(relative!)?.path, '/app');
    // An empty WORKDIR changes nothing.
    assert.equal(before.get(empty!)?.path, '/app/src');
    assert.equal(before.get(run!)?.path, '/app/src');
    assert.equal(end.path, '/app/src');
    // A stage built FROM another starts where that one ended; other stages' instructions are not its own.
    const inherited = stageWorkdirs(doc, child!);
    assert.equal(inherited.before.get(child!.instructions[0]!)?.path, '/app/src');
    assert.equal(inherited.before.get(copy!), undefined);
    assert.equal(before.get(child!.instructions[0]!), undefined);
  });
});
