// The commit and scratchpad snippets: valid JSON, and their default expansion follows the
// guide (the commit snippet passes the commit rules; the scratchpad has the checklist).
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Linter } from '../../server/src/engine/lint';
import { readChecklist } from '../../client/src/workflow/checklist';
import { BEFORE_COMPLETING_ITEMS } from '../../client/src/workflow/template';

interface Snippet {
  prefix: string | string[];
  body: string | string[];
  description?: string;
}

const root = join(__dirname, '..', '..', '..');
function load(name: string): Record<string, Snippet> {
  return JSON.parse(readFileSync(join(root, 'snippets', name), 'utf8')) as Record<string, Snippet>;
}

/** Expands a snippet body the way the editor does when every placeholder keeps its default. */
function expand(body: string | string[]): string {
  let text = Array.isArray(body) ? body.join('\n') : body;
  const values = new Map<string, string>();
  const vars: Record<string, string> = { CURRENT_YEAR: '2026', CURRENT_MONTH: '11', CURRENT_DATE: '26' };
  for (let i = 0; i < 10; i++) {
    const before = text;
    text = text.replace(/\$\{(\d+)\|([^|}]*)\|\}/g, (_m, n: string, choices: string) => {
      const v = choices.split(',')[0]!;
      values.set(n, v);
      return v;
    });
    text = text.replace(/\$\{(\d+):((?:[^{}$]|\$(?!\{))*)\}/g, (_m, n: string, d: string) => {
      values.set(n, d);
      return d;
    });
    text = text.replace(/\$\{(\d+)\}/g, (m, n: string) => values.get(n) ?? m);
    if (text === before) break;
  }
  text = text.replace(/\$\{(\d+)\}|\$(\d+)/g, (_m, a: string | undefined, b: string | undefined) => values.get((a ?? b)!) ?? '');
  text = text.replace(/\$([A-Z_]+)/g, (_m, v: string) => vars[v] ?? '');
  return text;
}

describe('snippets', () => {
  it('commit.json: the commit template expands to a message the commit rules accept', () => {
    const s = load('commit.json');
    const tpl = s['Commit message (Infra Guide)']!;
    const msg = expand(tpl.body);
    assert.equal(msg, 'feat(#67): Configure Redis cluster\n\n- Add Redis StatefulSet with 3 replicas\n- Configure persistence with PVC\n\nRefs #67');
    assert.deepEqual(new Linter().lint({ text: msg + '\n', fileName: 'COMMIT_EDITMSG' }).findings, []);
    for (const sn of Object.values(s)) assert.ok(sn.prefix && sn.body && sn.description);
  });
  it('commit.json: every snippet, in the message it belongs to, passes the commit rules', () => {
    const hosts: Record<string, (fragment: string) => string> = {
      'Commit message (Infra Guide)': (f) => f,
      'Refs footer (Infra Guide)': (f) => `feat(#67): Configure Redis cluster\n\n- Add Redis StatefulSet\n\n${f}`,
      'Commit body bullet (Infra Guide)': (f) => `feat(#67): Configure Redis cluster\n\n${f}\n\nRefs #67`,
    };
    const s = load('commit.json');
    assert.deepEqual(Object.keys(s).sort(), Object.keys(hosts).sort(), 'a host message for every commit snippet');
    for (const [name, sn] of Object.entries(s)) {
      const msg = hosts[name]!(expand(sn.body)) + '\n';
      const r = new Linter({ throwOnRuleError: true }).lint({ text: msg, fileName: 'COMMIT_EDITMSG' });
      assert.equal(r.kind, 'commit-message');
      assert.deepEqual(r.findings.map((f) => `${f.ruleId}: ${f.message}`), [], `${name}:\n${msg}`);
    }
  });
  it('the type choices are the default commit types', () => {
    const body = (load('commit.json')['Commit message (Infra Guide)']!.body as string[])[0]!;
    assert.ok(body.startsWith('${1|feat,fix,chore,docs,refactor,test,ci,perf,build|}'));
  });
  it('scratchpad.json: title, issue, objective, plan, dated log, decisions and the full checklist', () => {
    const s = load('scratchpad.json');
    const text = expand(s['Issue scratchpad (Infra Guide)']!.body);
    for (const h of ['# #67: Configure Redis cluster', '- Issue: #67', '- Branch: `feature/67-short-name`', '## Objective', '## Plan', '## Progress log', '### 2026-11-26', '## Decisions / notes', '## Before completing'])
      assert.ok(text.includes(h), h);
    const state = readChecklist(text);
    assert.deepEqual(Object.keys(state).sort(), BEFORE_COMPLETING_ITEMS.map((i) => i.id).sort());
    for (const i of BEFORE_COMPLETING_ITEMS) assert.ok(text.includes(`- [ ] ${i.label}`), i.label);
    for (const sn of Object.values(s)) assert.ok(sn.prefix && sn.body && sn.description);
  });
  it('scratchpad.json: the progress entry is a dated log heading; the checklist snippet is the full checklist', () => {
    const s = load('scratchpad.json');
    assert.deepEqual(Object.keys(s).sort(), ['Before completing checklist (Infra Guide)', 'Issue scratchpad (Infra Guide)', 'Progress log entry (Infra Guide)']);
    assert.equal(expand(s['Progress log entry (Infra Guide)']!.body), '### 2026-11-26\n\n- What was done\n');
    const checklist = expand(s['Before completing checklist (Infra Guide)']!.body);
    assert.ok(checklist.startsWith('## Before completing\n'));
    assert.deepEqual(Object.keys(readChecklist(checklist)).sort(), BEFORE_COMPLETING_ITEMS.map((i) => i.id).sort());
    for (const i of BEFORE_COMPLETING_ITEMS) assert.ok(checklist.includes(`- [ ] ${i.label}`), i.label);
  });
  it('every snippet file is contributed and checked by a test', () => {
    // Where each file's snippets are expanded and checked against their rules: a new snippet file needs a test.
    const tested: Record<string, string> = {
      'commit.json': 'test/unit/workflow-snippets.test.ts',
      'compose.json': 'test/unit/k8s-snippets.test.ts',
      'dockerfile.json': 'test/lsp/snippets.test.ts',
      'kubernetes.json': 'test/unit/k8s-snippets.test.ts',
      'scratchpad.json': 'test/unit/workflow-snippets.test.ts',
    };
    const files = readdirSync(join(root, 'snippets')).sort();
    assert.deepEqual(files, Object.keys(tested).sort());
    for (const [file, testFile] of Object.entries(tested)) assert.ok(readFileSync(join(root, testFile), 'utf8').includes(`'${file}'`), `${testFile} loads ${file}`);
    const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { contributes: { snippets: { path: string }[] } };
    assert.deepEqual([...new Set(pkg.contributes.snippets.map((x) => x.path.replace('./snippets/', '')))].sort(), files);
  });
});
