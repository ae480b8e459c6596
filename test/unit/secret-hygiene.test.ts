// Reliability harness, part 4: secret hygiene. Fixtures hold known fake secret values in every
// kind (Dockerfile ENV/ARG, Kubernetes env and Secret, Compose environment, CI variables);
// no message, fix title, CLI output (text/JSON/SARIF/GitHub/GitLab, of files or standard input),
// language-server diagnostic or log line may ever contain one of them. Needs the built dist/
// (npm test builds before testing).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter } from 'vscode-jsonrpc/node';
import { Linter } from '../../server/src/engine/lint';
import { getRule } from '../../server/src/engine/registry';
import type { Finding } from '../../server/src/engine/types';

function repoRoot(): string {
  let dir = __dirname;
  while (!existsSync(join(dir, 'package.json')) || !existsSync(join(dir, 'server'))) {
    const up = dirname(dir);
    if (up === dir) return process.cwd();
    dir = up;
  }
  return dir;
}
const ROOT = repoRoot();
const CLI = join(ROOT, 'dist', 'cli.js');
const SERVER = join(ROOT, 'dist', 'server.js');

/** Distinctive fake values; each appears once in the fixtures. */
const V = {
  dockerEnv: 'FAKE-s3cr3t-dockerenv-7f3a9c',
  dockerEnvLegacy: 'FAKE-s3cr3t-legacyenv-2b81d0',
  dockerArg: 'FAKE-s3cr3t-dockerarg-91e4aa',
  dockerMulti: 'FAKE-s3cr3t-multienv-5c0f3e',
  dockerUrl: 'FAKEurlpw-dockerurl-44d1',
  dockerCont: 'FAKE-s3cr3t-continued-8a7b6c',
  k8sEnv: 'FAKE-s3cr3t-k8senv-1d2e3f',
  k8sUrl: 'FAKEurlpw-k8surl-9e8d',
  k8sStringData: 'FAKE-s3cr3t-stringdata-6f5e4d',
  k8sData: 'FAKE-s3cr3t-base64data-3c2b1a',
  k8sQuoted: 'FAKE s3cr3t quoted k8s 0a9b',
  composeMap: 'FAKE-s3cr3t-composemap-7e6d5c',
  composeList: 'FAKE-s3cr3t-composelist-4b3a29',
  composeUrl: 'FAKEurlpw-composeurl-18f7',
  composeBuildArg: 'FAKE-s3cr3t-buildarg-c3d4e5',
  composeDefault: 'FAKE-s3cr3t-composedefault-a1b2c3',
  composeListDefault: 'FAKE-s3cr3t-composelistdefault-d4e5f6',
  composeNested: 'FAKE-s3cr3t-composenested-0a1b2c',
  composeUrlDefault: 'FAKEurlpw-composeurldefault-3d4e',
  dockerDefault: 'FAKE-s3cr3t-dockerdefault-5f6a7b',
  ghEnv: 'FAKE-s3cr3t-githubenv-0f1e2d',
  gitlabVar: 'FAKE-s3cr3t-gitlabvar-5a6b7c',
  woodpeckerEnv: 'FAKE-s3cr3t-woodpecker-8c9d0e',
};
const k8sDataB64 = Buffer.from(V.k8sData).toString('base64');
/** Everything that must never be printed: the values, and the base64 form of the Secret data. */
const FORBIDDEN = [...Object.values(V), k8sDataB64];

const FIXTURES: Record<string, string> = {
  Dockerfile: [
    'FROM node:20.11-alpine',
    `ARG API_TOKEN=${V.dockerArg}`,
    `ENV DB_PASSWORD=${V.dockerEnv}`,
    `ENV AWS_SECRET_ACCESS_KEY ${V.dockerEnvLegacy}`,
    `ENV APP_NAME=web CLIENT_SECRET="${V.dockerMulti}" PORT=8080`,
    `ENV DATABASE_URL=postgres://app:${V.dockerUrl}@db:5432/app`,
    `ENV SESSION_SECRET=\${SESSION_SECRET:-${V.dockerDefault}}`,
    'ENV GITHUB_TOKEN=\\',
    `    ${V.dockerCont}`,
    'USER node',
    'CMD ["node", "server.js"]',
    '',
  ].join('\n'),
  'k8s/deployment.yaml': [
    'apiVersion: apps/v1',
    'kind: Deployment',
    'metadata:',
    '  name: web',
    'spec:',
    '  template:',
    '    spec:',
    '      containers:',
    '        - name: web',
    '          image: nginx:1.27.0',
    '          env:',
    '            - name: DB_PASSWORD',
    `              value: ${V.k8sEnv}`,
    '            - name: API_KEY',
    `              value: "${V.k8sQuoted}"`,
    '            - name: DATABASE_URL',
    `              value: mysql://root:${V.k8sUrl}@db/app`,
    '---',
    'apiVersion: v1',
    'kind: Secret',
    'metadata:',
    '  name: db',
    'type: Opaque',
    'stringData:',
    `  password: ${V.k8sStringData}`,
    'data:',
    `  token: ${k8sDataB64}`,
    '',
  ].join('\n'),
  'compose.yaml': [
    'services:',
    '  db:',
    '    image: postgres:16.2',
    '    environment:',
    `      POSTGRES_PASSWORD: ${V.composeMap}`,
    `      DATABASE_URL: postgres://app:${V.composeUrl}@db/app`,
    `      REDIS_PASSWORD: \${REDIS_PASSWORD:-${V.composeDefault}}`,
    `      REPLICA_URL: postgres://app:\${PW-${V.composeUrlDefault}}@replica/app`,
    '  api:',
    '    image: example/api:1.2.3',
    '    build:',
    '      context: .',
    '      args:',
    `        NPM_TOKEN: ${V.composeBuildArg}`,
    '    environment:',
    `      - API_KEY=${V.composeList}`,
    `      - "SIGNING_TOKEN=\${SIGNING_TOKEN-${V.composeListDefault}}"`,
    `      - JWT_SECRET=\${A:-\${B:-${V.composeNested}}}`,
    '',
  ].join('\n'),
  '.github/workflows/ci.yml': [
    'on: push',
    'jobs:',
    '  test:',
    '    runs-on: ubuntu-24.04',
    '    env:',
    `      NPM_TOKEN: ${V.ghEnv}`,
    '    steps:',
    '      - uses: actions/checkout@v4',
    '      - run: npm test',
    '',
  ].join('\n'),
  '.gitlab-ci.yml': ['variables:', `  DB_PASSWORD: ${V.gitlabVar}`, 'test:', '  image: node:20.11', '  script:', '    - npm test', ''].join('\n'),
  '.woodpecker.yml': [
    'steps:',
    '  test:',
    '    image: node:20.11',
    '    environment:',
    `      REGISTRY_PASSWORD: ${V.woodpeckerEnv}`,
    '    commands:',
    '      - npm test',
    '',
  ].join('\n'),
};

/** Secret rules that exist must fire on these fixtures (else the test would prove nothing). */
const EXPECTED_SECRET_RULES: Record<string, string[]> = {
  Dockerfile: ['dockerfile/no-secrets-in-env-or-arg'],
  'k8s/deployment.yaml': ['kubernetes/no-secrets-in-env', 'kubernetes/no-literal-secret-data'],
  'compose.yaml': ['compose/no-secrets-in-environment', 'compose/no-secrets-in-build-args'],
};

function leaks(text: string): string[] {
  return FORBIDDEN.filter((v) => text.includes(v));
}

function writeFixtures(dir: string, fixtures: Record<string, string> = FIXTURES): void {
  for (const [name, text] of Object.entries(fixtures)) {
    mkdirSync(dirname(join(dir, name)), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
}

test('engine: secret findings fire and no message or fix title carries a value', () => {
  const linter = new Linter({ throwOnRuleError: true });
  for (const [name, text] of Object.entries(FIXTURES)) {
    const { findings } = linter.lint({ text, fileName: name });
    for (const f of findings) {
      assert.deepEqual(leaks(f.message), [], `${name}: ${f.ruleId} message leaks a value: ${f.message}`);
      for (const fix of f.fixes) assert.deepEqual(leaks(fix.title), [], `${name}: ${f.ruleId} fix title leaks a value: ${fix.title}`);
    }
    for (const rule of EXPECTED_SECRET_RULES[name] ?? []) {
      if (!getRule(rule)) continue; // pack not landed yet
      const hits = findings.filter((f: Finding) => f.ruleId === rule);
      assert.ok(hits.length > 0, `${name}: expected ${rule} to report`);
      assert.ok(
        hits.every((f) => f.secret === true),
        `${name}: ${rule} findings must be marked secret`,
      );
    }
  }
  // Every fake value in a secret-looking place of Dockerfile/K8s/Compose is reported somewhere.
  const covered = (name: string, values: string[]) => {
    const { findings } = linter.lint({ text: FIXTURES[name]!, fileName: name });
    const lines = FIXTURES[name]!.split('\n');
    for (const v of values) {
      const line = lines.findIndex((l) => l.includes(v));
      assert.ok(
        findings.some((f) => f.secret && f.range.start.line <= line && line <= f.range.end.line + 1),
        `${name}: the secret on line ${line + 1} is not reported`,
      );
    }
  };
  if (getRule('dockerfile/no-secrets-in-env-or-arg')) covered('Dockerfile', [V.dockerEnv, V.dockerEnvLegacy, V.dockerArg, V.dockerMulti, V.dockerDefault]);
  if (getRule('kubernetes/no-secrets-in-env')) covered('k8s/deployment.yaml', [V.k8sEnv, V.k8sQuoted]);
  if (getRule('compose/no-secrets-in-environment')) covered('compose.yaml', [V.composeMap, V.composeList, V.composeDefault, V.composeUrlDefault, V.composeListDefault, V.composeNested]);
  if (getRule('compose/no-secrets-in-build-args')) covered('compose.yaml', [V.composeBuildArg]);
});

test('CLI: text, JSON, SARIF, GitHub and GitLab output (and --fix) never contain a value', (t) => {
  if (!existsSync(CLI)) assert.fail(`${CLI} missing: run \`node scripts/build.mjs\` first`);
  const dir = mkdtempSync(join(tmpdir(), 'ig-secrets-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  writeFixtures(dir);
  let secretFindings = 0;
  for (const format of ['text', 'json', 'sarif', 'github', 'gitlab']) {
    const r = spawnSync(process.execPath, [CLI, 'check', dir, '--format', format, '--fail-on', 'never', '--no-color'], { encoding: 'utf8' });
    assert.equal(r.status, 0, `check --format ${format} exited ${r.status}: ${r.stderr}`);
    assert.deepEqual(leaks(r.stdout), [], `--format ${format} stdout leaks`);
    assert.deepEqual(leaks(r.stderr), [], `--format ${format} stderr leaks`);
    if (format === 'json') {
      const arr = JSON.parse(r.stdout) as { ruleId: string }[];
      secretFindings = arr.filter((f) => /secret/.test(f.ruleId)).length;
    }
    if (format === 'sarif' || format === 'gitlab') JSON.parse(r.stdout);
    if (format === 'github') assert.ok(r.stdout.split('\n').every((l) => l === '' || /^::(error|warning|notice) /.test(l)), 'github stdout holds workflow commands only');
  }
  assert.ok(secretFindings > 0, 'the CLI reported no secret findings on the fixtures');
  // --fix rewrites files and reports what remains: its output must not leak either.
  const fixDir = mkdtempSync(join(tmpdir(), 'ig-secrets-fix-'));
  t.after(() => rmSync(fixDir, { recursive: true, force: true }));
  cpSync(dir, fixDir, { recursive: true });
  for (const format of ['json', 'github', 'gitlab']) {
    const r = spawnSync(process.execPath, [CLI, 'check', fixDir, '--fix', '--format', format, '--fail-on', 'never'], { encoding: 'utf8' });
    assert.deepEqual(leaks(r.stdout + r.stderr), [], `--fix --format ${format} output leaks`);
  }
  // A config problem report must not echo values either (config pointing at a fixture).
  const cfg = join(dir, '.infra-guide.yaml');
  writeFileSync(cfg, `rules:\n  ${V.dockerEnv}: error\n`);
  const rc = spawnSync(process.execPath, [CLI, 'check', join(dir, 'Dockerfile'), '--format', 'json', '--fail-on', 'never'], { encoding: 'utf8' });
  // The unknown-rule problem may name what the user wrote in the config file (not a fixture secret); only the fixture's own values matter here.
  assert.deepEqual(leaks((rc.stdout + rc.stderr).replaceAll(V.dockerEnv, '')), [], 'config problem output leaks');
});

test('CLI: standard input (`check -`), named or told by its content, never echoes a value', (t) => {
  if (!existsSync(CLI)) assert.fail(`${CLI} missing: run \`node scripts/build.mjs\` first`);
  const dir = mkdtempSync(join(tmpdir(), 'ig-secrets-stdin-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  let secretFindings = 0;
  for (const [name, text] of Object.entries(FIXTURES)) {
    const runs: [string[], string[]][] = [
      [['--stdin-filename', name], ['text', 'json', 'sarif', 'github', 'gitlab']],
      // Unnamed: linted by content, or (generic YAML) an error telling to name it; neither quotes the input.
      [[], ['text', 'gitlab']],
    ];
    for (const [naming, formats] of runs) {
      for (const format of formats) {
        const args = [CLI, 'check', '-', ...naming, '--format', format, '--fail-on', 'never', '--no-color'];
        const r = spawnSync(process.execPath, args, { cwd: dir, input: text, encoding: 'utf8' });
        const what = `${name} ${naming.length > 0 ? 'named' : 'unnamed'} --format ${format}`;
        assert.ok(r.status === 0 || (r.status === 2 && naming.length === 0), `${what} exited ${r.status}: ${r.stderr}`);
        assert.deepEqual(leaks(r.stdout + r.stderr), [], `${what} leaks`);
        if (format === 'json') secretFindings += (JSON.parse(r.stdout) as { ruleId: string }[]).filter((f) => /secret/.test(f.ruleId)).length;
      }
    }
  }
  assert.ok(secretFindings > 0, 'no secret findings on standard input');
});

test('CLI: GitLab fingerprints do not depend on the secret values (no hash of a secret\'s line)', (t) => {
  if (!existsSync(CLI)) assert.fail(`${CLI} missing: run \`node scripts/build.mjs\` first`);
  const fingerprints = (fixtures: Record<string, string>, ...args: string[]) => {
    const dir = mkdtempSync(join(tmpdir(), 'ig-secrets-gitlab-'));
    t.after(() => rmSync(dir, { recursive: true, force: true }));
    writeFixtures(dir, fixtures);
    const r = spawnSync(process.execPath, [CLI, 'check', '.', '--format', 'gitlab', '--fail-on', 'never', ...args], { cwd: dir, encoding: 'utf8' });
    assert.equal(r.status, 0, r.stderr);
    return (JSON.parse(r.stdout) as { check_name: string; fingerprint: string; location: { path: string } }[]).map((i) => `${i.location.path} ${i.check_name} ${i.fingerprint}`);
  };
  // Every value changed (same shape), and the base64 Secret data with it.
  const other = (v: string) => v.slice(0, -1) + (v.endsWith('z') ? 'y' : 'z');
  const change = (fixtures: Record<string, string>, values: string[]) =>
    Object.fromEntries(Object.entries(fixtures).map(([name, text]) => [name, values.reduce((s, v) => s.replaceAll(v, other(v)), text)]));
  const before = fingerprints(FIXTURES);
  assert.ok(before.some((x) => /secret/.test(x)), 'the report holds secret findings');
  const changed = change(FIXTURES, [...Object.values(V), k8sDataB64]);
  assert.notDeepEqual(changed, FIXTURES);
  assert.deepEqual(fingerprints(changed), before, 'fingerprints follow the secret values');
  // --quiet hides the secret finding (a warning here); the error on the secret's other line stays, and still hashes no line.
  const hidden = {
    Dockerfile: `FROM node:20-alpine\nENV DB_PASSWORD=${V.dockerEnv}\nUSER node\nCMD DB_PASSWORD=${V.dockerEnv} node server.js\n`,
    '.infra-guide.yaml': 'rules:\n  dockerfile/no-secrets-in-env-or-arg: warning\n  dockerfile/use-exec-form: error\n',
  };
  const quiet = fingerprints(hidden, '--quiet');
  assert.deepEqual(quiet.map((x) => x.split(' ')[1]), ['dockerfile/use-exec-form']);
  assert.deepEqual(fingerprints(change(hidden, [V.dockerEnv]), '--quiet'), quiet, 'fingerprints follow the secret values (--quiet)');
});

test('language server: diagnostics, code actions and log messages never contain a value', async (t) => {
  if (!existsSync(SERVER)) assert.fail(`${SERVER} missing: run \`node scripts/build.mjs\` first`);
  const dir = mkdtempSync(join(tmpdir(), 'ig-secrets-lsp-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  writeFixtures(dir);
  const proc = spawn(process.execPath, [SERVER, '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
  let stderr = '';
  proc.stderr.on('data', (c: Buffer) => (stderr += c.toString('utf8')));
  const conn = createMessageConnection(new StreamMessageReader(proc.stdout), new StreamMessageWriter(proc.stdin));
  const seen: string[] = [];
  const diagnostics = new Map<string, unknown[]>();
  let waiting: (() => void) | undefined;
  conn.onNotification((method: string, params: unknown) => {
    seen.push(JSON.stringify({ method, params }));
    if (method === 'textDocument/publishDiagnostics') {
      const p = params as { uri: string; diagnostics: unknown[] };
      diagnostics.set(p.uri, p.diagnostics);
      waiting?.();
    }
  });
  conn.onRequest((method: string, params: unknown) => {
    seen.push(JSON.stringify({ method, params }));
    if (method === 'workspace/configuration') return ((params as { items: unknown[] }).items ?? []).map(() => null);
    return null;
  });
  conn.listen();
  t.after(() => {
    conn.dispose();
    proc.kill();
  });
  await conn.sendRequest('initialize', { processId: process.pid, rootUri: pathToFileURL(dir).href, capabilities: {}, workspaceFolders: null });
  conn.sendNotification('initialized', {});
  const uris: string[] = [];
  for (const [name, text] of Object.entries(FIXTURES)) {
    const uri = pathToFileURL(join(dir, name)).href;
    uris.push(uri);
    const languageId = name === 'Dockerfile' ? 'dockerfile' : 'yaml';
    conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId, version: 1, text } });
  }
  const deadline = Date.now() + 20_000;
  while (uris.some((u) => !diagnostics.has(u)) && Date.now() < deadline) {
    await new Promise<void>((resolve) => {
      waiting = resolve;
      setTimeout(resolve, 200).unref();
    });
  }
  assert.ok(uris.every((u) => diagnostics.has(u)), 'diagnostics were not published for every fixture');
  // Ask for code actions on every line of every fixture: titles must not carry values.
  for (const [i, name] of Object.keys(FIXTURES).entries()) {
    const lines = FIXTURES[name]!.split('\n');
    const diags = diagnostics.get(uris[i]!) ?? [];
    const result = await conn.sendRequest('textDocument/codeAction', {
      textDocument: { uri: uris[i] },
      range: { start: { line: 0, character: 0 }, end: { line: lines.length - 1, character: 0 } },
      context: { diagnostics: diags },
    });
    seen.push(JSON.stringify((result as { title?: string }[] | null)?.map((a) => a.title) ?? []));
  }
  const secretDiags = [...diagnostics.values()].flat().filter((d) => /secret/.test(String((d as { code?: unknown }).code ?? ''))).length;
  assert.ok(secretDiags > 0, 'the server reported no secret diagnostics on the fixtures');
  for (const s of seen) assert.deepEqual(leaks(s), [], `server output leaks: ${s.slice(0, 300)}`);
  assert.deepEqual(leaks(stderr), [], 'server stderr leaks');
  await Promise.race([conn.sendRequest('shutdown'), new Promise((r) => setTimeout(r, 2000).unref())]);
  // The server may already be gone: a rejected write must not fail the test.
  await conn.sendNotification('exit').catch(() => undefined);
});

