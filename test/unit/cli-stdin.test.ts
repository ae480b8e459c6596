// `infra-guide check -`: standard input, named with --stdin-filename or told by its content.
// In-process through `runCheck` (stdin a stream, output captured) and through the bundled
// `dist/cli.js` with a real standard input (build first: `node scripts/build.mjs`).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Readable } from 'node:stream';
import { UsageError } from '../../server/src/cli/args';
import { runCheck } from '../../server/src/cli/main';
import { kindFromContent, lintStdin, readStream } from '../../server/src/workspace/lint-files';
import { check, onlyRules, tempTree, type Output } from './cli-run';

const ROOT = resolve(__dirname, '../../..');
const CLI = join(ROOT, 'dist/cli.js');
const PIN = 'dockerfile/pin-base-image-version';
const UNPINNED = 'FROM node\nWORKDIR /app\nCOPY server.js ./\nUSER node\nCMD ["node", "server.js"]\n';
const POD = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n    - name: c\n      image: nginx\n';

interface JsonFinding {
  file: string;
  ruleId: string;
  severity: string;
  message: string;
}

function json(o: Output): JsonFinding[] {
  return JSON.parse(o.stdout) as JsonFinding[];
}

function cli(args: string[], cwd: string, input: string | Buffer | undefined): Output {
  assert.ok(existsSync(CLI), 'dist/cli.js is missing: run `node scripts/build.mjs` first');
  const r = spawnSync(process.execPath, [CLI, ...args], {
    cwd,
    input,
    // No input: standard input is closed (/dev/null), as for `cmd <&-` or a hook without a terminal.
    stdio: input === undefined ? ['ignore', 'pipe', 'pipe'] : 'pipe',
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1' },
    timeout: 60_000,
  });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

test('unnamed stdin: the kind comes from the content, the name shown is <stdin>', async (t) => {
  const dir = tempTree(t, { '.infra-guide.yaml': onlyRules(PIN, 'kubernetes/set-resource-limits') });
  const r = await check(['-', '--format', 'json'], dir, UNPINNED);
  assert.equal(r.code, 1, r.stderr);
  assert.deepEqual(json(r).map((f) => [f.file, f.ruleId]), [['<stdin>', PIN]]);
  const pod = await check(['-', '--format', 'json'], dir, POD);
  assert.deepEqual(json(pod).map((f) => [f.file, f.ruleId]), [['<stdin>', 'kubernetes/set-resource-limits']], 'a Kubernetes manifest by its apiVersion and kind');
  const text = await check(['-'], dir, UNPINNED);
  assert.match(text.stdout, /^<stdin>\n {2}<stdin>:1:6 +warning +.+dockerfile\/pin-base-image-version$/m);
  assert.match(text.stdout, /1 problem .* in 1 file \(1 checked\)/);
});

test('--stdin-filename: the name shown in every format (text, json, sarif, github, gitlab)', async (t) => {
  const dir = tempTree(t, { 'repo/.git/HEAD': 'ref: refs/heads/main\n', 'repo/.infra-guide.yaml': onlyRules(PIN) });
  const cwd = join(dir, 'repo');
  const run = (format: string, name?: string) => check(['-', '--format', format, ...(name ? ['--stdin-filename', name] : [])], cwd, UNPINNED);
  assert.match((await run('text', 'svc/Dockerfile')).stdout, /^ {2}svc\/Dockerfile:1:6 /m);
  assert.deepEqual(json(await run('json', 'svc/Dockerfile')).map((f) => f.file), ['svc/Dockerfile']);
  const sarif = JSON.parse((await run('sarif', 'svc/Dockerfile')).stdout) as any;
  assert.deepEqual(sarif.runs[0].results[0].locations[0].physicalLocation.artifactLocation, { uri: 'svc/Dockerfile', uriBaseId: '%SRCROOT%' });
  assert.match((await run('github', 'svc/Dockerfile')).stdout, /^::warning file=svc\/Dockerfile,line=1,/);
  const gitlab = JSON.parse((await run('gitlab', 'svc/Dockerfile')).stdout) as { location: { path: string } }[];
  assert.deepEqual(gitlab.map((i) => i.location.path), ['svc/Dockerfile']);
  // Without a name: <stdin> everywhere, never a path made up under the working folder.
  const unnamedSarif = JSON.parse((await run('sarif')).stdout) as any;
  assert.deepEqual(unnamedSarif.runs[0].results[0].locations[0].physicalLocation.artifactLocation, { uri: '%3Cstdin%3E' });
  // GitHub cannot attach an annotation to <stdin>: no file=, the message says where.
  assert.match((await run('github')).stdout, /^::warning title=dockerfile\/pin-base-image-version::<stdin>:1:6: Base image/);
  assert.deepEqual((JSON.parse((await run('gitlab')).stdout) as { location: { path: string } }[]).map((i) => i.location.path), ['<stdin>']);
});

test('gitlab: fingerprints hash the line read from stdin, as for the same file on disk', async (t) => {
  const onDisk = tempTree(t, { '.infra-guide.yaml': onlyRules(PIN), 'svc/Dockerfile': UNPINNED });
  const piped = tempTree(t, { '.infra-guide.yaml': onlyRules(PIN), 'svc/Dockerfile': UNPINNED.replace('FROM node', 'FROM python') });
  const fingerprint = (o: Output) => (JSON.parse(o.stdout) as { fingerprint: string }[]).map((i) => i.fingerprint);
  const file = await check(['svc/Dockerfile', '--format', 'gitlab'], onDisk, '');
  // The file on disk differs (`git show HEAD:svc/Dockerfile | …` in a changed work tree): stdin's text counts.
  const stdin = await check(['-', '--stdin-filename', 'svc/Dockerfile', '--format', 'gitlab'], piped, UNPINNED);
  assert.equal(fingerprint(file).length, 1);
  assert.deepEqual(fingerprint(stdin), fingerprint(file));
});

test('--stdin-filename: the nearest .infra-guide.yaml from its folder (relative to cwd; the file need not exist)', async (t) => {
  const dir = tempTree(t, {
    '.infra-guide.yaml': onlyRules(PIN),
    'team/.infra-guide.yaml': onlyRules(PIN).replace(`${PIN}: warning`, `${PIN}: error`),
    'team/web/README.md': 'no Dockerfile here\n',
  });
  const sev = async (cwd: string, name: string) => json(await check(['-', '--stdin-filename', name, '--format', 'json'], cwd, UNPINNED)).map((f) => f.severity);
  assert.deepEqual(await sev(dir, 'team/web/Dockerfile'), ['error']);
  assert.deepEqual(await sev(dir, 'team/not/yet/created/Dockerfile'), ['error']);
  assert.deepEqual(await sev(dir, 'Dockerfile'), ['warning']);
  assert.deepEqual(await sev(join(dir, 'team/web'), '../../Dockerfile'), ['warning'], 'relative to the working folder');
  assert.deepEqual(await sev(join(dir, 'team/web'), 'Dockerfile'), ['error']);
  // The name gives the kind: a Compose file is not linted as anything else.
  const compose = await check(['-', '--stdin-filename', 'team/compose.yaml', '--format', 'json'], dir, 'services:\n  web:\n    image: nginx\n');
  assert.equal(compose.code, 0, compose.stderr);
  // --config replaces the lookup, for stdin too.
  writeFileSync(join(dir, 'off.yaml'), onlyRules());
  assert.deepEqual(json(await check(['-', '--stdin-filename', 'team/Dockerfile', '--config', 'off.yaml', '--format', 'json'], dir, UNPINNED)), []);
  // A broken config in use is an error of the run, as for files.
  writeFileSync(join(dir, 'team/.infra-guide.yaml'), 'rules: [\n');
  const broken = await check(['-', '--stdin-filename', 'team/Dockerfile', '--format', 'json'], dir, UNPINNED);
  assert.equal(broken.code, 2);
  assert.match(broken.stderr, /invalid configuration in team\/\.infra-guide\.yaml/);
});

test("--stdin-filename matched by the config's ignore globs: not linted, a notice, exit 0 (as the editor shows nothing)", async (t) => {
  const dir = tempTree(t, { '.infra-guide.yaml': onlyRules(PIN) + 'ignore:\n  - "vendor/**"\n' });
  const r = await check(['-', '--stdin-filename', 'vendor/lib/Dockerfile', '--format', 'json'], dir, UNPINNED);
  assert.equal(r.code, 0, r.stderr);
  assert.deepEqual(json(r), []);
  assert.equal(r.stderr, 'infra-guide: vendor/lib/Dockerfile: not checked: ignored by the `ignore` globs of .infra-guide.yaml\n');
  const github = await check(['-', '--stdin-filename', 'vendor/lib/Dockerfile', '--format', 'github'], dir, UNPINNED);
  assert.match(github.stdout, /^::notice title=infra-guide::vendor\/lib\/Dockerfile: not checked: ignored/);
  // --quiet reports errors only: no notice in any format, nothing printed at all.
  for (const format of ['text', 'json', 'github', 'gitlab']) {
    const quiet = await check(['-', '--stdin-filename', 'vendor/lib/Dockerfile', '--format', format, '--quiet'], dir, UNPINNED);
    assert.deepEqual([quiet.code, quiet.stdout.trim().replace('[]', ''), quiet.stderr], [0, '', ''], format);
  }
  assert.equal((await check(['-', '--stdin-filename', 'src/Dockerfile', '--format', 'json'], dir, UNPINNED)).code, 1, 'other paths are linted');
});

test('unnamed stdin whose kind cannot be told: exit 2, suggesting --stdin-filename', async (t) => {
  const dir = tempTree(t, {});
  for (const [what, input] of [
    ['generic YAML', 'name: x\nitems: [1, 2]\n'],
    ['a commit message', 'feat: add things\n\nbody\n'],
    ['empty input', ''],
    ['binary input', Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0x00, 0x01, 0xff])],
  ] as const) {
    for (const format of ['text', 'json']) {
      const r = await check(['-', '--format', format], dir, input);
      assert.equal(r.code, 2, `${what}: ${r.stdout}${r.stderr}`);
      assert.match(r.stderr, /<stdin>: cannot tell what kind of document this is .*--stdin-filename/, what);
      if (format === 'json') assert.deepEqual(json(r), [], `${what}: the JSON output stays valid`);
    }
  }
  // Named, the same inputs are fine: an empty Dockerfile has no findings, binary input one info.
  assert.equal((await check(['-', '--stdin-filename', 'Dockerfile'], dir, '')).code, 0);
  const binary = await check(['-', '--stdin-filename', 'Dockerfile', '--format', 'json'], dir, Buffer.from([0x46, 0x52, 0x00, 0x01]));
  assert.deepEqual(json(binary).map((f) => f.ruleId), ['infra-guide/binary-file']);
  assert.deepEqual(json(await check(['-', '--stdin-filename', 'values.yaml', '--format', 'json'], dir, 'name: x\n')), []);
});

test('stdin above maxFileSizeBytes: one file-too-large info, the input counted but not held', async (t) => {
  const dir = tempTree(t, { '.infra-guide.yaml': 'maxFileSizeBytes: 1000\n' });
  const big = UNPINNED + '# padding\n'.repeat(200);
  const r = await check(['-', '--stdin-filename', 'Dockerfile', '--format', 'json'], dir, big);
  assert.equal(r.code, 0, r.stderr);
  const [f, ...rest] = json(r);
  assert.deepEqual(rest, []);
  assert.deepEqual([f?.ruleId, f?.severity, f?.message], ['infra-guide/file-too-large', 'info', `Standard input is ${Buffer.byteLength(big)} bytes, above the limit of 1000 (maxFileSizeBytes): not linted.`]);
  // At the limit: linted.
  const exact = UNPINNED + '#'.repeat(1000 - Buffer.byteLength(UNPINNED) - 1) + '\n';
  assert.equal(Buffer.byteLength(exact), 1000);
  assert.deepEqual(json(await check(['-', '--stdin-filename', 'Dockerfile', '--format', 'json'], dir, exact)).map((x) => x.ruleId).includes(PIN), true);
  // The level of the info follows the config, as for files.
  writeFileSync(join(dir, '.infra-guide.yaml'), 'maxFileSizeBytes: 1000\nrules:\n  infra-guide/file-too-large: off\n');
  assert.deepEqual(json(await check(['-', '--stdin-filename', 'Dockerfile', '--format', 'json'], dir, big)), []);
});

test('readStream keeps the first bytes asked for and counts them all; kindFromContent', async () => {
  const chunks = ['ab', 'cdef', 'g'].map((s) => Buffer.from(s));
  assert.deepEqual(await readStream(Readable.from(chunks), 3), { data: Buffer.from('abc'), size: 7 });
  assert.deepEqual(await readStream(Readable.from(chunks), 100), { data: Buffer.from('abcdefg'), size: 7 });
  assert.deepEqual(await readStream(Readable.from([]), 100), { data: Buffer.alloc(0), size: 0 });
  assert.equal(kindFromContent('# syntax=docker/dockerfile:1\nARG V=1\nFROM node:$V\n'), 'dockerfile');
  assert.equal(kindFromContent(POD), 'kubernetes');
  assert.equal(kindFromContent('services:\n  web:\n    image: nginx\n'), 'compose');
  assert.equal(kindFromContent('a: 1\n'), undefined);
  // A stream that fails: an error of the run, not a crash.
  const failing = new Readable({ read() { this.destroy(new Error('EIO: i/o error, read')); } });
  const r = await lintStdin({ cwd: tmpdir(), read: (keep) => readStream(failing, keep) });
  assert.deepEqual(r.results.map((x) => [x.name, x.error]), [['<stdin>', 'cannot read: EIO: i/o error, read']]);
});

test('usage errors: `-` with other paths, --fix with `-`, --stdin-filename without `-` or naming a folder', async (t) => {
  const dir = tempTree(t, { Dockerfile: UNPINNED, 'sub/.keep': '' });
  await assert.rejects(check(['-', 'Dockerfile'], dir, UNPINNED), (e: Error) => e instanceof UsageError && /`-` \(standard input\) must be the only path/.test(e.message));
  await assert.rejects(check(['-', '--fix'], dir, UNPINNED), (e: Error) => e instanceof UsageError && /--fix` cannot write standard input back/.test(e.message));
  await assert.rejects(check(['Dockerfile', '--stdin-filename', 'Dockerfile'], dir, ''), (e: Error) => e instanceof UsageError && /--stdin-filename` names standard input/.test(e.message));
  await assert.rejects(check(['-', '--stdin-filename='], dir, ''), (e: Error) => e instanceof UsageError && /needs a file name/.test(e.message));
  // A folder cannot be what standard input stands for: its name would be shown as a file (`.` as the absolute working folder).
  for (const folder of ['.', '..', 'sub/', 'sub', 'sub/..', dir]) {
    await assert.rejects(check(['-', '--stdin-filename', folder], dir, UNPINNED), (e: Error) => e instanceof UsageError && /`--stdin-filename` names a folder/.test(e.message), folder);
  }
  assert.equal((await check(['-', '--stdin-filename', 'sub/Dockerfile', '--fail-on', 'never'], dir, UNPINNED)).code, 0, 'a file in that folder');
});

test('`-` with a terminal as standard input: a usage error at once, not a wait for the end of input', async (t) => {
  const dir = tempTree(t, { Dockerfile: UNPINNED });
  // A terminal nobody types into: reading it would never end.
  const tty = Object.assign(new Readable({ read() {} }), { isTTY: true });
  let timer: NodeJS.Timeout | undefined;
  const waited = new Promise<'still waiting'>((done) => (timer = setTimeout(() => done('still waiting'), 2000)));
  const run = runCheck(['-', '--stdin-filename', 'Dockerfile'], dir, { stdin: tty, stdout: () => {}, stderr: () => {} });
  run.catch(() => {});
  const outcome = await Promise.race([run.then(() => 'finished', (e: unknown) => e), waited]);
  clearTimeout(timer);
  tty.destroy();
  assert.ok(outcome instanceof UsageError, `expected a usage error, got ${String(outcome)}`);
  assert.match(outcome.message, /standard input, which is a terminal here: pipe the document in/);
  // Not a terminal (a pipe, a file, /dev/null): read as before.
  assert.equal((await check(['-', '--stdin-filename', 'Dockerfile', '--fail-on', 'never'], dir, UNPINNED)).code, 0);
});

test('dist/cli.js: real standard input, exit codes 0, 1 and 2', (t) => {
  const dir = tempTree(t, { '.infra-guide.yaml': onlyRules(PIN), './-': UNPINNED });
  const piped = cli(['check', '-', '--stdin-filename', 'api/Dockerfile', '--format', 'json'], dir, UNPINNED);
  assert.equal(piped.code, 1, piped.stderr);
  assert.deepEqual((JSON.parse(piped.stdout) as JsonFinding[]).map((f) => [f.file, f.ruleId]), [['api/Dockerfile', PIN]]);
  assert.equal(cli(['check', '-', '--stdin-filename', 'api/Dockerfile', '--fail-on', 'error'], dir, UNPINNED).code, 0);
  assert.equal(cli(['check', '-'], dir, UNPINNED.replace('FROM node', 'FROM node:20-alpine')).code, 0);
  // `./-` is a file named `-`, not standard input.
  const file = cli(['check', './-', '--format', 'json'], dir, undefined);
  assert.deepEqual((JSON.parse(file.stdout) as JsonFinding[]).map((f) => f.file), ['-']);
  // Closed standard input: empty. Named, nothing to report; unnamed, the kind cannot be told.
  assert.equal(cli(['check', '-', '--stdin-filename', 'Dockerfile'], dir, undefined).code, 0);
  const closed = cli(['check', '-'], dir, undefined);
  assert.equal(closed.code, 2);
  assert.match(closed.stderr, /it is empty\): name it with --stdin-filename/);
  for (const args of [['-', 'Dockerfile'], ['--fix', '-'], ['--stdin-filename', 'Dockerfile'], ['-', '--stdin-filename']]) {
    const r = cli(['check', ...args], dir, UNPINNED);
    assert.equal(r.code, 2, `${args.join(' ')}: ${r.stdout}${r.stderr}`);
    assert.equal(r.stdout, '');
    assert.match(r.stderr, /Run `infra-guide --help` for usage/);
  }
});
