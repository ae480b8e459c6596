import { test } from 'node:test';
import assert from 'node:assert/strict';
import { longLineFinding, MAX_LINE_LENGTH, oversizeOrBinaryFinding } from './guards';
import { TextIndex } from './text';

const size = (text: string, limit: number) => oversizeOrBinaryFinding(text, limit)?.message;

test('file-too-large measures UTF-8 bytes, not UTF-16 code units, exactly at the limit', () => {
  // ASCII: one byte per character.
  assert.equal(size('a'.repeat(100), 100), undefined);
  assert.match(size('a'.repeat(101), 100) ?? '', /^File is 101 bytes, above the limit of 100 /);
  // 'é' is 2 bytes, '€' 3, '😀' 4 (two UTF-16 code units).
  assert.match(size('é'.repeat(60), 100) ?? '', /^File is 120 bytes/);
  assert.equal(size('é'.repeat(50), 100), undefined);
  assert.match(size('é'.repeat(50) + 'a', 100) ?? '', /^File is 101 bytes/);
  assert.equal(size('€'.repeat(33) + 'a', 100), undefined);
  assert.match(size('€'.repeat(34), 100) ?? '', /^File is 102 bytes/);
  assert.equal(size('😀'.repeat(25), 100), undefined);
  assert.match(size('😀'.repeat(25) + 'a', 100) ?? '', /^File is 101 bytes/);
  // Above the limit in code units: the message still counts bytes.
  assert.match(size('€'.repeat(101), 100) ?? '', /^File is 303 bytes/);
});

test('a line is too long from MAX_LINE_LENGTH + 1 code units with its line break, whatever the line ends', () => {
  const long = (text: string): string | undefined => longLineFinding(text, () => new TextIndex(text))?.message.replace(/ is .*/, '');
  const a = (n: number): string => 'a'.repeat(n);
  const lines = (n: number, eol: string): string => `${a(99)}${eol}`.repeat(n);
  for (const eol of ['\n', '\r\n', '\r']) {
    // Short lines, more than MAX_LINE_LENGTH of them in all.
    assert.equal(long(lines(2000, eol)), undefined, JSON.stringify(eol));
    // A line exactly at the limit, its line break included, between and after short lines.
    assert.equal(long(`${lines(700, eol)}${a(MAX_LINE_LENGTH - eol.length)}${eol}${lines(700, eol)}`), undefined, JSON.stringify(eol));
    assert.equal(long(`${lines(700, eol)}${a(MAX_LINE_LENGTH)}`), undefined, JSON.stringify(eol));
    // One code unit more.
    assert.equal(long(`${lines(700, eol)}${a(MAX_LINE_LENGTH + 1 - eol.length)}${eol}${lines(700, eol)}`), 'Line 701', JSON.stringify(eol));
    assert.equal(long(`${lines(700, eol)}${a(MAX_LINE_LENGTH + 1)}`), 'Line 701', JSON.stringify(eol));
    assert.equal(long(`${a(MAX_LINE_LENGTH + 1)}${eol}${lines(10, eol)}`), 'Line 1', JSON.stringify(eol));
  }
  // A CRLF split by the limit: the line is one code unit too long.
  assert.equal(long(`${a(MAX_LINE_LENGTH - 1)}\r\n${lines(10, '\n')}`), 'Line 1');
});
