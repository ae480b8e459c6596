import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { join } from 'node:path';

/**
 * Runs a child that writes 4 MiB of numbered lines (strings and bytes, one after the other) to
 * standard output, then a line to standard error, and exits with code 3. `nonBlocking`: its standard
 * output is switched to non-blocking mode first, so that a full pipe answers EAGAIN. The parent
 * reads nothing for a while: the pipe fills up.
 */
async function run(nonBlocking: boolean): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const stdio = JSON.stringify(join(__dirname, 'stdio.js'));
  const script = `const { exitOnceWritten, writeStd } = require(${stdio});
if (${nonBlocking}) new (require('node:net').Socket)({ fd: 1, readable: false, writable: true });
const line = 'x'.repeat(1000) + '\\n';
for (let i = 0; i < 4096; i++) writeStd(1, i % 2 === 0 ? i + line : Buffer.from(i + line));
writeStd(2, 'done\\n');
process.exitCode = 3;
exitOnceWritten();
`;
  const child = spawn(process.execPath, ['-e', script], { stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout.pause();
  setTimeout(() => child.stdout.resume(), 300);
  const out: Buffer[] = [];
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => out.push(d));
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString('utf8')));
  const code = await new Promise<number | null>((done) => child.on('close', (c) => done(c)));
  return { code, stdout: Buffer.concat(out).toString('utf8'), stderr };
}

function assertAllLines(stdout: string): void {
  const lines = stdout.split('\n');
  assert.equal(lines.length, 4097);
  lines.slice(0, -1).forEach((l, i) => assert.equal(l, `${i}${'x'.repeat(1000)}`, `line ${i}`));
}

test('output written straight to a pipe arrives whole and in order, and the run keeps its exit code', async () => {
  const r = await run(false);
  assert.equal(r.code, 3, r.stderr);
  assert.equal(r.stderr, 'done\n');
  assertAllLines(r.stdout);
});

test('a pipe that refuses a blocking write (EAGAIN) gets the rest through the stream, in order', { skip: process.platform === 'win32' ? 'streams only on Windows' : false }, async () => {
  const r = await run(true);
  assert.equal(r.code, 3, r.stderr);
  assert.equal(r.stderr, 'done\n');
  assertAllLines(r.stdout);
});
