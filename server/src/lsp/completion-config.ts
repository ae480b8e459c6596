// Completions in `.infra-guide.yaml`: rule ids as keys under `rules:`, the levels as their values
// (or under `level:`), `level`/`options` in a rule's mapping, and option names under `options:`
// of a known rule. The file being edited rarely parses: a marker is put at the cursor and the
// text parsed as YAML (errors tolerated); the path of keys to the scalar holding the marker,
// with the lines of those keys, says what is being typed. A merge key's value (`<<: *base`) or
// an alias being typed gets the names of the anchors written before it.
import { isAlias, isMap, isPair, isScalar, isSeq, parseDocument, Scalar, visit, type Document, type Node } from 'yaml';
import { CompletionItemKind, MarkupKind, type CompletionItem, type Range as LspRange } from 'vscode-languageserver';
import { RULE_LEVELS } from '../engine/config';
import { allRules, getRule } from '../engine/registry';
import { TextIndex } from '../engine/text';
import type { RuleMeta } from '../engine/types';
import { lineRange, RETRIGGER_COMMAND, ruleIdItem, runAfter, type CompletionContext } from './completion-items';

/** Put at the cursor: a plain scalar wherever a key or value may start, unlikely in a config. */
const MARKER = '__infraGuideCompletion__';
const TOKEN_CHAR = /[A-Za-z0-9_./-]/;

/** One key on the way from the root to the marker. */
interface Step {
  /** The pair's key as a string ('' when it is not a scalar). */
  key: string;
  /** Line of the pair's key. */
  keyLine: number;
  /** Whether the marker is in the pair's key (else in its value). */
  inKey: boolean;
  /** The mapping holding the pair: its other keys are already written. */
  siblings: string[];
  /** An item of a sequence rather than a pair (key ''). */
  seq?: boolean;
}

type ConfigContext =
  | { what: 'rule-id'; written: string[] }
  | { what: 'level'; ruleId: string }
  | { what: 'rule-key'; written: string[] }
  | { what: 'option'; ruleId: string; written: string[] };

interface MarkerPath {
  steps: Step[];
  /** Line of the scalar or alias holding the marker. */
  line: number;
  /** What precedes the marker in that scalar's value or alias's name. */
  typed: string;
  /** Whether an alias (`*name`) holds the marker. */
  alias: boolean;
}

/** The keys from the root to the scalar or alias holding the marker, and its line; undefined when none does. */
function pathToMarker(root: unknown, index: TextIndex): MarkerPath | undefined {
  const lineOf = (node: Node | null | undefined): number => (node?.range ? index.positionAt(node.range[0]).line : -1);
  const markedText = (node: unknown): string | undefined => {
    if (isAlias(node)) return node.source;
    const plain = isScalar(node) && typeof node.value === 'string' && node.type !== Scalar.BLOCK_LITERAL && node.type !== Scalar.BLOCK_FOLDED;
    return plain ? (node.value as string) : undefined;
  };
  const found = (node: unknown, steps: Step[], line: number): MarkerPath | undefined => {
    const text = markedText(node);
    const at = text?.indexOf(MARKER) ?? -1;
    return at < 0 ? undefined : { steps, line, typed: text!.slice(0, at), alias: isAlias(node) };
  };
  // Explicit stack: a config can nest deeper than the call stack allows.
  const stack: { node: unknown; steps: Step[] }[] = [{ node: root, steps: [] }];
  while (stack.length > 0) {
    const { node, steps } = stack.pop()!;
    const here = found(node, steps, lineOf(node as Node));
    if (here) return here;
    if (isMap(node)) {
      const siblings = node.items.map((p) => (isScalar(p.key) ? String(p.key.value) : ''));
      for (const pair of node.items) {
        if (!isPair(pair)) continue;
        const key = isScalar(pair.key) ? String(pair.key.value) : '';
        const keyLine = lineOf(pair.key as Node | null);
        const inKey = found(pair.key, [...steps, { key, keyLine, inKey: true, siblings }], keyLine);
        if (inKey) return inKey;
        if (pair.value) stack.push({ node: pair.value, steps: [...steps, { key, keyLine, inKey: false, siblings }] });
      }
    } else if (isSeq(node)) {
      // Items of a sequence are not keys of ours: only a merge key's list (`<<: [*a, |]`) is a context.
      for (const item of node.items) stack.push({ node: item, steps: [...steps, { key: '', keyLine: -1, inKey: false, siblings: [], seq: true }] });
    }
  }
  return undefined;
}

/** What the cursor is typing, from the keys above it. */
function contextOf(steps: Step[], line: number): ConfigContext | undefined {
  if (steps.some((s) => s.seq || s.key === '<<')) return undefined;
  const [rules, rule, sub, option] = steps;
  if (!rules || rules.key !== 'rules' || rules.inKey) return undefined;
  // `rules:` then, on a later line, a scalar: a rule id being typed (a key without its colon yet).
  if (!rule) return line > rules.keyLine ? { what: 'rule-id', written: [] } : undefined;
  if (rule.inKey) return steps.length === 2 ? { what: 'rule-id', written: rule.siblings } : undefined;
  if (!sub) return line > rule.keyLine ? { what: 'rule-key', written: [] } : { what: 'level', ruleId: rule.key };
  if (sub.inKey) return steps.length === 3 ? { what: 'rule-key', written: sub.siblings } : undefined;
  if (sub.key === 'level') return steps.length === 3 && line === sub.keyLine ? { what: 'level', ruleId: rule.key } : undefined;
  if (sub.key !== 'options') return undefined;
  if (!option) return line > sub.keyLine ? { what: 'option', ruleId: rule.key, written: [] } : undefined;
  return option.inKey && steps.length === 4 ? { what: 'option', ruleId: rule.key, written: option.siblings } : undefined;
}

/** Completions in a `.infra-guide.yaml` at the cursor; [] where it is not typing a key or level of ours. */
export function configCompletions(ctx: CompletionContext): CompletionItem[] {
  const { line, character, lineText } = ctx;
  const before = lineText.slice(0, character);
  // In a comment, or right after a colon (`id:|`, where a space must come first).
  if (before.includes('#') || before.endsWith(':')) return [];
  const offset = ctx.index.offsetAt({ line, character });
  const text = ctx.text.slice(0, offset) + MARKER + ctx.text.slice(offset);
  const doc = parseDocument(text, { prettyErrors: false, logLevel: 'silent', uniqueKeys: false, strict: false, keepSourceTokens: false });
  const found = pathToMarker(doc.contents, new TextIndex(text));
  if (!found) return [];

  let typed = 0;
  while (typed < character && TOKEN_CHAR.test(lineText[character - typed - 1]!)) typed++;
  const start = character - typed;
  const end = character + runAfter(lineText, character, TOKEN_CHAR);
  const range = lineRange(line, start, end);

  // An alias being typed, or a merge key's value (`<<: |`, `<<: [*a, |]`): the anchors before it.
  const steps = found.steps.filter((s, i) => !(s.seq && i === found.steps.length - 1));
  const merge = steps.length > 0 && steps[steps.length - 1]!.key === '<<' && !steps[steps.length - 1]!.inKey;
  if (found.alias || merge) {
    const star = start > 0 && lineText[start - 1] === '*' ? 1 : 0;
    return anchorItems(doc, offset, merge, lineRange(line, start - star, end));
  }
  // Only what a key, level or option name is made of comes before the cursor (not `<<`).
  const context = /^[A-Za-z0-9_./-]*$/.test(found.typed) ? contextOf(found.steps, found.line) : undefined;
  if (!context) return [];
  // A key typed at the end of its line gets its `: ` (a quoted one is closed by the user first).
  const quoted = start > 0 && /["']/.test(lineText[start - 1]!);
  const keySuffix = !quoted && lineText.slice(end).trim() === '' ? ': ' : '';
  const command = ctx.retrigger && keySuffix ? RETRIGGER_COMMAND : undefined;
  const withCommand = (item: CompletionItem): CompletionItem => (command ? { ...item, command } : item);

  switch (context.what) {
    case 'rule-id': {
      const written = new Set(context.written);
      return allRules
        .filter((r) => !written.has(r.meta.id))
        .map((r) => withCommand({ ...ruleIdItem(r.meta, range, 0, r.meta.id + keySuffix), detail: `${r.meta.title} (default: ${r.meta.severity})` }));
    }
    case 'level':
      return levelItems(getRule(context.ruleId)?.meta, range);
    case 'rule-key': {
      const keys = [
        { key: 'level', doc: 'The rule\'s level: `off`, `info`, `warning` or `error`.' },
        { key: 'options', doc: 'The rule\'s options (see its documentation).' },
      ];
      return keys
        .filter((k) => !context.written.includes(k.key))
        .map(({ key, doc }, i) => {
          const item: CompletionItem = {
            label: key,
            kind: CompletionItemKind.Property,
            documentation: { kind: MarkupKind.Markdown, value: doc },
            sortText: String(i),
            textEdit: { range, newText: key === 'level' ? key + keySuffix : key + (keySuffix ? ':' : '') },
          };
          return key === 'level' ? withCommand(item) : item;
        });
    }
    case 'option': {
      const meta = getRule(context.ruleId)?.meta;
      const defaults = meta?.defaultOptions ?? {};
      return Object.keys(defaults)
        .filter((name) => !context.written.includes(name))
        .map((name) => ({
          label: name,
          kind: CompletionItemKind.Property,
          detail: meta!.optionDocs?.[name],
          documentation: { kind: MarkupKind.Markdown, value: `Default: \`${JSON.stringify(defaults[name])}\`` },
          textEdit: { range, newText: name + keySuffix },
        }));
    }
  }
}

/** `*name` for each anchor written before `offset` outside the node holding it (mappings only for a merge key). */
function anchorItems(doc: Document, offset: number, mappingsOnly: boolean, range: LspRange): CompletionItem[] {
  const seen = new Set<string>();
  const items: CompletionItem[] = [];
  visit(doc, (_key, node) => {
    if (!(isMap(node) || isSeq(node) || isScalar(node)) || !node.anchor || !node.range) return;
    const [from, , to] = node.range;
    // Anchors are written before their aliases; one holding the cursor would refer to itself.
    if (from > offset) return visit.BREAK;
    if (to >= offset || (mappingsOnly && !isMap(node)) || seen.has(node.anchor)) return;
    seen.add(node.anchor);
    items.push({ label: `*${node.anchor}`, kind: CompletionItemKind.Reference, textEdit: { range, newText: `*${node.anchor}` } });
  });
  return items;
}

const LEVEL_DOCS: Readonly<Record<string, string>> = {
  off: 'The rule does not run.',
  info: 'Findings are shown as information.',
  warning: 'Findings are warnings (`infra-guide check` fails on them by default).',
  error: 'Findings are errors.',
};

function levelItems(meta: RuleMeta | undefined, range: LspRange): CompletionItem[] {
  return RULE_LEVELS.map((level, i) => ({
    label: level,
    kind: CompletionItemKind.EnumMember,
    ...(meta?.severity === level ? { detail: 'default' } : {}),
    documentation: LEVEL_DOCS[level],
    sortText: String(i),
    textEdit: { range, newText: level },
  }));
}
