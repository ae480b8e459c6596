// Paths in the output of `check` when the files are named through a symlink to the work tree.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { realpathSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { underRoot } from '../../server/src/cli/main';
import { check, onlyRules, tempTree } from './cli-run';

const PIN = 'dockerfile/pin-base-image-version';
const UNPINNED = 'FROM node\nUSER node\nCMD ["node", "server.js"]\n';

test('files named through a symlink to the work tree: paths relative to its root in every format', async (t) => {
  const dir = realpathSync(tempTree(t, { 'repo/.git/HEAD': 'ref: refs/heads/main\n', 'repo/.infra-guide.yaml': onlyRules(PIN), 'repo/api/Dockerfile': UNPINNED, 'elsewhere/Dockerfile': UNPINNED }));
  // The working folder is always the real path (as `process.cwd()` gives it); the user's path need not be.
  symlinkSync(join(dir, 'repo'), join(dir, 'link'), 'dir');
  const cwd = join(dir, 'repo');
  const viaLink = join(dir, 'link/api/Dockerfile');
  const json = await check([viaLink, '--format', 'json'], cwd);
  assert.equal(json.code, 1, json.stderr);
  assert.deepEqual((JSON.parse(json.stdout) as { file: string }[]).map((f) => f.file), ['api/Dockerfile']);
  assert.match((await check([join(dir, 'link/api'), '--format', 'github'], join(cwd, 'api'))).stdout, /^::warning file=api\/Dockerfile,line=1,/);
  const gitlab = JSON.parse((await check([viaLink, '--format', 'gitlab'], cwd)).stdout) as { location: { path: string }; fingerprint: string }[];
  const real = JSON.parse((await check(['api/Dockerfile', '--format', 'gitlab'], cwd)).stdout) as typeof gitlab;
  assert.deepEqual(gitlab, real, 'the same report (paths and fingerprints) as for the real path');
  assert.match((await check([viaLink, '--format', 'sarif'], cwd)).stdout, /"uri": "api\/Dockerfile",\s*"uriBaseId": "%SRCROOT%"/);
  const stdin = await check(['-', '--stdin-filename', viaLink, '--format', 'json'], cwd, UNPINNED);
  assert.deepEqual((JSON.parse(stdin.stdout) as { file: string }[]).map((f) => f.file), ['api/Dockerfile']);
  // Run errors name the path the same way.
  assert.match((await check([join(dir, 'link/gone'), '--format', 'github'], cwd)).stdout, /^::error title=infra-guide::no such file or folder: gone$/m);
  // A file really outside the work tree stays absolute: GitHub has no file for it, the message names it.
  const outside = join(dir, 'elsewhere/Dockerfile');
  assert.ok((await check([outside, '--format', 'github'], cwd)).stdout.startsWith(`::warning title=${PIN}::${outside}:1:6: `));
});

test('underRoot: paths inside the root as they are, no realpath needed; others only when a folder above is the root', (t) => {
  const dir = realpathSync(tempTree(t, { 'repo/a/b/Dockerfile': '' }));
  symlinkSync(join(dir, 'repo'), join(dir, 'link'), 'dir');
  const at = underRoot(join(dir, 'repo'));
  assert.equal(at(join(dir, 'repo/a/b/Dockerfile')), join(dir, 'repo/a/b/Dockerfile'));
  assert.equal(at(join(dir, 'link/a/b/Dockerfile')), join(dir, 'repo/a/b/Dockerfile'));
  assert.equal(at(join(dir, 'link/a/missing/x')), join(dir, 'repo/a/missing/x'));
  assert.equal(at('/no/such/folder/Dockerfile'), '/no/such/folder/Dockerfile');
  // A root that does not exist (in-process callers): paths stay as they are.
  assert.equal(underRoot('/no/such/root')(join(dir, 'link/a')), join(dir, 'link/a'));
});
