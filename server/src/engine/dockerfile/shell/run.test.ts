import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { parseDockerfile, type DockerfileDoc } from '../model';
import { parseRun } from './run';

/** Whether one of the document's memo tables holds a parse of `ins`. */
function keeps(doc: DockerfileDoc, ins: unknown): boolean {
  return [...doc.memos.values()].some((v) => v instanceof Map && v.has(ins));
}

describe('parseRun', () => {
  it('keeps each parse in its own document, asked about in any order', () => {
    // The table of the last document asked about is remembered: asking about another must not reuse it.
    const a = parseDockerfile('FROM alpine\nRUN apk add curl\nRUN echo a\n');
    const b = parseDockerfile('FROM alpine\nRUN apk add git\n');
    const [, a1, a2] = a.instructions;
    const [, b1] = b.instructions;
    const first = parseRun(a, a1!);
    const other = parseRun(b, b1!);
    assert.equal(parseRun(a, a1!), first);
    assert.equal(parseRun(b, b1!), other);
    assert.equal(parseRun(a, a2!)?.commands[0]?.name, 'echo');
    assert.deepEqual(other?.commands[0]?.argv.map((w) => w.value), ['apk', 'add', 'git']);
    assert.ok(keeps(a, a1) && keeps(a, a2) && keeps(b, b1));
    assert.ok(!keeps(a, b1) && !keeps(b, a1) && !keeps(b, a2));
  });
});
