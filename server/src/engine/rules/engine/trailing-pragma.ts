// A pragma at the end of a YAML line (`image: nginx # infra-guide ignore=… -- why`) silences
// nothing: pragmas are whole comment lines, as in hadolint. It is reported as malformed, never
// silently ignored, with an unsafe fix moving it onto its own line above the line it follows.
// Only real comments count (the YAML scanner's, not a `#` in a quoted string or block scalar
// text). In a Dockerfile a `#` after an instruction is an argument, and in a commit message a
// comment starts a line: neither has trailing pragmas.
import { Parser, isAlias, isCollection, isMap, isPair, isScalar } from 'yaml';
import { applyEdits } from '../../fix';
import type { RuleContext, TextEdit } from '../../types';
import { yamlAnchorLines } from '../../yaml/anchors';
import { parseYamlSegment, type YamlDocumentView } from '../../yaml/model';

/** Cheapest pre-check: `infra-guide` at all (~6× faster than the next one, which tries a match at every non-blank). */
const MAYBE_PRAGMA = /infra-guide/i;
/** Cheap pre-check: a `#` after something on its line, then `infra-guide`. */
const MAYBE_TRAILING = /\S[ \t]+#[ \t]*infra-guide/i;
/** A comment that is meant as a pragma: `# infra-guide ignore…` in any case. */
const PRAGMA_COMMENT = /^#\s*infra-guide\s+ignore(?:-file)?(?:\s*=|\s|$)/i;
/**
 * Text the fix checks of one document may parse again in all (each move is checked by parsing
 * the whole document: quadratic in its trailing pragmas, 52 s for 1,600 of them). The first move
 * is always checked; past the budget, pragmas are still reported, without a fix.
 */
const FIX_CHECK_BUDGET_CHARS = 512 * 1024;

interface CommentToken {
  type: 'comment';
  offset: number;
  source: string;
}

/** Every comment token of `text`'s concrete syntax tree (document comments, in flow collections, after block scalar headers …). */
function comments(text: string): CommentToken[] {
  const out: CommentToken[] = [];
  // Explicit stack: documents can nest deeper than the JS call stack allows.
  const stack: unknown[] = [...new Parser().parse(text)];
  while (stack.length > 0) {
    const t = stack.pop();
    if (Array.isArray(t)) {
      for (const x of t) stack.push(x);
    } else if (typeof t === 'object' && t !== null) {
      const token = t as Record<string, unknown>;
      if (token['type'] === 'comment' && typeof token['offset'] === 'number' && typeof token['source'] === 'string') {
        out.push(token as unknown as CommentToken);
        continue;
      }
      for (const key in token) if (typeof token[key] === 'object') stack.push(token[key]);
    }
  }
  return out;
}

/** The document's data as a list of node kinds and scalar values (alias-safe: aliases are not followed). */
function dataShape(view: YamlDocumentView): string {
  const parts: string[] = [];
  const stack: unknown[] = [view.doc.contents];
  while (stack.length > 0) {
    const n = stack.pop();
    if (isScalar(n)) parts.push(`s${JSON.stringify(n.value)}`);
    else if (isAlias(n)) parts.push(`*${n.source}`);
    else if (isPair(n)) stack.push(n.value, n.key);
    else if (isCollection(n)) {
      parts.push(`${isMap(n) ? 'map' : 'seq'}${n.items.length}`);
      for (let i = n.items.length - 1; i >= 0; i--) stack.push(n.items[i]);
    } else parts.push(String(n));
  }
  return parts.join('\u0000');
}

export function checkTrailingPragmas(view: YamlDocumentView, ctx: RuleContext): void {
  if (!MAYBE_PRAGMA.test(view.text) || !MAYBE_TRAILING.test(view.text)) return;
  const index = view.index;
  let budget = FIX_CHECK_BUDGET_CHARS;
  let checked = 0;
  let shape: string | undefined;
  // In document order, so that the fixes the budget allows are the first ones.
  for (const c of comments(view.text).sort((a, b) => a.offset - b.offset)) {
    const start = index.positionAt(c.offset);
    const lineText = index.lineText(start.line);
    const code = lineText.slice(0, start.character).trimEnd();
    if (code.trim() === '' || !PRAGMA_COMMENT.test(c.source)) continue;
    const pragma = c.source.trimEnd();
    const line = start.line;
    // Above the line, or above the key of the multi-line scalar the line ends (where a comment
    // line cannot go); with that line's indentation, after a byte order mark.
    const above = yamlAnchorLines(view).get(line) ?? line;
    const aboveText = index.lineText(above);
    const at = above === 0 && aboveText.startsWith('\uFEFF') ? 1 : 0;
    const indent = /^[ \t]*/.exec(aboveText.slice(at))![0];
    const edits: TextEdit[] = [
      { range: { start: { line: above, character: at }, end: { line: above, character: at } }, newText: `${indent}${pragma}${view.eol}` },
      { range: { start: { line, character: code.length }, end: { line, character: lineText.length } }, newText: '' },
    ];
    const checkable = checked++ === 0 || budget >= view.text.length;
    budget -= view.text.length;
    ctx.report({
      range: { start, end: { line, character: start.character + pragma.length } },
      message: 'A pragma must be on its own line, above the line it silences: at the end of a line, it silences nothing.',
      fixes: checkable && keepsData(view, edits, (shape ??= dataShape(view))) ? [{ title: 'Move the pragma onto its own line above', edits, safe: false }] : [],
    });
  }
}

/** Whether the document, edited, parses to the same data (`shape`, the dataShape of `view`): no fix is better than one that changes values. */
function keepsData(view: YamlDocumentView, edits: readonly TextEdit[], shape: string): boolean {
  try {
    const after = parseYamlSegment(view.kind, applyEdits(view.text, edits, view.index), view.documentIndex);
    return !after.hasErrors && dataShape(after) === shape;
  } catch {
    return false;
  }
}
