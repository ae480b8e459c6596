// Configured rule levels (`error` / `warning` / `info` / `off`) applied to findings.
import type { InfraGuideConfig } from './config';
import type { Finding } from './types';
import { comparePositions } from './text';

// Whether a config sets any rule's level: most configs set none, and their findings need no
// per-finding lookup or copy. Configs are treated as immutable once linted.
const setsLevels = new WeakMap<InfraGuideConfig, boolean>();

function configSetsLevels(config: InfraGuideConfig): boolean {
  let sets = setsLevels.get(config);
  if (sets === undefined) {
    sets = Object.values(config.rules).some((rc) => rc.level !== undefined);
    setsLevels.set(config, sets);
  }
  return sets;
}

/** Applies configured levels, drops `off` rules and sorts by position. `findings` is sorted in place when nothing changes. */
export function finalizeFindings(config: InfraGuideConfig, findings: Finding[]): Finding[] {
  let out = findings;
  if (configSetsLevels(config)) {
    out = [];
    for (const f of findings) {
      const level = config.rules[f.ruleId]?.level;
      if (level === 'off') continue;
      out.push(level ? { ...f, severity: level } : f);
    }
  }
  return out.sort(compareFindings);
}

/** The order of a file's findings: by start position, then by rule id. */
export function compareFindings(a: Finding, b: Finding): number {
  return comparePositions(a.range.start, b.range.start) || compareRuleIds(a.ruleId, b.ruleId);
}

// Findings at the same position are ordered by rule id in code-unit order: the same on every
// machine (`localeCompare` depends on the ICU locale), and free of ICU's ~20 ms start-up cost.
function compareRuleIds(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
