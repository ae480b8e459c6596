// The commit rules together, as the language server and `infra-guide commit-msg` run them.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { Linter } from '../../server/src/engine/lint';
import { allRules } from '../../server/src/engine/registry';
import { timedMs } from './timing';

const linter = new Linter();
const ids = (text: string, fileName = 'COMMIT_EDITMSG') => linter.lint({ text, fileName }).findings.map((f) => f.ruleId);

describe('commit rules together', () => {
  it('are registered with the expected ids', () => {
    const commit = allRules.filter((r) => r.meta.domain === 'commit').map((r) => r.meta.id).sort();
    assert.deepEqual(commit, [
      'commit/blank-line-after-subject',
      'commit/body-bullets',
      'commit/no-crlf-scissors-line',
      'commit/no-trailing-period',
      'commit/refs-footer',
      'commit/subject-format',
      'commit/subject-max-length',
    ]);
    for (const r of allRules.filter((x) => x.meta.domain === 'commit')) assert.deepEqual(r.kinds, ['commit-message']);
  });
  it('the guide example is clean', () => {
    const text = 'chore(#67): Configure Redis cluster\n\n- Add Redis StatefulSet with 3 replicas\n- Configure persistence with PVC\n- Add Vault secret for auth password\n\nRefs #67\n';
    assert.deepEqual(ids(text), []);
  });
  // COMMIT_EDITMSG as `git -c core.commentChar=C commit -v` writes it: git strips the lines
  // starting with C and everything from its scissors line on (`#` lines are kept when C isn't `#`).
  const verbose = (c: string, diff: string[]) =>
    [
      'feat(#12): Add readiness probes',
      '',
      '- Probe /healthz every 10s',
      '',
      'Refs #12',
      `${c} Please enter the commit message for your changes. Lines starting`,
      `${c} with '${c}' will be ignored, and an empty message aborts the commit.`,
      c,
      `${c} On branch feature/12-probes`,
      `${c} ------------------------ >8 ------------------------`,
      `${c} Do not modify or remove the line above.`,
      'diff --git a/k8s/app.yaml b/k8s/app.yaml',
      ...diff,
      '',
    ].join('\n');
  it('a real COMMIT_EDITMSG with git comments and a verbose diff is clean', () => {
    assert.deepEqual(ids(verbose('#', ['+Refs #99.'])), []);
  });
  it('a verbose COMMIT_EDITMSG saved with CRLF gets one error, on its scissors line, which git would not see', () => {
    const text = verbose('#', ['+Refs #99.']).replace(/\n/g, '\r\n');
    const findings = linter.lint({ text, fileName: 'COMMIT_EDITMSG' }).findings;
    assert.deepEqual(findings.map((f) => [f.ruleId, f.severity, f.range.start.line]), [['commit/no-crlf-scissors-line', 'error', 9]]);
    // The same message with LF line endings is clean (the test above).
    assert.deepEqual(ids(text.replace(/\r\n/g, '\n')), []);
  });
  it('a verbose COMMIT_EDITMSG with core.commentChar set to another character is clean', () => {
    const text = verbose(';', ['-  replicas: 1', '+  replicas: 3', '+Refs #99.']);
    assert.deepEqual(ids(text), []);
    // The added footer goes above the comments, not below the diff, where git would drop it.
    const noRefs = text.replace('Refs #12\n', '');
    assert.equal(linter.fixAll({ text: noRefs, fileName: 'COMMIT_EDITMSG' }).text, text.replace('Refs #12\n', 'Refs #12\n\n'));
    assert.deepEqual(ids('feat(#12): Add probes\n\n#12 was the wrong number before\n\nRefs #12\n; ------------------------ >8 ------------------------\n'), ['commit/body-bullets']);
  });
  it('core.commentChar set to another character without -v: git\'s comment block at the end is not the message', () => {
    // What the commit-msg hook gets from `git -c core.commentChar=C commit` (no scissors line).
    for (const c of [';', '@', '!', ':', '|']) {
      const text = verbose(c, []).split(`${c} ------------------------ >8`)[0]!.replace(/\n$/, `\n${c}\tmodified:   k8s/app.yaml\n${c}\n`);
      assert.deepEqual(ids(text), [], c);
      assert.deepEqual(ids(text.replace('\r', '').replace(/\n/g, '\r\n')), [], `${c} CRLF`);
    }
    // Any other punctuation git accepts as core.commentChar, when the block names it as git's does.
    for (const c of ['*', '~', '+']) {
      const text = verbose(c, []).split(`${c} ------------------------ >8`)[0]!.replace(/\n$/, `\n${c}\tmodified:   k8s/app.yaml\n${c}\n`);
      assert.deepEqual(ids(text), [], c);
    }
    // A body ending in a list of `* ` bullets is not a comment block: reported as such.
    assert.deepEqual(ids('feat(#12): Add probes\n\nRefs #12\n\n* Probe /healthz\n* Probe /ready\n'), ['commit/refs-footer', 'commit/body-bullets', 'commit/body-bullets']);
    // Only a block of two comment lines or more: a message ending in one such line is checked.
    assert.deepEqual(ids('feat(#12): Add probes\n\n- Probe /healthz\n\nRefs #12\n; one line\n'), ['commit/refs-footer', 'commit/body-bullets']);
  });
  it('a letter or a string as the comment marker (core.commentChar, git 2.45 core.commentString): read when git\'s block names it', () => {
    // git writes each comment line as the marker, then a space or tab unless the line is empty;
    // `x` as git 2.39 writes it, the strings as git 2.45 does (`add_lines` in strbuf.c).
    const block = (c: string) => [
      `${c} Please enter the commit message for your changes. Lines starting`,
      `${c} with '${c}' will be ignored, and an empty message aborts the commit.`,
      c,
      `${c} On branch feature/12-probes`,
      `${c} Changes to be committed:`,
      `${c}\tmodified:   k8s/app.yaml`,
      c,
      '',
    ];
    const msg = ['feat(#12): Add readiness probes', '', '- Probe /healthz every 10s', '', 'Refs #12', ''];
    for (const c of ['x', 'Z', '//', ';;', '%%', '⁑⁕⁑', '% %']) {
      const text = [...msg, ...block(c)].join('\n');
      assert.deepEqual(ids(text), [], c);
      assert.deepEqual(ids(text.replace(/\n/g, '\r\n')), [], `${c} CRLF`);
      // git strips every line starting with the marker, also among the message lines.
      assert.deepEqual(ids([...msg.slice(0, 3), `${c}inside`, ...msg.slice(3), ...block(c)].join('\n')), [], c);
      // `#` lines are the message then (git keeps them).
      assert.deepEqual(ids([...msg.slice(0, 3), '#12 was wrong', ...msg.slice(3), ...block(c)].join('\n')), ['commit/body-bullets'], c);
      // The scissors line of `git commit -v` says it too.
      const verbose = [...msg, ...block(c).slice(0, 4), `${c} ------------------------ >8 ------------------------`, 'diff --git a/x b/x', '+x y', ''].join('\n');
      assert.deepEqual(ids(verbose), [], `${c} -v`);
    }
    // Lines starting alike that no block names stay the message: a word, `//` code, bullets.
    assert.deepEqual(ids('feat(#12): Add probes\n\n- Probe\n\nRefs #12\nSee also #3\nSee also #4\n'), ['commit/refs-footer', 'commit/body-bullets', 'commit/body-bullets']);
    assert.deepEqual(ids("feat(#12): Add probes\n\nRefs #12\n\n// with 'x' here\n// done\n"), ['commit/refs-footer', 'commit/body-bullets', 'commit/body-bullets']);
    // Bullets ending the message that quote their own marker: git's block also has the marker alone on a line.
    for (const c of ['-', '*']) {
      const text = `feat(#12): Add probes\n\n${c} Split names on '${c}'\n${c} Probe /healthz\n`;
      assert.deepEqual(ids(text), ['commit/refs-footer', ...(c === '*' ? ['commit/body-bullets', 'commit/body-bullets'] : [])], c);
    }
  });
  it('a long last line of words is read quickly', () => {
    const line = 'a '.repeat(100_000);
    // Wall or CPU time, the smaller: a loaded machine slows the wall clock, not the work (timing.ts).
    const { ms } = timedMs(() => ids(`feat(#1): X\n\n${`${line}\n`.repeat(50)}`));
    assert.ok(ms < 2000, `took ${ms} ms`);
  });
  it('a footer of many trailer lines or many `Refs` paragraphs is read, in linear time', () => {
    // 200 000 trailer lines used to overflow the stack (the footer rules then reported nothing);
    // 200 000 paragraphs of `Refs #1` took seconds, growing with the square of their number.
    assert.deepEqual(ids(`feat(#1): X\n\n- a\n\n${'X-A: b\n'.repeat(200_000)}`), ['commit/refs-footer']);
    // Growth, not a time limit (a loaded machine is slow for both sizes): 4× the paragraphs took
    // 4.1× as long, and 12× before the fix (quadratic). The sizes take turns, best of three
    // each, timed by wall or CPU time, the smaller (timing.ts): on a busy machine (it once gave
    // 8.7× by wall time alone) the wall clock slows while the work does not.
    const time = (n: number): number => {
      const { result, ms } = timedMs(() => ids(`feat(#1): X\n\n- a\n\n${'Refs #1\n\n'.repeat(n)}`));
      assert.deepEqual(result, []);
      return ms;
    };
    let small = Infinity;
    let large = Infinity;
    for (let i = 0; i < 3; i++) {
      small = Math.min(small, time(50_000));
      large = Math.min(large, time(200_000));
    }
    assert.ok(large < 8 * small + 50, `${small.toFixed(0)} ms for 50 000 paragraphs, ${large.toFixed(0)} ms for 200 000`);
  });
  it("a guide-format message signed off by git (`git commit -s`, `--trailer`) stays clean", () => {
    // git's own trailer code, as `git commit -s` runs it: `Refs #12` has no colon, so git does not
    // take it for a trailer and starts a new paragraph for its own.
    const msg = 'feat(#12): Add readiness probes\n\n- Probe /healthz every 10s\n\nRefs #12\n';
    const signed = spawnSync('git', ['interpret-trailers', '--trailer', 'Signed-off-by: A B <a@b.c>', '--trailer', 'Co-authored-by: C <c@d.e>'], { input: msg, encoding: 'utf8' });
    assert.equal(signed.status, 0, signed.stderr);
    assert.match(signed.stdout, /Refs #12\n\nSigned-off-by: /);
    assert.deepEqual(ids(signed.stdout), []);
  });
  it('the language id git-commit selects the rules for any file name', () => {
    assert.deepEqual(linter.lint({ text: 'wip\n', fileName: '/tmp/x.txt', languageId: 'git-commit' }).findings.map((f) => f.ruleId), ['commit/subject-format']);
  });
  it('MERGE_MSG and exempt commits produce nothing', () => {
    assert.deepEqual(ids("Merge branch 'main' into feature/67-redis\n\n# Conflicts:\n#\tk8s/app.yaml\n", 'MERGE_MSG'), []);
    assert.deepEqual(ids('fixup! chore(#67): Configure Redis cluster\n'), []);
    assert.deepEqual(ids('Revert "chore(#67): Configure Redis cluster"\n\nThis reverts commit 1234567.\n'), []);
  });
  it('fix-all turns a sloppy message into the guide format', () => {
    const r = linter.fixAll({ text: 'Chore(#67): Configure Redis cluster.\n* Add Redis StatefulSet\n* Configure persistence\n\nRefs #68\n', fileName: 'COMMIT_EDITMSG' });
    assert.equal(r.text, 'chore(#67): Configure Redis cluster\n\n- Add Redis StatefulSet\n- Configure persistence\n\nRefs #67\n');
    assert.deepEqual(r.findings, []);
  });
  it('a message of `#` lines only (git commit -m "#67 hotfix" keeps them) is checked, not passed as empty', () => {
    assert.deepEqual(ids('#67 hotfix\n'), ['commit/subject-format']);
    assert.deepEqual(ids('#67 hotfix\n\n# Please enter the commit message\n#\n#\tmodified: a\n'), ['commit/subject-format']);
    const f = linter.lint({ text: '#wip\n', fileName: 'COMMIT_EDITMSG' }).findings;
    assert.deepEqual([f.length, f[0]?.range.start.line], [1, 0]);
    // Only git's own comment lines (`# …`, `#`): still an empty message, nothing to check.
    assert.deepEqual(ids('\n# Please enter the commit message\n#\n'), []);
  });
  it('pragmas in comment lines can silence a rule', () => {
    assert.deepEqual(ids('# infra-guide ignore-file=commit/refs-footer -- release commit\nchore(#1): Release 1.0\n'), []);
  });
});
