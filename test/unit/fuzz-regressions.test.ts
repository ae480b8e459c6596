// Minimal reproducers of engine bugs found by the fuzz harness (test/unit/fuzz.test.ts),
// kept as plain unit tests so they stay fixed whatever the fuzz seed.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Linter } from '../../server/src/engine/lint';
import { MAX_LINE_LENGTH } from '../../server/src/engine/guards';
import { defaultConfig } from '../../server/src/engine/config';
import { selectSafeFixes } from '../../server/src/engine/fix';
import { TextIndex } from '../../server/src/engine/text';
import type { Finding } from '../../server/src/engine/types';
import { resolveAlias } from '../../server/src/engine/yaml/model';
import fc from 'fast-check';
import { parseDocument, visit, type Alias } from 'yaml';
import { timedMs } from './timing';

test('TextIndex.positionAt: an offset on the \\n of a CRLF pair stays inside the line', () => {
  const index = new TextIndex('a: 1\r\nb: [\r\n');
  // Offset 5 is the "\n" of the first CRLF: it belongs to line 0, at the end of its content.
  assert.deepEqual(index.positionAt(5), { line: 0, character: 4 });
  assert.deepEqual(index.positionAt(4), { line: 0, character: 4 });
  assert.deepEqual(index.positionAt(6), { line: 1, character: 0 });
  assert.deepEqual(index.positionAt(10), { line: 1, character: 4 });
  assert.deepEqual(index.positionAt(11), { line: 1, character: 4 });
  assert.deepEqual(index.positionAt(12), { line: 2, character: 0 });
});

test('YAML parse errors on CRLF files have ranges inside the text', () => {
  const text = 'apiVersion: v1\r\nkind: ConfigMap\r\ndata:\r\n\tkey: "x\r\n';
  const { findings } = new Linter({ throwOnRuleError: true }).lint({ text, fileName: 'cm.yaml' });
  const index = new TextIndex(text);
  for (const f of findings) {
    assert.ok(f.range.end.line < index.lineCount);
    assert.ok(f.range.end.character <= index.lineText(f.range.end.line).length, JSON.stringify(f.range));
  }
});

test('a rule reporting 100k+ findings does not overflow the stack', () => {
  // 200k duplicate keys: yaml/no-duplicate-keys reports one finding per repeat.
  const text = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\ndata:\n' + '  k: v\n'.repeat(200_000);
  const config = { ...defaultConfig(), maxFileSizeBytes: 16 * 1024 * 1024 };
  assert.doesNotThrow(() => new Linter({ throwOnRuleError: true }).lint({ text, fileName: 'cm.yaml', config }));
});

test('selectSafeFixes copes with a fix of 200k edits', () => {
  const edits = Array.from({ length: 200_000 }, (_, i) => ({ range: { start: { line: i, character: 0 }, end: { line: i, character: 1 } }, newText: 'x' }));
  const f: Finding = { ruleId: 'x/y', severity: 'warning', message: 'm', range: edits[0]!.range, fixes: [{ title: 't', edits, safe: true }] };
  assert.equal(selectSafeFixes([f]).length, 1);
});

test(`files with a line over ${MAX_LINE_LENGTH} characters get one info finding instead of rules`, () => {
  const config = { ...defaultConfig(), maxFileSizeBytes: 8 * 1024 * 1024 };
  const linter = new Linter({ throwOnRuleError: true });
  for (const [fileName, text, line] of [
    ['Dockerfile', 'FROM alpine:3.20\nRUN echo ' + 'a '.repeat(MAX_LINE_LENGTH) + '\n', 1],
    ['cm.yaml', 'apiVersion: v1\nkind: ConfigMap\ndata: [' + 'a,'.repeat(MAX_LINE_LENGTH) + 'a]\n', 2],
  ] as const) {
    // The bound for any one file, in wall or CPU time, the smaller (timing.ts).
    const { result: { findings }, ms } = timedMs(() => linter.lint({ text, fileName, config }));
    assert.ok(ms < 1000, `took ${ms} ms`);
    assert.deepEqual(
      findings.map((f) => [f.ruleId, f.severity, f.range.start.line]),
      [['infra-guide/file-too-large', 'info', line]],
    );
    assert.match(findings[0]!.message, new RegExp(`^Line ${line + 1} is \\d+ characters long`));
  }
  // Just under the limit: linted normally.
  const ok = 'FROM alpine:3.20\nLABEL x="' + 'a'.repeat(MAX_LINE_LENGTH - 20) + '"\n';
  assert.ok(!linter.lint({ text: ok, fileName: 'Dockerfile', config }).findings.some((f) => f.ruleId === 'infra-guide/file-too-large'));
  // Commit messages have no parser cost: never skipped for a long line.
  const commit = 'feat: x\n\n' + 'word '.repeat(MAX_LINE_LENGTH) + '\n';
  assert.ok(!linter.lint({ text: commit, fileName: 'COMMIT_EDITMSG', config }).findings.some((f) => f.ruleId === 'infra-guide/file-too-large'));
});

test('re-linting an edited multi-document file equals a fresh lint (documents re-used by position)', () => {
  const doc = (i: number, image: string) =>
    `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web-${i}\nspec:\n  template:\n    spec:\n      containers:\n        - name: web\n          image: ${image}\n`;
  const base = Array.from({ length: 12 }, (_, i) => doc(i, 'nginx:latest'));
  const variants = [
    base,
    base.map((d, i) => (i === 5 ? doc(5, 'nginx:1.27.0') : d)), // one document edited
    [...base.slice(0, 3), doc(99, 'redis'), ...base.slice(3)], // a document inserted
    [...base.slice(0, 7), ...base.slice(8)], // a document removed
    base.map((d, i) => (i === 0 ? d.replace('kind: Deployment', 'kind: [') : d)), // a parse error
    base,
  ];
  const linter = new Linter({ throwOnRuleError: true });
  for (const docs of variants) {
    const text = docs.join('---\n');
    const reused = linter.lint({ text, fileName: 'all.yaml' }).findings;
    const fresh = new Linter({ throwOnRuleError: true }).lint({ text, fileName: 'all.yaml' }).findings;
    assert.deepEqual(reused, fresh);
  }
});

test('resolveAlias (one walk per document) agrees with yaml Alias.resolve', () => {
  const anchors = ['a', 'b', 'c'];
  fc.assert(
    fc.property(
      fc.array(
        fc.oneof(
          fc.record({ t: fc.constant('def' as const), a: fc.constantFrom(...anchors), v: fc.constantFrom('1', '{x: 1}', '[1, 2]', '{y: {z: 2}}') }),
          fc.record({ t: fc.constant('use' as const), a: fc.constantFrom(...anchors) }),
          fc.record({ t: fc.constant('merge' as const), a: fc.constantFrom(...anchors) }),
          fc.record({ t: fc.constant('nested' as const), a: fc.constantFrom(...anchors), b: fc.constantFrom(...anchors) }),
        ),
        { maxLength: 12 },
      ),
      (items) => {
        const text = items
          .map((it, i) =>
            it.t === 'def'
              ? `k${i}: &${it.a} ${it.v}`
              : it.t === 'use'
                ? `k${i}: *${it.a}`
                : it.t === 'merge'
                  ? `k${i}:\n  <<: *${it.a}\n  own: 1`
                  : `k${i}: &${it.a}\n  inner: *${it.b}`,
          )
          .join('\n');
        const doc = parseDocument(text + '\n', { uniqueKeys: false, logLevel: 'silent' });
        const aliases: Alias[] = [];
        visit(doc, { Alias: (_k, node) => void aliases.push(node) });
        for (const alias of aliases) assert.equal(resolveAlias(doc, alias), alias.resolve(doc), text);
      },
    ),
    { seed: 6, numRuns: 500 },
  );
});
