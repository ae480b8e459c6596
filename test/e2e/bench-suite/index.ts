// Entry of the activation BENCHMARK suite (extensionTestsPath), used only by `npm run bench`
// (bench/lib/host-activation.mjs). Not part of `npm test` / `npm run test:e2e`: test/e2e/run.mjs and
// run-electron.mjs only load test/e2e/suite and test/e2e/vsix-suite, and scripts/run-tests.mjs only
// walks the folders it is given (server/src, test/unit, test/lsp).
import { runSuiteFolder } from '../host/mocha-runner';

export function run(): Promise<void> {
  return runSuiteFolder(__dirname, 'bench-activation');
}
