// Runs a document kind's rules on one parsed document. What a config makes of each rule (on or
// off, its merged options) is worked out once per config and kind instead of once per file, and
// one context object serves every rule of a run: per-file set-up used to allocate a context, a
// closure, an options object and a findings array for each of ~70 rules, for every file.
import type { InfraGuideConfig } from './config';
import { allRules } from './registry';
import type { DocumentKind, Finding, Fix, Report, Rule, RuleContext } from './types';

/** A rule the config leaves on, with its options (defaults merged with the config's). */
interface ActiveRule {
  readonly rule: Rule<unknown>;
  readonly id: string;
  readonly options: Readonly<Record<string, unknown>>;
}

export type RuleErrorHandler = (ruleId: string, error: unknown) => void;

const rulesByKind = new Map<DocumentKind, readonly Rule<unknown>[]>();

/** The rules that run on a kind, in registry order (shared: do not mutate). */
export function rulesOfKind(kind: DocumentKind): readonly Rule<unknown>[] {
  let rules = rulesByKind.get(kind);
  if (rules === undefined) {
    rules = allRules.filter((r) => r.kinds.includes(kind));
    rulesByKind.set(kind, rules);
  }
  return rules;
}

// Configs are treated as immutable once linted (the YAML finding cache keys on them too).
const activeByConfig = new WeakMap<InfraGuideConfig, Map<DocumentKind, readonly ActiveRule[]>>();

function activeRules(config: InfraGuideConfig, kind: DocumentKind): readonly ActiveRule[] {
  let byKind = activeByConfig.get(config);
  if (byKind === undefined) {
    byKind = new Map();
    activeByConfig.set(config, byKind);
  }
  let active = byKind.get(kind);
  if (active === undefined) {
    const list: ActiveRule[] = [];
    for (const rule of rulesOfKind(kind)) {
      const id = rule.meta.id;
      const configured = config.rules[id];
      if (configured?.level === 'off') continue;
      list.push({ rule, id, options: { ...(rule.meta.defaultOptions ?? {}), ...(configured?.options ?? {}) } });
    }
    active = list;
    byKind.set(kind, active);
  }
  return active;
}

/**
 * The fixes of every finding reported without any (most of them: 4,829 of the corpus's 5,298
 * Dockerfile findings): one shared, frozen array instead of an empty one per finding.
 */
const NO_FIXES: Fix[] = Object.freeze([]) as unknown as Fix[];

/** The context handed to each rule in turn: `report` appends to the run's findings. */
class RunContext implements RuleContext {
  options: Readonly<Record<string, unknown>> = {};
  rule: Rule<unknown> | undefined;
  readonly findings: Finding[] = [];

  constructor(
    readonly fileName: string,
    readonly kustomizePatch: boolean,
  ) {}

  // An arrow function: rules may pass `ctx.report` around detached from `ctx`.
  readonly report = (r: Report): void => {
    const meta = this.rule!.meta;
    const finding: Finding = { ruleId: meta.id, severity: r.severity ?? meta.severity, message: r.message, range: r.range, fixes: r.fixes ?? NO_FIXES };
    if (r.secret) finding.secret = true;
    this.findings.push(finding);
  };
}

/**
 * Findings of the rules of `kind` that `config` leaves on, in rule order. A rule that throws
 * loses the findings it reported on this document; `onError` decides whether the run goes on.
 */
export function runRules(kind: DocumentKind, doc: unknown, config: InfraGuideConfig, fileName: string, onError: RuleErrorHandler, kustomizePatch = false): Finding[] {
  const ctx = new RunContext(fileName, kustomizePatch);
  const rules = activeRules(config, kind);
  // An indexed loop: this runs once per file, mostly before V8 optimises it, where each step of
  // an array iterator is a call and a result object.
  for (let i = 0; i < rules.length; i++) {
    const active = rules[i]!;
    ctx.rule = active.rule;
    ctx.options = active.options;
    const before = ctx.findings.length;
    try {
      active.rule.check(doc, ctx);
    } catch (e) {
      ctx.findings.length = before;
      onError(active.id, e);
    }
  }
  return ctx.findings;
}
