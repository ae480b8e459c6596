import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runValidatorPlan } from '../../client/src/workflow/validator-run';
import type { ValidatorTaskPlan } from '../../client/src/workflow/validators';
import { alive, script, waitFor } from './workflow-process';

const posix = process.platform !== 'win32';
let dir = '';

function helmPlan(program: string, cwd = ''): ValidatorTaskPlan {
  return { validator: 'helm-lint', name: 'helm lint', detail: '', files: [cwd ? `${cwd}/Chart.yaml` : 'Chart.yaml'], steps: [{ program, args: ['lint', '.'], cwd, parse: true }] };
}

function io() {
  const out: string[] = [];
  return { out, text: () => out.join(''), write: (s: string) => out.push(s), debug: () => undefined, info: () => undefined };
}

describe('runValidatorPlan (validation task programs)', { skip: !posix }, () => {
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'ig validator run '));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('runs a step in its folder without colours and prints the problems it finds', async () => {
    mkdirSync(join(dir, 'charts', 'web'), { recursive: true });
    const p = script(dir, 'helm.sh', 'echo "[ERROR] templates/x.yaml: bad ($(basename "$PWD") NO_COLOR=$NO_COLOR)"\nexit 1');
    const w = io();
    const code = await runValidatorPlan(helmPlan(p, 'charts/web'), dir, w, new AbortController().signal);
    assert.equal(code, 1);
    assert.match(w.text(), /^\[infra-guide\] error charts\/web\/templates\/x\.yaml:1:1: bad \(web NO_COLOR=1\)$/m);
    assert.match(w.text(), /helm lint: failed, 1 problem\(s\)\./);
  });

  it('stopped: ends at once, writes nothing more and kills the programs the validator started', async () => {
    const pidFile = join(dir, 'plugin.pid');
    const p = script(dir, 'hang.sh', `sleep 30 &\necho $! > '${pidFile}'\nwait`);
    const abort = new AbortController();
    const w = io();
    const t0 = Date.now();
    const run = runValidatorPlan(helmPlan(p), dir, w, abort.signal);
    assert.ok(await waitFor(() => readFileSync(pidFile, { flag: 'a+' }).toString().trim() !== '', 3000));
    const child = Number(readFileSync(pidFile, 'utf8'));
    const written = w.out.length;
    abort.abort();
    assert.equal(await run, undefined);
    assert.ok(Date.now() - t0 < 5000, `took ${Date.now() - t0} ms`);
    assert.equal(w.out.length, written, 'nothing written after the stop');
    assert.ok(await waitFor(() => !alive(child), 2000), "the validator's child is still running");
  });

  it('a program that is not there fails the task and says so', async () => {
    const w = io();
    assert.equal(await runValidatorPlan(helmPlan(join(dir, 'no such helm')), dir, w, new AbortController().signal), 1);
    assert.match(w.text(), /could not be started/);
  });
});
