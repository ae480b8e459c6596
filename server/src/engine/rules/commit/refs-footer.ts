import type { CommitDoc } from '../../commit/model';
import { REFS_LINE, bodyParagraphs, commitStructure, isTrailerLine, refsNumbers, subjectIssue } from '../../commit/message';
import { range } from '../../text';
import type { Fix, Rule, TextEdit } from '../../types';

export const refsFooter: Rule<CommitDoc> = {
  meta: {
    id: 'commit/refs-footer',
    title: 'Commit ends with a `Refs #N` footer matching the subject',
    domain: 'commit',
    severity: 'warning',
    guideSection: 'Commit Format',
    rationale:
      'The guide ends each commit with `Refs #N`, the issue of the subject\'s `(#N)`: forges link the commit from the issue, and a footer naming another issue is almost always a copy-paste slip.',
    bad: { fileName: 'COMMIT_EDITMSG', code: 'chore(#67): Configure Redis cluster\n\n- Add Redis StatefulSet with 3 replicas\n' },
    good: { fileName: 'COMMIT_EDITMSG', code: 'chore(#67): Configure Redis cluster\n\n- Add Redis StatefulSet with 3 replicas\n\nRefs #67\n' },
    fixable: true,
  },
  kinds: ['commit-message'],
  check(doc, ctx) {
    const s = commitStructure(doc);
    const n = subjectIssue(doc);
    if (s.subject === undefined || n === undefined || s.last === undefined) return;
    const refsLines = s.rest.filter((i) => REFS_LINE.test(doc.lines[i]!.trim()));
    if (refsLines.some((i) => refsNumbers(doc.lines[i]!).includes(n))) return;
    const eol = doc.index.eol;
    const footer = `Refs #${n}`;

    const addEdit = (): TextEdit => {
      // Into a trailing block of trailers (Signed-off-by: …) as its first line, else as a new paragraph.
      const paragraphs = bodyParagraphs(doc);
      const lastPara = paragraphs[paragraphs.length - 1];
      if (lastPara && lastPara.every((i) => isTrailerLine(doc.lines[i]!.trim()))) {
        const first = lastPara[0]!;
        return { range: range(first, 0, first, 0), newText: footer + eol };
      }
      const end = doc.lines[s.last!]!.length;
      return { range: range(s.last!, end, s.last!, end), newText: eol + eol + footer };
    };

    if (refsLines.length > 0) {
      const ln = refsLines[refsLines.length - 1]!;
      const line = doc.lines[ln]!;
      const lead = /^\s*/.exec(line)![0].length;
      const nums = refsNumbers(line);
      const fixes: Fix[] = [
        { title: `Change to \`${footer}\``, safe: true, edits: [{ range: range(ln, lead, ln, line.replace(/\s+$/, '').length), newText: footer }] },
      ];
      ctx.report({
        range: range(ln, lead, ln, line.replace(/\s+$/, '').length),
        message: `The footer refers to ${nums.map((x) => `#${x}`).join(', ')} but the subject's issue is #${n}: write \`${footer}\`.`,
        fixes,
      });
      return;
    }
    const subjectLine = doc.lines[s.subject]!;
    ctx.report({
      range: range(s.subject, 0, s.subject, subjectLine.length),
      message: `The \`${footer}\` footer is missing: end the message with it.`,
      fixes: [{ title: `Add \`${footer}\``, safe: true, edits: [addEdit()] }],
    });
  },
};
