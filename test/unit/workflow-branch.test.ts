import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { branchNameFor, issueNumberFromBranch } from '../../client/src/workflow/branch';

describe('issueNumberFromBranch', () => {
  const cases: [string | undefined, number | undefined][] = [
    ['feature/67-redis-cluster', 67],
    ['67-redis-cluster', 67],
    ['67', 67],
    ['issue-67', 67],
    ['issue/67', 67],
    ['issues_67_x', 67],
    ['fix/#67-x', 67],
    ['#67', 67],
    ['gh-12-docs', 12],
    ['refs/heads/feature/67-x', 67],
    ['alice/feature/67-redis', 67],
    ['main', undefined],
    ['feature/redis-cluster', undefined],
    ['release/1.2', undefined],
    ['release/1.2.3-rc1', undefined],
    ['feature/0-nothing', undefined],
    ['v2-cleanup', undefined],
    ['release/2', undefined],
    ['releases/3-lts', undefined],
    ['2024-01-15-cleanup', undefined],
    ['feature/2024-01-15', undefined],
    ['feature/20240115-nightly', undefined],
    ['feature/2024_01_15', undefined],
    ['dependabot/npm_and_yarn/lodash-4.17.21', undefined],
    ['renovate/node-18.x', undefined],
    ['feature/2024-redis', 2024],
    ['fix/GH-67-x', 67],
    ['hotfix/67-x', 67],
    ['', undefined],
    [undefined, undefined],
  ];
  for (const [branch, expected] of cases) {
    it(`${JSON.stringify(branch)} → ${expected}`, () => assert.equal(issueNumberFromBranch(branch), expected));
  }
});

describe('branchNameFor', () => {
  it('builds feature/N-short-name', () => {
    assert.equal(branchNameFor(67, 'redis-cluster'), 'feature/67-redis-cluster');
    assert.equal(branchNameFor(67, 'x', 'fix/'), 'fix/67-x');
    assert.equal(branchNameFor(67, '', ''), '67');
    assert.equal(issueNumberFromBranch(branchNameFor(123, 'abc')), 123);
  });
});
