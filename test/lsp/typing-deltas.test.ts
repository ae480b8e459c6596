// Typing into big multi-document YAML files: the lint worker sends each result as a change to the
// last one the server holds (server/src/lsp/findings-delta.ts), lines inserted and removed move the
// findings below them, results get dropped as stale, settings change, a document is closed and
// reopened. Whatever happened, the server's diagnostics and fixes for the final text must be those
// of a fresh lint.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import type { CodeAction, Diagnostic } from 'vscode-languageserver-protocol';
import { Linter } from '../../server/src/engine/lint';
import { toDiagnostic } from '../../server/src/lsp/convert';
import { normalizeSettings, settingsToBaseConfig } from '../../server/src/lsp/settings';
import { fileUri, LspClient, removeDir, tempDir } from './harness';

const deployment = (i: number, image: string) =>
  `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web-${i}\nspec:\n  replicas: 2\n  template:\n    spec:\n      containers:\n        - name: web\n          image: ${image}\n          env:\n            - name: MODE\n              value: prod\n`;
const multidoc = (n: number) => Array.from({ length: n }, (_, i) => deployment(i, i % 3 === 0 ? 'nginx:latest' : 'nginx:1.27')).join('---\n');

let client: LspClient;
let dir: string;
let settings: Record<string, unknown> = {};

before(async () => {
  dir = tempDir();
  client = (await LspClient.start({ rootUri: fileUri(dir) })).client;
  client.settings = (_uri, section) => (section === 'infraGuide' ? settings : {});
});

after(async () => {
  await client?.dispose();
  removeDir(dir);
});

/**
 * One edit an editor would send while the user types, mostly keeping the YAML valid (so that the
 * findings stay): a character at the end of a line or its deletion, Enter or a comment line,
 * a blank or comment line deleted, a document pasted before a `---`.
 */
function randomEdit(text: string, pick: (n: number) => number): { line: number; from: number; to: number; endLine: number; insert: string } {
  const lines = text.split('\n');
  const line = pick(lines.length - 1);
  const end = lines[line]!.length;
  const r = pick(10);
  if (r < 5) return { line, from: end, to: end, endLine: line, insert: 'abc-'[pick(4)]! };
  if (r < 6 && end > 0) return { line, from: end - 1, to: end, endLine: line, insert: '' };
  if (r < 8) return { line, from: 0, to: 0, endLine: line, insert: pick(2) ? '\n' : '# note\n' };
  const removable = lines.findIndex((l, i) => i >= line && i < lines.length - 1 && (l === '' || l.startsWith('#')));
  if (r < 9 && removable >= 0) return { line: removable, from: 0, to: 0, endLine: removable + 1, insert: '' };
  const separator = lines.indexOf('---', line);
  if (separator < 0) return { line: 0, from: 0, to: 0, endLine: 0, insert: '\n' };
  return { line: separator, from: 0, to: 0, endLine: separator, insert: `---\n${deployment(100 + line, 'redis')}` };
}

test('diagnostics and fixes after typing with line inserts and deletes equal a fresh lint of the final text', { timeout: 120_000 }, async () => {
  // `since`: publishes before it are of an earlier buffer (versions restart on reopen).
  const docs = [
    { uri: fileUri(join(dir, 'all.yaml')), text: multidoc(30), since: 0 },
    { uri: fileUri(join(dir, 'other.yaml')), text: multidoc(10), since: 0 },
  ];
  for (const d of docs) client.open(d.uri, 'yaml', d.text);
  for (const d of docs) await client.waitForVersion(d.uri, 1, 0, 20_000);

  let seed = 14;
  const pick = (n: number) => Math.floor(((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31) * n);
  for (let i = 0; i < 160; i++) {
    const d = docs[pick(5) === 0 ? 1 : 0]!;
    const e = randomEdit(client.document(d.uri).getText(), pick);
    const version = client.change(d.uri, [{ range: { start: { line: e.line, character: e.from }, end: { line: e.endLine, character: e.to } }, text: e.insert }]);
    // Mostly let results through (the next change goes against them), sometimes outrun the worker.
    if (pick(3) > 0) await client.waitForVersion(d.uri, version, d.since, 20_000);
    if (i === 70) {
      settings = { rules: { 'kubernetes/pin-image-version': 'error', 'kubernetes/set-liveness-probe': 'off' } };
      client.notify('workspace/didChangeConfiguration', { settings: null });
    }
    if (i === 110) {
      const other = docs[1]!;
      const text = client.document(other.uri).getText();
      client.close(other.uri);
      other.since = client.mark();
      client.open(other.uri, 'yaml', text);
    }
  }

  const config = settingsToBaseConfig(normalizeSettings(settings));
  const linter = new Linter();
  const final: Diagnostic[][] = [];
  for (const d of docs) {
    const doc = client.document(d.uri);
    const published = await client.waitForVersion(d.uri, doc.version, d.since, 20_000);
    final.push(published.diagnostics);
    const fileName = join(dir, d.uri.slice(d.uri.lastIndexOf('/') + 1));
    const fresh = linter.lint({ text: doc.getText(), fileName, languageId: 'yaml', config }).findings;
    assert.ok(fresh.length > 20, `${d.uri}: the text still has findings (${fresh.length})`);
    assert.deepEqual(published.diagnostics, fresh.map(toDiagnostic), `${d.uri}: diagnostics differ from a fresh lint`);
  }

  // Fixes travel with the findings: a fresh copy of the final text offers the same quick fixes.
  const typed = docs[0]!;
  const copy = fileUri(join(dir, 'copy.yaml'));
  client.open(copy, 'yaml', client.document(typed.uri).getText());
  const copyDiagnostics = (await client.waitForVersion(copy, 1, 0, 20_000)).diagnostics;
  const fixesOf = async (uri: string, diagnostics: Diagnostic[]) => {
    const actions: CodeAction[] = [];
    for (const diagnostic of diagnostics) actions.push(...(await client.codeActions(uri, diagnostic.range, [diagnostic])));
    // The same edits, for another document (and version).
    return JSON.stringify(actions).replaceAll(`{"uri":"${uri}","version":${client.document(uri).version}}`, '<document>').replaceAll(uri, '<uri>');
  };
  assert.equal(await fixesOf(typed.uri, final[0]!), await fixesOf(copy, copyDiagnostics));
});
