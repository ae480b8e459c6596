import { ruleTester } from '../../testing/rule-tester';
import { noTrailingPeriod } from './no-trailing-period';

ruleTester(noTrailingPeriod, {
  valid: [
    { name: 'no period', code: 'feat(#1): Add thing\n\n- Add a thing.\n' },
    { name: 'ellipsis', code: 'feat(#1): Add thing...\n' },
    { name: 'period inside', code: 'feat(#1): Bump node to 20.1 in CI\n' },
    { name: 'revert exempt', code: 'Revert "feat(#1): Add thing."\n' },
  ],
  invalid: [
    {
      name: 'period',
      code: 'feat(#1): Add thing.\n\nRefs #1\n',
      errors: [{ message: 'ends with a period', line: 1, column: 20, endColumn: 21, fixes: [{ safe: true, output: 'feat(#1): Add thing\n\nRefs #1\n' }] }],
      output: 'feat(#1): Add thing\n\nRefs #1\n',
    },
    { name: 'period and trailing spaces', code: 'feat(#1): Add thing.  \n', errors: [{ column: 20 }], output: 'feat(#1): Add thing\n' },
    { name: 'non-conforming subject still checked', code: 'Add thing.\n', errors: [{ line: 1 }] },
  ],
});
