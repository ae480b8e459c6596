// What the completion contexts (completion-*.ts) share: the cursor's context and item builders.
import { CompletionItemKind, MarkupKind, type Command, type CompletionItem, type Range as LspRange } from 'vscode-languageserver';
import type { InfraGuideConfig } from '../engine/config';
import type { TextIndex } from '../engine/text';
import type { DocumentKind, RuleMeta } from '../engine/types';
import { ruleDocHref } from './convert';

/** VS Code's command that opens the suggestions again (after `ignore=`, `<rule-id>: `). */
export const RETRIGGER_COMMAND: Command = { title: 'Suggest', command: 'editor.action.triggerSuggest' };

/** What a context gets: the request, the cursor's line and the lazily read config. */
export interface CompletionContext {
  readonly text: string;
  readonly kind: DocumentKind;
  readonly line: number;
  readonly character: number;
  /** The cursor's line, without its line break. */
  readonly lineText: string;
  readonly index: TextIndex;
  readonly triggerCharacter: string | undefined;
  readonly retrigger: boolean;
  config(): InfraGuideConfig;
}

// ---- item helpers shared by the contexts ----------------------------------------------------

export function lineRange(line: number, start: number, end: number): LspRange {
  return { start: { line, character: start }, end: { line, character: end } };
}

/** Length of the run of characters matching `re` (one character class) right after `from`. */
export function runAfter(text: string, from: number, re: RegExp): number {
  let n = 0;
  while (from + n < text.length && re.test(text[from + n]!)) n++;
  return n;
}

/** Markdown about a rule: title, rationale, default level and a link to its documentation. */
export function ruleDocumentation(meta: RuleMeta): { kind: typeof MarkupKind.Markdown; value: string } {
  return {
    kind: MarkupKind.Markdown,
    value: `**${meta.title}**\n\n${meta.rationale}\n\nDefault level: \`${meta.severity}\` · [Documentation](${ruleDocHref(meta.id)})`,
  };
}

/**
 * An item inserting a rule id over `range`. `rank` orders groups (the rules of the file's own
 * domain first), the ids sort by name within a group.
 */
export function ruleIdItem(meta: RuleMeta, range: LspRange, rank: number, insertText = meta.id): CompletionItem {
  return {
    label: meta.id,
    kind: CompletionItemKind.EnumMember,
    detail: meta.title,
    documentation: ruleDocumentation(meta),
    sortText: `${rank}${meta.id}`,
    filterText: meta.id,
    textEdit: { range, newText: insertText },
  };
}
