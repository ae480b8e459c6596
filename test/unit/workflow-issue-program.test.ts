import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describeOutcome, runProgram } from '../../client/src/workflow/issue-program';
import { alive, script as scriptIn, waitFor } from './workflow-process';

const posix = process.platform !== 'win32';
let dir = '';

function script(name: string, body: string): string {
  return scriptIn(dir, name, body);
}

const opts = { timeoutMs: 10000, maxBuffer: 1024 * 1024 };

describe('runProgram (issue-list program)', { skip: !posix }, () => {
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'ig issue program '));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('runs a program whose path has spaces, arguments verbatim, and collects its output', async () => {
    const p = script('list issues.sh', 'printf "#%s %s\\n" 67 "$1"');
    const r = await runProgram(p, ['Configure Redis; echo pwned'], opts);
    assert.equal(r.kind, 'exited');
    assert.equal(r.kind === 'exited' && r.stdout, '#67 Configure Redis; echo pwned\n');
    assert.deepEqual(describeOutcome(p, r), {});
  });

  it('ends at once when cancelled, though a child of the program holds its output open, and kills that child', async () => {
    const pidFile = join(dir, 'child.pid');
    const p = script('hang.sh', `echo "#1 Foo"\nsleep 30 &\necho $! > '${pidFile}'\nwait`);
    const abort = new AbortController();
    const t0 = Date.now();
    const run = runProgram(p, [], { ...opts, signal: abort.signal });
    assert.ok(await waitFor(() => readFileSync(pidFile, { flag: 'a+' }).toString().trim() !== '', 3000));
    const child = Number(readFileSync(pidFile, 'utf8'));
    abort.abort();
    const r = await run;
    assert.equal(r.kind, 'cancelled');
    assert.ok(Date.now() - t0 < 5000, `took ${Date.now() - t0} ms`);
    assert.deepEqual(describeOutcome(p, r), { cancelled: true });
    assert.ok(await waitFor(() => !alive(child), 2000), 'the program\'s child is still running');
  });

  it('stops a program that outlives the time limit and says so', async () => {
    const p = script('slow.sh', 'sleep 30');
    const t0 = Date.now();
    const r = await runProgram(p, [], { ...opts, timeoutMs: 300 });
    assert.equal(r.kind, 'timeout');
    assert.ok(Date.now() - t0 < 3000);
    assert.match(describeOutcome(p, r, 300).problem ?? '', /did not finish within/);
  });

  it('stops a program that prints too much, and names that rather than a time-out', async () => {
    const p = script('yes.sh', 'exec yes "#1 Foo"');
    const r = await runProgram(p, [], { ...opts, maxBuffer: 64 * 1024 });
    assert.equal(r.kind, 'too-much-output');
    const problem = describeOutcome(p, r, 30000, 8 * 1024 * 1024).problem ?? '';
    assert.match(problem, /printed more than 8 MB/);
    assert.doesNotMatch(problem, /did not finish/);
  });

  it('gives the program no input to wait for', async () => {
    const p = script('reads.sh', 'read answer; echo "#2 got [$answer]"');
    const r = await runProgram(p, [], { ...opts, timeoutMs: 3000 });
    assert.equal(r.kind, 'exited');
    assert.equal(r.kind === 'exited' && r.stdout, '#2 got []\n');
  });

  it('takes the output of a program that exited and left a child holding it open', async () => {
    const pidFile = join(dir, 'daemon.pid');
    const p = script('daemon.sh', `echo "#3 Daemon"\nsleep 30 &\necho $! > '${pidFile}'\nexit 0`);
    const t0 = Date.now();
    const r = await runProgram(p, [], opts);
    assert.equal(r.kind, 'exited');
    assert.equal(r.kind === 'exited' && r.stdout, '#3 Daemon\n');
    assert.ok(Date.now() - t0 < 3000, `took ${Date.now() - t0} ms`);
    try {
      process.kill(Number(readFileSync(pidFile, 'utf8')), 'SIGKILL');
    } catch {
      // gone
    }
  });

  it('reports a missing program, a failing one with its redacted error line, and a killed one', async () => {
    const missing = join(dir, 'no such program');
    const m = await runProgram(missing, [], opts);
    assert.match(describeOutcome(missing, m).problem ?? '', /was not found/);
    const p = script('fail.sh', 'echo "fatal: bad credentials for token ghp_abcdefghijklmnopqrstuvwxyz012345" >&2\nexit 4');
    const f = await runProgram(p, [], opts);
    const problem = describeOutcome(p, f).problem ?? '';
    assert.match(problem, /failed \(exit 4\): fatal: bad credentials/);
    assert.doesNotMatch(problem, /ghp_/);
    const k = script('killed.sh', 'kill -9 $$');
    assert.match(describeOutcome(k, await runProgram(k, [], opts)).problem ?? '', /failed \(killed by SIGKILL\)/);
  });
});

describe('describeOutcome', () => {
  it('redacts a failing program\'s error line before shortening it, so no part of a cut token shows', () => {
    const token = 'ghp_' + 'Z9y8X7w6V5u4T3s2R1q0P9o8N7m6L5k4J3i2';
    const stderr = `\x1b[31merror:\x1b[0m ${'x'.repeat(170)} rejected ${token}\n`;
    const problem = describeOutcome('/bin/list', { kind: 'exited', code: 1, signal: null, stdout: '', stderr }).problem ?? '';
    assert.match(problem, /failed \(exit 1\): error: x+/);
    assert.ok(!problem.includes('ghp_Z9') && !problem.includes('\x1b'), problem);
  });
});
