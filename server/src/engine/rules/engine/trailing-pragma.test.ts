import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { parseAllDocuments } from 'yaml';
import { applyEdits } from '../../fix';
import { Linter } from '../../lint';
import type { Finding } from '../../types';

const MALFORMED = 'infra-guide/malformed-pragma';
const PIN = 'kubernetes/pin-image-version';
const PRAGMA = `# infra-guide ignore=${PIN} -- pinned by the operator`;

const lint = (text: string, fileName: string): Finding[] => new Linter({ throwOnRuleError: true }).lint({ text, fileName }).findings;
const ids = (findings: Finding[]): string[] => findings.map((f) => `${f.ruleId}@${f.range.start.line}`).filter((x) => x.startsWith(MALFORMED) || x.startsWith(PIN));

/** The data of each document (which parses without errors). */
const data = (text: string): unknown[] => parseAllDocuments(text).map((d) => (assert.deepEqual(d.errors, [], text), d.toJS()));

/** The only trailing-pragma finding of `text`, its fix applied: the data unchanged, the pragma honoured. */
function moved(text: string, fileName = 'pod.yaml', honoured = true): { finding: Finding; text: string } {
  const findings = lint(text, fileName).filter((f) => f.ruleId === MALFORMED);
  assert.equal(findings.length, 1, JSON.stringify(findings));
  const finding = findings[0]!;
  assert.match(finding.message, /^A pragma must be on its own line, above the line it silences/);
  assert.deepEqual(finding.fixes.map((f) => [f.title, f.safe]), [['Move the pragma onto its own line above', false]]);
  const after = applyEdits(text, finding.fixes[0]!.edits);
  assert.deepEqual(data(after), data(text));
  if (honoured) assert.deepEqual(ids(lint(after, fileName)), [], after);
  return { finding, text: after };
}

const pod = (containers: string): string => `apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n${containers}`;

describe('a pragma at the end of a YAML line', () => {
  it('is reported (it silences nothing), with an unsafe fix moving it above the line, indented like it', () => {
    const text = pod(`  containers:\n    - name: c\n      image: nginx   ${PRAGMA}  \n`);
    assert.deepEqual(ids(lint(text, 'pod.yaml')).sort(), [`${MALFORMED}@7`, `${PIN}@7`]);
    const { finding, text: after } = moved(text);
    assert.deepEqual(finding.range, { start: { line: 7, character: 21 }, end: { line: 7, character: 21 + PRAGMA.length } });
    assert.equal(after, pod(`  containers:\n    - name: c\n      ${PRAGMA}\n      image: nginx\n`));
  });

  it('in any case, in a later document, with CRLF line breaks', () => {
    const pragma = `# Infra-Guide ignore=${PIN} -- x`;
    const crlf = (t: string): string => t.replace(/\n/g, '\r\n');
    const after = moved(crlf(`a: 1\n---\n${pod(`  containers: [{name: c, image: nginx}] ${pragma}\n`)}`), 'pod.yaml', false);
    assert.equal(after.finding.range.start.line, 7);
    // Moved as written; then reported in its own right (wrong case), with its own fix.
    assert.equal(after.text, crlf(`a: 1\n---\n${pod(`  ${pragma}\n  containers: [{name: c, image: nginx}]\n`)}`));
    const wrongCase = lint(after.text, 'pod.yaml').filter((f) => f.ruleId === MALFORMED);
    assert.deepEqual(wrongCase.map((f) => [f.range.start.line, f.message.startsWith('Pragmas are written in lower case')]), [[7, true]]);
  });

  it('goes above the key when the line ends a multi-line scalar, and above the line inside a flow collection', () => {
    const multi = pod(`  containers:\n    - name: c\n      image: "nginx\n        " ${PRAGMA}\n`);
    assert.equal(moved(multi).text, pod(`  containers:\n    - name: c\n      ${PRAGMA}\n      image: "nginx\n        "\n`));
    const flow = pod(`  containers: [\n    {name: c,\n     image: nginx}, ${PRAGMA}\n  ]\n`);
    assert.equal(moved(flow).text, pod(`  containers: [\n    {name: c,\n     ${PRAGMA}\n     image: nginx},\n  ]\n`));
    const header = `jobs:\n  build:\n    runs-on: ubuntu-24.04\n    steps:\n      - run: |  # infra-guide ignore=github-actions/x -- y\n          make\n`;
    assert.equal(
      moved(header, '.github/workflows/ci.yml').text,
      `jobs:\n  build:\n    runs-on: ubuntu-24.04\n    steps:\n      # infra-guide ignore=github-actions/x -- y\n      - run: |\n          make\n`,
    );
  });

  it('goes after a byte order mark on the first line', () => {
    const text = '\uFEFFkey: v # infra-guide ignore-file=yaml/no-duplicate-keys -- x\n';
    assert.equal(moved(text, 'data.yaml').text, '\uFEFF# infra-guide ignore-file=yaml/no-duplicate-keys -- x\nkey: v\n');
  });

  it('counts only real comments that are meant as pragmas', () => {
    const text = [
      'a: "x # infra-guide ignore=yaml/no-duplicate-keys"',
      "b: 'x # infra-guide ignore=yaml/no-duplicate-keys'",
      'c: x#infra-guide ignore=yaml/no-duplicate-keys',
      'd: |',
      '  x # infra-guide ignore=yaml/no-duplicate-keys',
      'e: x # Infra Guide checks this file; infra-guide: see docs',
      'f: x # see infra-guide ignore=yaml/no-duplicate-keys',
      '# infra-guide ignore=yaml/no-duplicate-keys -- a real pragma line',
      'g: x',
      '',
    ].join('\n');
    assert.deepEqual(ids(lint(text, 'data.yaml')), []);
  });

  it('cannot be silenced by a pragma naming malformed-pragma, which is then unused', () => {
    const text = `# infra-guide ignore-file=${MALFORMED} -- hide it\n` + pod(`  containers:\n    - name: a\n      image: nginx:1.25 ${PRAGMA}\n`);
    const findings = lint(text, 'pod.yaml');
    assert.deepEqual(
      findings.filter((f) => f.ruleId === MALFORMED || f.ruleId === 'infra-guide/unused-pragma').map((f) => `${f.ruleId}@${f.range.start.line}`),
      ['infra-guide/unused-pragma@0', `${MALFORMED}@8`],
    );
  });

  it('is not looked for in a Dockerfile (a `#` after an instruction is an argument) or a commit message', () => {
    const docker = `FROM node:20-alpine\nUSER node\nRUN echo hi # infra-guide ignore=dockerfile/use-exec-form -- r\nCMD ["node"] # infra-guide ignore=dockerfile/use-exec-form -- r\n`;
    assert.deepEqual(lint(docker, 'Dockerfile').filter((f) => f.ruleId.startsWith('infra-guide/')), []);
    const commit = 'fix(#6): Add things # infra-guide ignore=commit/subject-format\n\n- a bullet # infra-guide ignore=x\n\nRefs #6\n';
    assert.deepEqual(lint(commit, 'COMMIT_EDITMSG').filter((f) => f.ruleId.startsWith('infra-guide/')), []);
  });

  it('in a large document, gets a fix checked for the first ones only (each check parses the document again)', () => {
    const lines = Array.from({ length: 12 }, (_, i) => `  k${i}: v${i} ${PRAGMA}\n`).join('');
    const padding = Array.from({ length: 2000 }, (_, i) => `    note${i}: "${'x'.repeat(40)}"\n`).join('');
    const text = `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\n  annotations:\n${padding}data:\n${lines}`;
    const findings = lint(text, 'cm.yaml').filter((f) => f.ruleId === MALFORMED);
    assert.equal(findings.length, 12);
    const fixed = findings.map((f) => f.fixes.length === 1);
    assert.equal(fixed[0], true);
    assert.equal(fixed[11], false);
    assert.deepEqual(fixed, [...fixed].sort().reverse(), 'the fixed ones come first');
    assert.deepEqual(data(applyEdits(text, findings[0]!.fixes[0]!.edits)), data(text));
  });
});
