// Entry of the multi-root e2e suite: a `.code-workspace` with two folders (fixtures/multiroot-workspace),
// trusted. Every `*.test.ts` in this folder is part of it, run in file-name order.
import { runSuiteFolder } from '../host/mocha-runner';

export function run(): Promise<void> {
  return runSuiteFolder(__dirname, 'multi-root');
}
