// Completions in commit messages: the commit types `commit/subject-format` accepts (editor
// settings, then `.infra-guide.yaml`) at the start of the subject, each followed by `(#`; and the
// `Refs #N` footer at the end of the message, N taken from the subject's `(#N)`.
import { CompletionItemKind, MarkupKind, type CompletionItem } from 'vscode-languageserver';
import { commitStructure, isTrailerLine, looseIssueNumber, refsNumbers } from '../engine/commit/message';
import { parseCommitMessage } from '../engine/commit/model';
import { typesOption } from '../engine/rules/commit/subject-format';
import { lineRange, runAfter, type CompletionContext } from './completion-items';

const SUBJECT_FORMAT = 'commit/subject-format';

/** Completions in a commit message at the cursor; [] outside the subject's type and the footer. */
export function commitCompletions(ctx: CompletionContext): CompletionItem[] {
  const { line, character, lineText } = ctx;
  // Both contexts start at the beginning of the line with a word (after a byte order mark, kept:
  // `commit/subject-format` tells about it).
  const start = bomLength(ctx);
  const typed = lineText.slice(start, character);
  // A commit type so far (`hot-`, `v2`: COMMIT_TYPE), or a word of the footer (letters).
  if (character < start || !/^(?:[A-Za-z][A-Za-z0-9-]*)?$/.test(typed)) return [];
  const doc = parseCommitMessage(ctx.text);
  if (!doc.messageLines.includes(line)) return [];
  const s = commitStructure(doc);
  if (s.subject === undefined || s.subject === line) return typeItems(ctx);
  if (s.subject > line) return [];

  // The footer: nothing but blank lines after this one.
  if (!/^[A-Za-z]*$/.test(typed)) return [];
  if (doc.messageLines.some((i) => i > line && doc.lines[i]!.trim() !== '')) return [];
  if (lineText.slice(character).trim() !== '') return [];
  const issue = looseIssueNumber(doc.lines[s.subject]!);
  if (issue !== undefined && doc.messageLines.some((i) => i !== line && refsNumbers(doc.lines[i]!).includes(issue))) return [];
  const footer = issue === undefined ? 'Refs #' : `Refs #${issue}`;
  // The footer is a paragraph of its own (or joins a block of trailers such as `Signed-off-by:`).
  const previous = doc.messageLines.filter((i) => i < line).pop();
  const prevText = previous === undefined ? '' : doc.lines[previous]!.trim();
  const newParagraph = previous === line - 1 && prevText !== '' && !isTrailerLine(prevText);
  return [
    {
      label: footer,
      kind: CompletionItemKind.Reference,
      detail: issue === undefined ? 'footer: the issue of the subject\'s `(#N)`' : `footer for the subject's (#${issue})`,
      documentation: { kind: MarkupKind.Markdown, value: 'The guide ends each commit with `Refs #N`, the issue of the subject (`commit/refs-footer`).' },
      filterText: footer,
      textEdit: { range: lineRange(line, 0, lineText.length), newText: (newParagraph ? ctx.index.eol : '') + footer },
    },
  ];
}

/** 1 on a first line starting with a byte order mark (the text of the editor keeps it), else 0. */
function bomLength(ctx: CompletionContext): number {
  return ctx.line === 0 && ctx.lineText.startsWith('\uFEFF') ? 1 : 0;
}

/** The types allowed at the start of the subject, each inserted with `(#` unless a scope follows. */
function typeItems(ctx: CompletionContext): CompletionItem[] {
  const { line, character, lineText } = ctx;
  const start = bomLength(ctx);
  // The rest of the type under the cursor is replaced too (`hot|-fix(#3)`), not only its letters.
  const end = character + runAfter(lineText, character, /[A-Za-z0-9-]/);
  const scopeFollows = /^[(!:]/.test(lineText.slice(end));
  const types = typesOption(ctx.config().rules[SUBJECT_FORMAT]?.options?.['types']);
  return types.map((type, i) => ({
    label: type,
    kind: CompletionItemKind.Keyword,
    detail: `${type}(#N): Subject`,
    documentation: { kind: MarkupKind.Markdown, value: 'A commit type `commit/subject-format` accepts (`infraGuide.commit.types`, or the rule\'s `types` option in `.infra-guide.yaml`).' },
    sortText: String(i).padStart(3, '0'),
    filterText: type,
    textEdit: { range: lineRange(line, start, end), newText: scopeFollows ? type : `${type}(#` },
  }));
}
