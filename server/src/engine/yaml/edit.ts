// Text edits that add keys to existing YAML mappings without re-serialising the document:
// everything outside the inserted lines (comments, quoting, blank lines, indentation style)
// stays byte-for-byte. Used by the Kubernetes and Compose quick fixes; generic enough for
// any pack that needs "add this block to that mapping".
//
// Values to insert are a small tree: a string is pre-rendered scalar (or flow) text written
// as is (`"128Mi"`, `/health`, `["CMD", "true"]`), an object is a nested mapping. Existing
// keys are never changed: `mergeIntoMap` only fills in what is missing, recursing into
// mappings that already exist.
import type { Node, Pair, YAMLMap } from 'yaml';
import type { TextEdit } from '../types';
import { isInsideAliasedNode, perView, type YamlDocumentView } from './model';
import { isMapNode, isScalarNode } from './node-class';

export type BlockValue = string | { readonly [key: string]: BlockValue };
export type BlockEntries = { readonly [key: string]: BlockValue };

interface RawEdit {
  start: number;
  end: number;
  text: string;
  /** The line that `start` begins, when known (an insertion before a line): no position lookup then. */
  line?: number;
}

/** The last pair of a mapping with this plain key (later duplicates win, as in kubectl). */
export function ownPair(map: YAMLMap, key: string): Pair | undefined {
  let found: Pair | undefined;
  for (const item of map.items) {
    if (isScalarNode(item.key) && String(item.key.value) === key) found = item as Pair;
  }
  return found;
}

function hasMergeKey(map: YAMLMap): boolean {
  for (const p of map.items) if (isScalarNode(p.key) && p.key.value === '<<') return true;
  return false;
}

/** Column (0-based) of a node's first character. */
export function columnOf(view: YamlDocumentView, offset: number): number {
  return view.index.positionAt(offset).character;
}

/**
 * The indentation step the document uses (2 or 4 …): the first top-level key whose value is
 * a block mapping tells it. Falls back to 2.
 */
export function detectIndentUnit(view: YamlDocumentView): number {
  const context = editContext(view);
  return (context.unit ||= scanIndentUnit(view));
}

/**
 * What every fix in a document asks, worked out once per document and kept on the view (see
 * `perView` for why not in a WeakMap keyed by the view): its indentation unit (0 until asked),
 * and whether it may have an alias (`*a` and `&a`): without one, no node is aliased.
 */
const editContext = perView((view): { unit: number; aliases: boolean } => ({ unit: 0, aliases: view.text.includes('*') && view.text.includes('&') }));

function scanIndentUnit(view: YamlDocumentView): number {
  const root = view.doc.contents;
  if (isMapNode(root) && !root.flow) {
    for (const pair of root.items) {
      const v = pair.value;
      const k = pair.key as Node | null;
      if (isMapNode(v) && !v.flow && v.items.length > 0 && k?.range) {
        const childKey = v.items[0]!.key as Node | null;
        if (!childKey?.range) continue;
        const diff = columnOf(view, entryStart(view, childKey.range[0])) - columnOf(view, entryStart(view, k.range[0]));
        if (diff > 0 && diff <= 8) return diff;
      }
    }
  }
  return 2;
}

function isEmptyEntries(entries: BlockEntries): boolean {
  for (const _ in entries) return false;
  return true;
}

// Fix text is rendered for every finding, applied or not: strings are built directly, without
// `Object.entries` pairs or intermediate line arrays.

/** Indentation strings by width (`String.prototype.repeat` was a visible share of fix time). */
const PADS: string[] = [];
function spaces(n: number): string {
  return (PADS[n] ??= ' '.repeat(n));
}

/** The lines of one `key: value` entry at an indentation, each followed by `eol`. */
function renderEntry(key: string, value: BlockValue, indent: number, unit: number, eol: string): string {
  const pad = spaces(indent);
  if (typeof value === 'string') return pad + key + ': ' + value + eol;
  if (isEmptyEntries(value)) return pad + key + ': {}' + eol;
  return pad + key + ':' + eol + renderBlock(value, indent + unit, unit, eol);
}

/** Block lines for `entries` at an indentation, each followed by `eol`. */
function renderBlock(entries: BlockEntries, indent: number, unit: number, eol: string): string {
  const frozen = Object.isFrozen(entries);
  const cached = frozen ? renderedBlocks.get(entries) : undefined;
  if (cached) {
    for (const r of cached) if (r.indent === indent && r.unit === unit && r.eol === eol) return r.text;
  }
  let text = '';
  for (const k in entries) text += renderEntry(k, entries[k]!, indent, unit, eol);
  if (frozen) {
    if (!cached) renderedBlocks.set(entries, [{ indent, unit, eol, text }]);
    else if (cached.length < MAX_RENDERINGS) cached.push({ indent, unit, eol, text });
  }
  return text;
}

/**
 * Lines rendered for frozen entries, by indentation, unit and line break. A rule that passes the
 * same frozen value for each finding (the skeleton its options make) has it rendered once per
 * indentation instead of line by line for every finding. (Freeze only values kept for reuse:
 * a value frozen anew per finding would be rendered and stored for nothing.)
 */
const renderedBlocks = new WeakMap<BlockEntries, { indent: number; unit: number; eol: string; text: string }[]>();
const MAX_RENDERINGS = 8;

/** `{a: 1, b: {c: 2}}` */
export function renderFlow(value: BlockValue): string {
  if (typeof value === 'string') return value;
  return `{${Object.entries(value)
    .map(([k, v]) => `${k}: ${renderFlow(v)}`)
    .join(', ')}}`;
}

/** Whether a UTF-16 code unit is one that `\s` matches in a JavaScript regular expression. */
function isJsWhitespace(c: number): boolean {
  if (c <= 32) return c === 32 || (c >= 9 && c <= 13);
  if (c < 0xa0) return false;
  return c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff;
}

/** Offset (and line) of the start of the line after the one holding the last non-blank character before `end`. */
function lineAfterContent(view: YamlDocumentView, end: number): { offset: number; line: number; atEof: boolean } {
  const text = view.text;
  let o = Math.min(end, text.length);
  // (Code units, not a regular expression per character: fixes are computed for every finding.)
  while (o > 0 && isJsWhitespace(text.charCodeAt(o - 1))) o--;
  const line = view.index.positionAt(Math.max(0, o - 1)).line;
  const next = view.index.lineStarts[line + 1];
  // A text cut inside a CRLF ends with a lone `\r`: a line break to the position index (as in
  // LSP), not to the YAML parser, which would read inserted lines as part of the last one.
  if (next === undefined || (next === text.length && text.endsWith('\r'))) return { offset: text.length, line: -1, atEof: true };
  return { offset: next, line: line + 1, atEof: false };
}

/** Inserts `block` (lines each ending with the document's line break) after a line. */
function lineInsert(view: YamlDocumentView, afterEnd: number, block: string): RawEdit {
  const { offset, line, atEof } = lineAfterContent(view, afterEnd);
  if (!atEof) return { start: offset, end: offset, text: block, line };
  // At the end of a text without a final line break, the break goes first; a final lone `\r`
  // is completed to `\r\n` rather than followed by a second break.
  const lead = view.text.endsWith('\r') ? '\n' : view.eol;
  return { start: offset, end: offset, text: lead + block.slice(0, block.length - view.eol.length) };
}

/** End offset of a pair's content (value, else key). */
function pairEnd(pair: Pair): number | undefined {
  const v = pair.value as Node | null;
  const k = pair.key as Node | null;
  return v?.range?.[1] ?? k?.range?.[1];
}

/**
 * A `|+` / `>+` block scalar owns its trailing blank lines: insert after them (its range ends
 * at a line start), not after its last visible line.
 */
function keptBlockScalarEnd(view: YamlDocumentView, node: unknown): number | undefined {
  if (!isScalarNode(node) || !node.range || (node.type !== 'BLOCK_LITERAL' && node.type !== 'BLOCK_FOLDED')) return undefined;
  const header = /^[|>][0-9+-]*/.exec(view.text.slice(node.range[0], node.range[0] + 4))?.[0] ?? '';
  if (!header.includes('+')) return undefined;
  const end = node.range[1];
  const lineStart = view.index.lineStarts[view.index.positionAt(end).line];
  return lineStart === end ? end : undefined;
}

export interface MergeOptions {
  /** Indentation step; detected from the document by default. */
  unit?: number;
  /**
   * Keys a new key should be inserted before when they exist (e.g. `{requests: ['limits']}`
   * keeps `requests` above `limits`). Applies at every level.
   */
  before?: Readonly<Record<string, readonly string[]>>;
}

interface Ctx {
  view: YamlDocumentView;
  unit: number;
  before: Readonly<Record<string, readonly string[]>>;
  edits: RawEdit[];
}

/** The existing pair a new key should precede, if any. */
function precedingTarget(ctx: Ctx, map: YAMLMap, key: string): Pair | undefined {
  const targets = ctx.before[key];
  if (!targets) return undefined;
  for (const item of map.items) {
    if (isScalarNode(item.key) && targets.includes(String(item.key.value))) return item as Pair;
  }
  return undefined;
}

/** Start of the line of a node if only blanks precede it there (so lines can be inserted before it). */
function ownLineStart(view: YamlDocumentView, offset: number): number | undefined {
  const pos = view.index.positionAt(offset);
  const lineStart = view.index.lineStarts[pos.line]!;
  return /^[ \t]*$/.test(view.text.slice(lineStart, offset)) ? lineStart : undefined;
}

/**
 * Offset where the block mapping entry of a key starts: before the key's anchor or tag
 * (`&a name:`, `!!str name:`) and the explicit-key indicator (`? name`) on its line — the key
 * node's range covers neither, and lines indented to the key itself would not parse.
 */
function entryStart(view: YamlDocumentView, keyStart: number): number {
  const text = view.text;
  let start = keyStart;
  for (;;) {
    let o = start;
    while (o > 0 && (text[o - 1] === ' ' || text[o - 1] === '\t')) o--;
    let t = o;
    while (t > 0 && text[t - 1] !== ' ' && text[t - 1] !== '\t' && text[t - 1] !== '\n' && text[t - 1] !== '\r') t--;
    const first = text[t];
    if (t < o && ((first === '?' && o === t + 1) || first === '&' || first === '!')) start = t;
    else return start;
  }
}

/** End offset of the entry before `pair` in its mapping (0 for the first). */
function previousEnd(map: YAMLMap, pair: Pair): number {
  const i = map.items.indexOf(pair);
  return i > 0 ? (pairEnd(map.items[i - 1]!) ?? 0) : 0;
}

/**
 * Start of the comment lines directly above the line at `lineStart` (no blank line between),
 * written at the entry's column `col` and after `floor` (the previous entry's end): they
 * belong to that entry, and a line inserted before it goes above them.
 */
function attachedCommentsStart(view: YamlDocumentView, lineStart: number, col: number, floor: number): number {
  const { text, index } = view;
  let line = index.positionAt(lineStart).line;
  let start = lineStart;
  while (line > 0) {
    const prev = index.lineStarts[line - 1]!;
    if (prev < floor) break;
    let o = prev;
    while (text[o] === ' ' || text[o] === '\t') o++;
    if (text[o] !== '#' || o - prev !== col) break;
    start = prev;
    line--;
  }
  return start;
}

/** The column of a block mapping's keys; undefined for a mapping without a positioned key. */
function keyColumn(view: YamlDocumentView, map: YAMLMap): number | undefined {
  const k = map.items[0]?.key as Node | null | undefined;
  return k?.range ? entryColumn(view.text, entryStart(view, k.range[0])) : undefined;
}

/**
 * `columnOf` for the start of an entry (never inside a line break): the distance back to the
 * line's start, without a position lookup.
 */
function entryColumn(text: string, offset: number): number {
  let start = offset;
  while (start > 0) {
    const c = text.charCodeAt(start - 1);
    if (c === 10 || c === 13) break;
    start--;
  }
  return offset - start;
}

/**
 * Replaces an empty value (`key:`, `key: ~`, `key: {}`) of a block pair by an indented block.
 * False when that has no safe edit.
 */
function fillEmptyValue(ctx: Ctx, pair: Pair, entries: BlockEntries): boolean {
  const { view, unit, edits } = ctx;
  const key = pair.key as Node | null;
  if (!key?.range) return false; // a key without position
  const entry = entryStart(view, key.range[0]);
  // `? key` with an empty value: lines below it would extend the key, not the value.
  if (view.text[entry] === '?') return false;
  const keyCol = columnOf(view, entry);
  const value = pair.value as Node | null;
  if (value && (value as { anchor?: string }).anchor) return false; // an anchored value
  let end = key.range[1];
  if (value?.range && value.range[1] > value.range[0]) {
    // Remove `~` / `null` / `{}` and the blanks before it: `resources: {}` → `resources:`.
    let start = value.range[0];
    while (start > 0 && (view.text[start - 1] === ' ' || view.text[start - 1] === '\t')) start--;
    edits.push({ start, end: value.range[1], text: '' });
    end = value.range[1];
  }
  edits.push(lineInsert(view, end, renderBlock(entries, keyCol + unit, unit, view.eol)));
  return true;
}

function isEmptyValue(node: unknown): boolean {
  if (node === null || node === undefined) return true;
  if (isScalarNode(node)) return node.value === null || node.value === undefined;
  if (isMapNode(node)) return node.flow === true && node.items.length === 0;
  return false;
}

function mergeBlock(ctx: Ctx, map: YAMLMap, entries: BlockEntries): boolean {
  const { view, unit, edits } = ctx;
  const eol = view.eol;
  /** Lines of the keys added after the mapping's last entry. */
  let missing = '';
  const col = map.items.length > 0 ? keyColumn(view, map) : 0;
  if (col === undefined) return false;
  let mergeKey: boolean | undefined;
  for (const k in entries) {
    const v = entries[k]!;
    let pair: Pair | undefined;
    if (mergeKey === undefined) {
      // `ownPair` and `hasMergeKey` in one pass over the mapping (fixes usually add one key).
      mergeKey = false;
      for (const item of map.items) {
        const key = item.key;
        if (!isScalarNode(key)) continue;
        if (key.value === '<<') mergeKey = true;
        if (String(key.value) === k) pair = item as Pair;
      }
    } else {
      pair = ownPair(map, k);
    }
    if (!pair) {
      // A key inherited through `<<: *anchor` cannot be completed without editing the anchor.
      if (typeof v !== 'string' && mergeKey) return false;
      const target = precedingTarget(ctx, map, k);
      const at = target && (target.key as Node | null)?.range ? ownLineStart(view, entryStart(view, (target.key as Node).range![0])) : undefined;
      if (at !== undefined) {
        const start = attachedCommentsStart(view, at, col, previousEnd(map, target!));
        edits.push({ start, end: start, text: renderEntry(k, v, col, unit, eol) });
        continue;
      }
      missing += renderEntry(k, v, col, unit, eol);
      continue;
    }
    if (typeof v === 'string') continue;
    const value = pair.value;
    if (isEmptyValue(value)) {
      if (!isEmptyEntries(v) && !fillEmptyValue(ctx, pair, v)) return false;
    } else if (isMapNode(value)) {
      if (!mergeInto(ctx, value, v)) return false;
    } else {
      return false; // the value is an alias, or not a mapping
    }
  }
  if (missing === '') return true;
  const append = appendAfterLast(view, map, missing);
  if (!append) return false;
  edits.push(append);
  return true;
}

/**
 * The edit adding `lines` (entries at the mapping's column) after a block mapping's last entry:
 * after the trailing blank lines a `|+` scalar keeps, else after its last line with text.
 */
function appendAfterLast(view: YamlDocumentView, map: YAMLMap, lines: string): RawEdit | undefined {
  const last = map.items[map.items.length - 1];
  if (!last) return undefined; // an empty block mapping
  const end = pairEnd(last);
  if (end === undefined) return undefined; // no position
  const kept = keptBlockScalarEnd(view, last.value);
  return kept !== undefined ? { start: kept, end: kept, text: lines } : lineInsert(view, end, lines);
}

/**
 * Whether a block mapping has none of the keys to add (nor a `<<` merge key that may supply one)
 * and no key must go before another: then they all go after its last entry.
 */
function lacksEveryKey(map: YAMLMap, entries: BlockEntries, before: Readonly<Record<string, readonly string[]>>): boolean {
  let keys = 0;
  for (const k in entries) {
    if (before[k] !== undefined) return false;
    keys++;
  }
  if (keys === 0 || map.flow || map.anchor) return false;
  for (const item of map.items) {
    const key = item.key;
    if (!isScalarNode(key)) continue;
    const v = key.value;
    if (v === '<<' || isEntryKey(entries, typeof v === 'string' ? v : String(v))) return false;
  }
  return true;
}

/**
 * `Object.hasOwn(entries, key)` by comparing with the few keys a fix adds: a parsed key is not an
 * internalized string, and `hasOwn` looked each one up in V8's string table (~2% of the Compose rules' time).
 */
function isEntryKey(entries: BlockEntries, key: string): boolean {
  for (const k in entries) if (k === key) return true;
  return false;
}

function mergeFlow(ctx: Ctx, map: YAMLMap, entries: BlockEntries): boolean {
  const { edits } = ctx;
  const parts: string[] = [];
  for (const [k, v] of Object.entries(entries)) {
    const pair = ownPair(map, k);
    if (!pair) {
      if (hasMergeKey(map) && typeof v !== 'string') return false; // the key may come from a merge
      const target = precedingTarget(ctx, map, k);
      const at = (target?.key as Node | null | undefined)?.range?.[0];
      if (at !== undefined) {
        edits.push({ start: at, end: at, text: `${k}: ${renderFlow(v)}, ` });
        continue;
      }
      parts.push(`${k}: ${renderFlow(v)}`);
      continue;
    }
    if (typeof v === 'string') continue;
    const value = pair.value;
    // Only a flow mapping can take more flow entries.
    if (!isMapNode(value) || !value.flow || !mergeFlow(ctx, value, v)) return false;
  }
  if (parts.length === 0) return true;
  if (map.items.length === 0) {
    if (!map.range) return false; // no position
    const at = map.range[0] + 1;
    edits.push({ start: at, end: at, text: parts.join(', ') });
    return true;
  }
  const end = pairEnd(map.items[map.items.length - 1]!);
  if (end === undefined) return false; // no position
  edits.push({ start: end, end, text: ', ' + parts.join(', ') });
  return true;
}

/**
 * Adds the edits filling `entries` into `map` to `ctx.edits`; false when that has no safe edit.
 * (A result, not an exception: fixes are computed for every finding, and unwinding from a throw
 * per abandoned merge was a visible share of the Compose rules' time.)
 */
function mergeInto(ctx: Ctx, map: YAMLMap, entries: BlockEntries): boolean {
  // An anchored mapping may be aliased elsewhere: editing it would change those places too.
  if (map.anchor) return false;
  return map.flow ? mergeFlow(ctx, map, entries) : mergeBlock(ctx, map, entries);
}

/** Whether an insertion before `raw[i]` is at its offset (it took `raw[i]`'s text along). */
function sameInsertionBefore(raw: readonly RawEdit[], i: number): boolean {
  const at = raw[i]!.start;
  for (let j = 0; j < i; j++) if (raw[j]!.start === at && raw[j]!.end === at) return true;
  return false;
}

/**
 * Edits that add the missing keys of `entries` (deeply) to `map`, at the mapping's own
 * indentation after its last entry (block style) or before its closing brace (flow style).
 * Existing keys are kept as they are. Returns `undefined` when no safe edit exists (e.g. a
 * key to extend is an alias, a scalar, or may come from a `<<` merge, or the mapping lies inside a
 * node an alias refers to), `[]` when nothing is missing.
 */
export function mergeIntoMap(view: YamlDocumentView, map: YAMLMap, entries: BlockEntries, options: MergeOptions = {}): TextEdit[] | undefined {
  // Inside an aliased node (`template: &tpl` used again as `*tpl`) the edit would change the
  // other uses as well, which a fix titled for one container must not do silently.
  const context = editContext(view);
  if (context.aliases && map.range && isInsideAliasedNode(view, map.range[0])) return undefined;
  const unit = options.unit ?? (context.unit ||= scanIndentUnit(view));
  const before = options.before ?? {};
  // The usual fix (a service's healthcheck, a container's securityContext) adds keys a block
  // mapping lacks after its last entry: one edit, without the general merge and its bookkeeping,
  // which V8 then need not optimise (~15M instructions less per pass over the Compose corpus).
  if (lacksEveryKey(map, entries, before)) {
    const col = keyColumn(view, map);
    // The entries as a block at the mapping's column: frozen ones (a rule's skeleton) are rendered once per column.
    const append = col === undefined ? undefined : appendAfterLast(view, map, renderBlock(entries, col, unit, view.eol));
    return append && [textEdit(view, append, append.text)];
  }
  const raw: RawEdit[] = [];
  if (!mergeInto({ view, unit, before, edits: raw }, map, entries)) return undefined;
  // Insertions at one offset become one edit, in generation order (inner blocks first).
  const edits: TextEdit[] = [];
  for (let i = 0; i < raw.length; i++) {
    const e = raw[i]!;
    if (e.start === e.end && sameInsertionBefore(raw, i)) continue;
    let text = e.text;
    if (e.start === e.end) for (let j = i + 1; j < raw.length; j++) if (raw[j]!.start === e.start && raw[j]!.end === e.start) text += raw[j]!.text;
    edits.push(textEdit(view, e, text));
  }
  return edits;
}

/** The edit replacing `e`'s span by `text`. */
function textEdit(view: YamlDocumentView, e: RawEdit, text: string): TextEdit {
  // An insertion before a line (the usual edit) is at its start: no position lookups.
  const range = e.line !== undefined && e.end === e.start ? { start: { line: e.line, character: 0 }, end: { line: e.line, character: 0 } } : view.index.rangeOf(e.start, e.end);
  return { range, newText: text };
}
