// LSP protocol tests of fix safety: fixes that may change behaviour (guessed limits, probes,
// runAsNonRoot) are listed as quick fixes of their finding but never preferred, and fix-all is
// offered only where a safe fix changes the text; the "Disable …" actions stay as they were.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileUri, LspClient, removeDir, tempDir } from './harness';

const FIX_ALL = 'source.fixAll.infraGuide';
const WHOLE = { start: { line: 0, character: 0 }, end: { line: 20, character: 0 } };
const DEPLOYMENT =
  'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  template:\n    spec:\n      containers:\n        - name: web\n          image: nginx:1.27\n';
const COMPOSE = 'services:\n  web:\n    image: nginx:1.27\n';

describe('fix safety in code actions', () => {
  let client: LspClient;
  let dir: string;

  before(async () => {
    dir = tempDir();
    client = (await LspClient.start()).client;
  });

  after(async () => {
    await client?.dispose();
    removeDir(dir);
  });

  for (const [file, text, rules] of [
    ['deployment.yaml', DEPLOYMENT, ['kubernetes/run-as-non-root', 'kubernetes/set-liveness-probe', 'kubernetes/set-readiness-probe', 'kubernetes/set-resource-limits', 'kubernetes/set-resource-requests']],
    ['compose.yaml', COMPOSE, ['compose/set-healthcheck', 'compose/set-resource-limits']],
  ] as const) {
    it(`${file}: only unsafe fixes, none preferred, no fix-all`, async () => {
      const uri = fileUri(join(dir, file));
      const mark = client.mark();
      client.open(uri, 'yaml', text);
      const pub = await client.waitForVersion(uri, 1, mark);
      assert.deepEqual(pub.diagnostics.map((d) => d.code).sort(), [...rules].sort());
      for (const d of pub.diagnostics) {
        const actions = await client.codeActions(uri, d.range, [d]);
        const titles = actions.map((a) => a.title);
        const fixes = actions.filter((a) => !a.title.startsWith('Disable '));
        assert.equal(fixes.length, 1, `${d.code}: ${titles.join(' | ')}`);
        assert.equal(fixes[0]!.kind, 'quickfix');
        assert.equal(fixes[0]!.isPreferred, undefined, `${d.code}: an unsafe fix is not preferred`);
        assert.deepEqual(titles.slice(1), [`Disable ${d.code} for this line`, `Disable ${d.code} for this file`]);
      }
      assert.deepEqual(await client.codeActions(uri, WHOLE, [], [FIX_ALL]), [], 'nothing for fix-all');
      client.close(uri);
    });
  }
});
