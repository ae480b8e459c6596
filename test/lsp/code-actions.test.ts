// Pure tests of the code-action builders (the protocol tests cover them end to end).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Diagnostic } from 'vscode-languageserver-protocol';
import { fileLevelPragmaLine, fixAllAction, kindRequested, quickFixActions, type DocInfo } from '../../server/src/lsp/code-actions';
import type { Finding } from '../../server/src/engine/types';

function finding(ruleId: string, line: number, startChar: number, endChar: number, fixes: Finding['fixes'] = []): Finding {
  return { ruleId, severity: 'warning', message: 'm', range: { start: { line, character: startChar }, end: { line, character: endChar } }, fixes };
}
function diag(f: Finding): Diagnostic {
  return { range: f.range, message: f.message, code: f.ruleId, source: 'infra-guide', severity: 2 };
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
