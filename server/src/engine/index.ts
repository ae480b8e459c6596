// Public surface of the engine, shared by the language server, the CLI and tests.
export * from './types';
export { Linter, lint, rulesForKind, type LintInput, type LintResult } from './lint';
export { looksBinary } from './guards';
export { applyEdits, applySafeFixes, selectSafeFixes } from './fix';
export { allRules, getRule, isKnownRule } from './registry';
export { classify, isDockerfileName, isYamlName, isConfigFileName } from './classify';
export { defaultConfig, mergeConfig, parseConfigText, type InfraGuideConfig, type RuleLevel } from './config';
export { ConfigResolver, CONFIG_FILE_NAMES, type LoadedConfig } from './config-loader';
export { TextIndex } from './text';
