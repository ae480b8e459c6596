import { test } from 'node:test';
import assert from 'node:assert/strict';
import { movingTagWhy, unpinnedTag } from './pinning';

test('one tag policy: none, latest, and channel/variant-only tags are not pins', () => {
  assert.equal(unpinnedTag(undefined, undefined), 'untagged');
  assert.equal(unpinnedTag('', undefined), 'untagged');
  assert.equal(unpinnedTag('latest', undefined), 'latest');
  for (const tag of ['alpine', 'lts', 'lts-slim', 'sid-slim', 'edge', 'mainline', 'apache', 'fpm-alpine']) {
    assert.equal(unpinnedTag(tag, undefined), 'moving', tag);
  }
  for (const tag of ['20-alpine', 'alpine3.20', 'bookworm', 'bookworm-slim', 'lts-bookworm', '1.27', 'v2']) {
    assert.equal(unpinnedTag(tag, undefined), undefined, tag);
  }
  assert.equal(unpinnedTag('alpine', 'sha256:abc'), undefined);
  assert.equal(unpinnedTag(undefined, 'sha256:abc'), undefined);
  assert.equal(movingTagWhy('alpine'), '`alpine` follows the newest release, like `latest`');
});
