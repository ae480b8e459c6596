import { ruleTester } from '../../testing/rule-tester';
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { subjectFormat, typesOption } from './subject-format';

const body = '\n\n- Add Redis StatefulSet with 3 replicas\n\nRefs #67\n';

ruleTester(subjectFormat, {
  valid: [
    { name: 'guide example (capitalised subject text)', code: 'chore(#67): Configure Redis cluster' + body },
    { name: 'lower-case subject text', code: 'fix(#1): handle empty values\n' },
    ...['feat', 'fix', 'chore', 'docs', 'refactor', 'test', 'ci', 'perf', 'build'].map((t) => ({ name: `default type ${t}`, code: `${t}(#2): X\n` })),
    { name: 'breaking marker tolerated', code: 'feat(#9)!: Drop v1 API\n' },
    { name: 'custom type list', code: 'infra(#3): Add VPC\n', options: { types: ['infra', 'app'] } },
    { name: 'merge commit exempt', code: "Merge branch 'main' into feature/67-redis\n" },
    { name: 'merge pull request exempt', code: 'Merge pull request #12 from org/feature\n' },
    { name: 'revert exempt', code: 'Revert "chore(#67): Configure Redis cluster"\n\nThis reverts commit abc.\n' },
    { name: 'fixup! exempt', code: 'fixup! chore(#67): Configure Redis cluster\n' },
    { name: 'squash! exempt', code: 'squash! feat(#1): X\n' },
    { name: 'amend! exempt', code: 'amend! feat(#1): X\n' },
    { name: 'empty message (git aborts it)', code: '' },
    { name: 'only comments', code: '# Please enter the commit message\n#\n# On branch main\n' },
    { name: 'comment lines before the subject are ignored', code: '# comment\n\nfeat(#5): Add thing\n' },
    { name: 'leading blank lines are stripped by git', code: '\n\nfeat(#5): Add thing\n' },
    {
      name: 'verbose commit: diff below the scissors is ignored',
      code: 'feat(#5): Add thing\n\nRefs #5\n# ------------------------ >8 ------------------------\n# Do not modify or remove the line above.\ndiff --git a/x b/x\n',
    },
    { name: 'CRLF', code: 'feat(#5): Add thing\r\n\r\nRefs #5\r\n' },
  ],
  invalid: [
    { name: 'no type', code: 'Configure Redis cluster\n', errors: [{ message: 'must be `type(#N): Subject`', line: 1, column: 1, endColumn: 24, severity: 'warning' }] },
    { name: 'conventional without issue', code: 'feat: Add thing\n', errors: [{ message: 'issue number is missing', column: 1, endColumn: 5 }] },
    { name: 'unknown type', code: 'feature(#67): Add thing\n', errors: [{ message: 'Unknown commit type `feature`', endColumn: 8, fixes: [] }] },
    {
      name: 'capitalised type gets a fix',
      code: 'Feat(#67): Add thing\n',
      errors: [{ message: 'Unknown commit type `Feat`', fixes: [{ title: '`feat`', safe: true, output: 'feat(#67): Add thing\n' }] }],
      output: 'feat(#67): Add thing\n',
    },
    { name: 'type outside the configured list', code: 'feat(#67): Add thing\n', options: { types: ['chore'] }, errors: [{ message: 'use one of: chore' }] },
    {
      name: 'a type listed twice is named once',
      code: 'feat(#67): Add thing\n',
      options: { types: ['chore', 'fix', 'chore'] },
      errors: [{ message: 'use one of: chore, fix.' }],
    },
    {
      name: 'scope without #',
      code: 'feat(67): Add thing\n',
      errors: [{ message: 'as `(#N)`', column: 5, endColumn: 9, fixes: [{ output: 'feat(#67): Add thing\n' }] }],
    },
    { name: 'scope is a word', code: 'feat(redis): Add thing\n', errors: [{ message: 'found `(redis)`', fixes: [] }] },
    { name: 'zero is not an issue number', code: 'feat(#0): Add thing\n', errors: [{ message: 'positive integer', fixes: [] }] },
    { name: 'a number too large to be exact is not an issue number', code: 'feat(#99999999999999999999): Add thing\n', errors: [{ message: 'positive integer', fixes: [] }] },
    { name: 'no fix that rounds a huge number', code: 'feat(99999999999999999999): Add thing\n', errors: [{ message: 'positive integer', fixes: [] }] },
    { name: 'missing colon', code: 'feat(#67) Add thing\n', errors: [{ message: 'A `: ` must follow `feat(#67)`' }] },
    {
      name: 'no space after colon',
      code: 'feat(#67):Add thing\n',
      errors: [{ message: 'exactly one space', column: 10, fixes: [{ output: 'feat(#67): Add thing\n' }] }],
    },
    { name: 'two spaces after colon', code: 'feat(#67):  Add thing\n', errors: [{ message: 'exactly one space' }], output: 'feat(#67): Add thing\n' },
    { name: 'empty subject text', code: 'feat(#67): \n', errors: [{ message: 'empty' }] },
    { name: 'space between type and scope', code: 'feat (#67): Add thing\n', errors: [{ message: 'No space', column: 5, endColumn: 6 }], output: 'feat(#67): Add thing\n' },
    { name: 'leading whitespace', code: '  feat(#67): Add thing\n', errors: [{ message: 'starts with whitespace' }], output: 'feat(#67): Add thing\n' },
    {
      // Editors hide a UTF-8 BOM (VS Code strips it); git keeps it at the start of the subject.
      name: 'byte order mark (the git hook reads the file as is)',
      code: '\uFEFFfeat(#67): Add thing\n',
      errors: [{ message: 'byte order mark', column: 1, endColumn: 2, fixes: [{ title: 'Remove the byte order mark', safe: true, output: 'feat(#67): Add thing\n' }] }],
      output: 'feat(#67): Add thing\n',
    },
    { name: 'subject after comment lines', code: '# hi\nAdd thing\n', errors: [{ line: 2 }] },
    { name: '"Merged" is not a merge commit', code: 'Merged stuff\n', errors: [{ line: 1 }] },
  ],
});

describe('typesOption', () => {
  it('lists each configured type once, in order (completions and the commit command offer them)', () => {
    assert.deepEqual(typesOption(['ops', 'feat', 'ops', 'feat']), ['ops', 'feat']);
    assert.deepEqual(typesOption([]), typesOption(undefined));
  });
});
