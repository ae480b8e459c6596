// Every `.infra-guide.yaml` example in README.md and the hand-written docs (a ```yaml block whose
// top-level keys are config keys) loads without `infra-guide/invalid-config` problems, options
// included. Generated rule pages are checked against their metadata by docs.test.ts.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseDocument, isMap, isScalar } from 'yaml';
import { parseConfigText } from '../../server/src/engine/config';
import { defaultOptionsOf, isKnownRule } from '../../server/src/engine/registry';

const ROOT = resolve(__dirname, '../../..');
const CONFIG_KEYS = new Set(['rules', 'ignore', 'pragmas', 'maxFileSizeBytes']);

/** ```yaml blocks of a Markdown text that look like a config file, with their 1-based start line. */
function configBlocks(markdown: string): { line: number; text: string }[] {
  const blocks: { line: number; text: string }[] = [];
  const lines = markdown.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    if (!/^\s{0,3}```ya?ml\s*$/.test(lines[i]!)) continue;
    const start = i + 1;
    while (i + 1 < lines.length && !/^\s{0,3}```\s*$/.test(lines[i + 1]!)) i++;
    const text = lines.slice(start, i + 1).join('\n') + '\n';
    i++;
    const root = parseDocument(text).contents;
    if (!isMap(root) || root.items.length === 0) continue;
    if (root.items.every((p) => isScalar(p.key) && CONFIG_KEYS.has(String(p.key.value)))) blocks.push({ line: start + 1, text });
  }
  return blocks;
}

function problemsOf(text: string): string[] {
  return parseConfigText(text, isKnownRule, defaultOptionsOf).problems.map((p) => `${p.range.start.line + 1}: ${p.message}`);
}

test('config-shaped YAML blocks are found, and a wrong one has problems', () => {
  const md = [
    '```yaml',
    'rules:',
    '  dockerfile/use-exec-form: loud',
    '```',
    '```yaml',
    'services: {}',
    '```',
    '```yaml',
    'ignore: ["vendor/**"]',
    '```',
  ].join('\n');
  const blocks = configBlocks(md);
  assert.deepEqual(
    blocks.map((b) => b.line),
    [2, 9],
  );
  assert.equal(problemsOf(blocks[0]!.text).length, 1);
  assert.deepEqual(problemsOf(blocks[1]!.text), []);
  assert.equal(problemsOf('rules:\n  kubernetes/set-resource-limits:\n    options: { requireCpu: false }\n').length, 1, 'unknown options are problems');
});

test('.infra-guide.yaml examples in README.md and docs/*.md, docs/dev/*.md load without problems', () => {
  const files = ['README.md', ...['docs', 'docs/dev'].flatMap((d) => readdirSync(join(ROOT, d)).filter((n) => n.endsWith('.md')).map((n) => `${d}/${n}`))];
  let checked = 0;
  for (const file of files) {
    for (const block of configBlocks(readFileSync(join(ROOT, file), 'utf8'))) {
      checked++;
      assert.deepEqual(problemsOf(block.text), [], `${file}:${block.line}`);
    }
  }
  assert.ok(checked >= 1, 'the README has a config example');
});
