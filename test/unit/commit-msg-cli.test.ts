// `infra-guide commit-msg FILE`: in-process through runCommitMsg, and through the bundled CLI
// (dist/cli.js) when it has been built.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { runCommitMsg } from '../../server/src/cli/commit-msg';

async function run(args: string[], cwd?: string): Promise<{ code: number; stdout: string; stderr: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const ow = process.stdout.write.bind(process.stdout);
  const ew = process.stderr.write.bind(process.stderr);
  const prevCwd = process.cwd();
  (process.stdout as any).write = (s: string) => (out.push(String(s)), true);
  (process.stderr as any).write = (s: string) => (err.push(String(s)), true);
  try {
    if (cwd) process.chdir(cwd);
    const code = await runCommitMsg(args);
    return { code, stdout: out.join(''), stderr: err.join('') };
  } finally {
    process.chdir(prevCwd);
    (process.stdout as any).write = ow;
    (process.stderr as any).write = ew;
  }
}

describe('infra-guide commit-msg', () => {
  let dir: string;
  const file = (name: string, text: string) => {
    const p = join(dir, name);
    writeFileSync(p, text);
    return p;
  };
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'infra-guide-commit-msg-'));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('exit 0 and no output for a clean message', async () => {
    const r = await run([file('ok', 'chore(#67): Configure Redis cluster\n\n- Add StatefulSet\n\nRefs #67\n')]);
    assert.deepEqual(r, { code: 0, stdout: '', stderr: '' });
  });
  it('exit 1 with FILE:line:col severity message rule-id lines', async () => {
    const p = file('bad', 'Configure Redis cluster.\n');
    const r = await run([p]);
    assert.equal(r.code, 1);
    const lines = r.stdout.trim().split('\n');
    assert.ok(lines.some((l) => l.startsWith(`${p}:1:1 warning `) && l.endsWith(' commit/subject-format')), r.stdout);
    assert.ok(lines.some((l) => l === `${p}:1:24 warning The commit subject ends with a period; remove it. commit/no-trailing-period`), r.stdout);
    assert.match(r.stderr, /does not follow the guide's format/);
  });
  it('a scissors line git misses (CRLF) fails with its own reason, not the format\'s', async () => {
    const scissors = '# ------------------------ >8 ------------------------';
    const p = file('crlf', `chore(#67): Configure Redis cluster\n\n- Add StatefulSet\n\nRefs #67\n${scissors}\ndiff --git a/f b/f\n`.replace(/\n/g, '\r\n'));
    const r = await run([p]);
    assert.equal(r.code, 1);
    assert.match(r.stdout, new RegExp(`^${p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:6:1 error .* commit/no-crlf-scissors-line\n$`));
    assert.match(r.stderr, /^infra-guide: git would keep the diff below the scissors line in the commit message: that line ends in CRLF/);
    assert.doesNotMatch(r.stderr, /guide's format/);
    // With a format problem too, the format headline stays.
    const both = await run([file('crlf-bad', `Configure Redis cluster\n${scissors}\n`.replace(/\n/g, '\r\n'))]);
    assert.match(both.stderr, /does not follow the guide's format/);
  });
  it('info findings are shown but do not fail (unless --fail-on info)', async () => {
    const p = file('info', 'feat(#1): X\n\nprose body\n\nRefs #1\n');
    const r = await run([p]);
    assert.equal(r.code, 0);
    assert.match(r.stdout, /:3:1 info .* commit\/body-bullets$/m);
    assert.equal((await run(['--fail-on', 'info', p])).code, 1);
    assert.equal((await run(['--fail-on=never', file('bad2', 'nope\n')])).code, 0);
  });
  it('exit 2 for usage errors', async () => {
    assert.equal((await run([])).code, 2);
    assert.equal((await run(['a', 'b'])).code, 2);
    assert.equal((await run(['--bogus', 'a'])).code, 2);
    assert.equal((await run(['--fail-on', 'sometimes', 'a'])).code, 2);
    const missing = await run([join(dir, 'does-not-exist')]);
    assert.equal(missing.code, 2);
    assert.match(missing.stderr, /cannot read .*ENOENT/);
    assert.equal((await run(['--help'])).code, 0);
  });
  it('a message that is not text (NUL bytes, invalid UTF-8) fails with an error', async () => {
    const nul = join(dir, 'nul');
    writeFileSync(nul, Buffer.from('fix(#2): X\0\n\nRefs #2\n', 'latin1'));
    const a = await run([nul]);
    assert.equal(a.code, 1);
    assert.match(a.stdout, new RegExp(`^${nul.replace(/[\\/.]/g, '\\$&')}:1:1 error The commit message is not text \\(NUL byte at byte 10\\)`, 'm'));
    assert.match(a.stdout, / commit\/not-text$/m);
    assert.doesNotMatch(a.stdout, / info /);
    const latin1 = join(dir, 'latin1');
    writeFileSync(latin1, Buffer.from([...Buffer.from('fix(#2): Caf'), 0xe9, ...Buffer.from('\n\n- a\n\nRefs #2\n')]));
    const b = await run([latin1]);
    assert.equal(b.code, 1);
    assert.match(b.stdout, /:1:1 error The commit message is not text \(invalid UTF-8 at byte 12\)/);
    assert.equal((await run(['--fail-on', 'never', latin1])).code, 0);
    assert.equal((await run([file('utf8', 'fix(#2): Café ✓\n\n- a\n\nRefs #2\n')])).code, 0);
  });
  it('a UTF-16 message (byte order mark) is said to be UTF-16, which git cannot store', async () => {
    const text = 'fix(#2): Add it\n\n- a\n\nRefs #2\n';
    const le = join(dir, 'utf16le');
    writeFileSync(le, Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]));
    const be = join(dir, 'utf16be');
    writeFileSync(be, Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(text, 'utf16le').swap16()]));
    // Without NUL bytes too (CJK text), and whatever UTF-16 or UTF-8 encoding is named.
    const cjk = join(dir, 'utf16cjk');
    writeFileSync(cjk, Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('\u4e2d\u6587', 'utf16le')]));
    for (const [args, name] of [[[le], 'UTF-16LE'], [[be], 'UTF-16BE'], [[cjk], 'UTF-16LE'], [['--encoding', 'utf-16le', le], 'UTF-16LE'], [['--encoding=unicode', cjk], 'UTF-16LE'], [['--encoding', 'latin1', le], 'UTF-16LE']] as const) {
      const r = await run([...args]);
      assert.equal(r.code, 1, args.join(' '));
      assert.match(r.stdout, new RegExp(`:1:1 error The commit message is ${name}, which git cannot store \\(${name} byte order mark\\): it cannot be checked; save it as UTF-8\\. commit/not-text\n$`), args.join(' '));
      assert.doesNotMatch(r.stdout, /write it as|not text/);
      assert.equal(r.stderr, `infra-guide: the commit message file is ${name}, which git cannot store; save it as UTF-8.\n`);
    }
    // FF FE without NUL bytes in a single-byte encoding given explicitly is text (`ÿþ` in Latin-1).
    const yp = join(dir, 'latin1-yp');
    writeFileSync(yp, Buffer.from('\xff\xfe menu\n', 'latin1'));
    const latin = await run(['--encoding', 'latin1', yp]);
    assert.match(latin.stdout, /:1:1 warning .*commit\/subject-format$/m);
    assert.doesNotMatch(latin.stdout, /UTF-16|not-text/);
  });
  it("checks a message in git's i18n.commitEncoding, or in the --encoding given", async () => {
    // `Café` in ISO-8859-1 (é = 0xe9), with a subject-format problem to prove the text was read.
    const bytes = Buffer.from([...Buffer.from('Caf'), 0xe9, ...Buffer.from(' menu\n\n- a\n\nRefs #2\n')]);
    const latin1 = join(dir, 'latin1-enc');
    writeFileSync(latin1, bytes);
    const given = await run(['--encoding', 'iso-8859-1', latin1]);
    assert.equal(given.code, 1);
    assert.match(given.stdout, /:1:1 warning .*commit\/subject-format$/m);
    assert.doesNotMatch(given.stdout, /not-text/);
    assert.equal((await run(['--encoding=latin1', file('latin1-ok', 'fix(#2): Add it\n\n- a\n\nRefs #2\n')])).code, 0);
    // A UTF-8 byte order mark is kept by git in the subject: reported with --encoding too.
    const bom = file('bom', '\ufefffix(#2): Add it\n\n- a\n\nRefs #2\n');
    for (const args of [[bom], ['--encoding', 'utf-8', bom], ['--encoding=UTF8', bom]]) {
      const r = await run(args);
      assert.equal(r.code, 1, args.join(' '));
      assert.match(r.stdout, /:1:1 warning The message starts with a byte order mark \(U\+FEFF\).* commit\/subject-format$/m, args.join(' '));
    }
    const unknown = await run(['--encoding', 'klingon', latin1]);
    assert.equal(unknown.code, 2);
    assert.match(unknown.stderr, /--encoding needs an encoding name/);

    const repo = mkdtempSync(join(tmpdir(), 'infra-guide-commit-enc-'));
    try {
      spawnSync('git', ['init', '-q', repo]);
      const msg = join(repo, '.git', 'COMMIT_EDITMSG');
      writeFileSync(msg, Buffer.concat([Buffer.from('fix(#2): '), bytes]));
      const before = await run(['.git/COMMIT_EDITMSG'], repo);
      assert.match(before.stdout, /not text \(invalid UTF-8 at byte 12\).*i18n\.commitEncoding/);
      assert.equal(spawnSync('git', ['-C', repo, 'config', 'i18n.commitEncoding', 'ISO-8859-1']).status, 0);
      const after = await run(['.git/COMMIT_EDITMSG'], repo);
      assert.deepEqual([after.code, after.stdout, after.stderr], [0, '', ''], 'fix(#2): Café menu … is a clean message');
      // An encoding name no decoder knows: said so, rather than "set i18n.commitEncoding".
      spawnSync('git', ['-C', repo, 'config', 'i18n.commitEncoding', 'klingon-8']);
      const unknownConfigured = await run(['.git/COMMIT_EDITMSG'], repo);
      assert.equal(unknownConfigured.code, 1);
      assert.match(unknownConfigured.stdout, /not text \(invalid UTF-8 at byte 12\).*git's i18n\.commitEncoding "klingon-8" is not an encoding Infra Guide can read: pass --encoding/);
      assert.doesNotMatch(unknownConfigured.stdout, /set git's i18n\.commitEncoding/);
      assert.equal((await run(['--encoding', 'latin1', '.git/COMMIT_EDITMSG'], repo)).code, 0);
      // Bytes that are not valid in the configured encoding are still not text.
      spawnSync('git', ['-C', repo, 'config', 'i18n.commitEncoding', 'shift_jis']);
      writeFileSync(msg, Buffer.from([...Buffer.from('fix(#2): '), 0x82, 0xff, ...Buffer.from('\n\n- a\n\nRefs #2\n')]));
      const sjis = await run(['.git/COMMIT_EDITMSG'], repo);
      assert.equal(sjis.code, 1);
      assert.match(sjis.stdout, /not text \(invalid shift_jis\)/);
    } finally {
      rmSync(repo, { recursive: true, force: true });
    }
  });
  it('git commit -m "#67 hotfix": the `#` line is checked as the subject, not skipped as a comment', async () => {
    const r = await run([file('hash-subject', '#67 hotfix\n')]);
    assert.equal(r.code, 1);
    assert.match(r.stdout, /hash-subject:1:1 warning .* commit\/subject-format$/m);
  });
  it('uses the project config (.infra-guide.yaml) found from the working folder for .git/COMMIT_EDITMSG', async () => {
    const repo = join(dir, 'repo');
    mkdirSync(join(repo, '.git'), { recursive: true });
    writeFileSync(join(repo, '.infra-guide.yaml'), 'rules:\n  commit/subject-format:\n    options:\n      types: [infra]\n  commit/refs-footer: off\n');
    writeFileSync(join(repo, '.git', 'COMMIT_EDITMSG'), 'infra(#3): Add VPC\n');
    const r = await run(['.git/COMMIT_EDITMSG'], repo);
    assert.deepEqual([r.code, r.stdout], [0, '']);
    writeFileSync(join(repo, '.git', 'COMMIT_EDITMSG'), 'feat(#3): Add VPC\n');
    const r2 = await run(['.git/COMMIT_EDITMSG'], repo);
    assert.equal(r2.code, 1);
    assert.match(r2.stdout, /^\.git\/COMMIT_EDITMSG:1:1 warning Unknown commit type `feat`; use one of: infra\. commit\/subject-format$/m);
  });
  it('uses the config of the working folder for a message in a separate git dir ($GIT_DIR)', async () => {
    // `git init --separate-git-dir`, `git --git-dir=…`: git sets GIT_DIR for the hook and runs it
    // at the top of the work tree; the message file is not in a `.git` folder.
    const work = join(dir, 'sep-work');
    const gitDir = join(dir, 'sep-gitdir');
    mkdirSync(work, { recursive: true });
    mkdirSync(gitDir, { recursive: true });
    writeFileSync(join(work, '.infra-guide.yaml'), 'rules:\n  commit/subject-format:\n    options:\n      types: [infra]\n');
    const msg = join(gitDir, 'COMMIT_EDITMSG');
    writeFileSync(msg, 'infra(#3): Add VPC\n\n- Add subnets\n\nRefs #3\n');
    const prev = process.env['GIT_DIR'];
    try {
      process.env['GIT_DIR'] = '../sep-gitdir';
      assert.deepEqual(await run([msg], work), { code: 0, stdout: '', stderr: '' });
    } finally {
      if (prev === undefined) delete process.env['GIT_DIR'];
      else process.env['GIT_DIR'] = prev;
    }
    // Without GIT_DIR, a file outside .git/ takes the config beside it (none here).
    assert.match((await run([msg], work)).stdout, /Unknown commit type `infra`/);
  });
  it('the retry hint names the message file so that `git commit -F` finds it from where git was run', async () => {
    const repo = join(dir, 'prefix repo');
    mkdirSync(join(repo, '.git'), { recursive: true });
    writeFileSync(join(repo, '.git', 'COMMIT_EDITMSG'), 'wip\n');
    const abs = join(repo, '.git', 'COMMIT_EDITMSG');
    const hint = (r: { stderr: string }) => /`git commit -e -F (.*)`/.exec(r.stderr)?.[1];
    // At the top of the work tree: the path as given.
    assert.equal(hint(await run(['.git/COMMIT_EDITMSG'], repo)), '.git/COMMIT_EDITMSG');
    // Committing from a subfolder: git runs the hook at the top but reads -F from the subfolder.
    const prev = process.env['GIT_PREFIX'];
    try {
      process.env['GIT_PREFIX'] = 'sub/';
      const r = await run(['.git/COMMIT_EDITMSG'], repo);
      assert.equal(hint(r), `'${abs}'`, r.stderr);
      assert.match(r.stdout, /^\.git\/COMMIT_EDITMSG:1:1 warning /m);
    } finally {
      if (prev === undefined) delete process.env['GIT_PREFIX'];
      else process.env['GIT_PREFIX'] = prev;
    }
    // A path with spaces or quotes is quoted for the shell.
    const odd = file("it's here", 'wip\n');
    assert.equal(hint(await run([odd])), `'${odd.replace(/'/g, `'\\''`)}'`);
  });

  const cli = resolve('dist/cli.js');
  it('the bundled CLI dispatches commit-msg (skipped until dist/cli.js is built)', { skip: !existsSync(cli) }, () => {
    const ok = file('cli-ok', 'fix(#2): Handle empty values\n\n- Guard against null\n\nRefs #2\n');
    const bad = file('cli-bad', 'fix(#2): Handle empty values\n');
    const a = spawnSync(process.execPath, [cli, 'commit-msg', ok], { encoding: 'utf8' });
    assert.equal(a.status, 0, a.stderr);
    const b = spawnSync(process.execPath, [cli, 'commit-msg', bad], { encoding: 'utf8' });
    assert.equal(b.status, 1, b.stderr);
    assert.match(b.stdout, /cli-bad:1:1 warning The `Refs #2` footer is missing: end the message with it\. commit\/refs-footer/);
    const c = spawnSync(process.execPath, [cli, 'commit-msg'], { encoding: 'utf8' });
    assert.equal(c.status, 2);
  });
});
