// `infra-guide check --rule ID=LEVEL`: rule levels on the command line, layered over whatever
// config applies to each file. In-process through `runCheck`, and through the bundled
// `dist/cli.js` (build first: `node scripts/build.mjs`).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs, UsageError } from '../../server/src/cli/args';
import { parseRuleLevels } from '../../server/src/cli/main';
import { check, tempTree } from './cli-run';

const ROOT = resolve(__dirname, '../../..');
const CLI = join(ROOT, 'dist/cli.js');
const PIN = 'dockerfile/pin-base-image-version';
const MINIMAL = 'dockerfile/use-minimal-base-image';
const UNPINNED = 'FROM node\nWORKDIR /app\nCOPY server.js ./\nUSER node\nCMD ["node", "server.js"]\n';
const TAGGED = UNPINNED.replace('FROM node', 'FROM node:20'); // a tag, no digest, a full-size image

/** `file ruleId severity` of each finding of a JSON run. */
async function findings(argv: string[], cwd: string, input?: string): Promise<string[]> {
  const r = await check([...argv, '--format', 'json'], cwd, input);
  return (JSON.parse(r.stdout) as { file: string; ruleId: string; severity: string }[]).map((f) => `${f.file} ${f.ruleId} ${f.severity}`);
}

const pinOf = (lines: string[]) => lines.filter((l) => l.includes(PIN));

test('--rule wins over the nearest .infra-guide.yaml that sets the same rule, in every folder', async (t) => {
  const dir = tempTree(t, {
    '.infra-guide.yaml': `rules:\n  ${PIN}: off\n`,
    'Dockerfile': UNPINNED,
    'team/.infra-guide.yaml': `rules:\n  ${PIN}: info\n`,
    'team/Dockerfile': UNPINNED,
  });
  assert.deepEqual(pinOf(await findings([], dir)), [`team/Dockerfile ${PIN} info`], 'without --rule: the configs');
  assert.deepEqual(pinOf(await findings(['--rule', `${PIN}=error`], dir)), [`Dockerfile ${PIN} error`, `team/Dockerfile ${PIN} error`]);
  assert.deepEqual(pinOf(await findings(['--rule', `${PIN}=off`], dir)), []);
  // Standard input gets the config of its --stdin-filename, then the --rule levels.
  assert.deepEqual(pinOf(await findings(['-', '--stdin-filename', 'team/x/Dockerfile', `--rule=${PIN}=warning`], dir, UNPINNED)), [`team/x/Dockerfile ${PIN} warning`]);
});

test('--rule wins over --config; the config keeps the rule options and the other levels', async (t) => {
  const dir = tempTree(t, {
    'strict.yaml': `rules:\n  ${PIN}:\n    level: error\n    options: { requireDigest: true }\n  ${MINIMAL}: off\n`,
    'svc/Dockerfile': TAGGED,
  });
  const strict = await findings(['svc', '--config', 'strict.yaml'], dir);
  assert.deepEqual(pinOf(strict), [`svc/Dockerfile ${PIN} error`], 'requireDigest reports the tag-only image');
  const relaxed = await findings(['svc', '--config', 'strict.yaml', '--rule', `${PIN}=info`], dir);
  assert.deepEqual(pinOf(relaxed), [`svc/Dockerfile ${PIN} info`], 'the options of the config still apply');
  assert.ok(!relaxed.some((l) => l.includes(MINIMAL)), 'the config still switches the other rule off');
  assert.ok((await findings(['svc', '--config', 'strict.yaml', '--rule', `${MINIMAL}=warning`], dir)).includes(`svc/Dockerfile ${MINIMAL} warning`));
});

test('--rule is repeatable (the last level of an id wins) and changes the exit code', async (t) => {
  const dir = tempTree(t, { 'Dockerfile': UNPINNED });
  const both = await findings(['--rule', `${PIN}=error`, '--rule', `${MINIMAL}=off`, '--rule', `${PIN}=info`], dir);
  assert.deepEqual(pinOf(both), [`Dockerfile ${PIN} info`]);
  assert.ok(!both.some((l) => l.includes(MINIMAL)));
  assert.equal((await check(['--fail-on', 'error'], dir)).code, 0);
  assert.equal((await check(['--fail-on', 'error', '--rule', `${PIN}=error`], dir)).code, 1);
  assert.equal((await check(['--rule', `${PIN}=off`, '--rule', `${MINIMAL}=off`], dir)).code, 0, 'nothing at warning or above remains');
  assert.deepEqual(parseArgs(['--rule', 'a=off', '--rule=b=error', '-q'], [{ name: 'rule', value: true, repeatable: true }, { name: 'q', short: 'q' }]).lists.get('rule'), ['a=off', 'b=error']);
});

test('--rule: an unknown id suggests the known one; an invalid level lists the levels (usage errors)', async (t) => {
  const dir = tempTree(t, { 'Dockerfile': UNPINNED });
  const usage = (value: string, pattern: RegExp) =>
    assert.rejects(check(['--rule', value], dir), (e: Error) => e instanceof UsageError && pattern.test(e.message), `--rule ${value}`);
  await usage('dockerfile/pin-base-image-versoin=error', /unknown rule id `dockerfile\/pin-base-image-versoin`; did you mean `dockerfile\/pin-base-image-version`\?/);
  await usage('pin-base-image-version=error', /did you mean `dockerfile\/pin-base-image-version`\?/);
  await usage('nothing/like-it=off', /unknown rule id `nothing\/like-it` \(`infra-guide rules` lists them\)$/);
  await usage(`${PIN}=loud`, /invalid level; use off, info, warning or error$/);
  await usage(`${PIN}=ERROR`, /invalid level; use off, info, warning or error; did you mean `error`\?$/);
  await usage(`${PIN}=`, /invalid level/);
  await usage(`${PIN}=off,dockerfile/use-exec-form=off`, /invalid level; use off, info, warning or error; give each rule its own `--rule` \(`--rule a=off --rule b=off`\)$/);
  await usage(PIN, /takes ID=LEVEL/);
  await usage('=error', /takes ID=LEVEL/);
  assert.deepEqual(parseRuleLevels([`${PIN}=off`, `${MINIMAL}=error`]), { [PIN]: { level: 'off' }, [MINIMAL]: { level: 'error' } });
});

test('dist/cli.js --rule: exit 2 with the suggestion on stderr, nothing on stdout; levels applied', (t) => {
  assert.ok(existsSync(CLI), 'dist/cli.js is missing: run `node scripts/build.mjs` first');
  const dir = tempTree(t, { '.infra-guide.yaml': `rules:\n  ${PIN}: off\n`, 'Dockerfile': UNPINNED });
  const run = (...args: string[]) => spawnSync(process.execPath, [CLI, 'check', ...args], { cwd: dir, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  const typo = run('--rule', 'dockerfile/pin-base-image-versoin=error', '--format', 'json');
  assert.equal(typo.status, 2);
  assert.equal(typo.stdout, '');
  assert.match(typo.stderr, /did you mean `dockerfile\/pin-base-image-version`\?[^\n]*\nRun `infra-guide --help` for usage\./);
  const level = run('--rule', `${PIN}=fatal`);
  assert.equal(level.status, 2);
  assert.match(level.stderr, /invalid level; use off, info, warning or error/);
  assert.doesNotMatch(level.stderr, /fatal/, 'the level is not echoed');
  const on = run('--rule', `${PIN}=error`, '--format', 'json', '--fail-on', 'error');
  assert.equal(on.status, 1, on.stderr);
  assert.ok((JSON.parse(on.stdout) as { ruleId: string; severity: string }[]).some((f) => f.ruleId === PIN && f.severity === 'error'));
  assert.match(run('--help').stdout, /--rule ID=LEVEL/);
});
