// Registry of the commit rule pack: one line per rule.
import type { Rule } from '../../types';

import { subjectFormat } from './subject-format';
import { subjectMaxLength } from './subject-max-length';
import { noTrailingPeriod } from './no-trailing-period';
import { blankLineAfterSubject } from './blank-line-after-subject';
import { bodyBullets } from './body-bullets';
import { refsFooter } from './refs-footer';
import { noCrlfScissorsLine } from './no-crlf-scissors-line';

export const commitRules: Rule<any>[] = [
  subjectFormat,
  subjectMaxLength,
  noTrailingPeriod,
  blankLineAfterSubject,
  bodyBullets,
  refsFooter,
  noCrlfScissorsLine,
];
