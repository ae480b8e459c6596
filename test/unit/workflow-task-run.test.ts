import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { describeTaskOutcome, runTaskToEnd, type TaskApi, type TaskRunOutcome } from '../../client/src/workflow/task-run';

interface FakeTask {
  name: string;
  isBackground: boolean;
}
interface FakeExecution {
  task: FakeTask;
  terminate(): void;
  terminated: boolean;
}

/** A stand-in for vscode.tasks: `ends` says how the started task ends (never, when undefined). */
function fakeTasks(ends?: { exitCode: number | undefined; processEvent?: boolean }) {
  const procListeners = new Set<(e: { execution: FakeExecution; exitCode: number | undefined }) => unknown>();
  const endListeners = new Set<(e: { execution: FakeExecution }) => unknown>();
  const started: FakeExecution[] = [];
  const end = (execution: FakeExecution, exitCode: number | undefined, processEvent = true) => {
    if (processEvent) for (const l of procListeners) l({ execution, exitCode });
    for (const l of endListeners) l({ execution });
  };
  const api: TaskApi<FakeTask, FakeExecution> & { started: FakeExecution[]; listeners: () => number } = {
    started,
    listeners: () => procListeners.size + endListeners.size,
    executeTask: (task) => {
      const execution: FakeExecution = {
        task,
        terminated: false,
        // Terminating a task ends it without an exit code, as VS Code reports it.
        terminate: () => {
          execution.terminated = true;
          setTimeout(() => end(execution, undefined, false), 10);
        },
      };
      started.push(execution);
      if (ends) setTimeout(() => end(execution, ends.exitCode, ends.processEvent ?? true), 10);
      return Promise.resolve(execution);
    },
    onDidEndTaskProcess: (l) => (procListeners.add(l), { dispose: () => procListeners.delete(l) }),
    onDidEndTask: (l) => (endListeners.add(l), { dispose: () => endListeners.delete(l) }),
  };
  return api;
}

const tests: FakeTask = { name: 'infra tests', isBackground: false };

describe('runTaskToEnd (the test task of Before completing)', () => {
  it('passes on exit 0 and fails with the exit code otherwise', async () => {
    assert.deepEqual(await runTaskToEnd(fakeTasks({ exitCode: 0 }), tests), { kind: 'exited', code: 0 });
    const failed = await runTaskToEnd(fakeTasks({ exitCode: 3 }), tests);
    assert.deepEqual(failed, { kind: 'exited', code: 3 });
    assert.deepEqual(describeTaskOutcome('infra tests', failed), { passed: false, note: 'task "infra tests" failed', message: 'task "infra tests" failed (exit 3)' });
    assert.equal(describeTaskOutcome('infra tests', { kind: 'exited', code: 0 }).note, 'task "infra tests" passed');
  });

  it('a task terminated by the user is stopped, not failed, and records no pass', async () => {
    for (const ends of [{ exitCode: undefined }, { exitCode: undefined, processEvent: false }, { exitCode: 130 }, { exitCode: 143 }]) {
      const o = await runTaskToEnd(fakeTasks(ends), tests);
      assert.equal(o.kind, 'stopped', JSON.stringify(ends));
      const d = describeTaskOutcome('infra tests', o);
      assert.equal(d.passed, false);
      assert.equal(d.note, 'task "infra tests" was stopped');
      assert.match(d.message, /was stopped before it finished/);
      assert.doesNotMatch(d.message, /failed|exit \?/);
    }
  });

  it('cancelling the wait stops the task and ends at once, even when the task never ends', async () => {
    const api = fakeTasks();
    const abort = new AbortController();
    const run = runTaskToEnd(api, tests, abort.signal);
    await new Promise((r) => setTimeout(r, 20));
    abort.abort();
    const o: TaskRunOutcome = await run;
    assert.deepEqual(o, { kind: 'cancelled' });
    assert.equal(api.started[0]!.terminated, true);
    assert.equal(api.listeners(), 0, 'listeners disposed');
    assert.deepEqual(describeTaskOutcome('infra tests', o), { passed: false, note: 'task "infra tests" was cancelled', message: 'task "infra tests" was cancelled; it was stopped' });
  });

  it('a background (watch) task is refused up front: never started, never waited for', async () => {
    const api = fakeTasks();
    const o = await runTaskToEnd(api, { name: 'watch tests', isBackground: true });
    assert.deepEqual(o, { kind: 'background' });
    assert.equal(api.started.length, 0);
    const d = describeTaskOutcome('watch tests', o);
    assert.equal(d.passed, false);
    assert.match(d.message, /background \(watch\) task.*can't be run to completion.*infraGuide\.tests\.task/);
  });

  it('a task VS Code can not start is reported, not waited for', async () => {
    const api = fakeTasks();
    api.executeTask = () => Promise.reject(new Error('no such task type'));
    const o = await runTaskToEnd(api, tests);
    assert.deepEqual(o, { kind: 'not-started', message: 'no such task type' });
    assert.equal(describeTaskOutcome('infra tests', o).passed, false);
  });

  it('another task ending is not taken for ours', async () => {
    const api = fakeTasks();
    const abort = new AbortController();
    const run = runTaskToEnd(api, tests, abort.signal);
    const other = await api.executeTask({ name: 'lint', isBackground: false });
    other.terminate();
    await new Promise((r) => setTimeout(r, 300));
    abort.abort();
    assert.deepEqual(await run, { kind: 'cancelled' });
  });
});
