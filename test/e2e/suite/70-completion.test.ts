import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { getExtension, note, openDoc, waitFor, waitForRule, wsUri } from '../host/helpers';

const PIN = 'dockerfile/pin-base-image-version';
const EXEC = 'dockerfile/use-exec-form';
const TEXT = 'FROM node\n# infra-guide ignore=\nCMD node server.js\n';

function labelOf(item: vscode.CompletionItem): string {
  return typeof item.label === 'string' ? item.label : item.label.label;
}

/** The line after inserting `item` the way the editor does (its range, else the word at the cursor). */
function lineAfter(doc: vscode.TextDocument, position: vscode.Position, item: vscode.CompletionItem): string {
  const r = item.range;
  const range = r === undefined ? new vscode.Range(position, position) : r instanceof vscode.Range ? r : r.replacing;
  const text = typeof item.insertText === 'string' ? item.insertText : (item.insertText?.value ?? labelOf(item));
  const line = doc.lineAt(position.line).text;
  return line.slice(0, range.start.character) + text + line.slice(range.end.character);
}

describe('completion', () => {
  it('completes rule ids and keywords in a Dockerfile pragma via executeCompletionItemProvider', async () => {
    note(`    (workspace trusted: ${vscode.workspace.isTrusted})`);
    const uri = wsUri('completion', 'Dockerfile');
    await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(TEXT));
    const { doc } = await openDoc('completion', 'Dockerfile');
    await waitFor('activation', () => getExtension().isActive, 15000);
    // Diagnostics mean the language server runs for this document.
    await waitForRule(doc.uri, PIN, 30000);

    const afterEquals = new vscode.Position(1, '# infra-guide ignore='.length);
    const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', doc.uri, afterEquals, '=');
    const ours = list.items.filter((i) => labelOf(i).includes('/'));
    assert.ok(ours.length > 0, `no rule id among ${list.items.map(labelOf).join(', ')}`);
    assert.ok(ours.every((i) => labelOf(i).startsWith('dockerfile/')), ours.map(labelOf).join(', '));
    const exec = ours.find((i) => labelOf(i) === EXEC);
    assert.ok(exec, `${EXEC} offered`);
    assert.equal(exec.detail, 'Write CMD and ENTRYPOINT in exec form');
    const docs = exec.documentation;
    assert.ok(docs instanceof vscode.MarkdownString && docs.value.includes(`docs/rules/${EXEC}.md`), 'documentation links the rule doc');
    assert.equal(lineAfter(doc, afterEquals, exec), `# infra-guide ignore=${EXEC}`);

    // The keywords after `# infra-guide `, which reopen the suggestions in VS Code.
    const edit = new vscode.WorkspaceEdit();
    edit.replace(doc.uri, doc.lineAt(1).range, '# infra-guide ');
    assert.ok(await vscode.workspace.applyEdit(edit));
    const afterSpace = new vscode.Position(1, '# infra-guide '.length);
    const keywords = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', doc.uri, afterSpace, ' ');
    const ignore = keywords.items.find((i) => labelOf(i) === 'ignore=');
    assert.ok(ignore, `ignore= offered among ${keywords.items.map(labelOf).join(', ')}`);
    assert.ok(keywords.items.some((i) => labelOf(i) === 'ignore-file='));
    assert.equal(ignore.command?.command, 'editor.action.triggerSuggest');
    assert.equal(lineAfter(doc, afterSpace, ignore), '# infra-guide ignore=');
  });
});
