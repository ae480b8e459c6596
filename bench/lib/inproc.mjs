#!/usr/bin/env node
// In-process, single-thread timings over the same files: our engine (`Linter.lint`, fresh
// caches per run) against the parse floor (dockerfile-ast / yaml only; see `parseAsPublished`). Prints JSON.
// Usage: node bench/lib/inproc.mjs <engine.cjs> <domains.json> <runs> [<published dockerfile-ast bundle>]
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const [bundle, domainsFile, runsArg, publishedAstBundle] = process.argv.slice(2);
const require = createRequire(import.meta.url);
const E = require(bundle);
// dockerfile-ast as published: a separate copy the engine's patches never touch.
const publishedAst = publishedAstBundle ? require(publishedAstBundle) : undefined;
const domains = JSON.parse(readFileSync(domainsFile, 'utf8'));
const runs = Number(runsArg ?? 5);
// The engine as the CLI runs it: each file is linted once, so no YAML documents are kept for
// later files (BATCH_LINTER_OPTIONS). BENCH_CACHE_SIZE=N keeps N documents, as the editor's
// Linter does (4000), to compare.
const linterOptions = process.env.BENCH_CACHE_SIZE
  ? { cacheSize: Number(process.env.BENCH_CACHE_SIZE), recentFiles: 32 }
  : E.BATCH_LINTER_OPTIONS;

const YAML_OPTS = { uniqueKeys: false, strict: false, prettyErrors: false, logLevel: 'silent', keepSourceTokens: false };

const MIN_TOTAL_MS = 1000;
const WARMUP_MS = 1000;
const MAX_RUNS = 200;

function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}
/**
 * Times several variants interleaved after warming them up, so a noisy neighbour on a 2-core
 * machine hits all variants alike; the order flips every round (A B C, C B A, …), so no variant
 * always runs right after another one's garbage. Returns each variant's times, median and min.
 */
function timeInterleaved(variants) {
  const res = {};
  for (const [name, fn] of Object.entries(variants)) {
    // The warm-up is also timed: for the first variant of a fresh process it is a cold pass,
    // comparable to a peer's single pass in its own process.
    const t = performance.now();
    const result = fn();
    res[name] = { times: [], result, firstMs: performance.now() - t };
  }
  // Small domains take ~10 ms a run, where one noisy run moves the median: keep going until
  // every variant has had at least MIN_TOTAL_MS (or MAX_RUNS runs).
  const total = () => Math.min(...Object.values(res).map((r) => r.times.reduce((a, b) => a + b, 0)));
  const forward = Object.entries(variants);
  const backward = [...forward].reverse();
  // One pass does not warm the engine up: V8 optimises the rules' many functions over the next
  // passes (over the Compose corpus, engine / floor fell from ~1.30 in rounds 1-25 to 1.14-1.24
  // in rounds 26-200). Untimed rounds, all variants alike, until the first one (the engine) has
  // run for WARMUP_MS.
  let warmedMs = res[forward[0][0]].firstMs;
  for (let i = 0; runs > 1 && i < MAX_RUNS && warmedMs < WARMUP_MS; i++) {
    for (const [name, fn] of i % 2 === 0 ? forward : backward) {
      const t = performance.now();
      fn();
      if (name === forward[0][0]) warmedMs += performance.now() - t;
    }
  }
  for (let i = 0; i < runs || (runs > 1 && i < MAX_RUNS && total() < MIN_TOTAL_MS); i++) {
    for (const [name, fn] of i % 2 === 0 ? forward : backward) {
      const t = performance.now();
      res[name].result = fn();
      res[name].times.push(performance.now() - t);
    }
  }
  for (const r of Object.values(res)) {
    r.ms = median(r.times);
    r.min = Math.min(...r.times);
  }
  return res;
}

/**
 * The median over rounds of a's time / b's time in the same round. The two runs of a round are
 * adjacent in time, so a slow phase of the machine (seen here: ±20% for seconds) slows both,
 * where a ratio of two medians can pair one variant's fast phase with the other's slow one.
 */
/** dockerfile-ast's JSON-form instructions: their constructor splits the arguments and reads the JSON strings. */
const JSON_FORM = new Set(['ADD', 'CMD', 'COPY', 'ENTRYPOINT', 'RUN', 'SHELL', 'VOLUME']);

/**
 * The Dockerfile floor: the tree that published dockerfile-ast's `DockerfileParser.parse()` builds,
 * built by the engine's patched copy. The published parse builds eagerly the arguments and JSON
 * strings of every JSON-form instruction (`JSONInstruction`'s constructor), ARG's property (`Arg`'s
 * constructor), ONBUILD's trigger instruction (`Parser.processHeredocs`) and every comment
 * (`Parser.processComment`, `Dockerfile.organizeComments`). The engine's patches
 * (server/src/engine/dockerfile/ast-patches.ts) defer these until they are read, so a floor that
 * only asks for the instructions skips most of the parse; reading them here makes the floor the
 * same parse as the published library's, done by the faster patched code. Returns a count so the
 * work cannot be optimised away.
 */
function parseAsPublished(parser, text) {
  const dockerfile = parser.parse(text);
  let n = dockerfile.getComments().length;
  const build = (instruction) => {
    const keyword = instruction.getKeyword();
    if (JSON_FORM.has(keyword)) n += instruction.getArguments().length + instruction.getJSONStrings().length;
    else if (keyword === 'ARG') n += instruction.getProperty() === null ? 0 : 1;
  };
  for (const instruction of dockerfile.getInstructions()) {
    build(instruction);
    if (instruction.getKeyword() === 'ONBUILD') {
      const trigger = instruction.getTriggerInstruction();
      if (trigger) build(trigger);
    }
  }
  return n;
}

function pairedRatio(a, b) {
  return median(a.times.map((t, i) => t / b.times[i]));
}

const out = {};
for (const d of domains) {
  const docs = d.files.map((path) => {
    const text = readFileSync(path, 'utf8');
    return { path, text, kind: E.classify(path, undefined, text) ?? d.kind };
  });
  const isDocker = d.kind === 'dockerfile';
  const variants = {
    engine: () => {
      const linter = new E.Linter(linterOptions);
      let findings = 0;
      for (const f of docs) findings += linter.lint({ text: f.text, fileName: f.path, kind: f.kind }).findings.length;
      return findings;
    },
  };
  if (isDocker) {
    variants.floorSplit = () => {
      let n = 0;
      for (const f of docs) n += parseAsPublished(E.DockerfileParser, f.text);
      return n;
    };
    variants.floorScan = () => {
      let n = 0;
      for (const f of docs) n += E.DockerfileParser.parse(f.text).getInstructions().length;
      return n;
    };
    if (publishedAst) {
      variants.floorPublished = () => {
        let n = 0;
        for (const f of docs) n += publishedAst.DockerfileParser.parse(f.text).getInstructions().length;
        return n;
      };
    }
  } else {
    variants.floorSplit = () => {
      let n = 0;
      for (const f of docs) {
        const segs = E.splitYamlDocuments(f.text, new E.TextIndex(f.text));
        for (const s of segs) n += E.parseDocument(s.text, YAML_OPTS).errors.length + 1;
      }
      return n;
    };
    variants.floorPlain = () => {
      let n = 0;
      for (const f of docs) n += E.parseAllDocuments(f.text, YAML_OPTS).length;
      return n;
    };
  }
  const t = timeInterleaved(variants);
  const engine = t.engine;
  const floorSplit = t.floorSplit;
  const floorPlain = t.floorPlain ?? t.floorSplit;
  const kinds = {};
  for (const f of docs) kinds[f.kind] = (kinds[f.kind] ?? 0) + 1;
  out[d.name] = {
    files: docs.length,
    bytes: docs.reduce((a, f) => a + f.text.length, 0),
    kinds,
    engineMs: engine.ms,
    engineFirstMs: engine.firstMs,
    engineMinMs: engine.min,
    floorSplitMinMs: floorSplit.min,
    engineFindings: engine.result,
    floorSplitMs: floorSplit.ms,
    floorPlainMs: floorPlain.ms,
    floorPublishedMs: t.floorPublished?.ms,
    floorScanMs: t.floorScan?.ms,
    engineOverFloor: pairedRatio(engine, floorSplit),
    engineOverPublished: t.floorPublished ? pairedRatio(engine, t.floorPublished) : undefined,
    engineOverScan: t.floorScan ? pairedRatio(engine, t.floorScan) : undefined,
    rounds: engine.times.length,
  };
}
out.heapUsedMB = process.memoryUsage().heapUsed / 1e6;
process.stdout.write(JSON.stringify(out) + '\n');
