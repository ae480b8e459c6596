// The engine's entry point: text + file name → document kind → parse once → rules → findings.
// A `Linter` keeps small caches so the language server can re-lint a large multi-document
// YAML file per keystroke by re-checking only the documents that changed.
import { isMap, isPair, isScalar, isSeq, type Node } from 'yaml';
import { classify } from './classify';
import { applySafeFixes } from './fix';
import { parseCommitMessage } from './commit/model';
import { defaultConfig, parseConfigText, type InfraGuideConfig, type RuleLevel } from './config';
import { parseDockerfile } from './dockerfile/model';
import { allRules, isKnownRule } from './registry';
import { isSuppressed, parseSuppressions } from './suppressions';
import { TextIndex, comparePositions, shiftRange } from './text';
import type { DocumentKind, Finding, Fix, Report, Rule, RuleContext, Severity } from './types';
import { YAML_KINDS } from './types';
import { parseYamlSegment, toYamlFile, type YamlDocumentView } from './yaml/model';

export interface LintInput {
  text: string;
  fileName: string;
  languageId?: string;
  config?: InfraGuideConfig;
  /** Forces a kind (e.g. for tests); otherwise it is derived from name, language and content. */
  kind?: DocumentKind;
}

export interface LintResult {
  kind: DocumentKind | undefined;
  findings: Finding[];
}

export interface LinterOptions {
  /** Called when a rule throws; the rule's findings for that document are dropped. */
  onRuleError?: (ruleId: string, fileName: string, error: unknown) => void;
  /** Re-throw rule errors (rule tests). */
  throwOnRuleError?: boolean;
  /** Maximum YAML documents whose parse and findings are kept (LRU). */
  cacheSize?: number;
}

const EMPTY_RANGE = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
const TEMPLATE_MARKER = /\{\{-?\s*(\.|include\b|template\b|if\b|range\b|with\b|end\b|define\b|toYaml\b|\$)|\{\{[^}]*\}\}\s*$/m;

class Lru<V> {
  private map = new Map<string, V>();
  constructor(private readonly max: number) {}
  get(key: string): V | undefined {
    const v = this.map.get(key);
    if (v !== undefined) {
      this.map.delete(key);
      this.map.set(key, v);
    }
    return v;
  }
  set(key: string, v: V): void {
    this.map.delete(key);
    this.map.set(key, v);
    if (this.map.size > this.max) this.map.delete(this.map.keys().next().value as string);
  }
  clear(): void {
    this.map.clear();
  }
}

function shiftFinding(f: Finding, lines: number): Finding {
  if (lines === 0) return f;
  return {
    ...f,
    range: shiftRange(f.range, lines),
    fixes: f.fixes.map((fix) => ({ ...fix, edits: fix.edits.map((e) => ({ range: shiftRange(e.range, lines), newText: e.newText })) })),
  };
}

interface RecentYamlFile {
  texts: string[];
  views: YamlDocumentView[];
  /** Findings of documents without parse errors (segment-relative). */
  findings: (Finding[] | undefined)[];
}

/** Files whose documents are kept for the next lint of the same file (open editors). */
const RECENT_FILES = 32;

/**
 * Index in `prevTexts` of a document equal to document `i` of `count` new ones: the same index
 * (documents before an edit) or the same distance from the end (documents after it), else -1.
 */
function sameSegment(prevTexts: readonly string[], i: number, count: number, text: string): number {
  const a = prevTexts[i];
  if (a !== undefined && a.length === text.length && a === text) return i;
  const j = i + prevTexts.length - count;
  const b = j >= 0 ? prevTexts[j] : undefined;
  if (b !== undefined && b.length === text.length && b === text) return j;
  return -1;
}

export function rulesForKind(kind: DocumentKind): Rule<unknown>[] {
  return allRules.filter((r) => r.kinds.includes(kind));
}

const configKeys = new WeakMap<InfraGuideConfig, string>();
function configKey(config: InfraGuideConfig): string {
  let k = configKeys.get(config);
  if (k === undefined) {
    k = JSON.stringify(config.rules);
    configKeys.set(config, k);
  }
  return k;
}

function levelOf(config: InfraGuideConfig, ruleId: string): RuleLevel | undefined {
  return config.rules[ruleId]?.level;
}

export class Linter {
  private readonly segmentCache: Lru<YamlDocumentView>;
  private readonly findingCache: Lru<Finding[]>;
  /** Per file (and config and kind): its documents at the previous lint. */
  private readonly recentFiles = new Map<string, RecentYamlFile>();

  constructor(private readonly options: LinterOptions = {}) {
    this.segmentCache = new Lru(options.cacheSize ?? 4000);
    this.findingCache = new Lru(options.cacheSize ?? 4000);
  }

  clearCaches(): void {
    this.segmentCache.clear();
    this.findingCache.clear();
    this.recentFiles.clear();
  }

  lint(input: LintInput): LintResult {
    const config = input.config ?? defaultConfig();
    const kind = input.kind ?? classify(input.fileName, input.languageId, input.text);
    if (kind === undefined) return { kind, findings: [] };
    const text = input.text;

    if (text.length > config.maxFileSizeBytes) {
      return {
        kind,
        findings: this.finalize(config, [
          {
            ruleId: 'infra-guide/file-too-large',
            severity: 'info',
            message: `File is ${text.length} bytes, above the limit of ${config.maxFileSizeBytes} (maxFileSizeBytes): not linted.`,
            range: EMPTY_RANGE,
            fixes: [],
          },
        ]),
      };
    }
    if (looksBinary(text)) {
      return {
        kind,
        findings: this.finalize(config, [
          { ruleId: 'infra-guide/binary-file', severity: 'info', message: 'File contains NUL bytes and looks binary: not linted.', range: EMPTY_RANGE, fixes: [] },
        ]),
      };
    }

    const index = new TextIndex(text);
    if (kind !== 'commit-message') {
      // Parsers are superlinear on huge single lines (a 5 MB flow sequence or RUN line takes
      // tens of seconds), so a file with such a line is skipped like an oversized file.
      const long = longestLine(index);
      if (long.length > MAX_LINE_LENGTH) {
        const at = { line: long.line, character: 0 };
        return {
          kind,
          findings: this.finalize(config, [
            {
              ruleId: 'infra-guide/file-too-large',
              severity: 'info',
              message: `Line ${long.line + 1} is ${long.length} characters long, above the limit of ${MAX_LINE_LENGTH} characters per line: not linted.`,
              range: { start: at, end: at },
              fixes: [],
            },
          ]),
        };
      }
    }
    let raw: Finding[];
    let anchorLine: (line: number) => number = (l) => l;
    if (kind === 'dockerfile') {
      const doc = parseDockerfile(text);
      anchorLine = doc.instructionStartLine;
      raw = this.runRules(kind, doc, config, input.fileName);
    } else if (kind === 'commit-message') {
      raw = this.runRules(kind, parseCommitMessage(text), config, input.fileName);
    } else if (kind === 'infra-guide-config') {
      raw = parseConfigText(text, isKnownRule).problems;
    } else if (YAML_KINDS.includes(kind)) {
      raw = this.lintYaml(kind, text, index, config, input.fileName);
    } else {
      raw = [];
    }

    const suppressions = parseSuppressions(text, index, isKnownRule, config.pragmas);
    // Only files with line pragmas pay for the YAML anchor walk (most files have none).
    if (suppressions.lines.size > 0 && YAML_KINDS.includes(kind)) {
      anchorLine = yamlAnchorLineMapper(text, kind, index, (seg) => {
        // Documents just linted are in the cache; not stored otherwise (rules see cached views).
        return this.segmentCache.get(kind + '\u0000' + seg) ?? parseYamlSegment(kind, seg, 0);
      });
    }
    const kept = raw.filter((f) => !isSuppressed(suppressions, f.ruleId, anchorLine(f.range.start.line), f.range.start.line));
    return { kind, findings: this.finalize(config, [...kept, ...suppressions.problems]) };
  }

  /**
   * Applies all safe fixes, re-linting between passes until nothing changes (fixes can
   * enable each other), at most `maxPasses` times. Returns the final text.
   */
  fixAll(input: LintInput, maxPasses = 10): { text: string; applied: number; findings: Finding[] } {
    let text = input.text;
    let applied = 0;
    let result = this.lint(input);
    for (let pass = 0; pass < maxPasses; pass++) {
      const step = applySafeFixes(text, result.findings);
      if (step.applied === 0 || step.text === text) break;
      text = step.text;
      applied += step.applied;
      result = this.lint({ ...input, text, kind: result.kind });
    }
    return { text, applied, findings: result.findings };
  }

  private lintYaml(kind: DocumentKind, text: string, index: TextIndex, config: InfraGuideConfig, fileName: string): Finding[] {
    const file = toYamlFile(kind, text, index);
    const rules = rulesForKind(kind);
    const out: Finding[] = [];
    let parseError: Finding | undefined;
    let templated = false;
    const key = `${configKey(config)}\u0000${kind}\u0000${fileName}\u0000`;
    // Documents unchanged since this file's previous lint are found by comparing texts at the
    // same index (from the start, then from the end): no hashing of 600 keys per keystroke.
    const prev = this.recentFiles.get(key);
    const segCount = file.segments.length;
    const now: RecentYamlFile = { texts: new Array(segCount), views: new Array(segCount), findings: new Array(segCount) };
    for (let i = 0; i < segCount; i++) {
      const seg = file.segments[i]!;
      const j = prev ? sameSegment(prev.texts, i, segCount, seg.text) : -1;
      let view = j >= 0 ? prev!.views[j] : this.segmentCache.get(kind + '\u0000' + seg.text);
      if (!view) {
        view = parseYamlSegment(kind, seg.text, i);
        this.segmentCache.set(kind + '\u0000' + seg.text, view);
      }
      now.texts[i] = seg.text;
      now.views[i] = view;
      if (view.hasErrors) {
        if (TEMPLATE_MARKER.test(seg.text)) templated = true;
        else if (!parseError) {
          const err = view.doc.errors[0]!;
          parseError = {
            ruleId: 'infra-guide/parse-error',
            severity: 'error',
            message: `YAML syntax error: ${firstLine(err.message)}`,
            range: shiftRange(view.range([err.pos[0], Math.max(err.pos[0], err.pos[1])]), seg.lineOffset),
            fixes: [],
          };
        }
        continue;
      }
      let cached = j >= 0 ? prev!.findings[j] : this.findingCache.get(key + seg.text);
      if (!cached) {
        cached = this.runRules(kind, view, config, fileName, rules);
        this.findingCache.set(key + seg.text, cached);
      }
      now.findings[i] = cached;
      for (const f of cached) out.push(shiftFinding(f, seg.lineOffset));
    }
    this.recentFiles.delete(key);
    this.recentFiles.set(key, now);
    if (this.recentFiles.size > RECENT_FILES) this.recentFiles.delete(this.recentFiles.keys().next().value as string);
    if (templated) {
      out.push({
        ruleId: 'infra-guide/templated-file-skipped',
        severity: 'info',
        message: 'Templated YAML (e.g. a Helm template) is not valid YAML until rendered: documents with template syntax were skipped.',
        range: EMPTY_RANGE,
        fixes: [],
      });
    }
    if (parseError) out.push(parseError);
    return out;
  }

  private runRules(kind: DocumentKind, doc: unknown, config: InfraGuideConfig, fileName: string, rules = rulesForKind(kind)): Finding[] {
    const findings: Finding[] = [];
    for (const rule of rules) {
      const level = levelOf(config, rule.meta.id);
      if (level === 'off') continue;
      const collected: Finding[] = [];
      const ctx: RuleContext = {
        options: { ...(rule.meta.defaultOptions ?? {}), ...(config.rules[rule.meta.id]?.options ?? {}) },
        fileName,
        report(r: Report) {
          collected.push({
            ruleId: rule.meta.id,
            severity: r.severity ?? rule.meta.severity,
            message: r.message,
            range: r.range,
            fixes: r.fixes ?? ([] as Fix[]),
            ...(r.secret ? { secret: true } : {}),
          });
        },
      };
      try {
        rule.check(doc, ctx);
        // Not `push(...collected)`: a rule may report 100k+ findings (spread overflows the stack).
        for (const f of collected) findings.push(f);
      } catch (e) {
        if (this.options.throwOnRuleError) throw e;
        this.options.onRuleError?.(rule.meta.id, fileName, e);
      }
    }
    return findings;
  }

  /** Applies configured levels, drops `off` rules and sorts by position. */
  private finalize(config: InfraGuideConfig, findings: Finding[]): Finding[] {
    const out: Finding[] = [];
    for (const f of findings) {
      const level = levelOf(config, f.ruleId);
      if (level === 'off') continue;
      out.push(level ? { ...f, severity: level as Severity } : f);
    }
    return out.sort((a, b) => comparePositions(a.range.start, b.range.start) || a.ruleId.localeCompare(b.ruleId));
  }
}

// ---- YAML pragma anchors ----

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

function firstLine(s: string): string {
  const i = s.indexOf('\n');
  return i >= 0 ? s.slice(0, i) : s;
}

/** Longest line (with its line break) a file may have to be linted. */
export const MAX_LINE_LENGTH = 65_536;

function longestLine(index: TextIndex): { line: number; length: number } {
  const starts = index.lineStarts;
  let best = { line: 0, length: 0 };
  for (let i = 0; i < starts.length; i++) {
    const length = (i + 1 < starts.length ? starts[i + 1]! : index.text.length) - starts[i]!;
    if (length > best.length) best = { line: i, length };
  }
  return best;
}

/** NUL bytes in the first 8 KB: treat as binary, as git does. */
export function looksBinary(text: string): boolean {
  return text.slice(0, 8192).includes('\u0000');
}

const sharedLinter = new Linter();

/** Lints one text with a process-wide linter. */
export function lint(input: LintInput): LintResult {
  return sharedLinter.lint(input);
}
