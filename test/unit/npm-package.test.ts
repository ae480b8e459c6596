// The npm package (`npm pack`, `npm install -g .`) carries what the `infra-guide` command needs:
// the tarball is unpacked and its CLI run, away from this repository.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const ROOT = resolve(__dirname, '../../..');

test('the packed CLI runs from the unpacked tarball: check, rules and the language server', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'infra-guide-pack-'));
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const packed = JSON.parse(execFileSync(npm, ['pack', '--json', '--pack-destination', dir], { cwd: ROOT, encoding: 'utf8' })) as { filename: string; files: { path: string }[] }[];
  const paths = packed[0]!.files.map((f) => f.path);
  for (const f of ['dist/cli.js', 'dist/cli-main.js', 'dist/server.js', 'dist/server-main.js', 'package.json']) assert.ok(paths.includes(f), `${f} is packed`);
  execFileSync('tar', ['xzf', join(dir, packed[0]!.filename)], { cwd: dir });
  const cli = join(dir, 'package', 'dist', 'cli.js');
  writeFileSync(join(dir, 'Dockerfile'), 'FROM node\nCMD node server.js\n');
  const env = { ...process.env, INFRA_GUIDE_COMPILE_CACHE: join(dir, 'v8') };
  const check = spawnSync(process.execPath, [cli, 'check', 'Dockerfile', '--format', 'json', '--fail-on', 'never'], { cwd: dir, encoding: 'utf8', env });
  assert.equal(check.status, 0, check.stderr);
  assert.ok((JSON.parse(check.stdout) as { ruleId: string }[]).some((f) => f.ruleId === 'dockerfile/pin-base-image-version'));
  const rules = spawnSync(process.execPath, [cli, 'rules', '--format', 'json'], { cwd: dir, encoding: 'utf8', env });
  assert.equal(rules.status, 0, rules.stderr);
  // `lsp` loads the language server beside the CLI and answers `initialize`; without the server it
  // says so.
  assert.match(await lspAnswer(cli, dir, env), /"capabilities"/);
  rmSync(join(dir, 'package', 'dist', 'server.js'));
  const missing = spawnSync(process.execPath, [cli, 'lsp', '--stdio'], { cwd: dir, encoding: 'utf8', env, input: '', timeout: 10_000 });
  assert.match(missing.stderr, /the language server is not available in this build/);
});

/** What `infra-guide lsp --stdio` answers to `initialize` (stdout until the answer, at most 10 s). */
function lspAnswer(cli: string, cwd: string, env: NodeJS.ProcessEnv): Promise<string> {
  const body = JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'initialize', params: { processId: null, rootUri: null, capabilities: {} } });
  return new Promise((resolvePromise) => {
    const child = spawn(process.execPath, [cli, 'lsp', '--stdio'], { cwd, env, stdio: ['pipe', 'pipe', 'ignore'] });
    let out = '';
    const done = (): void => {
      clearTimeout(timer);
      child.kill();
      resolvePromise(out);
    };
    const timer = setTimeout(done, 10_000);
    child.stdout.on('data', (c: Buffer) => {
      out += c.toString('utf8');
      if (out.includes('"id":1')) done();
    });
    child.on('exit', done);
    child.stdin.write(`Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`);
  });
}
