import { test } from 'node:test';
import assert from 'node:assert/strict';
import { defaultConfig } from './config';
import { finalizeFindings } from './levels';
import { allRules } from './registry';
import type { Finding } from './types';

const at = (ruleId: string, line: number): Finding => ({
  ruleId,
  severity: 'warning',
  message: ruleId,
  range: { start: { line, character: 0 }, end: { line, character: 1 } },
  fixes: [],
});

test('findings are sorted by position, then rule id in code-unit order (locale-independent), with configured levels applied', () => {
  const ids = ['zz/unknown', ...allRules.slice(0, 6).map((r) => r.meta.id), 'aa/unknown', 'a-b/x', 'a/b', 'A/b', 'a_b/x'];
  const findings = [...ids.map((id) => at(id, 1)), at('zz/first', 0)];
  const expected = [at('zz/first', 0), ...[...ids].sort().map((id) => at(id, 1))];
  assert.deepEqual(finalizeFindings(defaultConfig(), [...findings]), expected);

  const config = defaultConfig();
  config.rules[ids[1]!] = { level: 'off' };
  config.rules[ids[2]!] = { level: 'error' };
  const leveled = finalizeFindings(config, [...findings]);
  assert.ok(!leveled.some((f) => f.ruleId === ids[1]));
  assert.equal(leveled.find((f) => f.ruleId === ids[2])?.severity, 'error');
  assert.equal(findings.find((f) => f.ruleId === ids[2])?.severity, 'warning', 'input findings are not modified');
});
