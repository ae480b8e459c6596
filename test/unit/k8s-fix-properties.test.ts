// Properties of the Kubernetes/Compose quick fixes over every K8s and Compose file of the shared
// corpus (`../shared/corpus` beside the repository; read-only; skipped when absent):
//   - each fix of a kubernetes/compose/yaml rule yields YAML that still parses,
//   - removes its own finding (same rule, same position) and adds no error finding;
//   - fix-all (Linter.fixAll) yields YAML that parses, and fix-all twice equals fix-all once.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseAllDocuments } from 'yaml';
import { Linter } from '../../server/src/engine/lint';
import { applyEdits } from '../../server/src/engine/fix';
import type { Finding } from '../../server/src/engine/types';

const ROOT = resolve(__dirname, '../../..');
const CORPUS = resolve(ROOT, '../shared/corpus');
const absent = existsSync(CORPUS) ? false : `corpus not found at ${CORPUS}`;

function yamlFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => /\.ya?ml$/.test(f))
    .map((f) => join(dir, f));
}

const OWN = /^(kubernetes|compose|yaml)\//;

function parseProblems(text: string): string[] {
  return parseAllDocuments(text, { uniqueKeys: false, strict: false, logLevel: 'silent' } as never)
    .flatMap((d) => ('errors' in d ? d.errors : []))
    .map((e) => e.message.split('\n')[0]!);
}

const errorsOf = (fs: Finding[]) => fs.filter((f) => OWN.test(f.ruleId) && f.severity === 'error').length;

const samePlace = (a: Finding, b: Finding) =>
  a.ruleId === b.ruleId && a.range.start.line === b.range.start.line && a.range.start.character === b.range.start.character;

test('every K8s/Compose fix parses, removes its finding; fix-all is idempotent', { skip: absent }, (t) => {
  const files = [...yamlFiles(join(CORPUS, 'k8s')), ...yamlFiles(join(CORPUS, 'k8s/templated')), ...yamlFiles(join(CORPUS, 'compose'))];
  assert.ok(files.length > 500, `${files.length} files`);
  const linter = new Linter({ throwOnRuleError: true });
  const problems: string[] = [];
  let fixesChecked = 0;
  let filesFixed = 0;
  for (const file of files) {
    const text = readFileSync(file, 'utf8');
    const input = { text, fileName: file };
    const before = linter.lint(input).findings;
    const fixable = before.filter((f) => OWN.test(f.ruleId) && f.fixes.length > 0);
    if (fixable.length === 0) continue;
    filesFixed++;
    const originalProblems = parseProblems(text).length;
    for (const f of fixable) {
      for (const fix of f.fixes) {
        fixesChecked++;
        const out = applyEdits(text, fix.edits);
        const where = `${file.slice(CORPUS.length + 1)}:${f.range.start.line + 1} ${f.ruleId} "${fix.title}"`;
        if (parseProblems(out).length > originalProblems) {
          problems.push(`${where}: result does not parse: ${parseProblems(out)[0]}`);
          continue;
        }
        const after = linter.lint({ ...input, text: out }).findings;
        if (after.some((g) => samePlace(f, g))) problems.push(`${where}: finding still reported after the fix`);
        if (errorsOf(after) > errorsOf(before)) problems.push(`${where}: the fix introduces a new error`);
      }
    }
    const once = linter.fixAll(input);
    if (parseProblems(once.text).length > originalProblems) problems.push(`${file}: fix-all result does not parse`);
    const twice = linter.fixAll({ ...input, text: once.text });
    if (twice.text !== once.text) problems.push(`${file}: fix-all is not idempotent`);
    if (once.findings.some((g) => OWN.test(g.ruleId) && g.fixes.some((x) => x.safe))) {
      problems.push(`${file}: safe fixes left after fix-all: ${once.findings.filter((g) => g.fixes.some((x) => x.safe)).map((g) => g.ruleId).join(', ')}`);
    }
  }
  t.diagnostic(`${fixesChecked} fixes checked in ${filesFixed} files`);
  assert.ok(fixesChecked > 200, `only ${fixesChecked} fixes checked in ${filesFixed} files`);
  assert.deepEqual(problems.slice(0, 20), []);
});
