// Registry of the commit rule pack: one line per rule.
import type { Rule } from '../../types';

export const commitRules: Rule<any>[] = [
];
