import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { buildCommitMessage, commitCommentChar, commitFileMessagePart, commitFileReplacement, issueOfCommitMessage, linesGitStrips, replaceNeedsConsent, subjectFromTitle, usableTitle } from '../../client/src/workflow/commit-message';
import { Linter } from '../../server/src/engine/lint';

describe('buildCommitMessage', () => {
  it('the guide format', () => {
    assert.equal(
      buildCommitMessage({ type: 'chore', issue: 67, subject: 'Configure Redis cluster', bullets: ['Add Redis StatefulSet with 3 replicas', '- Configure persistence with PVC'] }),
      'chore(#67): Configure Redis cluster\n\n- Add Redis StatefulSet with 3 replicas\n- Configure persistence with PVC\n\nRefs #67',
    );
  });
  it('no bullets: one empty bullet to fill in', () => {
    assert.equal(buildCommitMessage({ type: 'feat', issue: 1, subject: 'Add thing.' }), 'feat(#1): Add thing\n\n- \n\nRefs #1');
  });
  it('long titles are shortened to fit 72 characters at a word boundary', () => {
    const msg = buildCommitMessage({ type: 'refactor', issue: 12345, subject: 'Rework the whole Terraform module layout for the production and staging environments' });
    const subject = msg.split('\n')[0]!;
    assert.ok(subject.length <= 72, subject);
    assert.match(subject, /^refactor\(#12345\): Rework the whole Terraform module layout for the\w*$/);
    assert.equal(subjectFromTitle('  multi\n line   title. ', 72), 'multi line title');
  });
  it('the room is counted in characters, also when cutting titles with emoji', () => {
    // 72 characters is what commit/subject-max-length counts (code points, not UTF-16 units).
    assert.equal(subjectFromTitle('🚀 '.repeat(40), 20), '🚀 '.repeat(9) + '🚀');
    assert.equal(subjectFromTitle('Ship 🚀🚀 to prod', 13), 'Ship 🚀🚀 to');
  });
  it('a cut title keeps each emoji whole: flags, families, skin tones, accents', () => {
    const family = '👩‍👩‍👧'; // 5 code points, one grapheme
    assert.equal(subjectFromTitle('Fix ' + family.repeat(30), 20), 'Fix ' + family.repeat(3));
    assert.equal(subjectFromTitle('🇩🇪'.repeat(20), 5), '🇩🇪🇩🇪');
    assert.equal(subjectFromTitle('Add 👍🏽👍🏽👍🏽', 7), 'Add 👍🏽');
    assert.equal(subjectFromTitle('Cafe\u0301'.repeat(10), 9), 'Cafe\u0301Caf');
    const linter = new Linter();
    const text = buildCommitMessage({ type: 'feat', issue: 6, subject: 'Ship ' + family.repeat(40), bullets: ['x'] });
    assert.deepEqual(linter.lint({ text, fileName: 'COMMIT_EDITMSG' }).findings, []);
    assert.ok(!/\u200d$/.test(text.split('\n')[0]!));
  });
  it('the built message passes the commit rules (apart from the empty bullet placeholder)', () => {
    const linter = new Linter();
    const text = buildCommitMessage({ type: 'chore', issue: 67, subject: 'Configure Redis cluster', bullets: ['Add StatefulSet'] });
    assert.deepEqual(linter.lint({ text, fileName: 'COMMIT_EDITMSG' }).findings, []);
    const long = buildCommitMessage({ type: 'docs', issue: 9, subject: 'x '.repeat(60) + 'end.' });
    assert.deepEqual(linter.lint({ text: long, fileName: 'COMMIT_EDITMSG' }).findings.map((f) => f.ruleId), []);
  });
  it('a title ending in periods and blanks leaves no trailing period; one of only those is no title', () => {
    const linter = new Linter();
    for (const title of ['Add thing. .', 'Add thing .', 'Add thing.\t.\n', 'Add thing...']) {
      const text = buildCommitMessage({ type: 'fix', issue: 6, subject: title, bullets: ['x'] });
      assert.equal(text.split('\n')[0], 'fix(#6): Add thing', title);
      assert.deepEqual(linter.lint({ text, fileName: 'COMMIT_EDITMSG' }).findings, [], title);
    }
    for (const title of ['.', ' . . ', '', '  ', undefined]) assert.equal(usableTitle(title, 'fix'), undefined, String(title));
    assert.equal(usableTitle('…', 'fix'), '…');
    assert.equal(usableTitle(' Add thing. ', 'fix'), ' Add thing. ');
  });
  it('a title that already starts with a commit type does not repeat it after the prefix', () => {
    const subject = (title: string, type = 'fix') => buildCommitMessage({ type, issue: 6, subject: title }).split('\n')[0];
    assert.equal(subject('fix: Crash on start'), 'fix(#6): Crash on start');
    assert.equal(subject('feat(#12): Add X'), 'fix(#6): Add X');
    assert.equal(subject('  Docs(ui):  Explain Y'), 'fix(#6): Explain Y');
    assert.equal(subject('hotfix: Z', 'hotfix'), 'hotfix(#6): Z');
    assert.equal(subject('Bug(#3): W'), 'fix(#6): W');
    // Not a type: the title is kept.
    assert.equal(subject('Note: read this'), 'fix(#6): Note: read this');
    assert.equal(subject('feat!: Drop v1'), 'fix(#6): feat!: Drop v1');
    assert.equal(subject('fix:no space'), 'fix(#6): fix:no space');
    assert.equal(subject('fix: '), 'fix(#6): fix:');
    assert.equal(usableTitle('fix: .', 'fix'), undefined);
  });
  it('bullets of several lines go on indented, and git strips none of their lines', () => {
    const linter = new Linter();
    const build = (bullets: string[]) => buildCommitMessage({ type: 'fix', issue: 6, subject: 'S', bullets });
    assert.equal(build(['a\r\n#42 was flaky\n']), 'fix(#6): S\n\n- a\n  #42 was flaky\n\nRefs #6');
    assert.equal(build(['- Add x:\n\n```\nkubectl get pods\n```', '* b']), 'fix(#6): S\n\n- Add x:\n\n  ```\n  kubectl get pods\n  ```\n- b\n\nRefs #6');
    // A marker is only a marker before a space: `-1` and `*Note*` are text.
    assert.equal(build(['-1 flaky test', '*Note* this', '  - ', '']), 'fix(#6): S\n\n- -1 flaky test\n- *Note* this\n\nRefs #6');
    for (const bullets of [['a\nb'], ['a\n#b'], ['```\ncode\n```'], ['x\n\n  y\nRefs #7']]) {
      const text = build(bullets);
      assert.deepEqual(linter.lint({ text, fileName: 'COMMIT_EDITMSG' }).findings, [], JSON.stringify(bullets));
      assert.ok(!text.split('\n').some((l) => l.startsWith('#')), text);
    }
  });
  it('a title from a scratchpad or an argument loses control characters and bidi overrides', () => {
    const subject = (title: string) => buildCommitMessage({ type: 'fix', issue: 6, subject: title }).split('\n')[0];
    assert.equal(subject('Fix \u001b[31mred\u001b[0m\u0000 text\u0007'), 'fix(#6): Fix red text');
    assert.equal(subject('Admin \u202eevil\u202c login'), 'fix(#6): Admin evil login');
    assert.equal(subject('Ünïcödé\u2028titel'), 'fix(#6): Ünïcödé titel');
  });
  it('issue of an existing message', () => {
    assert.equal(issueOfCommitMessage('feat(#67): X'), 67);
    assert.equal(issueOfCommitMessage('X'), undefined);
    // Any type `infraGuide.commit.types` accepts.
    assert.equal(issueOfCommitMessage('hot-fix(#7): X'), 7);
    assert.equal(issueOfCommitMessage('v2(#8): X'), 8);
  });
});

describe('replaceNeedsConsent', () => {
  const msg = 'fix(#1): A\n\n- \n\nRefs #1';
  it('blank text or the same message is replaced without asking', () => {
    assert.equal(replaceNeedsConsent('', msg, undefined), false);
    assert.equal(replaceNeedsConsent(' \n\n', msg, undefined), false);
    assert.equal(replaceNeedsConsent(`${msg}\n\n`, msg, undefined), false);
  });
  it("text the user wrote needs consent, and again when it changed after the user's answer", () => {
    assert.equal(replaceNeedsConsent('wip', msg, undefined), true);
    assert.equal(replaceNeedsConsent('wip\n', msg, 'wip'), false);
    // Typed on while the question was open: what was agreed to is not what would be lost.
    assert.equal(replaceNeedsConsent('wip: more', msg, 'wip'), true);
    assert.equal(replaceNeedsConsent('', msg, 'wip'), false);
  });
});

describe('commitFileMessagePart', () => {
  it("git's template: an empty message above the comments, which are kept", () => {
    const text = '\n# Please enter the commit message for your changes.\n# On branch main\n';
    const part = commitFileMessagePart(text);
    assert.deepEqual(part, { end: 1, message: '\n', hasComments: true });
    assert.equal(commitFileReplacement('fix(#1): A', part.hasComments) + text.slice(part.end), 'fix(#1): A\n\n# Please enter the commit message for your changes.\n# On branch main\n');
  });
  it('a message already written is the part before the first comment line', () => {
    assert.equal(commitFileMessagePart('feat(#2): B\n\n- x\n\n# c\n').message, 'feat(#2): B\n\n- x\n\n');
  });
  it("messages among git's comment lines (a squash) are a message already written", () => {
    const text =
      '# This is a combination of 2 commits.\n# This is the 1st commit message:\n\nfeat(#1): A\n\n# This is the commit message #2:\n\nfix(#1): B\n\n' +
      '# Please enter the commit message for your changes. Lines starting\n# with \'#\' will be ignored.\n#\n# On branch main\n';
    const part = commitFileMessagePart(text);
    assert.equal(part.message, text.slice(0, text.indexOf('# Please')));
    assert.ok(part.hasComments);
    // Replaced (once the user agrees), the file holds the new message only, which the rules accept.
    const replaced = commitFileReplacement('fix(#1): C\n\n- x\n\nRefs #1', part.hasComments) + text.slice(part.end);
    assert.deepEqual(new Linter().lint({ text: replaced, fileName: 'COMMIT_EDITMSG' }).findings, []);
    // Only comment lines above a message: an empty message part.
    assert.equal(commitFileMessagePart('# a\n\n# b\n#\n').message, '');
  });
  it('no comments: the whole text', () => {
    assert.deepEqual(commitFileMessagePart('msg\n'), { end: 4, message: 'msg\n', hasComments: false });
    assert.equal(commitFileReplacement('fix(#1): A\n', false), 'fix(#1): A\n');
  });
});

describe('commitFileMessagePart with core.commentChar set to another character', () => {
  const template = (c: string) => `\n${c} Please enter the commit message for your changes. Lines starting\n${c} with '${c}' will be ignored.\n${c}\n${c} On branch main\n`;
  it("git's `;` comment block is not taken as a message already written", () => {
    for (const c of [';', '@', ':']) {
      const part = commitFileMessagePart(template(c));
      assert.deepEqual(part, { end: 1, message: '\n', hasComments: true }, c);
    }
    // A `#` line is the message when `;` marks the comments: git keeps it.
    const text = `feat(#2): B\n\n#2 was wrong\n${template(';')}`;
    assert.equal(commitFileMessagePart(text).message, 'feat(#2): B\n\n#2 was wrong\n\n');
  });
  it('the scissors line of `git commit -v` tells the character', () => {
    const text = `\n; Please enter\n; ------------------------ >8 ------------------------\n; Do not modify\ndiff --git a/x b/x\n+# heading\n`;
    assert.deepEqual(commitFileMessagePart(text), { end: 1, message: '\n', hasComments: true });
    assert.equal(commitCommentChar(text.replace(/\n/g, '\r\n')), ';');
  });
  it('any punctuation git allows for core.commentChar, when the block names it as git does', () => {
    // git takes any character (`*` included); the commit rules read such a block by its `'*'`.
    for (const c of ['*', '~', '+', '/', '>']) {
      assert.deepEqual(commitFileMessagePart(template(c)), { end: 1, message: '\n', hasComments: true }, c);
      assert.equal(commitCommentChar(template(c)), c);
      const written = `fix(#3): C\n\n- x\n${template(c)}`;
      assert.equal(commitFileMessagePart(written).message, 'fix(#3): C\n\n- x\n\n', c);
    }
    // A body ending in `* ` bullets is the message, as the commit rules read it.
    const bullets = 'feat(#2): B\n\n* one\n* two\n';
    assert.deepEqual(commitFileMessagePart(bullets), { end: bullets.length, message: bullets, hasComments: false });
    assert.equal(commitCommentChar(bullets), '#');
    // Also when a bullet quotes the marker: git's block has the marker alone on a line.
    const quoting = "feat(#2): B\n\n- Split on '-'\n- two\n";
    assert.deepEqual(commitFileMessagePart(quoting), { end: quoting.length, message: quoting, hasComments: false });
  });
  it('the message part is what the commit rules take as the message', () => {
    const linter = new Linter();
    for (const c of ['#', ';', '*', '~']) {
      const text = commitFileReplacement('fix(#3): C\n\n- x\n\nRefs #3', true) + template(c).slice(1);
      assert.deepEqual(commitFileMessagePart(text).message, 'fix(#3): C\n\n- x\n\nRefs #3\n\n', c);
      assert.deepEqual(linter.lint({ text, fileName: 'COMMIT_EDITMSG' }).findings, [], c);
    }
  });
  it('lines of the new message that git would strip with the comment character of the file', () => {
    const message = buildCommitMessage({ type: 'fix', issue: 3, subject: 'C', bullets: ['one', 'two'] });
    assert.deepEqual(linesGitStrips(message, template('-')), ['- one', '- two']);
    for (const c of ['#', ';', '*']) assert.deepEqual(linesGitStrips(message, template(c)), [], c);
    assert.deepEqual(linesGitStrips(message, ''), []);
  });
  it('a letter or a string of several characters git names as its comment marker (git 2.45 core.commentString)', () => {
    for (const c of ['x', '//', '⁑⁕⁑']) {
      assert.equal(commitCommentChar(template(c)), c);
      assert.deepEqual(commitFileMessagePart(template(c)), { end: 1, message: '\n', hasComments: true }, c);
      const written = `fix(#3): C\n\n- x\n${template(c)}`;
      assert.equal(commitFileMessagePart(written).message, 'fix(#3): C\n\n- x\n\n', c);
    }
    const message = 'fix(#3): C\n\n// one\nxylophone\n- x';
    assert.deepEqual(linesGitStrips(message, template('//')), ['// one']);
    // git strips any line starting with the marker, `xylophone` too.
    assert.deepEqual(linesGitStrips(message, template('x')), ['xylophone']);
    // Bullets starting alike that no block names are not comments.
    assert.equal(commitCommentChar('feat(#2): B\n\n// one\n// two\n'), '#');
  });
  it('a message ending in one such line has no comment block', () => {
    assert.deepEqual(commitFileMessagePart('msg\n; not a comment\n'), { end: 20, message: 'msg\n; not a comment\n', hasComments: false });
  });
});
