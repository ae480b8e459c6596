// commit/refs-footer — decisions:
// - The footer is the end of the message: the trailing run of trailer lines (`Refs #N`,
//   `Signed-off-by: …`, `Co-authored-by: …`) of the last paragraph, so other trailers may come
//   before or after `Refs #N`; also a paragraph of trailers after the one with `Refs #N` (what
//   `git commit -s`/`--trailer` write after `Refs #67`, which git does not read as a trailer).
//   A `Refs #N` elsewhere in the body does not count: it is reported
//   with a fix that moves it to the end.
// - Accepted: `Refs #67`, `Refs: #67`, `Refs #67, #68`, `Refs #67 #68` (one of them the subject's
//   issue). git compares trailer keys case-insensitively, but the guide writes `Refs`: `refs #67`,
//   `REFS: 67`, `Ref #67`, `Refs #67.` are reported as written wrongly and rewritten in place
//   (never a second footer added beside them).
// - A footer naming only other issues is corrected in place to the subject's `Refs #N`.
import type { CommitDoc } from '../../commit/model';
import { REFS_LINE, bodyParagraphs, canonicalRefs, commitStructure, footerLines, isTrailerLine, refsNumbers, subjectIssue } from '../../commit/message';
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
      'The guide ends each commit with `Refs #N`, the issue of the subject\'s `(#N)`: forges link the commit from the issue, and a footer naming another issue is almost always a copy-paste slip. Trailers may come before or after it, also in the paragraph of their own that `git commit -s`, `--trailer` or `git cherry-pick -x` adds after `Refs #N`.',
    bad: { fileName: 'COMMIT_EDITMSG', code: 'chore(#67): Configure Redis cluster\n\n- Add Redis StatefulSet with 3 replicas\n' },
    good: { fileName: 'COMMIT_EDITMSG', code: 'chore(#67): Configure Redis cluster\n\n- Add Redis StatefulSet with 3 replicas\n\nRefs #67\n' },
    fixable: true,
    fixSafety: 'safe',
  },
  kinds: ['commit-message'],
  check(doc, ctx) {
    const s = commitStructure(doc);
    const n = subjectIssue(doc);
    if (s.subject === undefined || n === undefined || s.last === undefined) return;
    const eol = doc.index.eol;
    const refs = `Refs #${n}`;
    const isRefs = (i: number) => refsNumbers(doc.lines[i]!).length > 0;
    const isExact = (i: number) => REFS_LINE.test(doc.lines[i]!.trim());
    const has = (i: number) => refsNumbers(doc.lines[i]!).includes(n);
    const lineRange = (ln: number) => {
      const line = doc.lines[ln]!;
      // `trimEnd`, not `/\s+$/`, which retries at each blank of a run: quadratic in a long one.
      return range(ln, /^\s*/.exec(line)![0].length, ln, line.trimEnd().length);
    };

    const paragraphs = bodyParagraphs(doc);
    const lastPara = paragraphs[paragraphs.length - 1] ?? [];
    const footer = footerLines(doc);
    const footerRefs = footer.filter(isRefs);
    if (footerRefs.some((i) => isExact(i) && has(i))) return;

    // Meant as the footer but written another way (`refs #67`, `Ref #67`, `Refs: 67`): rewrite it.
    const loose = footerRefs.find((i) => has(i));
    if (loose !== undefined) {
      const text = canonicalRefs(refsNumbers(doc.lines[loose]!));
      const r = lineRange(loose);
      ctx.report({
        range: r,
        message: `The footer \`${doc.lines[loose]!.trim()}\` is not written as the guide's: write \`${text}\`.`,
        fixes: [{ title: `Change to \`${text}\``, safe: true, edits: [{ range: r, newText: text }] }],
      });
      return;
    }

    const addEdit = (): TextEdit => {
      // Into a trailing block of trailers (Signed-off-by: …) as its first line, else as a new paragraph.
      if (lastPara.length > 0 && lastPara.every((i) => isTrailerLine(doc.lines[i]!.trim()) || isRefs(i))) {
        const first = lastPara[0]!;
        return { range: range(first, 0, first, 0), newText: refs + eol };
      }
      const end = doc.lines[s.last!]!.length;
      return { range: range(s.last!, end, s.last!, end), newText: eol + eol + refs };
    };

    // `Refs #N` in the body, not at the end: move it there. A set: the footer may hold thousands of trailers.
    const inFooter = new Set(footer);
    const misplaced = s.rest.find((i) => !inFooter.has(i) && isRefs(i) && has(i));
    if (misplaced !== undefined) {
      const text = canonicalRefs(refsNumbers(doc.lines[misplaced]!));
      const prevBlank = misplaced - 1 > s.subject && doc.lines[misplaced - 1]!.trim() === '';
      const next = doc.lines[misplaced + 1];
      const alone = prevBlank && (next === undefined || next.trim() === '');
      // Alone in its paragraph: remove it with the blank line above it, else just the line.
      const del =
        next === undefined
          ? range(misplaced - (alone ? 1 : 0), 0, misplaced, doc.lines[misplaced]!.length)
          : range(alone ? misplaced - 1 : misplaced, 0, misplaced + 1, 0);
      const add = addEdit();
      ctx.report({
        range: lineRange(misplaced),
        message: `\`${text}\` is in the body: the guide's footer ends the message; move it to the end.`,
        fixes: [{ title: `Move \`${text}\` to the end`, safe: true, edits: [{ range: del, newText: '' }, { ...add, newText: add.newText.replace(refs, text) }] }],
      });
      return;
    }

    if (footerRefs.length > 0) {
      const ln = footerRefs[footerRefs.length - 1]!;
      const r = lineRange(ln);
      const nums = refsNumbers(doc.lines[ln]!);
      const fixes: Fix[] = [{ title: `Change to \`${refs}\``, safe: true, edits: [{ range: r, newText: refs }] }];
      ctx.report({
        range: r,
        message: `The footer refers to ${nums.map((x) => `#${x}`).join(', ')} but the subject's issue is #${n}: write \`${refs}\`.`,
        fixes,
      });
      return;
    }
    const subjectLine = doc.lines[s.subject]!;
    ctx.report({
      range: range(s.subject, 0, s.subject, subjectLine.length),
      message: `The \`${refs}\` footer is missing: end the message with it.`,
      fixes: [{ title: `Add \`${refs}\``, safe: true, edits: [addEdit()] }],
    });
  },
};
