import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, realpathSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { relativeInside } from './format';
import { underRoot, useColor } from './main';

test('colours: flags win, then NO_COLOR, then FORCE_COLOR (0 and false turn them off), then the terminal', () => {
  const on = (env: Record<string, string>, tty: boolean, noColor = false, color = false) => useColor(noColor, color, env, tty);
  assert.equal(on({}, true), true);
  assert.equal(on({}, false), false);
  assert.equal(on({ TERM: 'dumb' }, true), false);
  for (const v of ['1', 'true', '2', '3', '']) assert.equal(on({ FORCE_COLOR: v }, false), true, `FORCE_COLOR=${v}`);
  for (const v of ['0', 'false']) {
    assert.equal(on({ FORCE_COLOR: v }, true), false, `FORCE_COLOR=${v} on a terminal`);
    assert.equal(on({ FORCE_COLOR: v }, false), false, `FORCE_COLOR=${v}`);
    assert.equal(on({ FORCE_COLOR: v }, true, false, true), true, `--color wins over FORCE_COLOR=${v}`);
  }
  assert.equal(on({ NO_COLOR: '1' }, true), false);
  assert.equal(on({ NO_COLOR: '' }, true), true, 'an empty NO_COLOR is unset');
  assert.equal(on({ NO_COLOR: '1', FORCE_COLOR: '1' }, true), false);
  assert.equal(on({ FORCE_COLOR: '1' }, true, true), false, '--no-color wins');
  assert.equal(on({ NO_COLOR: '1' }, false, false, true), true, '--color wins');
});

test('underRoot: each file goes where the walk over the folders above it takes it, over generated paths', (t) => {
  const base = realpathSync(mkdtempSync(join(tmpdir(), 'infra-guide-under-root-')));
  t.after(() => rmSync(base, { recursive: true, force: true }));
  mkdirSync(join(base, 'repo/a/b'), { recursive: true });
  mkdirSync(join(base, 'elsewhere'), { recursive: true });
  symlinkSync(join(base, 'repo'), join(base, 'link'), 'dir');
  symlinkSync(join(base, 'repo/a'), join(base, 'deep'), 'dir');
  // The reference: underRoot before it walked once per folder.
  const slowFor = (root: string) => (path: string): string => {
    if (relativeInside(root, path) !== undefined) return path;
    let realRoot: string | undefined;
    try {
      realRoot = realpathSync(root);
    } catch {
      realRoot = undefined;
    }
    const realOf = (p: string): string | undefined => {
      try {
        return realpathSync(p);
      } catch {
        return undefined;
      }
    };
    const rest: string[] = [];
    for (let dir = path; dir !== dirname(dir); dir = dirname(dir)) {
      rest.unshift(basename(dir));
      if (realRoot !== undefined && realOf(dirname(dir)) === realRoot) return join(root, ...rest);
    }
    return path;
  };
  const tops = [`${base}/link`, `${base}/repo`, `${base}/deep`, `${base}/elsewhere`, `${base}/gone`, base, '/', `${base}/link/`, `${base}//link`];
  const segments = ['a', 'b', 'Dockerfile', '.', '..', '', 'link', 'x y', '..x'];
  let seed = 11;
  const next = (n: number): number => {
    seed = (seed * 48271) % 2147483647;
    return seed % n;
  };
  for (const root of [join(base, 'repo'), join(base, 'repo/a'), join(base, 'link'), '/no/such/root']) {
    const fast = underRoot(root);
    const slow = slowFor(root);
    let moved = 0;
    for (let i = 0; i < 600; i++) {
      const parts: string[] = [tops[next(tops.length)]!];
      const count = next(4);
      for (let k = 0; k < count; k++) parts.push(segments[next(segments.length)]!);
      const path = parts.join('/');
      // Twice: the second answer comes from the folder's cached walk.
      for (let k = 0; k < 2; k++) assert.equal(fast(path), slow(path), `underRoot(${JSON.stringify(root)})(${JSON.stringify(path)})`);
      if (slow(path) !== path) moved++;
    }
    if (!root.startsWith('/no/')) assert.ok(moved > 50, `${moved} paths moved under ${root}`);
  }
});
