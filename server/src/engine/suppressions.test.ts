import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { Linter } from './lint';

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
