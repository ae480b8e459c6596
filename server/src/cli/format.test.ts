import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Finding } from '../engine/types';
import type { FileResult } from '../workspace/lint-files';
import { isAbsolute, relative, sep } from 'node:path';
import { displayPath, escapeGithubData, escapeGithubProperty, formatGithub, formatGitlab, formatJson, formatJsonBytes, formatSummaryLine, GITHUB_HINT_MAX_LENGTH, relativeInside, toGitlab, toJson, toSarif } from './format';

const finding = (over: Partial<Finding>): Finding => ({
  ruleId: 'dockerfile/use-exec-form',
  severity: 'warning',
  message: 'Use "exec" form\\ with `JSON` — ünïcode \u2028 and a\nnew line',
  range: { start: { line: 2, character: 4 }, end: { line: 3, character: 0 } },
  fixes: [],
  ...over,
});

test('formatJson writes the public JSON shape: paths relative to cwd, 1-based positions, escapes', () => {
  const cwd = '/repo';
  const results: FileResult[] = [
    { path: '/repo/a/Dockerfile', kind: 'dockerfile', findings: [finding({ severity: 'error', fixes: [{ title: 't', safe: true, edits: [{ range: finding({}).range, newText: 'x' }] }] })] },
    { path: '/repo/empty.yaml', kind: 'yaml', findings: [] },
    { path: '/elsewhere/"quoted"\\dir/compose.yaml', kind: 'compose', findings: [finding({ ruleId: 'compose/set-healthcheck', severity: 'info' })] },
  ];
  const message = '"Use \\"exec\\" form\\\\ with `JSON` — ünïcode \u2028 and a\\nnew line"';
  const item = (file: string, ruleId: string, severity: string, fixable: boolean) =>
    `  {\n    "file": ${file},\n    "ruleId": "${ruleId}",\n    "severity": "${severity}",\n    "message": ${message},\n` +
    `    "line": 3,\n    "column": 5,\n    "endLine": 4,\n    "endColumn": 1,\n    "fixable": ${fixable}\n  }`;
  const expected = `[\n${item('"a/Dockerfile"', 'dockerfile/use-exec-form', 'error', true)},\n${item('"/elsewhere/\\"quoted\\"\\\\dir/compose.yaml"', 'compose/set-healthcheck', 'info', false)}\n]\n`;
  assert.equal(formatJson(cwd, results), expected);
  assert.equal(formatJson(cwd, [results[1]!]), '[]\n');
  assert.equal(formatJson(cwd, []), '[]\n');
});

test('a folder or file whose name starts with `..` is inside the root, not above it (every format)', () => {
  const results: FileResult[] = [{ path: '/repo/..cache/Dockerfile', kind: 'dockerfile', findings: [finding({ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 4 } } })] }];
  assert.equal(displayPath('/repo', '/repo/..cache/Dockerfile'), '..cache/Dockerfile');
  assert.equal(displayPath('/repo', '/repo/..'), '/repo/..');
  assert.equal(displayPath('/repo/sub', '/repo/other/Dockerfile'), '/repo/other/Dockerfile');
  assert.equal(displayPath('/repo', '/repo'), '/repo');
  assert.match(formatJson('/repo', results), /"file": "\.\.cache\/Dockerfile"/);
  assert.match(formatGithub('/repo', results), /^::warning file=\.\.cache\/Dockerfile,/);
  assert.equal(toGitlab('/repo', results)[0]!.location.path, '..cache/Dockerfile');
  const sarif = JSON.stringify(toSarif('/repo', results, { version: '1' }));
  assert.match(sarif, /"artifactLocation":\{"uri":"\.\.cache\/Dockerfile","uriBaseId":"%SRCROOT%"\}/);
});

// ---- GitHub Actions workflow commands ----------------------------------------------------

test('formatJsonBytes: the UTF-8 bytes of formatJson, over generated findings in and out of ASCII', () => {
  // ASCII, Latin-1 (one byte in a JS string, two in UTF-8), `…`, an emoji, lone surrogates, escapes.
  const texts = ['plain', 'café', 'a … b', 'rocket \u{1F680}', 'lone \ud800 x', 'end \udc00', 'quote " \\ \n \u2028', ''];
  let seed = 5;
  const next = (n: number): number => {
    seed = (seed * 48271) % 2147483647;
    return seed % n;
  };
  for (let run = 0; run < 300; run++) {
    const results: FileResult[] = [];
    const files = next(5);
    for (let i = 0; i < files; i++) {
      const findings: Finding[] = [];
      const count = next(4);
      for (let k = 0; k < count; k++) {
        // Mostly ASCII, as real output is: runs of ASCII findings between the others.
        const message = next(3) === 0 ? texts[next(texts.length)]! : `message ${k}`;
        findings.push(finding({ message, ruleId: next(20) === 0 ? 'rule/ünï' : 'dockerfile/use-exec-form', severity: (['error', 'warning', 'info'] as const)[next(3)]! }));
      }
      const name = next(4) === 0 ? texts[next(texts.length)]! : `f${i}`;
      results.push({ path: `/repo/${name}/Dockerfile`, kind: 'dockerfile', findings });
    }
    const text = formatJson('/repo', results);
    assert.deepEqual(formatJsonBytes('/repo', results), Buffer.from(text, 'utf8'), text);
  }
});

test('formatJsonBytes checks every string field of a JSON finding for non-ASCII text', () => {
  // It writes a finding as Latin-1 when `file`, `ruleId` and `message` are ASCII (`severity` is a
  // fixed word): a new string field must be checked there too, or its non-ASCII text is mangled.
  const [item] = toJson('/repo', [{ path: '/repo/Dockerfile', kind: 'dockerfile', findings: [finding({})] }]);
  const strings = Object.entries(item!).filter(([, v]) => typeof v === 'string').map(([k]) => k);
  assert.deepEqual(strings.sort(), ['file', 'message', 'ruleId', 'severity']);
  assert.ok(Object.values(item!).every((v) => typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean'));
});

test('relativeInside: the same as `path.relative` and its `..` test, over generated paths', () => {
  // The reference: what relativeInside computed before its per-folder cache of `relative`.
  const slow = (folder: string, path: string): string | undefined => {
    const rel = relative(folder, path);
    return rel === '' || rel === '..' || rel.startsWith('..' + sep) || isAbsolute(rel) ? undefined : rel;
  };
  const segments = ['a', 'b', 'ab', '..', '.', '', '..a', 'a..', '.b', 'Dockerfile', 'x y', 'é'];
  let seed = 7;
  const next = (n: number): number => {
    seed = (seed * 48271) % 2147483647;
    return seed % n;
  };
  const gen = (): string => {
    const parts: string[] = [];
    const count = next(5);
    for (let i = 0; i < count; i++) parts.push(segments[next(segments.length)]!);
    const body = parts.join('/');
    const kind = next(6);
    // Mostly absolute, some relative, some with a trailing slash or none at all.
    return kind === 0 ? body : kind === 1 ? `/${body}/` : `/${body}`;
  };
  const folders = ['/', '/a', '/a/b', '/a/', '/a/./b', '/a/b/..', 'a', '.', ''];
  for (let i = 0; i < 20; i++) folders.push(gen());
  let inside = 0;
  for (let i = 0; i < 4000; i++) {
    const folder = folders[next(folders.length)]!;
    // Paths under the folder as often as elsewhere.
    const path = next(2) === 0 ? gen() : `${folder}/${gen()}`;
    // Twice: the second answer comes from the cache.
    for (let k = 0; k < 2; k++) assert.equal(relativeInside(folder, path), slow(folder, path), `relativeInside(${JSON.stringify(folder)}, ${JSON.stringify(path)})`);
    if (slow(folder, path) !== undefined) inside++;
  }
  assert.ok(inside > 500, `${inside} paths inside`);
});

test('formatGithub: no file= for a file outside the root or unnamed standard input; the message says where', () => {
  const pin = finding({ ruleId: 'dockerfile/pin-base-image-version', message: 'Pin it.', range: { start: { line: 1, character: 5 }, end: { line: 1, character: 9 } } });
  const results: FileResult[] = [
    { path: '/elsewhere/Dockerfile', kind: 'dockerfile', findings: [pin] },
    { path: '/repo/<stdin>', name: '<stdin>', kind: 'dockerfile', findings: [pin] },
    { path: '/repo/svc/Dockerfile', kind: 'dockerfile', findings: [pin] },
  ];
  const problems = [
    { level: 'error' as const, message: 'Bad level.', path: '/elsewhere/.infra-guide.yaml', range: pin.range, title: 'infra-guide/invalid-config' },
    { level: 'error' as const, message: '/elsewhere/Dockerfile: permission denied', path: '/elsewhere/Dockerfile' },
  ];
  assert.deepEqual(formatGithub('/repo', results, { root: '/repo', problems }).split('\n'), [
    '::error title=infra-guide/invalid-config::/elsewhere/.infra-guide.yaml:2:6: Bad level.',
    '::error title=infra-guide::/elsewhere/Dockerfile: permission denied',
    '::warning title=dockerfile/pin-base-image-version::/elsewhere/Dockerfile:2:6: Pin it. (docs: docs/rules/dockerfile/pin-base-image-version.md)',
    '::warning title=dockerfile/pin-base-image-version::<stdin>:2:6: Pin it. (docs: docs/rules/dockerfile/pin-base-image-version.md)',
    '::warning file=svc/Dockerfile,line=2,col=6,endLine=2,endColumn=10,title=dockerfile/pin-base-image-version::Pin it. (docs: docs/rules/dockerfile/pin-base-image-version.md)',
    '',
  ]);
});

const at = (line: number, character: number, endLine = line, endCharacter = character + 4) => ({ start: { line, character }, end: { line: endLine, character: endCharacter } });

test('escapeGithubData/Property: % first, then CR and LF; properties also : and ,', () => {
  assert.equal(escapeGithubData('100% a\r\nb:c,d %0A'), '100%25 a%0D%0Ab:c,d %250A');
  assert.equal(escapeGithubProperty('100% a\r\nb:c,d %3A'), '100%25 a%0D%0Ab%3Ac%2Cd %253A');
});

test('formatGithub: one command per finding, levels by severity, 1-based positions, rule id as title', () => {
  const results: FileResult[] = [
    {
      path: '/repo/svc/Dockerfile',
      kind: 'dockerfile',
      findings: [
        finding({ severity: 'error', message: 'e', range: at(0, 5) }),
        finding({ severity: 'warning', message: 'w', range: at(2, 0, 4, 3) }),
        finding({ severity: 'info', message: 'i', range: at(5, 2, 6, 0) }),
      ],
    },
    { path: '/repo/empty.yaml', kind: 'yaml', findings: [] },
  ];
  const hint = ' (docs: docs/rules/dockerfile/use-exec-form.md)';
  assert.equal(
    formatGithub('/repo/svc', results, { root: '/repo' }),
    `::error file=svc/Dockerfile,line=1,col=6,endLine=1,endColumn=10,title=dockerfile/use-exec-form::e${hint}\n` +
      // Columns only on one line (GitHub rejects them on a multi-line annotation).
      `::warning file=svc/Dockerfile,line=3,endLine=5,title=dockerfile/use-exec-form::w${hint}\n` +
      // A range ending at the start of a line ends on the line before it.
      `::notice file=svc/Dockerfile,line=6,col=3,endLine=6,title=dockerfile/use-exec-form::i${hint}\n`,
  );
  assert.equal(formatGithub('/repo', [results[1]!]), '', 'nothing at all without findings');
  // Without a root: relative to cwd; a file outside it gets no file= (see below).
  assert.match(formatGithub('/repo/svc', results), /^::error file=Dockerfile,/);
  assert.match(formatGithub('/elsewhere', results), /^::error title=dockerfile\/use-exec-form::\/repo\/svc\/Dockerfile:1:6: e /);
});

test('formatGithub: the docs hint only while the message stays short, and only for known rules', () => {
  const one = (f: Partial<Finding>) => formatGithub('/r', [{ path: '/r/Dockerfile', kind: 'dockerfile', findings: [finding({ range: at(0, 0), ...f })] }]);
  assert.match(one({ message: 'short' }), /::short \(docs: docs\/rules\/dockerfile\/use-exec-form\.md\)\n$/);
  const long = 'x'.repeat(GITHUB_HINT_MAX_LENGTH);
  assert.match(one({ message: long }), new RegExp(`::${long}\\n$`));
  assert.match(one({ ruleId: 'nobody/knows', message: 'short' }), /title=nobody\/knows::short\n$/);
});

test('formatGithub: no message, path or rule error can inject a workflow command', () => {
  const evil = 'a\n::error file=x.yaml,line=1::forged\r::add-mask::%0A 100%';
  const path = '/r/we,ird:dir\n::error title=forged::x/Dockerfile';
  const out = formatGithub('/r', [{ path, kind: 'dockerfile', findings: [finding({ message: evil, range: at(0, 0) })] }], {
    problems: [
      { level: 'error', message: `no such file or folder: ${evil}` },
      { level: 'error', message: evil, path, range: at(1, 0), title: 'infra-guide/invalid-config' },
      { level: 'notice', message: evil, path },
    ],
  });
  const lines = out.split('\n');
  assert.equal(lines.pop(), '');
  assert.equal(lines.length, 4, out);
  for (const l of lines) {
    // The command and its properties end at the first `::`; the rest is data, however it reads.
    const header = /^::(error|warning|notice) ([^:\r\n]*)::/.exec(l);
    assert.ok(header, l);
    // As GitHub's runner reads them: split at `,`, then at the first `=`.
    const props = header[2]!.split(',').map((kv) => [kv.slice(0, kv.indexOf('=')), kv.slice(kv.indexOf('=') + 1)] as const);
    assert.ok(props.every(([k]) => ['file', 'line', 'col', 'endLine', 'endColumn', 'title'].includes(k)), header[2]);
    assert.deepEqual(props.filter(([k]) => k === 'title').length, 1, header[2]);
    assert.doesNotMatch(props.find(([k]) => k === 'title')![1], /forged/);
    assert.doesNotMatch(l, /[\r\n]/);
  }
  const file = 'file=we%2Cird%3Adir%0A%3A%3Aerror title=forged%3A%3Ax/Dockerfile';
  const message = 'a%0A::error file=x.yaml,line=1::forged%0D::add-mask::%250A 100%25';
  assert.deepEqual(lines, [
    `::error title=infra-guide::no such file or folder: ${message}`,
    `::error ${file},line=2,col=1,endLine=2,endColumn=5,title=infra-guide/invalid-config::${message}`,
    `::notice ${file},title=infra-guide::${message}`,
    `::warning ${file},line=1,col=1,endLine=1,endColumn=5,title=dockerfile/use-exec-form::${message} (docs: docs/rules/dockerfile/use-exec-form.md)`,
  ]);
});

test('formatSummaryLine: counts only, and never success beside an error', () => {
  const results: FileResult[] = [{ path: '/r/Dockerfile', kind: 'dockerfile', findings: [finding({ severity: 'error' }), finding({})] }];
  assert.equal(formatSummaryLine(results, 3), 'infra-guide: 2 problems (1 error, 1 warning, 0 infos) in 1 file (3 checked)\n');
  assert.equal(formatSummaryLine(results, 3, 2), 'infra-guide: 2 problems (1 error, 1 warning, 0 infos) in 1 file (3 checked). Check failed: see the 2 errors above\n');
  assert.equal(formatSummaryLine([], 1), 'infra-guide: no problems found in 1 file\n');
  assert.equal(formatSummaryLine([], 0, 1), 'infra-guide: Check failed: see the error above (0 files checked, no problems in them)\n');
});

// ---- GitLab Code Quality ---------------------------------------------------------------

test('toGitlab: Code Quality fields, severities info/minor/major, paths relative to the root', () => {
  const results: FileResult[] = [
    { path: '/repo/svc/Dockerfile', kind: 'dockerfile', findings: [finding({ severity: 'error', range: at(2, 0) }), finding({ severity: 'warning' }), finding({ severity: 'info' })] },
    { path: '/elsewhere/compose.yaml', kind: 'compose', findings: [finding({ ruleId: 'compose/set-healthcheck', range: at(0, 0) })] },
  ];
  const issues = toGitlab('/repo/svc', results, { root: '/repo' });
  assert.deepEqual(
    issues.map((i) => Object.keys(i)),
    issues.map(() => ['description', 'check_name', 'fingerprint', 'severity', 'location']),
  );
  assert.deepEqual(
    issues.map((i) => [i.check_name, i.severity, i.location.path, i.location.lines.begin, i.description]),
    [
      ['dockerfile/use-exec-form', 'major', 'svc/Dockerfile', 3, finding({}).message],
      ['dockerfile/use-exec-form', 'minor', 'svc/Dockerfile', 3, finding({}).message],
      ['dockerfile/use-exec-form', 'info', 'svc/Dockerfile', 3, finding({}).message],
      ['compose/set-healthcheck', 'minor', '/elsewhere/compose.yaml', 1, finding({}).message],
    ],
  );
  for (const i of issues) assert.match(i.fingerprint, /^[0-9a-f]{32}$/);
  assert.equal(new Set(issues.map((i) => i.fingerprint)).size, issues.length, 'identical findings get distinct fingerprints');
  assert.equal(toGitlab('/repo/svc', results)[0]!.location.path, 'Dockerfile', 'without a root: relative to cwd');
  assert.equal(formatGitlab('/repo', []), '[]\n');
  assert.deepEqual(JSON.parse(formatGitlab('/repo/svc', results, { root: '/repo' })), issues);
});

test('toGitlab: fingerprints follow the line text, not the line number, and stay unique', () => {
  const lines = (text: string) => () => (_path: string, line: number) => text.split('\n')[line];
  const fp = (text: string, ranges: Finding['range'][], ruleId = 'dockerfile/use-exec-form', path = '/r/Dockerfile', message?: string) =>
    toGitlab('/r', [{ path, kind: 'dockerfile', findings: ranges.map((range) => finding({ range, ruleId, ...(message ? { message } : {}) })) }], { lineText: lines(text)() }).map((i) => i.fingerprint);
  const before = 'FROM node:20\nCMD node a.js\nCMD node b.js\n';
  const after = 'FROM node:20\n# a new comment\nRUN true\nCMD node a.js\n  CMD   node  b.js\n';
  const base = fp(before, [at(1, 0), at(2, 0)]);
  // Lines inserted above, and the finding's line re-indented: the same fingerprints.
  assert.deepEqual(fp(after, [at(3, 0), at(4, 2)]), base);
  // Another rule, file, or line text: another fingerprint.
  assert.notEqual(fp(before, [at(1, 0)], 'dockerfile/pin-base-image-version')[0], base[0]);
  assert.notEqual(fp(before, [at(1, 0)], undefined, '/r/other/Dockerfile')[0], base[0]);
  assert.notEqual(fp('FROM node:20\nCMD node c.js\n', [at(1, 0)])[0], base[0]);
  // The message does not count while the line can be read.
  assert.deepEqual(fp(before, [at(1, 0)], undefined, undefined, 'reworded')[0], base[0]);
  // Duplicates (the same line text) are numbered in order: unique, and the first keeps its fingerprint.
  const twice = 'CMD node a.js\nCMD node a.js\n';
  const dup = fp(twice, [at(0, 0), at(1, 0), at(1, 2)]);
  assert.equal(new Set(dup).size, 3);
  assert.equal(fp(twice, [at(0, 0)])[0], dup[0]);
  assert.equal(fp('CMD node a.js\n', [at(0, 0)])[0], dup[0]);
});

test('toGitlab: in a file holding a secret (or unreadable), the message stands in for the line text', () => {
  const read: number[] = [];
  const lineText = (_p: string, line: number) => {
    read.push(line);
    return 'ENV DB_PASSWORD=FAKE-secret-line';
  };
  const secretFinding = finding({ ruleId: 'dockerfile/no-secrets-in-env-or-arg', secret: true, range: at(1, 4) });
  const plain = finding({ range: at(3, 0) });
  const withSecret = toGitlab('/r', [{ path: '/r/Dockerfile', kind: 'dockerfile', findings: [secretFinding, plain] }], { lineText });
  assert.deepEqual(read, [], 'no line of a file holding a secret is read');
  const unreadable = toGitlab('/r', [{ path: '/r/Dockerfile', kind: 'dockerfile', findings: [secretFinding, plain] }], { lineText: () => undefined });
  assert.deepEqual(withSecret, unreadable);
  // --quiet may have hidden the secret finding: `secretFiles` still marks the file.
  const hidden = toGitlab('/r', [{ path: '/r/Dockerfile', kind: 'dockerfile', findings: [plain] }], { lineText, secretFiles: new Set(['/r/Dockerfile']) });
  assert.deepEqual(read, []);
  assert.equal(hidden[0]!.fingerprint, unreadable[1]!.fingerprint);
  toGitlab('/r', [{ path: '/r/Dockerfile', kind: 'dockerfile', findings: [plain] }], { lineText });
  assert.deepEqual(read, [3], 'other files hash their lines');
});
