// Runs every rule over the Kubernetes and Compose corpus (`../shared/corpus`, read-only,
// skipped when absent) with rule errors re-thrown: no crash, each file under 1 s, and the
// 20k-line multi-document stress file lints quickly and re-lints an edit incrementally.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Linter } from '../../server/src/engine/lint';
import { timedMs, withinLimit } from './timing';

const ROOT = resolve(__dirname, '../../..');
const CORPUS = resolve(ROOT, '../shared/corpus');
const absent = existsSync(CORPUS) ? false : `corpus not found at ${CORPUS}`;

function yamlFiles(dir: string): string[] {
  return existsSync(dir)
    ? readdirSync(dir)
        .filter((f) => /\.ya?ml$/.test(f))
        .map((f) => join(dir, f))
    : [];
}

test('K8s and Compose corpus: no rule throws, each file < 1 s', { skip: absent }, () => {
  const files = [...yamlFiles(join(CORPUS, 'k8s')), ...yamlFiles(join(CORPUS, 'k8s/templated')), ...yamlFiles(join(CORPUS, 'compose'))];
  assert.ok(files.length >= 580, `${files.length} files`);
  const linter = new Linter({ throwOnRuleError: true });
  linter.lint({ text: 'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers: [{name: a, image: b}]\n', fileName: 'warm.yaml' });
  const slow: string[] = [];
  const kinds = new Map<string, number>();
  for (const file of files) {
    const text = readFileSync(file, 'utf8');
    const { result: r, ms } = withinLimit(1000, () => linter.lint({ text, fileName: file }));
    if (ms > 1000) slow.push(`${file}: ${ms.toFixed(0)} ms`);
    kinds.set(String(r.kind), (kinds.get(String(r.kind)) ?? 0) + 1);
    for (const f of r.findings) {
      if (f.ruleId === 'infra-guide/parse-error') assert.ok(file.includes('/templated/'), `${file}: ${f.message}`);
      if (f.secret) assert.ok(!/value: /.test(f.message), f.message);
    }
  }
  assert.deepEqual(slow, []);
  assert.ok((kinds.get('kubernetes') ?? 0) >= 530, JSON.stringify([...kinds]));
  assert.equal(kinds.get('compose'), 52);
});

test('stress/big-multidoc.yaml: full lint and incremental re-lint', { skip: absent }, () => {
  const text = readFileSync(join(CORPUS, 'stress/big-multidoc.yaml'), 'utf8');
  const linter = new Linter({ throwOnRuleError: true });
  const { result: full, ms: fullMs } = timedMs(() => linter.lint({ text, fileName: 'big-multidoc.yaml' }));
  assert.equal(full.kind, 'kubernetes');
  assert.ok(full.findings.length > 500, `${full.findings.length} findings`);
  assert.ok(fullMs < 5000, `full lint took ${fullMs.toFixed(0)} ms`);
  // An edit in one document re-parses and re-checks that document only.
  const at = text.indexOf('image:', text.length >> 1);
  const edited = text.slice(0, at) + 'image: nginx\n    ' + text.slice(at);
  const { ms: editMs } = timedMs(() => linter.lint({ text: edited, fileName: 'big-multidoc.yaml' }));
  assert.ok(editMs < 250, `re-lint after an edit took ${editMs.toFixed(0)} ms`);
});
