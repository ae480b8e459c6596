// YAML line pragmas and multi-line scalars: a comment line inserted inside a block scalar or a
// multi-line plain/quoted scalar becomes part of the value, so such lines anchor their pragma
// on the line where the enclosing pair's key (or sequence item) starts, and the engine honours
// a pragma placed there.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseAllDocuments, visit } from 'yaml';
import { isKnownRule } from '../../server/src/engine/registry';
import { Linter } from '../../server/src/engine/lint';
import { yamlAnchorLineMapper } from '../../server/src/engine/yaml/anchors';
import { isSuppressed, parseSuppressions } from '../../server/src/engine/suppressions';
import { TextIndex } from '../../server/src/engine/text';

const DUP = 'yaml/no-duplicate-keys';
const PRAGMA = `# infra-guide ignore=${DUP} -- reason`;
const POLICY = { allow: true, requireReason: true };

/** Every scalar of every document in order (duplicate keys included, unlike `toJS()`). */
function values(text: string): unknown[] {
  const out: unknown[] = [];
  for (const d of parseAllDocuments(text, { uniqueKeys: false })) {
    assert.deepEqual(d.errors, [], text);
    visit(d, { Scalar: (_k, n) => void out.push(n.value) });
  }
  return out;
}

function insertLine(text: string, line: number, content: string): string {
  const lines = text.split('\n');
  lines.splice(line, 0, content);
  return lines.join('\n');
}

// Line 5 starts inside the double-quoted scalar "first … second"; the duplicate `note` key is on it.
const FLOW = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: web\ndata: {note: "first\n  second", note: other}\n';

describe('YAML pragma anchors', () => {
  it('maps lines inside block, plain and quoted multi-line scalars to the line of their key', () => {
    const text = [
      'a: 1', // 0
      'script: |', // 1
      '  echo one', // 2
      '  # not a comment', // 3
      'folded: >-', // 4
      '  x', // 5
      'plain: one', // 6
      '  two', // 7
      'quoted:', // 8
      '  "three', // 9
      '  four"', // 10
      'list:', // 11
      '  - name: job', // 12
      '    run: |', // 13
      '      make', // 14
      '  - |', // 15
      '    item', // 16
      'flow: {b: 1,', // 17
      '  c: 2}', // 18
      '',
    ].join('\n');
    const map = yamlAnchorLineMapper(text, 'yaml');
    const got = Array.from({ length: 19 }, (_, l) => map(l));
    assert.deepEqual(got, [0, 1, 1, 1, 4, 4, 6, 6, 8, 9, 8, 11, 12, 13, 13, 15, 15, 17, 18]);
  });

  it('walks up past a key that itself starts inside a multi-line scalar; positions are per document', () => {
    const map = yamlAnchorLineMapper(`---\nx: 1\n---\n${FLOW}`, 'kubernetes');
    // FLOW starts at file line 3; its line 5 (the duplicate key, inside the quoted scalar) → `data:` (line 4).
    assert.equal(map(3 + 5), 3 + 4);
    assert.equal(map(3 + 4), 3 + 4);
    assert.equal(map(1), 1);
  });

  it('engine: a pragma above the key line silences a finding that starts inside a multi-line scalar', () => {
    const linter = new Linter({ throwOnRuleError: true });
    const before = linter.lint({ text: FLOW, fileName: 'cm.yaml', kind: 'kubernetes' }).findings.filter((f) => f.ruleId === DUP);
    assert.equal(before.length, 1);
    assert.equal(before[0]!.range.start.line, 5, 'the duplicate key starts on a line inside the quoted scalar');

    // The old placement (above the finding's line) lands inside the string and changes the value.
    const naive = insertLine(FLOW, 5, `  ${PRAGMA}`);
    assert.notDeepEqual(values(naive), values(FLOW));

    const fixed = insertLine(FLOW, 4, PRAGMA);
    assert.deepEqual(values(fixed), values(FLOW), 'the value of `note` is unchanged');
    const after = linter.lint({ text: fixed, fileName: 'cm.yaml', kind: 'kubernetes' }).findings;
    assert.deepEqual(
      after.filter((f) => f.ruleId === DUP || f.ruleId.startsWith('infra-guide/')),
      [],
      JSON.stringify(after),
    );
    // The pragma only covers its own line: a second duplicate elsewhere is still reported.
    const other = linter.lint({ text: fixed + 'extra: 1\nextra: 2\n', fileName: 'cm.yaml', kind: 'kubernetes' }).findings;
    assert.deepEqual(
      other.filter((f) => f.ruleId === DUP).map((f) => f.range.start.line),
      [fixed.split('\n').length],
    );
  });

  it('engine: a finding inside a block scalar is silenced by a pragma above the key, not by one elsewhere', () => {
    const text = 'kind: ConfigMap\ndata:\n  # infra-guide ignore=yaml/no-duplicate-keys -- reason\n  run.sh: |\n    echo one\n    echo two\n  other: x\n';
    const index = new TextIndex(text);
    const s = parseSuppressions(text, index, isKnownRule, POLICY);
    assert.deepEqual(s.problems, []);
    const anchor = yamlAnchorLineMapper(text, 'kubernetes', index);
    for (const line of [3, 4, 5]) assert.ok(isSuppressed(s, DUP, anchor(line), line), `line ${line}`);
    assert.ok(!isSuppressed(s, DUP, anchor(6), 6));
    assert.ok(!isSuppressed(s, 'kubernetes/pin-image-version', anchor(4), 4), 'other rules are not silenced');
    // Without the YAML anchor the block-scalar line would not be covered.
    assert.ok(!isSuppressed(s, DUP, 4, 4));
  });

  it('engine: a pragma right above a line inside a multi-line flow mapping still works (comments are comments there)', () => {
    const text = 'data: {a: 1,\n  b: 2,\n  a: 3}\n';
    assert.equal(yamlAnchorLineMapper(text, 'yaml')(2), 2);
    const fixed = insertLine(text, 2, `  ${PRAGMA}`);
    assert.deepEqual(values(fixed), values(text));
    const linter = new Linter({ throwOnRuleError: true });
    assert.equal(linter.lint({ text, fileName: 'x.yaml', kind: 'yaml' }).findings.filter((f) => f.ruleId === DUP).length, 1);
    assert.deepEqual(linter.lint({ text: fixed, fileName: 'x.yaml', kind: 'yaml' }).findings, []);
  });

  it('engine: `# infra-guide` text inside a block scalar is data, not a pragma', () => {
    // The script line would be a malformed pragma, and the second one would silence the
    // duplicate `env` key below, if lines inside `run: |` were read as comments.
    const text = [
      'on: push',
      'jobs:',
      '  build:',
      '    runs-on: ubuntu-latest',
      '    steps:',
      '      - run: |',
      '          # infra-guide ignore=this is not a pragma',
      `          ${PRAGMA}`,
      '        env: {A: 1}',
      '        env: {A: 2}',
      '',
    ].join('\n');
    const findings = new Linter({ throwOnRuleError: true }).lint({ text, fileName: '.github/workflows/ci.yml', kind: 'github-actions' }).findings;
    assert.deepEqual(
      findings.map((f) => `${f.ruleId}@${f.range.start.line}`),
      [`${DUP}@9`],
    );
    // A real pragma above the duplicate still works.
    const suppressed = insertLine(text, 9, `        ${PRAGMA}`);
    assert.deepEqual(new Linter({ throwOnRuleError: true }).lint({ text: suppressed, fileName: '.github/workflows/ci.yml', kind: 'github-actions' }).findings, []);
  });
});
