// Where a YAML line pragma may go: a comment line inserted inside a multi-line scalar would
// become part of its value, so such lines are mapped to a safe line above them.
import { isMap, isPair, isScalar, isSeq, type Node } from 'yaml';
import { TextIndex } from '../text';
import type { DocumentKind } from '../types';
import { parseYamlSegment, toYamlFile, type YamlDocumentView } from './model';

/** Start line of a node chain: a pair/sequence item whose start line could anchor a pragma. */
interface AnchorCandidate {
  line: number;
  parent: AnchorCandidate | undefined;
}

const yamlAnchorCache = new WeakMap<YamlDocumentView, ReadonlyMap<number, number>>();

/**
 * Lines of one YAML document (document-relative) where a comment line cannot be inserted
 * without changing data — lines that start inside a multi-line scalar (block scalar content,
 * multi-line plain or quoted scalars) — mapped to the line a line-pragma must precede instead:
 * the start line of the nearest enclosing mapping pair (its key) or sequence item that is
 * itself a safe line. Lines not in the map are their own anchor.
 */
export function yamlAnchorLines(view: YamlDocumentView): ReadonlyMap<number, number> {
  const cached = yamlAnchorCache.get(view);
  if (cached) return cached;
  const index = view.index;
  const lineOf = (offset: number) => index.positionAt(offset).line;
  const multiLine: { first: number; valueEnd: number; chain: AnchorCandidate | undefined }[] = [];
  const contents = view.doc.contents as Node | null;
  const rootStart = contents?.range?.[0];
  // Explicit stack: documents can nest deeper than the JS call stack allows.
  const stack: { node: unknown; chain: AnchorCandidate | undefined }[] = [
    { node: contents, chain: rootStart === undefined ? undefined : { line: lineOf(rootStart), parent: undefined } },
  ];
  while (stack.length > 0) {
    const { node, chain } = stack.pop()!;
    if (isScalar(node)) {
      const r = node.range;
      if (!r) continue;
      const first = lineOf(r[0]);
      // Only scalars whose value runs past the start of the next line matter.
      if (first + 1 < index.lineCount && index.lineStarts[first + 1]! < r[1]) multiLine.push({ first, valueEnd: r[1], chain });
    } else if (isMap(node) || isSeq(node)) {
      for (const item of node.items as unknown[]) {
        if (isPair(item)) {
          const k = item.key as Node | null;
          const v = item.value as Node | null;
          const start = k?.range?.[0] ?? v?.range?.[0];
          const next = start === undefined ? chain : { line: lineOf(start), parent: chain };
          if (k) stack.push({ node: k, chain: next });
          if (v) stack.push({ node: v, chain: next });
        } else {
          const start = (item as Node | null)?.range?.[0];
          stack.push({ node: item, chain: start === undefined ? chain : { line: lineOf(start), parent: chain } });
        }
      }
    }
  }
  const unsafe = new Map<number, number>();
  if (multiLine.length === 0) {
    yamlAnchorCache.set(view, unsafe);
    return unsafe;
  }
  const unsafeLines: { lines: number[]; scalarLine: number; chain: AnchorCandidate | undefined }[] = [];
  const isUnsafe = new Set<number>();
  for (const { first, valueEnd, chain } of multiLine) {
    const lines: number[] = [];
    // A line is unsafe when it starts strictly inside the scalar's source (before its value ends).
    for (let l = first + 1; l < index.lineCount && index.lineStarts[l]! < valueEnd; l++) {
      lines.push(l);
      isUnsafe.add(l);
    }
    if (lines.length > 0) unsafeLines.push({ lines, scalarLine: first, chain });
  }
  for (const { lines, scalarLine, chain } of unsafeLines) {
    let c = chain;
    while (c && isUnsafe.has(c.line)) c = c.parent;
    let anchor = c?.line;
    if (anchor === undefined) {
      // No safe enclosing pair/item (cannot happen for a well-formed tree): the nearest safe line above.
      anchor = scalarLine;
      while (anchor > 0 && isUnsafe.has(anchor)) anchor--;
    }
    for (const l of lines) unsafe.set(l, anchor);
  }
  yamlAnchorCache.set(view, unsafe);
  return unsafe;
}

/**
 * Maps a line of a YAML file to the line a line-pragma must precede so that inserting it keeps
 * every value unchanged (see `yamlAnchorLines`); used by the engine to honour such pragmas and
 * by the "Disable for this line" code action to place them. `viewOf` may return cached parses.
 */
export function yamlAnchorLineMapper(
  text: string,
  kind: DocumentKind,
  index = new TextIndex(text),
  viewOf: (segmentText: string) => YamlDocumentView = (seg) => parseYamlSegment(kind, seg, 0),
): (line: number) => number {
  const moved = new Map<number, number>();
  for (const seg of toYamlFile(kind, text, index).segments) {
    let lines: ReadonlyMap<number, number>;
    try {
      lines = yamlAnchorLines(viewOf(seg.text));
    } catch {
      continue;
    }
    for (const [l, anchor] of lines) moved.set(l + seg.lineOffset, anchor + seg.lineOffset);
  }
  return (l) => moved.get(l) ?? l;
}
