// LSP protocol tests: dropped `infraGuide` settings entries are told in the output (one warning
// line each) and in ONE window/showMessage per distinct set of problems.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { fileUri, LspClient, removeDir, sleep, tempDir } from './harness';

const PIN = 'dockerfile/pin-base-image-version';
const SECRET_VALUE = 'hunter2-s3cr3t-VALUE-do-not-log';
const WARNING = 2;

const BAD = {
  rules: { 'dockerfile/pin-base-image': 'error', 'commit/subject-format': SECRET_VALUE, [PIN]: 'error' },
  commit: { types: ['feat', 'bad type'] },
};
const EXPECTED_LINES = [
  `infraGuide.rules["dockerfile/pin-base-image"] ignored: unknown rule id; did you mean \`${PIN}\`?`,
  'infraGuide.rules["commit/subject-format"] ignored: invalid level; use off, info, warning or error',
  'infraGuide.commit.types[1] ignored: not a commit type (a word of letters, digits and -)',
];

interface Feedback {
  messages: { type: number; message: string }[];
  /** Warning lines of the output about ignored settings. */
  lines: () => string[];
}

function recordFeedback(client: LspClient): Feedback {
  const messages: { type: number; message: string }[] = [];
  client.conn.onNotification('window/showMessage', (p: { type: number; message: string }) => void messages.push(p));
  return { messages, lines: () => client.logs.filter((l) => l.type === WARNING && l.message.includes(' ignored: ')).map((l) => l.message) };
}

async function waitUntil(cond: () => boolean, what: string, timeoutMs = 5000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!cond()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await sleep(20);
  }
}

describe('settings feedback', () => {
  const clients: LspClient[] = [];
  const dirs: string[] = [];
  after(async () => {
    for (const c of clients) await c.dispose();
    for (const d of dirs) removeDir(d);
  });

  it('tells bad entries once per distinct set: not again for the same set, nothing once fixed', async () => {
    const { client } = await LspClient.start();
    clients.push(client);
    const fb = recordFeedback(client);
    let settings: Record<string, unknown> = {};
    client.settings = (_uri, section) => (section === 'infraGuide' ? settings : {});
    const change = (next: Record<string, unknown>) => {
      settings = JSON.parse(JSON.stringify(next)) as Record<string, unknown>;
      client.notify('workspace/didChangeConfiguration', { settings: null });
    };

    // Bad settings with no document open are told all the same.
    change(BAD);
    await waitUntil(() => fb.messages.length > 0, 'window/showMessage');
    const dir = tempDir();
    dirs.push(dir);
    // A document reads its own settings scope: the same problems, told no second time.
    const uri = fileUri(join(dir, 'Dockerfile'));
    let mark = client.mark();
    client.open(uri, 'dockerfile', 'FROM node\n');
    const first = await client.waitForVersion(uri, 1, mark);
    assert.equal(first.diagnostics.find((d) => d.code === PIN)?.severity, 1, 'the valid entry applies');
    await sleep(100);
    assert.equal(fb.messages.length, 1, JSON.stringify(fb.messages));
    const [msg] = fb.messages;
    assert.equal(msg!.type, WARNING);
    assert.equal(
      msg!.message,
      'Infra Guide ignores 3 settings entries: ' +
        `infraGuide.rules["dockerfile/pin-base-image"] (unknown rule id; did you mean \`${PIN}\`?), ` +
        'infraGuide.rules["commit/subject-format"] (invalid level; use off, info, warning or error), ' +
        'infraGuide.commit.types[1] (not a commit type (a word of letters, digits and -)). Details in the Infra Guide output.',
    );
    assert.deepEqual(fb.lines(), EXPECTED_LINES);

    // The same settings again (VS Code sends a change for any setting): nothing new.
    mark = client.mark();
    change(BAD);
    await client.waitForPublish(uri, () => true, mark, 5000, 'after the same settings');
    await sleep(100);
    assert.equal(fb.messages.length, 1);
    assert.equal(fb.lines().length, EXPECTED_LINES.length);

    // Fixed: no message.
    mark = client.mark();
    change({ rules: { [PIN]: 'error' } });
    await client.waitForPublish(uri, () => true, mark, 5000, 'after the fix');
    await sleep(100);
    assert.equal(fb.messages.length, 1);
    assert.equal(fb.lines().length, EXPECTED_LINES.length);

    // Broken again after the fix: told again.
    change({ rules: { 'dockerfile/pin-base-image': 'error' } });
    await waitUntil(() => fb.messages.length === 2, 'the second window/showMessage');
    assert.deepEqual(fb.lines().slice(EXPECTED_LINES.length), [EXPECTED_LINES[0]]);

    const everything = JSON.stringify(client.logs) + JSON.stringify(fb.messages) + client.stderr;
    assert.ok(!everything.includes(SECRET_VALUE), 'the invalid value is never echoed');
  });

  it('tells bad entries pushed with didChangeConfiguration (editors without workspace/configuration)', async () => {
    const { client } = await LspClient.start({ capabilities: { workspace: { configuration: false } } });
    clients.push(client);
    const fb = recordFeedback(client);
    const uri = 'untitled:push-settings';
    let mark = client.mark();
    client.open(uri, 'dockerfile', 'FROM node\n');
    await client.waitForVersion(uri, 1, mark);
    for (let i = 0; i < 2; i++) {
      mark = client.mark();
      client.notify('workspace/didChangeConfiguration', { settings: { infraGuide: BAD } });
      await client.waitForPublish(uri, () => true, mark, 5000, 'after push settings');
    }
    await sleep(100);
    assert.equal(fb.messages.length, 1, JSON.stringify(fb.messages));
    assert.deepEqual(fb.lines(), EXPECTED_LINES);
  });
});
