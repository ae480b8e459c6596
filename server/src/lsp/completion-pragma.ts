// Completions in suppression pragmas (`# infra-guide ignore=<id>,<id> -- <reason>`, every kind of
// file) and in the `infra-guide.io/ignore` annotation (Kubernetes) or label (Compose). The cursor's
// line decides; the document is parsed only to rule out lines that are data (a Dockerfile heredoc
// body, a YAML block scalar, a commit message's diff), where a comment is no pragma.
import { CompletionItemKind, MarkupKind, type Command, type CompletionItem, type Range as LspRange } from 'vscode-languageserver';
import { CONFIG_ERROR_RULE_ID } from '../engine/config';
import { parseCommitMessage } from '../engine/commit/model';
import { parseDockerfile } from '../engine/dockerfile/model';
import { isHeredocLine } from '../engine/dockerfile/shell/heredoc';
import { IGNORE_ANNOTATION } from '../engine/kubernetes/workloads';
import { allRules } from '../engine/registry';
import { YAML_KINDS, type DocumentKind, type RuleMeta } from '../engine/types';
import { yamlAnchorLines } from '../engine/yaml/anchors';
import { parseYamlSegment, splitYamlDocuments } from '../engine/yaml/model';
import { NOT_SUPPRESSIBLE } from './code-actions';
import { lineRange, RETRIGGER_COMMAND, ruleIdItem, runAfter, type CompletionContext } from './completion-items';

const ID_CHAR = /[A-Za-z0-9_./-]/;
const ID_OR_GLOB_CHAR = /[A-Za-z0-9_./*-]/;

// A comment line that may become a pragma: `#`, then a prefix of `infra-guide`.
const PRAGMA_NAME = /^(\s*#\s*)([a-z-]*)$/;
// `# infra-guide ` and a prefix of a keyword.
const PRAGMA_KEYWORD = /^(\s*#\s*infra-guide\s+)([a-z-]*)$/;
// `# infra-guide ignore=a, b, c` up to the cursor: the ids typed (with the pragma grammar's
// blanks around commas) and the one being typed.
const PRAGMA_IDS = /^\s*#\s*infra-guide\s+(?:ignore|ignore-file)=((?:[A-Za-z0-9_./-]+\s*,\s*)*)([A-Za-z0-9_./-]*)$/;
// The whole id list followed by blanks: the reason comes next.
const PRAGMA_BEFORE_REASON = /^\s*#\s*infra-guide\s+(?:ignore|ignore-file)=[A-Za-z0-9_./-]+(?:\s*,\s*[A-Za-z0-9_./-]+)*(\s+)$/;

const KEYWORDS: readonly { keyword: string; doc: string }[] = [
  { keyword: 'ignore=', doc: 'Silence the listed rules on the next line that is not a comment (in YAML the line of a key, in a Dockerfile the whole instruction).' },
  { keyword: 'ignore-file=', doc: 'Silence the listed rules in the whole file.' },
];

/** Engine findings of YAML documents that did not parse or are templates. */
const YAML_DOCUMENT_FINDINGS: ReadonlySet<string> = new Set(['infra-guide/parse-error', 'infra-guide/templated-file-skipped']);

/**
 * Whether a pragma in a file of `kind` can silence the rule: it runs on that kind (the notion of
 * `infra-guide/unused-pragma`), or it is an engine finding reported on that kind and not a
 * pragma problem (those are never silenced).
 */
function silenceableIn(meta: RuleMeta, kinds: readonly DocumentKind[], kind: DocumentKind): boolean {
  if (meta.domain !== 'infra-guide') return kinds.includes(kind);
  if (NOT_SUPPRESSIBLE.has(meta.id)) return false;
  if (meta.id === CONFIG_ERROR_RULE_ID) return kind === 'infra-guide-config';
  if (YAML_DOCUMENT_FINDINGS.has(meta.id)) return kind !== 'infra-guide-config' && YAML_KINDS.includes(kind);
  return true;
}

const pragmaRulesByKind = new Map<DocumentKind, readonly RuleMeta[]>();

/** Rules a pragma in a file of `kind` can silence, in registry order. */
export function pragmaRuleIds(kind: DocumentKind): readonly RuleMeta[] {
  let metas = pragmaRulesByKind.get(kind);
  if (!metas) {
    metas = allRules.filter((r) => silenceableIn(r.meta, r.kinds, kind)).map((r) => r.meta);
    pragmaRulesByKind.set(kind, metas);
  }
  return metas;
}

/** Rank of a rule among completions: the file's own domain first, then generic and engine rules. */
function rankOf(meta: RuleMeta, kind: DocumentKind): number {
  if (meta.domain === (kind as string) || (kind === 'commit-message' && meta.domain === 'commit')) return 0;
  return meta.domain === 'infra-guide' ? 2 : 1;
}

/**
 * Whether the cursor's line is data although it looks like a comment: a Dockerfile heredoc body,
 * a line inside a YAML multi-line scalar, the diff below a commit message's scissors line. The
 * engine does not read pragmas there either. Only the YAML document holding the line is parsed.
 */
function isValueLine(ctx: CompletionContext): boolean {
  const { kind, line } = ctx;
  if (kind === 'dockerfile') return isHeredocLine(parseDockerfile(ctx.text), line);
  if (kind === 'commit-message') return line >= parseCommitMessage(ctx.text).end;
  if (!YAML_KINDS.includes(kind)) return false;
  const segments = splitYamlDocuments(ctx.text, ctx.index);
  let seg = segments[0];
  for (const s of segments) if (s.lineOffset <= line) seg = s;
  if (!seg) return false;
  return yamlAnchorLines(parseYamlSegment(kind, seg.text, 0)).has(line - seg.lineOffset);
}

/** Completions on a pragma line, or undefined when the cursor is not in one. */
export function pragmaCompletions(ctx: CompletionContext): CompletionItem[] | undefined {
  const before = ctx.lineText.slice(0, ctx.character);
  if (!before.trimStart().startsWith('#')) return undefined;
  const items = pragmaItems(ctx, before);
  if (!items) return undefined;
  // Pragmas forbidden by the project (`pragmas.allow: false`) are not offered.
  if (!ctx.config().pragmas.allow || isValueLine(ctx)) return [];
  return items;
}

function pragmaItems(ctx: CompletionContext, before: string): CompletionItem[] | undefined {
  const { line, character, lineText } = ctx;
  const command = ctx.retrigger ? RETRIGGER_COMMAND : undefined;

  let m = PRAGMA_IDS.exec(before);
  if (m) {
    const partial = m[2]!;
    const start = character - partial.length;
    const range = lineRange(line, start, character + runAfter(lineText, character, ID_CHAR));
    const from = lineText.indexOf('=') + 1;
    const reason = lineText.indexOf(' --', from);
    const listed = listedIds(lineText, from, reason < 0 ? lineText.length : reason, start);
    return pragmaRuleIds(ctx.kind)
      .filter((meta) => !listed.has(meta.id))
      .map((meta) => ruleIdItem(meta, range, rankOf(meta, ctx.kind)));
  }

  m = PRAGMA_BEFORE_REASON.exec(before);
  if (m) {
    if (/\S/.test(lineText.slice(character))) return [];
    return [
      {
        label: '--',
        kind: CompletionItemKind.Keyword,
        detail: 'reason',
        documentation: { kind: MarkupKind.Markdown, value: 'Say why the rules are silenced: `-- <reason>` (required with `pragmas.requireReason: true`).' },
        textEdit: { range: lineRange(line, character, character), newText: '-- ' },
      },
    ];
  }

  // Keywords are offered on typing and when asked, and on the space after `infra-guide`.
  if (ctx.triggerCharacter !== undefined && ctx.triggerCharacter !== ' ') return undefined;
  m = PRAGMA_KEYWORD.exec(before);
  if (m) {
    const typed = m[2]!;
    if (!KEYWORDS.some((k) => k.keyword.startsWith(typed))) return undefined;
    return keywordItems('', lineRange(line, m[1]!.length, keywordEnd(lineText, character)), command);
  }
  // `# infr`: the whole pragma start. Not on a trigger character: every comment starts with `# `.
  if (ctx.triggerCharacter !== undefined) return undefined;
  m = PRAGMA_NAME.exec(before);
  if (m && m[2] !== '' && 'infra-guide'.startsWith(m[2]!)) {
    const range = lineRange(line, m[1]!.length, character + runAfter(lineText, character, /[a-z-]/));
    // Text after the word (`# infr|a-guide ignore=…`): complete the word only, not a second keyword.
    if (/\S/.test(lineText.slice(range.end.character))) return [nameItem(range)];
    return keywordItems('infra-guide ', range, command);
  }
  return undefined;
}

/** `infra-guide` alone, where the rest of the pragma is written already. */
function nameItem(range: LspRange): CompletionItem {
  return {
    label: 'infra-guide',
    kind: CompletionItemKind.Keyword,
    documentation: { kind: MarkupKind.Markdown, value: 'Suppression pragma: `# infra-guide ignore=<rule-id>,… -- <reason>`.' },
    filterText: 'infra-guide',
    textEdit: { range, newText: 'infra-guide' },
  };
}

/** End of the keyword the cursor is in: its letters and its `=`, not the ids written after it. */
function keywordEnd(lineText: string, character: number): number {
  const end = character + runAfter(lineText, character, /[a-z-]/);
  return lineText[end] === '=' ? end + 1 : end;
}

/** `ignore=` and `ignore-file=`, after `lead` (`infra-guide ` when that is completed too). */
function keywordItems(lead: string, range: LspRange, command: Command | undefined): CompletionItem[] {
  return KEYWORDS.map(({ keyword, doc }, i) => ({
    label: lead + keyword,
    kind: CompletionItemKind.Keyword,
    documentation: { kind: MarkupKind.Markdown, value: lead ? `Suppression pragma. ${doc}` : doc },
    sortText: String(i),
    filterText: lead + keyword,
    textEdit: { range, newText: lead + keyword },
    ...(command ? { command } : {}),
  }));
}

/** Ids and globs listed in `text` between `from` and `end`, but the one being typed at `typing`. */
function listedIds(text: string, from: number, end: number, typing: number): Set<string> {
  const out = new Set<string>();
  for (const m of text.slice(from, end).matchAll(/[A-Za-z0-9_./*-]+/g)) {
    if (from + m.index !== typing) out.add(m[0]);
  }
  return out;
}

// `infra-guide.io/ignore: "a, b` — a mapping entry (annotations, Compose labels), block or flow
// style, up to the cursor; the value quoted or not.
const ANNOTATION_MAP = /(?:^|[\s{,])(["']?)infra-guide\.io\/ignore\1[ \t]*:[ \t]+(["']?)((?:[A-Za-z0-9_./*-]+[\s,]+)*)([A-Za-z0-9_./*-]*)$/;
// `- "infra-guide.io/ignore=a,b` — Compose's list form of labels.
const ANNOTATION_LIST = /(?:^\s*-[ \t]+|[[,][ \t]*)(["']?)infra-guide\.io\/ignore=((?:[A-Za-z0-9_./*-]+[\s,]+)*)([A-Za-z0-9_./*-]*)$/;

const domainRulesByKind = new Map<DocumentKind, readonly RuleMeta[]>();

/** The rules the annotation/label silences: those of the kind's own domain. */
function annotationRules(kind: DocumentKind): readonly RuleMeta[] {
  let metas = domainRulesByKind.get(kind);
  if (!metas) {
    metas = allRules.filter((r) => r.meta.domain === (kind as string) && r.kinds.includes(kind)).map((r) => r.meta);
    domainRulesByKind.set(kind, metas);
  }
  return metas;
}

/**
 * Completions in the value of the `infra-guide.io/ignore` annotation (Kubernetes) or label
 * (Compose): the rules of the file's domain, `<domain>/*` and `*`; undefined elsewhere.
 */
export function annotationCompletions(ctx: CompletionContext): CompletionItem[] | undefined {
  const { line, character, lineText, kind } = ctx;
  const before = lineText.slice(0, character);
  if (!before.includes(IGNORE_ANNOTATION)) return undefined;
  let partial: string;
  let listStart: number;
  let bare = false;
  const map = ANNOTATION_MAP.exec(before);
  if (map) {
    partial = map[4]!;
    listStart = character - partial.length - map[3]!.length;
    // An unquoted value starting with `*` is a YAML alias: `*` goes in quotes there.
    bare = map[2] === '' && map[3] === '';
  } else {
    const list = ANNOTATION_LIST.exec(before);
    if (!list) return undefined;
    partial = list[3]!;
    listStart = character - partial.length - list[2]!.length;
  }
  if (isValueLine(ctx)) return [];
  const start = character - partial.length;
  const range = lineRange(line, start, character + runAfter(lineText, character, ID_OR_GLOB_CHAR));
  const listed = listedIds(lineText, listStart, listStart + runAfter(lineText, listStart, /[A-Za-z0-9_./*\s,-]/), start);
  if (listed.has('*') || listed.has('all')) return [];
  const items: CompletionItem[] = [];
  const domainGlob = `${kind}/*`;
  if (!listed.has(domainGlob)) {
    for (const meta of annotationRules(kind)) if (!listed.has(meta.id)) items.push(ruleIdItem(meta, range, 0));
    items.push(globItem(domainGlob, `Every ${kind} rule`, range, 1, domainGlob));
  }
  items.push(globItem('*', 'Every rule', range, 2, bare ? '"*"' : '*'));
  return items;
}

function globItem(glob: string, detail: string, range: LspRange, rank: number, newText: string): CompletionItem {
  return { label: glob, kind: CompletionItemKind.Constant, detail, sortText: `${rank}${glob}`, filterText: glob, textEdit: { range, newText } };
}
