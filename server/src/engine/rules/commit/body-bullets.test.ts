import { ruleTester } from '../../testing/rule-tester';
import { bodyBullets } from './body-bullets';

ruleTester(bodyBullets, {
  valid: [
    { name: 'guide example', code: 'chore(#67): Configure Redis cluster\n\n- Add Redis StatefulSet with 3 replicas\n- Configure persistence with PVC\n- Add Vault secret for auth password\n\nRefs #67\n' },
    { name: 'indented continuation', code: 'feat(#1): X\n\n- a long line\n  that continues\n- b\n' },
    { name: 'trailers in the last paragraph', code: 'feat(#1): X\n\n- a\n\nRefs #1\nSigned-off-by: A B <a@b.c>\nCo-authored-by: C <c@d.e>\n' },
    { name: 'footer paragraph followed by the one git commit -s adds', code: 'feat(#1): X\n\n- a\n\nRefs #1\nCloses #1\n\nSigned-off-by: A B <a@b.c>\n' },
    { name: 'git cherry-pick -x line', code: 'feat(#1): X\n\n- a\n\nRefs #1\n\n(cherry picked from commit 664f65b)\n' },
    { name: "an indented paragraph after a bullet is the bullet's (code)", code: 'feat(#1): X\n\n- Run it:\n\n    kubectl apply -f app.yaml\n    kubectl rollout status deploy/app\n\n- b\n\nRefs #1\n' },
    { name: 'a fenced code block indented under a bullet', code: 'feat(#1): X\n\n- Run it:\n\n  ```sh\n  make\n\nnot a bullet, inside the block\n  ```\n- b\n\nRefs #1\n' },
    { name: 'Refs inside the bullet paragraph', code: 'feat(#1): X\n\n- a\nRefs #1\n' },
    { name: 'comments ignored', code: 'feat(#1): X\n\n- a\n# Please enter the commit message\n# Changes to be committed:\n#\tmodified: x\n' },
    { name: 'revert body is free text', code: 'Revert "feat(#1): X"\n\nThis reverts commit 0123456.\n' },
    { name: 'subject only', code: 'feat(#1): X\n' },
  ],
  invalid: [
    {
      name: 'prose paragraph',
      code: 'feat(#1): X\n\nAdded a thing.\n\nRefs #1\n',
      errors: [{ message: '`- ` bullets', line: 3, severity: 'info', fixes: [{ safe: false, output: 'feat(#1): X\n\n- Added a thing.\n\nRefs #1\n' }] }],
      output: 'feat(#1): X\n\nAdded a thing.\n\nRefs #1\n',
    },
    {
      name: 'star bullets are fixed safely',
      code: 'feat(#1): X\n\n* a\n* b\n',
      errors: [{ line: 3, fixes: [{ safe: true, output: 'feat(#1): X\n\n- a\n* b\n' }] }, { line: 4 }],
      output: 'feat(#1): X\n\n- a\n- b\n',
    },
    { name: 'hyphen without space', code: 'feat(#1): X\n\n-a\n', errors: [{ column: 1, endColumn: 2 }], output: 'feat(#1): X\n\n- a\n' },
    {
      name: 'a star or plus glued to a word is not a bullet marker: the text is kept',
      code: 'feat(#1): X\n\n*Note*: keep it\n+1 retry\n',
      errors: [
        { line: 3, message: 'list of `- ` bullets', fixes: [{ safe: false, output: 'feat(#1): X\n\n- *Note*: keep it\n+1 retry\n' }] },
        { line: 4, message: 'list of `- ` bullets', fixes: [{ safe: false, output: 'feat(#1): X\n\n*Note*: keep it\n- +1 retry\n' }] },
      ],
      output: 'feat(#1): X\n\n*Note*: keep it\n+1 retry\n',
    },
    { name: 'a trailer-like paragraph without Refs before the trailers is body', code: 'feat(#1): X\n\n- a\n\nCloses #1\n\nSigned-off-by: A <a@b.c>\n', errors: [{ line: 5 }] },
    { name: 'trailer-like line in the middle is body', code: 'feat(#1): X\n\nNote: this\n\n- a\n', errors: [{ line: 3 }] },
    {
      name: 'a fenced code block at the left margin is reported once, at its fence, without a fix',
      code: 'feat(#1): X\n\n- a\n\n~~~\nmake all\n\n* not a bullet\n~~~\n\nRefs #1\n',
      errors: [{ line: 5, message: 'Indent a code block', fixes: [] }],
    },
    { name: 'an indented paragraph after a trailer-like footer line is not a continuation', code: 'feat(#1): X\n\n- a\nRefs #1\n\n  indented\n', errors: [{ line: 6 }] },
    { name: 'indented line without bullet above', code: 'feat(#1): X\n\n  indented\n', errors: [{ line: 3 }] },
    { name: 'glued body line also judged', code: 'feat(#1): X\nprose\n', errors: [{ line: 2 }] },
  ],
});
