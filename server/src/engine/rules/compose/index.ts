// Registry of the compose rule pack: one line per rule.
import type { Rule } from '../../types';

export const composeRules: Rule<any>[] = [
];
