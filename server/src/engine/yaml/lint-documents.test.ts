import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { defaultConfig } from '../config';
import { BATCH_LINTER_OPTIONS, Linter } from '../lint';
import { hasSuppressions } from '../suppressions';
import { TextIndex } from '../text';
import { YamlDocumentLinter } from './lint-documents';
import { exposeGc } from '../testing/gc';

/** Start of the `infra-guide/parse-error` finding of `text` as `line:character`. */
function parseErrorAt(text: string): string {
  const f = new Linter().lint({ text, fileName: 'x.yaml' }).findings.filter((x) => x.ruleId === 'infra-guide/parse-error');
  assert.equal(f.length, 1, JSON.stringify(f));
  return `${f[0]!.range.start.line}:${f[0]!.range.start.character}`;
}

describe('YAML syntax errors', () => {
  it('at the end of input are reported at the end of the last line with text, not past it', () => {
    assert.equal(parseErrorAt('a: "unclosed\n'), '0:12');
    assert.equal(parseErrorAt('key: [1, 2\r\n'), '0:10');
    assert.equal(parseErrorAt('a: 1\n---\nb: [\n\n\n'), '2:4');
  });
  it('never start or end inside a surrogate pair (an emoji)', () => {
    const f = new Linter().lint({ text: 'on:\n  push: \u{1F600} x: [\n', fileName: 'x.yaml' }).findings.find((x) => x.ruleId === 'infra-guide/parse-error');
    assert.deepEqual(f?.range, { start: { line: 1, character: 8 }, end: { line: 1, character: 10 } });
  });
  it('elsewhere keep their position', () => {
    assert.equal(parseErrorAt('a: b: c\n'), '0:3');
    assert.equal(parseErrorAt('a: 1\n---\nb: c: d\nx: 1\n'), '2:3');
  });
});

describe('YAML document caches', () => {
  const A = 'apiVersion: v1\nkind: Pod\nmetadata: {name: a}\n';
  const B = 'apiVersion: v1\nkind: Pod\nmetadata: {name: b}\n';
  /** How often rules ran on a document while linting these files in turn. */
  function ruleRuns(options: { cacheSize: number; recentFiles: number }, files: [string, string][]): number {
    let runs = 0;
    const linter = new YamlDocumentLinter(
      () => {
        runs++;
        return [];
      },
      options.cacheSize,
      options.recentFiles,
    );
    for (const [fileName, text] of files) linter.lint('kubernetes', text, defaultConfig(), fileName);
    return runs;
  }
  const EDITOR = { cacheSize: 4000, recentFiles: 32 };

  it('the editor keeps documents of earlier files for their next lint', () => {
    assert.equal(ruleRuns(EDITOR, [['a.yaml', A], ['b.yaml', B], ['a.yaml', A]]), 2);
  });
  it('a batch run (the CLI) keeps only the current file: each file is linted once', () => {
    assert.equal(ruleRuns(BATCH_LINTER_OPTIONS as typeof EDITOR, [['a.yaml', A], ['b.yaml', B], ['a.yaml', A]]), 3);
  });
  it("a batch run re-uses the current file's documents when it is linted again (the fix loop)", () => {
    assert.equal(ruleRuns(BATCH_LINTER_OPTIONS as typeof EDITOR, [['x.yaml', `${A}---\n${B}`], ['x.yaml', `${A}---\n${B}x: 1\n`]]), 3);
  });
  it('a batch run keeps a single-document file for no next lint (a fix changes its only document)', () => {
    const linter = new YamlDocumentLinter(() => [], BATCH_LINTER_OPTIONS.cacheSize!, BATCH_LINTER_OPTIONS.recentFiles!);
    linter.lint('kubernetes', A, defaultConfig(), 'a.yaml');
    assert.equal(linter['recentFiles'].size, 0);
    linter.lint('kubernetes', `${A}---\n${B}`, defaultConfig(), 'b.yaml');
    assert.equal(linter['recentFiles'].size, 1);
    const editor = new YamlDocumentLinter(() => [], EDITOR.cacheSize, EDITOR.recentFiles);
    editor.lint('kubernetes', A, defaultConfig(), 'a.yaml');
    assert.equal(editor['recentFiles'].size, 1);
  });
  it('a batch run lets go of the previous file before it checks the next one (its parses need not survive)', () => {
    /** How many earlier files the linter holds while it checks each file's document. */
    function heldWhileChecking(recentFiles: number): number[] {
      const held: number[] = [];
      const linter: YamlDocumentLinter = new YamlDocumentLinter(
        () => {
          held.push(linter['recentFiles'].size);
          return [];
        },
        0,
        recentFiles,
      );
      // Files of two documents: batch runs keep those (see the test above).
      for (const fileName of ['a.yaml', 'b.yaml', 'c.yaml']) linter.lint('kubernetes', `${A}---\n${B}`, defaultConfig(), fileName);
      return held;
    }
    assert.deepEqual(heldWhileChecking(BATCH_LINTER_OPTIONS.recentFiles!), [0, 0, 0, 0, 0, 0]);
    assert.deepEqual(heldWhileChecking(2), [0, 0, 1, 1, 1, 1]);
  });
});

describe('the line index of a YAML file', () => {
  it("is put together from its documents' as the whole text's would be", () => {
    const linter = new YamlDocumentLinter(() => [], 4000, 32);
    const pieces = ['---', '--- # c', '...', 'a: 1', '  b: [1', '# c', '', 'k: |', '  x', '\u2028'];
    for (let i = 0; i < 3000; i++) {
      // A deterministic mix: the same texts on every run.
      const eol = ['\n', '\r\n', '\r'][i % 3]!;
      const lines = Array.from({ length: i % 11 }, (_, k) => pieces[(i * 7 + k * k * 3 + (i >> 4)) % pieces.length]!);
      const text = lines.join(eol) + (i % 4 === 0 ? '' : eol);
      assert.deepEqual(linter.lint('kubernetes', text, defaultConfig(), 'x.yaml').index.lineStarts, new TextIndex(text).lineStarts, JSON.stringify(text));
    }
  });
});

describe('re-linting an edited multi-document file', () => {
  it("gives a fresh linter's findings, whether the edit moves the documents after it or not", () => {
    const pod = (name: string): string => `apiVersion: v1\nkind: Pod\nmetadata: {name: ${name}}\nspec:\n  containers:\n    - name: c\n      image: nginx\n`;
    const first = [pod('a'), pod('b'), pod('c')].join('---\n');
    const versions = [first, first.replace('{name: a}', '{name: ab}'), first.replace('{name: a}', '{name: a}\n# moved'), first, first.replace('{name: b}', '{name: b}\n\n')];
    const linter = new Linter();
    for (const text of versions) {
      const fresh = new Linter().lint({ text, fileName: 'x.yaml' });
      assert.ok(fresh.findings.some((f) => f.range.start.line > 16), 'findings in the last document');
      assert.deepEqual(linter.lint({ text, fileName: 'x.yaml' }), fresh, JSON.stringify(text));
    }
  });
});

describe('whether a YAML file may hold a pragma', () => {
  it('is what a scan of the whole text says, in whichever document the pragma is', () => {
    const linter = new YamlDocumentLinter(() => [], 4000, 32);
    for (const text of ['a: 1\n---\nb: 2\n', 'a: 1\n---\n# infra-guide ignore=x\nb: 2\n', '# Infra-Guide\n---\na: 1\n', 'a: 1\n---\nb: 2 # INFRA-GUIDE\n']) {
      assert.equal(linter.lint('kubernetes', text, defaultConfig(), 'x.yaml').mayHoldPragmas, hasSuppressions(text), JSON.stringify(text));
    }
  });
});

describe('the document cache of an edited file', () => {
  it('does not keep each edited version of the whole file alive', (t) => {
    const gc = exposeGc();
    if (!gc) return t.skip('cannot expose the garbage collector');
    const pod = (i: number): string => `apiVersion: v1\nkind: Pod\nmetadata:\n  name: pod-${i}\nspec:\n  containers:\n    - name: c\n      image: nginx\n`;
    let text = Array.from({ length: 2000 }, (_, i) => pod(i)).join('---\n'); // ~220 K characters
    const linter = new Linter();
    linter.lint({ text, fileName: 'x.yaml' });
    gc();
    const before = process.memoryUsage().heapUsed;
    const edits = 100;
    for (let k = 0; k < edits; k++) {
      // A character typed into the name of pod 13k: one new document text per edit.
      const at = text.indexOf(`name: pod-${13 * k}\n`) + 6;
      text = text.slice(0, at) + 'x' + text.slice(at);
      linter.lint({ text, fileName: 'x.yaml' });
    }
    gc();
    const perEdit = (process.memoryUsage().heapUsed - before) / edits;
    // Each edit caches one parsed document (~10 KB); a copy of the file is ~220 KB (one byte per character).
    assert.ok(perEdit < 100_000, `${Math.round(perEdit / 1024)} KB kept per edit`);
  });
});
