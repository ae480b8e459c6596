import type { CommitDoc } from '../../commit/model';
import { commitStructure } from '../../commit/message';
import { range } from '../../text';
import type { Rule } from '../../types';

export const blankLineAfterSubject: Rule<CommitDoc> = {
  meta: {
    id: 'commit/blank-line-after-subject',
    title: 'A blank line separates the subject from the body',
    domain: 'commit',
    severity: 'warning',
    guideSection: 'Commit Format',
    rationale:
      'Git treats everything up to the first blank line as the subject: without the blank line, `git log --oneline`, `git shortlog` and forges glue the first body line onto the subject.',
    bad: { fileName: 'COMMIT_EDITMSG', code: 'chore(#67): Configure Redis cluster\n- Add Redis StatefulSet with 3 replicas\n\nRefs #67\n' },
    good: { fileName: 'COMMIT_EDITMSG', code: 'chore(#67): Configure Redis cluster\n\n- Add Redis StatefulSet with 3 replicas\n\nRefs #67\n' },
    fixable: true,
    fixSafety: 'safe',
  },
  kinds: ['commit-message'],
  check(doc, ctx) {
    const s = commitStructure(doc);
    if (s.subject === undefined || s.exempt) return;
    const next = s.rest[0];
    if (next === undefined) return;
    const text = doc.lines[next]!;
    if (text.trim() === '') return;
    const subjectEnd = doc.lines[s.subject]!.length;
    ctx.report({
      range: range(next, 0, next, text.length),
      message: 'Leave a blank line between the subject and the body.',
      fixes: [
        {
          title: 'Insert a blank line after the subject',
          safe: true,
          edits: [{ range: range(s.subject, subjectEnd, s.subject, subjectEnd), newText: doc.index.eol }],
        },
      ],
    });
  },
};
