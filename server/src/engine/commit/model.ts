// A commit message as git shows it in COMMIT_EDITMSG: lines starting with the comment
// character (`#`, or the one of git's scissors line) are stripped by git and therefore ignored by rules.
//
// Decisions — `#` lines that are the message (`git commit -m "#67 hotfix"`):
// git strips comment lines only when the message was edited (`--cleanup=default` is `strip` with
// an editor, `whitespace` with -m/-F/-C without -e), and the commit-msg hook cannot tell which
// mode applies. So comment lines are ignored as usual, except when that leaves the message empty:
// then lines starting with the comment character followed by something other than whitespace
// (`#67 hotfix`, `#wip`; git's own comment lines are `# …`, `#` and `#\t…`) are taken as the
// message and checked — rather than passing an effectively unchecked message. (Had git stripped
// them, the message would be empty and git aborts the commit anyway.) A `#67 …` line beside other
// message lines is still taken as a comment.
import { TextIndex } from '../text';

export interface CommitDoc {
  kind: 'commit-message';
  text: string;
  index: TextIndex;
  /** Every line, comments included, so positions stay exact. */
  lines: string[];
  /** Indices of lines git keeps (not comment lines; the scissors line ends the message). */
  messageLines: number[];
  /** The scissors line, if any: from it on, the text is git's (the diff of `git commit -v`), not the message. */
  end: number;
  /** git's comment string: `#`, or the one of the scissors line or of git's comment block (`;`, `//`). */
  comment: string;
}

/**
 * git's verbose-commit cut line, `<comment> ------------------------ >8 ------------------------`
 * (the comment string may be several characters, spaces inside too, since git 2.45).
 */
const SCISSORS = /^(\S.*?) -{24} >8 -{24}$/;

/** The characters `core.commentChar=auto` picks from, in git's order (`;` is also the usual explicit one). */
const COMMENT_CHARS = '#;@!$%^&|:';

/** The longest comment string read from a comment block (git sets no limit; people use a few characters). */
const MAX_COMMENT = 32;

/** A comment line as git writes them with comment string `c`: `c`, `c …`, `c\t…`. */
function isGitComment(line: string, c: string): boolean {
  return line.startsWith(c) && (line.length === c.length || line[c.length] === ' ' || line[c.length] === '\t');
}

/**
 * Without a scissors line: the comment string of the comment block git writes at the end of the
 * file (`; Please enter the commit message…`, `;`, `;\t modified: …`: two lines at least), when
 * it is one of `COMMENT_CHARS` other than `#`, or when the block names it in quotes as git's does
 * (`with '*' will be ignored`): any other character git accepts as `core.commentChar` (a letter
 * too), or a string of several (`//`; `core.commentString` or `core.commentChar` since git 2.45),
 * and has a line of the marker alone (git's, before `On branch …`). Else `#`. A list of `* ` or
 * `- ` bullets is not taken for comments, one quoting its marker (`- Split on '-'`) neither. The
 * commit-msg hook gets the file with that block, so taking its lines as the message would block
 * the commit.
 */
function trailingComment(lines: readonly string[]): string {
  let last = lines.length - 1;
  while (last >= 0 && lines[last]!.trim() === '') last--;
  const line = lines[last] ?? '';
  // The last line's comment string ends where git put a space or tab after it, or at its end:
  // the shortest such string whose block git's text names wins. A longer one's block is within a
  // shorter one's, so the search ends at a block of one line (and at MAX_COMMENT characters).
  for (let n = 1; n <= Math.min(line.length, MAX_COMMENT) && !/\s/.test(line[0]!); n++) {
    const c = line.slice(0, n);
    if (!isGitComment(line, c)) continue;
    let first = last;
    while (first > 0 && isGitComment(lines[first - 1]!, c)) first--;
    if (last - first + 1 < 2) break;
    if (c === '#') continue;
    if (c.length === 1 && COMMENT_CHARS.includes(c)) return c;
    // Named in quotes, with the lone marker line git writes between its text and the status, so
    // `- Split on '-'` ending a list of bullets is no block (git's text is translated, its shape not).
    const block = lines.slice(first, last + 1);
    if (block.some((l) => l.includes(`'${c}'`)) && block.includes(c)) return c;
  }
  return '#';
}

export function parseCommitMessage(text: string): CommitDoc {
  const index = new TextIndex(text);
  const lines: string[] = [];
  for (let i = 0; i < index.lineCount; i++) lines.push(index.lineText(i));
  // With `core.commentChar` set (`;`, or `auto`), `git commit -v` writes its scissors line with
  // that character: it then marks the comment lines instead of `#` (which git keeps). Without
  // `-v`, the comment block at the end of the file tells it.
  const scissors = lines.find((l) => SCISSORS.test(l));
  const comment = scissors === undefined ? trailingComment(lines) : SCISSORS.exec(scissors)![1]!;
  const messageLines: number[] = [];
  let end = lines.length;
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i]!;
    if (/^# -+ >8 -+/.test(l) || l === scissors) {
      end = i;
      break;
    }
    if (l.startsWith(comment)) continue;
    messageLines.push(i);
  }
  if (messageLines.every((i) => lines[i]!.trim() === '')) {
    const kept: number[] = [];
    for (let i = 0; i < end; i++) {
      const l = lines[i]!;
      const after = l.slice(comment.length);
      if (!l.startsWith(comment) || (after !== '' && !/^\s/.test(after))) kept.push(i);
    }
    if (kept.some((i) => lines[i]!.trim() !== '')) return { kind: 'commit-message', text, index, lines, messageLines: kept, end, comment };
  }
  return { kind: 'commit-message', text, index, lines, messageLines, end, comment };
}
