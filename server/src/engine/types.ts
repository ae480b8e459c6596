// Core data types of the rule engine. Nothing here may import LSP or VS Code:
// the same engine runs in the language server, the CLI and the tests.

export type Severity = 'error' | 'warning' | 'info';

/** 0-based line and UTF-16 character offset, as in LSP. */
export interface Position {
  line: number;
  character: number;
}

export interface Range {
  start: Position;
  end: Position;
}

export interface TextEdit {
  range: Range;
  newText: string;
}

/** A fix is data: edits to apply, never a callback that touches files. */
export interface Fix {
  title: string;
  edits: TextEdit[];
  /** Safe fixes keep behaviour; only they are applied by fix-all and `--fix`. */
  safe: boolean;
}

export interface Finding {
  ruleId: string;
  severity: Severity;
  message: string;
  range: Range;
  fixes: Fix[];
  /** True for findings about secrets: their messages must never carry the value. */
  secret?: boolean;
}

/**
 * Kinds of documents the engine understands. YAML-based kinds share the YAML model;
 * `yaml` is any other YAML file (only generic YAML checks run on it).
 */
export type DocumentKind =
  | 'dockerfile'
  | 'kubernetes'
  | 'compose'
  | 'github-actions'
  | 'gitlab-ci'
  | 'woodpecker'
  | 'prometheus-rules'
  | 'yaml'
  | 'commit-message'
  | 'infra-guide-config';

export const YAML_KINDS: readonly DocumentKind[] = [
  'kubernetes',
  'compose',
  'github-actions',
  'gitlab-ci',
  'woodpecker',
  'prometheus-rules',
  'yaml',
  'infra-guide-config',
];

export type RuleDomain =
  | 'dockerfile'
  | 'kubernetes'
  | 'compose'
  | 'ci'
  | 'vault'
  | 'logging'
  | 'alerting'
  | 'commit'
  | 'yaml'
  | 'infra-guide';

/** How editors may show findings: `unnecessary` code is faded (LSP `DiagnosticTag.Unnecessary`). */
export type FindingTag = 'unnecessary';

export interface RuleExample {
  /** File name the example is linted as (decides the document kind). */
  fileName: string;
  code: string;
}

export type FixSafety = 'safe' | 'unsafe' | 'mixed';

export interface RuleMeta {
  /** `<domain>/<kebab-case-name>`, stable: it is the public id in configs, pragmas and SARIF. */
  id: string;
  title: string;
  domain: RuleDomain;
  severity: Severity;
  /** Section of the Infrastructure & DevOps guide the rule enforces. */
  guideSection: string;
  rationale: string;
  bad: RuleExample;
  good: RuleExample;
  fixable: boolean;
  /**
   * Set exactly when `fixable`: whether the rule's fixes keep behaviour (`safe`: applied by
   * `check --fix` and "Fix all"), never do (`unsafe`: offered as quick fixes only), or depend on
   * the finding (`mixed`). The rule tester checks it against the fixes of the rule's cases.
   */
  fixSafety?: FixSafety;
  /** Defaults of the rule's options; the config file may override each key. */
  defaultOptions?: Record<string, unknown>;
  /** One line per option, for the generated docs. */
  optionDocs?: Record<string, string>;
  /** JSON Schema keywords per option, over the type the schemas infer from its default. */
  optionSchemas?: Record<string, Record<string, unknown>>;
  /** Tags of every finding of the rule, e.g. `unnecessary` when it marks text that can go. */
  tags?: readonly FindingTag[];
}

export interface Report {
  range: Range;
  message: string;
  fixes?: Fix[];
  /** Overrides the rule's default severity for this finding (e.g. info for "unknown"). */
  severity?: Severity;
  secret?: boolean;
}

export interface RuleContext {
  /** The rule's options: defaults merged with the config file's values. */
  readonly options: Readonly<Record<string, unknown>>;
  readonly fileName: string;
  /**
   * A kustomization lists the file as a patch (`LintInput.kustomizePatch`): each of its
   * documents is a patch as a whole, whose missing fields the base manifest holds.
   */
  readonly kustomizePatch?: boolean;
  report(report: Report): void;
}

/** Per-kind parsed document handed to rules; see `parse.ts`. */
export interface Rule<TDoc = unknown> {
  meta: RuleMeta;
  /** Document kinds this rule runs on. */
  kinds: readonly DocumentKind[];
  check(doc: TDoc, ctx: RuleContext): void;
}
