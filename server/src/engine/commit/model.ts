// A commit message as git shows it in COMMIT_EDITMSG: lines starting with the comment
// character (`#`, or the one of git's scissors line) are stripped by git and therefore ignored by rules.
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
}

/** git's verbose-commit cut line, `<comment> ------------------------ >8 ------------------------`. */
const SCISSORS = /^(\S+) -{24} >8 -{24}$/;

export function parseCommitMessage(text: string): CommitDoc {
  const index = new TextIndex(text);
  const lines: string[] = [];
  for (let i = 0; i < index.lineCount; i++) lines.push(index.lineText(i));
  // With `core.commentChar` set (`;`, or `auto`), `git commit -v` writes its scissors line with
  // that character: it then marks the comment lines instead of `#` (which git keeps).
  const scissors = lines.find((l) => SCISSORS.test(l));
  const comment = scissors === undefined ? '#' : SCISSORS.exec(scissors)![1]!;
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
  return { kind: 'commit-message', text, index, lines, messageLines, end };
}
