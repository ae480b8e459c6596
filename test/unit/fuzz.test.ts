// Reliability harness, part 1: fuzzing the engine with fast-check (seeded, reproducible).
// Mutated corpus files of every kind and generated pathologies must never make the engine
// throw (rules run with `throwOnRuleError: true`), take more than 1 s per file, return
// ranges outside the text, or grow memory without bound.
//
// Reproduce a failure: FUZZ_SEED=<printed seed> node --test out/test/unit/fuzz.test.js
// More cases: FUZZ_RUNS=50000 (default ~10k per run, split across kinds).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, statSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { Linter, type LintInput } from '../../server/src/engine/lint';
import { defaultConfig, type InfraGuideConfig } from '../../server/src/engine/config';
import { exposeGc } from '../../server/src/engine/testing/gc';
import { TextIndex } from '../../server/src/engine/text';
import type { DocumentKind, Finding } from '../../server/src/engine/types';
import { CORPUS, CORPUS_DOMAINS, listFiles } from './corpus';
import { timedMs } from './timing';

const SEED = process.env['FUZZ_SEED'] !== undefined ? Number(process.env['FUZZ_SEED']) : 20_261_126;
const TOTAL_RUNS = process.env['FUZZ_RUNS'] !== undefined ? Number(process.env['FUZZ_RUNS']) : 10_000;
const TIME_LIMIT_MS = 1000;
console.log(`fuzz seed ${SEED}, ${TOTAL_RUNS} cases (override with FUZZ_SEED / FUZZ_RUNS)`);


interface Sample {
  path: string;
  kind: DocumentKind;
  text: string;
}



/** A deterministic sample per kind: evenly spaced files under 24 KB, plus the templated ones. */
function corpusSamples(perKind: number): Sample[] {
  if (!existsSync(CORPUS)) return [];
  const out: Sample[] = [];
  for (const d of CORPUS_DOMAINS) {
    const dir = join(CORPUS, d.dir);
    if (!existsSync(dir)) continue;
    const files = listFiles(dir).filter((f) => statSync(f).size < 24_000);
    const picked = new Set<string>();
    for (let i = 0; i < perKind && files.length > 0; i++) picked.add(files[Math.floor((i * files.length) / perKind)]!);
    for (const f of files) if (f.includes('/templated/') && picked.size < perKind + 2) picked.add(f);
    for (const path of picked) out.push({ path, kind: d.kind, text: readFileSync(path, 'utf8') });
  }
  return out;
}

// ---------- mutations ----------
type Mutation =
  | { t: 'truncate'; at: number }
  | { t: 'bytes'; at: number; bytes: number[] }
  | { t: 'chars'; at: number; s: string }
  | { t: 'indent'; line: number; count: number; delta: number }
  | { t: 'dup'; line: number; count: number }
  | { t: 'remove'; line: number; count: number }
  | { t: 'tabs'; line: number; count: number }
  | { t: 'swap'; a: number; b: number }
  | { t: 'eol'; style: 'crlf' | 'cr' | 'mixed' }
  | { t: 'bom' };

const TOKENS = [
  ':', ': ', ' ', '  ', '-', '- ', '\n', '\r\n', '\r', '\t', '[', ']', '{', '}', ',', '&a ', '*a', '<<: *a', '!!str ', '!reference ',
  '|', '|-', '>', '"', "'", '#', '# infra-guide ignore=', '%YAML 1.2', '@', '`', '\\', '\\\n', '---\n', '...\n', '${', '$', '}}',
  '{{ .Values.x }}', '=', 'FROM ', 'RUN ', 'ARG ', 'ENV ', 'USER ', 'COPY --from=', 'HEALTHCHECK ', '# syntax=', '# escape=`\n',
  '<<EOF\n', 'EOF\n', 'image: ', 'latest', '@sha256:', 'password: ', 'secret', '\u2028', '\u0085', '\uFEFF', '\uD800', '\uDC00',
  '\u0000', 'é', '😀', 'null', '~', '0x1F', '1e309', '.inf', 'true', 'on', 'yes',
];

const at = fc.nat({ max: 1_000_000 });
const mutationArb: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ t: fc.constant('truncate' as const), at }),
  fc.record({
    t: fc.constant('bytes' as const),
    at,
    bytes: fc.array(fc.oneof(fc.constantFrom(0x00, 0xff, 0xfe, 0xc3, 0x80, 0xe2, 0x82, 0xed, 0xa0, 0xf0, 0x9f, 0x0d, 0x0a, 0x09, 0x5c), fc.nat({ max: 255 })), {
      minLength: 1,
      maxLength: 6,
    }),
  }),
  fc.record({ t: fc.constant('chars' as const), at, s: fc.array(fc.constantFrom(...TOKENS), { minLength: 1, maxLength: 6 }).map((a) => a.join('')) }),
  fc.record({ t: fc.constant('indent' as const), line: at, count: fc.integer({ min: 1, max: 20 }), delta: fc.integer({ min: -4, max: 4 }) }),
  fc.record({ t: fc.constant('dup' as const), line: at, count: fc.integer({ min: 1, max: 10 }) }),
  fc.record({ t: fc.constant('remove' as const), line: at, count: fc.integer({ min: 1, max: 10 }) }),
  fc.record({ t: fc.constant('tabs' as const), line: at, count: fc.integer({ min: 1, max: 20 }) }),
  fc.record({ t: fc.constant('swap' as const), a: at, b: at }),
  fc.record({ t: fc.constant('eol' as const), style: fc.constantFrom('crlf' as const, 'cr' as const, 'mixed' as const) }),
  fc.record({ t: fc.constant('bom' as const) }),
);

function applyMutation(text: string, m: Mutation): string {
  const lines = text.split('\n');
  const li = (n: number) => (lines.length === 0 ? 0 : n % lines.length);
  switch (m.t) {
    case 'truncate':
      return text.slice(0, text.length === 0 ? 0 : m.at % text.length);
    case 'bytes': {
      // Raw bytes (NUL, invalid UTF-8…) decoded with replacement characters, as an editor would.
      const buf = Buffer.from(text, 'utf8');
      const p = buf.length === 0 ? 0 : m.at % buf.length;
      return Buffer.concat([buf.subarray(0, p), Buffer.from(m.bytes), buf.subarray(p)]).toString('utf8');
    }
    case 'chars': {
      const p = text.length === 0 ? 0 : m.at % text.length;
      return text.slice(0, p) + m.s + text.slice(p);
    }
    case 'indent': {
      const s = li(m.line);
      for (let i = s; i < Math.min(lines.length, s + m.count); i++) {
        lines[i] = m.delta >= 0 ? ' '.repeat(m.delta) + lines[i] : lines[i]!.replace(new RegExp(`^ {0,${-m.delta}}`), '');
      }
      return lines.join('\n');
    }
    case 'dup': {
      const s = li(m.line);
      lines.splice(s, 0, ...lines.slice(s, s + m.count));
      return lines.join('\n');
    }
    case 'remove': {
      lines.splice(li(m.line), m.count);
      return lines.join('\n');
    }
    case 'tabs': {
      const s = li(m.line);
      for (let i = s; i < Math.min(lines.length, s + m.count); i++) lines[i] = lines[i]!.replace(/^( {2})+/, (sp) => '\t'.repeat(sp.length / 2));
      return lines.join('\n');
    }
    case 'swap': {
      const a = li(m.a);
      const b = li(m.b);
      [lines[a], lines[b]] = [lines[b]!, lines[a]!];
      return lines.join('\n');
    }
    case 'eol': {
      const plain = text.replace(/\r\n?/g, '\n');
      if (m.style === 'crlf') return plain.replace(/\n/g, '\r\n');
      if (m.style === 'cr') return plain.replace(/\n/g, '\r');
      let i = 0;
      return plain.replace(/\n/g, () => ['\n', '\r\n', '\r'][i++ % 3]!);
    }
    case 'bom':
      return text.startsWith('\uFEFF') ? text : '\uFEFF' + text;
  }
}

// ---------- invariants checked on every lint ----------
const linter = new Linter({ throwOnRuleError: true });
const SEVERITIES = new Set(['error', 'warning', 'info']);

function checkFindings(text: string, findings: Finding[]): void {
  const index = new TextIndex(text);
  for (const f of findings) {
    assert.ok(typeof f.ruleId === 'string' && f.ruleId.includes('/'), `bad rule id ${f.ruleId}`);
    assert.ok(SEVERITIES.has(f.severity), `bad severity ${f.severity}`);
    assert.ok(typeof f.message === 'string' && f.message.length > 0, `${f.ruleId}: empty message`);
    for (const [what, r] of [['range', f.range] as const, ...f.fixes.flatMap((x) => x.edits.map((e) => ['fix edit', e.range] as const))]) {
      const { start, end } = r;
      const ok =
        Number.isInteger(start.line) && Number.isInteger(start.character) && Number.isInteger(end.line) && Number.isInteger(end.character) &&
        start.line >= 0 && start.character >= 0 && (start.line < end.line || (start.line === end.line && start.character <= end.character)) &&
        end.line < index.lineCount && end.character <= index.lineText(end.line).length && start.character <= index.lineText(start.line).length;
      assert.ok(ok, `${f.ruleId}: ${what} ${JSON.stringify(r)} is not inside the text (${index.lineCount} lines)`);
    }
  }
}

/** Lints and checks the invariants; a run over the time limit (see timing.ts) is retried once with cold caches. */
function lintChecked(input: LintInput, opts: { fixAll?: boolean } = {}): Finding[] {
  let { result, ms } = timedMs(() => linter.lint(input));
  if (ms > TIME_LIMIT_MS) {
    linter.clearCaches();
    ({ result, ms } = timedMs(() => linter.lint(input)));
  }
  assert.ok(ms <= TIME_LIMIT_MS, `lint took ${ms.toFixed(0)} ms (> ${TIME_LIMIT_MS}) for ${input.fileName} (${input.text.length} chars)`);
  checkFindings(input.text, result.findings);
  if (opts.fixAll) {
    const fixed = linter.fixAll(input);
    checkFindings(fixed.text, fixed.findings);
  }
  return result.findings;
}

const gc = exposeGc();
function heapMB(): number {
  gc?.();
  return process.memoryUsage().heapUsed / 1e6;
}
const heapAtStart = heapMB();
let peakHeapMB = heapAtStart;

// ---------- properties ----------
const samples = corpusSamples(8);

test('fuzz: mutated corpus files of every kind never break the engine', { timeout: 120_000 }, (t) => {
  if (samples.length === 0) {
    t.skip(`corpus not found at ${CORPUS}`);
    return;
  }
  const runs = Math.round(TOTAL_RUNS * 0.8);
  let n = 0;
  fc.assert(
    fc.property(fc.nat({ max: samples.length - 1 }), fc.array(mutationArb, { minLength: 1, maxLength: 4 }), fc.boolean(), (i, mutations, byName) => {
      const s = samples[i]!;
      let text = s.text;
      for (const m of mutations) text = applyMutation(text, m);
      // Half the cases let the engine classify by name and content, half force the kind.
      const input: LintInput = byName ? { text, fileName: s.path } : { text, fileName: s.path, kind: s.kind };
      lintChecked(input, { fixAll: ++n % 10 === 0 });
      if (n % 500 === 0) peakHeapMB = Math.max(peakHeapMB, process.memoryUsage().heapUsed / 1e6);
    }),
    { seed: SEED, numRuns: runs, endOnFailure: true },
  );
});

const SYNTHETIC_NAMES: { fileName: string; kind?: DocumentKind }[] = [
  { fileName: 'Dockerfile' },
  { fileName: 'deploy/k8s/deployment.yaml', kind: 'kubernetes' },
  { fileName: 'compose.yaml' },
  { fileName: '.github/workflows/ci.yml' },
  { fileName: '.gitlab-ci.yml' },
  { fileName: '.woodpecker.yml' },
  { fileName: 'alerts/rules.yaml', kind: 'prometheus-rules' },
  { fileName: 'values.yaml' },
  { fileName: 'COMMIT_EDITMSG' },
  { fileName: '.infra-guide.yaml' },
];

test('fuzz: generated token soup for every file name the engine knows', { timeout: 60_000 }, () => {
  const runs = Math.round(TOTAL_RUNS * 0.2);
  fc.assert(
    fc.property(
      fc.nat({ max: SYNTHETIC_NAMES.length - 1 }),
      fc.array(fc.oneof(fc.constantFrom(...TOKENS), fc.string({ maxLength: 8 }), fc.constantFrom('apiVersion: v1\nkind: Pod\n', 'services:\n  web:\n    image: nginx\n', 'on: push\njobs:\n  a:\n    runs-on: x\n    steps:\n      - run: echo\n', 'groups:\n  - name: g\n    rules:\n      - alert: A\n        expr: up == 0\n', 'FROM node:20\nRUN npm ci\n')), {
        maxLength: 60,
      }),
      (i, parts) => {
        const n = SYNTHETIC_NAMES[i]!;
        lintChecked({ text: parts.join(''), fileName: n.fileName, ...(n.kind ? { kind: n.kind } : {}) }, { fixAll: true });
      },
    ),
    { seed: SEED + 1, numRuns: runs, endOnFailure: true },
  );
});

// ---------- generated pathologies ----------
const YAML_KINDS: { fileName: string; kind: DocumentKind; head: string }[] = [
  { fileName: 'k8s.yaml', kind: 'kubernetes', head: 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\n' },
  { fileName: 'compose.yaml', kind: 'compose', head: 'services:\n  web:\n    image: nginx:1.27\n' },
  { fileName: '.github/workflows/ci.yml', kind: 'github-actions', head: 'on: push\njobs:\n  a:\n    runs-on: ubuntu-24.04\n    steps:\n      - run: echo\n' },
  { fileName: '.gitlab-ci.yml', kind: 'gitlab-ci', head: 'build:\n  script:\n    - make\n' },
  { fileName: '.woodpecker.yml', kind: 'woodpecker', head: 'steps:\n  build:\n    image: golang:1.22\n' },
  { fileName: 'rules.yaml', kind: 'prometheus-rules', head: 'groups:\n  - name: g\n    rules:\n      - alert: A\n        expr: up == 0\n' },
];

function aliasBomb(levels: number, width: number): string {
  let out = `a0: &a0 [${Array(width).fill('"lol"').join(', ')}]\n`;
  for (let l = 1; l < levels; l++) out += `a${l}: &a${l} [${Array(width).fill(`*a${l - 1}`).join(', ')}]\n`;
  return out;
}

test('pathology: YAML alias bombs ("billion laughs") in every YAML kind', () => {
  const bomb = aliasBomb(9, 9); // 9^9 ≈ 387M nodes if expanded
  for (const k of YAML_KINDS) {
    // The bomb as extra keys, and as the value of keys rules read.
    lintChecked({ text: k.head + bomb, fileName: k.fileName, kind: k.kind }, { fixAll: true });
    lintChecked({ text: bomb + k.head.replace(/: *\n/, ': *a8\n'), fileName: k.fileName, kind: k.kind }, { fixAll: true });
    const lines = k.head.split('\n');
    for (let i = 0; i < lines.length; i++) {
      const m = /^(\s*(?:- )?[\w-]+):\s*\S.*$/.exec(lines[i]!);
      if (!m) continue;
      const variant = [...lines];
      variant[i] = `${m[1]}: *a8`;
      lintChecked({ text: bomb + variant.join('\n'), fileName: k.fileName, kind: k.kind });
    }
    // Merge keys pulling the bomb in.
    lintChecked({ text: bomb + k.head + 'x-bomb:\n  <<: *a8\n', fileName: k.fileName, kind: k.kind });
  }
});

test('pathology: 10k-deep nesting (flow and block) and 10k continuation lines', () => {
  const deep = 10_000;
  for (const k of YAML_KINDS) {
    for (const body of [
      `data: ${'['.repeat(deep)}${']'.repeat(deep)}\n`,
      `data: ${'['.repeat(deep)}\n`,
      `data: ${'{a: '.repeat(deep)}1${'}'.repeat(deep)}\n`,
      `data:\n${'- '.repeat(deep)}x\n`,
      // Block mappings, one level deeper per line (1k levels keep the file ~0.5 MB).
      'data:\n' + Array.from({ length: 1000 }, (_, i) => `${' '.repeat(i + 1)}k${i}:`).join('\n') + ' v\n',
    ]) {
      lintChecked({ text: k.head + body, fileName: k.fileName, kind: k.kind });
    }
  }
  lintChecked({ text: `FROM alpine:3.20\nRUN a \\\n${'  b \\\n'.repeat(deep)}  c\n`, fileName: 'Dockerfile' }, { fixAll: true });
  lintChecked({ text: `FROM alpine:3.20\nCMD ${'['.repeat(deep)}\n`, fileName: 'Dockerfile' }, { fixAll: true });
  lintChecked({ text: `FROM alpine:3.20\nRUN echo ${'$('.repeat(deep)}${')'.repeat(deep)}\n`, fileName: 'Dockerfile' }, { fixAll: true });
  lintChecked({ text: `FROM alpine:3.20\nRUN ${'( '.repeat(deep)}true${' )'.repeat(deep)}\n`, fileName: 'Dockerfile' }, { fixAll: true });
});

test('pathology: a 50 MB file gets exactly one info finding (file-too-large)', () => {
  const big = 'FROM alpine:3.20\n' + 'RUN echo 0123456789abcdef0123456789abcdef0123456789abcdef01234567\n'.repeat(800_000);
  assert.ok(big.length > 50_000_000);
  for (const fileName of ['Dockerfile', 'big.yaml', 'compose.yaml']) {
    const findings = lintChecked({ text: big, fileName });
    assert.deepEqual(
      findings.map((f) => [f.ruleId, f.severity]),
      [['infra-guide/file-too-large', 'info']],
    );
  }
});

test('pathology: a single 5 MB line with a raised size limit finishes in time or is skipped', () => {
  const config: InfraGuideConfig = { ...defaultConfig(), maxFileSizeBytes: 8 * 1024 * 1024 };
  const n = 5 * 1024 * 1024;
  const cases: [string, string][] = [
    ['Dockerfile', 'FROM alpine:3.20\nRUN echo ' + 'a '.repeat(n / 2) + '\n'],
    ['Dockerfile', 'FROM alpine:3.20\nENV ' + 'A=b '.repeat(n / 4) + '\n'],
    ['Dockerfile', 'FROM ' + 'a'.repeat(n) + '\n'],
    ['k8s.yaml', 'apiVersion: v1\nkind: ConfigMap\ndata: [' + 'a,'.repeat(n / 2) + 'a]\n'],
    ['k8s.yaml', 'apiVersion: v1\nkind: ConfigMap\ndata: {' + 'a: b, '.repeat(n / 6) + '}\n'],
    ['k8s.yaml', 'apiVersion: v1\nkind: ConfigMap\ndata:\n  k: "' + 'a'.repeat(n) + '"\n'],
    ['compose.yaml', 'services: {' + Array.from({ length: n / 24 }, (_, i) => `s${i}: {image: nginx}`).join(', ') + '}\n'],
    ['COMMIT_EDITMSG', 'feat: ' + 'a'.repeat(n) + '\n\n' + 'b '.repeat(n / 2) + '\n'],
  ];
  for (const [fileName, text] of cases) {
    const findings = lintChecked({ text, fileName, config });
    if (fileName !== 'COMMIT_EDITMSG') assert.ok(findings.some((f) => f.ruleId === 'infra-guide/file-too-large'), `${fileName}: expected the long-line skip`);
  }
});

test('pathology: binary content with a Dockerfile name', () => {
  const withNul = Buffer.alloc(200_000);
  const noNul = Buffer.alloc(200_000);
  for (let i = 0; i < withNul.length; i++) {
    withNul[i] = (i * 7919 + 13) % 256;
    noNul[i] = 1 + ((i * 104_729) % 255);
  }
  const findings = lintChecked({ text: withNul.toString('utf8'), fileName: 'Dockerfile' });
  assert.deepEqual(
    findings.map((f) => f.ruleId),
    ['infra-guide/binary-file'],
  );
  // No NUL in the first 8 KB: linted as text, must still be fine.
  lintChecked({ text: noNul.toString('utf8'), fileName: 'Dockerfile' }, { fixAll: true });
  lintChecked({ text: noNul.toString('latin1'), fileName: 'compose.yaml' }, { fixAll: true });
  lintChecked({ text: 'FROM alpine\n' + withNul.subarray(0, 5000).toString('utf8').replace(/\0/g, ''), fileName: 'Dockerfile' }, { fixAll: true });
});

test('memory stays bounded over the whole harness', () => {
  linter.clearCaches();
  const end = heapMB();
  const delta = end - heapAtStart;
  console.log(`heap: start ${heapAtStart.toFixed(0)} MB, peak seen ${peakHeapMB.toFixed(0)} MB, end ${end.toFixed(0)} MB (gc ${gc ? 'on' : 'off'})`);
  assert.ok(delta < 64, `heapUsed grew by ${delta.toFixed(0)} MB after clearing caches`);
  assert.ok(peakHeapMB < 1024, `peak heapUsed ${peakHeapMB.toFixed(0)} MB`);
});
