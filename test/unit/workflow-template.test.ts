import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { BEFORE_COMPLETING_ITEMS, DEFAULT_SCRATCHPAD_TEMPLATE, cursorPosition, isoDate, renderTemplate } from '../../client/src/workflow/template';

const vars = { number: 67, title: 'Configure Redis cluster', date: '2026-11-26', branch: 'feature/67-configure-redis-cluster' };

describe('renderTemplate', () => {
  it('replaces the four placeholders (with optional spaces)', () => {
    const r = renderTemplate('#{{number}} {{ title }} {{date}} {{branch}}', vars);
    assert.equal(r.text, '#67 Configure Redis cluster 2026-11-26 feature/67-configure-redis-cluster');
    assert.equal(r.cursorOffset, undefined);
  });
  it('keeps unknown placeholders and does not re-expand values', () => {
    const r = renderTemplate('{{unknown}} {{title}}', { ...vars, title: 'Use {{date}} literally' });
    assert.equal(r.text, '{{unknown}} Use {{date}} literally');
  });
  it('link and url', () => {
    assert.equal(renderTemplate('{{link}}|{{url}}', vars).text, '#67|');
    assert.equal(renderTemplate('{{link}}', { ...vars, url: 'https://x/67' }).text, '[#67](https://x/67)');
  });
  it('{{cursor}} is removed and located', () => {
    const r = renderTemplate('a\nb{{cursor}}c\n{{cursor}}', vars);
    assert.equal(r.text, 'a\nbc\n');
    assert.deepEqual(cursorPosition(r.text, r.cursorOffset), { line: 1, character: 1 });
  });
});

describe('default scratchpad template', () => {
  const r = renderTemplate(DEFAULT_SCRATCHPAD_TEMPLATE, vars);
  it('has title, number, objective, plan, dated progress log, decisions and the guide checklist', () => {
    assert.match(r.text, /^# #67: Configure Redis cluster$/m);
    assert.match(r.text, /^- Issue: #67$/m);
    assert.match(r.text, /^- Branch: `feature\/67-configure-redis-cluster`$/m);
    for (const h of ['## Objective', '## Plan', '## Progress log', '### 2026-11-26', '## Decisions / notes', '## Before completing']) assert.ok(r.text.includes(h), h);
    for (const i of BEFORE_COMPLETING_ITEMS) assert.ok(r.text.includes(`- [ ] ${i.label}`), i.label);
    assert.ok(!r.text.includes('{{'));
  });
  it('puts the cursor in the objective section', () => {
    const pos = cursorPosition(r.text, r.cursorOffset);
    const lines = r.text.split('\n');
    assert.equal(lines[pos.line - 2], '## Objective');
    assert.equal(lines[pos.line], '');
  });
  it('without {{cursor}}: below the Objective heading', () => {
    const t = '# T\n\n## Objective\n\n## Plan\n';
    assert.deepEqual(cursorPosition(t, undefined), { line: 3, character: 0 });
    assert.deepEqual(cursorPosition('# T\nno objective\n', undefined), { line: 0, character: 0 });
  });
});

describe('isoDate', () => {
  it('formats local dates', () => {
    assert.equal(isoDate(new Date(2026, 0, 5)), '2026-01-05');
  });
});
