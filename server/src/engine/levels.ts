// Configured rule levels (`error` / `warning` / `info` / `off`) applied to findings.
import type { InfraGuideConfig } from './config';
import { allRules } from './registry';
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

function compareFindings(a: Finding, b: Finding): number {
  return comparePositions(a.range.start, b.range.start) || compareRuleIds(a.ruleId, b.ruleId);
}

// Findings at the same position are ordered by rule id with `localeCompare`, which goes through
// ICU (about 1 µs a call, and several rules often report on one instruction): the known ids are
// ranked in that order once, and only other ids are compared with `localeCompare`.
let ruleIdRanks: Map<string, number> | undefined;

function compareRuleIds(a: string, b: string): number {
  if (a === b) return 0;
  ruleIdRanks ??= rankInLocaleOrder(allRules.map((r) => r.meta.id));
  const ra = ruleIdRanks.get(a);
  const rb = ruleIdRanks.get(b);
  return ra !== undefined && rb !== undefined ? ra - rb : a.localeCompare(b);
}

/** Rank of each id in `localeCompare` order; ids that compare equal share a rank. */
export function rankInLocaleOrder(ids: readonly string[]): Map<string, number> {
  const sorted = [...new Set(ids)].sort((a, b) => a.localeCompare(b));
  const ranks = new Map<string, number>();
  sorted.forEach((id, i) => ranks.set(id, i > 0 && sorted[i - 1]!.localeCompare(id) === 0 ? ranks.get(sorted[i - 1]!)! : i));
  return ranks;
}
