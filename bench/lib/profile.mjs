#!/usr/bin/env node
// `npm run bench -- --profile [domain…]`: lints each domain's files in-process under
// `--cpu-prof` and prints where the time goes: top self time, and inclusive time per engine /
// rule function (mapped back to server/src files through the bundle's `// path` comments).
// Usage (normally via run.mjs): node bench/lib/profile.mjs <engine.cjs> <domains.json> <outDir> [domain…]
import { spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const [bundle, domainsFile, outDir, ...only] = process.argv.slice(2);
const domains = JSON.parse(readFileSync(domainsFile, 'utf8')).filter((d) => only.length === 0 || only.includes(d.name));

// Bundle line → source file, from esbuild's `// server/src/…` markers.
const bundleLines = readFileSync(bundle, 'utf8').split('\n');
const sourceOfLine = [];
let current = '';
for (let i = 0; i < bundleLines.length; i++) {
  const m = /^\/\/ ((?:server|node_modules)\/\S+)$/.exec(bundleLines[i]);
  if (m) current = m[1].replace(/^node_modules\//, '');
  sourceOfLine[i] = current;
}

const runner = `
const E = require(${JSON.stringify(bundle)});
const fs = require('fs');
const d = JSON.parse(process.argv[1]);
const docs = d.files.map((p) => ({ p, t: fs.readFileSync(p, 'utf8') }));
for (let i = 0; i < 5; i++) { const l = new E.Linter(); for (const x of docs) l.lint({ text: x.t, fileName: x.p, kind: E.classify(x.p, undefined, x.t) ?? d.kind }); }
`;

for (const d of domains) {
  const dir = join(outDir, d.name.replace('/', '-'));
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  spawnSync(process.execPath, ['--cpu-prof', `--cpu-prof-dir=${dir}`, '-e', runner, JSON.stringify(d)], { stdio: 'inherit' });
  const file = readdirSync(dir).find((f) => f.endsWith('.cpuprofile'));
  if (!file) continue;
  const p = JSON.parse(readFileSync(join(dir, file), 'utf8'));
  const byId = new Map(p.nodes.map((n) => [n.id, n]));
  const parent = new Map();
  for (const n of p.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const dt = new Map();
  p.samples.forEach((s, i) => dt.set(s, (dt.get(s) ?? 0) + (p.timeDeltas[i] ?? 0)));
  const total = [...dt.values()].reduce((a, b) => a + b, 0);
  const name = (n) => {
    const cf = n.callFrame;
    if (!cf.url.endsWith('.cjs')) return `${cf.functionName || '(anonymous)'} ${cf.url ? cf.url.replace(/.*\//, '') : ''}`.trim();
    return `${cf.functionName || '(anonymous)'} ${sourceOfLine[cf.lineNumber] || '?'} [engine.cjs:${cf.lineNumber + 1}]`;
  };
  const self = new Map();
  const incl = new Map();
  for (const n of p.nodes) {
    const t = dt.get(n.id) ?? 0;
    if (!t) continue;
    self.set(name(n), (self.get(name(n)) ?? 0) + t);
    const seen = new Set();
    for (let id = n.id; id !== undefined; id = parent.get(id)) {
      const k = name(byId.get(id));
      if (seen.has(k)) continue;
      seen.add(k);
      incl.set(k, (incl.get(k) ?? 0) + t);
    }
  }
  const pct = (v) => `${((v / total) * 100).toFixed(1).padStart(5)}%`;
  const lines = [`## ${d.name} (${d.files.length} files, 5 passes)`, '', 'Top self time:'];
  for (const [k, v] of [...self].sort((a, b) => b[1] - a[1]).slice(0, 15)) lines.push(`  ${pct(v)}  ${k}`);
  lines.push('', 'Inclusive time in the engine and rules (server/src):');
  for (const [k, v] of [...incl].filter(([k]) => / server\/src\//.test(k)).sort((a, b) => b[1] - a[1]).slice(0, 25)) lines.push(`  ${pct(v)}  ${k}`);
  lines.push('');
  const text = lines.join('\n');
  writeFileSync(join(dir, 'summary.txt'), text);
  console.log(text);
}
