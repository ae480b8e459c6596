// Completions on half-typed input: random prefixes of corpus files (and of rule examples for
// commit messages and config files), often ending in a piece of our own syntax, at random
// positions, must never make the provider fail, must answer fast, and every item's edit must be
// a range of the cursor's line around the cursor (what LSP clients require of completion edits):
// for clients taking `InsertReplaceEdit`s an insert range ending at the cursor inside a replace
// range holding it, for the others a single range ending at the cursor.
//
// Reproduce a failure: COMPLETION_FUZZ_SEED=<printed seed> node --test out/test/unit/completion-fuzz.test.js
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import type { InsertReplaceEdit, TextEdit } from 'vscode-languageserver';
import { provideCompletions } from '../../server/src/lsp/completion';
import { allRules } from '../../server/src/engine/registry';
import { TextIndex } from '../../server/src/engine/text';
import type { DocumentKind } from '../../server/src/engine/types';
import { CORPUS, CORPUS_DOMAINS, listFiles } from './corpus';
import { timedMs, withinLimit } from './timing';

const SEED = process.env['COMPLETION_FUZZ_SEED'] !== undefined ? Number(process.env['COMPLETION_FUZZ_SEED']) : 6_2026;
const RUNS = process.env['COMPLETION_FUZZ_RUNS'] !== undefined ? Number(process.env['COMPLETION_FUZZ_RUNS']) : 4000;
console.log(`completion fuzz seed ${SEED}, ${RUNS} cases (override with COMPLETION_FUZZ_SEED / COMPLETION_FUZZ_RUNS)`);

interface Sample {
  name: string;
  kind: DocumentKind;
  text: string;
}

function samples(perKind: number): Sample[] {
  const out: Sample[] = [];
  if (existsSync(CORPUS)) {
    for (const d of CORPUS_DOMAINS) {
      const dir = join(CORPUS, d.dir);
      if (!existsSync(dir)) continue;
      const files = listFiles(dir).filter((f) => statSync(f).size < 24_000);
      for (let i = 0; i < perKind && files.length > 0; i++) {
        const f = files[Math.floor((i * files.length) / perKind)]!;
        out.push({ name: f, kind: d.kind, text: readFileSync(f, 'utf8') });
      }
    }
  }
  // Commit messages and config files: the rules' own examples, and a full config.
  for (const r of allRules) {
    for (const ex of [r.meta.good, r.meta.bad]) {
      if (ex.fileName === 'COMMIT_EDITMSG') out.push({ name: `${r.meta.id} example`, kind: 'commit-message', text: ex.code });
      if (ex.fileName === '.infra-guide.yaml') out.push({ name: `${r.meta.id} example`, kind: 'infra-guide-config', text: ex.code });
    }
  }
  out.push({
    name: 'config',
    kind: 'infra-guide-config',
    text: 'rules:\n  dockerfile/use-minimal-base-image: off\n  dockerfile/pin-base-image-version:\n    level: error\n    options: { requireDigest: true }\n  commit/subject-format:\n    options:\n      types: [feat, fix]\nignore:\n  - "vendor/**"\npragmas:\n  allow: true\n',
  });
  out.push({ name: 'commit', kind: 'commit-message', text: 'feat(#6): Add completions\n\n- Offer rule ids\n\nRefs #6\n# Please enter the commit message\n# ------------------------ >8 ------------------------\ndiff --git a/x b/x\n' });
  return out;
}

/** Pieces of our syntax that half-typed text often ends in. */
const FRAGMENTS = [
  '\n# infra-guide ',
  '\n# infra-guide ignore=',
  '\n  # infra-guide ignore-file=dockerfile/use-exec-form,',
  '\n# infra-guide ignore=kubernetes/pin-image-version, commit/',
  '\n# infra-guide ignore=a -- ',
  '\n# infr',
  '\n    infra-guide.io/ignore: "',
  '\n    infra-guide.io/ignore: kubernetes/*, ',
  '\n      - infra-guide.io/ignore=compose/',
  '\nrules:\n  dockerfile/',
  '\nrules:\n  x:\n    level: ',
  '\n    options:\n      ',
  '\n  commit/subject-format: { options: { ',
  ': ',
  '\nfe',
  '\n\nRe',
  '\nRUN <<EOF\n# infra-guide ignore=',
  '\nrun: |\n  # infra-guide ignore=',
  '"',
  "'",
  '\t',
  '\r\n',
  '- ',
  '{ ',
  '[',
];

/** One half-typed input: a prefix of a sample, maybe a (part of a) fragment, a position, a trigger. */
const caseArb = fc.record({
  sample: fc.nat(),
  cut: fc.double({ min: 0, max: 1, noNaN: true }),
  fragment: fc.option(fc.record({ which: fc.nat(), part: fc.double({ min: 0, max: 1, noNaN: true }), whole: fc.boolean() }), { freq: 5 }),
  // Mostly at the end (where typing happens), sometimes anywhere.
  at: fc.option(fc.double({ min: 0, max: 1, noNaN: true }), { freq: 3 }),
  trigger: fc.constantFrom(undefined, undefined, '=', ',', ' '),
  retrigger: fc.boolean(),
  insertReplace: fc.boolean(),
});

test('completions never fail on random prefixes of corpus files, answer fast, and edit around the cursor', () => {
  const pool = samples(12);
  assert.ok(pool.length > 20, `samples: ${pool.length}`);
  let answered = 0;
  let slowest = 0;
  fc.assert(
    fc.property(caseArb, (c) => {
      const s = pool[c.sample % pool.length]!;
      let text = s.text.slice(0, Math.floor(c.cut * s.text.length));
      if (c.fragment) {
        const fragment = FRAGMENTS[c.fragment.which % FRAGMENTS.length]!;
        text += c.fragment.whole ? fragment : fragment.slice(0, 1 + Math.floor(c.fragment.part * (fragment.length - 1)));
      }
      const index = new TextIndex(text);
      const position = index.positionAt(c.at === null ? text.length : Math.floor(c.at * text.length));
      const errors: unknown[] = [];
      const what = `${s.name} (${s.kind}) cut to ${text.length} chars, at ${position.line}:${position.character}, trigger ${JSON.stringify(c.trigger)}, insertReplace ${c.insertReplace}`;
      const { result: items, ms } = timedMs(() =>
        provideCompletions({ text, position, kind: s.kind, triggerCharacter: c.trigger, retrigger: c.retrigger, insertReplace: c.insertReplace, onError: (e) => errors.push(e) }),
      );
      slowest = Math.max(slowest, ms);
      assert.deepEqual(errors, [], what);
      if (items.length > 0) answered++;
      const lineLength = index.lineText(position.line).length;
      for (const item of items) {
        assert.ok(item.label.length > 0, what);
        const edit = item.textEdit as TextEdit | InsertReplaceEdit;
        let range: TextEdit['range'];
        if ('replace' in edit) {
          assert.ok(c.insertReplace, `${what}: ${item.label} has two ranges for a client taking one`);
          assert.deepEqual(edit.insert.start, edit.replace.start, `${what}: ${item.label} insert and replace start apart`);
          assert.equal(edit.insert.end.line, position.line, `${what}: ${item.label} inserts on another line`);
          assert.equal(edit.insert.end.character, position.character, `${what}: ${item.label} inserts up to elsewhere than the cursor`);
          assert.ok(edit.replace.end.character > position.character, `${what}: ${item.label} has two ranges for one`);
          range = edit.replace;
        } else {
          range = edit.range;
          // Without two ranges, nothing after the cursor is replaced (all clients, then).
          assert.equal(range.end.character, position.character, `${what}: ${item.label} replaces text after the cursor`);
        }
        assert.ok(range.start.line === position.line && range.end.line === position.line, `${what}: ${item.label} edits another line`);
        assert.ok(range.start.character <= position.character && position.character <= range.end.character, `${what}: ${item.label} misses the cursor`);
        assert.ok(range.end.character <= lineLength, `${what}: ${item.label} runs past the line`);
      }
    }),
    { seed: SEED, numRuns: RUNS },
  );
  console.log(`${answered} of ${RUNS} cases answered with items; slowest ${slowest.toFixed(1)} ms`);
  assert.ok(answered > RUNS / 40, `too few cases reach a completion context (${answered})`);
});

test('a completion in a large file does not lint it: a pragma in the stress files answers in well under 100 ms', (t) => {
  const cases: { file: string; kind: DocumentKind; pragma: string }[] = [
    { file: 'big-multidoc.yaml', kind: 'kubernetes', pragma: '# infra-guide ignore=' },
    { file: 'big.Dockerfile', kind: 'dockerfile', pragma: '# infra-guide ignore=' },
  ];
  for (const c of cases) {
    const path = join(CORPUS, 'stress', c.file);
    if (!existsSync(path)) {
      t.diagnostic(`${path} missing: skipped`);
      continue;
    }
    const original = readFileSync(path, 'utf8');
    const lines = original.split('\n');
    const middle = Math.floor(lines.length / 2);
    lines.splice(middle, 0, c.pragma);
    const text = lines.join('\n');
    const position = { line: middle, character: c.pragma.length };
    const { result, ms } = withinLimit(100, () => provideCompletions({ text, position, kind: c.kind, triggerCharacter: '=' }));
    t.diagnostic(`${c.file}: ${result.length} items in ${ms.toFixed(1)} ms`);
    assert.ok(result.length > 0, c.file);
    assert.ok(ms < 100, `${c.file}: ${ms} ms`);
  }
});
