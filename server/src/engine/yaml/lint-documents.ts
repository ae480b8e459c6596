// The YAML pass: each document of a (multi-document) file is parsed and checked on its own, and
// parses and findings are cached per document text, so that re-linting a large file after a
// keystroke re-parses and re-checks only the edited document.
import type { InfraGuideConfig } from '../config';
import { compareFindings } from '../levels';
import { detachedCopy, FILE_START_RANGE, shiftRange, TextIndex } from '../text';
import type { DocumentKind, Finding } from '../types';
import { YamlDocumentCache } from './document-cache';
import { hasSuppressions } from '../suppressions';
import { parseYamlSegment, perView, yamlDocumentSlices, type YamlDocumentSlice, type YamlDocumentView } from './model';

/** Runs the kind's rules on one document; ranges are relative to the document. */
export type CheckYamlDocument = (kind: DocumentKind, view: YamlDocumentView, config: InfraGuideConfig, fileName: string, kustomizePatch: boolean) => Finding[];

/** A template action: `{{ .Values.x`, `{{- include …`, `{{ if …`, `{{ $x` … */
const TEMPLATE_ACTION = /\{\{-?\s*(\.|include\b|template\b|if\b|range\b|with\b|end\b|define\b|toYaml\b|\$)/;
/** `}}` that ends its line (blanks may follow), tried at one offset. */
const CLOSE_AT_LINE_END = /\}\}\s*$/my;

/**
 * Whether a document's text holds template syntax: a template action, or a `{{ … }}` that ends
 * its line. One regular expression for both followed each `{{` to the next `}` (to the end of the
 * text when none came): quadratic in the `{{` of a text without a `}` after them. The `{{` before
 * a `}` all close there or none does, so each `}` is looked at once.
 */
function hasTemplateSyntax(text: string): boolean {
  if (TEMPLATE_ACTION.test(text)) return true;
  for (let open = text.indexOf('{{'); open >= 0; ) {
    const close = text.indexOf('}', open + 2);
    if (close < 0) return false;
    CLOSE_AT_LINE_END.lastIndex = close;
    if (CLOSE_AT_LINE_END.test(text)) return true;
    open = text.indexOf('{{', close + 1);
  }
  return false;
}


export interface YamlLintResult {
  findings: Finding[];
  /** The file's line index, put together from its documents' (the same as `new TextIndex(text)`). */
  index: TextIndex;
  /** `hasSuppressions(text)`, from the documents' answers. */
  mayHoldPragmas: boolean;
  /** The parsed documents, in order: pragma handling reads them again (not parsed twice without a cache). */
  views: readonly YamlDocumentView[];
}

interface RecentYamlFile {
  texts: string[];
  views: YamlDocumentView[];
  /** Findings of documents without parse errors (segment-relative). */
  findings: (Finding[] | undefined)[];
  /** The same on file lines, at the document's `lineOffsets`: re-used while that stays. */
  fileFindings: (readonly Finding[] | undefined)[];
  lineOffsets: number[];
}

export class YamlDocumentLinter {
  /**
   * Undefined without a cache (`cacheSize` 0, the CLI): each document would be hashed into it and
   * given an entry only to be dropped at once (~12M instructions per pass over the Compose corpus).
   */
  private readonly documents: YamlDocumentCache | undefined;
  /** Per file (and config and kind): its documents at the previous lint. */
  private readonly recentFiles = new Map<string, RecentYamlFile>();

  /**
   * `cacheSize`: documents kept by text, across files; `recentFiles`: files whose documents are
   * kept for the next lint of the same file (open editors; a fix loop).
   */
  constructor(
    private readonly checkDocument: CheckYamlDocument,
    cacheSize: number,
    private readonly recentFileCount: number,
  ) {
    this.documents = cacheSize > 0 ? new YamlDocumentCache(cacheSize) : undefined;
  }

  clearCaches(): void {
    this.documents?.clear();
    this.recentFiles.clear();
  }

  private dropOldestRecentFile(): void {
    this.recentFiles.delete(this.recentFiles.keys().next().value as string);
  }

  /**
   * Whether a file of `documentCount` documents is kept for its next lint. Not a single document
   * without a document cache (batch runs): they lint a file again only after a fix changed it, so
   * nothing of its one document could be re-used, and its parse, kept alive until the next
   * file's lint, was copied and promoted by scavenges (~2.3 MB per pass over the Compose corpus).
   */
  private keepsForNextLint(documentCount: number): boolean {
    return documentCount > 1 || this.documents !== undefined;
  }

  /**
   * Findings of all documents (file-relative), plus template-skip and first parse-error findings.
   * `kustomizePatch`: a kustomization lists the file as a patch (see `RuleContext`).
   */
  lint(kind: DocumentKind, text: string, config: InfraGuideConfig, fileName: string, kustomizePatch = false): YamlLintResult {
    const slices = yamlDocumentSlices(text);
    const out: Finding[] = [];
    let parseError: Finding | undefined;
    let templated = false;
    let mayHoldPragmas = false;
    // Findings depend on the file's name (patch-like names) and whether it is a listed patch too.
    const scope = `${configKey(config)}\u0000${kind}\u0000${fileName}${kustomizePatch ? '\u0000patch' : ''}`;
    // Documents unchanged since this file's previous lint are found by comparing texts at the
    // same index (from the start, then from the end): no hashing of 600 keys per keystroke.
    const prev = this.recentFiles.get(scope);
    // A new file takes the oldest one's place: drop that now, not after this file's lint. Kept to
    // the end, its parses stayed alive through this file's, and scavenges copied and promoted them
    // (the CLI keeps one file: a quarter of what the engine adds to parsing the Compose corpus).
    if (!prev && this.recentFiles.size >= this.recentFileCount) this.dropOldestRecentFile();
    const segCount = slices.length;
    const now: RecentYamlFile = {
      texts: new Array(segCount),
      views: new Array(segCount),
      findings: new Array(segCount),
      fileFindings: new Array(segCount),
      lineOffsets: new Array(segCount),
    };
    // Line of the file where the document starts: the lines of the documents before it.
    let lineOffset = 0;
    for (let i = 0; i < segCount; i++) {
      const seg = slices[i]!;
      const j = prev ? sameSegment(prev.texts, i, segCount, seg.text) : -1;
      // What the cache keeps must not hold on to this version of the file (see detachedCopy).
      const text = j < 0 && this.documents ? detachedCopy(seg.text) : seg.text;
      const cachedDocument = j >= 0 ? undefined : this.documents?.entry(text);
      let view = j >= 0 ? prev!.views[j] : cachedDocument?.views.get(kind);
      if (!view) {
        view = parseYamlSegment(kind, text, i);
        cachedDocument?.views.set(kind, view);
      }
      const segLineOffset = lineOffset;
      // A document ends with a line break (but the last): its last line start is the next one's first.
      lineOffset += view.index.lineCount - 1;
      now.texts[i] = seg.text;
      now.views[i] = view;
      if (!mayHoldPragmas) mayHoldPragmas = mentionsPragma(view);
      if (view.hasErrors) {
        if (hasTemplateSyntax(seg.text)) templated = true;
        else if (!parseError) {
          const err = view.doc.errors[0]!;
          // An error at the end of input (an unclosed quote or bracket) points past the last line
          // break, at a line that editors' gutters and CI annotations do not show: the end of the
          // last line holding text instead.
          const end = seg.text.replace(/[\r\n]+$/, '').length;
          // (Offsets inside a surrogate pair, an emoji, are widened by `fitFindings` in `lint`.)
          const from = Math.min(err.pos[0], end);
          const to = Math.max(from, Math.min(err.pos[1], end));
          parseError = {
            ruleId: 'infra-guide/parse-error',
            severity: 'error',
            message: `YAML syntax error: ${firstLine(err.message)}`,
            range: shiftRange(view.range([from, to]), segLineOffset),
            fixes: [],
          };
        }
        continue;
      }
      let cached = j >= 0 ? prev!.findings[j] : cachedDocument?.findings.get(scope);
      if (!cached) {
        cached = this.checkDocument(kind, view, config, fileName, kustomizePatch);
        cachedDocument?.findings.set(scope, cached);
      }
      now.findings[i] = cached;
      now.lineOffsets[i] = segLineOffset;
      // A keystroke that adds no line moves no document: their findings are not copied again.
      const kept = j >= 0 && prev!.lineOffsets[j] === segLineOffset ? prev!.fileFindings[j] : undefined;
      const shifted = kept ?? toFileFindings(cached, segLineOffset);
      now.fileFindings[i] = shifted;
      for (const f of shifted) out.push(f);
    }
    this.recentFiles.delete(scope);
    if (this.keepsForNextLint(segCount)) {
      this.recentFiles.set(scope, now);
      if (this.recentFiles.size > this.recentFileCount) this.dropOldestRecentFile();
    }
    if (templated) {
      out.push({
        ruleId: 'infra-guide/templated-file-skipped',
        severity: 'info',
        message: 'Templated YAML (e.g. a Helm template) is not valid YAML until rendered: documents with template syntax were skipped.',
        range: FILE_START_RANGE,
        fixes: [],
      });
    }
    if (parseError) out.push(parseError);
    return { findings: out, index: fileIndex(text, slices, now.views), mayHoldPragmas, views: now.views };
  }
}

/**
 * The file's line index from its documents' ones (each parse has its document's): a line table
 * of the whole text took ~1.5 ms per keystroke in a 20k-line stream, the documents' cost nothing.
 */
function fileIndex(text: string, slices: readonly YamlDocumentSlice[], views: readonly YamlDocumentView[]): TextIndex {
  // A single document is the whole text.
  if (views.length === 1) return views[0]!.index;
  const starts: number[] = [];
  const last = slices.length - 1;
  for (let i = 0; i <= last; i++) {
    const base = slices[i]!.start;
    const own = views[i]!.index.lineStarts;
    // Past a document's final line break starts the next document, which counts that line itself.
    const count = i === last ? own.length : own.length - 1;
    for (let k = 0; k < count; k++) starts.push(base + own[k]!);
  }
  return new TextIndex(text, starts);
}

/**
 * Whether a document may hold a pragma. A pragma's name holds no line break: it is in one
 * document, and the file's answer is any of theirs (a scan of the whole text took ~0.4 ms per
 * keystroke in a 20k-line stream).
 */
const mentionsPragma = perView((view) => hasSuppressions(view.text));

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

// Cached findings depend on the rule configuration: it is part of their cache key.
const configKeys = new WeakMap<InfraGuideConfig, string>();
function configKey(config: InfraGuideConfig): string {
  let k = configKeys.get(config);
  if (k === undefined) {
    k = JSON.stringify(config.rules);
    configKeys.set(config, k);
  }
  return k;
}

/**
 * A document's findings on file lines, sorted as `finalizeFindings` sorts a file's: then those of
 * a file are nearly in order, and sorting them takes a comparison per finding, not ~10. Those of
 * a document on the file's first line (a single-document file's) are left as they are: that sort
 * orders them anyway, and a sorted copy first was two sorts and a copy per file.
 */
function toFileFindings(findings: readonly Finding[], lines: number): readonly Finding[] {
  return lines === 0 ? findings : findings.map((f) => shiftFinding(f, lines)).sort(compareFindings);
}

function shiftFinding(f: Finding, lines: number): Finding {
  return {
    ...f,
    range: shiftRange(f.range, lines),
    fixes: f.fixes.map((fix) => ({ ...fix, edits: fix.edits.map((e) => ({ range: shiftRange(e.range, lines), newText: e.newText })) })),
  };
}

function firstLine(s: string): string {
  const i = s.indexOf('\n');
  return i >= 0 ? s.slice(0, i) : s;
}
