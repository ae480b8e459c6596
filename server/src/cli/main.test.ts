import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useColor } from './main';

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
