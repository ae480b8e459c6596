import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { defaultConfig, type InfraGuideConfig } from '../../config';
import { applyEdits } from '../../fix';
import { Linter } from '../../lint';
import { getRule } from '../../registry';
import type { Finding, Rule } from '../../types';

const UNUSED = 'infra-guide/unused-pragma';
const EXEC = 'dockerfile/use-exec-form';
const NPM_CI = 'dockerfile/use-npm-ci';
const ROOT = 'dockerfile/run-as-non-root';

function lint(text: string, fileName: string, config?: InfraGuideConfig, linter = new Linter({ throwOnRuleError: true })): Finding[] {
  return linter.lint({ text, fileName, ...(config ? { config } : {}) }).findings;
}
const unused = (findings: Finding[]): Finding[] => findings.filter((f) => f.ruleId === UNUSED);
/** `line:covered text message` of each unused-pragma finding of `text` (0-based line, one line each). */
function describeUnused(text: string, findings: Finding[]): string[] {
  const lines = text.split(/\r?\n/);
  return unused(findings).map((f) => {
    assert.equal(f.range.start.line, f.range.end.line);
    return `${f.range.start.line}:${lines[f.range.start.line]!.slice(f.range.start.character, f.range.end.character)} ${f.message}`;
  });
}
/** The text after the only fix of the only unused-pragma finding at `line`. */
function fixed(text: string, fileName: string, line: number, id?: string): string {
  const f = unused(lint(text, fileName)).filter((x) => x.range.start.line === line && (!id || x.message.includes(`\`${id}\``)));
  assert.equal(f.length, 1, JSON.stringify(f));
  assert.equal(f[0]!.fixes.length, 1);
  assert.equal(f[0]!.fixes[0]!.safe, true);
  return applyEdits(text, f[0]!.fixes[0]!.edits);
}
/** Fix-all with the default config. */
function fixAll(text: string, fileName: string): string {
  return new Linter({ throwOnRuleError: true }).fixAll({ text, fileName }).text;
}

describe(UNUSED, () => {
  it('reports a line pragma that silenced nothing, as info on the whole pragma; the fix removes the line', () => {
    const text = 'FROM node:20-alpine\nUSER node\n# infra-guide ignore=dockerfile/use-exec-form -- tini handles signals\nCMD ["node", "server.js"]\n';
    const findings = lint(text, 'Dockerfile');
    assert.deepEqual(describeUnused(text, findings), [`2:# infra-guide ignore=dockerfile/use-exec-form -- tini handles signals Unused pragma: \`${EXEC}\` reports nothing on the line this pragma covers.`]);
    assert.equal(unused(findings)[0]!.severity, 'info');
    assert.equal(fixed(text, 'Dockerfile', 2), 'FROM node:20-alpine\nUSER node\nCMD ["node", "server.js"]\n');
  });

  it('does not report a pragma that silenced a finding (line or file level, on any line of the instruction)', () => {
    const text = [
      `# infra-guide ignore-file=${ROOT} -- runs as root on purpose`,
      'FROM node:20-alpine',
      `# infra-guide ignore=${EXEC} -- tini handles signals`,
      'CMD node \\',
      '  server.js',
    ].join('\n');
    const findings = lint(text, 'Dockerfile');
    assert.deepEqual(findings.filter((f) => f.ruleId !== 'dockerfile/use-minimal-base-image').map((f) => f.ruleId), []);
  });

  it('reports each unused id of a list on the id itself; its fix removes the id with one comma', () => {
    const text = `FROM node:20-alpine\nUSER node\n# infra-guide ignore=${NPM_CI}, ${EXEC} ,${ROOT}, no-such-rule -- x\nCMD node server.js\n`;
    const findings = lint(text, 'Dockerfile');
    // The unknown id is unknown-rule-in-pragma's, not reported twice.
    assert.deepEqual(describeUnused(text, findings), [
      `2:${NPM_CI} Unused pragma: \`${NPM_CI}\` reports nothing on the line this pragma covers.`,
      `2:${ROOT} Unused pragma: \`${ROOT}\` reports nothing on the line this pragma covers.`,
    ]);
    assert.ok(findings.some((f) => f.ruleId === 'infra-guide/unknown-rule-in-pragma'));
    assert.equal(fixed(text, 'Dockerfile', 2, NPM_CI), `FROM node:20-alpine\nUSER node\n# infra-guide ignore=${EXEC} ,${ROOT}, no-such-rule -- x\nCMD node server.js\n`);
    assert.equal(fixed(text, 'Dockerfile', 2, ROOT), `FROM node:20-alpine\nUSER node\n# infra-guide ignore=${NPM_CI}, ${EXEC}, no-such-rule -- x\nCMD node server.js\n`);
  });

  it('fix-all removes every unused id, then the pragma when none is left; nothing else changes', () => {
    const text = `FROM node:20-alpine\r\nUSER node\r\n# infra-guide ignore=${NPM_CI},${EXEC},${ROOT} -- x\r\nCMD ["node"]\r\n# infra-guide ignore-file=${NPM_CI}`;
    assert.equal(fixAll(text, 'Dockerfile'), 'FROM node:20-alpine\r\nUSER node\r\nCMD ["node"]');
    const used = `FROM node:20-alpine\nUSER node\n# infra-guide ignore=${NPM_CI},${EXEC},${ROOT} -- x\nCMD node server.js\n`;
    assert.equal(fixAll(used, 'Dockerfile'), `FROM node:20-alpine\nUSER node\n# infra-guide ignore=${EXEC} -- x\nCMD node server.js\n`);
  });

  it('removes a pragma on the first or only line', () => {
    assert.equal(fixed(`# infra-guide ignore-file=${EXEC}\nFROM node:20-alpine\n`, 'Dockerfile', 0), 'FROM node:20-alpine\n');
    assert.equal(fixed(`# infra-guide ignore-file=${EXEC}`, 'Dockerfile', 0), '');
  });

  it('keeps a blank line where removing the pragma would turn a comment into a Dockerfile parser directive', () => {
    const text = `# syntax=docker/dockerfile:1\n# infra-guide ignore-file=${EXEC}\n# escape=\`\nFROM node:20-alpine\n`;
    assert.equal(fixed(text, 'Dockerfile', 1), '# syntax=docker/dockerfile:1\n\n# escape=`\nFROM node:20-alpine\n');
    const later = `FROM node:20-alpine\n# infra-guide ignore=${EXEC}\n# escape=\`\nUSER node\n`;
    assert.equal(fixed(later, 'Dockerfile', 1), 'FROM node:20-alpine\n# escape=`\nUSER node\n');
    // Stacked pragmas, all unused: fix-all removes them in one pass, yet the comment stays one.
    const stacked = `# infra-guide ignore=${NPM_CI} -- a\n# infra-guide ignore=kubernetes/pin-image-version -- b\n# escape=\`\nFROM node:20-alpine\nUSER node\n`;
    assert.equal(fixAll(stacked, 'Dockerfile'), '\n# escape=`\nFROM node:20-alpine\nUSER node\n');
    assert.equal(fixAll(`# syntax=docker/dockerfile:1\n${stacked}`, 'Dockerfile'), '# syntax=docker/dockerfile:1\n\n# escape=`\nFROM node:20-alpine\nUSER node\n');
  });

  it('reads the parser directives as BuildKit does when keeping that blank line (byte order mark, case, unknown keys)', () => {
    // The CLI keeps a UTF-8 byte order mark in the text; BuildKit skips it.
    const bom = `\uFEFF# syntax=docker/dockerfile:1\n# infra-guide ignore-file=${EXEC}\n# escape=\`\nFROM node:20-alpine\n`;
    assert.equal(fixed(bom, 'Dockerfile', 1), '\uFEFF# syntax=docker/dockerfile:1\n\n# escape=`\nFROM node:20-alpine\n');
    const upper = `# SYNTAX = docker/dockerfile:1\n# infra-guide ignore-file=${EXEC}\n\t#Escape =\`\nFROM node:20-alpine\n`;
    assert.equal(fixed(upper, 'Dockerfile', 1), '# SYNTAX = docker/dockerfile:1\n\n\t#Escape =`\nFROM node:20-alpine\n');
    // An unknown directive ended them already, and a directive without a value is a comment.
    const unknown = `# maintainer=ops\n# infra-guide ignore-file=${EXEC}\n# escape=\`\nFROM node:20-alpine\n`;
    assert.equal(fixed(unknown, 'Dockerfile', 1), '# maintainer=ops\n# escape=`\nFROM node:20-alpine\n');
    const empty = `# infra-guide ignore-file=${EXEC}\n# escape=\nFROM node:20-alpine\n`;
    assert.equal(fixed(empty, 'Dockerfile', 0), '# escape=\nFROM node:20-alpine\n');
  });

  it('reports a file-level pragma with nothing to silence in the file', () => {
    const text = `# infra-guide ignore-file=${EXEC} -- legacy\nFROM node:20-alpine\nUSER node\nCMD ["node"]\n`;
    assert.deepEqual(describeUnused(text, lint(text, 'Dockerfile')), [`0:# infra-guide ignore-file=${EXEC} -- legacy Unused pragma: \`${EXEC}\` reports nothing in this file.`]);
  });

  it('reports a redundant second pragma for the same finding, keeping the first one', () => {
    const stacked = `FROM node:20-alpine\nUSER node\n# infra-guide ignore=${EXEC}\n# infra-guide ignore=${EXEC}\nCMD node server.js\n`;
    assert.deepEqual(unused(lint(stacked, 'Dockerfile')).map((f) => f.range.start.line), [3]);
    const twice = `FROM node:20-alpine\nUSER node\n# infra-guide ignore=${EXEC},${EXEC}\nCMD node server.js\n`;
    assert.deepEqual(describeUnused(twice, lint(twice, 'Dockerfile')), [`2:${EXEC} Unused pragma: \`${EXEC}\` reports nothing on the line this pragma covers.`]);
    // A line pragma is more specific than a file one: the file one silenced nothing else.
    const both = `# infra-guide ignore-file=${EXEC}\nFROM node:20-alpine\nUSER node\n# infra-guide ignore=${EXEC}\nCMD node server.js\n`;
    assert.deepEqual(unused(lint(both, 'Dockerfile')).map((f) => f.range.start.line), [0]);
  });

  it('reports a rule of another kind of file, whatever the config says of it', () => {
    const text = 'FROM node:20-alpine\nUSER node\n# infra-guide ignore=kubernetes/pin-image-version,dockerfile/use-exec-form -- x\nCMD node server.js\n';
    const expected = ['2:kubernetes/pin-image-version `kubernetes/pin-image-version` does not apply to Dockerfiles: this pragma can never silence it.'];
    assert.deepEqual(describeUnused(text, lint(text, 'Dockerfile')), expected);
    const off = defaultConfig();
    off.rules['kubernetes/pin-image-version'] = { level: 'off' };
    assert.deepEqual(describeUnused(text, lint(text, 'Dockerfile', off)), expected);
    assert.equal(fixed(text, 'Dockerfile', 2), 'FROM node:20-alpine\nUSER node\n# infra-guide ignore=dockerfile/use-exec-form -- x\nCMD node server.js\n');

    const commit = `# infra-guide ignore-file=${EXEC} -- x\nfix(#6): Add things\n\n- a bullet\n\nRefs #6\n`;
    assert.deepEqual(describeUnused(commit, lint(commit, 'COMMIT_EDITMSG')), [`0:# infra-guide ignore-file=${EXEC} -- x \`${EXEC}\` does not apply to commit messages: this pragma can never silence it.`]);
    const config = `# infra-guide ignore-file=yaml/no-duplicate-keys -- x\nrules: {}\n`;
    assert.match(describeUnused(config, lint(config, '.infra-guide.yaml')).join('\n'), /does not apply to Infra Guide config files/);
  });

  it('says nothing of a rule switched off in the config; a changed level still reports', () => {
    const text = `FROM node:20-alpine\nUSER node\n# infra-guide ignore=${EXEC}\nCMD ["node"]\n`;
    const off = defaultConfig();
    off.rules[EXEC] = { level: 'off' };
    assert.deepEqual(unused(lint(text, 'Dockerfile', off)), []);
    const error = defaultConfig();
    error.rules[EXEC] = { level: 'error' };
    assert.equal(unused(lint(text, 'Dockerfile', error)).length, 1);
    const quiet = defaultConfig();
    quiet.rules[UNUSED] = { level: 'off' };
    assert.deepEqual(unused(lint(text, 'Dockerfile', quiet)), []);
  });

  it('says nothing of a rule that threw on the file, also when the YAML findings come from the cache', () => {
    const withThrowing = (id: string, body: () => void): void => {
      const rule = getRule(id) as Rule<unknown>;
      const check = rule.check;
      rule.check = () => {
        throw new Error('boom');
      };
      try {
        body();
      } finally {
        rule.check = check;
      }
    };
    const errors: string[] = [];
    const linter = new Linter({ onRuleError: (id) => errors.push(id) });
    const dockerfile = `FROM node:20-alpine\nUSER node\n# infra-guide ignore=${EXEC}\nCMD ["node"]\n`;
    withThrowing(EXEC, () => assert.deepEqual(unused(lint(dockerfile, 'Dockerfile', undefined, linter)), []));
    assert.equal(unused(lint(dockerfile, 'Dockerfile', undefined, linter)).length, 1, 'reported once the rule works');

    const DUP = 'yaml/no-duplicate-keys';
    const yaml = `a: 1\n---\n# infra-guide ignore=${DUP}\nb: 2\n`;
    withThrowing(DUP, () => assert.deepEqual(unused(lint(yaml, 'data.yaml', undefined, linter)), []));
    // The documents' findings are cached: the rule does not run (nor throw) again.
    assert.deepEqual(unused(lint(yaml, 'data.yaml', undefined, linter)), []);
    assert.deepEqual(errors, [EXEC, DUP, DUP], 'once per YAML document');
    assert.equal(unused(lint(yaml, 'data.yaml')).length, 1, 'a linter where the rule never threw reports it');
  });

  it('YAML: keeps multi-document semantics (a file pragma covers every document; a line pragma only its next line)', () => {
    const DUP = 'yaml/no-duplicate-keys';
    const text = [
      `# infra-guide ignore-file=${DUP} -- generated`, // 0
      'a: 1', // 1
      '---', // 2
      'b: 1', // 3
      'b: 2', // 4
      `# infra-guide ignore=${DUP} -- before the marker`, // 5
      '---', // 6
      `# infra-guide ignore=${DUP} -- nothing duplicated below`, // 7
      'c: 1', // 8
    ].join('\n');
    assert.deepEqual(unused(lint(text, 'data.yaml')).map((f) => f.range.start.line), [5, 7]);
    assert.equal(fixAll(text, 'data.yaml'), [`# infra-guide ignore-file=${DUP} -- generated`, 'a: 1', '---', 'b: 1', 'b: 2', '---', 'c: 1'].join('\n'));
  });

  it('YAML: a `# infra-guide` line inside a block scalar is data, never reported', () => {
    const text = `jobs:\n  build:\n    steps:\n      - run: |\n          # infra-guide ignore=yaml/no-duplicate-keys\n          make\n`;
    assert.deepEqual(unused(lint(text, '.github/workflows/ci.yml')), []);
  });

  it('YAML: says nothing while a document has a syntax error or template syntax (it was not checked)', () => {
    const pragma = '# infra-guide ignore=yaml/no-duplicate-keys';
    assert.deepEqual(unused(lint(`${pragma}\na: 1\n---\nb: [\n`, 'data.yaml')), []);
    assert.deepEqual(unused(lint(`${pragma}\na: 1\n---\nb:\n  {{- include "labels" . | nindent 4 }}\n`, 'data.yaml')), []);
    assert.equal(unused(lint(`${pragma}\na: 1\n---\nb: 2\n`, 'data.yaml')).length, 1);
  });

  it('Dockerfile heredocs: a body line is no pragma; a pragma above the instruction covers the body', () => {
    const text = [
      'FROM debian:12.5', // 0
      'USER app', // 1
      '# infra-guide ignore=dockerfile/pin-package-versions -- covers the body', // 2
      'RUN <<EOF', // 3
      '# infra-guide ignore=dockerfile/use-exec-form', // 4 (shell text)
      'apt-get install -y curl', // 5
      'EOF', // 6
    ].join('\n');
    assert.deepEqual(unused(lint(text, 'Dockerfile')), []);
  });

  it('commit messages: reports an unused comment-line pragma, never a line of the diff below the scissors', () => {
    const text = [
      '# infra-guide ignore-file=commit/no-trailing-period -- house style', // 0
      'fix(#6): Add things', // 1
      '', // 2
      '- a bullet', // 3
      '', // 4
      'Refs #6', // 5
      '# ------------------------ >8 ------------------------', // 6
      '# Do not modify or remove the line above.', // 7
      'diff --git a/Dockerfile b/Dockerfile', // 8
      ' # infra-guide ignore-file=dockerfile/use-exec-form', // 9
    ].join('\n');
    assert.deepEqual(unused(lint(text, 'COMMIT_EDITMSG')).map((f) => f.range.start.line), [0]);
  });

  it('is not offered to pragmas that are not honoured (forbidden, or missing a required reason)', () => {
    const text = `FROM node:20-alpine\nUSER node\n# infra-guide ignore=${EXEC}\nCMD ["node"]\n`;
    const forbidden = defaultConfig();
    forbidden.pragmas = { allow: false, requireReason: false };
    assert.deepEqual(unused(lint(text, 'Dockerfile', forbidden)), []);
    const reasons = defaultConfig();
    reasons.pragmas = { allow: true, requireReason: true };
    assert.deepEqual(unused(lint(text, 'Dockerfile', reasons)), []);
  });
});
