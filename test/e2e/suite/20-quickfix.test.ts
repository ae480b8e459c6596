import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import {
  applyCodeAction,
  codeActionsAt,
  describeDiagnostics,
  ourDiagnostics,
  openDoc,
  ruleIdOf,
  waitFor,
  waitForNoRule,
  waitForRule,
  note,
} from '../host/helpers';

const PIN = 'dockerfile/pin-base-image-version';
const isDisableAction = (a: vscode.CodeAction) => /^Disable .* for this (line|file)$/.test(a.title);

/** The document text after applying a code action's edits (without applying them). */
function simulate(doc: vscode.TextDocument, action: vscode.CodeAction): string | undefined {
  const edits = action.edit?.get(doc.uri) ?? [];
  if (edits.length === 0) return undefined;
  const text = doc.getText();
  let out = '';
  let cursor = 0;
  for (const e of [...edits].sort((x, y) => doc.offsetAt(x.range.start) - doc.offsetAt(y.range.start))) {
    const start = doc.offsetAt(e.range.start);
    if (start < cursor) return undefined;
    out += text.slice(cursor, start) + e.newText;
    cursor = doc.offsetAt(e.range.end);
  }
  return out + text.slice(cursor);
}

/**
 * Exact expectations for the fixes fixes/quickfix/Dockerfile is built around. Code actions from
 * executeCodeActionProvider carry no diagnostics, so a fix is recognised by what it does.
 */
const EXPECTED_FIXES: { rule: RegExp; line: number; describe: string; after: (lines: string[]) => boolean }[] = [
  {
    rule: /^dockerfile\/.*(copy.*add|add.*copy)/,
    line: 2,
    describe: '`ADD server.js ./` → `COPY server.js ./`',
    after: (l) => l[2] === 'COPY server.js ./',
  },
  {
    rule: /^dockerfile\/.*exec-form/,
    line: 4,
    describe: '`CMD node server.js` → exec form',
    after: (l) => {
      const m = /^CMD (\[.*\])$/.exec(l[4] ?? '');
      try {
        return !!m && JSON.stringify(JSON.parse(m[1]!)) === JSON.stringify(['node', 'server.js']);
      } catch {
        return false;
      }
    },
  },
];

/** Stable diagnostics: at least one of ours, then no change for `quietMs`. */
async function settledDiagnostics(uri: vscode.Uri, quietMs = 400): Promise<vscode.Diagnostic[]> {
  await waitFor(`diagnostics on ${vscode.workspace.asRelativePath(uri)}`, () => ourDiagnostics(uri).length > 0, 20000);
  let last = describeDiagnostics(uri);
  let since = Date.now();
  while (Date.now() - since < quietMs) {
    await new Promise((r) => setTimeout(r, 100));
    const now = describeDiagnostics(uri);
    if (now !== last) {
      last = now;
      since = Date.now();
    }
  }
  return ourDiagnostics(uri);
}

describe('quick fixes', () => {
  it('a rule quick fix via executeCodeActionProvider + applyEdit changes the text exactly and clears the diagnostic', async () => {
    const { doc } = await openDoc('fixes', 'quickfix', 'Dockerfile');
    const before = doc.getText();
    const diags = await settledDiagnostics(doc.uri);

    // Every real (non-"Disable") quick fix offered on the diagnostics' ranges.
    const fixes = new Map<string, vscode.CodeAction>();
    for (const d of diags) {
      for (const a of await codeActionsAt(doc.uri, d.range, vscode.CodeActionKind.QuickFix.value)) {
        if (!isDisableAction(a) && a.edit) fixes.set(`${a.title}\u0000${JSON.stringify(a.edit.get(doc.uri))}`, a);
      }
    }
    const beforeLines = before.split('\n');
    let chosen: { action: vscode.CodeAction; id: string; line: number; expected: string; exp: (typeof EXPECTED_FIXES)[number] } | undefined;
    for (const exp of EXPECTED_FIXES) {
      const id = diags.map(ruleIdOf).find((r) => r !== undefined && exp.rule.test(r));
      if (!id) continue;
      for (const action of fixes.values()) {
        const after = simulate(doc, action);
        if (after === undefined) continue;
        const lines = after.split('\n');
        const othersKept = lines.length === beforeLines.length && lines.every((l, i) => i === exp.line || l === beforeLines[i]);
        if (othersKept && exp.after(lines)) {
          chosen = { action, id, line: exp.line, expected: after, exp };
          break;
        }
      }
      if (chosen) break;
    }
    assert.ok(
      chosen,
      `no quick fix in fixes/quickfix/Dockerfile did one of: ${EXPECTED_FIXES.map((e) => e.describe).join(', ')}; diagnostics: ${describeDiagnostics(doc.uri)}; fixes: ${[...fixes.values()].map((a) => a.title).join(' | ')}`,
    );
    const { action, id, line, expected, exp } = chosen;
    note(`    (applying "${action.title}" for ${id} on line ${line + 1})`);
    await applyCodeAction(action);
    assert.equal(doc.getText(), expected);
    const actual = doc.getText().split('\n');
    assert.ok(exp.after(actual), `line ${line + 1} after the fix: ${JSON.stringify(actual[line])}, expected ${exp.describe}`);
    assert.deepEqual(actual.filter((_, i) => i !== line), beforeLines.filter((_, i) => i !== line), 'no other line changes');
    await waitForNoRule(doc.uri, id, 15000, line);
    await doc.save();
  });

  it('"Disable <rule> for this line" inserts the pragma and silences exactly that diagnostic', async () => {
    const { doc } = await openDoc('fixes', 'disable', 'Dockerfile');
    const before = doc.getText();
    const [d] = await waitForRule(doc.uri, PIN);
    assert.ok(d);
    const actions = await codeActionsAt(doc.uri, d.range, vscode.CodeActionKind.QuickFix.value);
    const disable = actions.find((a) => a.title === `Disable ${PIN} for this line`);
    assert.ok(disable, `no "Disable ${PIN} for this line" action; got: ${actions.map((a) => a.title).join(' | ')}`);
    await applyCodeAction(disable);
    const after = doc.getText();
    const lines = before.split('\n');
    const pragma = after.split('\n')[0] ?? '';
    assert.match(pragma, new RegExp(`^# infra-guide ignore=${PIN.replace('/', '\\/')}(\\s+--\\s+.+)?$`));
    assert.equal(after, [pragma, ...lines].join('\n'), 'exactly one line inserted above FROM');
    await waitForNoRule(doc.uri, PIN);
    await doc.save();
  });
});
