// The `.infra-guide.yaml` configuration: parsing and validation are pure (text in, config and
// problems out); finding the file on disk lives in `config-loader.ts`.
import { parseAllDocuments, isAlias, isMap, isScalar, isSeq, type Document, type Node, type Scalar, type YAMLMap } from 'yaml';
import { COMMIT_TYPE } from './commit/message';
import { deref } from './kubernetes/nodes';
import { TextIndex } from './text';
import { firstDuplicateKey } from './yaml/duplicate-keys';
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

  let doc: Document.Parsed;
  try {
    // All documents: `parseDocument` would silently drop those after the first. `merge`: YAML
    // users expect `<<: *base` to work, as in Compose files.
    // `uniqueKeys: false`: the library's own duplicate check is quadratic (see firstDuplicateKey).
    const docs = parseAllDocuments(text, { prettyErrors: false, logLevel: 'silent', uniqueKeys: false, merge: true });
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
  const err = firstError(doc);
  if (err) {
    const r = index.rangeOf(err.pos[0], err.pos[1]);
    problems.push({ ruleId: CONFIG_ERROR_RULE_ID, severity: 'error', message: `infra-guide config is not valid YAML (${err.code}); defaults apply.`, range: r, fixes: [] });
    return { config: {}, problems };
  }
  const reader = new ConfigReader(doc, report);
  const root = reader.value(doc.contents as Node | null);
  if (root === null || (isScalar(root) && (root.value === null || root.value === ''))) return { config: {}, problems: dedupe(problems) };
  if (!isMap(root)) {
    report(root, 'infra-guide config must be a mapping with keys such as `rules`, `ignore`, `pragmas`.');
    return { config: {}, problems: dedupe(problems) };
  }
  const config: Partial<InfraGuideConfig> = {};
  for (const { key, name, value } of reader.entries(root)) {
    switch (name) {
      case 'rules': {
        if (!isMap(value)) {
          report(value ?? key, '`rules` must map rule ids to off|info|warning|error or {level, options}.');
          break;
        }
        const rules: Record<string, RuleConfig> = {};
        for (const { key: idNode, name: id, value: rv } of reader.entries(value)) {
          if (!isKnownRule(id)) {
            report(idNode, `Unknown rule id \`${id}\`.`);
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
            for (const { key: k, name, value: v } of reader.entries(rv)) {
              if (name === 'level') {
                const level = isScalar(v) ? v.value : undefined;
                if (!(RULE_LEVELS as readonly unknown[]).includes(level)) report(v ?? k, `Rule level must be one of ${RULE_LEVELS.join(', ')}.`);
                else rc.level = level as RuleLevel;
              } else if (name === 'options') {
                if (!isMap(v)) report(v ?? k, '`options` must be a mapping.');
                else rc.options = checkOptions(id, reader, v, defaultOptionsOf(id), report);
              } else report(k, `Unknown key \`${name}\` in rule config (expected \`level\`, \`options\`).`);
            }
            rules[id] = rc;
          } else {
            report(rv ?? idNode, 'Rule entry must be a level or a mapping with `level` and `options`.');
          }
        }
        config.rules = rules;
        break;
      }
      case 'ignore': {
        const items = isSeq(value) ? (value.items as (Node | null)[]).map((i) => reader.value(i)) : [];
        if (!isSeq(value) || !items.every((i) => isScalar(i) && typeof i.value === 'string')) {
          report(value ?? key, '`ignore` must be a list of glob strings.');
          break;
        }
        config.ignore = [];
        for (const item of items as Scalar<string>[]) {
          const problem = globProblem(item.value);
          if (problem) report(item, problem);
          else config.ignore.push(item.value);
        }
        break;
      }
      case 'pragmas': {
        const entries = isMap(value) ? reader.entries(value) : undefined;
        if (!entries || entries.some((e) => !['allow', 'requireReason'].includes(e.name) || !isScalar(e.value) || typeof e.value.value !== 'boolean')) {
          report(value ?? key, '`pragmas` must be a mapping with boolean `allow` and `requireReason`.');
          break;
        }
        const flag = (name: string): boolean | undefined => (entries.find((e) => e.name === name)?.value as Scalar<boolean> | undefined)?.value;
        config.pragmas = { allow: flag('allow') ?? true, requireReason: flag('requireReason') ?? false };
        break;
      }
      case 'maxFileSizeBytes': {
        const n = isScalar(value) ? value.value : undefined;
        if (typeof n !== 'number' || !Number.isInteger(n) || n <= 0) {
          report(value ?? key, '`maxFileSizeBytes` must be a positive integer.');
          break;
        }
        config.maxFileSizeBytes = n;
        break;
      }
      default:
        // `x-…` keys hold anchors for the rest of the file, as in Compose files.
        if (!name.startsWith('x-')) report(key, `Unknown key \`${name}\` in infra-guide config.`);
    }
  }
  return { config, problems: dedupe(problems) };
}

/** Why an `ignore` glob cannot be used as written (it is then dropped), if it cannot. */
function globProblem(glob: string): string | undefined {
  // `!` and `/` only: `isIgnored` skips it. Blanks only: a file of that name is surely not meant.
  if (glob.replace(/^!(?!\()/, '').replace(/^\//, '').replace(/\/+$/, '').trim() === '') {
    return `\`ignore\` glob ${JSON.stringify(glob)} matches nothing: remove it, or name files or folders (\`vendor/**\`).`;
  }
  if (!glob.includes('\\')) return undefined;
  // `\!x` is the `.gitignore` way to match a leading `!`. Read as a folder separator it would
  // become `/!x`, which `isIgnored` anchors into picomatch's "all but x": a class does it.
  if (glob.startsWith('\\!')) {
    return `\`ignore\` globs write a literal leading \`!\` as \`[!]\` (no \`\\\`: it is read as a folder separator from Windows): write \`[!]${glob.slice(2).replace(/\\/g, '/')}\`.`;
  }
  // A Windows-style `vendor\**` would silently match nothing: picomatch reads `\` as an escape.
  return `\`ignore\` globs separate folders with \`/\`, also on Windows: write \`${glob.replace(/\\/g, '/')}\` (for a literal \`*\`, \`?\` or \`[\`, write \`[*]\`, \`[?]\`, \`[[]\`; \`[!]\` for a leading \`!\`).`;
}

/** Content used through several aliases would be reported once per use: once is enough. */
/**
 * The error a config is reported with: the document's first, or a repeated key before it, as the
 * parse with `uniqueKeys: true` reported them.
 */
function firstError(doc: Document.Parsed): { code: string; pos: [number, number] } | undefined {
  const first = doc.errors[0];
  const repeated = firstDuplicateKey(doc)?.range?.[0];
  if (repeated !== undefined && (first === undefined || repeated < first.pos[0])) return { code: 'DUPLICATE_KEY', pos: [repeated, repeated + 1] };
  return first;
}

function dedupe(problems: Finding[]): Finding[] {
  const seen = new Set<string>();
  return problems.filter((p) => {
    const key = `${p.range.start.line}:${p.range.start.character}:${p.range.end.line}:${p.range.end.character}:${p.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** A key of a mapping, own or merged in: its key node and value (alias resolved) where written. */
interface ConfigEntry {
  key: Node;
  name: string;
  value: Node | null;
}

/**
 * Reads config mappings through aliases (`rules: *r`) and merge keys (`<<: *base`,
 * `<<: [*a, *b]`), so problems are reported where the offending text is written (in the
 * anchored content). Each merged mapping is read at most once per mapping, which keeps alias
 * bombs linear; option values are converted with the `yaml` library's alias limit.
 */
class ConfigReader {
  constructor(
    readonly doc: Document.Parsed,
    private readonly report: (node: Node | null | undefined, message: string) => void,
  ) {}

  /** The node an alias refers to (bounded, see `deref`), or the node itself; unknown anchors are reported. */
  value(node: Node | null | undefined): Node | null {
    if (node === null || node === undefined) return null;
    if (!isAlias(node)) return node;
    const target = deref(this.doc, node);
    if (!target) this.report(node, `Alias \`*${node.source}\` refers to no anchor \`&${node.source}\` before it.`);
    return target ?? null;
  }

  /** The keys of a mapping as YAML merge keys define them: own keys first, then earlier merges. */
  entries(map: YAMLMap): ConfigEntry[] {
    const out = new Map<string, ConfigEntry>();
    const seen = new Set<YAMLMap>();
    // Pre-order walk: a mapping's own keys, then each merged mapping in order; the first wins.
    const stack: YAMLMap[] = [map];
    while (stack.length > 0) {
      const m = stack.pop()!;
      if (seen.has(m)) continue;
      seen.add(m);
      const sources: YAMLMap[] = [];
      for (const pair of m.items) {
        const key = pair.key as Node | null;
        if (isScalar(key) && typeof key.value === 'symbol') {
          sources.push(...this.mergeSources(pair.value as Node | null, key));
          continue;
        }
        const name = isScalar(key) ? String(key.value) : '';
        if (out.has(name)) continue;
        const written = pair.value as Node | null;
        const value = this.value(written);
        // An alias to no anchor is reported once, as such: its key is left out.
        if (value === null && isAlias(written)) continue;
        out.set(name, { key: key ?? (written as Node), name, value });
      }
      for (let i = sources.length - 1; i >= 0; i--) stack.push(sources[i]!);
    }
    return [...out.values()];
  }

  private mergeSources(written: Node | null, key: Node): YAMLMap[] {
    const value = this.value(written);
    const items = isSeq(value) ? (value.items as (Node | null)[]).map((i) => this.value(i)) : [value];
    if (items.every((i) => isMap(i))) return items as YAMLMap[];
    if (value !== null || !isAlias(written)) this.report(written ?? key, '`<<` merges a mapping or a list of mappings: `<<: *base` or `<<: [*a, *b]`.');
    return items.filter((i): i is YAMLMap => isMap(i));
  }

  /** A value as plain data (aliases and merge keys resolved), or undefined when it has too many aliases. */
  toJS(node: Node): unknown {
    try {
      return node.toJS(this.doc);
    } catch (e) {
      this.report(node, `Value could not be read: ${(e as Error).message}.`);
      return undefined;
    }
  }
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
  reader: ConfigReader,
  node: YAMLMap,
  defaults: Record<string, unknown> | undefined,
  report: (node: Node | null | undefined, message: string) => void,
): Record<string, unknown> {
  // Rules without options accept any (the schema does too).
  const any = !defaults || Object.keys(defaults).length === 0;
  const kept: Record<string, unknown> = {};
  for (const { key: keyNode, name: key, value } of reader.entries(node)) {
    if (!any && !Object.prototype.hasOwnProperty.call(defaults, key)) {
      const known = Object.keys(defaults).map((k) => `\`${k}\``).join(', ');
      report(keyNode, `Unknown option \`${key}\` of \`${id}\` (known: ${known}).`);
      continue;
    }
    const v = value === null ? null : reader.toJS(value);
    if (v === undefined) continue;
    const expected = any ? undefined : optionTypeError(defaults[key], v);
    if (expected) {
      report(value ?? keyNode, `Option \`${key}\` of \`${id}\` must be ${expected}.`);
      continue;
    }
    kept[key] = id === COMMIT_TYPES_RULE && key === 'types' && Array.isArray(v) ? commitTypes(value!, v, report) : v;
  }
  return kept;
}

const COMMIT_TYPES_RULE = 'commit/subject-format';

/**
 * The `types` of commit/subject-format that a subject can start with (COMMIT_TYPE, as
 * `infraGuide.commit.types` accepts them, trimmed); the others are reported and dropped. With none
 * left, or an empty list written out, the rule uses its default types, and that is reported too.
 */
function commitTypes(node: Node, types: unknown[], report: (node: Node | null | undefined, message: string) => void): string[] {
  const items = isSeq(node) ? (node.items as (Node | null)[]) : [];
  const kept: string[] = [];
  types.forEach((t, i) => {
    const type = String(t).trim();
    if (COMMIT_TYPE.test(type)) kept.push(type);
    else
      report(
        items[i] ?? node,
        `${JSON.stringify(t)} is not a commit type of \`${COMMIT_TYPES_RULE}\`: a type is a letter, then letters, digits or \`-\` (e.g. \`hot-fix\`), as a subject starts with it.`,
      );
  });
  if (types.length === 0) report(node, `Empty \`types\` of \`${COMMIT_TYPES_RULE}\`: the default types apply (a subject needs a type).`);
  else if (kept.length === 0) report(node, `No valid type in \`types\` of \`${COMMIT_TYPES_RULE}\`: the default types apply.`);
  return kept;
}
