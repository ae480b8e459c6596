import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseConfigText } from './config';
import { isKnownRule } from './registry';

/** Config and `line:character message` of each problem. */
function parse(text: string): { config: unknown; problems: string[] } {
  const r = parseConfigText(text, isKnownRule);
  return { config: r.config, problems: r.problems.map((p) => `${p.range.start.line}:${p.range.start.character} ${p.message}`) };
}

test('a config of several YAML documents is reported: only the first is read', () => {
  const off = { rules: { 'dockerfile/use-exec-form': { level: 'off' } } };
  const r = parse('rules:\n  dockerfile/use-exec-form: off\n---\nrules:\n  dockerfile/pin-package-versions: off\n');
  assert.deepEqual(r.config, off);
  assert.equal(r.problems.length, 1);
  assert.match(r.problems[0]!, /^2:0 .*one YAML document/);
  // A leading `---`, a trailing one and an end marker hold no second document.
  for (const text of ['---\nrules:\n  dockerfile/use-exec-form: off\n', 'rules:\n  dockerfile/use-exec-form: off\n---\n', 'rules:\n  dockerfile/use-exec-form: off\n...\n']) {
    assert.deepEqual(parse(text), { config: off, problems: [] }, text);
  }
  assert.deepEqual(parse(''), { config: {}, problems: [] });
  assert.deepEqual(parse('---\n'), { config: {}, problems: [] });
});
