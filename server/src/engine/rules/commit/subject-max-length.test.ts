import { ruleTester } from '../../testing/rule-tester';
import { subjectMaxLength } from './subject-max-length';

const s72 = 'feat(#1): ' + 'a'.repeat(62);

ruleTester(subjectMaxLength, {
  valid: [
    { name: 'exactly 72', code: s72 + '\n' },
    { name: 'trailing spaces do not count', code: s72 + '   \n' },
    { name: 'code points, not UTF-16 units', code: 'feat(#1): ' + '😀'.repeat(62) + '\n' },
    { name: 'long body lines are fine', code: 'feat(#1): X\n\n- ' + 'b'.repeat(200) + '\n' },
    { name: 'merge exempt', code: "Merge branch 'feature/67-a-very-long-branch-name-that-goes-on-and-on' into main of somewhere\n" },
    { name: 'option', code: 'feat(#1): ' + 'a'.repeat(80) + '\n', options: { maxLength: 100 } },
  ],
  invalid: [
    { name: '73 characters', code: s72 + 'b\n', errors: [{ message: '73 characters', line: 1, column: 73, endColumn: 74, severity: 'warning', fixes: [] }] },
    { name: 'emoji', code: 'feat(#1): ' + '😀'.repeat(63) + '\n', errors: [{ message: '73 characters', column: 10 + 62 * 2 + 1 }] },
    { name: 'smaller option', code: 'feat(#1): Configure Redis\n', options: { maxLength: 20 }, errors: [{ message: 'at most 20', column: 21 }] },
  ],
});
