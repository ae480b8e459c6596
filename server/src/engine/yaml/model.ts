// YAML files are split into their documents (`---`), and each document is parsed on its own.
// Rules see one document at a time with positions relative to that document, so the engine
// can re-use both the parse and the findings of documents whose text did not change and
// only shift their line numbers (a keystroke in a 20k-line multi-document file re-checks
// one document, not 600).
import { parseDocument, isMap, isSeq, isScalar, isPair, type Alias, type Document, type Node, type YAMLMap, type Pair } from 'yaml';
import { TextIndex } from '../text';
import { isAliasNode, isMapNode, isPairNode, isScalarNode, isSeqNode } from './node-class';
import type { DocumentKind, Range } from '../types';

export interface YamlSegmentText {
  text: string;
  /** Line of the file where this document's text starts. */
  lineOffset: number;
}

/** One YAML document of a file, positions relative to the document's first line. */
export interface YamlDocumentView {
  kind: DocumentKind;
  /** Segment text (starts at a line boundary of the file). */
  text: string;
  index: TextIndex;
  doc: Document.Parsed;
  /** 0-based index of this document in the file. */
  documentIndex: number;
  /** `\n` or `\r\n`, for fixes that insert lines. */
  eol: string;
  /** Range of a node (or of a [start, end] offset pair) in segment-relative positions. */
  range(node: Node | Pair | readonly [number, number] | null | undefined): Range;
  /** Whether the parser found errors in this document (rules are not run on such documents). */
  hasErrors: boolean;
  /** Data derived from the document, by `perView` key: see there. */
  readonly derived: Map<object, unknown>;
}

export interface YamlFile {
  kind: DocumentKind;
  text: string;
  index: TextIndex;
  segments: YamlSegmentText[];
}

/** One document's text and the offset in the file where it starts (a line start). */
export interface YamlDocumentSlice {
  text: string;
  start: number;
}

/**
 * Splits a YAML stream at document markers (`---`, `...` at a line start, then a blank or the
 * line end); each document starts at a line boundary. The markers are found with `indexOf`
 * instead of walking all lines: a 20k-line stream of 600 documents is split in a few hundred
 * native searches (a line-by-line walk, with the line table it needs, took ~2 ms per keystroke).
 */
export function yamlDocumentSlices(text: string): YamlDocumentSlice[] {
  const slices: YamlDocumentSlice[] = [];
  let start = 0;
  // Whether the document begun at `start` has content before the next marker: only looked for
  // (from `scannedTo`) when a `---` would split the stream there.
  let sawContent = false;
  let scannedTo = 0;
  let dashes = nextMarker(text, '---', 0);
  let dots = nextMarker(text, '...', 0);
  while (dashes >= 0 || dots >= 0) {
    const marker = dots < 0 || (dashes >= 0 && dashes < dots) ? dashes : dots;
    if (!sawContent) {
      sawContent = hasContentLine(text, scannedTo, marker);
      scannedTo = marker;
    }
    if (marker === dots) {
      // `...` ends a document: it belongs to the document before it.
      const end = nextLineStart(text, marker + 3);
      slices.push({ text: text.slice(start, end), start });
      start = end;
      scannedTo = end;
      sawContent = false;
      dots = nextMarker(text, '...', end);
      continue;
    }
    if (sawContent) {
      slices.push({ text: text.slice(start, marker), start });
      start = marker;
    }
    sawContent = true;
    dashes = nextMarker(text, '---', marker + 3);
  }
  const rest = text.slice(start);
  if (rest.length > 0 || slices.length === 0) slices.push({ text: rest, start });
  return slices;
}

/** Offset of the next document marker (`---` or `...`, as given) at or after `from`, or -1. */
function nextMarker(text: string, marker: string, from: number): number {
  for (let i = text.indexOf(marker, from); i >= 0; i = text.indexOf(marker, i + 3)) {
    const before = text.charCodeAt(i - 1);
    const after = text.charCodeAt(i + 3);
    // A line start (after LF or CR: the marker is no LF), then a blank, a line break or the end.
    if ((i === 0 || before === 10 || before === 13) && (after === 32 || after === 9 || after === 10 || after === 13 || i + 3 === text.length)) return i;
  }
  return -1;
}

/** Offset of the line start after the line holding `offset` (after LF, CRLF or CR), or the text's end. */
function nextLineStart(text: string, offset: number): number {
  for (let i = offset; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10) return i + 1;
    if (c === 13) return text.charCodeAt(i + 1) === 10 ? i + 2 : i + 1;
  }
  return text.length;
}

/**
 * Whether a line starting in [from, to) (line starts both) holds content: after its leading blanks
 * (those `trim` removes), a character other than `#` (a comment) or `%` (a directive).
 */
function hasContentLine(text: string, from: number, to: number): boolean {
  let i = from;
  while (i < to) {
    const c = text.charCodeAt(i);
    // Blanks, line breaks among them: what follows them is still the start of a line's text.
    if (isBlank(c)) i++;
    else if (c !== 35 && c !== 37) return true;
    else i = nextLineStart(text, i);
  }
  return false;
}

const BLANK = /\s/;
const isBlank = (c: number): boolean => c === 32 || (c >= 9 && c <= 13) || (c > 127 && BLANK.test(String.fromCharCode(c)));

/** Splits a YAML stream at document markers; each segment starts at a line boundary. */
export function splitYamlDocuments(text: string, index: TextIndex): YamlSegmentText[] {
  return yamlDocumentSlices(text).map((s) => ({ text: s.text, lineOffset: index.positionAt(s.start).line }));
}

export function toYamlFile(kind: DocumentKind, text: string, index = new TextIndex(text)): YamlFile {
  return { kind, text, index, segments: splitYamlDocuments(text, index) };
}

/** Parses one document; positions are relative to the segment text (`index` must be that text's). */
export function parseYamlSegment(kind: DocumentKind, text: string, documentIndex: number, index = new TextIndex(text)): YamlDocumentView {
  // Templated YAML (Helm) makes `yaml` create thousands of error objects, each capturing a stack
  // trace nobody reads: the errors are reported by code and position only.
  const stackTraceLimit = Error.stackTraceLimit;
  Error.stackTraceLimit = 0;
  let doc: Document.Parsed;
  try {
    doc = parseDocument(text, {
      uniqueKeys: false,
      strict: false,
      prettyErrors: false,
      logLevel: 'silent',
      keepSourceTokens: false,
    }) as Document.Parsed;
  } finally {
    Error.stackTraceLimit = stackTraceLimit;
  }
  return {
    kind,
    text,
    index,
    doc,
    documentIndex,
    eol: index.eol,
    hasErrors: doc.errors.length > 0,
    derived: new Map(),
    range(node) {
      if (!node) return { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
      if (Array.isArray(node)) return index.rangeOf(node[0], node[1]);
      if (isPair(node)) {
        const k = node.key as Node | null;
        const v = node.value as Node | null;
        const start = k?.range?.[0] ?? v?.range?.[0] ?? 0;
        const end = v?.range?.[1] ?? k?.range?.[1] ?? start;
        return index.rangeOf(start, end);
      }
      const r = (node as Node).range;
      if (!r) return { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
      return index.rangeOf(r[0], r[1]);
    },
  };
}

/**
 * `compute(view)`, worked out once per view and kept on the view itself. Not in a module-level
 * WeakMap keyed by the view: V8's young-generation GC keeps the values of a long-lived WeakMap
 * alive until a full GC finds their key dead, so a value holding nodes of the document (a
 * Compose service list) had each linted document copied and promoted to the old generation
 * instead of dying young: that tripled the engine's GC time over the Compose corpus.
 */
export function perView<T>(compute: (view: YamlDocumentView) => T): (view: YamlDocumentView) => T {
  const key = {};
  return (view) => {
    const derived = view.derived;
    if (derived.has(key)) return derived.get(key) as T;
    const value = compute(view);
    derived.set(key, value);
    return value;
  };
}

// ---- small helpers for rules walking YAML ----

/** `map.get(key)` that returns the node (not the JS value). */
export function getNode(map: unknown, key: string): Node | undefined {
  if (!isMap(map)) return undefined;
  for (const item of (map as YAMLMap).items) {
    if (isScalar(item.key) && String(item.key.value) === key) return (item.value ?? undefined) as Node | undefined;
  }
  return undefined;
}

export function getPair(map: unknown, key: string): Pair | undefined {
  if (!isMap(map)) return undefined;
  for (const item of (map as YAMLMap).items) {
    if (isScalar(item.key) && String(item.key.value) === key) return item as Pair;
  }
  return undefined;
}

/** Follows a path of keys (numbers index sequences). */
export function getIn(node: unknown, path: readonly (string | number)[]): Node | undefined {
  let cur: unknown = node;
  for (const key of path) {
    if (typeof key === 'number') {
      if (!isSeq(cur)) return undefined;
      cur = cur.items[key];
    } else {
      cur = getNode(cur, key);
    }
    if (cur === undefined || cur === null) return undefined;
  }
  return cur as Node;
}

/** A scalar's value as a string, or undefined for non-scalars. */
export function scalarString(node: unknown): string | undefined {
  if (!isScalar(node)) return undefined;
  const v = node.value;
  if (v === null || v === undefined) return undefined;
  return String(v);
}

const aliasTargets = new WeakMap<Document, Map<Alias, Node | undefined>>();

/** Every alias of a document with its anchored node: one walk of the document, cached. */
function aliasTargetsOf(doc: Document): Map<Alias, Node | undefined> {
  let targets = aliasTargets.get(doc);
  if (!targets) {
    const found = new Map<Alias, Node | undefined>();
    const anchors = new Map<string, Node>();
    // Same order as `Alias.resolve` (`visit`: a node, then its items; a pair's key, then its
    // value): the last node anchored before the alias wins. Walked by hand: `visit` copies the
    // path to every collection it enters, which made a 350-line Compose file with `<<: *x` lint
    // ~5% slower. Class checks, not `isAlias` & co. (see node-class.ts): this visits every node
    // of a document with an alias (the alias targets of a 300-line Compose file took a third less).
    const stack: unknown[] = [doc.contents];
    while (stack.length > 0) {
      const node = stack.pop();
      if (isScalarNode(node)) {
        if (node.anchor) anchors.set(node.anchor, node);
      } else if (isPairNode(node)) stack.push(node.value, node.key);
      else if (isMapNode(node) || isSeqNode(node)) {
        if (node.anchor) anchors.set(node.anchor, node);
        for (let i = node.items.length - 1; i >= 0; i--) stack.push(node.items[i]);
      } else if (isAliasNode(node)) found.set(node, anchors.get(node.source));
    }
    aliasTargets.set(doc, found);
    targets = found;
  }
  return targets;
}

/**
 * `alias.resolve(doc)`, but the document is walked once for all its aliases: `yaml` walks the
 * whole document on every `resolve()` call, which makes merge-key lookups (`<<: *defaults`)
 * quadratic in the document size.
 */
export function resolveAlias(doc: Document, alias: Alias): Node | undefined {
  const targets = aliasTargetsOf(doc);
  return targets.has(alias) ? targets.get(alias) : (alias.resolve(doc) as Node | undefined);
}

/** Start and end offsets of the text that aliases refer to, as disjoint ranges in order: `[s0, e0, s1, e1, …]`. */
const aliasedRanges = new WeakMap<Document, readonly number[]>();

/** The union of `ranges` as ascending, disjoint `[start, end, start, end, …]` (nested anchors overlap). */
function disjointRanges(ranges: (readonly [number, number])[]): number[] {
  ranges.sort((a, b) => a[0] - b[0]);
  const out: number[] = [];
  for (const [start, end] of ranges) {
    const last = out.length - 1;
    if (last > 0 && start <= out[last]!) out[last] = Math.max(out[last]!, end);
    else out.push(start, end);
  }
  return out;
}

/**
 * Whether an offset lies inside a node that an alias of the document refers to (`template:
 * &tpl` … `template: *tpl`): an edit there changes every place that uses the anchor. A binary
 * search: asked for each fix, a scan of every aliased node was quadratic in files with many.
 */
export function isInsideAliasedNode(view: YamlDocumentView, offset: number): boolean {
  let ranges = aliasedRanges.get(view.doc);
  if (!ranges) {
    const found: (readonly [number, number])[] = [];
    // No alias without both an anchor and an alias indicator: most documents need no walk.
    if (view.text.includes('*') && view.text.includes('&')) {
      for (const t of new Set(aliasTargetsOf(view.doc).values())) if (t?.range) found.push([t.range[0], t.range[1]]);
    }
    ranges = disjointRanges(found);
    aliasedRanges.set(view.doc, ranges);
  }
  // The last range starting at or before `offset`.
  let lo = 0;
  let hi = ranges.length / 2 - 1;
  if (hi < 0 || ranges[0]! > offset) return false;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (ranges[2 * mid]! <= offset) lo = mid;
    else hi = mid - 1;
  }
  return offset < ranges[2 * lo + 1]!;
}
