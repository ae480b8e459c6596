// LSP protocol tests of pragma hygiene: unused pragmas are faded (DiagnosticTag.Unnecessary)
// and removed by their quick fix; a pragma in the wrong case is lower-cased by its quick fix.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { DiagnosticTag, type Diagnostic } from 'vscode-languageserver-protocol';
import { editsFor, fileUri, LspClient, removeDir, tempDir } from './harness';

const UNUSED = 'infra-guide/unused-pragma';
const MALFORMED = 'infra-guide/malformed-pragma';
const EXEC = 'dockerfile/use-exec-form';
const NPM_CI = 'dockerfile/use-npm-ci';

describe('pragma hygiene over the language server protocol', () => {
  let client: LspClient;
  let dir: string;

  before(async () => {
    client = (await LspClient.start()).client;
    dir = tempDir();
  });

  after(async () => {
    await client?.dispose();
    if (dir) removeDir(dir);
  });

  it('fades unused pragma ids (Unnecessary tag, only on them) and removes them with a preferred quick fix', async () => {
    const uri = fileUri(join(dir, 'Dockerfile'));
    const text = `FROM node:20-alpine\n# infra-guide ignore=${NPM_CI},${EXEC} -- tini handles signals\nCMD ["node", "server.js"]\n`;
    let mark = client.mark();
    client.open(uri, 'dockerfile', text);
    const pub = await client.waitForVersion(uri, 1, mark);
    const unused = pub.diagnostics.filter((d) => d.code === UNUSED);
    assert.deepEqual(
      unused.map((d) => [d.range.start.character, d.range.end.character, d.tags, d.severity]),
      [
        [21, 21 + NPM_CI.length, [DiagnosticTag.Unnecessary], 3],
        [22 + NPM_CI.length, 22 + NPM_CI.length + EXEC.length, [DiagnosticTag.Unnecessary], 3],
      ],
      JSON.stringify(pub.diagnostics),
    );
    const others = pub.diagnostics.filter((d) => d.code !== UNUSED);
    assert.ok(others.length > 0, 'the file has other findings');
    assert.ok(others.every((d) => d.tags === undefined), JSON.stringify(others));

    const d: Diagnostic = unused[1]!;
    const actions = await client.codeActions(uri, d.range, [d]);
    assert.deepEqual(
      actions.map((a) => [a.title, a.kind, a.isPreferred]),
      [[`Remove \`${EXEC}\` from the pragma`, 'quickfix', true]],
      'a removal, and no "disable" action for a pragma problem',
    );
    mark = client.mark();
    let v = client.applyEdits(uri, editsFor(actions[0]!.edit, uri));
    assert.equal(client.document(uri).getText(), `FROM node:20-alpine\n# infra-guide ignore=${NPM_CI} -- tini handles signals\nCMD ["node", "server.js"]\n`);

    // Now the pragma lists one id: the finding covers the whole pragma and its fix removes the line.
    const next = await client.waitForVersion(uri, v, mark);
    const last = next.diagnostics.filter((x) => x.code === UNUSED);
    assert.equal(last.length, 1, JSON.stringify(next.diagnostics));
    assert.deepEqual(last[0]!.range, { start: { line: 1, character: 0 }, end: { line: 1, character: `# infra-guide ignore=${NPM_CI} -- tini handles signals`.length } });
    const remove = (await client.codeActions(uri, last[0]!.range, last)).find((a) => a.title === 'Remove the unused pragma');
    assert.ok(remove);
    mark = client.mark();
    v = client.applyEdits(uri, editsFor(remove.edit, uri));
    assert.equal(client.document(uri).getText(), 'FROM node:20-alpine\nCMD ["node", "server.js"]\n');
    const clean = await client.waitForVersion(uri, v, mark);
    assert.deepEqual(clean.diagnostics.filter((x) => String(x.code).startsWith('infra-guide/')), []);
  });

  it('fix-all on save removes unused pragmas too', async () => {
    const uri = fileUri(join(dir, 'fixall', 'Dockerfile'));
    const mark = client.mark();
    client.open(uri, 'dockerfile', `FROM node:20-alpine\nUSER node\n# infra-guide ignore=${EXEC},${NPM_CI}\nCMD ["node"]\n`);
    await client.waitForVersion(uri, 1, mark);
    const whole = { start: { line: 0, character: 0 }, end: { line: 4, character: 0 } };
    const [fixAll] = await client.codeActions(uri, whole, [], ['source.fixAll']);
    assert.ok(fixAll);
    client.applyEdits(uri, editsFor(fixAll.edit, uri));
    // Fix-all re-lints between passes: the ids go one by one, then the emptied pragma line.
    assert.equal(client.document(uri).getText(), 'FROM node:20-alpine\nUSER node\nCMD ["node"]\n');
  });

  it('lower-cases a pragma written in the wrong case, which then silences the finding', async () => {
    const uri = fileUri(join(dir, 'case', 'Dockerfile'));
    let mark = client.mark();
    client.open(uri, 'dockerfile', `FROM node:20-alpine\nUSER node\n# Infra-Guide ignore=${EXEC} -- tini handles signals\nCMD node server.js\n`);
    const pub = await client.waitForVersion(uri, 1, mark);
    assert.ok(pub.diagnostics.some((d) => d.code === EXEC), 'not honoured');
    const d = pub.diagnostics.find((x) => x.code === MALFORMED);
    assert.ok(d, JSON.stringify(pub.diagnostics));
    assert.equal(d.tags, undefined);
    const actions = await client.codeActions(uri, d.range, [d]);
    assert.deepEqual(actions.map((a) => [a.title, a.isPreferred]), [[`Rewrite as \`# infra-guide ignore=${EXEC}\``, undefined]]);
    mark = client.mark();
    const v = client.applyEdits(uri, editsFor(actions[0]!.edit, uri));
    assert.equal(client.document(uri).getText(), `FROM node:20-alpine\nUSER node\n# infra-guide ignore=${EXEC} -- tini handles signals\nCMD node server.js\n`);
    const after1 = await client.waitForVersion(uri, v, mark);
    assert.deepEqual(after1.diagnostics.map((x) => x.code).filter((c) => c === EXEC || String(c).startsWith('infra-guide/')), []);
  });
});
