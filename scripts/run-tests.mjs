#!/usr/bin/env node
// Runs compiled node:test files under the given folders of out/ (e.g. `server/src`, `test/lsp`)
// with the spec reporter, then the summary line. Exits non-zero when a test fails or none ran.
import { spawnSync } from 'node:child_process';
import { readdirSync, statSync, existsSync } from 'node:fs';
import { join } from 'node:path';

const roots = process.argv.slice(2);
if (roots.length === 0) {
  console.error('usage: run-tests.mjs <folder under out/>...');
  process.exit(2);
}
const files = [];
function walk(dir) {
  for (const name of readdirSync(dir).sort()) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) walk(p);
    else if (name.endsWith('.test.js')) files.push(p);
  }
}
for (const r of roots) {
  const dir = join('out', r);
  if (!existsSync(dir)) {
    console.error(`no compiled tests under ${dir}: run \`npm run compile\` first`);
    process.exit(2);
  }
  walk(dir);
}
if (files.length === 0) {
  console.error('no test files found');
  process.exit(1);
}
const res = spawnSync(
  process.execPath,
  [
    '--enable-source-maps',
    '--test',
    '--test-concurrency=2',
    '--test-reporter=spec',
    '--test-reporter-destination=stdout',
    '--test-reporter=./scripts/summary-reporter.mjs',
    '--test-reporter-destination=stdout',
    ...files,
  ],
  { stdio: 'inherit' },
);
process.exit(res.status ?? 1);
