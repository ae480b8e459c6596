// Normalisation of the `infraGuide` settings section and its layering under the config file.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { mergeConfig } from '../../server/src/engine/config';
import { DEFAULT_SETTINGS, normalizeSettings, settingsToBaseConfig } from '../../server/src/lsp/settings';

describe('server settings', () => {
  it('defaults for missing or invalid input', () => {
    assert.deepEqual(normalizeSettings(undefined), { ...DEFAULT_SETTINGS, rules: {} });
    assert.deepEqual(normalizeSettings(null), { ...DEFAULT_SETTINGS, rules: {} });
    const s = normalizeSettings({ enable: 'yes', validation: { debounceMs: -5 }, maxFileSizeBytes: 1.5, rules: [] });
    assert.equal(s.enable, true);
    assert.equal(s.debounceMs, 10);
    assert.equal(s.maxFileSizeBytes, 2 * 1024 * 1024);
    assert.deepEqual(s.rules, {});
  });

  it('reads nested (VS Code) and flat keys; drops unknown rules and levels', () => {
    const known = (id: string) => id === 'dockerfile/pin-base-image-version' || id === 'commit/subject-format';
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
});
