import { test } from 'node:test';
import assert from 'node:assert/strict';
import { allRules } from './registry';
import { didYouMean, editDistance, suggestRuleIds } from './suggest';

const IDS = allRules.map((r) => r.meta.id);

test('suggestRuleIds: a typo, a missing domain or a wrong case finds the registered rule', () => {
  assert.deepEqual(suggestRuleIds('dockerfile/pin-base-image-versoin', IDS), ['dockerfile/pin-base-image-version']);
  assert.deepEqual(suggestRuleIds('pin-base-image-version', IDS), ['dockerfile/pin-base-image-version']);
  assert.deepEqual(suggestRuleIds('Dockerfile/Pin_Base_Image_Version', IDS), ['dockerfile/pin-base-image-version']);
  assert.deepEqual(suggestRuleIds('x'.repeat(10_000), IDS), [], 'a long query is cut, not compared in full');
  assert.equal(editDistance('ab', 'ba'), 1);
});

test('didYouMean: nothing without candidates, else the candidates in backquotes', () => {
  assert.equal(didYouMean([]), '');
  assert.equal(didYouMean(['a/b']), '; did you mean `a/b`?');
  assert.equal(didYouMean(['a/b', 'c/d']), '; did you mean `a/b` or `c/d`?');
});
