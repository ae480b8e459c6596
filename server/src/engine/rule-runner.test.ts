import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Linter } from './lint';
import { rulesOfKind } from './rule-runner';
import type { RuleContext } from './types';

const DOCKERFILE = 'FROM ubuntu\nRUN apt-get install curl\nCMD node server.js\n';

test('a rule that throws loses its findings on that file only; the other rules still report', () => {
  const errors: string[] = [];
  const linter = new Linter({ onRuleError: (id, file) => errors.push(`${id} ${file}`) });
  const before = linter.lint({ text: DOCKERFILE, fileName: 'Dockerfile' }).findings;
  const rule = rulesOfKind('dockerfile').find((r) => before.some((f) => f.ruleId === r.meta.id))!;
  const original = rule.check;
  try {
    rule.check = (_doc: unknown, ctx: RuleContext) => {
      // Reported through a detached `report`, as some rules pass it around.
      const report = ctx.report;
      report({ message: 'dropped', range: { start: { line: 0, character: 0 }, end: { line: 0, character: 1 } } });
      throw new Error('boom');
    };
    const after = linter.lint({ text: DOCKERFILE, fileName: 'Dockerfile' }).findings;
    assert.deepEqual(errors, [`${rule.meta.id} Dockerfile`]);
    assert.ok(before.length > after.length);
    assert.deepEqual(after, before.filter((f) => f.ruleId !== rule.meta.id));
  } finally {
    rule.check = original;
  }
  assert.deepEqual(new Linter().lint({ text: DOCKERFILE, fileName: 'Dockerfile' }).findings, before);
});
