import { ruleTester } from '../../testing/rule-tester';
import { noCrlfScissorsLine } from './no-crlf-scissors-line';

const SCISSORS = '# ------------------------ >8 ------------------------';
const BELOW = '# Do not modify or remove the line above.\n# Everything below it will be ignored.\ndiff --git a/f b/f\n+y\n';
const crlf = (s: string): string => s.replace(/\n/g, '\r\n');

ruleTester(noCrlfScissorsLine, {
  valid: [
    { name: 'scissors line in LF', code: `feat(#1): Add f\n\nRefs #1\n${SCISSORS}\n${BELOW}` },
    { name: 'CRLF message without a scissors line', code: crlf('feat(#1): Add f\n\nRefs #1\n# Please enter the commit message\n') },
    // git found the line: only its own line break counts, not the message's above it.
    { name: 'CRLF message whose scissors line ends in LF', code: `${crlf('feat(#1): Add f\n\nRefs #1\n')}${SCISSORS}\n${crlf(BELOW)}` },
    { name: 'scissors line as the last line, no line break', code: `feat(#1): Add f\n\nRefs #1\n${SCISSORS}` },
    { name: 'a line that only looks like one (other dash count) is no scissors line', code: crlf('feat(#1): Add f\n\nRefs #1\n# ---- >8 ----\n') },
    { name: 'CR only line breaks: git sees one line, no scissors line', code: 'feat(#1): Add f\r\rRefs #1\r' + SCISSORS + '\r' },
  ],
  invalid: [
    {
      name: 'CRLF message from an editor (git commit -v)',
      code: crlf(`feat(#1): Add f\n\n- Add f\n\nRefs #1\n# Please enter the commit message\n#\n${SCISSORS}\n${BELOW}`),
      errors: [{ message: 'ends in CRLF', line: 8, column: 1, endLine: 8, endColumn: SCISSORS.length + 1, severity: 'error' }],
    },
    {
      name: 'only the scissors line in CRLF',
      code: `feat(#1): Add f\n\nRefs #1\n${SCISSORS}\r\n${BELOW}`,
      errors: [{ line: 4 }],
    },
    {
      name: 'another comment string (core.commentChar=;)',
      code: crlf(`feat(#1): Add f\n\nRefs #1\n; ------------------------ >8 ------------------------\n; Do not modify\n`),
      errors: [{ line: 4 }],
    },
  ],
});
