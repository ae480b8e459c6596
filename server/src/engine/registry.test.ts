import { test } from 'node:test';
import assert from 'node:assert/strict';
import { allRules } from './registry';

test('every fixable rule, and only those, says whether its fixes are safe', () => {
  for (const { meta } of allRules) {
    assert.equal(meta.fixSafety !== undefined, meta.fixable, `${meta.id}: fixable ${String(meta.fixable)}, fixSafety ${String(meta.fixSafety)}`);
  }
});
