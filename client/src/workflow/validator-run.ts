// Runs the steps of one validation task (validators.ts plans) and writes what they print and the
// problems found, for the `infra-guide` task's pseudoterminal. No VS Code: the terminal passes in
// where to write and an AbortSignal that its close() (the user stopping the task) aborts.
// The programs run through runProgram: no shell, each in its own process group on POSIX, and a
// stopped task kills that whole group, so the children a validator started (terraform's provider
// plugins, a compose or helm plugin) don't keep running.
import { join } from 'node:path';
import { runProgram } from './issue-program';
import { formatProblem, parseToolOutput, type ValidatorTaskPlan } from './validators';

export interface ValidatorRunIo {
  /** Text for the terminal (`\n` line ends). */
  write(text: string): void;
  debug(message: string): void;
  info(message: string): void;
}

/** Most bytes of output kept per stream of one step; more stops the task. */
const MAX_OUTPUT = 64 * 1024 * 1024;

function ended(s: string): string {
  return s.endsWith('\n') ? s : s + '\n';
}

/**
 * Runs the plan's steps in `folderPath`; resolves with the task's exit code (0 passed, 1 failed),
 * or undefined when stopped through the signal (then nothing more is written).
 */
export async function runValidatorPlan(plan: ValidatorTaskPlan, folderPath: string, io: ValidatorRunIo, signal: AbortSignal): Promise<number | undefined> {
  let failed = false;
  let problems = 0;
  const env = { ...process.env, NO_COLOR: '1', TF_IN_AUTOMATION: '1' };
  for (const step of plan.steps) {
    if (signal.aborted) return undefined;
    const cwd = join(folderPath, ...step.cwd.split('/').filter(Boolean));
    io.write(`\x1b[1m> ${[step.program, ...step.args].join(' ')}\x1b[0m  (in ${step.cwd || '.'})\n`);
    const r = await runProgram(step.program, step.args, { cwd, env, timeoutMs: undefined, maxBuffer: MAX_OUTPUT, signal });
    if (r.kind === 'cancelled') return undefined;
    if (r.kind === 'not-started') {
      io.write(`${r.message}\n${step.program} could not be started.\n`);
      failed = true;
      break;
    }
    if (r.kind !== 'exited') {
      io.write(`${step.program} ${r.kind === 'timeout' ? 'did not finish in time' : `printed more than ${MAX_OUTPUT / (1024 * 1024)} MB`}; stopped it.\n`);
      failed = true;
      break;
    }
    const { stdout, stderr } = r;
    const code = r.code ?? 1;
    const jsonOut = /^\s*[{[]/.test(stdout) && (plan.validator === 'terraform-validate' || plan.validator === 'kubeconform');
    if (!jsonOut && stdout) io.write(ended(stdout));
    if (stderr) io.write(ended(stderr));
    if (step.parse) {
      const found = parseToolOutput(plan, step, stdout, stderr, code);
      for (const p of found) {
        io.write(formatProblem(p) + '\n');
        io.debug(`task ${plan.name}: ${formatProblem(p)}`);
      }
      problems += found.length;
      if (found.some((p) => p.severity === 'error') || (code !== 0 && found.length === 0)) failed = true;
    } else if (code !== 0) {
      // e.g. `terraform init` stops at configuration errors that `validate` then reports in
      // detail: go on, the parsed step decides.
      io.write(`(${step.program} ${step.args[0] ?? ''} exited with ${code}; continuing)\n`);
    }
    if (plan.validator === 'terraform-fmt' && code !== 0) failed = true;
  }
  if (signal.aborted) return undefined;
  io.write(`\n${plan.name}: ${failed ? 'failed' : 'passed'}${problems ? `, ${problems} problem(s)` : ''}.\n`);
  io.info(`task ${plan.name}: ${failed ? 'failed' : 'passed'} (${problems} problem(s))`);
  return failed ? 1 : 0;
}
