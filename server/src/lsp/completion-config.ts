// Completions in `.infra-guide.yaml`: rule ids as keys under `rules:`, the levels as their values
// (or under `level:`), `level`/`options` in a rule's mapping, and option names under `options:`
// of a known rule. The file being edited rarely parses: a marker is put at the cursor and the
// text parsed as YAML (errors tolerated); the path of keys to the scalar holding the marker,
// with the lines of those keys, says what is being typed. A merge key's value (`<<: *base`) or
// an alias being typed gets the names of the anchors written before it (also as its `*` is
// typed, a trigger character); in an anchored `x-…` block, the context is that of where its
// aliases use it.
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
  /** The node below this step: the pair's value (its key when `inKey`), or the item. */
  value: unknown;
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

/**
 * Walks the nodes under `root` (keys included) with the keys from the root to each, until `visitor`
 * returns something; an explicit stack, as a config can nest deeper than the call stack allows.
 */
function walk<T>(root: unknown, index: TextIndex, visitor: (node: unknown, steps: Step[], line: number) => T | undefined): T | undefined {
  const lineOf = (node: unknown): number => {
    const range = (node as Node | null | undefined)?.range;
    return range ? index.positionAt(range[0]).line : -1;
  };
  const stack: { node: unknown; steps: Step[] }[] = [{ node: root, steps: [] }];
  while (stack.length > 0) {
    const { node, steps } = stack.pop()!;
    const here = visitor(node, steps, lineOf(node));
    if (here !== undefined) return here;
    if (isMap(node)) {
      const siblings = node.items.map((p) => (isScalar(p.key) ? String(p.key.value) : ''));
      for (const pair of node.items) {
        if (!isPair(pair)) continue;
        const key = isScalar(pair.key) ? String(pair.key.value) : '';
        const keyLine = lineOf(pair.key);
        const inKey = visitor(pair.key, [...steps, { key, keyLine, inKey: true, siblings, value: pair.key }], keyLine);
        if (inKey !== undefined) return inKey;
        if (pair.value) stack.push({ node: pair.value, steps: [...steps, { key, keyLine, inKey: false, siblings, value: pair.value }] });
      }
    } else if (isSeq(node)) {
      // Items of a sequence are not keys of ours: only a merge key's list (`<<: [*a, |]`) is a context.
      for (const item of node.items) stack.push({ node: item, steps: [...steps, { key: '', keyLine: -1, inKey: false, siblings: [], seq: true, value: item }] });
    }
  }
  return undefined;
}

/** The keys from the root to the scalar or alias holding the marker, and its line; undefined when none does. */
function pathToMarker(root: unknown, index: TextIndex): MarkerPath | undefined {
  const markedText = (node: unknown): string | undefined => {
    if (isAlias(node)) return node.source;
    const plain = isScalar(node) && typeof node.value === 'string' && node.type !== Scalar.BLOCK_LITERAL && node.type !== Scalar.BLOCK_FOLDED;
    return plain ? (node.value as string) : undefined;
  };
  return walk(root, index, (node, steps, line) => {
    const text = markedText(node);
    const at = text?.indexOf(MARKER) ?? -1;
    return at < 0 ? undefined : { steps, line, typed: text!.slice(0, at), alias: isAlias(node) };
  });
}

/** At most this many places an anchored block is used through aliases are looked at (alias bombs). */
const MAX_ALIAS_USES = 64;

/**
 * The context of a marker in an anchored block (`x-base: &b`) from where aliases use it: the keys
 * of a block merged into `rules:` (`<<: *b`) are rule ids, a block aliased as a rule's value
 * (`id: *b`) holds `level`/`options`, and so on, through chains of blocks. The keys above the
 * anchored node are replaced by those above the alias; the anchored node's line stays, as it is
 * what the marker's line is compared with.
 */
function contextThroughAliases(root: unknown, index: TextIndex, found: MarkerPath): ConfigContext | undefined {
  const anchors = new Map<string, number[]>();
  const aliases: { source: string; offset: number; steps: Step[] }[] = [];
  walk(root, index, (node, steps) => {
    if (steps[steps.length - 1]?.inKey) return undefined;
    if (isAlias(node) && node.range) aliases.push({ source: node.source, offset: node.range[0], steps });
    else if ((isMap(node) || isSeq(node) || isScalar(node)) && node.anchor && node.range) {
      const offsets = anchors.get(node.anchor) ?? [];
      offsets.push(node.range[0]);
      anchors.set(node.anchor, offsets);
    }
    return undefined;
  });
  /** Whether an alias refers to the anchored node at `at`: the last anchor of its name before it. */
  const refersTo = (alias: { source: string; offset: number }, at: number): boolean =>
    (anchors.get(alias.source) ?? []).reduce((last, o) => (o < alias.offset && o > last ? o : last), -1) === at;
  let budget = MAX_ALIAS_USES;
  const resolve = (steps: Step[]): ConfigContext | undefined => {
    for (let i = steps.length - 1; i >= 0; i--) {
      const node = steps[i]!.value;
      if (!(isMap(node) || isSeq(node) || isScalar(node)) || !node.anchor || !node.range) continue;
      const uses = aliases.filter((a) => a.source === node.anchor && refersTo(a, node.range![0]));
      for (const use of uses) {
        if (--budget < 0) return undefined;
        let target = use.steps;
        if (target[target.length - 1]?.seq) target = target.slice(0, -1);
        const merged = target[target.length - 1]?.key === '<<';
        if (merged) target = target.slice(0, -1);
        else if (target !== use.steps) continue;
        // Merged at the root: the block's keys are top-level keys.
        const joint = target.length > 0 ? [{ ...target[target.length - 1]!, keyLine: steps[i]!.keyLine }] : [];
        const through = [...target.slice(0, -1), ...joint, ...steps.slice(i + 1)];
        const context = contextOf(through, found.line) ?? (through[0]?.key.startsWith('x-') ? resolve(through) : undefined);
        if (context) return context;
      }
      if (uses.length > 0) return undefined;
    }
    return undefined;
  };
  return resolve(found.steps);
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
  const index = new TextIndex(text);
  const found = pathToMarker(doc.contents, index);
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
    // `**` is no alias of an anchor of ours (a glob being typed unquoted, say).
    if (found.typed.includes('*')) return [];
    const star = start > 0 && lineText[start - 1] === '*' ? 1 : 0;
    return anchorItems(doc, offset, merge, lineRange(line, start - star, end));
  }
  // The `*` that triggers (see `CONFIG_TRIGGER_CHARACTERS`) asks for anchor names only.
  if (ctx.triggerCharacter !== undefined) return [];
  // Only what a key, level or option name is made of comes before the cursor (not `<<`).
  const fits = /^[A-Za-z0-9_./-]*$/.test(found.typed);
  // In an `x-…` block: the context of where it is used through aliases.
  const inBlock = found.steps[0]?.key.startsWith('x-') ?? false;
  const context = !fits ? undefined : inBlock ? contextThroughAliases(doc.contents, index, found) : contextOf(found.steps, found.line);
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
