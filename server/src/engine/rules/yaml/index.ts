// Registry of the yaml rule pack: one line per rule.
import type { Rule } from '../../types';

export const yamlRules: Rule<any>[] = [
];
