import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { docsTargetOf, getExtension, openDoc, ruleIdOf, waitForRule, wsUri } from '../host/helpers';

const PIN = 'dockerfile/pin-base-image-version';

describe('diagnostics', () => {
  it(`reports ${PIN} on "FROM node" with rule id and docs link`, async () => {
    const { doc } = await openDoc('Dockerfile');
    const [d] = await waitForRule(doc.uri, PIN);
    assert.ok(d);
    assert.equal(ruleIdOf(d), PIN);
    assert.equal(d.severity, vscode.DiagnosticSeverity.Warning, 'default severity of the rule is warning');
    assert.equal(d.range.start.line, 0, 'reported on the FROM line');
    assert.equal(doc.getText(d.range), 'node', 'range covers the image reference');
    assert.equal(d.source, 'infra-guide');
    assert.ok(d.message.length > 0);

    // The code carries the docs link (codeDescription.href): a file:// URI of the rule's doc,
    // shipped inside the extension folder.
    const target = docsTargetOf(d);
    assert.ok(target, `diagnostic code should be {value, target}, got ${JSON.stringify(d.code)}`);
    assert.equal(target.scheme, 'file');
    assert.ok(target.path.endsWith(`/docs/rules/${PIN}.md`), `docs link ${target.toString()}`);
    const extRoot = vscode.Uri.file(getExtension().extensionPath).path;
    assert.ok(target.path.startsWith(extRoot + '/'), `docs link ${target.path} should point into the extension folder ${extRoot}`);
    const stat = await vscode.workspace.fs.stat(target);
    assert.equal(stat.type, vscode.FileType.File, 'the linked rule doc exists');
  });

  it('applies the severity override of the nearest .infra-guide.yaml', async () => {
    const { doc } = await openDoc('configured', 'Dockerfile');
    const [d] = await waitForRule(doc.uri, PIN);
    assert.ok(d);
    assert.equal(
      d.severity,
      vscode.DiagnosticSeverity.Error,
      `configured/.infra-guide.yaml sets ${PIN} to error, got ${vscode.DiagnosticSeverity[d.severity]}`,
    );
    // The root Dockerfile (no config file above it) keeps the default severity.
    const root = vscode.languages.getDiagnostics(wsUri('Dockerfile')).find((x) => ruleIdOf(x) === PIN);
    assert.equal(root?.severity, vscode.DiagnosticSeverity.Warning);
  });
});
