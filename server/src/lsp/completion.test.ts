import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { CompletionItem, InsertReplaceEdit, MarkupContent, TextEdit } from 'vscode-languageserver';
import { defaultConfig, mergeConfig, type InfraGuideConfig } from '../engine/config';
import { allRules } from '../engine/registry';
import type { DocumentKind } from '../engine/types';
import { provideCompletions, runsTriggerSuggest, type CompletionRequest } from './completion';

/** Completions at the `|` of `text` (the bar is removed), for a client taking `InsertReplaceEdit`s unless told. */
function at(text: string, kind: DocumentKind, extra: Partial<CompletionRequest> = {}): CompletionItem[] {
  const bar = text.indexOf('|');
  assert.ok(bar >= 0, 'the text marks the cursor with |');
  const clean = text.slice(0, bar) + text.slice(bar + 1);
  const before = clean.slice(0, bar);
  const line = before.split('\n').length - 1;
  const character = bar - (before.lastIndexOf('\n') + 1);
  const errors: unknown[] = [];
  const items = provideCompletions({ text: clean, position: { line, character }, kind, insertReplace: true, onError: (e) => errors.push(e), ...extra });
  assert.deepEqual(errors, []);
  return items;
}

const labels = (items: CompletionItem[]) => items.map((i) => i.label);
/** The item's edit, with its replace range when it has two. */
function edit(item: CompletionItem | undefined): TextEdit {
  const e = item?.textEdit as TextEdit | InsertReplaceEdit;
  return 'replace' in e ? { range: e.replace, newText: e.newText } : e;
}
/** The line after applying the item's edit (single-line edits on `line`; the replace range of two). */
function applied(lineText: string, item: CompletionItem | undefined): string {
  const e = edit(item);
  return lineText.slice(0, e.range.start.character) + e.newText + lineText.slice(e.range.end.character);
}
const idsOf = (pred: (domain: string, id: string) => boolean) =>
  allRules.filter((r) => pred(r.meta.domain, r.meta.id)).map((r) => r.meta.id).sort();
const withConfig = (over: Partial<InfraGuideConfig>) => ({ config: () => mergeConfig(defaultConfig(), over) });

describe('completion: pragma keywords', () => {
  it('offers ignore= and ignore-file= after `# infra-guide ` in every kind of file, on the space that triggers', () => {
    for (const [text, kind] of [
      ['FROM node:20\n# infra-guide |\nCMD ["node"]\n', 'dockerfile'],
      ['apiVersion: v1\nkind: Pod\n# infra-guide |\nmetadata: {}\n', 'kubernetes'],
      ['services:\n  web:\n    # infra-guide |\n    image: nginx\n', 'compose'],
      ['on: push\n# infra-guide |\njobs: {}\n', 'github-actions'],
      ['feat(#6): Add it\n# infra-guide |\n', 'commit-message'],
      ['# infra-guide |\nrules: {}\n', 'infra-guide-config'],
    ] as const) {
      const items = at(text, kind, { triggerCharacter: ' ' });
      assert.deepEqual(labels(items), ['ignore=', 'ignore-file='], `${kind}`);
      assert.ok((items[0]!.documentation as MarkupContent).value.includes('next line'));
    }
  });

  it('replaces the keyword typed so far, and reopens the suggestions only for VS Code clients', () => {
    const items = at('FROM node:20\n# infra-guide ig|n\n', 'dockerfile', { retrigger: true });
    assert.equal(applied('# infra-guide ign', items[1]), '# infra-guide ignore-file=');
    assert.equal(items[0]!.command?.command, 'editor.action.triggerSuggest');
    assert.equal(at('FROM node:20\n# infra-guide ig|\n', 'dockerfile')[0]!.command, undefined);
  });

  it('replaces only the keyword, never the rule ids written after its `=`', () => {
    for (const [text, line] of [
      ['FROM node:20\n# infra-guide ign|ore=dockerfile/use-exec-form\n', '# infra-guide ignore=dockerfile/use-exec-form'],
      ['FROM node:20\n# infra-guide |ignore=dockerfile/use-exec-form\n', '# infra-guide ignore=dockerfile/use-exec-form'],
    ] as const) {
      const items = at(text, 'dockerfile');
      assert.equal(applied(line, items[0]), '# infra-guide ignore=dockerfile/use-exec-form');
      assert.equal(applied(line, items[1]), '# infra-guide ignore-file=dockerfile/use-exec-form');
    }
  });

  it('reopens the suggestions in VS Code and its builds only, not in any client named with `code`', () => {
    for (const name of ['Visual Studio Code', 'Visual Studio Code - Insiders', 'VSCodium', 'Code - OSS', 'code-server']) assert.ok(runsTriggerSuggest(name), name);
    for (const name of ['CodeLite', 'Xcode', 'Neovim', 'coc.nvim', 'Sublime Text LSP', '', undefined]) assert.ok(!runsTriggerSuggest(name), String(name));
  });

  it('completes `# infr` to a whole pragma start when asked, but never on the space starting a comment', () => {
    const items = at('FROM node:20\n# infr|\n', 'dockerfile');
    assert.deepEqual(labels(items), ['infra-guide ignore=', 'infra-guide ignore-file=']);
    assert.equal(applied('# infr', items[0]), '# infra-guide ignore=');
    assert.deepEqual(at('FROM node:20\n# |\n', 'dockerfile', { triggerCharacter: ' ' }), []);
    assert.deepEqual(at('FROM node:20\n# infra|\n', 'dockerfile', { triggerCharacter: '=' }), []);
    assert.deepEqual(at('FROM node:20\n# install| deps\n', 'dockerfile'), []);
  });

  it('completes only the name where the keyword is written after it, never a second keyword', () => {
    const items = at('FROM node:20\n# infr|a-guide ignore=dockerfile/use-exec-form\n', 'dockerfile');
    assert.deepEqual(labels(items), ['infra-guide']);
    assert.equal(applied('# infra-guide ignore=dockerfile/use-exec-form', items[0]), '# infra-guide ignore=dockerfile/use-exec-form');
    assert.equal(applied('# infr ignore=dockerfile/use-exec-form', at('FROM node:20\n# infr| ignore=dockerfile/use-exec-form\n', 'dockerfile')[0]), '# infra-guide ignore=dockerfile/use-exec-form');
  });
});

describe('completion: insert and replace ranges', () => {
  // The cursor in the middle of a word, in each context: the item's replace range runs past it.
  const cases: [string, DocumentKind][] = [
    ['FROM node:20\n# infra-guide ignore=|dockerfile/use-exec-form\n', 'dockerfile'],
    ['FROM node:20\n# infra-guide ignore=dockerfile/use|-exec-form -- why\n', 'dockerfile'],
    ['FROM node:20\n# infra-guide ign|ore=\n', 'dockerfile'],
    ['FROM node:20\n# infr|a-guide ignore=dockerfile/use-exec-form\n', 'dockerfile'],
    ['apiVersion: v1\nkind: Pod\nmetadata:\n  annotations:\n    infra-guide.io/ignore: "kubernetes/|pin-image-version"\n', 'kubernetes'],
    ['services:\n  web:\n    labels:\n      - infra-guide.io/ignore=compose/|x\n', 'compose'],
    ['rules:\n  dockerfile/pin|-base\n', 'infra-guide-config'],
    ['rules:\n  dockerfile/use-exec-form: w|arn\n', 'infra-guide-config'],
    ['fe|at(#3): Add it\n', 'commit-message'],
  ];

  it('gives clients that take them both ranges: insert up to the cursor, replace over the word', () => {
    for (const [text, kind] of cases) {
      const cursor = text.slice(0, text.indexOf('|')).length - (text.lastIndexOf('\n', text.indexOf('|')) + 1);
      const items = at(text, kind);
      assert.ok(items.length > 0, text);
      for (const item of items) {
        const e = item.textEdit as InsertReplaceEdit;
        assert.ok('insert' in e && 'replace' in e, `${text}: ${item.label}`);
        assert.deepEqual(e.insert.start, e.replace.start, `${text}: ${item.label}`);
        assert.equal(e.insert.end.character, cursor, `${text}: ${item.label}`);
        assert.ok(e.replace.end.character > cursor, `${text}: ${item.label}`);
      }
    }
  });

  it('gives other clients an edit ending at the cursor, which keeps the text after it', () => {
    for (const [text, kind] of cases) {
      const cursor = text.slice(0, text.indexOf('|')).length - (text.lastIndexOf('\n', text.indexOf('|')) + 1);
      const items = at(text, kind, { insertReplace: false });
      assert.ok(items.length > 0, text);
      for (const item of items) {
        const e = item.textEdit as TextEdit;
        assert.ok('range' in e, `${text}: ${item.label}`);
        assert.equal(e.range.end.character, cursor, `${text}: ${item.label}`);
      }
    }
    const line = '# infra-guide ignore=dockerfile/use-exec-form';
    const items = at(`FROM node:20\n# infra-guide ignore=|dockerfile/use-exec-form\n`, 'dockerfile', { insertReplace: false });
    const npm = items.find((i) => i.label === 'dockerfile/use-npm-ci');
    assert.equal(applied(line, npm), '# infra-guide ignore=dockerfile/use-npm-cidockerfile/use-exec-form');
  });

  it('keeps a single edit where nothing after the cursor is replaced', () => {
    const items = at('FROM node:20\n# infra-guide ignore=dockerfile/pin|\n', 'dockerfile');
    assert.ok(items.every((i) => 'range' in (i.textEdit as TextEdit)));
  });
});

describe('completion: pragma rule ids', () => {
  it('offers the rules a pragma can silence in a Dockerfile, with title, rationale and docs link', () => {
    const items = at('FROM node:20\n# infra-guide ignore=|\nCMD node server.js\n', 'dockerfile', { triggerCharacter: '=' });
    const expected = idsOf((domain) => domain === 'dockerfile');
    assert.deepEqual(labels(items).sort(), expected, 'no pragma problem, no rule of another kind, no file-level guard');
    const exec = items.find((i) => i.label === 'dockerfile/use-exec-form')!;
    assert.equal(exec.detail, 'Write CMD and ENTRYPOINT in exec form');
    const doc = exec.documentation as MarkupContent;
    assert.equal(doc.kind, 'markdown');
    assert.match(doc.value, /exec form/);
    assert.match(doc.value, /\(file:\/\/\S+\/docs\/rules\/dockerfile\/use-exec-form\.md\)/);
    assert.deepEqual(edit(exec).range, { start: { line: 1, character: 21 }, end: { line: 1, character: 21 } });
  });

  it('offers the rules of each kind: its own, the generic YAML rule, and engine findings a pragma can silence', () => {
    const ids = (text: string, kind: DocumentKind) => labels(at(text, kind, { triggerCharacter: '=' })).sort();
    const yamlEngine = ['infra-guide/parse-error', 'infra-guide/templated-file-skipped'];
    assert.deepEqual(ids('apiVersion: v1\nkind: Pod\n# infra-guide ignore=|\n', 'kubernetes'), [...idsOf((d) => d === 'kubernetes'), ...yamlEngine, 'yaml/no-duplicate-keys'].sort());
    assert.deepEqual(ids('services: {}\n# infra-guide ignore-file=|\n', 'compose'), [...idsOf((d) => d === 'compose'), ...yamlEngine, 'yaml/no-duplicate-keys'].sort());
    assert.deepEqual(ids('on: push\n# infra-guide ignore=|\n', 'github-actions'), [...yamlEngine, 'yaml/no-duplicate-keys'].sort());
    assert.deepEqual(ids('feat(#1): X\n# infra-guide ignore=|\n', 'commit-message'), idsOf((d) => d === 'commit'));
    assert.deepEqual(ids('# infra-guide ignore-file=|\n', 'infra-guide-config'), ['infra-guide/invalid-config']);
  });

  it('does not offer ids already listed, before or after the cursor, and replaces the id being typed', () => {
    const line = '# infra-guide ignore=dockerfile/use-exec-form, dockerfile/pin|-base, dockerfile/use-npm-ci -- why';
    const items = at(`FROM node:20\n${line}\n`, 'dockerfile');
    assert.ok(!labels(items).includes('dockerfile/use-exec-form'));
    assert.ok(!labels(items).includes('dockerfile/use-npm-ci'));
    const pin = items.find((i) => i.label === 'dockerfile/pin-base-image-version');
    assert.equal(
      applied(line.replace('|', ''), pin),
      '# infra-guide ignore=dockerfile/use-exec-form, dockerfile/pin-base-image-version, dockerfile/use-npm-ci -- why',
    );
    const afterComma = at('FROM node:20\n# infra-guide ignore=dockerfile/use-exec-form,|\n', 'dockerfile', { triggerCharacter: ',' });
    assert.equal(afterComma.length, idsOf((d) => d === 'dockerfile').length - 1);
    assert.equal(at('FROM node:20\n# infra-guide ignore=dockerfile/use-exec-form, |\n', 'dockerfile', { triggerCharacter: ' ' }).length, afterComma.length);
  });

  it('offers `-- ` for the reason after the ids, and nothing once a reason is there', () => {
    const items = at('FROM node:20\n# infra-guide ignore=dockerfile/use-exec-form |\n', 'dockerfile', { triggerCharacter: ' ' });
    assert.deepEqual(labels(items), ['--']);
    assert.equal(applied('# infra-guide ignore=dockerfile/use-exec-form ', items[0]), '# infra-guide ignore=dockerfile/use-exec-form -- ');
    assert.deepEqual(at('FROM node:20\n# infra-guide ignore=dockerfile/use-exec-form | -- tini\n', 'dockerfile', { triggerCharacter: ' ' }), []);
    assert.deepEqual(at('FROM node:20\n# infra-guide ignore=dockerfile/use-exec-form -- tini |\n', 'dockerfile', { triggerCharacter: ' ' }), []);
  });

  it('offers nothing on lines that are data: a heredoc body, a YAML block scalar, a commit diff', () => {
    assert.deepEqual(at('FROM node:20\nRUN <<EOF\n# infra-guide ignore=|\nEOF\n', 'dockerfile', { triggerCharacter: '=' }), []);
    assert.deepEqual(at('FROM node:20\nCOPY <<EOF /etc/x\n# infra-guide |\nEOF\n', 'dockerfile', { triggerCharacter: ' ' }), []);
    assert.deepEqual(at('jobs:\n  a:\n    steps:\n      - run: |\n          # infra-guide ignore=|\n          make\n', 'github-actions', { triggerCharacter: '=' }), []);
    const diff = 'feat(#1): X\n# ------------------------ >8 ------------------------\ndiff --git a/Dockerfile b/Dockerfile\n+# infra-guide ignore=|\n';
    assert.deepEqual(at(diff.replace('+# infra', '# infra'), 'commit-message', { triggerCharacter: '=' }), []);
    // The same lines outside the data are pragmas.
    assert.ok(at('FROM node:20\nRUN <<EOF\nx\nEOF\n# infra-guide ignore=|\n', 'dockerfile', { triggerCharacter: '=' }).length > 0);
    assert.ok(at('jobs:\n  a:\n    steps:\n      # infra-guide ignore=|\n      - run: |\n          make\n', 'github-actions', { triggerCharacter: '=' }).length > 0);
  });

  it('offers no pragma where the config forbids them', () => {
    const forbid = withConfig({ pragmas: { allow: false, requireReason: false } });
    assert.deepEqual(at('FROM node:20\n# infra-guide ignore=|\n', 'dockerfile', { triggerCharacter: '=', ...forbid }), []);
    assert.deepEqual(at('FROM node:20\n# infra-guide |\n', 'dockerfile', { triggerCharacter: ' ', ...forbid }), []);
  });

  it('answers a trigger character typed in ordinary text with nothing', () => {
    assert.deepEqual(at('FROM node:20\nRUN apt-get install |\n', 'dockerfile', { triggerCharacter: ' ' }), []);
    assert.deepEqual(at('FROM node:20\nENV A=|\n', 'dockerfile', { triggerCharacter: '=' }), []);
    assert.deepEqual(at('apiVersion: v1\nkind: Pod\nmetadata:\n  name: |\n', 'kubernetes', { triggerCharacter: ' ' }), []);
    assert.deepEqual(at('rules:\n  dockerfile/use-exec-form: |\n', 'infra-guide-config', { triggerCharacter: ' ' }), []);
    assert.deepEqual(at('feat(#1): Add |\n', 'commit-message', { triggerCharacter: ' ' }), []);
    assert.deepEqual(at('|', 'commit-message', { triggerCharacter: ' ' }), []);
  });
});

describe('completion: infra-guide.io/ignore annotation and label', () => {
  const pod = (value: string) => `apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\n  annotations:\n    infra-guide.io/ignore: ${value}\nspec: {}\n`;

  it('offers the Kubernetes rules, `kubernetes/*` and `*` in the annotation value', () => {
    const items = at(pod('|'), 'kubernetes', { triggerCharacter: ' ' });
    assert.deepEqual(labels(items).sort(), [...idsOf((d) => d === 'kubernetes'), 'kubernetes/*', '*'].sort());
    // Unquoted, a value starting with `*` would be a YAML alias.
    assert.equal(edit(items.find((i) => i.label === '*')).newText, '"*"');
    assert.equal(edit(items.find((i) => i.label === 'kubernetes/pin-image-version')).newText, 'kubernetes/pin-image-version');
    assert.equal(edit(at(pod('"|"'), 'kubernetes').find((i) => i.label === '*')).newText, '*');
  });

  it('leaves out what the value already lists, and everything after `*`', () => {
    const items = at(pod('"kubernetes/pin-image-version, |, kubernetes/run-as-non-root"'), 'kubernetes', { triggerCharacter: ' ' });
    assert.ok(!labels(items).includes('kubernetes/pin-image-version'));
    assert.ok(!labels(items).includes('kubernetes/run-as-non-root'));
    assert.ok(labels(items).includes('kubernetes/set-resource-limits'));
    assert.deepEqual(labels(at(pod('"kubernetes/*,|"'), 'kubernetes', { triggerCharacter: ',' })), ['*']);
    assert.deepEqual(at(pod('"*,|"'), 'kubernetes', { triggerCharacter: ',' }), []);
  });

  it('offers the Compose rules in the label, in mapping and list form', () => {
    const expected = [...idsOf((d) => d === 'compose'), 'compose/*', '*'].sort();
    const map = 'services:\n  web:\n    image: nginx:1.27\n    labels:\n      infra-guide.io/ignore: "compose/set-healthcheck,|"\n';
    assert.deepEqual(labels(at(map, 'compose', { triggerCharacter: ',' })).sort(), expected.filter((id) => id !== 'compose/set-healthcheck'));
    const list = 'services:\n  web:\n    image: nginx:1.27\n    labels:\n      - "infra-guide.io/ignore=|"\n';
    assert.deepEqual(labels(at(list, 'compose', { triggerCharacter: '=' })).sort(), expected);
  });

  it('offers nothing for the annotation in other kinds of YAML, nor in a block scalar', () => {
    assert.deepEqual(at('on: push\nenv:\n  infra-guide.io/ignore: |\n', 'github-actions', { triggerCharacter: ' ' }), []);
    const folded = 'apiVersion: v1\nkind: Pod\nmetadata:\n  annotations:\n    notes: >-\n      see\n      infra-guide.io/ignore: |\n';
    assert.deepEqual(at(folded, 'kubernetes', { triggerCharacter: ' ' }), []);
  });
});

describe('completion: .infra-guide.yaml', () => {
  const config = (text: string, extra: Partial<CompletionRequest> = {}) => at(text, 'infra-guide-config', extra);

  it('offers rule ids as keys under `rules:`, with their title and default level, while the file does not parse', () => {
    const items = config('rules:\n  dockerfile/pin|\n');
    assert.equal(items.length, allRules.length);
    const pin = items.find((i) => i.label === 'dockerfile/pin-base-image-version')!;
    assert.equal(pin.detail, 'Pin base images to a version tag (default: warning)');
    assert.equal(applied('  dockerfile/pin', pin), '  dockerfile/pin-base-image-version: ');
    const more = config('rules:\n  dockerfile/use-exec-form: off\n  kubernetes/pin-image-version:\n    level: error\n  |\nignore: []\n');
    assert.equal(more.length, allRules.length - 2, 'ids already configured are not offered');
    assert.ok(!labels(more).includes('dockerfile/use-exec-form'));
    // Editing a key in place keeps what follows.
    assert.equal(applied('  docker: off', config('rules:\n  dock|er: off\n').find((i) => i.label === 'dockerfile/use-npm-ci')), '  dockerfile/use-npm-ci: off');
  });

  it('offers the levels as a rule\'s value or under `level:`, the rule\'s default marked', () => {
    const items = config('rules:\n  dockerfile/use-minimal-base-image: |\n');
    assert.deepEqual(labels(items), ['off', 'info', 'warning', 'error']);
    assert.equal(items.find((i) => i.detail === 'default')?.label, 'info');
    assert.deepEqual(labels(config('rules:\n  dockerfile/use-exec-form:\n    options: {}\n    level: w|\n')), ['off', 'info', 'warning', 'error']);
    assert.deepEqual(labels(config('rules: { dockerfile/use-exec-form: | }\n')), ['off', 'info', 'warning', 'error']);
  });

  it('offers `level` and `options` in a rule\'s mapping, and the rule\'s option names under `options:`', () => {
    assert.deepEqual(labels(config('rules:\n  dockerfile/use-exec-form:\n    |\n')), ['level', 'options']);
    assert.deepEqual(labels(config('rules:\n  dockerfile/use-exec-form:\n    level: off\n    o|\n')), ['options']);
    const options = config('rules:\n  commit/subject-format:\n    options:\n      |\n');
    assert.deepEqual(labels(options), ['types']);
    assert.match(String(options[0]!.detail), /Allowed commit types/);
    assert.match((options[0]!.documentation as MarkupContent).value, /"feat"/);
    assert.deepEqual(labels(config('rules:\n  commit/subject-format:\n    options: { | }\n')), ['types']);
    assert.deepEqual(config('rules:\n  commit/subject-format:\n    options:\n      types: [a]\n      |\n'), [], 'written options are not offered again');
    assert.deepEqual(config('rules:\n  no/such-rule:\n    options:\n      |\n'), []);
  });

  it('offers the anchors written before a merge key\'s value or an alias, not levels or rule ids', () => {
    const anchors = 'x-base: &b\n  dockerfile/use-exec-form: off\nx-list: &l [a]\nx-level: &lv off\n';
    const merge = config(anchors + 'rules:\n  <<: |\n');
    assert.deepEqual(labels(merge), ['*b'], 'only mappings merge');
    assert.equal(applied('  <<: ', merge[0]), '  <<: *b');
    assert.equal(applied('  <<: *', config(anchors + 'rules:\n  <<: *|\n')[0]), '  <<: *b');
    assert.deepEqual(labels(config(anchors + 'rules: {<<: [*b, |]}\n')), ['*b']);
    assert.deepEqual(labels(config(anchors + 'rules:\n  dockerfile/use-exec-form: *|\n')), ['*b', '*l', '*lv']);
    assert.deepEqual(config('rules: &r\n  <<: |\n'), [], 'an anchor is not merged into itself');
    assert.deepEqual(config('rules:\n  <<: |\nx-b: &b {}\n'), [], 'an alias refers to an anchor before it');
    assert.deepEqual(config(anchors + 'rules:\n  <<|\n'), []);
  });

  it('offers rule ids, levels and options in an `x-` block as where its aliases use it', () => {
    const merged = (block: string) => config(`x-base: &b\n${block}rules:\n  <<: *b\n`);
    assert.equal(merged('  dockerfile/pin|\n').length, allRules.length);
    assert.equal(applied('  dockerfile/pin', merged('  dockerfile/pin|\n').find((i) => i.label === 'dockerfile/pin-base-image-version')), '  dockerfile/pin-base-image-version: ');
    assert.equal(merged('  dockerfile/use-exec-form: off\n  |\n').length, allRules.length - 1, 'ids written in the block are not offered');
    assert.deepEqual(labels(merged('  dockerfile/use-exec-form: |\n')), ['off', 'info', 'warning', 'error']);
    assert.deepEqual(labels(merged('  dockerfile/use-exec-form:\n    |\n')), ['level', 'options']);
    // A block used as a rule's value, merged into it, as its options, and through another block.
    assert.deepEqual(labels(config('x-r: &r\n  level: |\nrules:\n  dockerfile/use-exec-form: *r\n')), ['off', 'info', 'warning', 'error']);
    assert.deepEqual(labels(config('x-r: &r\n  level: off\n  |\nrules:\n  dockerfile/use-exec-form:\n    <<: *r\n')), ['options']);
    assert.deepEqual(labels(config('x-o: &o\n  |\nrules:\n  commit/subject-format:\n    options: *o\n')), ['types']);
    assert.equal(config('x-a: &a\n  |\nx-b: &b\n  <<: [*a]\nrules: {<<: *b}\n').length, allRules.length);
    // Not used, or used elsewhere: nothing.
    assert.deepEqual(config('x-base: &b\n  |\n'), []);
    assert.deepEqual(config('x-base: &b\n  |\nignore: *b\n'), []);
    assert.deepEqual(config('x-base:\n  |\nrules:\n  <<: *nope\n'), []);
    // Keys written beside a merge in `rules:` are still rule ids (they override the merged ones).
    assert.equal(config('x-base: &b\n  dockerfile/use-exec-form: off\nrules: {<<: *b, |}\n').length, allRules.length);
  });

  it('offers nothing in comments, other keys, values or lists', () => {
    assert.deepEqual(config('rules:\n  # dockerfile/|\n'), []);
    assert.deepEqual(config('ru|\n'), []);
    assert.deepEqual(config('rules: |\n'), []);
    assert.deepEqual(config('ignore:\n  - |\n'), []);
    assert.deepEqual(config('pragmas:\n  allow: |\n'), []);
    assert.deepEqual(config('rules:\n  dockerfile/use-exec-form:|\n'), []);
    assert.deepEqual(config('rules:\n  dockerfile/use-exec-form: |\n', { triggerCharacter: ' ' }), []);
  });
});

describe('completion: commit messages', () => {
  it('offers the allowed commit types at the start of the subject, followed by `(#`', () => {
    const items = at('fe|\n# Please enter the commit message\n', 'commit-message');
    assert.deepEqual(labels(items), ['feat', 'fix', 'chore', 'docs', 'refactor', 'test', 'ci', 'perf', 'build']);
    assert.equal(applied('fe', items[0]), 'feat(#');
    const custom = at('|\n\n# comment\n', 'commit-message', withConfig({ rules: { 'commit/subject-format': { options: { types: ['infra', 'ops'] } } } }));
    assert.deepEqual(labels(custom), ['infra', 'ops']);
    // Only the type is replaced when the scope is already written.
    assert.equal(applied('fxi(#3): Fix it', at('fx|i(#3): Fix it\n', 'commit-message')[1]), 'fix(#3): Fix it');
    // Types may hold digits and `-` (`hot-fix`, `v2`): the whole type is replaced, wherever the cursor is in it.
    const typesWithDashes = withConfig({ rules: { 'commit/subject-format': { options: { types: ['hot-fix', 'v2'] } } } });
    assert.equal(applied('hot-fx(#3): Fix it', at('hot|-fx(#3): Fix it\n', 'commit-message', typesWithDashes)[0]), 'hot-fix(#3): Fix it');
    assert.equal(applied('hot-fx(#3): Fix it', at('hot-|fx(#3): Fix it\n', 'commit-message', typesWithDashes)[0]), 'hot-fix(#3): Fix it');
    assert.equal(applied('v3(#3): Fix it', at('v3|(#3): Fix it\n', 'commit-message', typesWithDashes)[1]), 'v2(#3): Fix it');
    // Not in the body, nor after the start of the subject.
    assert.deepEqual(at('feat(#3): Add |\n', 'commit-message'), []);
    assert.deepEqual(at('# comment\nfe|\n', 'commit-message').length, 9, 'the subject is the first line git keeps');
  });

  it('offers the `Refs #N` footer at the end of the message, N from the subject', () => {
    const items = at('feat(#12): Add cache\n\n- Add Redis\n\nR|\n# Please enter\n', 'commit-message');
    assert.deepEqual(labels(items), ['Refs #12']);
    assert.equal(applied('R', items[0]), 'Refs #12');
    // Right under a bullet, the footer starts its own paragraph.
    assert.equal(edit(at('feat(#12): Add cache\n\n- Add Redis\n|', 'commit-message')[0]).newText, '\nRefs #12');
    assert.equal(edit(at('feat(#12): Add cache\r\n\r\n- Add Redis\r\n|', 'commit-message')[0]).newText, '\r\nRefs #12');
    // Joining a block of trailers needs no blank line.
    assert.equal(edit(at('feat(#12): Add cache\n\n- Add Redis\n\nSigned-off-by: A <a@example.com>\n|', 'commit-message')[0]).newText, 'Refs #12');
    assert.deepEqual(labels(at('Add cache\n\n- Add Redis\n\n|', 'commit-message')), ['Refs #']);
  });

  it('offers the commit types after a byte order mark, which the edit keeps', () => {
    const items = at('\uFEFFfe|\n# Please enter the commit message\n', 'commit-message');
    assert.equal(labels(items)[0], 'feat');
    assert.equal(applied('\uFEFFfe', items[0]), '\uFEFFfeat(#');
    assert.equal(edit(items[0]).range.start.character, 1);
    assert.deepEqual(at('|\uFEFFfe\n', 'commit-message'), [], 'nothing before the mark');
  });

  it('offers no footer where one is, or before the end of the message', () => {
    assert.deepEqual(at('feat(#12): Add cache\n\n- Add Redis\n\nRefs #12\n|', 'commit-message'), []);
    assert.deepEqual(at('feat(#12): Add cache\n\n|\n\n- Add Redis\n', 'commit-message'), []);
  });
});
