import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { Linter } from '../lint';

/** Start of the `infra-guide/parse-error` finding of `text` as `line:character`. */
function parseErrorAt(text: string): string {
  const f = new Linter().lint({ text, fileName: 'x.yaml' }).findings.filter((x) => x.ruleId === 'infra-guide/parse-error');
  assert.equal(f.length, 1, JSON.stringify(f));
  return `${f[0]!.range.start.line}:${f[0]!.range.start.character}`;
}

describe('YAML syntax errors', () => {
  it('at the end of input are reported at the end of the last line with text, not past it', () => {
    assert.equal(parseErrorAt('a: "unclosed\n'), '0:12');
    assert.equal(parseErrorAt('key: [1, 2\r\n'), '0:10');
    assert.equal(parseErrorAt('a: 1\n---\nb: [\n\n\n'), '2:4');
  });
  it('elsewhere keep their position', () => {
    assert.equal(parseErrorAt('a: b: c\n'), '0:3');
    assert.equal(parseErrorAt('a: 1\n---\nb: c: d\nx: 1\n'), '2:3');
  });
});
