// `infraGuide.commit.types` is read twice: by the language server (the types commit/subject-format
// accepts) and by "Insert commit message for issue" (the types it offers). Both must read the same
// list, or the command offers a type the editor then reports.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { commitTypesFromSetting, DEFAULT_TYPES } from '../../client/src/workflow/commit-message';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { COMMIT_TYPE, DEFAULT_COMMIT_TYPES } from '../../server/src/engine/commit/message';
import { readSettings } from '../../server/src/lsp/settings';

/** The types the language server's commit rules accept for a setting value. */
function serverTypes(value: unknown): readonly string[] {
  return readSettings({ commit: { types: value } }).settings.commitTypes ?? DEFAULT_COMMIT_TYPES;
}

test('the command offers the types the commit rules accept, for any setting value', () => {
  assert.deepEqual(DEFAULT_TYPES, [...DEFAULT_COMMIT_TYPES]);
  const values: unknown[] = [
    undefined,
    null,
    'feat',
    [],
    ['feat', 'hotfix'],
    ['feat', 'bad type'],
    [' feat ', 'fix'],
    [1, 'release'],
    ['Bad!', '-x'],
    { feat: true },
  ];
  for (const value of values) assert.deepEqual(commitTypesFromSetting(value), [...serverTypes(value)], JSON.stringify(value));
});

test('one invalid entry does not bring back the default types', () => {
  assert.deepEqual(commitTypesFromSetting(['feat', 'fix', 'not a type']), ['feat', 'fix']);
  assert.deepEqual(commitTypesFromSetting(['feat', 'feat']), ['feat'], 'offered once');
});

test('settings.json and .infra-guide.yaml validate a commit type as the subject parser reads it', () => {
  const root = resolve(__dirname, '..', '..', '..');
  const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { contributes: { configuration: { properties: Record<string, { items: { pattern: string } }> } } };
  assert.equal(pkg.contributes.configuration.properties['infraGuide.commit.types']!.items.pattern, COMMIT_TYPE.source);
  const schema = readFileSync(join(root, 'schemas', 'infra-guide.schema.json'), 'utf8');
  assert.ok(schema.includes(JSON.stringify(COMMIT_TYPE.source)), 'the config schema checks `types` items with the same pattern');
  for (const t of ['hot-fix', 'v2', 'feat']) assert.ok(new RegExp(COMMIT_TYPE.source).test(t), t);
  for (const t of ['hot fix', '2fa', 'feat(ui)', 'fix_it']) assert.ok(!new RegExp(COMMIT_TYPE.source).test(t), t);
});
