// The generated rule docs, README rules table, config schema and the `infraGuide.rules` setting
// in package.json must match the rule metadata: run `npm run docs` after adding or changing a rule.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseConfigText, RULE_LEVELS } from '../../server/src/engine/config';
import { allRules, isKnownRule } from '../../server/src/engine/registry';
import { PRAGMA_RULE_IDS } from '../../server/src/engine/suppressions';
import {
  configSchema,
  generateDocs,
  GENERATED_MARKER,
  PACKAGE_JSON,
  RULES_SETTING_PATH,
  rulesSettingSchema,
  SCHEMA_PATH,
  TABLE_END,
  TABLE_START,
} from '../../scripts/generate-docs';

const ROOT = resolve(__dirname, '../../..');

test('docs/rules, README rules table and the config schema are up to date (run `npm run docs`)', () => {
  const { changed, deleted } = generateDocs(ROOT, { check: true });
  assert.deepEqual({ changed, deleted }, { changed: [], deleted: [] }, 'stale generated docs: run `npm run docs`');
});

test('every rule has a page with title, severity, section, rationale, examples and configuration', () => {
  for (const r of allRules) {
    const m = r.meta;
    const [domain, name] = m.id.split('/');
    const page = readFileSync(join(ROOT, 'docs/rules', domain!, `${name}.md`), 'utf8');
    assert.ok(page.startsWith(GENERATED_MARKER), m.id);
    for (const part of [m.title, `\`${m.id}\``, m.severity, m.guideSection.replace(/\|/g, '\\|'), '## Why', '## Examples', '## Configure', '## Suppress']) {
      assert.ok(page.includes(part), `${m.id}: missing ${part}`);
    }
    for (const k of Object.keys(m.defaultOptions ?? {})) assert.ok(page.includes(`\`${k}\``), `${m.id}: option ${k}`);
    if (m.bad.fileName === 'Dockerfile') assert.ok(page.includes('```dockerfile\n'), `${m.id}: dockerfile fence`);
    // Pragma problems are reported after pragmas apply: their pages must not offer a pragma.
    const pragmaProblem = (Object.values(PRAGMA_RULE_IDS) as string[]).includes(m.id);
    assert.equal(page.includes(`ignore=${m.id}`), !pragmaProblem, `${m.id}: suppress section`);
  }
});

test('generator on an empty tree: minimal README with markers, stale pages deleted, hand-written kept', () => {
  const dir = mkdtempSync(join(tmpdir(), 'infra-guide-docs-'));
  try {
    mkdirSync(join(dir, 'docs/rules/dockerfile'), { recursive: true });
    mkdirSync(join(dir, 'docs/rules/gone'), { recursive: true });
    writeFileSync(join(dir, 'docs/rules/dockerfile/old-rule.md'), GENERATED_MARKER + '\n# old\n');
    writeFileSync(join(dir, 'docs/rules/gone/removed.md'), GENERATED_MARKER + '\n# removed\n');
    writeFileSync(join(dir, 'docs/rules/dockerfile/notes.md'), '# hand-written notes\n');
    const check = generateDocs(dir, { check: true });
    assert.ok(check.changed.includes('README.md') && check.changed.includes(SCHEMA_PATH));
    assert.deepEqual(check.deleted.sort(), ['docs/rules/dockerfile/old-rule.md', 'docs/rules/gone/removed.md']);
    assert.ok(existsSync(join(dir, 'docs/rules/dockerfile/old-rule.md')), 'check mode writes nothing');

    const res = generateDocs(dir);
    assert.equal(res.deleted.length, 2);
    assert.ok(!existsSync(join(dir, 'docs/rules/dockerfile/old-rule.md')));
    assert.ok(!existsSync(join(dir, 'docs/rules/gone')), 'emptied domain folder removed');
    assert.ok(existsSync(join(dir, 'docs/rules/dockerfile/notes.md')));
    const readme = readFileSync(join(dir, 'README.md'), 'utf8');
    assert.ok(readme.includes(TABLE_START) && readme.includes(TABLE_END));
    for (const r of allRules) assert.ok(readme.includes(`\`${r.meta.id}\``));
    assert.deepEqual(generateDocs(dir, { check: true }), { changed: [], deleted: [] });

    // Only the part between the markers is regenerated.
    writeFileSync(join(dir, 'README.md'), `# Mine\n\nintro\n\n${TABLE_START}\nold\n${TABLE_END}\n\n## After\n`);
    generateDocs(dir);
    const updated = readFileSync(join(dir, 'README.md'), 'utf8');
    assert.ok(updated.startsWith('# Mine\n\nintro\n\n' + TABLE_START));
    assert.ok(updated.endsWith(TABLE_END + '\n\n## After\n'));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('config schema: every rule, levels, options typed from defaults, top-level keys as the engine validates', () => {
  const schema = configSchema(allRules.map((r) => r.meta)) as any;
  assert.equal(schema.$schema, 'http://json-schema.org/draft-07/schema#');
  assert.deepEqual(Object.keys(schema.properties).sort(), ['ignore', 'maxFileSizeBytes', 'pragmas', 'rules']);
  assert.equal(schema.additionalProperties, false);
  assert.deepEqual(schema.definitions.level.enum, [...RULE_LEVELS]);
  assert.deepEqual(Object.keys(schema.properties.rules.properties).sort(), allRules.map((r) => r.meta.id).sort());
  assert.equal(schema.properties.rules.additionalProperties, false);
  for (const r of allRules) {
    const entry = schema.properties.rules.properties[r.meta.id];
    const obj = entry.anyOf[1];
    assert.deepEqual(Object.keys(obj.properties).sort(), ['level', 'options']);
    for (const [k, v] of Object.entries(r.meta.defaultOptions ?? {})) {
      const opt = obj.properties.options.properties[k];
      assert.ok(opt, `${r.meta.id} option ${k}`);
      assert.deepEqual(opt.default, v);
      const t = Array.isArray(v) ? 'array' : typeof v === 'number' ? (Number.isInteger(v) ? 'integer' : 'number') : v === null ? undefined : typeof v;
      if (t) assert.equal(opt.type, t, `${r.meta.id} option ${k}`);
    }
  }
  assert.deepEqual(Object.keys(schema.properties.pragmas.properties).sort(), ['allow', 'requireReason']);
  assert.equal(schema.properties.maxFileSizeBytes.type, 'integer');
  // The shipped schema file is this schema, and the example config is valid for the engine.
  assert.deepEqual(JSON.parse(readFileSync(join(ROOT, SCHEMA_PATH), 'utf8')), schema);
  const example = readFileSync(join(ROOT, 'examples/.infra-guide.yaml'), 'utf8');
  assert.deepEqual(parseConfigText(example, isKnownRule).problems, []);
  // Top-level keys the engine accepts are allowed by the schema too (the editor must not flag them).
  const withAnchors = 'x-strict: &strict {level: error}\nrules:\n  dockerfile/use-exec-form: *strict\n';
  assert.deepEqual(parseConfigText(withAnchors, isKnownRule).problems, []);
  const allowed = (key: string): boolean => key in schema.properties || Object.keys(schema.patternProperties ?? {}).some((p) => new RegExp(p).test(key));
  assert.ok(allowed('x-strict'), 'x- keys');
  assert.ok(!allowed('rule'), 'a misspelt key is still flagged');
});

const SETTING_KEY = RULES_SETTING_PATH[RULES_SETTING_PATH.length - 1]!;

/** The object holding the `infraGuide.rules` setting in a parsed package.json. */
function settingsOf(pkg: unknown): any {
  return RULES_SETTING_PATH.slice(0, -1).reduce((o: any, k) => o?.[k], pkg);
}

test('infraGuide.rules setting: one property per rule with the levels, title and default; unknown ids refused', () => {
  const metas = allRules.map((r) => r.meta).sort((a, b) => (a.id < b.id ? -1 : 1));
  const schema = rulesSettingSchema(metas) as any;
  assert.equal(schema.type, 'object');
  assert.deepEqual(schema.default, {});
  assert.equal(schema.additionalProperties, false);
  assert.deepEqual(Object.keys(schema.properties), metas.map((m) => m.id));
  for (const r of allRules) {
    const p = schema.properties[r.meta.id];
    assert.equal(p.type, 'string');
    assert.deepEqual(p.enum, [...RULE_LEVELS]);
    assert.ok(p.markdownDescription.includes(r.meta.title) && p.markdownDescription.includes(`\`${r.meta.severity}\``), r.meta.id);
  }
  // The shipped package.json carries exactly this schema, rules sorted by id.
  assert.deepEqual(settingsOf(JSON.parse(readFileSync(join(ROOT, PACKAGE_JSON), 'utf8')))[SETTING_KEY], schema);
});

test('generator: a stale infraGuide.rules setting fails the check; the rewrite touches only that object', () => {
  const dir = mkdtempSync(join(tmpdir(), 'infra-guide-docs-'));
  try {
    generateDocs(dir);
    const real = readFileSync(join(ROOT, PACKAGE_JSON), 'utf8');
    const pkg = JSON.parse(real);
    // The setting as it was before the schema was generated: any level for any id.
    const stale = { type: 'object', default: {}, scope: 'resource', additionalProperties: { type: 'string', enum: [...RULE_LEVELS] } };
    settingsOf(pkg)[SETTING_KEY] = stale;
    // A layout npm would not write, outside the setting, must survive the rewrite.
    const staleText = JSON.stringify(pkg, null, 2).replace('"private": true', '"private":   true') + '\n';
    writeFileSync(join(dir, PACKAGE_JSON), staleText);

    assert.deepEqual(generateDocs(dir, { check: true }), { changed: [PACKAGE_JSON], deleted: [] }, 'check mode reports the stale setting');
    assert.equal(readFileSync(join(dir, PACKAGE_JSON), 'utf8'), staleText, 'check mode writes nothing');
    generateDocs(dir);
    const fresh = readFileSync(join(dir, PACKAGE_JSON), 'utf8');
    assert.equal(fresh, real.replace('"private": true', '"private":   true'), 'only the setting object changed');
    assert.deepEqual(generateDocs(dir, { check: true }), { changed: [], deleted: [] });

    // A package.json without the setting is not ours to change.
    delete settingsOf(pkg)[SETTING_KEY];
    writeFileSync(join(dir, PACKAGE_JSON), JSON.stringify(pkg, null, 2) + '\n');
    assert.deepEqual(generateDocs(dir, { check: true }), { changed: [], deleted: [] });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
