import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { applyEdits } from './fix';
import { defaultConfig } from './config';
import { Linter } from './lint';
import type { Finding } from './types';

const PIN = 'dockerfile/pin-package-versions';

/** `ruleId@line` of each finding, sorted. */
function lintDockerfile(lines: string[]): string[] {
  const text = lines.join('\n');
  const findings = new Linter({ throwOnRuleError: true }).lint({ text, fileName: 'Dockerfile', kind: 'dockerfile' }).findings;
  return findings.map((f) => `${f.ruleId}@${f.range.start.line}`).sort();
}

describe('Dockerfile pragmas and heredocs', () => {
  it('reads no pragma from a heredoc body: it neither silences nor is reported', () => {
    assert.deepEqual(
      lintDockerfile([
        'FROM debian:12.5', // 0
        'RUN <<EOF', // 1
        `# infra-guide ignore=${PIN} -- not a pragma, this is shell text`, // 2
        'apt-get install -y curl', // 3
        'EOF', // 4
        'COPY <<-"EOF" <<\'END\' /etc/', // 5
        '\t# infra-guide ignore-file=dockerfile/run-as-non-root', // 6
        '\tEOF', // 7
        '# infra-guide ignore=no-such-rule', // 8
        'END', // 9
        'ADD <<EOF /etc/b.conf', // 10
        '# infra-guide nonsense', // 11
        '', // 12 (unterminated: the body runs to the end)
        `# infra-guide ignore=${PIN} -- still the body`, // 13
        'RUN apt-get install -y wget', // 14
      ]),
      [`${PIN}@3`, 'dockerfile/run-as-non-root@0', 'dockerfile/use-minimal-base-image@0'],
    );
  });

  it('keeps pragmas before a heredoc instruction, after its delimiter and inside continuations', () => {
    assert.deepEqual(
      lintDockerfile([
        'FROM debian:12.5', // 0
        'USER app', // 1
        `# infra-guide ignore=${PIN} -- before the instruction`, // 2
        'RUN <<EOF', // 3
        'apt-get install -y curl', // 4
        'EOF', // 5
        `# infra-guide ignore=${PIN} -- after the delimiter`, // 6
        'RUN apt-get install -y wget', // 7
        'RUN apt-get update && \\', // 8
        // Docker drops comment lines inside continuations: this is a comment of the Dockerfile.
        `# infra-guide ignore=${PIN} -- inside a continuation`, // 9
        '    apt-get install -y git', // 10
        'RUN apt-get install -y jq', // 11
      ]),
      [`${PIN}@11`, 'dockerfile/use-minimal-base-image@0'],
    );
  });
});

describe('commit message pragmas', () => {
  const lintCommit = (text: string): string[] =>
    new Linter({ throwOnRuleError: true })
      .lint({ text, fileName: 'COMMIT_EDITMSG', kind: 'commit-message' })
      .findings.map((f) => `${f.ruleId}@${f.range.start.line}`)
      .sort();

  it('honours comment-line pragmas of the message', () => {
    assert.deepEqual(lintCommit('# infra-guide ignore-file=commit/no-trailing-period -- house style\nfix(#6): Add things.\n\nRefs #6\n'), []);
  });

  it('reads no pragma from the diff below the scissors line of `git commit -v`', () => {
    const scissors = '# ------------------------ >8 ------------------------';
    assert.deepEqual(
      lintCommit(
        [
          'fix(#6): Add things.', // 0
          '', // 1
          'Refs #6', // 2
          scissors, // 3
          '# Do not modify or remove the line above.', // 4
          'diff --git a/Dockerfile b/Dockerfile', // 5
          '@@ -1,3 +1,3 @@', // 6
          // Context lines of the diff: Dockerfile text, not pragmas of the commit message.
          ' # infra-guide ignore-file=commit/no-trailing-period -- in the Dockerfile', // 7
          ' # infra-guide ignore=no-such-rule', // 8
          ' # infra-guide nonsense', // 9
          '-FROM node:20', // 10
          '+FROM node:22', // 11
        ].join('\n'),
      ),
      ['commit/no-trailing-period@0'],
    );
  });
});

describe('pragmas in the wrong case', () => {
  const MALFORMED = 'infra-guide/malformed-pragma';
  const EXEC = 'dockerfile/use-exec-form';
  const lintText = (text: string, fileName: string): Finding[] => new Linter({ throwOnRuleError: true }).lint({ text, fileName }).findings;

  it('are not honoured but reported, with a fix writing the canonical form (rule ids and reason as written)', () => {
    for (const [written, lower] of [
      ['Infra-Guide ignore', 'infra-guide ignore'],
      ['INFRA-GUIDE ignore-file', 'infra-guide ignore-file'],
      ['infra-guide IGNORE', 'infra-guide ignore'],
    ] as const) {
      const pragma = `#  ${written}=${EXEC} -- Tini Handles SIGTERM`;
      const text = `FROM node:20-alpine\nUSER node\n${pragma}\nCMD node server.js\n`;
      const findings = lintText(text, 'Dockerfile');
      assert.ok(findings.some((f) => f.ruleId === EXEC), `${written}: not honoured`);
      const problems = findings.filter((f) => f.ruleId === MALFORMED);
      assert.equal(problems.length, 1, written);
      const p = problems[0]!;
      assert.equal(p.message, `Pragmas are written in lower case: \`${lower}\`, not \`${written}\`. As written, this line silences nothing.`);
      assert.deepEqual(p.range, { start: { line: 2, character: 0 }, end: { line: 2, character: pragma.length } });
      assert.equal(p.fixes.length, 1);
      assert.equal(p.fixes[0]!.safe, false, 'the fix changes what is silenced');
      const after = applyEdits(text, p.fixes[0]!.edits);
      assert.equal(after, `FROM node:20-alpine\nUSER node\n# ${lower}=${EXEC} -- Tini Handles SIGTERM\nCMD node server.js\n`);
      assert.deepEqual(
        lintText(after, 'Dockerfile').filter((f) => f.ruleId.startsWith('infra-guide/') || f.ruleId === EXEC),
        [],
        `${written}: honoured once fixed`,
      );
    }
  });

  it('with blanks around `=` and the commas, are rewritten into the canonical form, not only lower-cased', () => {
    const text = `FROM node:20-alpine\n# Infra-Guide Ignore = ${EXEC} , dockerfile/run-as-non-root  --  Tini: handles  SIGTERM \nCMD node server.js\n`;
    const p = lintText(text, 'Dockerfile').find((f) => f.ruleId === MALFORMED)!;
    assert.deepEqual(p.fixes.map((f) => [f.title, f.safe]), [[`Rewrite as \`# infra-guide ignore=${EXEC},dockerfile/run-as-non-root\``, false]]);
    const after = applyEdits(text, p.fixes[0]!.edits);
    assert.equal(after, `FROM node:20-alpine\n# infra-guide ignore=${EXEC},dockerfile/run-as-non-root -- Tini: handles  SIGTERM \nCMD node server.js\n`);
    assert.deepEqual(lintText(after, 'Dockerfile').filter((f) => f.ruleId === MALFORMED || f.ruleId === EXEC), [], 'honoured once fixed');
    // What does not parse once lower-cased keeps the lower-casing fix.
    const loose = lintText(`FROM node:20-alpine\n# Infra-Guide ignore=${EXEC} ${EXEC}\nCMD node server.js\n`, 'Dockerfile').find((f) => f.ruleId === MALFORMED)!;
    assert.deepEqual(loose.fixes.map((f) => f.title), ['Write `infra-guide ignore` in lower case']);
  });

  it('leave comments that merely mention Infra Guide alone', () => {
    const text = [
      'FROM node:20-alpine',
      '# Infra Guide ignore=this is prose',
      '# Infra-Guide checks this file; INFRA-GUIDE rules',
      '# see Infra-Guide: ignore=nothing',
      '#Infra-Guide ignores nothing',
      'USER node',
      'CMD ["node"] # Infra-Guide ignore=x',
    ].join('\n');
    assert.deepEqual(lintText(text, 'Dockerfile').filter((f) => f.ruleId.startsWith('infra-guide/')), []);
  });

  it('are data inside YAML block scalars, Dockerfile heredocs and the diff of a commit message', () => {
    const yaml = 'jobs:\n  build:\n    steps:\n      - run: |\n          # Infra-Guide ignore=yaml/no-duplicate-keys\n          make\n';
    assert.deepEqual(lintText(yaml, '.github/workflows/ci.yml').filter((f) => f.ruleId === MALFORMED), []);
    const docker = 'FROM debian:12.5\nUSER app\nRUN <<EOF\n# INFRA-GUIDE ignore=dockerfile/use-exec-form\ntrue\nEOF\n';
    assert.deepEqual(lintText(docker, 'Dockerfile').filter((f) => f.ruleId === MALFORMED), []);
    const commit = 'fix(#6): Add things\n\n- a bullet\n\nRefs #6\n# ------------------------ >8 ------------------------\ndiff --git a/x b/x\n # Infra-Guide ignore=x\n';
    assert.deepEqual(lintText(commit, 'COMMIT_EDITMSG').filter((f) => f.ruleId === MALFORMED), []);
    const yamlComment = 'a: 1\n# Infra-Guide ignore-file=yaml/no-duplicate-keys\n';
    assert.equal(lintText(yamlComment, 'data.yaml').filter((f) => f.ruleId === MALFORMED).length, 1, 'a YAML comment line is reported');
  });
});

describe('malformed pragmas with a clear intent', () => {
  const MALFORMED = 'infra-guide/malformed-pragma';
  const EXEC = 'dockerfile/use-exec-form';
  const ROOT = 'dockerfile/run-as-non-root';
  const lintText = (text: string, fileName: string): Finding[] => new Linter({ throwOnRuleError: true }).lint({ text, fileName }).findings;
  const malformed = (text: string, fileName = 'Dockerfile'): Finding[] => lintText(text, fileName).filter((f) => f.ruleId === MALFORMED);

  it('blanks around `=` and the commas: an unsafe fix writes the canonical form, keeping the reason byte for byte', () => {
    for (const [written, canonical] of [
      [`# infra-guide ignore = ${EXEC} , ${ROOT} -- tini  handles it`, `# infra-guide ignore=${EXEC},${ROOT} -- tini  handles it`],
      [`#infra-guide  ignore =${EXEC},${ROOT}  --tini handles it  `, `# infra-guide ignore=${EXEC},${ROOT} -- tini handles it  `],
      [`# infra-guide ignore=\t${EXEC} ,${ROOT}`, `# infra-guide ignore=${EXEC},${ROOT}`],
      [`# infra-guide ignore= ${EXEC},${ROOT}   --   `, `# infra-guide ignore=${EXEC},${ROOT} --`],
    ] as const) {
      const text = `FROM node:20-alpine\n  ${written}\nCMD node server.js\n`;
      const problems = malformed(text);
      assert.equal(problems.length, 1, written);
      assert.deepEqual(problems[0]!.fixes.map((f) => [f.title, f.safe]), [[`Rewrite as \`${canonical.replace(/ --.*$/, '')}\``, false]], written);
      const after = applyEdits(text, problems[0]!.fixes[0]!.edits);
      assert.equal(after, `FROM node:20-alpine\n  ${canonical}\nCMD node server.js\n`, written);
      assert.deepEqual(lintText(after, 'Dockerfile').filter((f) => f.ruleId === MALFORMED || f.ruleId === EXEC), [], `${written}: honoured once fixed`);
    }
  });

  it('also for ignore-file and in YAML; unknown ids are kept (and then reported as unknown)', () => {
    const yaml = 'a: 1\n# infra-guide ignore-file = yaml/no-duplicate-keys , yaml/nope -- x\n';
    const p = malformed(yaml, 'data.yaml');
    assert.equal(applyEdits(yaml, p[0]!.fixes[0]!.edits), 'a: 1\n# infra-guide ignore-file=yaml/no-duplicate-keys,yaml/nope -- x\n');
  });

  it('offers no fix where the intent is not clear', () => {
    for (const written of [
      `# infra-guide ignore ${EXEC}`,
      `# infra-guide ignore = ${EXEC} ${ROOT} -- two ids or an id and prose?`,
      `# infra-guide ignore = ${EXEC}, -- r`,
      `# infra-guide disable = ${EXEC}`,
      '# infra-guide ignore = ',
      `# infra-guide ignore = ${EXEC} because tini`,
    ]) {
      const problems = malformed(`FROM node:20-alpine\n${written}\nCMD node server.js\n`);
      assert.equal(problems.length, 1, written);
      assert.deepEqual(problems[0]!.fixes, [], written);
    }
  });
});

describe('pragmas.requireReason', () => {
  const lintWith = (pragma: string): string[] => {
    const text = `FROM debian:12.5\n${pragma}\nRUN apt-get install -y curl\n`;
    const config = defaultConfig();
    config.pragmas = { allow: true, requireReason: true };
    return new Linter({ throwOnRuleError: true })
      .lint({ text, fileName: 'Dockerfile', kind: 'dockerfile', config })
      .findings.filter((f) => f.ruleId === 'infra-guide/pragma-missing-reason' || f.ruleId === PIN)
      .map((f) => `${f.ruleId}@${f.range.start.line}`);
  };

  it('takes a reason only when it has a letter or digit, in any script', () => {
    for (const reason of ['-- --', '-- .', '-- \u200b', '-- \u200b\u2060\ufeff', '-- ---  ...', '--', '']) {
      assert.deepEqual(lintWith(`# infra-guide ignore=${PIN} ${reason}`), ['infra-guide/pragma-missing-reason@1', `${PIN}@2`], JSON.stringify(reason));
    }
    for (const reason of ['-- pinned by the base image', '-- 42', '-- 見本', '-- é', '-- -- x']) {
      assert.deepEqual(lintWith(`# infra-guide ignore=${PIN} ${reason}`), [], reason);
    }
  });

  it('says what is wrong with a reason that is there but says nothing', () => {
    const text = `FROM debian:12.5\n# infra-guide ignore=${PIN} -- .\nRUN apt-get install -y curl\n`;
    const config = defaultConfig();
    config.pragmas = { allow: true, requireReason: true };
    const f = new Linter().lint({ text, fileName: 'Dockerfile', kind: 'dockerfile', config }).findings.find((x) => x.ruleId === 'infra-guide/pragma-missing-reason');
    assert.match(f!.message, /no letter or digit/);
  });
});
