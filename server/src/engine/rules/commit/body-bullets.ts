import type { CommitDoc } from '../../commit/model';
import { REFS_LINE, bodyParagraphs, commitStructure, footerLines, isTrailerLine } from '../../commit/message';
import { range } from '../../text';
import type { Rule } from '../../types';

export const bodyBullets: Rule<CommitDoc> = {
  meta: {
    id: 'commit/body-bullets',
    title: 'Commit body lines are `- ` bullets',
    domain: 'commit',
    severity: 'info',
    guideSection: 'Commit Format',
    rationale:
      'The guide\'s commit body is a list of `- ` bullets, one change per line, which reads well in `git log` and in release notes. Indented lines (and indented paragraphs or code blocks) continue the bullet above; trailers (`Signed-off-by:`, `Co-authored-by:`) and the `Refs #N` footer are not body lines, also when `git commit -s` puts its trailer in a paragraph of its own after `Refs #N`.',
    bad: { fileName: 'COMMIT_EDITMSG', code: 'chore(#67): Configure Redis cluster\n\nAdded a StatefulSet and persistence.\n\nRefs #67\n' },
    good: {
      fileName: 'COMMIT_EDITMSG',
      code: 'chore(#67): Configure Redis cluster\n\n- Add Redis StatefulSet with 3 replicas\n  (one per zone)\n- Configure persistence with PVC\n\nRefs #67\nSigned-off-by: Dev <dev@example.com>\n',
    },
    fixable: true,
    fixSafety: 'mixed',
  },
  kinds: ['commit-message'],
  check(doc, ctx) {
    const s = commitStructure(doc);
    if (s.subject === undefined || s.exempt) return;
    const paragraphs = bodyParagraphs(doc);
    const footer = new Set(footerLines(doc));
    // A bullet (or a reported line) goes on in indented lines, also in indented paragraphs after
    // it (a bullet's code block). A fenced code block (``` or ~~~) is judged by its opening fence.
    let inBullet = false;
    let fence: string | undefined;
    paragraphs.forEach((para, pi) => {
      const isLast = pi === paragraphs.length - 1;
      if (fence === undefined && isLast && para.every((i) => isTrailerLine(doc.lines[i]!.trim()) || REFS_LINE.test(doc.lines[i]!.trim()))) return;
      for (const i of para) {
        const line = doc.lines[i]!;
        const fenceMark = /^\s*(`{3,}|~{3,})/.exec(line)?.[1];
        if (fence !== undefined) {
          if (fenceMark !== undefined && fenceMark[0] === fence[0] && fenceMark.length >= fence.length) fence = undefined;
          continue;
        }
        if (fenceMark !== undefined) fence = fenceMark;
        if (REFS_LINE.test(line.trim()) || footer.has(i) || (isLast && isTrailerLine(line))) {
          inBullet = false;
          continue;
        }
        if (line.startsWith('- ')) {
          inBullet = true;
          continue;
        }
        if (/^\s/.test(line) && inBullet) continue;
        if (fenceMark !== undefined) {
          ctx.report({ range: range(i, 0, i, line.length), message: 'Indent a code block in the commit body under the `- ` bullet it belongs to.' });
          inBullet = true;
          continue;
        }
        // `*`/`+`/`–` only as a marker before a space: `*Note*` or `+1` is text (replacing its first
        // character with `- ` would lose it); `-a` and `•a` are bullets missing their space.
        const other = /^(•|[*+–](?=\s|$)|-(?=\S))\s*/.exec(line);
        if (other) {
          const len = other[0].length;
          ctx.report({
            range: range(i, 0, i, len),
            message: 'Write body bullets as `- ` (hyphen and space).',
            fixes: [{ title: 'Use a `- ` bullet', safe: true, edits: [{ range: range(i, 0, i, len), newText: '- ' }] }],
          });
          inBullet = true;
          continue;
        }
        const lead = /^\s*/.exec(line)![0].length;
        ctx.report({
          range: range(i, 0, i, line.length),
          message: 'Write the commit body as a list of `- ` bullets, one change per line.',
          fixes: [{ title: 'Make this line a `- ` bullet', safe: false, edits: [{ range: range(i, 0, i, lead), newText: '- ' }] }],
        });
        inBullet = true;
      }
    });
  },
};
