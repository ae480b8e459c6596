// Pure tests of the code-action builders (the protocol tests cover them end to end).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Diagnostic } from 'vscode-languageserver-protocol';
import { fileLevelPragmaLine, fixAllAction, kindRequested, quickFixActions, type DocInfo } from '../../server/src/lsp/code-actions';
import type { Finding } from '../../server/src/engine/types';
import { applyEdits } from '../../server/src/engine/fix';
import { Linter } from '../../server/src/engine/lint';
import { parseAllDocuments, visit } from 'yaml';

function finding(ruleId: string, line: number, startChar: number, endChar: number, fixes: Finding['fixes'] = []): Finding {
  return { ruleId, severity: 'warning', message: 'm', range: { start: { line, character: startChar }, end: { line, character: endChar } }, fixes };
}
function diag(f: Finding): Diagnostic {
  return { range: f.range, message: f.message, code: f.ruleId, source: 'infra-guide', severity: 2 };
}
/** Every scalar value of every document, in order (duplicate keys included). */
function scalars(text: string): unknown[] {
  const out: unknown[] = [];
  for (const d of parseAllDocuments(text, { uniqueKeys: false })) {
    assert.deepEqual(d.errors, [], text);
    visit(d, { Scalar: (_k, n) => void out.push(n.value) });
  }
  return out;
}
function doc(text: string, kind: DocInfo['kind'], findings: Finding[], extra: Partial<DocInfo> = {}): DocInfo {
  return { uri: 'file:///x', version: 3, text, kind, findings, documentChanges: false, ...extra };
}

describe('code actions', () => {
  it('matches hierarchical kinds for context.only', () => {
    assert.ok(kindRequested('source.fixAll.infraGuide', ['source']));
    assert.ok(kindRequested('source.fixAll.infraGuide', ['source.fixAll']));
    assert.ok(kindRequested('quickfix', undefined));
    assert.ok(!kindRequested('quickfix', ['source']));
    assert.ok(!kindRequested('source.fixAll.infraGuide', ['source.fix']));
  });

  it('YAML: line pragma above the finding line with its indentation, CRLF kept', () => {
    const text = 'apiVersion: v1\r\nkind: Pod\r\nspec:\r\n  containers:\r\n    - name: web\r\n      image: nginx\r\n';
    const f = finding('kubernetes/some-rule', 5, 6, 18);
    const actions = quickFixActions(doc(text, 'kubernetes', [f]), { diagnostics: [diag(f)], only: undefined });
    const line = actions.find((a) => a.title.endsWith('for this line'))!;
    assert.deepEqual(line.edit!.changes!['file:///x'], [
      { range: { start: { line: 5, character: 0 }, end: { line: 5, character: 0 } }, newText: '      # infra-guide ignore=kubernetes/some-rule -- reason\r\n' },
    ]);
    const file = actions.find((a) => a.title.endsWith('for this file'))!;
    assert.equal(file.edit!.changes!['file:///x']![0]!.range.start.line, 0);
  });

  it('YAML: a finding inside a block scalar gets its pragma above the key; the value is unchanged', () => {
    const text = 'jobs:\n  build:\n    steps:\n      - name: Build\n        run: |\n          make\n          # a shell comment\n          make test\n';
    for (const line of [5, 6, 7]) {
      const f = finding('github-actions/some-rule', line, 10, 14);
      const actions = quickFixActions(doc(text, 'github-actions', [f]), { diagnostics: [diag(f)], only: undefined });
      const edits = actions.find((a) => a.title.endsWith('for this line'))!.edit!.changes!['file:///x']!;
      assert.deepEqual(edits, [
        { range: { start: { line: 4, character: 0 }, end: { line: 4, character: 0 } }, newText: '        # infra-guide ignore=github-actions/some-rule -- reason\n' },
      ]);
      assert.deepEqual(scalars(applyEdits(text, edits)), scalars(text), `line ${line}`);
    }
  });

  it('YAML: a duplicate key on a line inside a multi-line quoted scalar: pragma above the enclosing key silences it, values unchanged', () => {
    const DUP = 'yaml/no-duplicate-keys';
    const text = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: web\ndata: {note: "first\n  second", note: other}\n';
    const linter = new Linter({ throwOnRuleError: true });
    const findings = linter.lint({ text, fileName: 'cm.yaml', kind: 'kubernetes' }).findings;
    const f = findings.find((x) => x.ruleId === DUP)!;
    assert.equal(f.range.start.line, 5);
    const actions = quickFixActions(doc(text, 'kubernetes', findings), { diagnostics: [diag(f)], only: undefined });
    const edits = actions.find((a) => a.title === `Disable ${DUP} for this line`)!.edit!.changes!['file:///x']!;
    assert.deepEqual(edits.map((e) => [e.range.start, e.newText]), [[{ line: 4, character: 0 }, `# infra-guide ignore=${DUP} -- reason\n`]]);
    const after = applyEdits(text, edits);
    assert.deepEqual(scalars(after), scalars(text));
    const rest = linter.lint({ text: after, fileName: 'cm.yaml', kind: 'kubernetes' }).findings;
    assert.deepEqual(rest.filter((x) => x.ruleId === DUP || x.ruleId.startsWith('infra-guide/')), [], JSON.stringify(rest));
  });

  it('Dockerfile: file pragma goes after all parser directives; a directive-only file gets it appended', () => {
    assert.equal(fileLevelPragmaLine('# syntax=docker/dockerfile:1\n# escape=\\\n# check=skip=all\nFROM x\n', 'dockerfile'), 3);
    assert.equal(fileLevelPragmaLine('# a comment\n# syntax=x\nFROM x\n', 'dockerfile'), 0);
    assert.equal(fileLevelPragmaLine('# syntax=x\nFROM x\n', 'kubernetes'), 0);
    const text = '# syntax=docker/dockerfile:1';
    const f = finding('dockerfile/pin-base-image-version', 0, 0, 1);
    const actions = quickFixActions(doc(text, 'dockerfile', [f]), { diagnostics: [diag(f)], only: undefined });
    const file = actions.find((a) => a.title.endsWith('for this file'))!;
    assert.deepEqual(file.edit!.changes!['file:///x']![0], {
      range: { start: { line: 0, character: 28 }, end: { line: 0, character: 28 } },
      newText: '\n# infra-guide ignore-file=dockerfile/pin-base-image-version -- reason',
    });
  });

  it('no disable actions where a pragma cannot work or is forbidden; fixes stay', () => {
    const bin = finding('infra-guide/binary-file', 0, 0, 0);
    assert.deepEqual(quickFixActions(doc('FROM x\n\u0000', 'dockerfile', [bin]), { diagnostics: [diag(bin)], only: undefined }), []);
    const fix = { title: 'Do it', safe: false, edits: [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 1 } }, newText: 'y' }] };
    const safe = { ...fix, title: 'Safe', safe: true };
    const f = finding('dockerfile/x', 0, 0, 1, [fix, safe]);
    const actions = quickFixActions(doc('FROM x\n', 'dockerfile', [f], { pragmasAllowed: false }), { diagnostics: [diag(f)], only: ['quickfix'] });
    assert.deepEqual(actions.map((a) => [a.title, a.isPreferred ?? false]), [['Do it', false], ['Safe', true]]);
    assert.deepEqual(quickFixActions(doc('FROM x\n', 'dockerfile', [f]), { diagnostics: [diag(f)], only: ['source'] }), []);
  });

  it('a diagnostic the server no longer reports (older version) gets no actions', () => {
    const now = finding('dockerfile/x', 2, 5, 9);
    const old = finding('dockerfile/x', 0, 5, 9);
    assert.deepEqual(quickFixActions(doc('FROM a:1\nUSER a\nFROM b\n', 'dockerfile', [now]), { diagnostics: [diag(old)], only: undefined }), []);
  });

  it('ignores diagnostics of other sources', () => {
    const f = finding('dockerfile/x', 0, 0, 1);
    assert.deepEqual(quickFixActions(doc('FROM x\n', 'dockerfile', [f]), { diagnostics: [{ ...diag(f), source: 'hadolint' }], only: undefined }), []);
  });

  it('fix-all is one minimal versioned edit, or nothing', () => {
    const a = fixAllAction({ uri: 'file:///x', version: 7, text: 'abc\ndef\n', documentChanges: true }, 'abc\ndXf\n')!;
    assert.equal(a.kind, 'source.fixAll.infraGuide');
    assert.deepEqual(a.edit!.documentChanges, [
      { textDocument: { uri: 'file:///x', version: 7 }, edits: [{ range: { start: { line: 1, character: 1 }, end: { line: 1, character: 2 } }, newText: 'X' }] },
    ]);
    assert.equal(fixAllAction({ uri: 'file:///x', version: 7, text: 'same', documentChanges: true }, 'same'), undefined);
  });
});
