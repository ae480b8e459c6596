// Completions where users type Infra Guide's own syntax, as pure functions of the document text
// and the cursor: suppression pragmas (every kind of file), the `infra-guide.io/ignore`
// annotation or label (Kubernetes, Compose), `.infra-guide.yaml` (rule ids, levels, options) and
// commit messages (types, `Refs #N`). Nothing here lints: each context looks at the cursor's line
// first and parses (only the document at hand) once that line is one of ours.
import type { CompletionItem, TextEdit } from 'vscode-languageserver';
import { defaultConfig, type InfraGuideConfig } from '../engine/config';
import { TextIndex } from '../engine/text';
import type { DocumentKind, Position } from '../engine/types';
import { commitCompletions } from './completion-commit';
import { configCompletions } from './completion-config';
import { lineRange, type CompletionContext } from './completion-items';
import { annotationCompletions, pragmaCompletions } from './completion-pragma';

/**
 * Characters that ask only in `.infra-guide.yaml`, where `*` starts an alias (the anchor names
 * written before it are offered): in other files they answer nothing, not even a pragma's ids.
 */
const CONFIG_TRIGGER_CHARACTERS: readonly string[] = ['*'];

/** The characters that ask the server for completions on their own (see `provideCompletions`). */
export const COMPLETION_TRIGGER_CHARACTERS: readonly string[] = ['=', ',', ' ', ...CONFIG_TRIGGER_CHARACTERS];

/**
 * Whether an LSP client (`clientInfo.name`, VS Code's `env.appName`) is VS Code or one of its
 * builds, which run `editor.action.triggerSuggest`. A name merely containing `code` (CodeLite,
 * Xcode) is not: such a client would fail on the unknown command, while a VS Code build missed
 * here only does not reopen the suggestions by itself.
 */
export function runsTriggerSuggest(clientName: string | undefined): boolean {
  return /^(Visual Studio Code|Code - OSS|VSCodium|code-server|Cursor|Windsurf|Positron)\b/i.test(clientName ?? '');
}

export interface CompletionRequest {
  text: string;
  position: Position;
  kind: DocumentKind;
  /**
   * The character whose typing asked (LSP `TriggerCharacter`); undefined when the user asked or
   * typed a word. Only pragma and annotation contexts answer a trigger character (the others
   * would pop up on every space typed), and `.infra-guide.yaml` aliases the `*` that starts them.
   */
  triggerCharacter?: string | undefined;
  /** The config that applies to the document, read only when a context needs it. */
  config?: (() => InfraGuideConfig) | undefined;
  /**
   * The client takes `InsertReplaceEdit`s (LSP 3.16 `completionItem.insertReplaceSupport`): an
   * item replacing text after the cursor then says both ranges, and the user's setting
   * (`editor.suggest.insertMode`) picks one. Without it, edits end at the cursor: picking an item
   * never destroys the text after it.
   */
  insertReplace?: boolean | undefined;
  /** Items that end where more can be completed reopen the suggestions (VS Code clients only). */
  retrigger?: boolean | undefined;
  /** Told when a context failed (a bug: it then answers nothing rather than fail the request). */
  onError?: ((error: unknown) => void) | undefined;
}

/**
 * Completion items at a position; [] outside our syntax. Never throws: half-typed input is the
 * normal case, and a context that fails answers nothing (and is told to `onError`).
 */
export function provideCompletions(request: CompletionRequest): CompletionItem[] {
  try {
    const items = completionItems(request);
    return items.length === 0 ? items : items.map((item) => withInsertRange(item, request.position, !!request.insertReplace));
  } catch (e) {
    request.onError?.(e);
    return [];
  }
}

function completionItems(request: CompletionRequest): CompletionItem[] {
  const index = new TextIndex(request.text);
  const line = request.position.line;
  if (line < 0 || line >= index.lineCount) return [];
  const lineText = index.lineText(line);
  const character = Math.max(0, Math.min(request.position.character, lineText.length));
  let config: InfraGuideConfig | undefined;
  const ctx: CompletionContext = {
    text: request.text,
    kind: request.kind,
    line,
    character,
    lineText,
    index,
    triggerCharacter: request.triggerCharacter,
    retrigger: !!request.retrigger,
    config: () => (config ??= request.config?.() ?? defaultConfig()),
  };
  if (request.triggerCharacter !== undefined && CONFIG_TRIGGER_CHARACTERS.includes(request.triggerCharacter)) {
    return request.kind === 'infra-guide-config' ? configCompletions(ctx) : [];
  }
  const pragma = pragmaCompletions(ctx);
  if (pragma) return pragma;
  if (request.kind === 'kubernetes' || request.kind === 'compose') {
    const annotation = annotationCompletions(ctx);
    if (annotation) return annotation;
  }
  // Contexts that answer typing and explicit requests only.
  if (request.triggerCharacter !== undefined) return [];
  if (request.kind === 'infra-guide-config') return configCompletions(ctx);
  if (request.kind === 'commit-message') return commitCompletions(ctx);
  return [];
}

/**
 * The contexts give each item the range it replaces (the word around the cursor, and what belongs
 * to it). Where that runs past the cursor, the insert range is the part before it: both ranges
 * for clients that take them, the insert range alone for the others.
 */
function withInsertRange(item: CompletionItem, position: Position, insertReplace: boolean): CompletionItem {
  const edit = item.textEdit as TextEdit | undefined;
  const cursor = Math.max(0, position.character); // the contexts' ranges hold the clamped cursor
  if (edit === undefined || edit.range.end.character <= cursor) return item;
  const insert = lineRange(edit.range.start.line, edit.range.start.character, cursor);
  return { ...item, textEdit: insertReplace ? { newText: edit.newText, insert, replace: edit.range } : { newText: edit.newText, range: insert } };
}
