// A commit message as git shows it in COMMIT_EDITMSG: lines starting with the comment
// character are stripped by git and therefore ignored by rules.
import { TextIndex } from '../text';

export interface CommitDoc {
  kind: 'commit-message';
  text: string;
  index: TextIndex;
  /** Every line, comments included, so positions stay exact. */
  lines: string[];
  /** Indices of lines git keeps (not `#` comments; the scissors line ends the message). */
  messageLines: number[];
}

export function parseCommitMessage(text: string): CommitDoc {
  const index = new TextIndex(text);
  const lines: string[] = [];
  for (let i = 0; i < index.lineCount; i++) lines.push(index.lineText(i));
  const messageLines: number[] = [];
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i]!;
    if (/^# -+ >8 -+/.test(l)) break;
    if (l.startsWith('#')) continue;
    messageLines.push(i);
  }
  return { kind: 'commit-message', text, index, lines, messageLines };
}
