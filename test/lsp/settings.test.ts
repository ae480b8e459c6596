// Normalisation of the `infraGuide` settings section and its layering under the config file.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { mergeConfig } from '../../server/src/engine/config';
import { allRules } from '../../server/src/engine/registry';
import {
  DEFAULT_SETTINGS,
  editDistance,
  normalizeSettings,
  problemLines,
  problemsMessage,
  readSettings,
  settingsToBaseConfig,
  SettingsProblemTracker,
  suggestRuleIds,
  type SettingsProblem,
} from '../../server/src/lsp/settings';

const KNOWN = allRules.map((r) => r.meta.id);
const PIN = 'dockerfile/pin-base-image-version';

describe('server settings', () => {
  it('defaults for missing or invalid input', () => {
    assert.deepEqual(normalizeSettings(undefined), { ...DEFAULT_SETTINGS, rules: {} });
    assert.deepEqual(normalizeSettings(null), { ...DEFAULT_SETTINGS, rules: {} });
    const s = normalizeSettings({ enable: 'yes', validation: { debounceMs: -5 }, maxFileSizeBytes: 1.5, rules: [] });
    assert.equal(s.enable, true);
    assert.equal(s.debounceMs, 0);
    assert.equal(s.maxFileSizeBytes, 2 * 1024 * 1024);
    assert.deepEqual(s.rules, {});
  });

  it('reads nested (VS Code) and flat keys; drops unknown rules and levels', () => {
    const known = ['dockerfile/pin-base-image-version', 'commit/subject-format'];
    const s = normalizeSettings(
      {
        enable: false,
        rules: { 'dockerfile/pin-base-image-version': 'error', 'no/such': 'off', 'commit/subject-format': 'loud' },
        validation: { debounceMs: 250 },
        maxFileSizeBytes: 1000,
        commit: { types: ['feat', 'wip', 42, 'bad type'] },
      },
      known,
    );
    assert.deepEqual(s, { enable: false, rules: { 'dockerfile/pin-base-image-version': 'error' }, debounceMs: 250, maxFileSizeBytes: 1000, commitTypes: ['feat', 'wip'] });
    assert.equal(normalizeSettings({ 'validation.debounceMs': 99999 }).debounceMs, 10_000);
  });

  it('layers defaults < settings < config file', () => {
    const base = settingsToBaseConfig(normalizeSettings({ rules: { 'dockerfile/pin-base-image-version': 'off', 'commit/subject-format': 'info' }, maxFileSizeBytes: 10, commit: { types: ['wip'] } }));
    assert.equal(base.maxFileSizeBytes, 10);
    assert.deepEqual(base.rules['commit/subject-format'], { level: 'info', options: { types: ['wip'] } });
    const merged = mergeConfig(base, { rules: { 'dockerfile/pin-base-image-version': { level: 'error' } }, maxFileSizeBytes: 20 });
    assert.equal(merged.rules['dockerfile/pin-base-image-version']?.level, 'error');
    assert.equal(merged.rules['commit/subject-format']?.level, 'info');
    assert.equal(merged.maxFileSizeBytes, 20);
  });

  it('reports each dropped rule entry by its key, with a suggestion for a near-miss id', () => {
    const { settings, problems } = readSettings(
      {
        rules: {
          'dockerfile/pin-base-image': 'error', // truncated
          'dockerfile/run-as-nonroot': 'off', // typo
          'pin-base-image-version': 'info', // no domain
          'Dockerfile/Pin-Base-Image-Version': 'info', // case
          'run-as-non-root': 'off', // two domains have it
          'no/such-thing': 'off', // nothing close
          [PIN]: 'warning',
        },
      },
      KNOWN,
    );
    assert.deepEqual(settings.rules, { [PIN]: 'warning' });
    assert.deepEqual(problems, [
      { key: 'infraGuide.rules["dockerfile/pin-base-image"]', reason: `unknown rule id; did you mean \`${PIN}\`?` },
      { key: 'infraGuide.rules["dockerfile/run-as-nonroot"]', reason: 'unknown rule id; did you mean `dockerfile/run-as-non-root`?' },
      { key: 'infraGuide.rules["pin-base-image-version"]', reason: `unknown rule id; did you mean \`${PIN}\`?` },
      { key: 'infraGuide.rules["Dockerfile/Pin-Base-Image-Version"]', reason: `unknown rule id; did you mean \`${PIN}\`?` },
      { key: 'infraGuide.rules["run-as-non-root"]', reason: 'unknown rule id; did you mean `dockerfile/run-as-non-root` or `kubernetes/run-as-non-root`?' },
      { key: 'infraGuide.rules["no/such-thing"]', reason: 'unknown rule id' },
    ]);
    // Without the known ids nothing is checked (as before).
    assert.deepEqual(readSettings({ rules: { 'no/such-thing': 'off' } }).problems, []);
  });

  it('reports invalid levels with the allowed values, never echoing the value', () => {
    const secret = 'hunter2-s3cr3t-VALUE';
    const { settings, problems } = readSettings(
      { rules: { [PIN]: secret, 'commit/subject-format': 'Error', 'commit/body-bullets': { level: 'error' }, 'commit/refs-footer': 3 } },
      KNOWN,
    );
    assert.deepEqual(settings.rules, {});
    assert.deepEqual(problems, [
      { key: `infraGuide.rules["${PIN}"]`, reason: 'invalid level; use off, info, warning or error' },
      { key: 'infraGuide.rules["commit/subject-format"]', reason: 'invalid level; did you mean `error`?' },
      { key: 'infraGuide.rules["commit/body-bullets"]', reason: 'invalid level; use off, info, warning or error (options go in .infra-guide.yaml)' },
      { key: 'infraGuide.rules["commit/refs-footer"]', reason: 'invalid level; use off, info, warning or error' },
    ]);
    assert.ok(!JSON.stringify(problems).includes(secret));
    assert.ok(!problemsMessage(problems).includes(secret) && !problemLines(problems).join('\n').includes(secret));
  });

  it('reports rules that are not an object, and keeps odd ids short and quoted', () => {
    assert.deepEqual(readSettings({ rules: ['x'] }, KNOWN).problems, [{ key: 'infraGuide.rules', reason: 'not an object of rule id → level' }]);
    const long = 'x'.repeat(500);
    const [p] = readSettings({ rules: { [long]: 'off', 'a"b\nc': 'off' } }, KNOWN).problems;
    assert.equal(p!.key, `infraGuide.rules["${'x'.repeat(79)}…"]`);
    assert.equal(readSettings({ rules: { 'a"b\nc': 'off' } }, KNOWN).problems[0]!.key, 'infraGuide.rules["a\\"b\\nc"]');
  });

  it('reports dropped infraGuide.commit.types entries by index, and when the defaults apply', () => {
    const some = readSettings({ commit: { types: ['feat', 42, 'bad type', ' fix '] } });
    assert.deepEqual(some.settings.commitTypes, ['feat', 'fix']);
    assert.deepEqual(some.problems, [
      { key: 'infraGuide.commit.types[1]', reason: 'not a commit type (a word of letters, digits and -)' },
      { key: 'infraGuide.commit.types[2]', reason: 'not a commit type (a word of letters, digits and -)' },
    ]);
    const none = readSettings({ 'commit.types': ['no way'] });
    assert.equal(none.settings.commitTypes, undefined);
    assert.deepEqual(none.problems.map((p) => p.key), ['infraGuide.commit.types[0]', 'infraGuide.commit.types']);
    // An empty list is said as such, as `types: []` in .infra-guide.yaml is.
    const empty = readSettings({ commit: { types: [] } });
    assert.equal(empty.settings.commitTypes, undefined);
    assert.deepEqual(empty.problems, [{ key: 'infraGuide.commit.types', reason: 'an empty list; the default types apply (a subject needs a type)' }]);
    assert.deepEqual(readSettings({ commit: { types: 'feat' } }).problems, [{ key: 'infraGuide.commit.types', reason: 'not a list of commit types; the default types apply' }]);
    assert.deepEqual(readSettings({ commit: {} }).problems, []);
  });

  it('suggests by edit distance, prefix, or the same name in another domain; not when too many fit', () => {
    assert.equal(editDistance('kitten', 'sitting'), 3);
    assert.equal(editDistance('abcd', 'acbd'), 1, 'adjacent swap');
    assert.equal(editDistance('', 'abc'), 3);
    assert.deepEqual(suggestRuleIds('dockerfile/pin-base-image-versoin', KNOWN), [PIN]);
    assert.deepEqual(suggestRuleIds('dockerfile/pin-base-image-version-tag', KNOWN), [PIN], 'extension');
    assert.deepEqual(suggestRuleIds('kubernetes/set-healthcheck', KNOWN), ['compose/set-healthcheck'], 'other domain');
    assert.deepEqual(suggestRuleIds('kubernetes/set-resource', KNOWN), ['kubernetes/set-resource-requests', 'kubernetes/set-resource-limits'], 'two prefixes');
    assert.deepEqual(suggestRuleIds('dockerfile/use', KNOWN), [], 'too many fit');
    assert.deepEqual(suggestRuleIds('completely/unrelated', KNOWN), []);
    assert.deepEqual(suggestRuleIds('  ', KNOWN), []);
  });

  it('logs at most 20 lines and notifies the first three problems', () => {
    const many: SettingsProblem[] = Array.from({ length: 25 }, (_, i) => ({ key: `infraGuide.rules["r${i}"]`, reason: 'unknown rule id' }));
    const lines = problemLines(many);
    assert.equal(lines.length, 21);
    assert.equal(lines[0], 'infraGuide.rules["r0"] ignored: unknown rule id');
    assert.equal(lines[20], '… and 5 more ignored settings entries');
    assert.equal(
      problemsMessage(many),
      'Infra Guide ignores 25 settings entries: infraGuide.rules["r0"] (unknown rule id), infraGuide.rules["r1"] (unknown rule id), infraGuide.rules["r2"] (unknown rule id) and 22 more. Details in the Infra Guide output.',
    );
    assert.equal(problemsMessage(many.slice(0, 1)), 'Infra Guide ignores a settings entry: infraGuide.rules["r0"] (unknown rule id). Details in the Infra Guide output.');
  });

  it('tells each distinct set of problems once: not again while it persists, again after a fix', () => {
    const a: SettingsProblem = { key: 'infraGuide.rules["a"]', reason: 'unknown rule id' };
    const b: SettingsProblem = { key: 'infraGuide.rules["b"]', reason: 'unknown rule id' };
    const t = new SettingsProblemTracker();
    assert.deepEqual(t.report([]), []);
    assert.deepEqual(t.report([a]), [a], 'new problem');
    assert.deepEqual(t.report([a]), [], 'another document, same settings');
    t.settingsChanged();
    assert.deepEqual(t.report([a]), [], 'same problems after a change');
    t.settingsChanged();
    t.settingsChanged();
    assert.deepEqual(t.report([a]), [], 'two changes without a read in between');
    assert.deepEqual(t.report([a, b]), [a, b], 'a folder with one more problem: the whole set is told');
    t.settingsChanged();
    assert.deepEqual(t.report([a]), [], 'one fixed, the other known');
    t.settingsChanged();
    assert.deepEqual(t.report([]), [], 'all fixed');
    t.settingsChanged();
    assert.deepEqual(t.report([a]), [a], 'back after a fix');
  });
});
