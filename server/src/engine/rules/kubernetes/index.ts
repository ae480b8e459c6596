// Registry of the kubernetes rule pack: one line per rule.
import type { Rule } from '../../types';

export const kubernetesRules: Rule<any>[] = [
];
