// Code actions of the language server, as pure functions of the document text and findings:
// each fix as a quick fix, "disable for this line / file" pragmas, and the fix-all source action.
import { CodeActionKind, type CodeAction, type Diagnostic, type TextEdit as LspTextEdit, type WorkspaceEdit } from 'vscode-languageserver';
import { parserDirectiveLines } from '../engine/dockerfile/directives';
import { parseDockerfile } from '../engine/dockerfile/model';
import { minimalEdit } from '../engine/fix';
import { UNLINTED_FILE_RULE_IDS } from '../engine/guards';
import { yamlAnchorLineMapper } from '../engine/yaml/anchors';
import { PRAGMA_RULE_IDS } from '../engine/suppressions';
import { comparePositions, TextIndex } from '../engine/text';
import type { DocumentKind, Finding, Position, Range } from '../engine/types';
import { YAML_KINDS } from '../engine/types';
import { DIAGNOSTIC_SOURCE } from './convert';

export const FIX_ALL_KIND = `${CodeActionKind.SourceFixAll}.infraGuide`;
/** Placeholder reason: keeps the inserted pragma valid even when reasons are required. */
export const PRAGMA_REASON_PLACEHOLDER = 'reason';

/** Whether an action of `kind` was asked for by `only` (LSP: hierarchical, dot-separated). */
export function kindRequested(kind: string, only: readonly string[] | undefined): boolean {
  if (!only || only.length === 0) return true;
  return only.some((o) => o === '' || kind === o || kind.startsWith(o + '.'));
}

export interface DocInfo {
  uri: string;
  version: number;
  text: string;
  kind: DocumentKind | undefined;
  findings: readonly Finding[];
  /** Use versioned `documentChanges` (the client supports them). */
  documentChanges: boolean;
  /** The project allows suppression pragmas (config `pragmas.allow`); default true. */
  pragmasAllowed?: boolean;
  /** Cached anchor-line mapping (see `anchorLineMapper`); computed on demand otherwise. */
  anchorLine?: (line: number) => number;
}

/**
 * Maps a finding's start line to the line a line-pragma must precede: the first line of the
 * Dockerfile instruction containing it; in YAML the line itself, unless it starts inside a
 * multi-line scalar (where a comment line would become part of the value) — then the line where
 * the enclosing pair's key (or sequence item) starts; the line itself in commit messages.
 */
export function anchorLineMapper(text: string, kind: DocumentKind | undefined): (line: number) => number {
  try {
    if (kind === 'dockerfile') return parseDockerfile(text).instructionStartLine;
    if (kind !== undefined && YAML_KINDS.includes(kind)) return yamlAnchorLineMapper(text, kind);
  } catch {
    /* fall back to the line itself */
  }
  return (l) => l;
}

export function makeEdit(doc: Pick<DocInfo, 'uri' | 'version' | 'documentChanges'>, edits: LspTextEdit[]): WorkspaceEdit {
  if (doc.documentChanges) return { documentChanges: [{ textDocument: { uri: doc.uri, version: doc.version }, edits }] };
  return { changes: { [doc.uri]: edits } };
}

function sameRange(a: Range, b: Range): boolean {
  return comparePositions(a.start, b.start) === 0 && comparePositions(a.end, b.end) === 0;
}

/**
 * The finding a client diagnostic stands for: same rule id and range (message as tie-break);
 * failing that (a client that clamped the range), same rule id, start line and message.
 */
export function findingFor(findings: readonly Finding[], d: Diagnostic): Finding | undefined {
  const candidates = findings.filter((f) => f.ruleId === d.code && sameRange(f.range, d.range));
  if (candidates.length > 0) return candidates.find((f) => f.message === d.message) ?? candidates[0];
  return findings.find((f) => f.ruleId === d.code && f.range.start.line === d.range.start.line && f.message === d.message);
}

/** Requests with more diagnostics than this look them up in an index of the findings. */
const INDEXED_LOOKUP_FROM = 16;

/**
 * `findingFor`, for many diagnostics of one request: it looks only at the findings of the
 * diagnostic's rule and start line, which are all `findingFor` can pick. A request for every
 * diagnostic of a file (a code action on the whole text) scanned all findings for each.
 */
function findingLookup(findings: readonly Finding[], diagnostics: number): (d: Diagnostic) => Finding | undefined {
  if (diagnostics <= INDEXED_LOOKUP_FROM) return (d) => findingFor(findings, d);
  const byRuleAndLine = new Map<string, Finding[]>();
  for (const f of findings) {
    const key = `${f.ruleId}\u0000${f.range.start.line}`;
    const list = byRuleAndLine.get(key);
    if (list) list.push(f);
    else byRuleAndLine.set(key, [f]);
  }
  return (d) => findingFor(byRuleAndLine.get(`${String(d.code)}\u0000${d.range.start.line}`) ?? [], d);
}

/**
 * Engine findings a pragma cannot silence (pragma problems themselves; files not linted at
 * all): no "disable" actions for them, they would not work.
 */
export const NOT_SUPPRESSIBLE: ReadonlySet<string> = new Set([
  ...Object.values(PRAGMA_RULE_IDS),
  ...Object.values(UNLINTED_FILE_RULE_IDS),
]);

/**
 * Line where a file-level pragma goes: line 0, but after Dockerfile parser directives (above
 * one, it would make it a comment; lines that merely look like one, `# maintainer=…`, are comments).
 */
export function fileLevelPragmaLine(text: string, kind: DocumentKind | undefined, index = new TextIndex(text)): number {
  return kind === 'dockerfile' ? parserDirectiveLines(index) : 0;
}

/** Where line `line`'s text starts: after a byte order mark on the first line. */
function lineContentStart(index: TextIndex, line: number): number {
  return line === 0 && index.text.startsWith('\uFEFF') ? 1 : 0;
}

function insertLineEdit(index: TextIndex, line: number, content: string): LspTextEdit {
  if (line < index.lineCount) {
    // A byte order mark stays first: on the next line, it would be text (BuildKit reads `\uFEFFFROM`).
    const at = { line, character: lineContentStart(index, line) };
    return { range: { start: at, end: at }, newText: content + index.eol };
  }
  const last = index.lineCount - 1;
  const end = { line: last, character: index.lineText(last).length };
  return { range: { start: end, end }, newText: index.eol + content };
}

export interface CodeActionRequest {
  diagnostics: readonly Diagnostic[];
  only: readonly string[] | undefined;
}

const isPosition = (p: unknown): boolean =>
  typeof p === 'object' && p !== null && Number.isInteger((p as Position).line) && Number.isInteger((p as Position).character);

/**
 * The usable part of a request's `context`: clients that leave the (required) context out, or
 * send odd entries in it, get actions for what is usable instead of an internal error.
 */
export function readCodeActionContext(context: unknown): CodeActionRequest {
  const c = (typeof context === 'object' && context !== null ? context : {}) as Record<string, unknown>;
  const only = Array.isArray(c['only']) ? c['only'].filter((k): k is string => typeof k === 'string') : undefined;
  const diagnostics = Array.isArray(c['diagnostics'])
    ? c['diagnostics'].filter((d): d is Diagnostic => {
        const range = typeof d === 'object' && d !== null ? (d as Diagnostic).range : undefined;
        return typeof range === 'object' && range !== null && isPosition(range.start) && isPosition(range.end);
      })
    : [];
  return { diagnostics, only };
}

/** Quick fixes and disable actions for the diagnostics in the request. */
export function quickFixActions(doc: DocInfo, req: CodeActionRequest): CodeAction[] {
  if (!kindRequested(CodeActionKind.QuickFix, req.only)) return [];
  const ours = req.diagnostics.filter((d) => d.source === DIAGNOSTIC_SOURCE && typeof d.code === 'string');
  if (ours.length === 0) return [];
  let textIndex: TextIndex | undefined;
  const indexOf = (): TextIndex => (textIndex ??= new TextIndex(doc.text));
  let anchorOf = doc.anchorLine;
  const anchorLine = (line: number): number => (anchorOf ??= anchorLineMapper(doc.text, doc.kind))(line);
  const fixes: CodeAction[] = [];
  const disables: CodeAction[] = [];
  const seenLine = new Set<string>();
  const seenFile = new Set<string>();
  const findingOf = findingLookup(doc.findings, ours.length);
  for (const d of ours) {
    const id = d.code as string;
    // A diagnostic of an older version (the editor still shows it) has no current finding: its
    // line may now hold other text, so a pragma placed by it would silence the wrong thing.
    const finding = findingOf(d);
    if (!finding) continue;
    const preferred = finding.fixes.find((f) => f.safe && f.edits.length > 0);
    for (const fix of finding.fixes) {
      if (fix.edits.length === 0) continue;
      fixes.push({
        title: fix.title,
        kind: CodeActionKind.QuickFix,
        diagnostics: [d],
        ...(fix === preferred ? { isPreferred: true } : {}),
        edit: makeEdit(doc, fix.edits.map((e) => ({ range: e.range, newText: e.newText }))),
      });
    }
    if (doc.pragmasAllowed === false || NOT_SUPPRESSIBLE.has(id)) continue;
    const index = indexOf();
    const anchor = Math.min(Math.max(0, anchorLine(finding.range.start.line)), Math.max(0, index.lineCount - 1));
    const lineKey = `${id}\u0000${anchor}`;
    if (!seenLine.has(lineKey)) {
      seenLine.add(lineKey);
      const indent = /^[ \t]*/.exec(index.lineText(anchor).slice(lineContentStart(index, anchor)))![0];
      disables.push({
        title: `Disable ${id} for this line`,
        kind: CodeActionKind.QuickFix,
        diagnostics: [d],
        edit: makeEdit(doc, [insertLineEdit(index, anchor, `${indent}# infra-guide ignore=${id} -- ${PRAGMA_REASON_PLACEHOLDER}`)]),
      });
    }
    if (!seenFile.has(id)) {
      seenFile.add(id);
      const line = fileLevelPragmaLine(doc.text, doc.kind, index);
      disables.push({
        title: `Disable ${id} for this file`,
        kind: CodeActionKind.QuickFix,
        diagnostics: [d],
        edit: makeEdit(doc, [insertLineEdit(index, line, `# infra-guide ignore-file=${id} -- ${PRAGMA_REASON_PLACEHOLDER}`)]),
      });
    }
  }
  return [...fixes, ...disables];
}

/** `source.fixAll.infraGuide`: all safe fixes as one minimal edit, or none when nothing changes. */
export function fixAllAction(doc: Pick<DocInfo, 'uri' | 'version' | 'text' | 'documentChanges'>, fixedText: string): CodeAction | undefined {
  const edit = minimalEdit(doc.text, fixedText);
  if (!edit) return undefined;
  return {
    title: 'Fix all auto-fixable Infra Guide problems',
    kind: FIX_ALL_KIND,
    edit: makeEdit(doc, [{ range: edit.range, newText: edit.newText }]),
  };
}
