import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { TextIndex } from '../text';
import { parserDirectiveLines, parserDirectiveName } from './directives';

const lines = (text: string): number => parserDirectiveLines(new TextIndex(text));

describe('Dockerfile parser directives, as BuildKit reads them', () => {
  it('reads the white space and case variants of the Dockerfile reference', () => {
    for (const line of ['#escape=`', '# escape =`', '#\tescape= `', '# escape = `', '#\t  eScApE=`', '  # escape=`', '\t#escape=`  ', '# ESCAPE=`']) {
      assert.equal(parserDirectiveName(line), 'escape', JSON.stringify(line));
    }
    assert.equal(parserDirectiveName('# syntax=docker/dockerfile:1'), 'syntax');
    assert.equal(parserDirectiveName('# check=skip=JSONArgsRecommended;error=true'), 'check');
  });

  it('knows only syntax, escape and check, with a key of letters and digits and a value', () => {
    for (const line of ['# maintainer=me@example.com', '# foo-bar=x', '# sy ntax=x', '# syntax', '# syntax=', 'syntax=x', '#! /usr/bin/env docker', '', 'FROM x', '// syntax=x']) {
      assert.equal(parserDirectiveName(line), undefined, JSON.stringify(line));
    }
    // Go's `.+?` takes a blank as the value.
    assert.equal(parserDirectiveName('# escape= \t'), 'escape');
  });

  it('skips a byte order mark on the first line only', () => {
    assert.equal(parserDirectiveName('\uFEFF# syntax=x', true), 'syntax');
    assert.equal(parserDirectiveName('\uFEFF# syntax=x'), undefined);
    assert.equal(lines('\uFEFF# syntax=x\n# escape=`\nFROM x\n'), 2);
    assert.equal(lines('# syntax=x\n\uFEFF# escape=`\nFROM x\n'), 1);
  });

  it('ends the directives at the first line that is not a known one', () => {
    assert.equal(lines('# syntax=docker/dockerfile:1\n# escape=\\\n# check=skip=all\nFROM x\n'), 3);
    assert.equal(lines('# syntax=x\n# escape=`'), 2);
    // An unknown directive is a comment, and so is every directive after it.
    assert.equal(lines('# syntax=x\n# maintainer=me\n# escape=`\nFROM x\n'), 1);
    assert.equal(lines('# maintainer=me\n# syntax=x\nFROM x\n'), 0);
    assert.equal(lines('# syntax=x\n\n# escape=`\nFROM x\n'), 1);
    assert.equal(lines('# a comment\n# syntax=x\nFROM x\n'), 0);
    assert.equal(lines('FROM x\n# escape=`\n'), 0);
    // Given twice, a directive fails the build: still a directive line.
    assert.equal(lines('# escape=`\n# ESCAPE=\\\nFROM x\n'), 2);
    assert.equal(lines('\r\n# syntax=x\r\n'), 0);
    assert.equal(lines('# syntax=x\r\n# check=error=true\r\nFROM x\r\n'), 2);
  });
});
