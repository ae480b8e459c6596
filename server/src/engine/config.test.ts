import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join, sep } from 'node:path';
import { defaultConfig, mergeConfig, parseConfigText } from './config';
import { Linter } from './lint';
import { ConfigResolver } from './config-loader';
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

test('commit types a subject cannot start with are reported and dropped; the rules read the others', () => {
  const defaults = (id: string) => getRule(id)?.meta.defaultOptions;
  const text = [
    'rules:', // 0
    '  commit/subject-format:', // 1
    '    options:', // 2
    '      types:', // 3
    '        - hot-fix', // 4
    '        - v2', // 5
    '        - hot fix', // 6
    '        - feat(ui)', // 7
    '        - 2fa', // 8
    '        - " chore "', // 9
    '        - fix_it', // 10
  ].join('\n');
  const r = parseConfigText(text, isKnownRule, defaults);
  const why = 'is not a commit type of `commit/subject-format`: a type is a letter, then letters, digits or `-` (e.g. `hot-fix`), as a subject starts with it.';
  assert.deepEqual(
    r.problems.map((p) => `${p.range.start.line}:${p.range.start.character}-${p.range.end.character} ${p.message}`),
    [`6:10-17 "hot fix" ${why}`, `7:10-18 "feat(ui)" ${why}`, `8:10-13 "2fa" ${why}`, `10:10-16 "fix_it" ${why}`],
  );
  assert.deepEqual(r.config.rules, { 'commit/subject-format': { options: { types: ['hot-fix', 'v2', 'chore'] } } });
  // The commit rules check subjects with such types: the issue and its `Refs #N` too.
  const config = mergeConfig(defaultConfig(), r.config);
  const lint = (msg: string) => new Linter().lint({ text: msg, fileName: 'COMMIT_EDITMSG', config }).findings.map((f) => f.ruleId);
  assert.deepEqual(lint('hot-fix(#5): Add X\n\n- a\n\nRefs #5\n'), []);
  assert.deepEqual(lint('v2(#5): Add X\n\n- a\n\nRefs #6\n'), ['commit/refs-footer']);
  assert.deepEqual(lint('feat(#5): Add X\n\n- a\n\nRefs #5\n'), ['commit/subject-format']);
  // No type left: said so, and the default types apply.
  const none = parseConfigText('rules:\n  commit/subject-format: {options: {types: ["a b", ""]}}\n', isKnownRule, defaults);
  assert.deepEqual(none.problems.map((p) => p.message).slice(2), ['No valid type in `types` of `commit/subject-format`: the default types apply.']);
  assert.deepEqual(none.config.rules, { 'commit/subject-format': { options: { types: [] } } });
});

test('an empty list of commit types written out is reported where written; the default types apply', () => {
  const defaults = (id: string) => getRule(id)?.meta.defaultOptions;
  const why = 'Empty `types` of `commit/subject-format`: the default types apply (a subject needs a type).';
  const at = (text: string) =>
    parseConfigText(text, isKnownRule, defaults).problems.map((p) => `${p.range.start.line}:${p.range.start.character}-${p.range.end.line}:${p.range.end.character} ${p.message}`);
  assert.deepEqual(at('rules:\n  commit/subject-format: {options: {types: []}}\n'), [`1:43-1:45 ${why}`]);
  assert.deepEqual(at('rules:\n  commit/subject-format:\n    options:\n      types: [ ]\n'), [`3:13-3:16 ${why}`]);
  const r = parseConfigText('rules:\n  commit/subject-format:\n    options:\n      types: []\n', isKnownRule, defaults);
  const config = mergeConfig(defaultConfig(), r.config);
  const lint = (msg: string) => new Linter().lint({ text: msg, fileName: 'COMMIT_EDITMSG', config }).findings.map((f) => f.ruleId);
  assert.deepEqual(lint('feat(#5): Add X\n\n- a\n\nRefs #5\n'), []);
  assert.deepEqual(lint('hot-fix(#5): Add X\n\n- a\n\nRefs #5\n'), ['commit/subject-format']);
});

test('`ignore` globs with `\\` are reported (folders are separated with `/`, also on Windows) and dropped', () => {
  const r = parseConfigText(['ignore:', '  - vendor\\**', '  - "!vendor/keep/**"', '  - build\\out\\*.yaml'].join('\n'), isKnownRule);
  assert.deepEqual(
    r.problems.map((p) => `${p.range.start.line}:${p.range.start.character}-${p.range.end.character} ${p.message}`),
    [
      '1:4-13 `ignore` globs separate folders with `/`, also on Windows: write `vendor/**` (for a literal `*`, `?` or `[`, write `[*]`, `[?]`, `[[]`; `[!]` for a leading `!`).',
      '3:4-20 `ignore` globs separate folders with `/`, also on Windows: write `build/out/*.yaml` (for a literal `*`, `?` or `[`, write `[*]`, `[?]`, `[[]`; `[!]` for a leading `!`).',
    ],
  );
  assert.deepEqual(r.config.ignore, ['!vendor/keep/**']);
});

test('aliases and merge keys are resolved, as YAML users expect; problems are reported where the text is written', () => {
  const defaults = (id: string) => getRule(id)?.meta.defaultOptions;
  const r = parseConfigText(
    [
      'x-base: &b', // 0
      '  dockerfile/use-exec-form: off', // 1
      '  dockerfile/pin-package-versions: warning', // 2
      '  dockerfile/no-such-rule: off', // 3
      'x-level: &lvl error', // 4
      'x-opts: &o {requireCpuLimit: false}', // 5
      'rules:', // 6
      '  <<: *b', // 7
      '  dockerfile/pin-package-versions: error', // 8 (own key wins over the merged one)
      '  dockerfile/pin-base-image-version: *lvl', // 9
      '  kubernetes/set-resource-limits: {level: *lvl, options: *o}', // 10
      'x-p: &p {allow: true}', // 11
      'pragmas: {<<: *p, requireReason: true}', // 12
      'x-i: &glob "vendor/**"', // 13
      'ignore: [*glob, build/]', // 14
    ].join('\n'),
    isKnownRule,
    defaults,
  );
  assert.deepEqual(
    r.problems.map((p) => `${p.range.start.line}:${p.range.start.character}-${p.range.end.character} ${p.message}`),
    ['3:2-25 Unknown rule id `dockerfile/no-such-rule`.'],
  );
  assert.deepEqual(r.config, {
    rules: {
      'dockerfile/pin-package-versions': { level: 'error' },
      'dockerfile/pin-base-image-version': { level: 'error' },
      'kubernetes/set-resource-limits': { level: 'error', options: { requireCpuLimit: false } },
      'dockerfile/use-exec-form': { level: 'off' },
    },
    pragmas: { allow: true, requireReason: true },
    ignore: ['vendor/**', 'build/'],
  });
  // A whole section by alias, and a list of merged mappings (the earlier one wins).
  assert.deepEqual(parse('x-r: &r {dockerfile/use-exec-form: off}\nrules: *r\n'), { config: { rules: { 'dockerfile/use-exec-form': { level: 'off' } } }, problems: [] });
  assert.deepEqual(
    parse('x-a: &a {dockerfile/use-exec-form: off}\nx-b: &b {dockerfile/use-exec-form: error, dockerfile/pin-package-versions: info}\nrules: {<<: [*a, *b]}\n').config,
    { rules: { 'dockerfile/use-exec-form': { level: 'off' }, 'dockerfile/pin-package-versions': { level: 'info' } } },
  );
  // Content used twice is reported once; a merge of something that is no mapping is reported.
  assert.deepEqual(parse('x-a: &a {nope/rule: off}\nrules: {<<: [*a, *a]}\npragmas: {<<: *a}\n').problems, [
    '0:9 Unknown rule id `nope/rule`.',
    '2:9 `pragmas` must be a mapping with boolean `allow` and `requireReason`.',
  ]);
  assert.deepEqual(parse('x-a: &a [1]\nrules: {<<: *a}\n').problems, ['1:12 `<<` merges a mapping or a list of mappings: `<<: *base` or `<<: [*a, *b]`.']);
  // An alias to no anchor is reported once.
  assert.deepEqual(parse('rules: *nope\n'), { config: {}, problems: ['0:7 Alias `*nope` refers to no anchor `&nope` before it.'] });
  // Other top-level keys are still reported; a quoted `"<<"` is a key like any other.
  assert.deepEqual(parse('extra: 1\nrules: {"<<": off}\n').problems, ['0:0 Unknown key `extra` in infra-guide config.', '1:8 Unknown rule id `<<`.']);
});

test('alias bombs in a config are neither expanded nor hang', () => {
  let bomb = `x-a0: &a0 [${Array(9).fill('"lol"').join(', ')}]\n`;
  for (let l = 1; l < 9; l++) bomb += `x-a${l}: &a${l} [${Array(9).fill(`*a${l - 1}`).join(', ')}]\n`;
  let maps = 'x-m0: &m0 {dockerfile/use-exec-form: off}\n';
  for (let l = 1; l < 30; l++) maps += `x-m${l}: &m${l} {<<: [${Array(9).fill(`*m${l - 1}`).join(', ')}]}\n`;
  const defaults = (id: string) => getRule(id)?.meta.defaultOptions;
  const started = Date.now();
  const r = parseConfigText(
    `${bomb}${maps}rules:\n  <<: *m29\n  dockerfile/pin-package-versions: {options: {managers: *a8}}\n  commit/subject-max-length: {options: {x: *a8}}\nignore: *a8\n`,
    isKnownRule,
    defaults,
  );
  assert.ok(Date.now() - started < 2000, `took ${Date.now() - started} ms`);
  assert.deepEqual(r.config.rules?.['dockerfile/use-exec-form'], { level: 'off' });
  assert.ok(r.problems.some((p) => /^Value could not be read: .*alias/i.test(p.message)), JSON.stringify(r.problems.map((p) => p.message)));
  assert.ok(r.problems.some((p) => p.message.startsWith('`ignore` must be a list of glob strings')));
});

test('`ignore` globs that match nothing are reported; `\\!` gets the `[!]` that matches a leading `!`', () => {
  const r = parseConfigText(['ignore:', '  - ""', '  - "  "', '  - "!"', '  - /', '  - \\!important/**', '  - "[!]important/**"', '  - "!(x)"'].join('\n'), isKnownRule);
  assert.deepEqual(
    r.problems.map((p) => `${p.range.start.line} ${p.message}`),
    [
      '1 `ignore` glob "" matches nothing: remove it, or name files or folders (`vendor/**`).',
      '2 `ignore` glob "  " matches nothing: remove it, or name files or folders (`vendor/**`).',
      '3 `ignore` glob "!" matches nothing: remove it, or name files or folders (`vendor/**`).',
      '4 `ignore` glob "/" matches nothing: remove it, or name files or folders (`vendor/**`).',
      '5 `ignore` globs write a literal leading `!` as `[!]` (no `\\`: it is read as a folder separator from Windows): write `[!]important/**`.',
    ],
  );
  assert.deepEqual(r.config.ignore, ['[!]important/**', '!(x)']);
  // The suggestion does what it says.
  const resolver = new ConfigResolver();
  const loaded = { config: { ...defaultConfig(), ignore: ['[!]important/**'] }, configPath: join(sep, 'repo', '.infra-guide.yaml'), problems: [] };
  assert.equal(resolver.isIgnored(join(sep, 'repo', '!important', 'a.yaml'), loaded), true);
  assert.equal(resolver.isIgnored(join(sep, 'repo', 'important', 'a.yaml'), loaded), false);
});

test('a repeated key makes the config invalid, reported at the repeat, before a later syntax error', () => {
  const repeated = { config: {}, problems: ['2:0 infra-guide config is not valid YAML (DUPLICATE_KEY); defaults apply.'] };
  assert.deepEqual(parse('rules:\n  dockerfile/use-exec-form: off\nrules: {}\n'), repeated);
  assert.deepEqual(parse('rules:\n  dockerfile/use-exec-form: off\nrules: {}\nignore: [\n'), repeated);
  assert.deepEqual(parse('rules:\n  dockerfile/use-exec-form: off\n  dockerfile/use-exec-form: warning\n'), {
    config: {},
    problems: ['2:2 infra-guide config is not valid YAML (DUPLICATE_KEY); defaults apply.'],
  });
  // A syntax error before the repeat is the one reported.
  assert.deepEqual(parse('a: [\nrules: {}\nrules: {}\n').problems, ['1:0 infra-guide config is not valid YAML (BAD_INDENT); defaults apply.']);
});
