// Runs a VS Code task to its end and tells how it ended: exited with a code, stopped (terminated
// by the user, killed by a signal, or ended without an exit code), or cancelled by us. No VS Code
// import: the commands pass `vscode.tasks` (TaskApi) and an AbortSignal in.
// A background task (a watcher) never ends by itself and VS Code never reports its process ending,
// so it is not run at all: waiting for it would leave the caller waiting forever.

export interface TaskLike {
  readonly name: string;
  readonly isBackground: boolean;
}

export interface ExecutionLike<T extends TaskLike> {
  readonly task: T;
  terminate(): void;
}

interface Disposable {
  dispose(): unknown;
}

/** The part of `vscode.tasks` used. */
export interface TaskApi<T extends TaskLike, E extends ExecutionLike<T>> {
  executeTask(task: T): PromiseLike<E>;
  onDidEndTaskProcess(listener: (e: { readonly execution: E; readonly exitCode: number | undefined }) => unknown): Disposable;
  onDidEndTask(listener: (e: { readonly execution: E }) => unknown): Disposable;
}

export type TaskRunOutcome =
  | { kind: 'exited'; code: number }
  /** Ended without an exit code (terminated) or with a signal's (128 + SIGHUP/SIGINT/SIGKILL/SIGTERM). */
  | { kind: 'stopped'; code?: number }
  /** The signal aborted the wait: the task was terminated. */
  | { kind: 'cancelled' }
  /** A background task: not run. */
  | { kind: 'background' }
  | { kind: 'not-started'; message: string };

/** Exit codes of a process ended by SIGHUP (its terminal closed), SIGINT (Ctrl+C), SIGKILL, SIGTERM. */
const STOP_CODES = new Set([129, 130, 137, 143]);

/** How long to wait for the process-end event (with the exit code) after the task-end event. */
const LATE_EXIT_CODE_MS = 200;

export async function runTaskToEnd<T extends TaskLike, E extends ExecutionLike<T>>(api: TaskApi<T, E>, task: T, signal?: AbortSignal): Promise<TaskRunOutcome> {
  if (task.isBackground) return { kind: 'background' };
  if (signal?.aborted) return { kind: 'cancelled' };
  let execution: E | undefined;
  let code: number | undefined;
  let done: ((o: TaskRunOutcome) => void) | undefined;
  const ended = new Promise<TaskRunOutcome>((r) => (done = r));
  // Until executeTask has answered, its execution is known only by the task's name.
  const ours = (e: E) => e === execution || e.task.name === task.name;
  const subs = [
    api.onDidEndTaskProcess((e) => {
      if (ours(e.execution)) code = e.exitCode;
    }),
    api.onDidEndTask((e) => {
      // The process event (with the exit code) comes first; wait a moment in case it is late.
      if (ours(e.execution)) setTimeout(() => done?.(code === undefined || STOP_CODES.has(code) ? { kind: 'stopped', code } : { kind: 'exited', code }), LATE_EXIT_CODE_MS);
    }),
  ];
  const onAbort = () => {
    try {
      execution?.terminate();
    } catch {
      // already ended
    }
    done?.({ kind: 'cancelled' });
  };
  signal?.addEventListener('abort', onAbort, { once: true });
  try {
    try {
      execution = await api.executeTask(task);
    } catch (e) {
      return { kind: 'not-started', message: e instanceof Error ? e.message : String(e) };
    }
    // Cancelled while VS Code was starting the task: stop it now that it can be.
    if (signal?.aborted) onAbort();
    return await ended;
  } finally {
    signal?.removeEventListener('abort', onAbort);
    for (const s of subs) s.dispose();
  }
}

/** What "Run infrastructure tests" records and says for a run of the test task `name`. */
export function describeTaskOutcome(name: string, o: TaskRunOutcome): { passed: boolean; note: string; message: string } {
  const task = `task "${name}"`;
  switch (o.kind) {
    case 'exited':
      return o.code === 0
        ? { passed: true, note: `${task} passed`, message: `${task} passed` }
        : { passed: false, note: `${task} failed`, message: `${task} failed (exit ${o.code})` };
    case 'stopped':
      return { passed: false, note: `${task} was stopped`, message: `${task} was stopped before it finished${o.code !== undefined ? ` (exit ${o.code})` : ''}` };
    case 'cancelled':
      return { passed: false, note: `${task} was cancelled`, message: `${task} was cancelled; it was stopped` };
    case 'background':
      return {
        passed: false,
        note: `${task} is a background task`,
        message: `${task} is a background (watch) task, which does not end by itself, so it can't be run to completion; name a task that runs the tests once in infraGuide.tests.task`,
      };
    case 'not-started':
      return { passed: false, note: `${task} could not be started`, message: `${task} could not be started: ${o.message}` };
  }
}
