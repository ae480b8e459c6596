import type { CommitDoc } from '../../commit/model';
import { commitStructure } from '../../commit/message';
import { range } from '../../text';
import type { Rule } from '../../types';

export const subjectMaxLength: Rule<CommitDoc> = {
  meta: {
    id: 'commit/subject-max-length',
    title: 'Commit subject is at most 72 characters',
    domain: 'commit',
    severity: 'warning',
    guideSection: 'Commit Format',
    rationale:
      'Subjects longer than 72 characters are cut off by `git log --oneline`, forges and mail-based tools. Put the details in the bullet list of the body.',
    bad: {
      fileName: 'COMMIT_EDITMSG',
      code: 'chore(#67): Configure the Redis cluster with three replicas, persistence and Vault auth\n\nRefs #67\n',
    },
    good: { fileName: 'COMMIT_EDITMSG', code: 'chore(#67): Configure Redis cluster\n\n- Add Redis StatefulSet with 3 replicas\n\nRefs #67\n' },
    fixable: false,
    defaultOptions: { maxLength: 72 },
    optionDocs: { maxLength: 'Maximum subject length in characters (Unicode code points), default 72.' },
  },
  kinds: ['commit-message'],
  check(doc, ctx) {
    const s = commitStructure(doc);
    if (s.subject === undefined || s.exempt) return;
    const opt = ctx.options['maxLength'];
    const max = typeof opt === 'number' && Number.isInteger(opt) && opt > 0 ? opt : 72;
    // `trimEnd`, not `/\s+$/`, which retries at each blank of a run: quadratic in a long one.
    const line = doc.lines[s.subject]!.trimEnd();
    const chars = [...line];
    if (chars.length <= max) return;
    const startChar = chars.slice(0, max).join('').length;
    ctx.report({
      range: range(s.subject, startChar, s.subject, line.length),
      message: `The subject is ${chars.length} characters long; keep it at most ${max} and move details to the body.`,
    });
  },
};
