import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigResolver } from './config-loader';

/** Which of `files` (relative to a folder holding a config with these `ignore` globs) are ignored. */
function ignored(globs: string[], files: string[]): string[] {
  const dir = mkdtempSync(join(tmpdir(), 'infra-guide-ignore-'));
  try {
    writeFileSync(join(dir, '.infra-guide.yaml'), `ignore:\n${globs.map((g) => `  - ${JSON.stringify(g)}\n`).join('')}`);
    const resolver = new ConfigResolver();
    return files.filter((f) => {
      const path = join(dir, f);
      mkdirSync(join(path, '..'), { recursive: true });
      const loaded = resolver.forFile(path);
      assert.deepEqual(loaded.problems, []);
      return resolver.isIgnored(path, loaded);
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const FILES = ['Dockerfile', 'src/Dockerfile', 'vendor/Dockerfile', 'vendor/keep/Dockerfile'];

test('ignore globs: a later `!glob` re-includes files an earlier glob ignored, as in .gitignore', () => {
  assert.deepEqual(ignored(['vendor/**'], FILES), ['vendor/Dockerfile', 'vendor/keep/Dockerfile']);
  assert.deepEqual(ignored(['vendor/**', '!vendor/keep/**'], FILES), ['vendor/Dockerfile']);
  // A negation re-includes only: on its own it ignores nothing (not "everything else").
  assert.deepEqual(ignored(['!vendor/**'], FILES), []);
  // The last matching glob decides.
  assert.deepEqual(ignored(['vendor/**', '!vendor/keep/**', 'vendor/keep/**'], FILES), ['vendor/Dockerfile', 'vendor/keep/Dockerfile']);
  assert.deepEqual(ignored(['**/Dockerfile', '!src/**'], FILES), ['Dockerfile', 'vendor/Dockerfile', 'vendor/keep/Dockerfile']);
});

test('ignore globs: a leading `/` anchors to the config file\'s folder, as in .gitignore', () => {
  assert.deepEqual(ignored(['/vendor/**'], FILES), ['vendor/Dockerfile', 'vendor/keep/Dockerfile']);
  assert.deepEqual(ignored(['/vendor/**', '!/vendor/keep/**'], FILES), ['vendor/Dockerfile']);
  assert.deepEqual(ignored(['/Dockerfile'], FILES), ['Dockerfile']);
  assert.deepEqual(ignored(['/**/keep/*'], FILES), ['vendor/keep/Dockerfile']);
});

test('ignore globs: a folder glob ignores all in it, `/` at the end matches folders only, as in .gitignore', () => {
  const files = [...FILES, 'src/vendor/Dockerfile', 'build/Dockerfile', 'src/build/k8s.yaml', 'build.yaml'];
  // `vendor/` and `build/` matched nothing before (picomatch matched them against file paths only).
  assert.deepEqual(ignored(['vendor/'], files), ['vendor/Dockerfile', 'vendor/keep/Dockerfile', 'src/vendor/Dockerfile']);
  assert.deepEqual(ignored(['/vendor/'], files), ['vendor/Dockerfile', 'vendor/keep/Dockerfile']);
  assert.deepEqual(ignored(['build'], files), ['build/Dockerfile', 'src/build/k8s.yaml']);
  assert.deepEqual(ignored(['Dockerfile/'], files), []);
  assert.deepEqual(ignored(['vendor/*'], files), ['vendor/Dockerfile', 'vendor/keep/Dockerfile']);
  // `!` re-includes a folder, and (unlike git) files inside an ignored folder.
  assert.deepEqual(ignored(['vendor/', '!vendor/keep/'], files), ['vendor/Dockerfile', 'src/vendor/Dockerfile']);
  assert.deepEqual(ignored(['vendor/', '!vendor/keep/Dockerfile'], files), ['vendor/Dockerfile', 'src/vendor/Dockerfile']);
});

test('ignore globs: a glob without `/` matches at any depth, as in .gitignore; a leading `/` anchors it', () => {
  const files = [...FILES, 'a.test.yaml', 'k8s/b.test.yaml', '.ci/c.test.yaml'];
  assert.deepEqual(ignored(['*.test.yaml'], files), ['a.test.yaml', 'k8s/b.test.yaml', '.ci/c.test.yaml']);
  assert.deepEqual(ignored(['/*.test.yaml'], files), ['a.test.yaml']);
  assert.deepEqual(ignored(['Dockerfile', '!/vendor/**'], files), ['Dockerfile', 'src/Dockerfile']);
  // A `/` in the middle anchors, as before.
  assert.deepEqual(ignored(['keep/Dockerfile'], files), []);
});
