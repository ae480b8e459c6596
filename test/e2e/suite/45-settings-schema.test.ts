// The `infraGuide.rules` schema that `npm run docs` generates into package.json, as VS Code's own JSON
// language features use it in settings.json: completion of rule ids (title and default level) and
// levels, warnings on unknown ids and invalid levels (README "Configuration").
//
// code-server defaults `files.autoSave` to `afterDelay`, which would write the invalid entries to
// disk (where the extension would apply them): the suite turns it off in the workspace settings,
// edits only the editor buffers, checks the files on disk never changed, and reverts them.
// The user settings.json is only ever touched through the editor `openSettingsJson` opens, and that
// editor stays open until the suite ends: opening its file: URI another way (showTextDocument,
// openTextDocument) or reopening it after a close makes code-server's workbench send the document to
// the extension host a second time ("document … already exists!"), after which the host's editors and
// documents are out of sync for the rest of the run. For the same reason completions are requested
// in the workspace .vscode/settings.json: a command given the user settings' file: URI
// (executeCompletionItemProvider) makes the workbench load a second model of it from disk, next to
// the editor's, and answers for that one.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { completionsAt, getExtension, note, openDoc, waitFor, wsUri } from '../host/helpers';

const JSON_FEATURES = 'vscode.json-language-features';
const PIN = 'dockerfile/pin-base-image-version';
const EXEC = 'dockerfile/use-exec-form';
/** A near-miss of PIN: not a rule id. */
const UNKNOWN = 'dockerfile/pin-base-image';
const LEVELS = ['off', 'info', 'warning', 'error'];
const INVALID = `{ "infraGuide.rules": { "${PIN}": "off", "${UNKNOWN}": "error", "${EXEC}": "loud" } }`;

interface RuleSchema {
  markdownDescription: string;
}

/** `infraGuide.rules` as contributed by the extension under test. */
function rulesSchema(): { properties: Record<string, RuleSchema> } {
  const conf = (getExtension().packageJSON as { contributes: { configuration: unknown } }).contributes.configuration;
  const sections = (Array.isArray(conf) ? conf : [conf]) as { properties?: Record<string, unknown> }[];
  const schema = sections.map((s) => s.properties?.['infraGuide.rules']).find((s) => s !== undefined);
  assert.ok(schema, 'package.json contributes infraGuide.rules');
  return schema as { properties: Record<string, RuleSchema> };
}

function labelOf(item: vscode.CompletionItem): string {
  return typeof item.label === 'string' ? item.label : item.label.label;
}

function markdownOf(item: vscode.CompletionItem): string | undefined {
  const d = item.documentation;
  return d === undefined ? undefined : typeof d === 'string' ? d : d.value;
}

/** `line:col "text under the range" message` per diagnostic, for failure messages. */
function describeAll(doc: vscode.TextDocument): string {
  const ds = vscode.languages.getDiagnostics(doc.uri);
  if (ds.length === 0) return 'none';
  return ds.map((d) => `${d.range.start.line + 1}:${d.range.start.character + 1} ${doc.getText(d.range)} ${d.message}`).join('; ');
}

function isUserSettings(doc: { uri: vscode.Uri }): boolean {
  return /\/User\/settings\.json$/.test(doc.uri.path);
}

/** The editor of the user settings.json, opened (or brought to front) by the command users run. */
async function userSettingsEditor(): Promise<vscode.TextEditor> {
  await vscode.commands.executeCommand('workbench.action.openSettingsJson');
  return waitFor('the user settings.json editor', () => {
    const e = vscode.window.activeTextEditor;
    return e && isUserSettings(e.document) ? e : undefined;
  });
}

async function readDisk(uri: vscode.Uri): Promise<string> {
  return new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
}

describe('infraGuide.rules schema in settings.json', () => {
  const WORKSPACE_SETTINGS = () => wsUri('.vscode', 'settings.json');
  let workspaceSettings = '';
  /** Editors a test edited, with their file's text on disk before the edit. */
  const touched: { editor: vscode.TextEditor; disk: string }[] = [];

  before(async () => {
    const json = vscode.extensions.all.map((e) => e.id).filter((id) => id.includes('json'));
    assert.ok(json.includes(JSON_FEATURES), `VS Code's JSON language features (${JSON_FEATURES}) are not in this host; extensions with "json" in their id: ${json.join(', ') || 'none'}`);
    workspaceSettings = await readDisk(WORKSPACE_SETTINGS());
    await vscode.workspace.getConfiguration('files').update('autoSave', 'off', vscode.ConfigurationTarget.Workspace);
    await waitFor('files.autoSave off', () => vscode.workspace.getConfiguration('files').get('autoSave') === 'off');
  });

  /** Replaces the text in `editor` (the buffer only); remembers the file on disk to check and restore it. */
  async function edit(editor: vscode.TextEditor, text: string): Promise<void> {
    const doc = editor.document;
    if (!touched.some((t) => t.editor.document === doc)) touched.push({ editor, disk: await readDisk(doc.uri) });
    assert.ok(await editor.edit((b) => b.replace(new vscode.Range(0, 0, doc.lineCount, 0), text)), 'edit applied');
  }

  afterEach(async () => {
    const written: string[] = [];
    for (const { editor, disk } of touched.splice(0)) {
      const doc = editor.document;
      if ((await readDisk(doc.uri)) !== disk) written.push(vscode.workspace.asRelativePath(doc.uri));
      if (isUserSettings(doc)) await userSettingsEditor();
      else await vscode.window.showTextDocument(doc, { preview: false });
      await vscode.commands.executeCommand('workbench.action.files.revert');
      if (!isUserSettings(doc)) await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
      if ((await readDisk(doc.uri)) !== disk) await vscode.workspace.fs.writeFile(doc.uri, new TextEncoder().encode(disk));
    }
    // The edits must stay in the editor: a settings file written with them would reach the extension.
    assert.deepEqual(written, [], 'settings files written while the test edited them (auto save?)');
  });

  after(async () => {
    if (vscode.window.tabGroups.all.some((g) => g.tabs.some((t) => t.input instanceof vscode.TabInputText && isUserSettings(t.input)))) {
      await userSettingsEditor();
      await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
    }
    await vscode.workspace.getConfiguration('files').update('autoSave', undefined, vscode.ConfigurationTarget.Workspace);
    if ((await readDisk(WORKSPACE_SETTINGS())) !== workspaceSettings) {
      await vscode.workspace.fs.writeFile(WORKSPACE_SETTINGS(), new TextEncoder().encode(workspaceSettings));
    }
  });

  async function assertFlagged(editor: vscode.TextEditor): Promise<void> {
    const doc = editor.document;
    await edit(editor, INVALID);
    const where = vscode.workspace.asRelativePath(doc.uri);
    const validAt = INVALID.indexOf(`"${PIN}"`);
    const valid = new vscode.Range(0, validAt, 0, INVALID.indexOf(',', validAt));
    const { unknown, level } = await waitFor(
      () => `warnings on "${UNKNOWN}" and "loud", none on "${PIN}": "off", in ${where} (have: ${describeAll(doc)})`,
      () => {
        const ds = vscode.languages.getDiagnostics(doc.uri);
        const unknown = ds.find((d) => doc.getText(d.range) === `"${UNKNOWN}"`);
        const level = ds.find((d) => doc.getText(d.range) === '"loud"');
        // The known id with a valid level is fine. (Only our entries count: the workbench's own
        // markers for the original text, "can only be applied in …", may outlive the edit.)
        const onValid = ds.filter((d) => d.range.intersection(valid));
        return unknown && level && onValid.length === 0 ? { unknown, level } : undefined;
      },
    );
    assert.equal(unknown.severity, vscode.DiagnosticSeverity.Warning);
    assert.match(unknown.message, new RegExp(`${UNKNOWN}\\b.*not allowed`), unknown.message);
    assert.equal(level.severity, vscode.DiagnosticSeverity.Warning);
    for (const l of LEVELS) assert.ok(level.message.includes(`"${l}"`), `"${l}" among the valid values: ${level.message}`);
    note(`    ${where}: ${unknown.message} / ${level.message}`);
  }

  it('warns on an unknown rule id and an invalid level in the user settings.json', async () => {
    await assertFlagged(await userSettingsEditor());
  });

  it('warns on an unknown rule id and an invalid level in the workspace .vscode/settings.json', async () => {
    await assertFlagged((await openDoc('.vscode', 'settings.json')).editor);
  });

  it('completes every rule id with its title and default level, and the four levels as values', async () => {
    const schema = rulesSchema();
    const { editor, doc } = await openDoc('.vscode', 'settings.json');

    const keysText = '{ "infraGuide.rules": {  } }';
    await edit(editor, keysText);
    const inObject = new vscode.Position(0, keysText.indexOf('{  }') + 2);
    const keys = await completionsAt(doc.uri, inObject);
    assert.deepEqual(keys.map(labelOf).sort(), Object.keys(schema.properties).sort(), 'the rule ids are offered, and nothing else');
    const pin = keys.find((i) => labelOf(i) === PIN);
    assert.ok(pin, `${PIN} offered`);
    assert.equal(markdownOf(pin), schema.properties[PIN]!.markdownDescription);
    assert.equal(markdownOf(pin), '**Pin base images to a version tag** (default: `warning`).');
    const insert = typeof pin.insertText === 'string' ? pin.insertText : pin.insertText?.value;
    assert.ok(insert?.startsWith(`"${PIN}"`), `inserts the quoted id: ${insert}`);

    const valueText = `{ "infraGuide.rules": { "${EXEC}": "" } }`;
    await edit(editor, valueText);
    const inValue = new vscode.Position(0, valueText.indexOf('""') + 1);
    const values = await completionsAt(doc.uri, inValue);
    assert.deepEqual(values.map(labelOf).sort(), LEVELS.map((l) => `"${l}"`).sort());
  });
});
