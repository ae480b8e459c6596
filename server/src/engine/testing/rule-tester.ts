// RuleTester in the style of ESLint's: valid and invalid snippets, expected findings, and the
// exact text after each fix. Each case becomes one `node:test` test.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { Linter } from '../lint';
import { allRules } from '../registry';
import { applyEdits, applySafeFixes } from '../fix';
import { defaultConfig, type InfraGuideConfig } from '../config';
import type { Finding, Rule, Severity } from '../types';

export interface ValidCase {
  name?: string;
  code: string;
  fileName?: string;
  options?: Record<string, unknown>;
}

export interface ExpectedFix {
  /** Substring or pattern of the fix title. */
  title?: string | RegExp;
  /** Exact text after applying only this fix. */
  output: string;
  safe?: boolean;
}

export interface ExpectedFinding {
  message?: string | RegExp;
  /** 1-based, like editors show. */
  line?: number;
  column?: number;
  endLine?: number;
  endColumn?: number;
  severity?: Severity;
  /** The fixes in order; omit to not check, `[]` to require none. */
  fixes?: ExpectedFix[];
}

export interface InvalidCase extends ValidCase {
  errors: ExpectedFinding[];
  /** Exact text after fix-all of this rule's safe fixes (repeated until stable). */
  output?: string;
}

function configFor(rule: Rule<unknown>, options?: Record<string, unknown>): InfraGuideConfig {
  const config = defaultConfig();
  for (const r of allRules) if (r.meta.id !== rule.meta.id) config.rules[r.meta.id] = { level: 'off' };
  if (options) config.rules[rule.meta.id] = { options };
  return config;
}

export function findingsOf(rule: Rule<unknown>, c: ValidCase): Finding[] {
  const linter = new Linter({ throwOnRuleError: true, cacheSize: 1 });
  return linter
    .lint({ text: c.code, fileName: c.fileName ?? rule.meta.bad.fileName, config: configFor(rule, c.options) })
    .findings.filter((f) => f.ruleId === rule.meta.id);
}

function fixAllOf(rule: Rule<unknown>, c: ValidCase): string {
  let text = c.code;
  for (let pass = 0; pass < 10; pass++) {
    const { text: next, applied } = applySafeFixes(text, findingsOf(rule, { ...c, code: text }));
    if (applied === 0) return text;
    text = next;
  }
  return text;
}

function matches(actual: string, expected: string | RegExp): boolean {
  return typeof expected === 'string' ? actual.includes(expected) : expected.test(actual);
}

function describeFindings(fs: Finding[]): string {
  return fs.map((f) => `${f.range.start.line + 1}:${f.range.start.character + 1} ${f.message}`).join('\n');
}

export function ruleTester(rule: Rule<any>, cases: { valid: ValidCase[]; invalid: InvalidCase[] }): void {
  describe(rule.meta.id, () => {
    it('metadata: bad example is reported, good example is clean', () => {
      assert.ok(findingsOf(rule, rule.meta.bad).length > 0, `bad example of ${rule.meta.id} produced no finding`);
      assert.deepEqual(describeFindings(findingsOf(rule, rule.meta.good)), '', `good example of ${rule.meta.id} produced findings`);
      assert.match(rule.meta.id, /^[a-z]+(-[a-z]+)*\/[a-z0-9]+(-[a-z0-9]+)*$/);
    });
    it('metadata: fix safety matches the fixes of the invalid cases', () => {
      const fixes = cases.invalid.flatMap((c) => findingsOf(rule, c).flatMap((f) => f.fixes));
      const { fixable, fixSafety } = rule.meta;
      if (!fixable) {
        assert.equal(fixSafety, undefined, 'fixSafety is only set on fixable rules');
        assert.deepEqual(fixes.map((f) => f.title), [], 'a rule that is not fixable offers no fixes');
        return;
      }
      assert.ok(fixSafety !== undefined, 'a fixable rule says whether its fixes are safe (meta.fixSafety)');
      // A rule's cases may be split over several test files: each file's fixes must fit the claim.
      const safe = fixes.filter((f) => f.safe).map((f) => f.title);
      const unsafe = fixes.filter((f) => !f.safe).map((f) => f.title);
      if (fixSafety === 'safe') assert.deepEqual(unsafe, [], 'fixes that are not safe, in a rule whose fixes are all safe');
      if (fixSafety === 'unsafe') assert.deepEqual(safe, [], 'safe fixes, in a rule whose fixes are all unsafe');
    });
    cases.valid.forEach((c, i) => {
      it(`valid #${i + 1}${c.name ? `: ${c.name}` : ''}`, () => {
        const found = findingsOf(rule, c);
        assert.equal(describeFindings(found), '', 'expected no findings');
      });
    });
    cases.invalid.forEach((c, i) => {
      it(`invalid #${i + 1}${c.name ? `: ${c.name}` : ''}`, () => {
        const found = findingsOf(rule, c);
        assert.equal(found.length, c.errors.length, `expected ${c.errors.length} finding(s), got:\n${describeFindings(found)}`);
        c.errors.forEach((exp, j) => {
          const f = found[j]!;
          if (exp.message !== undefined) assert.ok(matches(f.message, exp.message), `message "${f.message}" does not match ${String(exp.message)}`);
          if (exp.line !== undefined) assert.equal(f.range.start.line + 1, exp.line, `line of finding ${j + 1}`);
          if (exp.column !== undefined) assert.equal(f.range.start.character + 1, exp.column, `column of finding ${j + 1}`);
          if (exp.endLine !== undefined) assert.equal(f.range.end.line + 1, exp.endLine, `endLine of finding ${j + 1}`);
          if (exp.endColumn !== undefined) assert.equal(f.range.end.character + 1, exp.endColumn, `endColumn of finding ${j + 1}`);
          if (exp.severity !== undefined) assert.equal(f.severity, exp.severity, `severity of finding ${j + 1}`);
          if (exp.fixes !== undefined) {
            assert.equal(f.fixes.length, exp.fixes.length, `number of fixes of finding ${j + 1}: ${f.fixes.map((x) => x.title).join(' | ')}`);
            exp.fixes.forEach((ef, k) => {
              const fix = f.fixes[k]!;
              if (ef.title !== undefined) assert.ok(matches(fix.title, ef.title), `fix title "${fix.title}" does not match ${String(ef.title)}`);
              if (ef.safe !== undefined) assert.equal(fix.safe, ef.safe, `safety of fix "${fix.title}"`);
              assert.equal(applyEdits(c.code, fix.edits), ef.output, `text after fix "${fix.title}"`);
            });
          }
        });
        if (c.output !== undefined) assert.equal(fixAllOf(rule, c), c.output, 'text after fix-all');
      });
    });
  });
}
