import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readChecklist, recordChecklist } from '../../client/src/workflow/checklist';
import { DEFAULT_SCRATCHPAD_TEMPLATE, renderTemplate } from '../../client/src/workflow/template';
import { timedMs } from './timing';

const pad = renderTemplate(DEFAULT_SCRATCHPAD_TEMPLATE, { number: 67, title: 'Redis', date: '2026-11-20', branch: 'feature/67-redis' }).text;

describe('recordChecklist', () => {
  it('ticks the template items in place with a date and a note', () => {
    const out = recordChecklist(pad, { validate: { checked: true, note: '0 problems in 3 files' }, tests: { checked: false }, staging: { checked: true } }, '2026-11-26');
    assert.match(out, /^- \[x\] Validate configuration syntax — ✓ 2026-11-26: 0 problems in 3 files$/m);
    assert.match(out, /^- \[ \] Run infrastructure tests$/m);
    assert.match(out, /^- \[x\] Test in dev\/staging first — ✓ 2026-11-26$/m);
    assert.match(out, /^- \[ \] Document any manual steps required$/m);
    assert.match(out, /^_Last checked: 2026-11-26 \(2\/5 done\)_$/m);
    // Nothing outside the section changed.
    const before = pad.slice(0, pad.indexOf('## Before completing'));
    assert.ok(out.startsWith(before));
    assert.deepEqual(readChecklist(out), { validate: true, tests: false, staging: true, manual: false, scratchpad: false });
  });
  it('is idempotent per date and replaces its own earlier annotation', () => {
    const once = recordChecklist(pad, { validate: { checked: true, note: 'a' } }, '2026-11-25');
    const twice = recordChecklist(once, { validate: { checked: true, note: 'b' } }, '2026-11-26');
    assert.match(twice, /^- \[x\] Validate configuration syntax — ✓ 2026-11-26: b$/m);
    assert.equal((twice.match(/Last checked/g) ?? []).length, 1);
    assert.equal(recordChecklist(twice, { validate: { checked: true, note: 'b' } }, '2026-11-26'), twice);
    const unticked = recordChecklist(twice, { validate: { checked: false } }, '2026-11-27');
    assert.match(unticked, /^- \[ \] Validate configuration syntax$/m);
  });
  it('keeps user text: notes in the section, text after an item, other sections', () => {
    const text = '# Notes\n\nmy notes\n\n## Before completing\n\nRemember the DNS change!\n\n- [ ] Validate configuration syntax (see CI)\n- [ ] My own step\n\n## Later\n\nkeep me\n';
    const out = recordChecklist(text, { validate: { checked: true } }, '2026-11-26');
    assert.ok(out.includes('my notes'));
    assert.ok(out.includes('Remember the DNS change!'));
    assert.ok(out.includes('- [ ] My own step'));
    assert.ok(out.includes('## Later\n\nkeep me\n'));
    assert.match(out, /^- \[x\] Validate configuration syntax \(see CI\) — ✓ 2026-11-26$/m);
    // Missing guide items are added after the last found item, inside the section.
    const section = out.slice(out.indexOf('## Before completing'), out.indexOf('## Later'));
    assert.ok(section.includes('- [ ] Run infrastructure tests'));
    assert.ok(section.includes('- [ ] Update scratchpad and close issue'));
  });
  it('appends the section when the scratchpad has none', () => {
    const out = recordChecklist('# #5: X\n\nfree text\n\n\n', { manual: { checked: true } }, '2026-11-26');
    assert.ok(out.startsWith('# #5: X\n\nfree text\n\n## Before completing\n\n_Last checked: 2026-11-26 (1/5 done)_\n\n- [ ] Validate configuration syntax\n'));
    assert.match(out, /^- \[x\] Document any manual steps required — ✓ 2026-11-26$/m);
    assert.ok(out.endsWith('\n'));
    assert.ok(recordChecklist('', {}, '2026-11-26').startsWith('## Before completing'));
  });
  it('section heading without items', () => {
    const out = recordChecklist('## Before Completing\n\nTBD\n', { tests: { checked: true } }, '2026-11-26');
    assert.match(out, /TBD/);
    assert.match(out, /^- \[x\] Run infrastructure tests — ✓ 2026-11-26$/m);
    assert.equal((out.match(/Last checked/g) ?? []).length, 1);
  });
  it('a heading inside a code fence is not the section', () => {
    const text = '```\n## Before completing\n```\n';
    const out = recordChecklist(text, {}, '2026-11-26');
    assert.ok(out.startsWith(text));
    assert.equal((out.match(/## Before completing/g) ?? []).length, 2);
  });
  it('keeps CRLF line endings', () => {
    const out = recordChecklist('## Before completing\r\n\r\n- [ ] Run infrastructure tests\r\n', { tests: { checked: true } }, '2026-11-26');
    assert.ok(!/[^\r]\n/.test(out), JSON.stringify(out));
  });
});

describe('recordChecklist on long item lines', () => {
  it('takes linear time on a run of blanks before a dash, and keeps the user text', () => {
    const blanks = ' '.repeat(200_000);
    const text = `## Before completing\n\n- [ ] Run infrastructure tests (see${blanks}— not ours)${blanks}— ✓ 2026-11-20: old\n`;
    // Wall or CPU time, the smaller: a loaded machine slows the wall clock, not the work (timing.ts).
    const { result: out, ms } = timedMs(() => recordChecklist(text, { tests: { checked: true, note: 'new' } }, '2026-11-26'));
    assert.ok(ms < 1000, `took ${ms} ms`);
    assert.ok(out.includes(`\n- [x] Run infrastructure tests (see${blanks}— not ours) — ✓ 2026-11-26: new\n`));
  });
});
