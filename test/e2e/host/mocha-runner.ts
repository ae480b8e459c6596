// Runs a folder of compiled mocha test files INSIDE the VS Code extension host.
// Each suite folder has an `index.ts` whose `run()` calls `runSuiteFolder(__dirname)`; every
// `*.test.js` file in that folder (sorted by name) is loaded, so adding a file adds tests.
//
// The reporter prints one plain line per test (hostLog: console + $INFRA_GUIDE_E2E_LOG, which the
// code-server harness tails, because there the host console reaches the page mixed with the
// workbench's own log lines; @vscode/test-electron shows the console on stdout). A JSON summary goes to
// $INFRA_GUIDE_E2E_RESULTS and, as a fallback channel, to a `[infra-guide-e2e:summary] {...}` line.
import { appendFileSync, readdirSync, writeFileSync } from 'node:fs';
import { format } from 'node:util';
import { join } from 'node:path';
import type MochaType from 'mocha';

export interface TestResult {
  title: string;
  state: 'passed' | 'failed' | 'pending';
  durationMs?: number;
  error?: string;
}

export interface SuiteSummary {
  suite: string;
  passed: number;
  failed: number;
  pending: number;
  tests: TestResult[];
}

export const SUMMARY_PREFIX = '[infra-guide-e2e:summary] ';

function loadMocha(): typeof MochaType {
  // mocha >= 11 is an ES module package; its CommonJS build can be required synchronously on any
  // Node the extension host runs (Electron's Node included), `require('mocha')` cannot.
  try {
    return require('mocha/lib/mocha.cjs') as typeof MochaType;
  } catch {
    return require('mocha') as typeof MochaType;
  }
}

/**
 * Prints a line to the extension host console and appends it to $INFRA_GUIDE_E2E_LOG (tailed by
 * the code-server harness). The extension host's console methods cannot be wrapped (VS Code
 * defines them with a no-op setter), so tests log through this (`note` in helpers.ts).
 */
export function hostLog(...args: unknown[]): void {
  const line = format(...args);
  console.log(line);
  const file = process.env['INFRA_GUIDE_E2E_LOG'];
  if (file) {
    try {
      appendFileSync(file, line + '\n');
    } catch {
      /* best effort */
    }
  }
}

function fullTitle(test: MochaType.Runnable): string {
  return test.titlePath().join(' › ');
}

function errorText(err: unknown): string {
  if (err instanceof Error) {
    const stack = err.stack ?? `${err.name}: ${err.message}`;
    const extra = (err as { actual?: unknown; expected?: unknown; showDiff?: boolean }).showDiff
      ? `\n      expected: ${JSON.stringify((err as { expected?: unknown }).expected)}\n      actual:   ${JSON.stringify((err as { actual?: unknown }).actual)}`
      : '';
    return stack + extra;
  }
  return String(err);
}

class SilentReporter {
  constructor(_runner: MochaType.Runner) {}
}

export async function runSuiteFolder(folder: string, suiteName = folder.split(/[\\/]/).pop() ?? 'suite'): Promise<void> {
  const Mocha = loadMocha();
  const grep = process.env['INFRA_GUIDE_E2E_GREP'];
  const timeout = Number(process.env['INFRA_GUIDE_E2E_TEST_TIMEOUT_MS'] ?? 20000);
  const mocha = new Mocha({ ui: 'bdd', color: false, timeout, reporter: SilentReporter as unknown as MochaType.ReporterConstructor });
  if (grep) mocha.grep(grep);
  const files = readdirSync(folder)
    .filter((f) => f.endsWith('.test.js'))
    .sort();
  for (const f of files) mocha.addFile(join(folder, f));

  const summary: SuiteSummary = { suite: suiteName, passed: 0, failed: 0, pending: 0, tests: [] };
  try {
    await runMocha(Mocha, mocha, summary);
    hostLog(`${suiteName}: ${summary.passed} passed, ${summary.failed} failed, ${summary.pending} skipped`);
  } catch (e) {
    summary.failed++;
    summary.tests.push({ title: `${suiteName}: loading the suite`, state: 'failed', error: errorText(e) });
    hostLog(`✘ could not run the ${suiteName} suite\n${errorText(e)}`);
  }

  const out = process.env['INFRA_GUIDE_E2E_RESULTS'];
  if (out) {
    try {
      writeFileSync(out, JSON.stringify(summary, null, 2));
    } catch (e) {
      console.error(`could not write ${out}: ${String(e)}`);
    }
  }
  console.log(SUMMARY_PREFIX + JSON.stringify({ suite: summary.suite, passed: summary.passed, failed: summary.failed, pending: summary.pending }));
  if (summary.failed > 0) throw new Error(`${summary.failed} e2e test(s) failed`);
  if (summary.passed === 0) throw new Error('no e2e tests ran');
}

function runMocha(Mocha: typeof MochaType, mocha: MochaType, summary: SuiteSummary): Promise<void> {
  const log = hostLog;
  return new Promise<void>((resolve, reject) => {
    let runner: MochaType.Runner;
    try {
      runner = mocha.run(() => resolve());
    } catch (e) {
      reject(e);
      return;
    }
    const C = Mocha.Runner.constants;
    let depth = 0;
    const indent = () => '  '.repeat(depth);
    runner.on(C.EVENT_SUITE_BEGIN, (s: MochaType.Suite) => {
      if (s.root) return;
      log(`${indent()}${s.title}`);
      depth++;
    });
    runner.on(C.EVENT_SUITE_END, (s: MochaType.Suite) => {
      if (!s.root) depth--;
    });
    runner.on(C.EVENT_TEST_PASS, (t: MochaType.Test) => {
      summary.passed++;
      summary.tests.push({ title: fullTitle(t), state: 'passed', durationMs: t.duration ?? 0 });
      log(`${indent()}✔ ${t.title} (${t.duration ?? 0} ms)`);
    });
    runner.on(C.EVENT_TEST_PENDING, (t: MochaType.Test) => {
      summary.pending++;
      summary.tests.push({ title: fullTitle(t), state: 'pending' });
      log(`${indent()}- ${t.title} (skipped)`);
    });
    runner.on(C.EVENT_TEST_FAIL, (t: MochaType.Runnable, err: unknown) => {
      summary.failed++;
      const text = errorText(err);
      summary.tests.push({ title: fullTitle(t), state: 'failed', error: text });
      log(`${indent()}✘ ${t.title}\n${text.replace(/^/gm, `${indent()}    `)}`);
    });
  });
}
