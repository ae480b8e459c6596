// All rules, by domain. Each domain's index lists its rules one per line.
import type { Rule } from './types';
import { engineRules } from './rules/engine/index';
import { dockerfileRules } from './rules/dockerfile/index';
import { kubernetesRules } from './rules/kubernetes/index';
import { composeRules } from './rules/compose/index';
import { commitRules } from './rules/commit/index';
import { yamlRules } from './rules/yaml/index';

export const allRules: readonly Rule<any>[] = [
  ...engineRules,
  ...dockerfileRules,
  ...kubernetesRules,
  ...composeRules,
  ...commitRules,
  ...yamlRules,
];

const byId = new Map(allRules.map((r) => [r.meta.id, r]));

export function getRule(id: string): Rule<any> | undefined {
  return byId.get(id);
}

export function isKnownRule(id: string): boolean {
  return byId.has(id);
}

/** A rule's default options (what its configured options may set), if it has any. */
export function defaultOptionsOf(id: string): Record<string, unknown> | undefined {
  return byId.get(id)?.meta.defaultOptions;
}
