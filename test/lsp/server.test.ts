// LSP protocol tests: spawn the built `node dist/server.js --stdio` and talk JSON-RPC to it.
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, describe, it } from 'node:test';
import type { CodeAction, Diagnostic } from 'vscode-languageserver-protocol';
import { editsFor, fileUri, LspClient, removeDir, REPO_ROOT, sleep, tempDir, type Publish } from './harness';

const PIN = 'dockerfile/pin-base-image-version';
const FIX_ALL = 'source.fixAll.infraGuide';
/** A value that must never show up in the server's log (secret hygiene). */
const SECRET_VALUE = 'hunter2-s3cr3t-VALUE-do-not-log';

const pinDiags = (p: Publish): Diagnostic[] => p.diagnostics.filter((d) => d.code === PIN);

describe('language server over stdio', () => {
  let client: LspClient;
  let capabilities: Record<string, unknown>;
  let settings: Record<string, unknown> = {};
  const dirs: string[] = [];
  const mkTemp = () => {
    const d = tempDir();
    dirs.push(d);
    return d;
  };

  before(async () => {
    const started = await LspClient.start();
    client = started.client;
    capabilities = started.init.capabilities as Record<string, unknown>;
    client.settings = (_uri, section) => (section === 'infraGuide' ? settings : {});
  });

  after(async () => {
    await client?.dispose();
    for (const d of dirs) removeDir(d);
  });

  /** Changes the answer to workspace/configuration and tells the server. */
  function setSettings(next: Record<string, unknown>): void {
    settings = next;
    client.notify('workspace/didChangeConfiguration', { settings: { infraGuide: next } });
  }

  it('initializes with incremental sync and code action kinds', () => {
    const sync = capabilities['textDocumentSync'] as { change: number; openClose: boolean };
    assert.equal(sync.change, 2, 'incremental text sync');
    assert.equal(sync.openClose, true);
    const ca = capabilities['codeActionProvider'] as { codeActionKinds: string[] };
    assert.ok(ca.codeActionKinds.includes('quickfix'));
    assert.ok(ca.codeActionKinds.includes(FIX_ALL));
  });

  it('publishes a pin-base-image-version diagnostic with range, source, code and docs link', async () => {
    const dir = mkTemp();
    const uri = fileUri(join(dir, 'Dockerfile'));
    const mark = client.mark();
    client.open(uri, 'dockerfile', `FROM node\nENV API_TOKEN_HINT=${SECRET_VALUE}\n`);
    const pub = await client.waitForVersion(uri, 1, mark);
    const diags = pinDiags(pub);
    assert.equal(diags.length, 1, JSON.stringify(pub.diagnostics));
    const d = diags[0]!;
    assert.deepEqual(d.range, { start: { line: 0, character: 5 }, end: { line: 0, character: 9 } });
    assert.equal(d.source, 'infra-guide');
    assert.equal(d.severity, 2);
    assert.equal(d.tags, undefined);
    const href = d.codeDescription?.href ?? '';
    assert.ok(href.startsWith('file://'), href);
    assert.ok(href.endsWith('docs/rules/dockerfile/pin-base-image-version.md'), href);
    assert.equal(fileURLToPath(href), join(REPO_ROOT, 'docs', 'rules', 'dockerfile', 'pin-base-image-version.md'));
  });

  it('clears the diagnostic after an incremental change pins the image', async () => {
    const dir = mkTemp();
    const uri = fileUri(join(dir, 'Dockerfile'));
    let mark = client.mark();
    client.open(uri, 'dockerfile', 'FROM node\nUSER node\n');
    assert.equal(pinDiags(await client.waitForVersion(uri, 1, mark)).length, 1);
    mark = client.mark();
    const v = client.change(uri, [{ range: { start: { line: 0, character: 9 }, end: { line: 0, character: 9 } }, text: ':20-alpine' }]);
    assert.equal(client.document(uri).getText(), 'FROM node:20-alpine\nUSER node\n');
    const pub = await client.waitForVersion(uri, v, mark);
    assert.equal(pinDiags(pub).length, 0, JSON.stringify(pub.diagnostics));
  });

  it('publishes only the latest version after a burst of changes', async () => {
    setSettings({ validation: { debounceMs: 150 } });
    try {
      await sleep(50);
      const uri = fileUri(join(mkTemp(), 'Dockerfile'));
      const mark = client.mark();
      client.open(uri, 'dockerfile', 'FROM node\n');
      let v = 1;
      for (let i = 0; i < 15; i++) v = client.change(uri, [{ range: { start: { line: 1, character: 0 }, end: { line: 1, character: 0 } }, text: `# c${i}\n` }]);
      const pub = await client.waitForVersion(uri, v, mark);
      assert.equal(pinDiags(pub).length, 1);
      await sleep(200);
      const versions = client.publishesFor(uri, mark).map((p) => p.version);
      assert.deepEqual(versions, [v], `stale versions were published: ${versions.join(',')}`);
    } finally {
      setSettings({});
    }
  });

  it('offers disable-for-line and disable-for-file actions; the line pragma silences the finding', async () => {
    const uri = fileUri(join(mkTemp(), 'Dockerfile'));
    let mark = client.mark();
    // A parser directive must stay first; a multi-line FROM anchors the pragma on its first line.
    const text = '# syntax=docker/dockerfile:1\n  FROM \\\n    node AS base\nUSER node\n';
    client.open(uri, 'dockerfile', text);
    const pub = await client.waitForVersion(uri, 1, mark);
    const d = pinDiags(pub)[0];
    assert.ok(d, JSON.stringify(pub.diagnostics));
    const actions = await client.codeActions(uri, d.range, [d]);
    const titles = actions.map((a) => a.title);
    const line = actions.find((a) => a.title === `Disable ${PIN} for this line`);
    const file = actions.find((a) => a.title === `Disable ${PIN} for this file`);
    assert.ok(line && file, titles.join(' | '));
    assert.equal(line.kind, 'quickfix');
    assert.equal(file.kind, 'quickfix');
    assert.deepEqual(line.diagnostics?.map((x) => x.code), [PIN]);

    const lineEdits = editsFor(line.edit, uri);
    assert.equal(lineEdits.length, 1);
    assert.deepEqual(lineEdits[0]!.range.start, { line: 1, character: 0 }, 'above the first line of the FROM instruction');
    assert.equal(lineEdits[0]!.newText, `  # infra-guide ignore=${PIN} -- reason\n`, 'keeps the indentation');
    const fileEdits = editsFor(file.edit, uri);
    assert.deepEqual(fileEdits[0]!.range.start, { line: 1, character: 0 }, 'after the parser directive');
    assert.equal(fileEdits[0]!.newText, `# infra-guide ignore-file=${PIN} -- reason\n`);
    // No fix-all unless asked for; nothing but quick fixes here.
    assert.ok(actions.every((a) => a.kind === 'quickfix'), titles.join(' | '));

    mark = client.mark();
    const v = client.applyEdits(uri, lineEdits);
    const after1 = await client.waitForVersion(uri, v, mark);
    assert.equal(pinDiags(after1).length, 0, JSON.stringify(after1.diagnostics));
    assert.equal(after1.diagnostics.filter((x) => String(x.code).startsWith('infra-guide/')).length, 0, JSON.stringify(after1.diagnostics));
  });

  it('the file pragma (after parser directives) silences the finding', async () => {
    const uri = fileUri(join(mkTemp(), 'Dockerfile'));
    let mark = client.mark();
    client.open(uri, 'dockerfile', '# escape=`\nFROM node\nFROM python:latest\nUSER app\n');
    const pub = await client.waitForVersion(uri, 1, mark);
    const diags = pinDiags(pub);
    assert.equal(diags.length, 2);
    const actions = await client.codeActions(uri, diags[0]!.range, diags);
    const fileActions = actions.filter((a) => a.title === `Disable ${PIN} for this file`);
    assert.equal(fileActions.length, 1, 'one file action per rule');
    assert.equal(actions.filter((a) => a.title === `Disable ${PIN} for this line`).length, 2, 'one line action per finding line');
    mark = client.mark();
    const v = client.applyEdits(uri, editsFor(fileActions[0]!.edit, uri));
    assert.ok(client.document(uri).getText().startsWith('# escape=`\n# infra-guide ignore-file='));
    const after1 = await client.waitForVersion(uri, v, mark);
    assert.equal(pinDiags(after1).length, 0, JSON.stringify(after1.diagnostics));
  });

  it('offers rule fixes as quick fixes (first safe one preferred) and honours context.only', async () => {
    const uri = fileUri(join(mkTemp(), 'COMMIT_EDITMSG'));
    const mark = client.mark();
    client.open(uri, 'git-commit', 'fix(#12): Handle empty input.\n\n- Guard against an empty body\n\nRefs #12\n');
    const pub = await client.waitForVersion(uri, 1, mark);
    const d = pub.diagnostics.find((x) => x.code === 'commit/no-trailing-period');
    assert.ok(d, JSON.stringify(pub.diagnostics));
    const actions = await client.codeActions(uri, d.range, [d]);
    const fix = actions.find((a) => a.title === 'Remove the trailing period');
    assert.ok(fix, actions.map((a) => a.title).join(' | '));
    assert.equal(fix.kind, 'quickfix');
    assert.equal(fix.isPreferred, true);
    assert.deepEqual(editsFor(fix.edit, uri), [{ range: { start: { line: 0, character: 28 }, end: { line: 0, character: 29 } }, newText: '' }]);
    assert.ok(actions.some((a) => a.title === 'Disable commit/no-trailing-period for this line'));

    const onlyFixAll = await client.codeActions(uri, d.range, [d], [FIX_ALL]);
    assert.ok(onlyFixAll.every((a) => a.kind === FIX_ALL), onlyFixAll.map((a) => a.kind).join(','));
    const onlyRefactor = await client.codeActions(uri, d.range, [d], ['refactor']);
    assert.deepEqual(onlyRefactor, []);
  });

  it('source.fixAll.infraGuide applies all safe fixes as one minimal edit', async () => {
    const uri = fileUri(join(mkTemp(), 'COMMIT_EDITMSG'));
    let mark = client.mark();
    const text = 'fix(#12): Handle empty input.\n\n- Guard against an empty body\n\nRefs #12\n';
    client.open(uri, 'git-commit', text);
    await client.waitForVersion(uri, 1, mark);
    const whole = { start: { line: 0, character: 0 }, end: { line: 5, character: 0 } };
    const actions: CodeAction[] = await client.codeActions(uri, whole, [], ['source.fixAll']);
    assert.equal(actions.length, 1, JSON.stringify(actions));
    const a = actions[0]!;
    assert.equal(a.kind, FIX_ALL);
    const edits = editsFor(a.edit, uri);
    assert.equal(edits.length, 1, 'one edit');
    assert.deepEqual(edits[0], { range: { start: { line: 0, character: 28 }, end: { line: 0, character: 29 } }, newText: '' }, 'minimal');
    assert.equal(a.edit?.documentChanges?.[0] && 'textDocument' in a.edit.documentChanges[0] ? a.edit.documentChanges[0].textDocument.version : undefined, 1, 'versioned edit');
    mark = client.mark();
    const v = client.applyEdits(uri, edits);
    const pub = await client.waitForVersion(uri, v, mark);
    assert.equal(pub.diagnostics.filter((x) => x.code === 'commit/no-trailing-period').length, 0);
    // Nothing left to fix: no action.
    const again = await client.codeActions(uri, whole, [], [FIX_ALL]);
    assert.deepEqual(again, []);
  });

  it('source.fixAll.infraGuide on a Dockerfile: several safe fixes, one edit spanning only the changed lines', async () => {
    const uri = fileUri(join(mkTemp(), 'Dockerfile'));
    let mark = client.mark();
    const text = 'FROM node:20-alpine\nWORKDIR /app\nADD server.js ./\nUSER node\nCMD node server.js\n';
    client.open(uri, 'dockerfile', text);
    const pub = await client.waitForVersion(uri, 1, mark);
    const ids = pub.diagnostics.map((d) => d.code);
    if (!ids.includes('dockerfile/prefer-copy-over-add') || !ids.includes('dockerfile/use-exec-form')) {
      assert.fail(`expected prefer-copy-over-add and use-exec-form findings, got ${ids.join(', ')}`);
    }
    const actions = await client.codeActions(uri, { start: { line: 0, character: 0 }, end: { line: 5, character: 0 } }, [], ['source.fixAll']);
    assert.equal(actions.length, 1);
    const edits = editsFor(actions[0]!.edit, uri);
    assert.equal(edits.length, 1);
    assert.equal(edits[0]!.range.start.line, 2, 'the edit starts at the first changed line');
    mark = client.mark();
    const v = client.applyEdits(uri, edits);
    const fixed = client.document(uri).getText();
    assert.match(fixed, /^COPY (--chown=\S+ )?server\.js \.\/$/m);
    assert.match(fixed, /^CMD \["node", "server\.js"\]$/m);
    assert.ok(fixed.startsWith('FROM node:20-alpine\nWORKDIR /app\n'));
    const after1 = await client.waitForVersion(uri, v, mark);
    const left = after1.diagnostics.map((d) => d.code);
    assert.ok(!left.includes('dockerfile/prefer-copy-over-add') && !left.includes('dockerfile/use-exec-form'), left.join(', '));
  });

  it('turns a rule off from workspace/configuration after didChangeConfiguration', async () => {
    const uri = fileUri(join(mkTemp(), 'Dockerfile'));
    let mark = client.mark();
    client.open(uri, 'dockerfile', 'FROM node\n');
    assert.equal(pinDiags(await client.waitForVersion(uri, 1, mark)).length, 1);
    try {
      mark = client.mark();
      setSettings({ rules: { [PIN]: 'off' } });
      const pub = await client.waitForPublish(uri, () => true, mark, 5000, 'after the rule was turned off');
      assert.equal(pinDiags(pub).length, 0, JSON.stringify(pub.diagnostics));
      mark = client.mark();
      setSettings({ rules: { [PIN]: 'error' } });
      const pub2 = await client.waitForPublish(uri, () => true, mark, 5000, 'after the rule was set to error');
      assert.equal(pinDiags(pub2)[0]?.severity, 1);
      mark = client.mark();
      setSettings({ enable: false });
      const pub3 = await client.waitForPublish(uri, () => true, mark, 5000, 'after disabling');
      assert.deepEqual(pub3.diagnostics, []);
    } finally {
      mark = client.mark();
      setSettings({});
      await client.waitForPublish(uri, (p) => pinDiags(p).length === 1, mark, 5000, 'after restoring settings');
    }
  });

  it('infraGuide.commit.types feeds the commit type check', async () => {
    const uri = fileUri(join(mkTemp(), 'COMMIT_EDITMSG'));
    let mark = client.mark();
    client.open(uri, 'git-commit', 'wip(#3): Try things\n\n- Spike the parser\n\nRefs #3\n');
    const typeFindings = (p: Publish) => p.diagnostics.filter((d) => d.code === 'commit/subject-format');
    assert.equal(typeFindings(await client.waitForVersion(uri, 1, mark)).length, 1, '`wip` is not a default type');
    try {
      mark = client.mark();
      setSettings({ commit: { types: ['feat', 'fix', 'wip'] } });
      const pub = await client.waitForPublish(uri, () => true, mark, 5000, 'after commit.types changed');
      assert.deepEqual(typeFindings(pub), []);
    } finally {
      setSettings({});
    }
  });

  it('honours a .infra-guide.yaml severity override, layered over editor settings', async () => {
    const dir = mkTemp();
    writeFileSync(join(dir, '.infra-guide.yaml'), `rules:\n  ${PIN}: error\n`);
    mkdirSync(join(dir, 'svc'));
    const uri = fileUri(join(dir, 'svc', 'Dockerfile'));
    let mark = client.mark();
    client.open(uri, 'dockerfile', 'FROM node\n');
    let pub = await client.waitForVersion(uri, 1, mark);
    assert.equal(pinDiags(pub)[0]?.severity, 1, 'config file says error');
    try {
      // Editor settings are layered under the config file.
      mark = client.mark();
      setSettings({ rules: { [PIN]: 'off' } });
      pub = await client.waitForPublish(uri, () => true, mark, 5000, 'after settings change');
      assert.equal(pinDiags(pub)[0]?.severity, 1, 'config file wins over settings');
    } finally {
      setSettings({});
    }
    // Config changes on disk apply after a watched-file notification.
    writeFileSync(join(dir, '.infra-guide.yaml'), `rules:\n  ${PIN}: info\n`);
    mark = client.mark();
    client.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: fileUri(join(dir, '.infra-guide.yaml')), type: 2 }] });
    pub = await client.waitForPublish(uri, (p) => pinDiags(p)[0]?.severity === 3, mark, 5000, 'with severity info');
    assert.equal(pinDiags(pub).length, 1);
  });

  it('files ignored by the config get no diagnostics', async () => {
    const dir = mkTemp();
    writeFileSync(join(dir, '.infra-guide.yml'), 'ignore:\n  - "vendor/**"\n');
    mkdirSync(join(dir, 'vendor'));
    const uri = fileUri(join(dir, 'vendor', 'Dockerfile'));
    const mark = client.mark();
    client.open(uri, 'dockerfile', 'FROM node\n');
    const pub = await client.waitForVersion(uri, 1, mark);
    assert.deepEqual(pub.diagnostics, []);
    const actions = await client.codeActions(uri, { start: { line: 0, character: 0 }, end: { line: 1, character: 0 } }, [], [FIX_ALL]);
    assert.deepEqual(actions, []);
  });

  it('publishes the problems of a broken config once, on the config file, and keeps the defaults', async () => {
    const dir = mkTemp();
    const configPath = join(dir, '.infra-guide.yaml');
    writeFileSync(configPath, 'rules:\n  dockerfile/pin-base-image-version: loud\n');
    const configUri = fileUri(configPath);
    const a = fileUri(join(dir, 'Dockerfile'));
    const b = fileUri(join(dir, 'Dockerfile.dev'));
    let mark = client.mark();
    client.open(a, 'dockerfile', 'FROM node\n');
    client.open(b, 'dockerfile', 'FROM python\n');
    const cfg = await client.waitForPublish(configUri, () => true, mark, 5000, 'on the config file');
    assert.equal(cfg.diagnostics.length, 1, JSON.stringify(cfg.diagnostics));
    assert.equal(cfg.diagnostics[0]!.code, 'infra-guide/invalid-config');
    assert.equal(cfg.diagnostics[0]!.severity, 1);
    assert.equal(cfg.diagnostics[0]!.range.start.line, 1);
    const pa = await client.waitForVersion(a, 1, mark);
    await client.waitForVersion(b, 1, mark);
    assert.equal(pinDiags(pa)[0]?.severity, 2, 'defaults still apply');
    assert.ok(!pa.diagnostics.some((d) => d.code === 'infra-guide/invalid-config'), 'not on the linted file');
    // Editing a file does not publish the config problems again.
    const v = client.change(a, [{ range: { start: { line: 1, character: 0 }, end: { line: 1, character: 0 } }, text: 'USER node\n' }]);
    await client.waitForVersion(a, v, mark);
    await sleep(100);
    assert.equal(client.publishesFor(configUri, mark).length, 1, 'published once');

    // Fixing the config clears its diagnostic.
    writeFileSync(configPath, 'rules:\n  dockerfile/pin-base-image-version: error\n');
    mark = client.mark();
    client.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: configUri, type: 2 }] });
    const cleared = await client.waitForPublish(configUri, () => true, mark, 5000, 'clearing the config problem');
    assert.deepEqual(cleared.diagnostics, []);
    const pa2 = await client.waitForPublish(a, (p) => pinDiags(p)[0]?.severity === 1, mark, 5000, 'with the fixed config applied');
    assert.ok(pa2);
  });

  it('an open config file shows the problems of its buffer', async () => {
    const dir = mkTemp();
    const configPath = join(dir, '.infra-guide.yaml');
    writeFileSync(configPath, '');
    const uri = fileUri(configPath);
    const mark = client.mark();
    client.open(uri, 'yaml', 'rules:\n  no/such-rule: error\n');
    const pub = await client.waitForVersion(uri, 1, mark);
    assert.deepEqual(pub.diagnostics.map((d) => d.code), ['infra-guide/invalid-config']);
  });

  it('survives binary, huge and malformed documents and keeps answering', async () => {
    const dir = mkTemp();
    const cases: [string, string, string][] = [
      ['binary', 'Dockerfile.bin', 'FROM node\n\u0000\u0001\u0002\u00ff\u0000' + '\u0000'.repeat(1000)],
      ['huge', 'Dockerfile.huge', 'FROM node\n' + 'RUN echo hello world \\\n'.repeat(150_000)],
      ['malformed', 'Dockerfile.bad', 'FROM\nRUN <<EOF\nunterminated heredoc\nCOPY --from= \\\n\\\n' + '\\\n'.repeat(5000) + 'ARG ${${${\nFROM ${X:-${Y:+}}\nONBUILD ONBUILD ONBUILD\n\uD800 lone surrogate'],
      ['broken yaml', 'deploy.yaml', 'apiVersion: v1\nkind: Pod\nmetadata: [\n  name: x\n  {{ .Values }}\n\t- bad\n'],
      ['empty', 'Dockerfile.empty', ''],
    ];
    const mark = client.mark();
    for (const [, name, text] of cases) client.open(fileUri(join(dir, name)), name.endsWith('.yaml') ? 'yaml' : 'dockerfile', text);
    for (const [label, name] of cases) {
      const pub = await client.waitForVersion(fileUri(join(dir, name)), 1, mark, 15_000);
      assert.ok(Array.isArray(pub.diagnostics), label);
      if (label === 'binary') assert.deepEqual(pub.diagnostics.map((d) => d.code), ['infra-guide/binary-file']);
      if (label === 'huge') assert.deepEqual(pub.diagnostics.map((d) => d.code), ['infra-guide/file-too-large']);
    }
    // Still alive and answering.
    assert.ok(client.alive, client.stderr);
    const uri = fileUri(join(dir, 'Dockerfile.bad'));
    const actions = await client.codeActions(uri, { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, [], [FIX_ALL]);
    assert.ok(Array.isArray(actions));
    const ok = fileUri(join(dir, 'Dockerfile'));
    const m2 = client.mark();
    client.open(ok, 'dockerfile', 'FROM node\n');
    assert.equal(pinDiags(await client.waitForVersion(ok, 1, m2)).length, 1);
  });

  it('lints untitled buffers by language id', async () => {
    const uri = 'untitled:Untitled-7';
    const mark = client.mark();
    client.open(uri, 'dockerfile', 'FROM node:latest\n');
    const pub = await client.waitForVersion(uri, 1, mark);
    assert.equal(pinDiags(pub).length, 1);
  });

  it('clears diagnostics on didClose and never publishes for a closed document', async () => {
    setSettings({ validation: { debounceMs: 100 } });
    try {
      await sleep(50);
      const uri = fileUri(join(mkTemp(), 'Dockerfile'));
      let mark = client.mark();
      client.open(uri, 'dockerfile', 'FROM node\n');
      await client.waitForVersion(uri, 1, mark);
      client.change(uri, [{ range: { start: { line: 1, character: 0 }, end: { line: 1, character: 0 } }, text: 'USER node\n' }]);
      mark = client.mark();
      client.close(uri);
      const pub = await client.waitForPublish(uri, () => true, mark, 5000, 'clearing on close');
      assert.deepEqual(pub.diagnostics, []);
      await sleep(250);
      assert.equal(client.publishesFor(uri, mark).length, 1, 'nothing after the clear');
    } finally {
      setSettings({});
    }
  });

  it('infraGuide/checkWorkspace lints a folder and publishes diagnostics for every file found', async () => {
    const dir = mkTemp();
    writeFileSync(join(dir, 'Dockerfile'), 'FROM node\n');
    mkdirSync(join(dir, 'api'));
    writeFileSync(join(dir, 'api', 'Dockerfile.dev'), 'FROM python:latest\n');
    writeFileSync(join(dir, 'api', 'clean.dockerfile'), 'FROM node:20-alpine\n');
    mkdirSync(join(dir, 'node_modules', 'x'), { recursive: true });
    writeFileSync(join(dir, 'node_modules', 'x', 'Dockerfile'), 'FROM node\n');
    writeFileSync(join(dir, 'README.md'), '# not linted\n');
    const mark = client.mark();
    const res = await client.request<Record<string, number>>('infraGuide/checkWorkspace', { folders: [fileUri(dir)] });
    assert.equal(res['files'], 3, JSON.stringify(res));
    assert.ok((res['warnings'] ?? 0) >= 2, JSON.stringify(res));
    assert.ok((res['filesWithFindings'] ?? 0) >= 2, JSON.stringify(res));
    const root = await client.waitForPublish(fileUri(join(dir, 'Dockerfile')), () => true, mark);
    assert.equal(pinDiags(root).length, 1);
    const dev = await client.waitForPublish(fileUri(join(dir, 'api', 'Dockerfile.dev')), () => true, mark);
    assert.equal(pinDiags(dev).length, 1);
    const clean = await client.waitForPublish(fileUri(join(dir, 'api', 'clean.dockerfile')), () => true, mark);
    assert.equal(pinDiags(clean).length, 0);
    assert.equal(client.publishesFor(fileUri(join(dir, 'node_modules', 'x', 'Dockerfile')), mark).length, 0);
    // Plain paths work too.
    const res2 = await client.request<Record<string, number>>('infraGuide/checkWorkspace', { folders: [join(dir, 'api')] });
    assert.equal(res2['files'], 2);
  });

  it('never logs document text or secret values', () => {
    const all = client.logs.map((l) => l.message).join('\n') + client.stderr;
    assert.ok(!all.includes(SECRET_VALUE), 'a secret value leaked into the log');
    assert.ok(!all.includes('unterminated heredoc'), 'document text leaked into the log');
  });
});
