// Helpers of the `check` tests that run the CLI in this process (`runCheck`) on temporary trees.
import type { TestContext } from 'node:test';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { Readable } from 'node:stream';
import { runCheck } from '../../server/src/cli/main';
import { allRules } from '../../server/src/engine/registry';

export interface Output {
  code: number;
  stdout: string;
  stderr: string;
}

/** A temporary folder holding `files` (relative paths), removed after the test. */
export function tempTree(t: TestContext, files: Record<string, string | Buffer>): string {
  const dir = mkdtempSync(join(tmpdir(), 'infra-guide-check-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  for (const [rel, content] of Object.entries(files)) {
    const p = join(dir, rel);
    mkdirSync(dirname(p), { recursive: true });
    writeFileSync(p, content);
  }
  return dir;
}

/** `runCheck` in this process, standard input holding `input`, stdout and stderr captured. */
export async function check(argv: string[], cwd: string, input: string | Buffer = ''): Promise<Output> {
  let stdout = '';
  let stderr = '';
  const stdin = Readable.from([Buffer.from(input)]);
  const code = await runCheck(argv, cwd, { stdin, stdout: (s) => void (stdout += s), stderr: (s) => void (stderr += s) });
  return { code, stdout, stderr };
}

/** A config turning every rule off except the given ones (robust to rules added later). */
export function onlyRules(...ids: string[]): string {
  return 'rules:\n' + allRules.map((r) => `  ${r.meta.id}: ${ids.includes(r.meta.id) ? r.meta.severity : 'off'}`).join('\n') + '\n';
}
