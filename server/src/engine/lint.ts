// The engine's entry point: text + file name → document kind → parse once → rules → findings.
// A `Linter` keeps small caches so the language server can re-lint a large multi-document
// YAML file per keystroke by re-checking only the documents that changed (yaml/lint-documents.ts).
import { classify } from './classify';
import { applySafeFixes } from './fix';
import { parseCommitMessage, type CommitDoc } from './commit/model';
import { defaultConfig, parseConfigText, type InfraGuideConfig } from './config';
import { parseDockerfile, type DockerfileDoc } from './dockerfile/model';
import { isHeredocLine } from './dockerfile/shell/heredoc';
import { longLineFinding, oversizeOrBinaryFinding } from './guards';
import { finalizeFindings } from './levels';
import { defaultOptionsOf, getRule, isKnownRule } from './registry';
import { rulesOfKind, runRules } from './rule-runner';
import { Lru } from './lru';
import { hasSuppressions, isSuppressed, parseSuppressions, PRAGMA_RULE_IDS, unusedPragmaFindings, type PragmaRuleStatus } from './suppressions';
import { fitFindings, TextIndex } from './text';
import type { DocumentKind, Finding, Rule } from './types';
import { YAML_KINDS } from './types';
import { yamlAnchorLineMapper } from './yaml/anchors';
import { YamlDocumentLinter, type CheckYamlDocument } from './yaml/lint-documents';
import { parseYamlSegment, splitYamlDocuments, type YamlDocumentView } from './yaml/model';

export interface LintInput {
  text: string;
  fileName: string;
  languageId?: string;
  config?: InfraGuideConfig;
  /** Forces a kind (e.g. for tests); otherwise it is derived from name, language and content. */
  kind?: DocumentKind;
  /**
   * A kustomization lists the file as a patch (`patches`, `patchesStrategicMerge`,
   * `patchesJson6902`): every document of it is a patch as a whole, so fields it leaves out
   * (resources, probes, non-root) are not reported; what it sets is still judged. The engine
   * reads no files: callers find kustomizations (workspace/kustomize.ts).
   */
  kustomizePatch?: boolean;
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
  /** Maximum YAML documents whose parse and findings are kept across files (LRU; default 4000). */
  cacheSize?: number;
  /** Files whose YAML documents are kept for the file's next lint (default 32). */
  recentFiles?: number;
}

/**
 * For runs that lint each file once (the CLI): documents kept for later files are never used
 * again, yet every one of them outlives young-generation GCs and gets copied into the old
 * generation. Keeping only the current file (for the fix loop's re-lints) made the YAML engine
 * ~20% faster over the corpus.
 */
export const BATCH_LINTER_OPTIONS: Readonly<Pick<LinterOptions, 'cacheSize' | 'recentFiles'>> = { cacheSize: 0, recentFiles: 1 };

export function rulesForKind(kind: DocumentKind): Rule<unknown>[] {
  return [...rulesOfKind(kind)];
}

const PRAGMA_PROBLEMS: ReadonlySet<string> = new Set(Object.values(PRAGMA_RULE_IDS));

// `lint` without a config: one shared default, so that per-config caches keep working.
const DEFAULT_CONFIG = defaultConfig();

export class Linter {
  private readonly yaml: YamlDocumentLinter;
  /**
   * Rules that threw on a YAML document (`kind NUL text` → ids), kept because the document's
   * findings are cached: a later lint must still know its pragmas for them prove nothing.
   */
  private readonly yamlRuleErrors = new Lru<Set<string>>(1000);
  private yamlRulesThrew = false;

  constructor(private readonly options: LinterOptions = {}) {
    const checkDocument: CheckYamlDocument = (kind, view, config, fileName, kustomizePatch) =>
      this.runRules(kind, view, config, fileName, kustomizePatch, (ruleId) => {
        const key = `${kind}\u0000${view.text}`;
        const ids = this.yamlRuleErrors.get(key) ?? new Set();
        ids.add(ruleId);
        this.yamlRuleErrors.set(key, ids);
        this.yamlRulesThrew = true;
      });
    this.yaml = new YamlDocumentLinter(checkDocument, options.cacheSize ?? 4000, options.recentFiles ?? 32);
  }

  clearCaches(): void {
    this.yaml.clearCaches();
    this.yamlRuleErrors.clear();
    this.yamlRulesThrew = false;
  }

  lint(input: LintInput): LintResult {
    const config = input.config ?? DEFAULT_CONFIG;
    const kind = input.kind ?? classify(input.fileName, input.languageId, input.text);
    if (kind === undefined) return { kind, findings: [] };
    const text = input.text;

    const unlintable = oversizeOrBinaryFinding(text, config.maxFileSizeBytes);
    if (unlintable) return { kind, findings: finalizeFindings(config, [unlintable]) };
    // Built only when needed: a short Dockerfile without pragmas never needs line offsets.
    let textIndex: TextIndex | undefined;
    const index = (): TextIndex => (textIndex ??= new TextIndex(text));
    // Commit messages are not parsed by a superlinear parser: long lines are fine there.
    const longLine = kind === 'commit-message' ? undefined : longLineFinding(text, index);
    if (longLine) return { kind, findings: finalizeFindings(config, [longLine]) };

    let raw: Finding[];
    let anchorLine: (line: number) => number = (l) => l;
    let dockerfile: DockerfileDoc | undefined;
    let commit: CommitDoc | undefined;
    let mayHoldPragmas: boolean | undefined;
    let yamlViews: readonly YamlDocumentView[] | undefined;
    // Rules that threw on this file (their findings were dropped).
    const threw = new Set<string>();
    const onThrow = (ruleId: string): void => void threw.add(ruleId);
    if (kind === 'dockerfile') {
      dockerfile = parseDockerfile(text);
      textIndex = dockerfile.index;
      anchorLine = dockerfile.instructionStartLine;
      raw = this.runRules(kind, dockerfile, config, input.fileName, false, onThrow);
    } else if (kind === 'commit-message') {
      commit = parseCommitMessage(text);
      textIndex = commit.index;
      raw = this.runRules(kind, commit, config, input.fileName, false, onThrow);
    } else if (kind === 'infra-guide-config') {
      raw = parseConfigText(text, isKnownRule, defaultOptionsOf).problems;
    } else if (YAML_KINDS.includes(kind)) {
      const yaml = this.yaml.lint(kind, text, config, input.fileName, input.kustomizePatch === true);
      yamlViews = yaml.views;
      raw = yaml.findings;
      textIndex = yaml.index;
      mayHoldPragmas = yaml.mayHoldPragmas;
    } else {
      raw = [];
    }
    if (raw.length > 0) raw = fitFindings(raw, index());

    // Most files have no pragma: they skip parsing, filtering and copying findings.
    if (!(mayHoldPragmas ?? hasSuppressions(text))) return { kind, findings: finalizeFindings(config, raw) };
    // In YAML, lines inside multi-line scalars are data: they cannot hold a pragma, and a line
    // pragma silencing them must precede the scalar's key (see yaml/anchors.ts).
    let isValueLine: ((line: number) => boolean) | undefined;
    if (dockerfile) {
      // Likewise a Dockerfile heredoc body is a script or file content. Only asked of lines that
      // look like pragmas, so files without one never look for heredocs.
      isValueLine = (line) => isHeredocLine(dockerfile, line);
    } else if (commit) {
      // Below the scissors line of `git commit -v` is the diff: Dockerfile lines, say, not pragmas.
      const end = commit.end;
      isValueLine = (line) => line >= end;
    } else if (YAML_KINDS.includes(kind)) {
      // The documents just linted, asked for in the same order (without a document cache, as in
      // the CLI, each was parsed a second time: twice the time for a file with a pragma).
      let next = 0;
      const yamlAnchor = yamlAnchorLineMapper(text, kind, index(), (seg) => {
        const linted = yamlViews?.[next++];
        return linted?.text === seg ? linted : parseYamlSegment(kind, seg, 0);
      });
      anchorLine = yamlAnchor;
      isValueLine = (line) => yamlAnchor(line) !== line;
    }
    const suppressions = parseSuppressions(text, index(), isKnownRule, config.pragmas, isValueLine);
    // Pragma problems that rules find (a pragma at the end of a YAML line, an unknown id in an
    // ignore annotation) are no more silenced by a pragma than those found in the pragmas.
    const kept = raw.filter((f) => PRAGMA_PROBLEMS.has(f.ruleId) || !isSuppressed(suppressions, f.ruleId, anchorLine(f.range.start.line), f.range.start.line));
    for (const p of suppressions.problems) kept.push(p);
    if (suppressions.pragmas.length > 0) {
      // Documents with syntax errors or templates were not checked: their pragmas prove nothing.
      const partial = raw.some((f) => f.ruleId === 'infra-guide/parse-error' || f.ruleId === 'infra-guide/templated-file-skipped');
      if (YAML_KINDS.includes(kind)) this.addYamlRuleErrors(kind, text, index(), threw);
      const statusOf = (id: string): PragmaRuleStatus => {
        const rule = getRule(id)!;
        // Engine rules report on files of every kind.
        if (rule.meta.domain !== 'infra-guide' && !rule.kinds.includes(kind)) return 'other-kind';
        if (partial || threw.has(id) || config.rules[id]?.level === 'off') return 'unknown';
        return 'active';
      };
      for (const f of unusedPragmaFindings(suppressions, index(), statusOf, kind)) kept.push(f);
    }
    return { kind, findings: finalizeFindings(config, kept) };
  }

  /** Adds the rules that threw on any document of a YAML file (now or when its findings were cached). */
  private addYamlRuleErrors(kind: DocumentKind, text: string, index: TextIndex, into: Set<string>): void {
    if (!this.yamlRulesThrew) return;
    for (const seg of splitYamlDocuments(text, index)) {
      const ids = this.yamlRuleErrors.get(`${kind}\u0000${seg.text}`);
      if (ids) for (const id of ids) into.add(id);
    }
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

  private runRules(kind: DocumentKind, doc: unknown, config: InfraGuideConfig, fileName: string, kustomizePatch: boolean, onThrow: (ruleId: string) => void): Finding[] {
    return runRules(
      kind,
      doc,
      config,
      fileName,
      (ruleId, error) => {
        if (this.options.throwOnRuleError) throw error;
        onThrow(ruleId);
        this.options.onRuleError?.(ruleId, fileName, error);
      },
      kustomizePatch,
    );
  }
}

const sharedLinter = new Linter();

/** Lints one text with a process-wide linter. */
export function lint(input: LintInput): LintResult {
  return sharedLinter.lint(input);
}
