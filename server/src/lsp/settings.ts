// Editor settings (section `infraGuide`) as the language server sees them: read through
// `workspace/configuration` per resource, normalised, cached until the client says they changed.
import { defaultConfig, mergeConfig, RULE_LEVELS, type InfraGuideConfig, type RuleConfig, type RuleLevel } from '../engine/config';
import { COMMIT_TYPE } from '../engine/commit/message';
import { didYouMean, suggestRuleIds } from '../engine/suggest';

export { editDistance, suggestRuleIds } from '../engine/suggest';

export interface ServerSettings {
  enable: boolean;
  /** Rule id → level, from `infraGuide.rules` (layered under `.infra-guide.yaml`). */
  rules: Record<string, RuleLevel>;
  debounceMs: number;
  maxFileSizeBytes: number;
  /** `infraGuide.commit.types`: the `types` option of `commit/subject-format`, if set. */
  commitTypes?: string[];
}

export const COMMIT_TYPES_RULE = 'commit/subject-format';

// No wait by default: at typing speed keys come 50 ms or more apart, so a wait only delays every
// result (10 ms cost 10 ms of the editor's p50 and p95 on a 20k-line file, npm run bench), and
// faster changes are coalesced anyway: a lint waiting behind a running one is dropped once its
// version is overtaken (lint-worker.ts), and only the newest version's results are published.
export const DEFAULT_SETTINGS: Readonly<ServerSettings> = Object.freeze({
  enable: true,
  rules: {},
  debounceMs: 0,
  maxFileSizeBytes: defaultConfig().maxFileSizeBytes,
});

const MAX_DEBOUNCE_MS = 10_000;

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** A settings entry the server ignores, and why: told once in the output and a notification. */
export interface SettingsProblem {
  /** The entry as written in settings.json, e.g. `infraGuide.rules["dockerfile/pin-base-image"]`. */
  key: string;
  reason: string;
}

export interface ReadSettings {
  settings: ServerSettings;
  /** Entries dropped (unknown rule ids, invalid levels, invalid commit types), in input order. */
  problems: SettingsProblem[];
}

/** Unknown ids beyond this many get no suggestion (each costs an edit distance per rule). */
const MAX_SUGGESTED = 20;
/** Ids are shown up to this length in messages. */
const MAX_SHOWN_ID = 80;
const LEVEL_LIST = `${RULE_LEVELS.slice(0, -1).join(', ')} or ${RULE_LEVELS[RULE_LEVELS.length - 1]}`;

function shownId(id: string): string {
  return JSON.stringify(id.length > MAX_SHOWN_ID ? id.slice(0, MAX_SHOWN_ID - 1) + '…' : id);
}

/** Why a rule's level is not one: never echoes the value, only a level it may have meant. */
function levelReason(level: unknown): string {
  const lower = typeof level === 'string' ? level.trim().toLowerCase() : undefined;
  if (lower !== undefined && (RULE_LEVELS as readonly string[]).includes(lower)) return `invalid level${didYouMean([lower])}`;
  const hint = isRecord(level) ? ' (options go in .infra-guide.yaml)' : '';
  return `invalid level; use ${LEVEL_LIST}${hint}`;
}

/**
 * Normalises whatever the client sent (VS Code nests dotted keys; other editors may send
 * flat `validation.debounceMs` keys, or nothing). Invalid values fall back to defaults; the rule
 * and commit type entries that are dropped come back as problems.
 */
export function readSettings(raw: unknown, knownRuleIds?: readonly string[]): ReadSettings {
  const out: ServerSettings = { ...DEFAULT_SETTINGS, rules: {} };
  const problems: SettingsProblem[] = [];
  if (!isRecord(raw)) return { settings: out, problems };
  if (typeof raw['enable'] === 'boolean') out.enable = raw['enable'];
  const rules = raw['rules'];
  const known = knownRuleIds && new Set(knownRuleIds);
  let suggested = 0;
  if (isRecord(rules)) {
    for (const [id, level] of Object.entries(rules)) {
      const key = `infraGuide.rules[${shownId(id)}]`;
      if (known && !known.has(id)) {
        const candidates = suggested++ < MAX_SUGGESTED ? suggestRuleIds(id, knownRuleIds!) : [];
        problems.push({ key, reason: `unknown rule id${didYouMean(candidates)}` });
      } else if (typeof level !== 'string' || !(RULE_LEVELS as readonly string[]).includes(level)) {
        problems.push({ key, reason: levelReason(level) });
      } else out.rules[id] = level as RuleLevel;
    }
  } else if (rules !== undefined && rules !== null) {
    problems.push({ key: 'infraGuide.rules', reason: 'not an object of rule id → level' });
  }
  const validation = raw['validation'];
  const debounce = isRecord(validation) ? validation['debounceMs'] : raw['validation.debounceMs'];
  if (typeof debounce === 'number' && Number.isFinite(debounce) && debounce >= 0) out.debounceMs = Math.min(Math.round(debounce), MAX_DEBOUNCE_MS);
  const max = raw['maxFileSizeBytes'];
  if (typeof max === 'number' && Number.isInteger(max) && max > 0) out.maxFileSizeBytes = max;
  const commit = raw['commit'];
  const types = isRecord(commit) ? commit['types'] : raw['commit.types'];
  if (Array.isArray(types)) {
    const valid: string[] = [];
    types.forEach((t: unknown, i) => {
      if (typeof t === 'string' && COMMIT_TYPE.test(t.trim())) valid.push(t.trim());
      else problems.push({ key: `infraGuide.commit.types[${i}]`, reason: 'not a commit type (a word of letters, digits and -)' });
    });
    if (valid.length > 0) out.commitTypes = valid;
    else if (types.length === 0) problems.push({ key: 'infraGuide.commit.types', reason: 'an empty list; the default types apply (a subject needs a type)' });
    else problems.push({ key: 'infraGuide.commit.types', reason: 'no valid commit type; the default types apply' });
  } else if (types !== undefined && types !== null) {
    problems.push({ key: 'infraGuide.commit.types', reason: 'not a list of commit types; the default types apply' });
  }
  return { settings: out, problems };
}

/** `readSettings` without the problems. */
export function normalizeSettings(raw: unknown, knownRuleIds?: readonly string[]): ServerSettings {
  return readSettings(raw, knownRuleIds).settings;
}

/** The output line of a problem. */
export function problemLine(p: SettingsProblem): string {
  return `${p.key} ignored: ${p.reason}`;
}

const MAX_LOGGED = 20;
const MAX_NOTIFIED = 3;

/** Output lines for a set of problems, at most `MAX_LOGGED` of them and a count of the rest. */
export function problemLines(problems: readonly SettingsProblem[]): string[] {
  const lines = problems.slice(0, MAX_LOGGED).map(problemLine);
  if (problems.length > MAX_LOGGED) lines.push(`… and ${problems.length - MAX_LOGGED} more ignored settings entries`);
  return lines;
}

/** The one notification for a set of problems: the first few, and where the rest are. */
export function problemsMessage(problems: readonly SettingsProblem[]): string {
  const n = problems.length;
  const shown = problems.slice(0, MAX_NOTIFIED).map((p) => `${p.key} (${p.reason})`);
  const more = n > MAX_NOTIFIED ? ` and ${n - MAX_NOTIFIED} more` : '';
  return `Infra Guide ignores ${n === 1 ? 'a settings entry' : `${n} settings entries`}: ${shown.join(', ')}${more}. Details in the Infra Guide output.`;
}

/**
 * Which settings problems the user is told about. Each read of the settings (one per change,
 * and one per document scope) reports its problems; the user hears of a set once: not again while
 * the same problems persist across changes or documents, again when they come back after a fix.
 */
export class SettingsProblemTracker {
  /** Problem lines seen since the last settings change. */
  private current = new Set<string>();
  /** Problem lines seen before it: known to the user, not told again if they persist. */
  private previous = new Set<string>();
  private readSinceChange = false;

  settingsChanged(): void {
    // Without a read in between, what was known before is still known.
    this.previous = this.readSinceChange ? this.current : new Set([...this.previous, ...this.current]);
    this.current = new Set();
    this.readSinceChange = false;
  }

  /** The problems of one read; returns them when the user should hear of them, else nothing. */
  report(problems: readonly SettingsProblem[]): readonly SettingsProblem[] {
    this.readSinceChange = true;
    let fresh = false;
    for (const line of problems.map(problemLine)) {
      if (this.current.has(line)) continue;
      this.current.add(line);
      if (!this.previous.has(line)) fresh = true;
    }
    return fresh ? problems : [];
  }
}

/** Defaults < editor settings; the config file is layered on top by `ConfigResolver`. */
export function settingsToBaseConfig(s: ServerSettings): InfraGuideConfig {
  const rules: Record<string, RuleConfig> = {};
  for (const [id, level] of Object.entries(s.rules)) rules[id] = { level };
  if (s.commitTypes) rules[COMMIT_TYPES_RULE] = { ...rules[COMMIT_TYPES_RULE], options: { types: [...s.commitTypes] } };
  return mergeConfig(defaultConfig(), { rules, maxFileSizeBytes: s.maxFileSizeBytes });
}
