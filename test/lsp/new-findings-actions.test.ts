// LSP protocol tests of findings added on this issue as the editor shows them: the diagnostic
// sits on its token, the quick fixes are the engine's (unsafe ones not preferred), "Disable …
// for this line" silences it where a comment line is awkward (flow collections, `!reset` keys,
// Template objects, list-form environment, a continued Dockerfile instruction), and fix-all
// leaves a file without new findings.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Diagnostic } from 'vscode-languageserver-protocol';
import { editsFor, fileUri, LspClient, removeDir, tempDir } from './harness';

interface Case {
  name: string;
  file: string;
  languageId: string;
  text: string;
  rule: string;
  /** Text the diagnostic's range covers. */
  token: string;
  /** Quick fix titles (before the disable actions) and whether each is preferred. */
  fixes?: [string, boolean][];
}

const CASES: Case[] = [
  {
    name: 'cap_add in a multi-line flow mapping',
    file: 'compose.yaml',
    languageId: 'yaml',
    text: 'services:\n  web: {\n    image: "nginx:1.27",\n    cap_add: [SYS_ADMIN]\n  }\n',
    rule: 'compose/no-privileged-or-root',
    token: 'SYS_ADMIN',
  },
  {
    name: 'a `!reset` healthcheck in an override file',
    file: 'compose.override.yaml',
    languageId: 'yaml',
    text: 'services:\n  web:\n    healthcheck:\n      !reset\n',
    rule: 'compose/set-healthcheck',
    token: 'healthcheck',
  },
  {
    name: 'a `!reset` limits key in a flow mapping',
    file: 'compose.override.yaml',
    languageId: 'yaml',
    text: 'services:\n  api:\n    image: api:1\n    deploy: {resources: {limits: !reset null}}\n',
    rule: 'compose/set-resource-limits',
    token: 'limits',
  },
  {
    name: 'a literal secret default in a block-scalar list item',
    file: 'compose.yaml',
    languageId: 'yaml',
    text: 'services:\n  web:\n    image: nginx:1.27\n    environment:\n      - A=1\n      - >-\n        API_TOKEN=${API_TOKEN:-abcdefgh123}\n',
    rule: 'compose/no-secrets-in-environment',
    token: 'API_TOKEN',
  },
  {
    name: 'added capabilities inside a Template object written in flow style',
    file: 'template.yaml',
    languageId: 'yaml',
    text: 'apiVersion: template.openshift.io/v1\nkind: Template\nobjects:\n- {apiVersion: v1, kind: Pod, metadata: {name: p},\n   spec: {containers: [{name: c, image: "nginx:1.2",\n     securityContext: {capabilities: {add: [SYS_ADMIN]}}}]}}\n',
    rule: 'kubernetes/no-privileged-containers',
    token: 'SYS_ADMIN',
  },
  {
    name: 'huge pages that differ: two unsafe fixes, none preferred',
    file: 'pod.yaml',
    languageId: 'yaml',
    text: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n  - name: app\n    image: app:1.0\n    resources:\n      requests: {cpu: 100m, memory: 1Gi, hugepages-2Mi: 256Mi}\n      limits: {cpu: 100m, memory: 1Gi, hugepages-2Mi: 512Mi}\n',
    rule: 'kubernetes/valid-resource-quantities',
    token: '256Mi',
    fixes: [
      ['Set the request to `512Mi` (the limit)', false],
      ['Set the limit to `256Mi` (the request)', false],
    ],
  },
  {
    name: 'a secret default on the continuation line of ENV',
    file: 'Dockerfile',
    languageId: 'dockerfile',
    text: 'FROM node:20.11-alpine\nENV A=1 \\\n    DB_PASSWORD=${DB_PASSWORD:-hunter2secret}\nUSER node\nCMD ["node"]\n',
    rule: 'dockerfile/no-secrets-in-env-or-arg',
    token: 'DB_PASSWORD',
  },
  {
    name: 'ADD --unpack=false continued onto the next line',
    file: 'Dockerfile',
    languageId: 'dockerfile',
    text: 'FROM node:20.11-alpine\nWORKDIR /app\nADD --unpack=false \\\n    app.tar.gz /app/\nUSER node\nCMD ["node"]\n',
    rule: 'dockerfile/prefer-copy-over-add',
    token: 'ADD',
    fixes: [['Replace ADD with COPY', true]],
  },
];

describe("today's findings through the language server", () => {
  let client: LspClient;
  let dir: string;
  let n = 0;

  before(async () => {
    client = (await LspClient.start()).client;
    dir = tempDir();
  });

  after(async () => {
    await client?.dispose();
    if (dir) removeDir(dir);
  });

  /** Opens `c` under a fresh folder; its first diagnostic of `c.rule`. */
  async function open(c: Case): Promise<{ uri: string; d: Diagnostic; ids: string[] }> {
    const uri = fileUri(join(dir, String(++n), c.file));
    const mark = client.mark();
    client.open(uri, c.languageId, c.text);
    const pub = await client.waitForVersion(uri, 1, mark);
    const d = pub.diagnostics.find((x) => x.code === c.rule);
    assert.ok(d, `${c.name}: ${JSON.stringify(pub.diagnostics.map((x) => x.code))}`);
    return { uri, d, ids: pub.diagnostics.map((x) => String(x.code)) };
  }

  for (const c of CASES) {
    it(`${c.name}: range on the token, the engine's fixes, and a line pragma that silences it`, async () => {
      const { uri, d } = await open(c);
      const lines = c.text.split('\n');
      assert.equal(d.range.start.line, d.range.end.line, JSON.stringify(d.range));
      assert.equal(lines[d.range.start.line]!.slice(d.range.start.character, d.range.end.character), c.token);

      const actions = await client.codeActions(uri, d.range, [d], ['quickfix']);
      const titles = actions.map((a) => [a.title, a.isPreferred ?? false]);
      assert.deepEqual(titles, [...(c.fixes ?? []), [`Disable ${c.rule} for this line`, false], [`Disable ${c.rule} for this file`, false]]);

      const line = actions.find((a) => a.title === `Disable ${c.rule} for this line`)!;
      const mark = client.mark();
      const v = client.applyEdits(uri, editsFor(line.edit, uri));
      const next = await client.waitForVersion(uri, v, mark);
      assert.deepEqual(
        next.diagnostics.filter((x) => x.code === c.rule || String(x.code).startsWith('infra-guide/') || String(x.code).startsWith('yaml/')),
        [],
        client.document(uri).getText(),
      );
      client.close(uri);
    });
  }

  it('fix-all on them leaves no new findings and no unsafe change', async () => {
    for (const c of CASES) {
      const { uri, ids } = await open(c);
      const actions = await client.codeActions(uri, { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, [], ['source.fixAll']);
      if (actions.length === 0) continue;
      assert.equal(actions.length, 1, c.name);
      const mark = client.mark();
      const v = client.applyEdits(uri, editsFor(actions[0]!.edit, uri));
      const next = await client.waitForVersion(uri, v, mark);
      const added = next.diagnostics.map((x) => String(x.code)).filter((id) => !ids.includes(id));
      assert.deepEqual(added, [], `${c.name}:\n${client.document(uri).getText()}`);
      if (c.fixes?.every(([, preferred]) => !preferred)) {
        // Only unsafe fixes: fix-all leaves the finding (and its line) as they were.
        assert.ok(next.diagnostics.some((x) => x.code === c.rule), c.name);
      }
      client.close(uri);
    }
  });
});
