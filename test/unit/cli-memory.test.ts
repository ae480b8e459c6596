// What a CLI run keeps of the files it linted: nothing beyond the current file. Kept documents
// are not only memory: each one outlives the young-generation GCs of the run and is copied into
// the old generation, which made the YAML engine ~20% slower over the corpus.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { exposeGc } from '../../server/src/engine/testing/gc';
import { lintPaths } from '../../server/src/workspace/lint-files';

const gc = exposeGc();

/** A multi-document manifest file, different for each (set, file). */
function manifests(set: string, file: number): string {
  const docs: string[] = [];
  for (let d = 0; d < 20; d++) {
    docs.push(
      [
        'apiVersion: apps/v1',
        'kind: Deployment',
        `metadata: {name: ${set}-${file}-${d}, labels: {app: web, tier: backend}}`,
        'spec:',
        '  replicas: 2',
        '  template:',
        '    spec:',
        '      containers:',
        `        - name: app-${d}`,
        `          image: registry.example.com/${set}/app:${file}.${d}`,
        '          ports: [{containerPort: 8080}, {containerPort: 9090}]',
        '          env: [{name: MODE, value: prod}, {name: LEVEL, value: info}]',
      ].join('\n'),
    );
  }
  return docs.join('\n---\n') + '\n';
}

function folder(root: string, set: string): string {
  const dir = join(root, set);
  mkdirSync(dir);
  for (let f = 0; f < 30; f++) writeFileSync(join(dir, `m${f}.yaml`), manifests(set, f));
  return dir;
}

test('a CLI run keeps no parsed YAML documents of the files it linted', async (t) => {
  if (!gc) {
    t.skip('cannot expose the garbage collector');
    return;
  }
  const root = mkdtempSync(join(tmpdir(), 'infra-guide-memory-'));
  try {
    const first = folder(root, 'first');
    const second = folder(root, 'second');
    const run = async (dir: string): Promise<number> => (await lintPaths([dir], { cwd: root, workers: 0 })).results.length;
    assert.equal(await run(first), 30);
    gc();
    const before = process.memoryUsage().heapUsed;
    assert.equal(await run(second), 30);
    gc();
    const kept = process.memoryUsage().heapUsed - before;
    // 30 files of 20 documents parse to ~15 MB; the current file alone is ~0.5 MB.
    assert.ok(kept < 3e6, `${(kept / 1e6).toFixed(2)} MB kept after the run`);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});
