// The server lints texts from a length on (LARGE_TEXT_LENGTH; lower here, so that no lint takes
// the second worker's 1 s for slow documents) in a second worker. A document whose edits take it
// back and forth across that length moves between the workers, each holding its own findings for
// it (sent as changes to the last list): its diagnostics must stay a fresh lint's of its text.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { Linter } from '../../server/src/engine/lint';
import { fileUri, LspClient, removeDir, tempDir } from './harness';

const LARGE_TEXT_LENGTH = 20_000;
const pod = (i: number): string => `apiVersion: v1\nkind: Pod\nmetadata:\n  name: pod-${i}\nspec:\n  containers:\n    - name: c\n      image: nginx:${i}\n`;

test('a document edited across the second worker\'s length gets the diagnostics of a fresh lint', { timeout: 120_000 }, async (t) => {
  const dir = tempDir();
  const { client } = await LspClient.start({ env: { INFRA_GUIDE_LSP_LARGE_TEXT_LENGTH: String(LARGE_TEXT_LENGTH) } });
  t.after(async () => {
    await client.dispose();
    removeDir(dir);
  });
  // One character below the length, padded with a comment line.
  let text = '';
  for (let i = 0; text.length < LARGE_TEXT_LENGTH - 200; i++) text += (i ? '---\n' : '') + pod(i);
  text += '#'.repeat(LARGE_TEXT_LENGTH - 2 - text.length) + '\n';
  assert.equal(text.length, LARGE_TEXT_LENGTH - 1);
  const uri = fileUri(join(dir, 'pods.yaml'));
  let mark = client.mark();
  client.open(uri, 'yaml', text);
  await client.waitForVersion(uri, 1, mark, 60_000);
  // Type into and erase from the name of pod 1 (its container has no limits: findings on it
  // change with the name), one character at a time: every edit crosses the length.
  const at = client.document(uri).getText().indexOf('name: c\n') + 'name: c'.length;
  const position = client.document(uri).positionAt(at);
  const linter = new Linter();
  const key = (code: unknown, r: { start: { line: number; character: number }; end: { line: number; character: number } }, message: string) =>
    `${String(code)} ${r.start.line}:${r.start.character}-${r.end.line}:${r.end.character} ${message}`;
  /** The diagnostics published for `version` are a fresh lint's of the text at that version. */
  const check = async (version: number, since: number): Promise<void> => {
    const textNow = client.document(uri).getText();
    const published = await client.waitForVersion(uri, version, since, 60_000);
    const fresh = linter.lint({ text: textNow, fileName: join(dir, 'pods.yaml'), languageId: 'yaml' }).findings;
    assert.ok(fresh.length > 100, `the file has findings (${fresh.length})`);
    assert.deepEqual(
      published.diagnostics.map((d) => key(d.code, d.range, typeof d.message === 'string' ? d.message : d.message.value)).sort(),
      fresh.map((f) => key(f.ruleId, f.range, f.message)).sort(),
      `version ${version}, ${textNow.length} characters`,
    );
  };
  mark = client.mark();
  for (let k = 0; k < 120; k++) {
    // A different letter each time: neither worker sees a text it linted before.
    const typed = k % 2 === 0;
    const version = client.change(uri, [
      typed
        ? { range: { start: position, end: position }, text: String.fromCharCode(97 + ((k / 2) % 26)) }
        : { range: { start: position, end: { line: position.line, character: position.character + 1 } }, text: '' },
    ]);
    // Now and then, wait for the lint: the next edit then goes to the other worker with a base.
    if (k % 3 === 0) await check(version, mark);
    else await sleep(5);
  }
  // End above the length.
  const version = client.change(uri, [{ range: { start: position, end: position }, text: 'z' }]);
  assert.ok(client.document(uri).getText().length >= LARGE_TEXT_LENGTH);
  await check(version, mark);
});
