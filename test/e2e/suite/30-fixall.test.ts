import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import {
  FIX_ALL_KIND,
  applyCodeAction,
  codeActionsAt,
  describeDiagnostics,
  ourDiagnostics,
  openDoc,
  ruleIdOf,
  waitFor,
  waitForNoRule,
  note,
} from '../host/helpers';

/** Applies text edits (non-overlapping, as the server guarantees for safe fixes) to a text. */
function applyTextEdits(doc: vscode.TextDocument, edits: vscode.TextEdit[]): string {
  const text = doc.getText();
  const sorted = edits
    .map((e) => ({ start: doc.offsetAt(e.range.start), end: doc.offsetAt(e.range.end), text: e.newText }))
    .sort((a, b) => a.start - b.start || a.end - b.end);
  let out = '';
  let cursor = 0;
  for (const e of sorted) {
    if (e.start < cursor) continue; // overlapping: fix-all skips it too
    out += text.slice(cursor, e.start) + e.text;
    cursor = e.end;
  }
  return out + text.slice(cursor);
}

function editsOf(action: vscode.CodeAction, uri: vscode.Uri): vscode.TextEdit[] {
  return action.edit ? action.edit.get(uri) : [];
}

describe('fix all', () => {
  it('source.fixAll.infraGuide applies every safe fix in one edit', async () => {
    const { doc } = await openDoc('fixes', 'fixall', 'Dockerfile');
    await waitFor('diagnostics on fixes/fixall/Dockerfile', () => ourDiagnostics(doc.uri).length > 0, 20000);
    await new Promise((r) => setTimeout(r, 400));
    const diags = ourDiagnostics(doc.uri);

    // The preferred quick fix of a finding is its first safe fix; fix-all must apply exactly those.
    // (Code actions from executeCodeActionProvider carry no diagnostics: collect the preferred
    // fixes offered on every diagnostic's range, without duplicates.)
    const preferred = new Map<string, vscode.TextEdit[]>();
    const titles: string[] = [];
    for (const d of diags) {
      for (const a of await codeActionsAt(doc.uri, d.range, vscode.CodeActionKind.QuickFix.value)) {
        const edits = editsOf(a, doc.uri);
        const key = `${a.title}\u0000${JSON.stringify(edits)}`;
        if (a.isPreferred && edits.length > 0 && !preferred.has(key)) {
          preferred.set(key, edits);
          titles.push(a.title);
        }
      }
    }
    assert.ok(preferred.size > 0, `no diagnostic in fixes/fixall/Dockerfile has a safe fix; diagnostics: ${describeDiagnostics(doc.uri)}`);
    note(`    (safe fixes: ${titles.join(' | ')})`);
    const expected = applyTextEdits(doc, [...preferred.values()].flat());
    const presentRules = new Set(diags.map((d) => ruleIdOf(d)!));

    const whole = new vscode.Range(0, 0, doc.lineCount, 0);
    const actions = await codeActionsAt(doc.uri, whole, FIX_ALL_KIND.value);
    const fixAll = actions.filter((a) => a.kind && FIX_ALL_KIND.contains(a.kind));
    assert.equal(fixAll.length, 1, `expected one ${FIX_ALL_KIND.value} action, got: ${actions.map((a) => `${a.title} [${a.kind?.value}]`).join(' | ')}`);
    await applyCodeAction(fixAll[0]!);

    assert.equal(doc.getText(), expected);
    if ([...presentRules].some((id) => /add/.test(id) && /copy/.test(id))) assert.doesNotMatch(doc.getText(), /^ADD /m, 'no local ADD left');
    if ([...presentRules].some((id) => /exec-form/.test(id))) assert.match(doc.getText(), /^CMD \["node", ?"server\.js"\]$/m, 'CMD in exec form');
    // The findings the fixture's safe fixes address are gone.
    for (const id of presentRules) if ((/add/.test(id) && /copy/.test(id)) || /exec-form/.test(id)) await waitForNoRule(doc.uri, id);

    // Nothing left to fix: a second request yields no fix-all action (or one that changes nothing).
    const again = (await codeActionsAt(doc.uri, new vscode.Range(0, 0, doc.lineCount, 0), FIX_ALL_KIND.value)).filter(
      (a) => a.kind && FIX_ALL_KIND.contains(a.kind),
    );
    if (again.length > 0) {
      const edits = editsOf(again[0]!, doc.uri);
      assert.equal(applyTextEdits(doc, edits), doc.getText(), 'fix-all is idempotent');
    }
    await doc.save();
  });
});
