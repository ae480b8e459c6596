import { ruleTester } from '../../testing/rule-tester';
import { refsFooter } from './refs-footer';

ruleTester(refsFooter, {
  valid: [
    { name: 'guide example', code: 'chore(#67): Configure Redis cluster\n\n- Add Redis StatefulSet with 3 replicas\n\nRefs #67\n' },
    { name: 'several issues', code: 'feat(#2): X\n\nRefs #1, #2\n' },
    { name: 'Refs: form', code: 'feat(#2): X\n\nRefs: #2\n' },
    { name: 'another Refs besides the right one', code: 'feat(#2): X\n\nRefs #9\nRefs #2\n' },
    { name: 'no issue number in the subject: subject-format reports', code: 'Add thing\n' },
    { name: 'merge exempt', code: "Merge branch 'feature/67-x'\n" },
    { name: 'fixup exempt', code: 'fixup! feat(#2): X\n' },
    { name: 'Refs in a comment does not count but the real one does', code: 'feat(#2): X\n\nRefs #2\n# Refs #3\n' },
    { name: 'several issues, space-separated', code: 'feat(#67): X\n\n- a\n\nRefs #67 #68\n' },
    { name: 'several issues, comma-separated', code: 'feat(#67): X\n\n- a\n\nRefs #67, #68\n' },
    { name: 'among other trailers, before them', code: 'feat(#2): X\n\n- a\n\nRefs #2\nCo-authored-by: A <a@b.c>\nSigned-off-by: A <a@b.c>\n' },
    { name: 'among other trailers, after them', code: 'feat(#2): X\n\n- a\n\nSigned-off-by: A <a@b.c>\nRefs #2\n' },
    // `git commit -s` / `--trailer` after `Refs #2` (not a trailer to git: no colon) add a paragraph.
    { name: 'git commit -s after Refs: trailer paragraph', code: 'feat(#2): X\n\n- a\n\nRefs #2\n\nSigned-off-by: A <a@b.c>\n' },
    { name: 'git cherry-pick -x line after Refs', code: 'feat(#2): X\n\n- a\n\nRefs #2\n\n(cherry picked from commit 664f65b77b51c1126adb50a0784c22c54e0e8a4c)\n' },
    { name: 'git commit -s after Refs in the bullet paragraph', code: 'feat(#2): X\n\n- a\nRefs #2\n\nSigned-off-by: A <a@b.c>\nCo-authored-by: B <b@c.d>\n' },
  ],
  invalid: [
    {
      name: 'missing footer',
      code: 'chore(#67): Configure Redis cluster\n\n- Add Redis StatefulSet\n',
      errors: [
        {
          message: '`Refs #67` footer is missing',
          line: 1,
          fixes: [{ title: 'Add `Refs #67`', safe: true, output: 'chore(#67): Configure Redis cluster\n\n- Add Redis StatefulSet\n\nRefs #67\n' }],
        },
      ],
      output: 'chore(#67): Configure Redis cluster\n\n- Add Redis StatefulSet\n\nRefs #67\n',
    },
    { name: 'subject only', code: 'feat(#3): X', errors: [{ message: 'missing' }], output: 'feat(#3): X\n\nRefs #3' },
    {
      name: 'inserted before git comments',
      code: 'feat(#3): X\n\n- a\n\n# Please enter the commit message\n#\n',
      errors: [{}],
      output: 'feat(#3): X\n\n- a\n\nRefs #3\n\n# Please enter the commit message\n#\n',
    },
    {
      name: 'inserted above trailers',
      code: 'feat(#3): X\n\n- a\n\nSigned-off-by: A <a@b.c>\n',
      errors: [{}],
      output: 'feat(#3): X\n\n- a\n\nRefs #3\nSigned-off-by: A <a@b.c>\n',
    },
    {
      name: 'mismatching number is corrected',
      code: 'feat(#3): X\n\n- a\n\nRefs #4\n',
      errors: [{ message: 'refers to #4 but the subject\'s issue is #3', line: 5, column: 1, endColumn: 8, fixes: [{ safe: true, output: 'feat(#3): X\n\n- a\n\nRefs #3\n' }] }],
      output: 'feat(#3): X\n\n- a\n\nRefs #3\n',
    },
    {
      name: 'mismatching number before a git commit -s paragraph is corrected in place',
      code: 'feat(#3): X\n\n- a\n\nRefs #4\n\nSigned-off-by: A <a@b.c>\n',
      errors: [{ message: 'refers to #4', line: 5 }],
      output: 'feat(#3): X\n\n- a\n\nRefs #3\n\nSigned-off-by: A <a@b.c>\n',
    },
    {
      name: 'a trailer paragraph without Refs before the last one is body: Refs is added at the end',
      code: 'feat(#3): X\n\n- a\n\nNote: slow\n\nSigned-off-by: A <a@b.c>\n',
      errors: [{ message: 'missing' }],
      output: 'feat(#3): X\n\n- a\n\nNote: slow\n\nRefs #3\nSigned-off-by: A <a@b.c>\n',
    },
    {
      name: 'Refs in the body, not the footer, is moved to the end',
      code: 'feat(#67): X\n\nRefs #67\n\n- a\n',
      errors: [{ message: 'ends the message', line: 3, fixes: [{ safe: true, output: 'feat(#67): X\n\n- a\n\nRefs #67\n' }] }],
      output: 'feat(#67): X\n\n- a\n\nRefs #67\n',
    },
    {
      name: 'Refs line inside a body paragraph is moved to the end',
      code: 'feat(#67): X\n\n- a\nRefs #67\n- b\n',
      errors: [{ message: 'ends the message', line: 4 }],
      output: 'feat(#67): X\n\n- a\n- b\n\nRefs #67\n',
    },
    {
      name: 'lowercase refs is rewritten in place',
      code: 'feat(#67): X\n\n- a\n\nrefs #67\n',
      errors: [{ message: 'write `Refs #67`', line: 5, column: 1, endColumn: 9, fixes: [{ safe: true, output: 'feat(#67): X\n\n- a\n\nRefs #67\n' }] }],
      output: 'feat(#67): X\n\n- a\n\nRefs #67\n',
    },
    {
      name: 'malformed footers are rewritten in place, keeping every issue',
      code: 'feat(#67): X\n\n- a\n\nREFS: 67, #68.\nSigned-off-by: A <a@b.c>\n',
      errors: [{ message: 'write `Refs #67, #68`', line: 5 }],
      output: 'feat(#67): X\n\n- a\n\nRefs #67, #68\nSigned-off-by: A <a@b.c>\n',
    },
    { name: 'Ref #N', code: 'feat(#67): X\n\nRef #67\n', errors: [{ message: 'write `Refs #67`' }], output: 'feat(#67): X\n\nRefs #67\n' },
    { name: 'number taken from a loosely written subject', code: 'feat(#12):X\n', errors: [{ message: '`Refs #12`' }] },
    // Custom types as `infraGuide.commit.types` and the `types` option accept them (letters, digits, `-`).
    { name: 'custom type with a hyphen', code: 'hot-fix(#5): X\n\n- a\n', errors: [{ message: '`Refs #5` footer is missing' }], output: 'hot-fix(#5): X\n\n- a\n\nRefs #5\n' },
    { name: 'custom type with a digit', code: 'v2(#5): X\n\n- a\n\nRefs #9\n', errors: [{ message: "subject's issue is #5" }], output: 'v2(#5): X\n\n- a\n\nRefs #5\n' },
    { name: 'custom type, loosely written subject', code: 'hot-fix (#5):X\n', errors: [{ message: '`Refs #5`' }] },
    { name: 'CRLF', code: 'feat(#3): X\r\n\r\n- a\r\n', errors: [{}], output: 'feat(#3): X\r\n\r\n- a\r\n\r\nRefs #3\r\n' },
    {
      name: 'verbose commit',
      code: 'feat(#3): X\n\n# ------------------------ >8 ------------------------\n+Refs #3\n',
      errors: [{}],
      output: 'feat(#3): X\n\nRefs #3\n\n# ------------------------ >8 ------------------------\n+Refs #3\n',
    },
  ],
});
