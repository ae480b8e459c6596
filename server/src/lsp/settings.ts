// Editor settings (section `infraGuide`) as the language server sees them: read through
// `workspace/configuration` per resource, normalised, cached until the client says they changed.
import { defaultConfig, mergeConfig, RULE_LEVELS, type InfraGuideConfig, type RuleConfig, type RuleLevel } from '../engine/config';

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

export const DEFAULT_SETTINGS: Readonly<ServerSettings> = Object.freeze({
  enable: true,
  rules: {},
  debounceMs: 10,
  maxFileSizeBytes: defaultConfig().maxFileSizeBytes,
});

const MAX_DEBOUNCE_MS = 10_000;

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/**
 * Normalises whatever the client sent (VS Code nests dotted keys; other editors may send
 * flat `validation.debounceMs` keys, or nothing). Invalid values fall back to defaults.
 */
export function normalizeSettings(raw: unknown, isKnownRule?: (id: string) => boolean): ServerSettings {
  const out: ServerSettings = { ...DEFAULT_SETTINGS, rules: {} };
  if (!isRecord(raw)) return out;
  if (typeof raw['enable'] === 'boolean') out.enable = raw['enable'];
  const rules = raw['rules'];
  if (isRecord(rules)) {
    for (const [id, level] of Object.entries(rules)) {
      if (typeof level !== 'string' || !(RULE_LEVELS as readonly string[]).includes(level)) continue;
      if (isKnownRule && !isKnownRule(id)) continue;
      out.rules[id] = level as RuleLevel;
    }
  }
  const validation = raw['validation'];
  const debounce = isRecord(validation) ? validation['debounceMs'] : raw['validation.debounceMs'];
  if (typeof debounce === 'number' && Number.isFinite(debounce) && debounce >= 0) out.debounceMs = Math.min(Math.round(debounce), MAX_DEBOUNCE_MS);
  const max = raw['maxFileSizeBytes'];
  if (typeof max === 'number' && Number.isInteger(max) && max > 0) out.maxFileSizeBytes = max;
  const commit = raw['commit'];
  const types = isRecord(commit) ? commit['types'] : raw['commit.types'];
  if (Array.isArray(types)) {
    const valid = types.filter((t): t is string => typeof t === 'string' && /^[a-z][a-z0-9-]*$/i.test(t.trim())).map((t) => t.trim());
    if (valid.length > 0) out.commitTypes = valid;
  }
  return out;
}

/** Defaults < editor settings; the config file is layered on top by `ConfigResolver`. */
export function settingsToBaseConfig(s: ServerSettings): InfraGuideConfig {
  const rules: Record<string, RuleConfig> = {};
  for (const [id, level] of Object.entries(s.rules)) rules[id] = { level };
  if (s.commitTypes) rules[COMMIT_TYPES_RULE] = { ...rules[COMMIT_TYPES_RULE], options: { types: [...s.commitTypes] } };
  return mergeConfig(defaultConfig(), { rules, maxFileSizeBytes: s.maxFileSizeBytes });
}
