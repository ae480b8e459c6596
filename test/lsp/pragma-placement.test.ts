// Where "Disable … for this file" puts its pragma in a Dockerfile: after the parser directives
// as BuildKit reads them (engine/dockerfile/directives.ts), which the unused-pragma fix shares.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Diagnostic } from 'vscode-languageserver-protocol';
import { applyEdits } from '../../server/src/engine/fix';
import { Linter } from '../../server/src/engine/lint';
import { fileLevelPragmaLine, quickFixActions } from '../../server/src/lsp/code-actions';

const EXEC = 'dockerfile/use-exec-form';

/** The text after "Disable `id` for this file" (or `line`) on `text`, and the rule ids it still reports. */
function disable(text: string, id = EXEC, scope: 'file' | 'line' = 'file'): { text: string; ruleIds: string[] } {
  const linter = new Linter({ throwOnRuleError: true });
  const findings = linter.lint({ text, fileName: 'Dockerfile' }).findings;
  const f = findings.find((x) => x.ruleId === id)!;
  const d: Diagnostic = { range: f.range, message: f.message, code: f.ruleId, source: 'infra-guide', severity: 2 };
  const actions = quickFixActions({ uri: 'file:///x', version: 1, text, kind: 'dockerfile', findings, documentChanges: false }, { diagnostics: [d], only: undefined });
  const after = applyEdits(text, actions.find((a) => a.title === `Disable ${id} for this ${scope}`)!.edit!.changes!['file:///x']!);
  return { text: after, ruleIds: linter.lint({ text: after, fileName: 'Dockerfile' }).findings.map((x) => x.ruleId) };
}

describe('file pragma placement after Dockerfile parser directives', () => {
  it('counts only the directives BuildKit knows, up to the first line that is not one', () => {
    // `# maintainer=…` is a comment to BuildKit: the pragma may go above it.
    assert.equal(fileLevelPragmaLine('# maintainer=ops@example.com\nFROM x\n', 'dockerfile'), 0);
    assert.equal(fileLevelPragmaLine('# syntax=docker/dockerfile:1\n# version=2\n# escape=`\nFROM x\n', 'dockerfile'), 1);
    assert.equal(fileLevelPragmaLine('# syntax=x\n# build-arg=y\nFROM x\n', 'dockerfile'), 1);
    assert.equal(fileLevelPragmaLine('\t# SYNTAX = docker/dockerfile:1\n#check=error=true\nFROM x\n', 'dockerfile'), 2);
    assert.equal(fileLevelPragmaLine('\uFEFF# syntax=docker/dockerfile:1\nFROM x\n', 'dockerfile'), 1);
  });

  it('keeps the directives directives and silences the finding', () => {
    const text = '# syntax=docker/dockerfile:1\n# Check = error=true\n# maintainer=ops\nFROM node:20-alpine\nUSER node\nCMD node server.js\n';
    const after = disable(text);
    assert.equal(after.text, `# syntax=docker/dockerfile:1\n# Check = error=true\n# infra-guide ignore-file=${EXEC} -- reason\n# maintainer=ops\nFROM node:20-alpine\nUSER node\nCMD node server.js\n`);
    assert.deepEqual(after.ruleIds, []);
  });

  it('keeps a byte order mark first: the pragma goes after it, not above it', () => {
    const text = '\uFEFFFROM node:20-alpine\nUSER node\nCMD node server.js\n';
    assert.deepEqual(disable(text), { text: `\uFEFF# infra-guide ignore-file=${EXEC} -- reason\nFROM node:20-alpine\nUSER node\nCMD node server.js\n`, ruleIds: [] });
    const PIN = 'dockerfile/pin-base-image-version';
    const line = disable('\uFEFF FROM node\nUSER node\nCMD ["node"]\n', PIN, 'line');
    assert.equal(line.text, `\uFEFF # infra-guide ignore=${PIN} -- reason\n FROM node\nUSER node\nCMD ["node"]\n`);
    assert.ok(!line.ruleIds.includes(PIN), line.ruleIds.join());
  });
});
