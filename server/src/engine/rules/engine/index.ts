// Findings the engine itself produces (parse problems, pragmas, config). They are rules
// too, so they can be configured, documented and suppressed by id like any other.
import type { Rule, RuleMeta } from '../../types';
import { YAML_KINDS } from '../../types';
import { PRAGMA_RULE_IDS } from '../../suppressions';
import { CONFIG_ERROR_RULE_ID } from '../../config';
import { UNLINTED_FILE_RULE_IDS } from '../../guards';
import { checkIgnoreAnnotations } from './ignore-annotations';
import { checkTrailingPragmas } from './trailing-pragma';

function engineRule(meta: Omit<RuleMeta, 'domain' | 'fixable'> & { fixable?: boolean }): Rule {
  return { meta: { domain: 'infra-guide', fixable: false, ...meta }, kinds: [], check: () => undefined };
}

const pragmaGood = { fileName: 'Dockerfile', code: 'FROM node:20-alpine\n# infra-guide ignore=dockerfile/use-exec-form -- signal handling done by tini\nCMD node server.js\n' };

export const engineRules: Rule[] = [
  {
    ...engineRule({
      id: PRAGMA_RULE_IDS.malformed,
      title: 'Suppression pragma is malformed',
      severity: 'warning',
      guideSection: 'Infra Guide configuration',
      rationale:
        'A pragma that cannot be parsed silences nothing; reporting it avoids a false sense of safety. Pragmas are case-sensitive: `# Infra-Guide ignore=…` is not honoured but reported (comments that merely mention Infra Guide are not pragmas). Where the intent is clear — a known keyword and rule ids that parse, written in another case or with blanks around `=` and the commas (`# Infra-Guide Ignore = a , b -- why`) — a quick fix rewrites it into the canonical form `# infra-guide ignore=a,b -- why`, the reason as written; a pragma in the wrong case that does not parse otherwise gets `infra-guide ignore` written in lower case. Pragmas are whole comment lines: one at the end of a YAML line (`image: nginx # infra-guide ignore=…`) is reported too, with a quick fix moving it onto its own line above (above the key, for the last line of a multi-line value), offered only when the document still parses to the same data with it moved (each check parses the document again, so the checks of a document stop after about 512 KB of text; later trailing pragmas are reported without a fix). In a Dockerfile, `#` after an instruction is part of its arguments, not a comment.',
      bad: { fileName: 'Dockerfile', code: 'FROM node:20-alpine\n# infra-guide ignore dockerfile/use-exec-form\nCMD node server.js\n' },
      good: pragmaGood,
      fixable: true,
      // The rewritten pragma starts silencing findings: offered, never applied by fix-all.
      fixSafety: 'unsafe',
    }),
    // Pragma lines are checked by the engine (suppressions.ts); pragmas at the end of a YAML line here.
    kinds: YAML_KINDS,
    check: checkTrailingPragmas as Rule['check'],
  },
  {
    ...engineRule({
      id: PRAGMA_RULE_IDS.unknownRule,
      title: 'Suppression pragma names an unknown rule',
      severity: 'warning',
      guideSection: 'Infra Guide configuration',
      rationale:
        'A misspelt rule id silences nothing. Rule ids are listed by `infra-guide rules`. The same holds for the `infra-guide.io/ignore` annotation of Kubernetes objects and label of Compose services, which also take `<domain>/*` and `*`.',
      bad: { fileName: 'Dockerfile', code: 'FROM node:20-alpine\n# infra-guide ignore=dockerfile/exec-form -- typo\nCMD node server.js\n' },
      good: pragmaGood,
    }),
    // Pragmas are checked by the engine (suppressions.ts); annotations and labels here.
    kinds: ['kubernetes', 'compose'],
    check: checkIgnoreAnnotations as Rule['check'],
  },
  engineRule({
    id: PRAGMA_RULE_IDS.missingReason,
    title: 'Suppression pragma has no reason',
    severity: 'warning',
    guideSection: 'Infra Guide configuration',
    rationale:
      'With `pragmas.requireReason: true`, every suppression must say why (`-- <reason>`), so reviewers can judge it. A reason has at least one letter or digit, in any script: `-- --`, `-- .` or invisible characters such as a zero-width space say nothing and are reported too.',
    bad: { fileName: 'Dockerfile', code: 'FROM node:20-alpine\n# infra-guide ignore=dockerfile/use-exec-form\nCMD node server.js\n' },
    good: pragmaGood,
  }),
  engineRule({
    id: PRAGMA_RULE_IDS.notAllowed,
    title: 'Suppression pragmas are forbidden by configuration',
    severity: 'warning',
    guideSection: 'Infra Guide configuration',
    rationale: 'With `pragmas.allow: false`, findings can only be changed through the shared config file.',
    bad: pragmaGood,
    good: { fileName: 'Dockerfile', code: 'FROM node:20-alpine\nCMD ["node", "server.js"]\n' },
  }),
  engineRule({
    id: PRAGMA_RULE_IDS.unused,
    title: 'Suppression pragma silences nothing',
    severity: 'info',
    guideSection: 'Infra Guide configuration',
    rationale:
      'A pragma whose rule reports nothing where it applies (the problem was fixed, the pragma is on the wrong line, or the rule never runs on this kind of file, like a Kubernetes rule in a Dockerfile) only misleads readers, and would silence the next real finding unnoticed. Each such rule id is reported (faded in the editor) with a safe fix removing it from the list, or the whole pragma line when it lists no other id. Not reported: rules switched off in the config, rules that failed on the file, and files that could not be checked in full (YAML syntax errors, templates). Like the other pragma problems it is not silenced by pragmas: set its level in the config instead.',
    bad: { fileName: 'Dockerfile', code: 'FROM node:20-alpine\n# infra-guide ignore=dockerfile/use-exec-form -- tini handles signals\nCMD ["node", "server.js"]\n' },
    good: { fileName: 'Dockerfile', code: 'FROM node:20-alpine\nCMD ["node", "server.js"]\n' },
    fixable: true,
    fixSafety: 'safe',
    tags: ['unnecessary'],
  }),
  engineRule({
    id: CONFIG_ERROR_RULE_ID,
    title: 'Configuration file is invalid',
    severity: 'error',
    guideSection: 'Infra Guide configuration',
    rationale:
      'A broken `.infra-guide.yaml` is reported on the file, each problem once where it is written (aliased content included); the rest of the file still applies, and each broken entry falls back to its default until it is fixed. `infra-guide check` exits with 2 and `--fix` writes nothing meanwhile.',
    bad: { fileName: '.infra-guide.yaml', code: 'rules:\n  dockerfile/pin-base-image-version: loud\n' },
    good: { fileName: '.infra-guide.yaml', code: 'rules:\n  dockerfile/pin-base-image-version: error\n' },
  }),
  engineRule({
    id: 'infra-guide/parse-error',
    title: 'File could not be parsed',
    severity: 'error',
    guideSection: 'Before Completing — Validate configuration syntax',
    rationale: 'Rules cannot judge a file that does not parse; the first syntax error is reported once instead.',
    bad: { fileName: 'deployment.yaml', code: 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: [web\n' },
    good: { fileName: 'deployment.yaml', code: 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\n' },
  }),
  engineRule({
    id: 'infra-guide/templated-file-skipped',
    title: 'Templated YAML skipped',
    severity: 'info',
    guideSection: 'Kubernetes/Docker Compose',
    rationale:
      'Helm and other templates are not YAML until rendered: a document whose template syntax does not parse is skipped (the file\'s other documents are still checked); lint the rendered output (`helm template`) instead. A template that parses (`resources: {{ toYaml .Values.resources }}`) is checked, and the fields its expressions fill in count as set.',
    bad: { fileName: 'templates/deployment.yaml', code: 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: {{ .Values.name }}\n  labels:\n    {{- include "labels" . | nindent 4 }}\n' },
    good: { fileName: 'deployment.yaml', code: 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: web\n' },
  }),
  engineRule({
    id: UNLINTED_FILE_RULE_IDS.tooLarge,
    title: 'File too large to lint',
    severity: 'info',
    guideSection: 'Infra Guide configuration',
    rationale: 'Files above `maxFileSizeBytes` are skipped so the editor stays responsive; raise the limit in the config if needed.',
    bad: { fileName: 'Dockerfile', code: '# (a file larger than maxFileSizeBytes)\nFROM node:20-alpine\n' },
    good: { fileName: 'Dockerfile', code: 'FROM node:20-alpine\nUSER node\n' },
  }),
  engineRule({
    id: UNLINTED_FILE_RULE_IDS.timeout,
    title: 'File took too long to lint',
    severity: 'info',
    guideSection: 'Infra Guide configuration',
    rationale:
      'In the editor each file is linted in a worker thread with a time limit (20 s), so that no file can hang the language server; a file that reaches it is shown this note instead of its findings, and the worker is restarted. Files of 256 K characters or more, and open files whose lint took over a second, are linted in a second worker, so a slow file never holds back the diagnostics of others. The CLI (`infra-guide check`) has no time limit.',
    bad: { fileName: 'deployment.yaml', code: '# (a file whose linting takes longer than the time limit)\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: web\n' },
    good: { fileName: 'deployment.yaml', code: 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: web\n' },
  }),
  engineRule({
    id: UNLINTED_FILE_RULE_IDS.binary,
    title: 'Binary file skipped',
    severity: 'info',
    guideSection: 'Infra Guide configuration',
    rationale: 'A file with NUL bytes is not a text configuration file; it is skipped instead of producing noise.',
    bad: { fileName: 'Dockerfile', code: 'FROM node:20-alpine\n\u0000\u0001\n' },
    good: { fileName: 'Dockerfile', code: 'FROM node:20-alpine\nUSER node\n' },
  }),
];
