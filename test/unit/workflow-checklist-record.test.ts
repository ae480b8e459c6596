import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { changedLines, recordInScratchpad, type ScratchpadIo } from '../../client/src/workflow/checklist-record';
import { DEFAULT_SCRATCHPAD_TEMPLATE, renderTemplate } from '../../client/src/workflow/template';

const pad = renderTemplate(DEFAULT_SCRATCHPAD_TEMPLATE, { number: 67, title: 'Redis', date: '2026-11-20', branch: 'feature/67-redis' }).text;

/** A scratchpad document as the editor holds it, with its file on disk. */
class FakePad implements ScratchpadIo {
  saved: string[] = [];
  replaces: { start: number; end: number; text: string }[] = [];
  /** Text the user types between our read and our edit (applied before the next edit is attempted). */
  typing: string[] = [];
  constructor(
    public text: string,
    public isDirty: boolean,
    public onDisk = true,
  ) {}
  async exists() {
    return this.onDisk;
  }
  async read() {
    return { text: this.text, isDirty: this.isDirty };
  }
  async replace(start: number, end: number, text: string) {
    const typed = this.typing.shift();
    if (typed !== undefined) {
      // The document changed since it was read: the editor refuses the stale edit.
      this.text = typed + this.text;
      this.isDirty = true;
      return false;
    }
    this.replaces.push({ start, end, text });
    this.text = this.text.slice(0, start) + text + this.text.slice(end);
    return true;
  }
  async save() {
    this.saved.push(this.text);
    this.isDirty = false;
    return true;
  }
}

describe('recordInScratchpad', () => {
  it('records into a saved scratchpad and saves it', async () => {
    const doc = new FakePad(pad, false);
    assert.equal(await recordInScratchpad(doc, { staging: { checked: true } }, '2026-11-26'), 'recorded');
    assert.match(doc.text, /^- \[x\] Test in dev\/staging first — ✓ 2026-11-26$/m);
    assert.deepEqual(doc.saved, [doc.text]);
  });

  it('keeps the user\'s unsaved edits, and leaves them unsaved', async () => {
    const unsaved = pad.replace('## Objective\n\n', '## Objective\n\nUNSAVED WORK IN PROGRESS\n');
    const doc = new FakePad(unsaved, true);
    assert.equal(await recordInScratchpad(doc, { manual: { checked: true } }, '2026-11-26'), 'recorded');
    assert.ok(doc.text.includes('UNSAVED WORK IN PROGRESS'));
    assert.match(doc.text, /^- \[x\] Document any manual steps required — ✓ 2026-11-26$/m);
    assert.deepEqual(doc.saved, [], 'a dirty scratchpad was saved');
  });

  it('replaces only the lines of the checklist, not the whole file', async () => {
    const doc = new FakePad(pad, true);
    await recordInScratchpad(doc, { validate: { checked: true } }, '2026-11-26');
    assert.equal(doc.replaces.length, 1);
    assert.ok(doc.replaces[0]!.start >= pad.indexOf('## Before completing'), `replaced from offset ${doc.replaces[0]!.start}`);
  });

  it('does not write back a scratchpad deleted meanwhile', async () => {
    const doc = new FakePad(pad, false, false);
    assert.equal(await recordInScratchpad(doc, { staging: { checked: true } }, '2026-11-26'), 'deleted');
    assert.deepEqual(doc.replaces, []);
    assert.deepEqual(doc.saved, []);
  });

  it('redoes the edit on the new text when the user typed meanwhile, keeping what they typed', async () => {
    const doc = new FakePad(pad, false);
    doc.typing.push('TYPED WHILE THE CHECKLIST RAN\n');
    assert.equal(await recordInScratchpad(doc, { staging: { checked: true } }, '2026-11-26'), 'recorded');
    assert.ok(doc.text.startsWith('TYPED WHILE THE CHECKLIST RAN\n# #67'));
    assert.match(doc.text, /^- \[x\] Test in dev\/staging first — ✓ 2026-11-26$/m);
    assert.deepEqual(doc.saved, [], 'the user\'s typing was saved by the command');
  });

  it('changes nothing when the record is already there', async () => {
    const doc = new FakePad(pad, false);
    await recordInScratchpad(doc, { staging: { checked: true } }, '2026-11-26');
    doc.saved = [];
    assert.equal(await recordInScratchpad(doc, { staging: { checked: true } }, '2026-11-26'), 'unchanged');
    assert.deepEqual(doc.saved, []);
  });
});

describe('changedLines', () => {
  it('the smallest run of whole lines, CRLF kept', () => {
    const before = 'a\r\nb\r\nc\r\nd\r\n';
    const after = 'a\r\nB\r\nx\r\nc\r\nd\r\n';
    const c = changedLines(before, after);
    assert.equal(before.slice(0, c.start) + c.text + before.slice(c.end), after);
    assert.deepEqual(c, { start: 3, end: 6, text: 'B\r\nx\r\n' });
    for (const [x, y] of [['', 'a\n'], ['a\n', ''], ['a', 'a\nb'], ['same\n', 'same\n'], ['a\nb', 'a\nc']]) {
      const d = changedLines(x!, y!);
      assert.equal(x!.slice(0, d.start) + d.text + x!.slice(d.end), y, JSON.stringify([x, y]));
    }
  });
});
