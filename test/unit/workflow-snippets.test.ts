// The commit and scratchpad snippets: valid JSON, and their default expansion follows the
// guide (the commit snippet passes the commit rules; the scratchpad has the checklist).
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
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
});
