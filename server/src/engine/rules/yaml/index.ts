// Registry of the yaml rule pack: one line per rule.
import type { Rule } from '../../types';

import { noDuplicateKeys } from './no-duplicate-keys';

export const yamlRules: Rule<any>[] = [
  noDuplicateKeys,
];
