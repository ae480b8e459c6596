import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseConfigText } from './config';
import { getRule, isKnownRule } from './registry';

/** Config and `line:character message` of each problem. */
function parse(text: string): { config: unknown; problems: string[] } {
  const r = parseConfigText(text, isKnownRule);
  return { config: r.config, problems: r.problems.map((p) => `${p.range.start.line}:${p.range.start.character} ${p.message}`) };
}

test('a config of several YAML documents is reported: only the first is read', () => {
  const off = { rules: { 'dockerfile/use-exec-form': { level: 'off' } } };
  const r = parse('rules:\n  dockerfile/use-exec-form: off\n---\nrules:\n  dockerfile/pin-package-versions: off\n');
  assert.deepEqual(r.config, off);
  assert.equal(r.problems.length, 1);
  assert.match(r.problems[0]!, /^2:0 .*one YAML document/);
  // A leading `---`, a trailing one and an end marker hold no second document.
  for (const text of ['---\nrules:\n  dockerfile/use-exec-form: off\n', 'rules:\n  dockerfile/use-exec-form: off\n---\n', 'rules:\n  dockerfile/use-exec-form: off\n...\n']) {
    assert.deepEqual(parse(text), { config: off, problems: [] }, text);
  }
  assert.deepEqual(parse(''), { config: {}, problems: [] });
  assert.deepEqual(parse('---\n'), { config: {}, problems: [] });
});

test('rule options are checked against the rule\'s options: unknown keys and wrong types are reported and dropped', () => {
  const defaults = (id: string) => getRule(id)?.meta.defaultOptions;
  const r = parseConfigText(
    [
      'rules:', // 0
      '  dockerfile/pin-base-image-version:', // 1
      '    options: {requireDigest: "yes", requireDigets: true}', // 2
      '  kubernetes/set-resource-limits:', // 3
      '    level: error', // 4
      '    options:', // 5
      '      requireCpuLimit: false', // 6
      '      memory: 512', // 7
      '  dockerfile/pin-package-versions:', // 8
      '    options: {managers: [apt, 3], ignore: []}', // 9
      '  commit/subject-max-length: {options: {maxLength: 50.5}}', // 10
    ].join('\n'),
    isKnownRule,
    defaults,
  );
  assert.deepEqual(
    r.problems.map((p) => `${p.range.start.line}:${p.range.start.character}-${p.range.end.character} ${p.message}`),
    [
      '2:29-34 Option `requireDigest` of `dockerfile/pin-base-image-version` must be a boolean.',
      '2:36-49 Unknown option `requireDigets` of `dockerfile/pin-base-image-version` (known: `requireDigest`).',
      '7:14-17 Option `memory` of `kubernetes/set-resource-limits` must be a string.',
      '9:24-32 Option `managers` of `dockerfile/pin-package-versions` must be a list of strings.',
      '10:51-55 Option `maxLength` of `commit/subject-max-length` must be an integer.',
    ],
  );
  assert.deepEqual(r.config.rules, {
    'dockerfile/pin-base-image-version': { options: {} },
    'kubernetes/set-resource-limits': { level: 'error', options: { requireCpuLimit: false } },
    'dockerfile/pin-package-versions': { options: { ignore: [] } },
    'commit/subject-max-length': { options: {} },
  });
});

test('`ignore` globs with `\\` are reported (folders are separated with `/`, also on Windows) and dropped', () => {
  const r = parseConfigText(['ignore:', '  - vendor\\**', '  - "!vendor/keep/**"', '  - build\\out\\*.yaml'].join('\n'), isKnownRule);
  assert.deepEqual(
    r.problems.map((p) => `${p.range.start.line}:${p.range.start.character}-${p.range.end.character} ${p.message}`),
    [
      '1:4-13 `ignore` globs separate folders with `/`, also on Windows: write `vendor/**` (for a literal `*`, `?` or `[`, write `[*]`, `[?]`, `[[]`).',
      '3:4-20 `ignore` globs separate folders with `/`, also on Windows: write `build/out/*.yaml` (for a literal `*`, `?` or `[`, write `[*]`, `[?]`, `[[]`).',
    ],
  );
  assert.deepEqual(r.config.ignore, ['!vendor/keep/**']);
});
