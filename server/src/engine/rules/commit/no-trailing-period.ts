import type { CommitDoc } from '../../commit/model';
import { commitStructure } from '../../commit/message';
import { range } from '../../text';
import type { Rule } from '../../types';

export const noTrailingPeriod: Rule<CommitDoc> = {
  meta: {
    id: 'commit/no-trailing-period',
    title: 'Commit subject has no trailing period',
    domain: 'commit',
    severity: 'warning',
    guideSection: 'Commit Format',
    rationale: 'The subject is a title (`chore(#67): Configure Redis cluster`), not a sentence: a trailing period wastes one of the 72 characters and is inconsistent with the guide\'s example.',
    bad: { fileName: 'COMMIT_EDITMSG', code: 'chore(#67): Configure Redis cluster.\n\nRefs #67\n' },
    good: { fileName: 'COMMIT_EDITMSG', code: 'chore(#67): Configure Redis cluster\n\nRefs #67\n' },
    fixable: true,
    fixSafety: 'safe',
  },
  kinds: ['commit-message'],
  check(doc, ctx) {
    const s = commitStructure(doc);
    if (s.subject === undefined || s.exempt) return;
    const ln = s.subject;
    const line = doc.lines[ln]!;
    // `trimEnd`, not `/\s+$/`, which retries at each blank of a run: quadratic in a long one.
    const trimmed = line.trimEnd();
    // An ellipsis ("...") is deliberate; a single period is not.
    if (!trimmed.endsWith('.') || trimmed.endsWith('..')) return;
    const at = trimmed.length - 1;
    ctx.report({
      range: range(ln, at, ln, at + 1),
      message: 'The commit subject ends with a period; remove it.',
      fixes: [{ title: 'Remove the trailing period', safe: true, edits: [{ range: range(ln, at, ln, line.length), newText: '' }] }],
    });
  },
};
