// LSP protocol tests: unused-pragma under rule levels from editor settings and the config file
// (the config file wins), and hostile `infraGuide.rules` values that must not stop linting.
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileUri, LspClient, removeDir, tempDir } from './harness';

const UNUSED = 'infra-guide/unused-pragma';
const EXEC = 'dockerfile/use-exec-form';
const WARNING = 2;
// A pragma for a rule that finds nothing below it (CMD is in exec form already).
const TEXT = `FROM node:20-alpine\nUSER node\n# infra-guide ignore=${EXEC} -- tini\nCMD ["node", "server.js"]\n`;

describe('unused pragmas and editor settings over the language server protocol', () => {
  let client: LspClient;
  let dir: string;
  let settings: unknown = {};

  before(async () => {
    client = (await LspClient.start()).client;
    client.settings = (_uri, section) => (section === 'infraGuide' ? settings : {});
    dir = tempDir();
  });

  after(async () => {
    await client?.dispose();
    if (dir) removeDir(dir);
  });

  const unusedOf = async (name: string, version = 1): Promise<string[]> => {
    const uri = fileUri(join(dir, name, 'Dockerfile'));
    const mark = client.mark();
    client.open(uri, 'dockerfile', TEXT, version);
    const pub = await client.waitForVersion(uri, version, mark);
    return pub.diagnostics.filter((d) => d.code === UNUSED).map((d) => String(d.message));
  };

  it('says nothing of a pragma for a rule the editor settings switch off', async () => {
    settings = { rules: { [EXEC]: 'off' } };
    client.notify('workspace/didChangeConfiguration', { settings: null });
    assert.deepEqual(await unusedOf('off-in-settings'), []);
  });

  it('reports it when the config file switches the rule back on (the config file wins)', async () => {
    settings = { rules: { [EXEC]: 'off' } };
    client.notify('workspace/didChangeConfiguration', { settings: null });
    const project = join(dir, 'on-in-config');
    mkdirSync(project, { recursive: true });
    writeFileSync(join(project, '.infra-guide.yaml'), `rules:\n  ${EXEC}: warning\n`);
    assert.deepEqual(await unusedOf('on-in-config'), [`Unused pragma: \`${EXEC}\` reports nothing on the line this pragma covers.`]);
  });

  it('keeps linting with hostile rule settings: prototype keys, non-string levels, 10k entries', async () => {
    const rules: Record<string, unknown> = JSON.parse('{"__proto__": "off", "constructor": {"level": "off"}, "toString": 1}') as Record<string, unknown>;
    for (let i = 0; i < 10_000; i++) rules[`dockerfile/no-such-rule-${i}`] = i % 3 === 0 ? 'off' : i % 3 === 1 ? { nested: [i] } : null;
    rules[EXEC] = ['off'];
    settings = { rules, commit: { types: Array.from({ length: 10_000 }, (_, i) => (i % 2 ? 'feat' : { i })) } };
    const logsBefore = client.logs.length;
    client.notify('workspace/didChangeConfiguration', { settings: null });
    // The invalid level of the exec-form rule is dropped: the rule runs, the pragma is unused.
    assert.equal((await unusedOf('hostile')).length, 1);
    assert.ok(client.alive, client.stderr);
    const warnings = client.logs.slice(logsBefore).filter((l) => l.type === WARNING && l.message.includes('ignored'));
    assert.ok(warnings.length > 0 && warnings.length <= 2 * 21, `${warnings.length} warning lines`);
    assert.ok(warnings.every((l) => l.message.length < 300), 'each line is short');
  });
});
