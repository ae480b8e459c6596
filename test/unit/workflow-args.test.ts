import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { checkArgs, type ArgSpec } from '../../client/src/workflow/args';

const SPEC: ArgSpec = { issue: 'issue', title: 'string', bullets: 'string[]', replace: 'boolean', folder: 'any' };

describe('command arguments', () => {
  it('accepts well-typed objects, and nothing at all', () => {
    assert.deepEqual(checkArgs({ issue: 67, title: 'T', bullets: ['a'], replace: true, folder: 5 }, SPEC).args, {
      issue: 67,
      title: 'T',
      bullets: ['a'],
      replace: true,
      folder: 5,
    });
    assert.deepEqual(checkArgs({ issue: '#67', other: 1 }, SPEC).args, { issue: '#67', other: 1 });
    for (const none of [undefined, null, 'x', 5, [1], new (class Uri {})()]) assert.deepEqual(checkArgs(none, SPEC), { args: {} }, String(none));
    assert.deepEqual(checkArgs({ title: undefined }, SPEC).args, { title: undefined });
  });

  it('rejects wrong-typed values with a message naming the argument', () => {
    assert.equal(checkArgs({ title: 5 }, SPEC).problem, 'invalid argument "title": expected a string, got a number.');
    assert.match(checkArgs({ issue: { number: -1 } }, SPEC).problem!, /"issue": expected an issue number .*, got an object/);
    assert.match(checkArgs({ issue: null }, SPEC).problem!, /got null/);
    assert.match(checkArgs({ bullets: 'one' }, SPEC).problem!, /"bullets": expected an array of strings, got a string/);
    assert.match(checkArgs({ bullets: ['a', 2] }, SPEC).problem!, /"bullets"/);
    assert.match(checkArgs({ replace: 'yes' }, SPEC).problem!, /"replace": expected true or false/);
  });

  it('every workflow command that takes an argument object checks it with commandArgs', () => {
    const dir = join(__dirname, '..', '..', '..', 'client', 'src', 'workflow');
    const files = readdirSync(dir).filter((f) => f.endsWith('.ts'));
    const taking = files.filter((f) => /rawArgs\?: unknown/.test(readFileSync(join(dir, f), 'utf8')));
    assert.ok(taking.length >= 5, taking.join(', '));
    for (const f of taking) {
      const src = readFileSync(join(dir, f), 'utf8');
      assert.match(src, /commandArgs(<[^>]*>)?\(\s*rawArgs,/, `${f} must check its arguments with commandArgs`);
      assert.doesNotMatch(src, /rawArgs as /, `${f} casts its raw arguments`);
    }
  });
});
