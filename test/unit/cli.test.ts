// CLI tests: spawn the bundled `dist/cli.js` (build first: `node scripts/build.mjs`) on
// temporary folders. Assertions name only a few stable rules, so rules added later do not
// break them.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { allRules } from '../../server/src/engine/registry';
import { CACHE_DIR_ENV, DISABLE_ENV } from '../../server/src/launch/compile-cache';

const ROOT = resolve(__dirname, '../../..');
const CLI = join(ROOT, 'dist/cli.js');
const PIN = 'dockerfile/pin-base-image-version';
const JSON_KEYS = ['file', 'ruleId', 'severity', 'message', 'line', 'column', 'endLine', 'endColumn', 'fixable'];

interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
}

function cli(args: string[], cwd: string, env: Record<string, string> = {}): Run {
  assert.ok(existsSync(CLI), 'dist/cli.js is missing: run `node scripts/build.mjs` first');
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1', ...env }, timeout: 60_000 });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

function tempTree(files: Record<string, string | Buffer>): string {
  const dir = mkdtempSync(join(tmpdir(), 'infra-guide-cli-'));
  for (const [rel, content] of Object.entries(files)) {
    const p = join(dir, rel);
    mkdirSync(dirname(p), { recursive: true });
    writeFileSync(p, content);
  }
  return dir;
}

function json(run: Run): Record<string, unknown>[] {
  return JSON.parse(run.stdout) as Record<string, unknown>[];
}

/** A config turning every rule off except the given ones (robust to rules added later). */
function onlyRules(...ids: string[]): string {
  return 'rules:\n' + allRules.map((r) => `  ${r.meta.id}: ${ids.includes(r.meta.id) ? r.meta.severity : 'off'}`).join('\n') + '\n';
}

const UNPINNED = 'FROM node\nWORKDIR /app\nCOPY server.js ./\nUSER node\nCMD ["node", "server.js"]\n';
const PINNED = 'FROM node:20-alpine\nWORKDIR /app\nCOPY server.js ./\nUSER node\nCMD ["node", "server.js"]\n';

test('json: array of findings with exactly the public keys, 1-based positions', () => {
  const dir = tempTree({ 'Dockerfile': UNPINNED });
  try {
    const r = cli(['check', '.', '--format', 'json'], dir);
    assert.equal(r.status, 1, r.stderr);
    const out = json(r);
    assert.ok(Array.isArray(out));
    for (const f of out) assert.deepEqual(Object.keys(f).sort(), [...JSON_KEYS].sort());
    const pin = out.find((f) => f['ruleId'] === PIN);
    assert.ok(pin, 'pin-base-image-version finding expected');
    assert.deepEqual(
      { file: pin['file'], severity: pin['severity'], line: pin['line'], column: pin['column'], endLine: pin['endLine'], endColumn: pin['endColumn'], fixable: pin['fixable'] },
      { file: 'Dockerfile', severity: 'warning', line: 1, column: 6, endLine: 1, endColumn: 10, fixable: false },
    );
    assert.equal(typeof pin['message'], 'string');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('sarif: 2.1.0 log with rules from metadata, 1-based regions and relative uris', () => {
  const dir = tempTree({ 'svc/Dockerfile': 'FROM node\nCMD node server.js\n' });
  try {
    const r = cli(['check', '--format=sarif'], dir);
    assert.equal(r.status, 1, r.stderr);
    const log = JSON.parse(r.stdout) as any;
    assert.equal(log.version, '2.1.0');
    assert.match(log.$schema, /sarif-2\.1\.0/);
    assert.equal(log.runs.length, 1);
    const run = log.runs[0];
    assert.equal(run.tool.driver.name, 'infra-guide');
    const ruleIds = run.tool.driver.rules.map((x: any) => x.id);
    assert.deepEqual(ruleIds, allRules.map((x) => x.meta.id));
    const pinRule = run.tool.driver.rules.find((x: any) => x.id === PIN);
    const meta = allRules.find((x) => x.meta.id === PIN)!.meta;
    assert.equal(pinRule.shortDescription.text, meta.title);
    assert.equal(pinRule.fullDescription.text, meta.rationale);
    // SARIF's helpUri must be an absolute URI (GitHub code scanning rejects others): the docs path goes into help and properties.
    assert.equal(pinRule.helpUri, undefined);
    assert.equal(pinRule.properties.docs, 'docs/rules/dockerfile/pin-base-image-version.md');
    assert.match(pinRule.help.text, /Docs: docs\/rules\/dockerfile\/pin-base-image-version\.md/);
    assert.match(pinRule.help.markdown, /^\*\*/);
    // Whether `--fix` applies a rule's fixes is rule metadata too: only on fixable rules.
    for (const r of run.tool.driver.rules) {
      const m = allRules.find((x) => x.meta.id === r.id)!.meta;
      assert.equal(r.properties.fixable, m.fixable, r.id);
      assert.equal(r.properties.fixSafety, m.fixSafety, r.id);
    }
    assert.deepEqual(new Set(run.tool.driver.rules.map((x: any) => x.properties.fixSafety)), new Set([undefined, 'safe', 'unsafe', 'mixed']));
    for (const r of run.tool.driver.rules) if (r.helpUri !== undefined) assert.match(r.helpUri, /^[a-z][a-z0-9+.-]*:/, `${r.id}: helpUri must be absolute`);
    assert.equal(pinRule.defaultConfiguration.level, 'warning');
    const res = run.results.find((x: any) => x.ruleId === PIN);
    assert.ok(res);
    assert.equal(run.tool.driver.rules[res.ruleIndex].id, PIN);
    assert.equal(res.level, 'warning');
    const loc = res.locations[0].physicalLocation;
    assert.equal(loc.artifactLocation.uri, 'svc/Dockerfile');
    assert.equal(loc.artifactLocation.uriBaseId, '%SRCROOT%');
    assert.deepEqual(loc.region, { startLine: 1, startColumn: 6, endLine: 1, endColumn: 10 });
    assert.ok(run.originalUriBaseIds['%SRCROOT%'].uri.startsWith('file://'));
    for (const x of run.results) {
      assert.ok(['error', 'warning', 'note'].includes(x.level));
      for (const fix of x.fixes ?? []) {
        assert.equal(typeof fix.description.text, 'string');
        for (const ch of fix.artifactChanges) for (const rep of ch.replacements) assert.ok(rep.deletedRegion.startLine >= 1);
      }
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('sarif: inside a git work tree, uris are relative to its root (%SRCROOT%); text and json stay relative to cwd', () => {
  const dir = tempTree({
    'repo/.git/HEAD': 'ref: refs/heads/main\n',
    'repo/services/api/Dockerfile': UNPINNED,
    'wt/.git': 'gitdir: /elsewhere/.git/worktrees/wt\n',
    'wt/svc/Dockerfile': UNPINNED,
    'outside/Dockerfile': UNPINNED,
  });
  try {
    const sarifOf = (cwd: string, args: string[] = []) => {
      const r = cli(['check', ...args, '--format', 'sarif'], cwd);
      assert.equal(r.status, 1, r.stderr);
      const run = (JSON.parse(r.stdout) as any).runs[0];
      const uris = [...new Set(run.results.map((x: any) => x.locations[0].physicalLocation.artifactLocation.uri))];
      for (const x of run.results) for (const fix of x.fixes ?? []) for (const ch of fix.artifactChanges) assert.equal(ch.artifactLocation.uri, x.locations[0].physicalLocation.artifactLocation.uri);
      return { root: run.originalUriBaseIds['%SRCROOT%'].uri as string, uris };
    };
    const api = join(dir, 'repo/services/api');
    const inRepo = sarifOf(api);
    assert.equal(inRepo.root, pathToFileURL(join(dir, 'repo')).href + '/');
    assert.deepEqual(inRepo.uris, ['services/api/Dockerfile']);
    // A `.git` file (a worktree or submodule) marks the root too.
    assert.deepEqual(sarifOf(join(dir, 'wt/svc')).uris, ['svc/Dockerfile']);
    // A file outside the work tree: an absolute uri, as before.
    const outside = join(dir, 'outside/Dockerfile');
    assert.deepEqual(sarifOf(api, [outside]).uris, [pathToFileURL(outside).href]);
    // Outside any git work tree: relative to the working folder.
    const plain = sarifOf(join(dir, 'outside'));
    assert.equal(plain.root, pathToFileURL(join(dir, 'outside')).href + '/');
    assert.deepEqual(plain.uris, ['Dockerfile']);
    // text and json stay relative to the working folder.
    assert.deepEqual([...new Set(json(cli(['check', '--format', 'json'], api)).map((f) => f['file']))], ['Dockerfile']);
    assert.match(cli(['check'], api).stdout, /^Dockerfile\n {2}Dockerfile:1:6 /);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

/** Each stdout line of `--format github` is one workflow command: `::level props::data`. */
function commands(stdout: string): { level: string; props: Record<string, string>; data: string }[] {
  if (stdout === '') return [];
  assert.match(stdout, /\n$/);
  return stdout
    .slice(0, -1)
    .split('\n')
    .map((line) => {
      const m = /^::(error|warning|notice)(?: ([^:\r]*))?::(.*)$/.exec(line);
      assert.ok(m, `not a workflow command: ${JSON.stringify(line)}`);
      // As GitHub's runner reads properties: split at `,`, then at the first `=`.
      const props = Object.fromEntries((m[2] ?? '').split(',').filter(Boolean).map((kv) => [kv.slice(0, kv.indexOf('=')), kv.slice(kv.indexOf('=') + 1)]));
      return { level: m[1]!, props, data: m[3]! };
    });
}

test('github: workflow commands on stdout, file= relative to the git root, a summary on stderr, exit codes as json', () => {
  const dir = tempTree({ 'repo/.git/HEAD': 'ref: refs/heads/main\n', 'repo/.infra-guide.yaml': onlyRules(PIN), 'repo/services/api/Dockerfile': UNPINNED, 'plain/Dockerfile': UNPINNED });
  try {
    const api = join(dir, 'repo/services/api');
    const r = cli(['check', '--format', 'github'], api);
    assert.equal(r.status, 1, r.stderr);
    const cmds = commands(r.stdout);
    assert.equal(cmds.length, 1, r.stdout);
    assert.deepEqual(cmds[0]!.level, 'warning');
    assert.deepEqual(cmds[0]!.props, { file: 'services/api/Dockerfile', line: '1', col: '6', endLine: '1', endColumn: '10', title: PIN });
    assert.match(cmds[0]!.data, /^Base image `node` .* \(docs: docs\/rules\/dockerfile\/pin-base-image-version\.md\)$/);
    assert.equal(r.stderr, 'infra-guide: 1 problem (0 errors, 1 warning, 0 infos) in 1 file (1 checked)\n');
    // --fail-on and --quiet as for json.
    assert.equal(cli(['check', '--format', 'github', '--fail-on', 'error'], api).status, 0);
    assert.equal(cli(['check', '--format', 'github', '--fail-on', 'never'], api).status, 0);
    const quiet = cli(['check', '--format', 'github', '--quiet'], api);
    assert.deepEqual([quiet.status, quiet.stdout, quiet.stderr], [0, '', '']);
    // Outside a git work tree: relative to the working folder.
    assert.equal(commands(cli(['check', '--format=github'], join(dir, 'plain')).stdout)[0]!.props['file'], 'Dockerfile');
    const clean = cli(['check', '-f', 'github', 'repo/.infra-guide.yaml'], dir);
    assert.deepEqual([clean.status, clean.stdout, clean.stderr], [0, '', 'infra-guide: no problems found in 1 file\n']);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('github: no path or message can inject a workflow command (stdout or stderr)', () => {
  const evilDir = 'x\n::error title=forged::y 100%';
  const dir = tempTree({ '.infra-guide.yaml': onlyRules(PIN), [`${evilDir}/Dockerfile`]: UNPINNED });
  try {
    const missing = 'nope\r\n::error title=forged::z';
    const r = cli(['check', '.', missing, '--format', 'github'], dir);
    assert.equal(r.status, 2, r.stderr);
    const cmds = commands(r.stdout);
    assert.deepEqual(cmds.map((c) => [c.level, c.props['title']]), [['error', 'infra-guide'], ['warning', PIN]]);
    assert.equal(cmds[0]!.data, 'no such file or folder: nope%0D%0A::error title=forged::z');
    assert.equal(cmds[1]!.props['file'], 'x%0A%3A%3Aerror title=forged%3A%3Ay 100%25/Dockerfile');
    // stderr holds the summary only: no path, so no line of it can be a command.
    assert.equal(r.stderr, 'infra-guide: 1 problem (0 errors, 1 warning, 0 infos) in 1 file (2 checked). Check failed: see the error above\n');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('github: --fix reports what remains; a file not fixed gets a notice', () => {
  const EXEC_FORM = 'dockerfile/use-exec-form';
  const fixable = 'FROM node:20-alpine\nWORKDIR /app\nCOPY server.js ./\nUSER node\nCMD node server.js\n';
  const dir = tempTree({ '.infra-guide.yaml': onlyRules(PIN, EXEC_FORM), 'Dockerfile': fixable, 'latin1/Dockerfile': Buffer.from('FROM node\n# caf\xe9\nCMD node s.js\n', 'latin1') });
  try {
    const r = cli(['check', '--format', 'github', '--fix'], dir);
    assert.equal(r.status, 1, r.stderr);
    assert.match(readFileSync(join(dir, 'Dockerfile'), 'utf8'), /CMD \["node", "server\.js"\]/);
    const cmds = commands(r.stdout);
    assert.deepEqual(
      cmds.map((c) => [c.level, c.props['file'], c.props['title']]),
      [['notice', 'latin1/Dockerfile', 'infra-guide'], ['warning', 'latin1/Dockerfile', PIN], ['warning', 'latin1/Dockerfile', EXEC_FORM]],
    );
    assert.match(cmds[0]!.data, /not fixed: the file is not valid UTF-8/);
    assert.equal(r.stderr, 'infra-guide: fixed 1 problem(s) in 1 file(s)\ninfra-guide: 2 problems (0 errors, 2 warnings, 0 infos) in 1 file (3 checked)\n');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('gitlab: Code Quality report relative to the git root, fingerprints stable across edits above, exit codes as json', () => {
  const dir = tempTree({ 'repo/.git/HEAD': 'ref: refs/heads/main\n', 'repo/.infra-guide.yaml': onlyRules(PIN), 'repo/services/api/Dockerfile': UNPINNED });
  try {
    const api = join(dir, 'repo/services/api');
    const report = () => {
      const r = cli(['check', '--format', 'gitlab'], api);
      assert.equal(r.status, 1, r.stderr);
      assert.equal(r.stderr, '');
      return JSON.parse(r.stdout) as { description: string; check_name: string; fingerprint: string; severity: string; location: { path: string; lines: { begin: number } } }[];
    };
    const [issue, ...rest] = report();
    assert.deepEqual(rest, []);
    assert.ok(issue);
    assert.deepEqual(
      { check_name: issue.check_name, severity: issue.severity, location: issue.location },
      { check_name: PIN, severity: 'minor', location: { path: 'services/api/Dockerfile', lines: { begin: 1 } } },
    );
    assert.match(issue.description, /^Base image `node` /);
    assert.match(issue.fingerprint, /^[0-9a-f]{32}$/);
    // Lines added above the finding: same fingerprint, new line. Another image: a new fingerprint.
    writeFileSync(join(api, 'Dockerfile'), '# syntax=docker/dockerfile:1\n# the API\n' + UNPINNED);
    const moved = report();
    assert.deepEqual([moved[0]!.fingerprint, moved[0]!.location.lines.begin], [issue.fingerprint, 3]);
    // Line endings do not count either: a checkout with CRLF (git's autocrlf on Windows) and one
    // with LF get the same fingerprints, so the branch and its target agree; so does a BOM.
    writeFileSync(join(api, 'Dockerfile'), '\uFEFF# syntax=docker/dockerfile:1\r\n# the API\r\n' + UNPINNED.replace(/\n/g, '\r\n'));
    assert.deepEqual(report().map((i) => i.fingerprint), [issue.fingerprint]);
    writeFileSync(join(api, 'Dockerfile'), UNPINNED.replace('FROM node', 'FROM python'));
    assert.notEqual(report()[0]!.fingerprint, issue.fingerprint);
    // Two stages on the same unpinned image: two distinct fingerprints.
    writeFileSync(join(api, 'Dockerfile'), 'FROM node AS build\nRUN true\nFROM node AS build\n' + UNPINNED.split('\n').slice(1).join('\n'));
    const twice = report();
    assert.equal(twice.length, 2);
    assert.notEqual(twice[0]!.fingerprint, twice[1]!.fingerprint);
    assert.equal(twice[0]!.fingerprint, cli(['check', '--format', 'gitlab'], api).stdout.match(/"fingerprint": "(\w+)"/)![1], 'stable from run to run');
    assert.equal(cli(['check', '--format', 'gitlab', '--fail-on', 'never'], api).status, 0);
    const quiet = cli(['check', '--format', 'gitlab', '--quiet'], api);
    assert.deepEqual([quiet.status, quiet.stdout, quiet.stderr], [0, '[]\n', '']);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('text: findings grouped by file as path:line:col severity message rule-id, then a summary', () => {
  const dir = tempTree({ 'a/Dockerfile': UNPINNED, 'b/Dockerfile': UNPINNED });
  try {
    const r = cli(['check'], dir);
    assert.equal(r.status, 1, r.stderr);
    const lines = r.stdout.split('\n');
    assert.ok(lines.includes('a/Dockerfile'));
    assert.ok(lines.some((l) => /^\s+a\/Dockerfile:1:6\s+warning\s+.+\s+dockerfile\/pin-base-image-version$/.test(l)), r.stdout);
    assert.ok(lines.some((l) => /^\s+b\/Dockerfile:1:6\s+warning\s+/.test(l)));
    assert.ok(lines.indexOf('a/Dockerfile') < lines.indexOf('b/Dockerfile'));
    assert.match(r.stdout, /✖ \d+ problems? \(\d+ errors?, \d+ warnings?, \d+ infos?\) in 2 files \(2 checked\)/);
    assert.ok(!r.stdout.includes('\u001b['), 'NO_COLOR: no escape codes');
    const colored = cli(['check', '--color'], dir);
    assert.ok(colored.stdout.includes('\u001b['));
    const plain = cli(['check', '--no-color', '--color'], dir);
    assert.ok(!plain.stdout.includes('\u001b['), '--no-color wins');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a UTF-8 BOM does not shift columns (json, sarif, text): editors strip it', () => {
  const COMPOSE = 'services: {web: {image: nginx:latest}}\n';
  const BOM = '\uFEFF';
  const dir = tempTree({ 'bom/Dockerfile': BOM + UNPINNED, 'plain/Dockerfile': UNPINNED, 'bom/compose.yaml': BOM + COMPOSE, 'plain/compose.yaml': COMPOSE });
  try {
    const where = (f: Record<string, unknown>) => [f['ruleId'], f['line'], f['column'], f['endLine'], f['endColumn']].join(':');
    const positions = (sub: string) => json(cli(['check', sub, '--format', 'json'], dir)).map(where).sort();
    const plain = positions('plain');
    assert.ok(plain.some((p) => p.startsWith(`${PIN}:1:6:1:10`)) && plain.some((p) => /^compose\/[^:]+:1:/.test(p)), plain.join('\n'));
    assert.deepEqual(positions('bom'), plain);
    const sarif = JSON.parse(cli(['check', 'bom', '--format', 'sarif'], dir).stdout) as any;
    const pin = sarif.runs[0].results.find((x: any) => x.ruleId === PIN);
    assert.deepEqual(pin.locations[0].physicalLocation.region, { startLine: 1, startColumn: 6, endLine: 1, endColumn: 10 });
    assert.match(cli(['check', 'bom'], dir).stdout, /bom\/Dockerfile:1:6 +warning/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('exit codes: 0 clean, 1 findings at or above --fail-on, 2 usage errors', () => {
  const dir = tempTree({ '.infra-guide.yaml': onlyRules(PIN), 'ok/Dockerfile': PINNED, 'bad/Dockerfile': UNPINNED });
  try {
    const clean = cli(['check', 'ok', '--format', 'json'], dir);
    assert.equal(clean.status, 0, clean.stderr);
    assert.deepEqual(json(clean), []);
    assert.match(cli(['check', 'ok'], dir).stdout, /No problems found in 1 file/);
    assert.equal(cli(['check', 'bad'], dir).status, 1);
    assert.equal(cli(['check', 'bad', '--fail-on', 'warning'], dir).status, 1);
    assert.equal(cli(['check', 'bad', '--fail-on', 'info'], dir).status, 1);
    assert.equal(cli(['check', 'bad', '--fail-on', 'error'], dir).status, 0);
    assert.equal(cli(['check', 'bad', '--fail-on', 'never'], dir).status, 0);
    // --quiet shows errors only (and exits on them only).
    const quiet = cli(['check', 'bad', '--quiet'], dir);
    assert.equal(quiet.status, 0);
    assert.equal(quiet.stdout, '');
    for (const args of [['check', '--format', 'xml'], ['check', '--fail-on', 'sometimes'], ['check', '--bogus'], ['nonsense'], ['check', 'missing-folder'], ['check', '--config', 'nope.yaml'], []]) {
      const r = cli(args, dir);
      assert.equal(r.status, 2, `${args.join(' ')}: ${r.stdout}${r.stderr}`);
      assert.notEqual(r.stderr, '', `${args.join(' ')} explains itself on stderr`);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a missing path or a broken config: no success summary, json and sarif stay valid', () => {
  const dir = tempTree({ '.infra-guide.yaml': onlyRules(PIN), 'ok/Dockerfile': PINNED, 'broken/.infra-guide.yaml': 'rules: [\n', 'broken/Dockerfile': PINNED });
  try {
    assert.match(cli(['check', 'nonexist'], dir).stdout, /^✖ Check failed: see the error above \(0 files checked, no problems in them\)\.\n$/);
    for (const args of [['nonexist'], ['ok', 'nonexist'], ['broken']]) {
      const text = cli(['check', ...args], dir);
      assert.equal(text.status, 2, text.stderr);
      assert.notEqual(text.stderr, '');
      assert.doesNotMatch(text.stdout, /✔|No problems found in/, `${args.join(' ')}: ${text.stdout}`);
      assert.match(text.stdout, /Check failed: see the error above/, args.join(' '));
      const j = cli(['check', ...args, '--format', 'json'], dir);
      assert.equal(j.status, 2);
      assert.ok(Array.isArray(json(j)));
      // github: each error is an `::error` command on stdout; stderr has only the summary.
      const gh = cli(['check', ...args, '--format', 'github'], dir);
      assert.equal(gh.status, 2);
      const errors = commands(gh.stdout).filter((c) => c.level === 'error');
      assert.ok(errors.length >= 1, gh.stdout);
      if (args.includes('broken')) assert.ok(errors.every((c) => c.props['file'] === 'broken/.infra-guide.yaml' && c.props['title'] === 'infra-guide/invalid-config' && Number(c.props['line']) >= 1), gh.stdout);
      else assert.ok(errors.some((c) => c.data === 'no such file or folder: nonexist'), gh.stdout);
      assert.match(gh.stderr, /^infra-guide: .*Check failed: see the (error|\d+ errors) above/);
      assert.doesNotMatch(gh.stdout + gh.stderr, /✔|No problems found in/);
      const gl = cli(['check', ...args, '--format', 'gitlab'], dir);
      assert.equal(gl.status, 2);
      assert.ok(Array.isArray(json(gl)));
      assert.notEqual(gl.stderr, '');
      const sarif = cli(['check', ...args, '--format', 'sarif'], dir);
      assert.equal(sarif.status, 2);
      const inv = (JSON.parse(sarif.stdout) as any).runs[0].invocations;
      assert.equal(inv.length, 1);
      assert.equal(inv[0].executionSuccessful, false);
      assert.ok(inv[0].toolExecutionNotifications.length >= 1);
      for (const n of inv[0].toolExecutionNotifications) {
        assert.equal(n.level, 'error');
        assert.equal(typeof n.message.text, 'string');
      }
    }
    // Findings and an error: the summary counts the findings and says the check failed.
    const mixed = tempTree({ 'bad/Dockerfile': UNPINNED });
    try {
      const r = cli(['check', 'bad', 'nonexist'], mixed);
      assert.equal(r.status, 2);
      assert.match(r.stdout, /✖ \d+ problems? /);
      assert.match(r.stdout, /Check failed: see the error above/);
    } finally {
      rmSync(mixed, { recursive: true, force: true });
    }
    // A clean run: the success line, and SARIF says the execution succeeded.
    assert.match(cli(['check', 'ok'], dir).stdout, /^✔ No problems found in 1 file\.\n$/);
    const ok = JSON.parse(cli(['check', 'ok', '--format', 'sarif'], dir).stdout) as any;
    assert.deepEqual(ok.runs[0].invocations, [{ executionSuccessful: true }]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('--workers takes a plain non-negative integer only', () => {
  const dir = tempTree({ 'Dockerfile': PINNED });
  try {
    for (const n of ['', '1e1', '0x2', ' 1', '1.0', '-1', 'abc']) {
      const r = cli(['check', `--workers=${n}`], dir);
      assert.equal(r.status, 2, `--workers=${n}: ${r.stdout}${r.stderr}`);
      assert.match(r.stderr, /--workers/);
    }
    for (const n of ['0', '1', '2']) assert.equal(cli(['check', '--workers', n], dir).status, 0, `--workers ${n}`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a broken .infra-guide.yaml: its problems are printed and the exit code is 2', () => {
  const dir = tempTree({ '.infra-guide.yaml': 'rules:\n  dockerfile/pin-base-image-version: loud\n  dockerfile/no-such-rule: error\n', 'Dockerfile': PINNED });
  try {
    const r = cli(['check'], dir);
    assert.equal(r.status, 2);
    assert.match(r.stderr, /\.infra-guide\.yaml:2:\d+: error: .*infra-guide\/invalid-config/);
    assert.match(r.stderr, /no-such-rule/);
    const yamlBroken = tempTree({ '.infra-guide.yaml': 'rules: [\n', 'Dockerfile': PINNED });
    try {
      assert.equal(cli(['check', '--format', 'json'], yamlBroken).status, 2);
    } finally {
      rmSync(yamlBroken, { recursive: true, force: true });
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('--config uses one explicit config file for every file', () => {
  const dir = tempTree({ 'conf/strict.yaml': `rules:\n  ${PIN}: error\n`, 'svc/Dockerfile': UNPINNED, 'svc/.infra-guide.yaml': `rules:\n  ${PIN}: off\n` });
  try {
    const r = cli(['check', 'svc', '--config', 'conf/strict.yaml', '--format', 'json'], dir);
    assert.equal(r.status, 1, r.stderr);
    assert.equal(json(r).find((f) => f['ruleId'] === PIN)?.['severity'], 'error');
    const nearest = cli(['check', 'svc', '--format', 'json'], dir);
    assert.equal(json(nearest).find((f) => f['ruleId'] === PIN), undefined);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('odd files: malformed Dockerfile, binary file named Dockerfile, empty file — no crash', () => {
  const binary = Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0x02, 0x01, 0x01, 0x00, 0x00, 0x00, 0xff, 0xfe, 0x00, 0x10, 0x46, 0x52, 0x4f, 0x4d]);
  const dir = tempTree({
    'malformed/Dockerfile': 'FROM\nRUN \\\nCOPY --from= \nENV =\nCMD [\"unterminated\nHEALTHCHECK --interval=\nARG\nFROM node:20 AS\n\u0000',
    'malformed2/Dockerfile': 'FROM node:20-alpine\nRUN <<EOF\napk add curl\n',
    'binary/Dockerfile': binary,
    'empty/Dockerfile': '',
    'empty/deployment.yaml': '',
    'broken-yaml/deployment.yaml': 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: [web\n',
  });
  try {
    const r = cli(['check', '--format', 'json', '--fail-on', 'never'], dir);
    assert.equal(r.status, 0, r.stderr);
    assert.doesNotMatch(r.stderr, /internal error|TypeError|at .*\.js:\d+/);
    const out = json(r);
    const byFile = (f: string) => out.filter((x) => x['file'] === f);
    assert.deepEqual(byFile('binary/Dockerfile').map((x) => x['ruleId']), ['infra-guide/binary-file']);
    assert.deepEqual(byFile('empty/deployment.yaml'), []);
    assert.ok(byFile('broken-yaml/deployment.yaml').some((x) => x['ruleId'] === 'infra-guide/parse-error'));
    const text = cli(['check', '--fail-on', 'never'], dir);
    assert.equal(text.status, 0, text.stderr);
    assert.match(text.stdout, /\(6 checked\)/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('explicit file arguments are linted even when ignored or oddly named', () => {
  const dir = tempTree({ '.gitignore': 'ignored/\n', 'ignored/Dockerfile': UNPINNED, 'build.txt': UNPINNED, 'notes.txt': 'hello\n' });
  try {
    const walked = cli(['check', '--format', 'json'], dir);
    assert.deepEqual(json(walked), []);
    const r = cli(['check', 'ignored/Dockerfile', 'build.txt', 'notes.txt', '--format', 'json'], dir);
    const files = new Set(json(r).filter((f) => f['ruleId'] === PIN).map((f) => f['file']));
    assert.deepEqual([...files].sort(), ['build.txt', 'ignored/Dockerfile']);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('secret findings never print the value', () => {
  const secret = 'sk_live_51HcQxTzNotRealButLongEnough0123';
  const dir = tempTree({
    'Dockerfile': `FROM node:20-alpine\nENV STRIPE_API_KEY=${secret}\nARG DB_PASSWORD=${secret}\nUSER node\nCMD ["node", "s.js"]\n`,
    'k8s/deploy.yaml': `apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n    - name: c\n      image: x:1\n      env:\n        - name: API_TOKEN\n          value: ${secret}\n`,
  });
  try {
    for (const format of ['text', 'json', 'sarif']) {
      const r = cli(['check', '--format', format], dir);
      assert.ok(!r.stdout.includes(secret) && !r.stderr.includes(secret), `${format} output leaks the secret`);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('sarif: no fix content quotes a secret found elsewhere in the same file', () => {
  const secret = 'FAKE-hunter2-quoted-by-a-fix';
  const dir = tempTree({ 'Dockerfile': `FROM node:20-alpine\nENV DB_PASSWORD=${secret}\nUSER node\nCMD DB_PASSWORD=${secret} node server.js\n` });
  try {
    const r = cli(['check', '--format', 'sarif'], dir);
    assert.equal(r.status, 1, r.stderr);
    const results = (JSON.parse(r.stdout) as any).runs[0].results as { ruleId: string }[];
    assert.ok(results.some((x) => x.ruleId === 'dockerfile/use-exec-form'), 'the CMD finding is still reported');
    assert.ok(!r.stdout.includes(secret), 'a fix in the SARIF output leaks the secret');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('sarif with --quiet: no fix content quotes a secret whose finding --quiet hides', () => {
  const secret = 'FAKE-hunter2-hidden-by-quiet';
  const dir = tempTree({
    'Dockerfile': `FROM node:20-alpine\nENV DB_PASSWORD=${secret}\nUSER node\nCMD DB_PASSWORD=${secret} node server.js\n`,
    // The secret finding drops below --quiet's error threshold; the CMD finding stays.
    '.infra-guide.yaml': 'rules:\n  dockerfile/no-secrets-in-env-or-arg: warning\n  dockerfile/use-exec-form: error\n',
  });
  try {
    const r = cli(['check', '--format', 'sarif', '--quiet'], dir);
    assert.equal(r.status, 1, r.stderr);
    const results = (JSON.parse(r.stdout) as any).runs[0].results as { ruleId: string }[];
    assert.deepEqual(results.map((x) => x.ruleId), ['dockerfile/use-exec-form']);
    assert.ok(!r.stdout.includes(secret), 'a fix in the SARIF output leaks the secret');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('rules: lists every rule (text and json), --version and --help', () => {
  const dir = tempTree({});
  try {
    const text = cli(['rules'], dir);
    assert.equal(text.status, 0);
    for (const r of allRules) assert.ok(text.stdout.includes(r.meta.id), r.meta.id);
    const j = cli(['rules', '--format', 'json'], dir);
    const list = JSON.parse(j.stdout) as { id: string; severity: string; fixable: boolean; fixSafety?: string; title: string }[];
    assert.deepEqual(list.map((x) => x.id), allRules.map((x) => x.meta.id));
    for (const x of list) assert.ok(['error', 'warning', 'info'].includes(x.severity) && typeof x.fixable === 'boolean' && x.title.length > 0);
    // Whether `--fix` applies a rule's fixes: in the JSON, and as the FIX column of the table.
    const safety = (id: string) => list.find((x) => x.id === id)?.fixSafety;
    assert.equal(safety('commit/no-trailing-period'), 'safe');
    assert.equal(safety('kubernetes/set-resource-limits'), 'unsafe');
    assert.equal(safety('dockerfile/use-exec-form'), 'mixed');
    assert.equal(safety('dockerfile/pin-base-image-version'), undefined);
    assert.match(text.stdout, /^commit\/no-trailing-period +warning +auto +Commit subject/m);
    assert.match(text.stdout, /^kubernetes\/set-resource-limits +warning +quick +Set memory/m);
    assert.match(text.stdout, /^dockerfile\/use-exec-form +warning +some +Write CMD/m);
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string };
    assert.equal(cli(['--version'], dir).stdout.trim(), pkg.version);
    assert.equal(cli(['check', '--version'], dir).stdout.trim(), pkg.version);
    const help = cli(['--help'], dir);
    assert.equal(help.status, 0);
    assert.match(help.stdout, /infra-guide check/);
    assert.match(help.stdout, /--fail-on/);
    assert.match(help.stdout, /--format text\|json\|sarif\|github\|gitlab\n/);
    // The code cache's variables, named as compile-cache.ts reads them.
    assert.match(help.stdout, new RegExp(`${CACHE_DIR_ENV}=DIR`));
    assert.match(help.stdout, new RegExp(`${DISABLE_ENV}=1`));
    assert.match(cli(['check', '--format', 'xml'], dir).stderr, /expected text, json, sarif, github, gitlab\)/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('extra arguments and a missing lsp transport are usage errors (exit 2), not ignored', () => {
  const dir = tempTree({ 'COMMIT_EDITMSG': 'feat(#2): Add a thing\n\n- does it\n\nRefs #2\n' });
  try {
    for (const args of [['rules', 'extra-arg'], ['rules', '--format', 'json', 'extra-arg'], ['commit-msg', 'COMMIT_EDITMSG', 'extra-arg'], ['lsp'], ['lsp', 'extra-arg']]) {
      const r = cli(args, dir);
      assert.equal(r.status, 2, `${args.join(' ')}: ${r.stdout}${r.stderr}`);
      assert.equal(r.stdout, '', args.join(' '));
      assert.doesNotMatch(r.stderr, /internal error/, args.join(' '));
      assert.match(r.stderr, args[0] === 'lsp' ? /--stdio/ : /extra-arg|exactly one FILE/, args.join(' '));
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('commit-msg is dispatched (exit code is 0, 1 or 2, never a crash)', () => {
  const dir = tempTree({ 'COMMIT_EDITMSG': 'feat(#2): Add a thing\n\n- does it\n\nRefs #2\n' });
  try {
    const r = cli(['commit-msg', 'COMMIT_EDITMSG'], dir);
    assert.ok([0, 1, 2].includes(r.status ?? -1), r.stderr);
    assert.doesNotMatch(r.stderr, /unknown command/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a reader that stops early (`| head`) ends the run quietly, with its exit code', async () => {
  const { spawn } = await import('node:child_process');
  const dir = tempTree({ 'Dockerfile': UNPINNED });
  try {
    const p = spawn(process.execPath, [CLI, 'check', '--format', 'sarif'], { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] });
    // Close the pipe before the output (the rules alone are tens of KiB) is written.
    p.stdout.destroy();
    let stderr = '';
    p.stderr.on('data', (d: Buffer) => (stderr += d.toString('utf8')));
    const status = await new Promise<number | null>((done) => p.on('close', (code) => done(code)));
    assert.equal(stderr, '');
    assert.equal(status, 1);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('lsp --stdio answers initialize', async () => {
  const { spawn } = await import('node:child_process');
  const p = spawn(process.execPath, [CLI, 'lsp', '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
  try {
    const msg = JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'initialize', params: { processId: null, rootUri: null, capabilities: {} } });
    p.stdin.write(`Content-Length: ${Buffer.byteLength(msg)}\r\n\r\n${msg}`);
    const reply = await new Promise<string>((resolvePromise, reject) => {
      let out = '';
      const timer = setTimeout(() => reject(new Error(`no initialize result: ${out}`)), 20_000);
      p.stdout.on('data', (d: Buffer) => {
        out += d.toString('utf8');
        if (/"id":1/.test(out) && /\}\s*$/.test(out)) {
          clearTimeout(timer);
          resolvePromise(out);
        }
      });
      p.on('exit', (code) => reject(new Error(`server exited with ${code}: ${out}`)));
    });
    const body = JSON.parse(reply.slice(reply.indexOf('{'))) as { result: { capabilities: Record<string, unknown> } };
    assert.ok(body.result.capabilities);
  } finally {
    p.kill();
  }
});
