import { ruleTester } from '../../testing/rule-tester';
import { blankLineAfterSubject } from './blank-line-after-subject';

ruleTester(blankLineAfterSubject, {
  valid: [
    { name: 'subject only', code: 'feat(#1): Add thing\n' },
    { name: 'subject only, no newline', code: 'feat(#1): Add thing' },
    { name: 'blank line', code: 'feat(#1): Add thing\n\n- a\n' },
    { name: 'comment lines after the subject', code: 'feat(#1): Add thing\n# Please enter the commit message\n# On branch main\n' },
    { name: 'merge exempt', code: "Merge branch 'x'\nConflicts:\n" },
  ],
  invalid: [
    {
      name: 'body glued to the subject',
      code: 'feat(#1): Add thing\n- a\n\nRefs #1\n',
      errors: [{ message: 'blank line', line: 2, column: 1, endColumn: 4, fixes: [{ safe: true, output: 'feat(#1): Add thing\n\n- a\n\nRefs #1\n' }] }],
      output: 'feat(#1): Add thing\n\n- a\n\nRefs #1\n',
    },
    { name: 'a comment in between does not count as blank', code: 'feat(#1): Add thing\n# c\n- a\n', errors: [{ line: 3 }], output: 'feat(#1): Add thing\n\n# c\n- a\n' },
    { name: 'CRLF keeps CRLF', code: 'feat(#1): X\r\n- a\r\n', errors: [{ line: 2 }], output: 'feat(#1): X\r\n\r\n- a\r\n' },
  ],
});
