// Entry of the VSIX suite: runs in a host WITHOUT extensionDevelopmentPath, against the packaged
// extension installed with `--install-extension`. Every `*.test.ts` in this folder is part of it.
import { runSuiteFolder } from '../host/mocha-runner';

export function run(): Promise<void> {
  return runSuiteFolder(__dirname, 'vsix');
}
