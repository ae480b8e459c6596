// Entry of the main e2e suite (extensionTestsPath). Every `*.test.ts` in this folder is part of it,
// run in file-name order: add a file to add tests (number prefixes keep the order explicit).
import { runSuiteFolder } from '../host/mocha-runner';

export function run(): Promise<void> {
  return runSuiteFolder(__dirname, 'e2e');
}
