// The `.infra-guide.yaml` configuration: parsing and validation are pure (text in, config and
// problems out); finding the file on disk lives in `config-loader.ts`.
import { parseAllDocuments, isMap, isScalar, isSeq, type Node, type YAMLMap } from 'yaml';
import { TextIndex } from './text';
import type { Finding, Range, Severity } from './types';

export type RuleLevel = 'off' | Severity;
export const RULE_LEVELS: readonly RuleLevel[] = ['off', 'info', 'warning', 'error'];

export interface RuleConfig {
  level?: RuleLevel;
  options?: Record<string, unknown>;
}

export interface InfraGuideConfig {
  rules: Record<string, RuleConfig>;
  /** Globs (relative to the config file's folder) of files not to lint. */
  ignore: string[];
  pragmas: { allow: boolean; requireReason: boolean };
  /** Files larger than this get one info finding instead of rules. */
  maxFileSizeBytes: number;
}

export const CONFIG_ERROR_RULE_ID = 'infra-guide/invalid-config';

export function defaultConfig(): InfraGuideConfig {
  return { rules: {}, ignore: [], pragmas: { allow: true, requireReason: false }, maxFileSizeBytes: 2 * 1024 * 1024 };
}

/** Layers `over` on `base`: rule entries merge per rule, the rest is replaced when given. */
export function mergeConfig(base: InfraGuideConfig, over: Partial<InfraGuideConfig>): InfraGuideConfig {
  const rules: Record<string, RuleConfig> = { ...base.rules };
  for (const [id, rc] of Object.entries(over.rules ?? {})) {
    const prev = rules[id] ?? {};
    rules[id] = {
      level: rc.level ?? prev.level,
      options: rc.options || prev.options ? { ...(prev.options ?? {}), ...(rc.options ?? {}) } : undefined,
    };
  }
  return {
    rules,
    ignore: [...base.ignore, ...(over.ignore ?? [])],
    pragmas: { ...base.pragmas, ...(over.pragmas ?? {}) },
    maxFileSizeBytes: over.maxFileSizeBytes ?? base.maxFileSizeBytes,
  };
}

export interface ParsedConfig {
  config: Partial<InfraGuideConfig>;
  /** Problems located in the config file itself. */
  problems: Finding[];
}

/**
 * Parses and validates config text. Invalid parts are reported and dropped; a config that
 * cannot be read at all yields an empty partial config, so defaults still apply.
 */
export function parseConfigText(
  text: string,
  isKnownRule: (id: string) => boolean,
  /** A rule's default options: configured options must be among them and of the same type. */
  defaultOptionsOf: (id: string) => Record<string, unknown> | undefined = () => undefined,
): ParsedConfig {
  const index = new TextIndex(text);
  const problems: Finding[] = [];
  const rangeOf = (node: Node | null | undefined): Range =>
    node?.range ? index.rangeOf(node.range[0], node.range[1]) : { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
  const report = (node: Node | null | undefined, message: string) =>
    problems.push({ ruleId: CONFIG_ERROR_RULE_ID, severity: 'error', message, range: rangeOf(node), fixes: [] });

  let doc;
  try {
    // All documents: `parseDocument` would silently drop those after the first.
    const docs = parseAllDocuments(text, { prettyErrors: false, logLevel: 'silent', uniqueKeys: true });
    if (docs.length === 0) return { config: {}, problems };
    doc = docs[0]!;
    const extra = docs.slice(1).find((d) => d.errors.length > 0 || !(d.contents === null || (isScalar(d.contents) && d.contents.value === null)));
    if (extra) {
      problems.push({
        ruleId: CONFIG_ERROR_RULE_ID,
        severity: 'error',
        message: 'infra-guide config must be one YAML document: this one and any after it are not read.',
        range: index.rangeOf(extra.range[0], extra.range[1]),
        fixes: [],
      });
    }
  } catch (e) {
    report(undefined, `infra-guide config could not be parsed: ${(e as Error).message}. Defaults apply.`);
    return { config: {}, problems };
  }
  if (doc.errors.length > 0) {
    const err = doc.errors[0]!;
    const r = index.rangeOf(err.pos[0], err.pos[1]);
    problems.push({ ruleId: CONFIG_ERROR_RULE_ID, severity: 'error', message: `infra-guide config is not valid YAML (${err.code}); defaults apply.`, range: r, fixes: [] });
    return { config: {}, problems };
  }
  const root = doc.contents;
  if (root === null || (isScalar(root) && (root.value === null || root.value === ''))) return { config: {}, problems };
  if (!isMap(root)) {
    report(root as Node, 'infra-guide config must be a mapping with keys such as `rules`, `ignore`, `pragmas`.');
    return { config: {}, problems };
  }
  const config: Partial<InfraGuideConfig> = {};
  for (const pair of root.items) {
    const key = isScalar(pair.key) ? String(pair.key.value) : '';
    const value = pair.value as Node | null;
    switch (key) {
      case 'rules': {
        if (!isMap(value)) {
          report(value ?? (pair.key as Node), '`rules` must map rule ids to off|info|warning|error or {level, options}.');
          break;
        }
        const rules: Record<string, RuleConfig> = {};
        for (const rp of value.items) {
          const id = isScalar(rp.key) ? String(rp.key.value) : '';
          const rv = rp.value as Node | null;
          if (!isKnownRule(id)) {
            report(rp.key as Node, `Unknown rule id \`${id}\`.`);
            continue;
          }
          if (isScalar(rv)) {
            const level = String(rv.value);
            if (!(RULE_LEVELS as readonly string[]).includes(level)) {
              report(rv, `Rule level must be one of ${RULE_LEVELS.join(', ')}.`);
              continue;
            }
            rules[id] = { level: level as RuleLevel };
          } else if (isMap(rv)) {
            const rc: RuleConfig = {};
            const js = rv.toJSON() as Record<string, unknown>;
            for (const k of Object.keys(js)) {
              if (k !== 'level' && k !== 'options') report(rv, `Unknown key \`${k}\` in rule config (expected \`level\`, \`options\`).`);
            }
            if (js['level'] !== undefined) {
              if (!(RULE_LEVELS as readonly unknown[]).includes(js['level'])) report(rv, `Rule level must be one of ${RULE_LEVELS.join(', ')}.`);
              else rc.level = js['level'] as RuleLevel;
            }
            if (js['options'] !== undefined) {
              const optionsNode = rv.get('options', true) as Node | undefined;
              if (!isMap(optionsNode)) report(rv, '`options` must be a mapping.');
              else rc.options = checkOptions(id, optionsNode, js['options'] as Record<string, unknown>, defaultOptionsOf(id), report);
            }
            rules[id] = rc;
          } else {
            report(rv ?? (rp.key as Node), 'Rule entry must be a level or a mapping with `level` and `options`.');
          }
        }
        config.rules = rules;
        break;
      }
      case 'ignore': {
        if (!isSeq(value) || !value.items.every((i) => isScalar(i) && typeof i.value === 'string')) {
          report(value ?? (pair.key as Node), '`ignore` must be a list of glob strings.');
          break;
        }
        config.ignore = [];
        for (const item of value.items as Node[]) {
          const glob = String((item as { value: unknown }).value);
          // A Windows-style `vendor\**` would silently match nothing: picomatch reads `\` as an escape.
          if (glob.includes('\\')) report(item, `\`ignore\` globs separate folders with \`/\`, also on Windows: write \`${glob.replace(/\\/g, '/')}\` (for a literal \`*\`, \`?\` or \`[\`, write \`[*]\`, \`[?]\`, \`[[]\`).`);
          else config.ignore.push(glob);
        }
        break;
      }
      case 'pragmas': {
        const js = isMap(value) ? (value.toJSON() as Record<string, unknown>) : undefined;
        if (!js || Object.entries(js).some(([k, v]) => !['allow', 'requireReason'].includes(k) || typeof v !== 'boolean')) {
          report(value ?? (pair.key as Node), '`pragmas` must be a mapping with boolean `allow` and `requireReason`.');
          break;
        }
        config.pragmas = { allow: (js['allow'] as boolean | undefined) ?? true, requireReason: (js['requireReason'] as boolean | undefined) ?? false };
        break;
      }
      case 'maxFileSizeBytes': {
        const n = isScalar(value) ? value.value : undefined;
        if (typeof n !== 'number' || !Number.isInteger(n) || n <= 0) {
          report(value ?? (pair.key as Node), '`maxFileSizeBytes` must be a positive integer.');
          break;
        }
        config.maxFileSizeBytes = n;
        break;
      }
      default:
        report(pair.key as Node, `Unknown key \`${key}\` in infra-guide config.`);
    }
  }
  return { config, problems };
}

/** JSON type of an option's default that a configured value must have (as in the JSON Schema). */
function optionTypeError(def: unknown, v: unknown): string | undefined {
  if (typeof def === 'boolean') return typeof v === 'boolean' ? undefined : 'a boolean';
  if (typeof def === 'number') {
    if (Number.isInteger(def)) return Number.isInteger(v) ? undefined : 'an integer';
    return typeof v === 'number' && Number.isFinite(v) ? undefined : 'a number';
  }
  if (typeof def === 'string') return typeof v === 'string' ? undefined : 'a string';
  if (Array.isArray(def)) {
    const kinds = new Set(def.map((x) => (x === null ? 'null' : typeof x)));
    const item = def.length === 0 ? 'string' : kinds.size === 1 ? [...kinds][0]! : undefined;
    const scalar = item === 'string' || item === 'number' || item === 'boolean';
    if (!Array.isArray(v)) return scalar ? `a list of ${item}s` : 'a list';
    return !scalar || v.every((x) => typeof x === item) ? undefined : `a list of ${item}s`;
  }
  if (def !== null && typeof def === 'object') return v !== null && typeof v === 'object' && !Array.isArray(v) ? undefined : 'a mapping';
  return undefined;
}

/** The options of `id` that it knows, with the type of their default; the others are reported. */
function checkOptions(
  id: string,
  node: YAMLMap,
  options: Record<string, unknown>,
  defaults: Record<string, unknown> | undefined,
  report: (node: Node | null | undefined, message: string) => void,
): Record<string, unknown> {
  // Rules without options accept any (the schema does too).
  if (!defaults || Object.keys(defaults).length === 0) return options;
  const kept: Record<string, unknown> = {};
  for (const pair of node.items) {
    const key = isScalar(pair.key) ? String(pair.key.value) : '';
    if (!Object.prototype.hasOwnProperty.call(defaults, key)) {
      const known = Object.keys(defaults).map((k) => `\`${k}\``).join(', ');
      report(pair.key as Node, `Unknown option \`${key}\` of \`${id}\` (known: ${known}).`);
      continue;
    }
    const expected = optionTypeError(defaults[key], options[key]);
    if (expected) {
      report((pair.value as Node | null) ?? (pair.key as Node), `Option \`${key}\` of \`${id}\` must be ${expected}.`);
      continue;
    }
    kept[key] = options[key];
  }
  return kept;
}
