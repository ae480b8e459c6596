// Configured rule levels (`error` / `warning` / `info` / `off`) applied to findings.
import type { InfraGuideConfig, RuleLevel } from './config';
import type { Finding, Severity } from './types';
import { comparePositions } from './text';

export function configuredLevel(config: InfraGuideConfig, ruleId: string): RuleLevel | undefined {
  return config.rules[ruleId]?.level;
}

/** Applies configured levels, drops `off` rules and sorts by position. */
export function finalizeFindings(config: InfraGuideConfig, findings: Finding[]): Finding[] {
  const out: Finding[] = [];
  for (const f of findings) {
    const level = configuredLevel(config, f.ruleId);
    if (level === 'off') continue;
    out.push(level ? { ...f, severity: level as Severity } : f);
  }
  return out.sort((a, b) => comparePositions(a.range.start, b.range.start) || a.ruleId.localeCompare(b.ruleId));
}
