import { test } from 'node:test';
import assert from 'node:assert/strict';
import { oversizeOrBinaryFinding } from './guards';

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
