import type { CommitDoc } from '../../commit/model';
import { range } from '../../text';
import type { Rule } from '../../types';

/** git's cut line: its comment string, then the marker (see commit/model.ts). */
const SCISSORS = /^\S.*? -{24} >8 -{24}$/;

/**
 * git recognises the scissors line of `git commit -v` only as written, ending in LF: it looks for
 * the line followed by `\n`. An editor that saved the message with CRLF line endings hides it, and
 * git then strips the comment lines but keeps everything else below it: the diff lands in the
 * commit message (checked with git 2.39). The other commit rules still stop at that line, as the
 * author meant, so this is the one finding that tells.
 */
export const noCrlfScissorsLine: Rule<CommitDoc> = {
  meta: {
    id: 'commit/no-crlf-scissors-line',
    title: 'The scissors line of `git commit -v` ends in LF, not CRLF',
    domain: 'commit',
    severity: 'error',
    guideSection: 'Commit Format',
    rationale:
      'With `git commit -v`, git cuts the message at its scissors line (`# ------------------------ >8 ------------------------`) and drops the diff below it. git finds that line only when it ends in LF: if the editor saved the message with CRLF line endings, git keeps the diff in the commit message. It happens with editors set to convert line endings on save. Save the message with LF line endings (VS Code: click `CRLF` in the status bar and pick `LF`). In the examples, `␍` marks a CR.',
    bad: {
      fileName: 'COMMIT_EDITMSG',
      code: 'chore(#67): Configure Redis cluster\r\n\r\nRefs #67\r\n# ------------------------ >8 ------------------------\r\n# Do not modify or remove the line above.\r\ndiff --git a/redis.yaml b/redis.yaml\r\n',
    },
    good: {
      fileName: 'COMMIT_EDITMSG',
      code: 'chore(#67): Configure Redis cluster\n\nRefs #67\n# ------------------------ >8 ------------------------\n# Do not modify or remove the line above.\ndiff --git a/redis.yaml b/redis.yaml\n',
    },
    fixable: false,
  },
  kinds: ['commit-message'],
  check(doc, ctx) {
    const line = doc.lines[doc.end];
    if (line === undefined || !SCISSORS.test(line)) return;
    const eolAt = doc.index.lineEndOffset(doc.end);
    if (doc.text.charCodeAt(eolAt) !== 13 || doc.text.charCodeAt(eolAt + 1) !== 10) return;
    ctx.report({
      range: range(doc.end, 0, doc.end, line.length),
      message: 'git does not recognise this scissors line: it ends in CRLF, so git would keep everything below it, the diff included, in the commit message. Save the message with LF line endings.',
    });
  },
};
