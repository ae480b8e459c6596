import { test } from 'node:test';
import assert from 'node:assert/strict';
import { resourcesFix } from './support';

test('resourcesFix: the options\' own values give one shared, frozen fix per section and missing keys', () => {
  const options = { memory: '128Mi', cpu: '100m' };
  const fix = resourcesFix('requests', options, ['memory', 'cpu'], { memory: '128Mi', cpu: '100m' });
  assert.equal(fix.title, 'Add resource requests (memory: 128Mi, cpu: 100m)');
  assert.deepEqual(fix.entries, { resources: { requests: { memory: '"128Mi"', cpu: '"100m"' } } });
  assert.ok(Object.isFrozen(fix.entries) && Object.isFrozen(fix.entries['resources']));
  assert.equal(resourcesFix('requests', options, ['memory', 'cpu'], { memory: '128Mi', cpu: '100m' }), fix);
  // Another section or other missing keys with the same options object: a fix of its own.
  assert.equal(resourcesFix('limits', options, ['memory', 'cpu'], { memory: '128Mi', cpu: '100m' }).title, 'Add resource limits (memory: 128Mi, cpu: 100m)');
  assert.deepEqual(resourcesFix('requests', options, ['cpu'], { cpu: '100m' }).entries, { resources: { requests: { cpu: '"100m"' } } });
});

test('resourcesFix: a value taken from the container (not the option) is not shared', () => {
  const options = { memory: '256Mi', cpu: '500m' };
  const fix = resourcesFix('limits', options, ['memory'], { memory: '1Gi' });
  assert.equal(fix.title, 'Add resource limits (memory: 1Gi)');
  assert.deepEqual(fix.entries, { resources: { limits: { memory: '"1Gi"' } } });
  // Not frozen: frozen entries are rendered and kept for reuse, for nothing here.
  assert.ok(!Object.isFrozen(fix.entries));
  assert.equal(resourcesFix('limits', options, ['memory'], { memory: '256Mi' }).title, 'Add resource limits (memory: 256Mi)');
});
