// Folder walking (.gitignore, config ignore, nested configs) through the CLI, and
// `lintPaths` in-process: identical, sorted results with and without worker threads.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { chmodSync, copyFileSync, existsSync, mkdirSync, mkdtempSync, realpathSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { ConfigResolver } from '../../server/src/engine/config-loader';
import { workingFolder } from '../../server/src/cli/main';
import { lintPaths } from '../../server/src/workspace/lint-files';
import { walkPaths } from '../../server/src/workspace/walk';

const ROOT = resolve(__dirname, '../../..');
const CLI = join(ROOT, 'dist/cli.js');
const PIN = 'dockerfile/pin-base-image-version';
const UNPINNED = 'FROM node\nWORKDIR /app\nCOPY server.js ./\nUSER node\nCMD ["node", "server.js"]\n';

function tempTree(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'infra-guide-walk-'));
  for (const [rel, content] of Object.entries(files)) {
    const p = join(dir, rel);
    mkdirSync(dirname(p), { recursive: true });
    writeFileSync(p, content);
  }
  return dir;
}

function checkJson(args: string[], cwd: string): { status: number | null; findings: { file: string; ruleId: string; severity: string }[]; stderr: string } {
  assert.ok(existsSync(CLI), 'dist/cli.js is missing: run `node scripts/build.mjs` first');
  const r = spawnSync(process.execPath, [CLI, 'check', '--format', 'json', ...args], { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  return { status: r.status, findings: r.stdout ? JSON.parse(r.stdout) : [], stderr: r.stderr };
}

function filesWith(findings: { file: string; ruleId: string }[], ruleId = PIN): string[] {
  return [...new Set(findings.filter((f) => f.ruleId === ruleId).map((f) => f.file))].sort();
}

test('.gitignore files (root and nested, with negation) are respected; .git and node_modules skipped', () => {
  const dir = tempTree({
    '.git/HEAD': 'ref: refs/heads/main\n',
    '.git/Dockerfile': UNPINNED,
    '.gitignore': 'build/\n*.generated.Dockerfile\n/tmp-*\n',
    'build/Dockerfile': UNPINNED,
    'app.generated.Dockerfile': UNPINNED,
    'tmp-x/Dockerfile': UNPINNED,
    'node_modules/pkg/Dockerfile': UNPINNED,
    'svc/.gitignore': 'legacy/\nDockerfile.*\n!Dockerfile.keep\n',
    'svc/legacy/Dockerfile': UNPINNED,
    'svc/Dockerfile.dev': UNPINNED,
    'svc/Dockerfile.keep': UNPINNED,
    'svc/Dockerfile': UNPINNED,
    'svc/nested/tmp-y/Dockerfile': UNPINNED,
    'Dockerfile': UNPINNED,
  });
  try {
    const r = checkJson([], dir);
    assert.equal(r.status, 1, r.stderr);
    assert.deepEqual(filesWith(r.findings), ['Dockerfile', 'svc/Dockerfile', 'svc/Dockerfile.keep', 'svc/nested/tmp-y/Dockerfile']);
    // A sub-folder walked on its own still honours the .gitignore files above it (up to the git root).
    const sub = checkJson(['svc'], dir);
    assert.deepEqual(filesWith(sub.findings), ['svc/Dockerfile', 'svc/Dockerfile.keep', 'svc/nested/tmp-y/Dockerfile']);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test("the config's ignore globs are respected, relative to the config's folder", () => {
  const dir = tempTree({
    '.infra-guide.yaml': 'ignore:\n  - "vendor/**"\n  - "**/*.test.Dockerfile"\n',
    'vendor/lib/Dockerfile': UNPINNED,
    'app/x.test.Dockerfile': UNPINNED,
    'app/Dockerfile': UNPINNED,
  });
  try {
    const r = checkJson([], dir);
    assert.deepEqual(filesWith(r.findings), ['app/Dockerfile']);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('nested configs: the nearest .infra-guide.yaml wins', () => {
  const dir = tempTree({
    '.infra-guide.yaml': `rules:\n  ${PIN}: error\n`,
    'Dockerfile': UNPINNED,
    'team-a/.infra-guide.yml': `rules:\n  ${PIN}: info\n`,
    'team-a/Dockerfile': UNPINNED,
    'team-b/.infra-guide.yaml': `rules:\n  ${PIN}: off\n`,
    'team-b/deep/Dockerfile': UNPINNED,
  });
  try {
    const r = checkJson([], dir);
    const sev = (file: string) => r.findings.find((f) => f.file === file && f.ruleId === PIN)?.severity;
    assert.equal(sev('Dockerfile'), 'error');
    assert.equal(sev('team-a/Dockerfile'), 'info');
    assert.equal(sev('team-b/deep/Dockerfile'), undefined);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('each folder gets its own config, also folders whose paths share a prefix', () => {
  // lintPaths looks a folder's config up once, keyed on the path before the file's last separator.
  const dir = tempTree({
    'a/.infra-guide.yaml': `rules:\n  ${PIN}: error\n`,
    'a/Dockerfile': UNPINNED,
    'a/b/.infra-guide.yaml': `rules:\n  ${PIN}: info\n`,
    'a/b/Dockerfile': UNPINNED,
    'ab/.infra-guide.yaml': `rules:\n  ${PIN}: off\n`,
    'ab/Dockerfile': UNPINNED,
    'a/bc/Dockerfile': UNPINNED,
  });
  try {
    const r = checkJson(['a', 'ab'], dir);
    const sev = (file: string) => r.findings.find((f) => f.file === file && f.ruleId === PIN)?.severity;
    assert.equal(sev('a/Dockerfile'), 'error');
    assert.equal(sev('a/b/Dockerfile'), 'info');
    assert.equal(sev('ab/Dockerfile'), undefined);
    assert.equal(sev('a/bc/Dockerfile'), 'error');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('walkPaths: sorted absolute paths, lintable names only, missing arguments reported', () => {
  const dir = tempTree({ 'b/Dockerfile': UNPINNED, 'a/compose.yaml': 'services: {}\n', 'a/readme.md': '# hi\n', 'c/api_Dockerfile': UNPINNED, 'z.yml': 'a: 1\n' });
  try {
    const w = walkPaths(['.', 'nope'], { cwd: dir });
    assert.deepEqual(w.files, [join(dir, 'a/compose.yaml'), join(dir, 'b/Dockerfile'), join(dir, 'c/api_Dockerfile'), join(dir, 'z.yml')]);
    assert.deepEqual(w.missing, [join(dir, 'nope')]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('walkPaths: file paths are normalised whatever the spelling of the folder named (trailing separators, `.`, `..`)', () => {
  // The walk builds a child's path as folder + separator + name (no path.join): right only when
  // each folder path is normalised, which path.resolve of the argument guarantees.
  const dir = tempTree({ 'a/b/Dockerfile': UNPINNED, 'a/Dockerfile': UNPINNED });
  try {
    const want = [join(dir, 'a/Dockerfile'), join(dir, 'a/b/Dockerfile')];
    for (const arg of ['a', 'a/', 'a//', './a/.', 'a/b/..', `${dir}/a/`, `${dir}//a`]) {
      assert.deepEqual(walkPaths([arg], { cwd: dir }).files, want, arg);
      assert.deepEqual(walkPaths([arg], { cwd: `${dir}/` }).files, want, `${arg} from ${dir}/`);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('lintPaths: worker threads give the same results in the same (sorted) order', async () => {
  const files: Record<string, string> = {};
  for (let i = 0; i < 120; i++) {
    const name = `svc-${String((i * 37) % 120).padStart(3, '0')}`;
    files[`${name}/Dockerfile`] = i % 3 === 0 ? UNPINNED : `FROM node:${18 + (i % 4)}-alpine\nWORKDIR /app\nUSER node\nCMD node s${i}.js\n`;
    if (i % 10 === 0) files[`${name}/k8s.yaml`] = `apiVersion: v1\nkind: Pod\nmetadata:\n  name: p${i}\nspec:\n  containers:\n    - name: c\n      image: x:latest\n`;
  }
  const dir = tempTree(files);
  try {
    const single = await lintPaths(['.'], { cwd: dir, workers: 0 });
    const multi = await lintPaths(['.'], { cwd: dir, workers: 2 });
    const auto = await lintPaths(['.'], { cwd: dir, workerThreshold: 10 });
    assert.equal(single.results.length, 132);
    const paths = single.results.map((r) => r.path);
    assert.deepEqual(paths, [...paths].sort());
    assert.deepEqual(multi.results, single.results);
    assert.deepEqual(auto.results, single.results);
    assert.ok(single.results.some((r) => r.findings.some((f) => f.ruleId === PIN)));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('the bundled CLI runs its worker threads from dist/cli.js with identical output', () => {
  const files: Record<string, string> = {};
  for (let i = 0; i < 80; i++) files[`s${String(i).padStart(2, '0')}/Dockerfile`] = i % 2 ? UNPINNED : `FROM node:20-alpine\nUSER node\nCMD node s${i}.js\n`;
  const dir = tempTree(files);
  try {
    const one = checkJson(['--workers', '0'], dir);
    const two = checkJson(['--workers', '2'], dir);
    const auto = checkJson([], dir);
    assert.equal(one.status, 1, one.stderr);
    assert.equal(two.stderr, '');
    assert.deepEqual(two.findings, one.findings);
    assert.deepEqual(auto.findings, one.findings);
    assert.equal(filesWith(one.findings).length, 40);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a folder that cannot be read is an error (exit 2), not a silent pass', (t) => {
  if (process.platform === 'win32') return t.skip('POSIX permissions');
  const dir = tempTree({ 'ok/Dockerfile': UNPINNED, 'locked/Dockerfile': UNPINNED });
  // root reads anything: run the CLI as `nobody` then, on a tree it may enter.
  const asRoot = process.getuid?.() === 0;
  chmodSync(dir, 0o755);
  chmodSync(join(dir, 'ok'), 0o755);
  chmodSync(join(dir, 'locked'), 0o000);
  // The checkout may sit where `nobody` cannot go (a 700 home folder): then it runs a copy of the
  // bundle (self-contained for `check`) from inside the tree.
  let cli = CLI;
  if (asRoot && spawnSync(process.execPath, ['-e', 'require("fs").accessSync(process.argv[1])', CLI], { uid: 65534, gid: 65534 }).status !== 0) {
    cli = join(dir, 'cli.js');
    copyFileSync(CLI, cli);
    chmodSync(cli, 0o644);
  }
  const run = (args: string[]) => {
    const r = spawnSync(process.execPath, [cli, 'check', '--format', 'json', ...args], { cwd: dir, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' }, ...(asRoot ? { uid: 65534, gid: 65534 } : {}) });
    return { status: r.status, findings: JSON.parse(r.stdout) as { file: string }[], stderr: r.stderr };
  };
  try {
    const named = run(['locked']);
    assert.equal(named.status, 2, named.stderr);
    assert.match(named.stderr, /locked: cannot read: EACCES/);
    const walked = run(['.']);
    assert.equal(walked.status, 2, walked.stderr);
    assert.match(walked.stderr, /locked: cannot read: EACCES/);
    assert.deepEqual([...new Set(walked.findings.map((f) => f.file))], ['ok/Dockerfile']);
    const inside = run(['locked/Dockerfile']);
    assert.equal(inside.status, 2, inside.stderr);
    assert.match(inside.stderr, /locked\/Dockerfile: cannot read: EACCES/);
  } finally {
    chmodSync(join(dir, 'locked'), 0o755);
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a folder named explicitly is walked even when an outer .gitignore ignores it', () => {
  const dir = tempTree({ '.git/HEAD': 'ref: refs/heads/main\n', '.gitignore': 'build/\n', 'build/Dockerfile': UNPINNED, 'build/deep/Dockerfile': UNPINNED, 'Dockerfile': UNPINNED });
  try {
    assert.deepEqual(filesWith(checkJson([], dir).findings), ['Dockerfile']);
    const named = checkJson(['build'], dir);
    assert.equal(named.status, 1, named.stderr);
    assert.deepEqual(filesWith(named.findings), ['build/Dockerfile', 'build/deep/Dockerfile']);
    assert.deepEqual(filesWith(checkJson(['build/deep'], dir).findings), ['build/deep/Dockerfile']);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

/** `repo/link` → `shared/app`: a folder reached through a symlink, each side with its own config. */
function linkedTree(): string {
  const dir = tempTree({
    'repo/.infra-guide.yaml': `rules:\n  ${PIN}: off\nignore:\n  - /link/skip.Dockerfile\n`,
    'repo/Dockerfile': UNPINNED,
    'shared/.infra-guide.yaml': `rules:\n  ${PIN}: error\n`,
    'shared/app/Dockerfile': UNPINNED,
    'shared/app/skip.Dockerfile': UNPINNED,
  });
  symlinkSync(join('..', 'shared', 'app'), join(dir, 'repo', 'link'), 'dir');
  return dir;
}

test('a file reached through a symlinked folder gets the config of where the link is, in the CLI and the editor', { skip: process.platform === 'win32' && 'symlinks need privileges' }, () => {
  const dir = linkedTree();
  try {
    const sev = (r: ReturnType<typeof checkJson>, file: string) => r.findings.find((f) => f.file === file && f.ruleId === PIN)?.severity;
    // Named through the link: the repo's config (its rule levels and its ignore globs) applies.
    for (const arg of ['repo/link', 'repo/link/Dockerfile']) {
      const r = checkJson(['--fail-on', 'never', arg], dir);
      assert.equal(r.status, 0, r.stderr);
      assert.ok(r.findings.some((f) => f.file === 'repo/link/Dockerfile'), arg);
      assert.equal(sev(r, 'repo/link/Dockerfile'), undefined, arg);
      assert.ok(!r.findings.some((f) => f.file === 'repo/link/skip.Dockerfile'), arg);
    }
    // Named where it is: the target's config.
    const shared = checkJson(['--fail-on', 'never', 'shared'], dir);
    assert.equal(sev(shared, 'shared/app/Dockerfile'), 'error');
    assert.equal(sev(shared, 'shared/app/skip.Dockerfile'), 'error');
    // A walk does not follow links to folders (cycles, foreign trees).
    assert.deepEqual([...new Set(checkJson(['--fail-on', 'never', 'repo'], dir).findings.map((f) => f.file))], ['repo/Dockerfile']);
    assert.deepEqual(walkPaths(['repo/link'], { cwd: dir }).files, [join(dir, 'repo/link/Dockerfile')]);
    // The editor: the server looks up the config of an open document's path the same way.
    const resolver = new ConfigResolver();
    const viaLink = resolver.forFile(join(dir, 'repo/link/Dockerfile'));
    assert.equal(viaLink.configPath, join(dir, 'repo/.infra-guide.yaml'));
    assert.deepEqual(viaLink.config.rules[PIN], { level: 'off', options: undefined });
    assert.equal(resolver.isIgnored(join(dir, 'repo/link/skip.Dockerfile'), resolver.forFile(join(dir, 'repo/link/skip.Dockerfile'))), true);
    assert.equal(resolver.forFile(join(dir, 'shared/app/Dockerfile')).configPath, join(dir, 'shared/.infra-guide.yaml'));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test(
  'from a working folder reached through a symlink, `check .` reads the config of the link as `check "$PWD"` does',
  { skip: process.platform === 'win32' && 'symlinks need privileges' },
  () => {
    const dir = linkedTree();
    try {
      const cwd = join(dir, 'repo', 'link');
      const run = (arg: string) => {
        const r = spawnSync(process.execPath, [CLI, 'check', '--format', 'json', '--fail-on', 'never', arg], { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1', PWD: cwd } });
        return (JSON.parse(r.stdout) as { ruleId: string }[]).filter((f) => f.ruleId === PIN).length;
      };
      assert.equal(run(cwd), 0);
      assert.equal(run('.'), 0);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  },
);

test('the working folder is $PWD only when it names the physical working folder', () => {
  const dir = linkedTree();
  try {
    const target = realpathSync(join(dir, 'shared', 'app'));
    const link = join(dir, 'repo', 'link');
    assert.equal(workingFolder({ PWD: link }, target), link);
    // A stale or foreign $PWD (a program that changed folder without updating it), or none.
    assert.equal(workingFolder({ PWD: join(dir, 'repo') }, target), target);
    assert.equal(workingFolder({ PWD: 'relative/path' }, target), target);
    assert.equal(workingFolder({ PWD: join(dir, 'missing') }, target), target);
    assert.equal(workingFolder({}, target), target);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
