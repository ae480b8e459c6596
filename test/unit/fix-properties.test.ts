// Reliability harness, part 2: properties of every fix the corpus produces.
// For each finding with fixes (all of them by default; FIX_PROPS_PER_RULE samples per rule,
// still covering every rule that produced a fix): applying one fix keeps the file parsing,
// removes that finding, adds no new error-severity finding and changes nothing outside its
// edits; fix-all is idempotent. Part 3: the same files with suppression pragmas written in, used
// and unused: removing the unused ones gives back exactly the text without them.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Linter } from '../../server/src/engine/lint';
import { classify } from '../../server/src/engine/classify';
import { applySafeFixes } from '../../server/src/engine/fix';
import { parseDockerfile } from '../../server/src/engine/dockerfile/model';
import { isHeredocLine } from '../../server/src/engine/dockerfile/shell/heredoc';
import { allRules } from '../../server/src/engine/registry';
import { yamlAnchorLineMapper } from '../../server/src/engine/yaml/anchors';
import type { DocumentKind, Finding } from '../../server/src/engine/types';
import { CORPUS, CORPUS_DOMAINS, listFiles } from './corpus';
import { checkFix, checkFixAll, diffSpans, type FixFile, lintWith } from './fix-check';

/** Fixes checked per rule (spread over the files where the rule fires); default: all of them. */
const PER_RULE = Number(process.env['FIX_PROPS_PER_RULE'] ?? Infinity);
/** Files checked for fix-all idempotency per domain; default: every file with a safe fix. */
const FIXALL_PER_DOMAIN = Number(process.env['FIX_PROPS_FIXALL_PER_DOMAIN'] ?? Infinity);



interface CorpusFile extends FixFile {
  domain: string;
}

const linter = new Linter({ throwOnRuleError: true, cacheSize: 256 });
const lintAs = (f: Pick<CorpusFile, 'path' | 'kind'>, text: string) => lintWith(linter, f, text);

function loadCorpus(): CorpusFile[] {
  const out: CorpusFile[] = [];
  for (const d of CORPUS_DOMAINS) {
    const dir = join(CORPUS, d.dir);
    if (!existsSync(dir)) continue;
    for (const path of listFiles(dir)) {
      const text = readFileSync(path, 'utf8');
      const kind = classify(path, undefined, text) ?? d.kind;
      const f = { path, name: path.slice(CORPUS.length + 1), domain: d.dir, kind, text, findings: [] as Finding[] };
      f.findings = lintAs(f, text);
      out.push(f);
    }
  }
  return out;
}

const corpus = existsSync(CORPUS) ? loadCorpus() : [];

test('every fix the corpus produces keeps the file valid, removes its finding, and stays within its edits', { timeout: 120_000 }, (t) => {
  if (corpus.length === 0) {
    t.skip(`corpus not found at ${CORPUS}`);
    return;
  }
  // Sample per rule, spread over files, so every rule with a fixable finding is covered.
  const byRule = new Map<string, { file: CorpusFile; finding: Finding }[]>();
  for (const file of corpus) {
    for (const finding of file.findings) if (finding.fixes.length > 0) (byRule.get(finding.ruleId) ?? byRule.set(finding.ruleId, []).get(finding.ruleId)!).push({ file, finding });
  }
  const problems: string[] = [];
  const checked = new Map<string, number>();
  for (const [rule, all] of [...byRule].sort()) {
    const step = Math.max(1, all.length / PER_RULE);
    for (let i = 0; i < all.length; i += step) {
      const { file, finding } = all[Math.floor(i)]!;
      for (const fix of finding.fixes) {
        const p = checkFix(linter, file, finding, fix);
        if (p) problems.push(p);
        checked.set(rule, (checked.get(rule) ?? 0) + 1);
      }
    }
  }
  console.log(`fix properties: ${[...checked.values()].reduce((a, b) => a + b, 0)} fixes of ${checked.size} rules checked (${[...checked].map(([r, n]) => `${r} ${n}`).join(', ')})`);
  assert.deepEqual(problems.slice(0, 12), [], `${problems.length} fix problems`);
});

test('fix-all converges and is idempotent on corpus files of every kind', { timeout: 120_000 }, (t) => {
  if (corpus.length === 0) {
    t.skip(`corpus not found at ${CORPUS}`);
    return;
  }
  const problems: string[] = [];
  let files = 0;
  for (const d of CORPUS_DOMAINS) {
    const fixable = corpus.filter((f) => f.domain === d.dir && f.findings.some((x) => x.fixes.some((y) => y.safe)));
    const step = Math.max(1, fixable.length / FIXALL_PER_DOMAIN);
    for (let i = 0; i < fixable.length; i += step) {
      const file = fixable[Math.floor(i)]!;
      files++;
      problems.push(...checkFixAll(linter, file));
    }
  }
  console.log(`fix-all: ${files} files checked`);
  assert.deepEqual(problems.slice(0, 12), [], `${problems.length} fix-all problems`);
});

// ---- pragma-bearing inputs ------------------------------------------------------------------

const UNUSED = 'infra-guide/unused-pragma';
/** Pragma spellings the grammar accepts: spaces around commas, tabs, no space after `#`, no reason. */
const PRAGMA_STYLES: ((ids: string[]) => string)[] = [
  (ids) => `# infra-guide ignore=${ids.join(',')} -- qa`,
  (ids) => `#infra-guide ignore=${ids.join(' , ')}`,
  (ids) => `#\tinfra-guide\tignore=${ids.join(',\t')}\t--\treason, with text\t`,
];

/** A small deterministic generator, so failures reproduce. */
function generator(seed: number): () => number {
  let s = seed;
  return () => (s = (s * 1103515245 + 12345) % 2147483648) / 2147483648;
}

/** Applies only the safe fixes of unused-pragma findings until none is left. */
function removeUnusedPragmas(file: Pick<CorpusFile, 'path' | 'kind'>, text: string): string {
  for (let pass = 0; pass < 20; pass++) {
    const step = applySafeFixes(text, lintAs(file, text).filter((f) => f.ruleId === UNUSED));
    if (step.applied === 0) return text;
    text = step.text;
  }
  throw new Error(`${file.path}: unused pragmas still reported after 20 passes`);
}

/**
 * Lines before which a pragma line can be written without changing the file's data: Dockerfile
 * instructions (past the parser directives and not in a heredoc), YAML lines outside multi-line
 * scalars; and what each line's findings are anchored to (the lines a pragma there silences).
 */
function pragmaSites(kind: DocumentKind, text: string): { ok: (line: number) => boolean; anchor: (line: number) => number } {
  if (kind === 'dockerfile') {
    const doc = parseDockerfile(text);
    const lines = text.split(/\r?\n/);
    let directives = 0;
    while (directives < lines.length && /^\s*#\s*[a-z]+\s*=/i.test(lines[directives]!)) directives++;
    return { ok: (l) => l > directives && doc.instructionStartLine(l) === l && !isHeredocLine(doc, l), anchor: doc.instructionStartLine };
  }
  const anchor = yamlAnchorLineMapper(text, kind);
  return { ok: (l) => anchor(l) === l, anchor };
}

/** Corpus files checked in full (no engine finding, such as a skipped template or a parse error). */
const pragmaCorpus = () => corpus.filter((f) => !f.findings.some((x) => x.ruleId.startsWith('infra-guide/')));

test('unused pragmas written into corpus files are reported, and their fixes give back the exact text', { timeout: 120_000 }, (t) => {
  if (corpus.length === 0) {
    t.skip(`corpus not found at ${CORPUS}`);
    return;
  }
  const random = generator(1);
  const problems: string[] = [];
  let files = 0;
  let pragmas = 0;
  for (const file of pragmaCorpus()) {
    // Line breaks and the last line vary too: CRLF files, a pragma on a last line without newline.
    let text = file.text;
    if (random() < 0.3) text = text.replace(/\r?\n/g, '\r\n');
    if (random() < 0.3) text = text.replace(/\r?\n$/, '');
    const eol = text.includes('\r\n') ? '\r\n' : '\n';
    const findings = lintAs(file, text);
    const firing = new Set(findings.map((f) => f.ruleId));
    const quiet = allRules.filter((r) => r.kinds.includes(file.kind) && r.meta.domain !== 'infra-guide' && !firing.has(r.meta.id)).map((r) => r.meta.id);
    if (quiet.length === 0) continue;
    const otherKind = file.kind === 'dockerfile' ? 'kubernetes/pin-image-version' : 'dockerfile/use-exec-form';
    const { ok } = pragmaSites(file.kind, text);
    const lines = text.split(/\r?\n/);
    const out: string[] = [];
    for (let l = 0; l < lines.length; l++) {
      if (lines[l]!.trim() !== '' && ok(l) && random() < 0.3) {
        const ids = [quiet[Math.floor(random() * quiet.length)]!];
        if (random() < 0.5) ids.push(otherKind);
        if (random() < 0.3) ids.unshift(ids[0]!); // a duplicate id
        out.push(/^\s*/.exec(lines[l]!)![0] + PRAGMA_STYLES[Math.floor(random() * PRAGMA_STYLES.length)]!(ids));
        pragmas++;
      }
      out.push(lines[l]!);
    }
    if (file.kind !== 'dockerfile' && random() < 0.5) out.push(`# infra-guide ignore-file=${quiet[0]},${otherKind} -- qa`);
    if (out.length === lines.length) continue;
    files++;
    const name = file.path.slice(CORPUS.length + 1);
    const withPragmas = out.join(eol);
    const after = lintAs(file, withPragmas);
    const others = (fs: Finding[]) => fs.filter((f) => !f.ruleId.startsWith('infra-guide/')).length;
    if (others(after) !== others(findings)) problems.push(`${name}: ${others(findings)} findings without the pragmas, ${others(after)} with them`);
    const pragmaProblems = after.filter((f) => f.ruleId.startsWith('infra-guide/') && f.ruleId !== UNUSED);
    if (pragmaProblems.length > 0) problems.push(`${name}: ${pragmaProblems.map((f) => `${f.range.start.line + 1} ${f.message}`).join('; ')}`);
    if (!after.some((f) => f.ruleId === UNUSED)) problems.push(`${name}: no unused pragma reported`);
    const cleaned = removeUnusedPragmas(file, withPragmas);
    if (cleaned !== text) problems.push(`${name}: removing the unused pragmas does not give back the text (${JSON.stringify(diffSpans(text, cleaned))})`);
    const once = linter.fixAll({ text: withPragmas, fileName: file.path, kind: file.kind });
    if (once.text !== linter.fixAll({ text, fileName: file.path, kind: file.kind }).text) problems.push(`${name}: fix-all differs with the unused pragmas`);
    if (linter.fixAll({ text: once.text, fileName: file.path, kind: file.kind }).applied !== 0) problems.push(`${name}: fix-all is not idempotent with pragmas`);
  }
  console.log(`unused pragmas: ${pragmas} pragma lines in ${files} files`);
  assert.ok(files > 0, "no corpus file took a pragma");
  assert.deepEqual(problems.slice(0, 12), [], `${problems.length} problems`);
});

test('a pragma listing a firing rule and unused ids keeps the firing one through the fixes', { timeout: 120_000 }, (t) => {
  if (corpus.length === 0) {
    t.skip(`corpus not found at ${CORPUS}`);
    return;
  }
  const random = generator(2);
  const problems: string[] = [];
  let pragmas = 0;
  for (const file of pragmaCorpus()) {
    if (file.findings.length === 0) continue;
    const { ok, anchor } = pragmaSites(file.kind, file.text);
    // One firing rule per anchor line, for a pragma just above it.
    const used = new Map<number, string>();
    for (const f of file.findings) {
      const a = anchor(f.range.start.line);
      if (ok(a) && !used.has(a) && random() < 0.5) used.set(a, f.ruleId);
    }
    if (used.size === 0) continue;
    const otherKind = file.kind === 'dockerfile' ? 'kubernetes/pin-image-version' : 'dockerfile/use-exec-form';
    const lines = file.text.split('\n');
    const full: string[] = [];
    const expected: string[] = [];
    for (let l = 0; l < lines.length; l++) {
      const id = used.get(l);
      if (id) {
        const indent = /^\s*/.exec(lines[l]!)![0];
        const style = PRAGMA_STYLES[Math.floor(random() * PRAGMA_STYLES.length)]!;
        full.push(indent + style(random() < 0.5 ? [id, otherKind] : [otherKind, id, id]));
        expected.push(indent + style([id]));
        pragmas++;
      }
      full.push(lines[l]!);
      expected.push(lines[l]!);
    }
    const name = file.path.slice(CORPUS.length + 1);
    const text = full.join('\n');
    const findings = lintAs(file, text);
    const silenced = file.findings.length - findings.filter((f) => !f.ruleId.startsWith('infra-guide/')).length;
    if (silenced < used.size) problems.push(`${name}: ${used.size} pragmas silenced only ${silenced} findings`);
    const cleaned = removeUnusedPragmas(file, text);
    if (cleaned !== expected.join('\n')) problems.push(`${name}: removing the unused ids left ${JSON.stringify(diffSpans(expected.join('\n'), cleaned))}`);
    const once = linter.fixAll({ text, fileName: file.path, kind: file.kind });
    const kept = (s: string) => (s.match(/^\s*#\s*infra-guide\s+ignore=/gm) ?? []).length;
    if (kept(once.text) !== used.size) problems.push(`${name}: fix-all kept ${kept(once.text)} of ${used.size} used pragmas`);
    if (linter.fixAll({ text: once.text, fileName: file.path, kind: file.kind }).applied !== 0) problems.push(`${name}: fix-all is not idempotent with pragmas`);
  }
  console.log(`used pragmas: ${pragmas} pragma lines`);
  assert.deepEqual(problems.slice(0, 12), [], `${problems.length} problems`);
});
