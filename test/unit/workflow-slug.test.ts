import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { isValidShortName, slugify } from '../../client/src/workflow/slug';

describe('slugify', () => {
  it('kebab-cases a title', () => {
    assert.equal(slugify('Configure Redis cluster'), 'configure-redis-cluster');
  });
  it('punctuation, apostrophes and symbols', () => {
    assert.equal(slugify("Don't break the CI/CD pipeline!!! (again)"), 'dont-break-the-ci-cd-pipeline-again');
    assert.equal(slugify('Add `helm lint` + kubeconform & tflint'), 'add-helm-lint-plus-kubeconform-and');
    assert.equal(slugify('Lint + test'), 'lint-plus-test');
    assert.equal(slugify('  --Redis__cluster--  '), 'redis-cluster');
    assert.equal(slugify('v1.2.3 upgrade'), 'v1-2-3-upgrade');
  });
  it('transliterates or strips Unicode', () => {
    assert.equal(slugify('Über-große Änderung für Café'), 'uber-grosse-anderung-fur-cafe');
    assert.equal(slugify('Łódź, Øresund, Æther'), 'lodz-oresund-aether');
    assert.equal(slugify('Настроить кластер Redis'), 'nastroit-klaster-redis');
    assert.equal(slugify('Ρύθμιση'), 'rythmisi');
    assert.equal(slugify('Redis 集群 🚀 setup'), 'redis-setup');
    assert.equal(slugify('ｆｕｌｌｗｉｄｔｈ'), 'fullwidth');
    assert.equal(slugify('日本語のみ'), '');
  });
  it('long titles are cut at a word boundary to ≤ 40 characters', () => {
    const s = slugify('Configure the Redis cluster with three replicas and persistent volumes');
    assert.equal(s, 'configure-the-redis-cluster-with-three');
    assert.ok(s.length <= 40);
    assert.ok(!s.endsWith('-'));
    const one = slugify('a'.repeat(60));
    assert.equal(one.length, 40);
    for (const t of ['x '.repeat(50), 'word '.repeat(30), 'Zażółć gęślą jaźń '.repeat(5)]) {
      const r = slugify(t);
      assert.ok(r.length <= 40 && isValidShortName(r), r);
    }
  });
  it('custom limit', () => {
    assert.equal(slugify('alpha beta gamma', 10), 'alpha-beta');
  });
});

describe('isValidShortName', () => {
  it('accepts kebab-case only', () => {
    assert.ok(isValidShortName('redis-cluster'));
    assert.ok(isValidShortName('a1'));
    for (const bad of ['', 'Redis', 'a--b', '-a', 'a-', 'a b', 'a_b', 'ä', 'x'.repeat(41)]) assert.ok(!isValidShortName(bad), bad);
  });
});
