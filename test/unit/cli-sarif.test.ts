// `check --format sarif` writes structurally valid SARIF 2.1.0 (see sarif-validate.ts) for every
// kind of document, with fixes, with run errors, for files outside the root and standard input.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, realpathSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { check, tempTree } from './cli-run';
import { validateSarif } from './sarif-validate';

const ROOT = resolve(__dirname, '../../..');
const UNPINNED = 'FROM node\nRUN apt-get update && apt-get install -y curl\nCMD node server.js\n';

test('sarif: the validator reports what the schema and code scanning reject', () => {
  const result = { ruleId: 'a/b', ruleIndex: 0, level: 'warning', message: { text: 'm' }, locations: [{ physicalLocation: { artifactLocation: { uri: 'a%20b/Dockerfile', uriBaseId: '%SRCROOT%' }, region: { startLine: 1, startColumn: 1, endLine: 1, endColumn: 2 } } }] };
  const rule = { id: 'a/b', shortDescription: { text: 's' }, fullDescription: { text: 'f' }, help: { text: 'h' }, defaultConfiguration: { level: 'warning' } };
  const log = (r: object, ru: object = rule) => ({ version: '2.1.0', runs: [{ tool: { driver: { name: 'x', rules: [ru] } }, invocations: [{ executionSuccessful: true }], originalUriBaseIds: { '%SRCROOT%': { uri: 'file:///repo/' } }, results: [r] }] });
  assert.deepEqual(validateSarif(log(result)), []);
  const loc = result.locations[0]!.physicalLocation;
  const bad: [object, RegExp][] = [
    [{ ...result, level: 'info' }, /level: not one of/],
    [{ ...result, ruleIndex: 1 }, /ruleIndex: not the index of a\/b/],
    [{ ...result, message: { text: '' } }, /message\.text: not a non-empty string/],
    [{ ...result, locations: [] }, /locations: empty/],
    [{ ...result, locations: [{ physicalLocation: { ...loc, region: { ...loc.region, startColumn: 0 } } }] }, /startColumn: not an integer >= 1/],
    [{ ...result, locations: [{ physicalLocation: { ...loc, region: { ...loc.region, endColumn: 0 } } }] }, /endColumn/],
    [{ ...result, locations: [{ physicalLocation: { ...loc, artifactLocation: { uri: '<stdin>' } } }] }, /not an encoded uri/],
    [{ ...result, locations: [{ physicalLocation: { ...loc, artifactLocation: { uri: 'x', uriBaseId: '%OTHER%' } } }] }, /not in originalUriBaseIds/],
    [{ ...result, helpUri: 'x' }, /helpUri: not a property of result/],
  ];
  for (const [r, expected] of bad) assert.match(validateSarif(log(r)).join('\n'), expected);
  assert.match(validateSarif(log(result, { ...rule, helpUri: 'docs/rules/a/b.md' })).join('\n'), /helpUri: not an absolute uri/);
  assert.match(validateSarif(log(result, { ...rule, fullDescription: undefined })).join('\n'), /fullDescription: not an object/);
});

test('sarif: valid SARIF 2.1.0 for every kind of document, with fixes, run errors and files outside the root', async (t) => {
  const dir = realpathSync(
    tempTree(t, {
      'repo/.git/HEAD': 'ref: refs/heads/main\n',
      'repo/svc one/Dockerfile': UNPINNED,
      'repo/bad/.infra-guide.yaml': 'rules:\n  nope/nope: loud\n',
      'repo/bad/Dockerfile': UNPINNED,
      'outside/Dockerfile': UNPINNED,
    }),
  );
  cpSync(join(ROOT, 'examples'), join(dir, 'repo/examples'), { recursive: true });
  const cwd = join(dir, 'repo');
  const runs = [
    await check(['.', join(dir, 'outside/Dockerfile'), 'missing', '--format', 'sarif'], cwd),
    await check(['examples', '--format', 'sarif'], cwd),
    await check(['-', '--format', 'sarif'], cwd, UNPINNED),
    await check(['-', '--stdin-filename', 'svc one/Dockerfile', '--format', 'sarif'], cwd, UNPINNED),
  ];
  for (const r of runs) {
    const log = JSON.parse(r.stdout) as any;
    assert.deepEqual(validateSarif(log), []);
    assert.ok(log.runs[0].results.length > 0, 'findings expected');
  }
  const all = JSON.parse(runs[0]!.stdout) as any;
  assert.equal(all.runs[0].invocations[0].executionSuccessful, false);
  assert.ok(all.runs[0].results.some((x: any) => (x.fixes ?? []).length > 0), 'a result with fixes expected');
  const examples = JSON.parse(runs[1]!.stdout) as any;
  const kinds = new Set(examples.runs[0].results.map((x: any) => x.ruleId.split('/')[0]));
  for (const kind of ['dockerfile', 'compose', 'kubernetes']) assert.ok(kinds.has(kind), `${kind} findings expected in examples/`);
});
