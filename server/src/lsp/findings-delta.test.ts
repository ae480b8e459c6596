import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Finding } from '../engine/types';
import { applyFindingsDelta, diffFindings, ReceivedFindings, sameFinding, SentFindings } from './findings-delta';

function finding(line: number, ruleId = 'kubernetes/image-tag', message = 'pin the image'): Finding {
  return {
    ruleId,
    severity: 'warning',
    message,
    range: { start: { line, character: 4 }, end: { line, character: 9 } },
    fixes: [{ title: 'Pin', safe: true, edits: [{ range: { start: { line, character: 9 }, end: { line: line + 1, character: 0 } }, newText: ':1' }] }],
  };
}

/** A deep copy of `f` moved by `shift` lines. */
function moved(f: Finding, shift: number): Finding {
  const copy = structuredClone(f);
  for (const r of [copy.range, ...copy.fixes.flatMap((x) => x.edits.map((e) => e.range))]) {
    r.start.line += shift;
    r.end.line += shift;
  }
  return copy;
}

/** What the server rebuilds from `base` and the change to `next` (as if sent over a port). */
const roundTrip = (base: Finding[], next: Finding[]) => applyFindingsDelta(structuredClone(base), structuredClone(diffFindings(base, next)));

test('unchanged findings are kept, not sent', () => {
  const base = [finding(1), finding(5), finding(9)];
  const d = diffFindings(base, structuredClone(base));
  assert.deepEqual({ head: d.head, tail: d.tail, middle: d.middle }, { head: 3, tail: 0, middle: [] });
  assert.deepEqual(roundTrip(base, structuredClone(base)), base);
});

test('an edit inside a line sends only the findings it changed', () => {
  const base = [finding(1), finding(5), finding(9), finding(12)];
  const next = [finding(1), finding(5, undefined, 'pin the image (changed)'), finding(9), finding(12)];
  const d = diffFindings(base, next);
  assert.deepEqual([d.head, d.tail, d.shift, d.middle.length], [1, 2, 0, 1]);
  assert.deepEqual(roundTrip(base, next), next);
});

test('lines inserted or removed above findings move them: they are kept with the line shift', () => {
  const base = [finding(1), finding(5), finding(9), finding(12)];
  for (const shift of [3, -2]) {
    const next = [finding(1), finding(6), ...base.slice(2).map((f) => moved(f, shift))];
    const d = diffFindings(base, next);
    assert.deepEqual([d.head, d.tail, d.shift, d.middle.length], [1, 2, shift, 1], `shift ${shift}`);
    assert.deepEqual(roundTrip(base, next), next, `shift ${shift}`);
  }
});

test('findings added, removed, or all replaced round-trip', () => {
  const base = [finding(1), finding(5), finding(9)];
  const cases: Finding[][] = [[], [finding(0), ...base], [...base, finding(20)], [base[0]!, base[2]!], [finding(2), finding(3)], [finding(5)]];
  for (const next of cases) assert.deepEqual(roundTrip(base, next), next);
  assert.deepEqual(roundTrip([], base), base);
});

test('a message that quotes a line number is not taken for a moved finding', () => {
  const base = [finding(1), finding(5, 'yaml/duplicate-key', 'first defined on line 2')];
  const next = [finding(1), moved(finding(5, 'yaml/duplicate-key', 'first defined on line 2'), 1)];
  next[1]!.message = 'first defined on line 3';
  assert.deepEqual(diffFindings(base, next).middle, [next[1]]);
  assert.deepEqual(roundTrip(base, next), next);
});

// Every field of a finding (the compiler makes this list complete) with a change to it.
const CHANGES: Record<keyof Finding, (f: Finding) => void> = {
  ruleId: (f) => (f.ruleId = 'kubernetes/other'),
  severity: (f) => (f.severity = 'error'),
  message: (f) => (f.message += '!'),
  range: (f) => f.range.end.character++,
  fixes: (f) => f.fixes.push({ title: 'Other', safe: false, edits: [] }),
  secret: (f) => (f.secret = true),
};

test('a change to any field of a finding is seen', () => {
  for (const [field, change] of Object.entries(CHANGES)) {
    const changed = finding(3);
    change(changed);
    assert.equal(sameFinding(finding(3), changed, 0), false, field);
    assert.deepEqual(roundTrip([finding(3)], [changed]), [changed], field);
  }
  const nested: ((f: Finding) => void)[] = [
    (f) => (f.fixes[0]!.title = 'Other'),
    (f) => (f.fixes[0]!.safe = false),
    (f) => (f.fixes[0]!.edits[0]!.newText = ':2'),
    (f) => f.fixes[0]!.edits[0]!.range.end.line++,
    (f) => f.fixes[0]!.edits.push({ range: structuredClone(f.range), newText: '' }),
    (f) => f.range.start.line++,
  ];
  for (const change of nested) {
    const changed = finding(3);
    change(changed);
    assert.equal(sameFinding(finding(3), changed, 0), false, String(change));
  }
  // A fix edit that did not move with its finding is a change too.
  const half = moved(finding(3), 1);
  half.fixes[0]!.edits[0]!.range = finding(3).fixes[0]!.edits[0]!.range;
  assert.equal(sameFinding(finding(3), half, 1), false);
  assert.equal(sameFinding(finding(3), moved(finding(3), 1), 1), true);
});

test('random edits of random lists always round-trip', () => {
  let seed = 7;
  const rand = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
  const pick = (n: number) => Math.floor(rand() * n);
  for (let round = 0; round < 500; round++) {
    const base = Array.from({ length: pick(12) }, (_, i) => finding(i * 3, pick(2) ? 'a/x' : 'a/y'));
    // Change a run of findings, then move those after it.
    const from = pick(base.length + 1);
    const to = from + pick(base.length - from + 1);
    const shift = pick(5) - 2;
    const middle = Array.from({ length: pick(4) }, () => finding(from * 3 + pick(3), 'a/z', String(pick(3))));
    const next = [...base.slice(0, from), ...middle, ...base.slice(to).map((f) => moved(f, shift))];
    assert.deepEqual(roundTrip(base, next), next, `round ${round}`);
  }
});

test('a change that does not fit the list held is refused', () => {
  const base = [finding(1), finding(2)];
  assert.equal(applyFindingsDelta(base, { head: 2, tail: 1, shift: 0, middle: [] }), undefined);
  assert.equal(applyFindingsDelta(base, { head: -1, tail: 0, shift: 0, middle: [] }), undefined);
});

test('worker and server: full list first, then changes while both hold the same base', () => {
  const sent = new SentFindings();
  const received = new ReceivedFindings();
  const lint = (doc: string, token: number, findings: Finding[]) => {
    const wire = structuredClone(sent.encode(doc, token, received.base(doc), findings));
    return { wire, findings: received.decode(doc, token, wire) };
  };
  const a1 = lint('a', 1, [finding(1), finding(4)]);
  assert.ok('full' in a1.wire);
  const b2 = lint('b', 2, [finding(7)]);
  assert.ok('full' in b2.wire, 'another document starts with a full list');
  const a3 = lint('a', 3, [finding(1), finding(5)]);
  assert.ok('delta' in a3.wire && a3.wire.base === 1);
  assert.deepEqual(a3.findings, [finding(1), finding(5)]);
  assert.equal(a3.findings![0], a1.findings![0], 'an unchanged finding is the same object');
  const b4 = lint('b', 4, []);
  assert.ok('delta' in b4.wire);
  assert.deepEqual(b4.findings, []);

  // Closing forgets on both sides; the next lint sends everything.
  sent.forget('a');
  received.forget('a');
  assert.equal(received.base('a'), undefined);
  assert.ok('full' in lint('a', 5, [finding(2)]).wire);
});

test('a server holding another base than the worker sent gets the full list', () => {
  const sent = new SentFindings();
  sent.encode('a', 1, undefined, [finding(1)]);
  sent.encode('a', 2, 1, [finding(2)]); // its answer never reached the server
  assert.deepEqual(sent.encode('a', 3, 1, [finding(3)]), { full: [finding(3)] });
  // A fresh worker (after a restart) knows no base at all.
  assert.deepEqual(new SentFindings().encode('a', 4, 3, [finding(3)]), { full: [finding(3)] });
});

test('the server refuses a change to a result it no longer holds, and forgets the document', () => {
  const received = new ReceivedFindings();
  received.decode('a', 1, { full: [finding(1)] });
  assert.equal(received.decode('a', 2, { base: 9, delta: { head: 0, tail: 0, shift: 0, middle: [] } }), undefined);
  assert.equal(received.base('a'), undefined);
  received.decode('a', 3, { full: [finding(1)] });
  received.forget('a');
  assert.equal(received.decode('a', 4, { base: 3, delta: { head: 1, tail: 0, shift: 0, middle: [] } }), undefined);
});

test('the worker keeps its own copy of the list it sent', () => {
  const sent = new SentFindings();
  const findings = [finding(1), finding(2)];
  sent.encode('a', 1, undefined, findings);
  findings.length = 0; // the engine reuses its array
  const wire = sent.encode('a', 2, 1, [finding(1), finding(2)]);
  assert.ok('delta' in wire && wire.delta.head === 2 && wire.delta.middle.length === 0);
});
