// Adversarial protocol tests: document lifecycle races, stale code action requests, position
// encoding, CRLF and pragma placement, lifecycle edge cases — over the real stdio server.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Diagnostic } from 'vscode-languageserver-protocol';
import { fileUri, LspClient, removeDir, sleep, tempDir, type Publish } from './harness';

const codes = (p: Publish): string[] => p.diagnostics.map((d) => String(d.code));
const show = (ds: Diagnostic[]): string => ds.map((d) => `${d.code}@${d.range.start.line}:${d.range.start.character}`).join(' ');

/** A YAML file the engine needs a few hundred ms for: keeps the (serial) lint worker busy. */
function slowYaml(): string {
  return 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: slow\n  annotations:\n' + Array.from({ length: 60_000 }, (_, i) => `    k${i}: v${i}\n`).join('');
}

describe('language server: protocol edge cases', () => {
  let client: LspClient;
  const dir = tempDir();

  before(async () => {
    client = (await LspClient.start()).client;
  });

  after(async () => {
    await client?.dispose();
    removeDir(dir);
  });

  it('a document closed and reopened with the same version never gets the old text\'s diagnostics', async () => {
    // Editors restart versions at 1 when a file is reopened. The lint of the closed buffer may
    // still be queued or running then: its result belongs to the old text, not the new buffer.
    const uri = fileUri(join(dir, 'reopen', 'Dockerfile'));
    const mark = client.mark();
    client.open(fileUri(join(dir, 'reopen', 'slow.yaml')), 'yaml', slowYaml());
    client.open(uri, 'dockerfile', 'FROM node\n');
    await sleep(100); // the lint of `FROM node` waits behind the slow one
    client.close(uri);
    const reopened = client.mark();
    client.open(uri, 'dockerfile', 'FROM node:20-alpine\nUSER node\n');
    const pub = await client.waitForVersion(uri, 1, reopened, 15_000);
    assert.deepEqual(codes(pub), [], `diagnostics of the closed text: ${show(pub.diagnostics)}`);
    await sleep(200);
    const last = client.publishesFor(uri, mark).at(-1)!;
    assert.deepEqual(codes(last), [], `last publish: ${show(last.diagnostics)}`);
    // Code actions answer for the reopened text too.
    const fixAll = await client.codeActions(uri, { start: { line: 0, character: 0 }, end: { line: 2, character: 0 } }, [], ['source.fixAll']);
    assert.deepEqual(fixAll, []);
  });

});
