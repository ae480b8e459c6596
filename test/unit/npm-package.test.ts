// The npm package (`npm pack`, `npm install -g .`) carries what the `infra-guide` command needs:
// the tarball is unpacked and its CLI run, away from this repository.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const ROOT = resolve(__dirname, '../../..');

test('the packed CLI runs from the unpacked tarball: check, rules and the language server bundle', () => {
  const dir = mkdtempSync(join(tmpdir(), 'infra-guide-pack-'));
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const packed = JSON.parse(execFileSync(npm, ['pack', '--json', '--pack-destination', dir], { cwd: ROOT, encoding: 'utf8' })) as { filename: string; files: { path: string }[] }[];
  const paths = packed[0]!.files.map((f) => f.path);
  for (const f of ['dist/cli.js', 'dist/cli-main.js', 'dist/server.js', 'package.json']) assert.ok(paths.includes(f), `${f} is packed`);
  execFileSync('tar', ['xzf', join(dir, packed[0]!.filename)], { cwd: dir });
  const cli = join(dir, 'package', 'dist', 'cli.js');
  writeFileSync(join(dir, 'Dockerfile'), 'FROM node\nCMD node server.js\n');
  const env = { ...process.env, INFRA_GUIDE_COMPILE_CACHE: join(dir, 'v8') };
  const check = spawnSync(process.execPath, [cli, 'check', 'Dockerfile', '--format', 'json', '--fail-on', 'never'], { cwd: dir, encoding: 'utf8', env });
  assert.equal(check.status, 0, check.stderr);
  assert.ok((JSON.parse(check.stdout) as { ruleId: string }[]).some((f) => f.ruleId === 'dockerfile/pin-base-image-version'));
  const rules = spawnSync(process.execPath, [cli, 'rules', '--format', 'json'], { cwd: dir, encoding: 'utf8', env });
  assert.equal(rules.status, 0, rules.stderr);
  // `lsp` loads dist/server.js beside the CLI (it ends when its input does); without that file it
  // says so.
  const lsp = (): string => spawnSync(process.execPath, [cli, 'lsp', '--stdio'], { cwd: dir, encoding: 'utf8', env, input: '', timeout: 10_000 }).stderr;
  assert.doesNotMatch(lsp(), /not available/);
  rmSync(join(dir, 'package', 'dist', 'server.js'));
  assert.match(lsp(), /the language server is not available in this build/);
});
