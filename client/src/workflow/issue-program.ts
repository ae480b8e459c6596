// Runs the issue-list program (no shell, arguments verbatim) and collects its output; the
// validation tasks run their programs with it too (validator-run.ts). No VS Code:
// the command passes the cancellation in as an AbortSignal.
// A program that hangs is stopped by the time limit or by the user's Cancel, and the run ends at
// once: it does not wait for the program's own children (`gh` started by a shell script keeps the
// output pipe open after the script is killed). On POSIX the program gets its own process group,
// which is killed as a whole so those children don't linger.
import { spawn, type ChildProcess } from 'node:child_process';
import { summarizeError } from './issues';
import { redactForLog, redactSecrets } from './redact';

export interface ProgramOptions {
  cwd?: string;
  /** Environment (default: the extension host's). */
  env?: NodeJS.ProcessEnv;
  /** Time limit in milliseconds; none when undefined (the caller's signal stops the program). */
  timeoutMs: number | undefined;
  /** Most bytes of standard output (and of standard error) kept; more ends the run. */
  maxBuffer: number;
  signal?: AbortSignal;
}

export type ProgramOutcome =
  | { kind: 'exited'; code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string }
  | { kind: 'not-started'; code: string | undefined; message: string }
  | { kind: 'timeout'; stdout: string; stderr: string }
  | { kind: 'too-much-output'; stdout: string; stderr: string }
  | { kind: 'cancelled' };

const EXIT_GRACE_MS = 500;

function killTree(child: ChildProcess, group: boolean): void {
  try {
    if (group && child.pid !== undefined) process.kill(-child.pid, 'SIGKILL');
    else child.kill('SIGKILL');
  } catch {
    // already gone
    try {
      child.kill('SIGKILL');
    } catch {
      // nothing to kill
    }
  }
}

export function runProgram(file: string, args: readonly string[], options: ProgramOptions): Promise<ProgramOutcome> {
  return new Promise((resolve) => {
    if (options.signal?.aborted) {
      resolve({ kind: 'cancelled' });
      return;
    }
    const group = process.platform !== 'win32';
    let child: ChildProcess;
    try {
      child = spawn(file, [...args], { cwd: options.cwd, env: options.env, shell: false, windowsHide: true, detached: group, stdio: ['ignore', 'pipe', 'pipe'] });
    } catch (e) {
      const err = e as NodeJS.ErrnoException;
      resolve({ kind: 'not-started', code: err.code, message: err.message });
      return;
    }
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    let outBytes = 0;
    let errBytes = 0;
    let settled = false;
    const text = (chunks: Buffer[]) => Buffer.concat(chunks).toString('utf8');
    const finish = (outcome: ProgramOutcome, kill: boolean) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      options.signal?.removeEventListener('abort', onAbort);
      if (kill) {
        killTree(child, group);
        child.stdout?.destroy();
        child.stderr?.destroy();
      }
      resolve(outcome);
    };
    const onAbort = () => finish({ kind: 'cancelled' }, true);
    const timer =
      options.timeoutMs === undefined ? undefined : setTimeout(() => finish({ kind: 'timeout', stdout: text(out), stderr: text(err) }, true), options.timeoutMs);
    options.signal?.addEventListener('abort', onAbort, { once: true });
    child.stdout!.on('data', (d: Buffer) => {
      outBytes += d.length;
      if (outBytes > options.maxBuffer) finish({ kind: 'too-much-output', stdout: text(out), stderr: text(err) }, true);
      else out.push(d);
    });
    child.stderr!.on('data', (d: Buffer) => {
      errBytes += d.length;
      if (errBytes <= options.maxBuffer) err.push(d);
    });
    child.on('error', (e: NodeJS.ErrnoException) => finish({ kind: 'not-started', code: e.code, message: e.message }, false));
    const exited = (code: number | null, signal: NodeJS.Signals | null) => finish({ kind: 'exited', code, signal, stdout: text(out), stderr: text(err) }, false);
    child.on('close', exited);
    // A child the program left running (a daemon it started) may hold the output open: once the
    // program itself has exited, its output is taken a moment later without waiting for them.
    child.on('exit', (code, signal) =>
      setTimeout(() => {
        if (settled) return;
        child.stdout?.destroy();
        child.stderr?.destroy();
        exited(code, signal);
      }, EXIT_GRACE_MS).unref(),
    );
  });
}

/**
 * What to tell the user about a run: `problem` when there are no issues to show because of the
 * program (what it wrote is redacted), `cancelled` when the user stopped it; {} when it exited 0.
 */
export function describeOutcome(file: string, r: ProgramOutcome, timeoutMs = 30000, maxBuffer = 8 * 1024 * 1024): { problem?: string; cancelled?: boolean } {
  switch (r.kind) {
    case 'cancelled':
      return { cancelled: true };
    case 'not-started':
      if (r.code === 'ENOENT') return { problem: `the issue-list program ${file} was not found` };
      if (r.code === 'EACCES') return { problem: `the issue-list program ${file} is not executable` };
      return { problem: `the issue-list program ${file} could not be started: ${redactSecrets(r.message)}` };
    case 'timeout':
      return { problem: `the issue-list program ${file} did not finish within ${Math.round(timeoutMs / 1000)} s` };
    case 'too-much-output':
      return { problem: `the issue-list program ${file} printed more than ${Math.round(maxBuffer / (1024 * 1024))} MB; stopped it` };
    case 'exited': {
      if (r.code === 0) return {};
      // The program may echo the token it was given (in a usage line or an auth error). Redacted
      // before the line is shortened: a token cut short is no longer recognised.
      const summary = summarizeError(redactForLog(r.stderr || r.stdout));
      const status = r.code !== null ? `exit ${r.code}` : `killed by ${r.signal ?? 'a signal'}`;
      return { problem: `the issue-list program failed (${status})${summary ? `: ${summary}` : ''}` };
    }
  }
}
