// Secret hygiene of the Dockerfile pack: fixtures carry known fake secret values; no finding
// message or fix title (of any rule) may contain them, nor the CI formats' output (GitHub
// workflow commands, GitLab Code Quality, whose fingerprints must not follow the values), and
// the secret rules must still fire (so the check is not vacuous).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { formatGithub, formatGitlab } from '../../server/src/cli/format';
import { Linter } from '../../server/src/engine/lint';
import { TextIndex } from '../../server/src/engine/text';

interface Fixture {
  name: string;
  code: string;
  /** Fake secret values that must never be echoed. */
  secrets: string[];
  /** Rule ids that must report a `secret: true` finding on this fixture. */
  expect: string[];
}

const ENV_ARG = 'dockerfile/no-secrets-in-env-or-arg';
const FILES = 'dockerfile/no-secret-files-in-image';

const FIXTURES: Fixture[] = [
  {
    name: 'ENV key=value, legacy ENV and ARG default',
    code: [
      'FROM node:20',
      'ENV DB_PASSWORD=Fake-Pw-7f3a9c',
      'ENV API_KEY Fake-Key-1b2c3d4e5f',
      'ARG NPM_TOKEN=npm_FakeToken0123456789',
      'ARG GITHUB_TOKEN',
      'COPY . .',
      'CMD node server.js',
      '',
    ].join('\n'),
    secrets: ['Fake-Pw-7f3a9c', 'Fake-Key-1b2c3d4e5f', 'npm_FakeToken0123456789'],
    expect: [ENV_ARG],
  },
  {
    name: 'URL credentials in ENV and ADD',
    code: [
      'FROM python:3.12',
      'ENV DATABASE_URL=postgres://app:Fake-Url-Pw-99x@db:5432/app',
      'ARG DOWNLOAD=https://deploy:Fake-Dl-Tok-42@artifacts.example.com/tool.tar.gz',
      'ADD ${DOWNLOAD} /opt/',
      'ADD https://ci:Fake-Inline-Tok-17@artifacts.example.com/lib.tgz /opt/',
      'CMD python -m app --password Fake-Cmd-Pw-31',
      '',
    ].join('\n'),
    secrets: ['Fake-Url-Pw-99x', 'Fake-Dl-Tok-42', 'Fake-Inline-Tok-17', 'Fake-Cmd-Pw-31'],
    expect: [ENV_ARG],
  },
  {
    name: 'secret files and multi-pair ENV over continuation lines',
    code: [
      'FROM alpine:3.20 AS build',
      'COPY .npmrc ./',
      'FROM alpine:3.20',
      'ENV A=1 \\',
      '    SESSION_SECRET="Fake Session Secret 5e6f" \\',
      '    LDAP_ROOTPASS=Fake-Ldap-88',
      'COPY id_rsa config/.env.production /root/',
      'ONBUILD ENV CLIENT_SECRET=Fake-Onbuild-Sec-12',
      '',
    ].join('\n'),
    secrets: ['Fake Session Secret 5e6f', 'Fake-Ldap-88', 'Fake-Onbuild-Sec-12'],
    expect: [ENV_ARG, FILES],
  },
  {
    name: 'literal defaults of interpolations in ENV, ARG, a URL and CMD',
    code: [
      'FROM node:20',
      'ARG NPM_TOKEN=${NPM_TOKEN:-Fake-Default-Npm-61}',
      'ENV DB_PASSWORD="${PW:-Fake-Default-Pw-3a}" CLIENT_SECRET=${A:-${B:-Fake-Nested-Sec-9}}',
      'ENV DATABASE_URL=postgres://app:${DB_PASSWORD:-Fake-Default-Url-77}@db/app',
      'CMD node server.js --token ${TOKEN:-Fake-Cmd-Default-5}',
      '',
    ].join('\n'),
    secrets: ['Fake-Default-Npm-61', 'Fake-Default-Pw-3a', 'Fake-Nested-Sec-9', 'Fake-Default-Url-77', 'Fake-Cmd-Default-5'],
    expect: [ENV_ARG],
  },
];

for (const fx of FIXTURES) {
  test(`no secret value in findings: ${fx.name}`, () => {
    const linter = new Linter({ throwOnRuleError: true });
    const { findings } = linter.lint({ text: fx.code, fileName: 'Dockerfile' });
    for (const id of fx.expect) {
      assert.ok(
        findings.some((f) => f.ruleId === id && f.secret === true),
        `expected a secret finding of ${id}; got ${findings.map((f) => f.ruleId).join(', ')}`,
      );
    }
    for (const f of findings) {
      const texts = [f.message, ...f.fixes.map((x) => x.title)];
      // Secret findings must not carry the value anywhere, fixes' new text included.
      if (f.secret) texts.push(...f.fixes.flatMap((x) => x.edits.map((e) => e.newText)));
      for (const s of fx.secrets) {
        for (const t of texts) assert.ok(!t.includes(s), `${f.ruleId} leaks a secret value in: ${t}`);
      }
    }
  });

  test(`no secret value in the github and gitlab output, nor in what fingerprints hash: ${fx.name}`, () => {
    const linter = new Linter({ throwOnRuleError: true });
    const gitlab = (code: string) => {
      const index = new TextIndex(code);
      const { findings } = linter.lint({ text: code, fileName: 'Dockerfile' });
      return formatGitlab('/r', [{ path: '/r/Dockerfile', kind: 'dockerfile', findings }], { lineText: (_p, line) => index.lineText(line) });
    };
    const { findings } = linter.lint({ text: fx.code, fileName: 'Dockerfile' });
    const outputs = [formatGithub('/r', [{ path: '/r/Dockerfile', kind: 'dockerfile', findings }]), gitlab(fx.code)];
    for (const s of fx.secrets) for (const out of outputs) assert.ok(!out.includes(s), `leaks ${s}: ${out}`);
    const changed = fx.secrets.reduce((code, s) => code.replaceAll(s, s.slice(0, -1) + (s.endsWith('z') ? 'y' : 'z')), fx.code);
    assert.equal(gitlab(changed), gitlab(fx.code), 'fingerprints follow the secret values');
  });
}

test('every literal interpolation default in ENV and ARG is an error', () => {
  const fx = FIXTURES.find((f) => f.name.startsWith('literal defaults'))!;
  const { findings } = new Linter({ throwOnRuleError: true }).lint({ text: fx.code, fileName: 'Dockerfile' });
  const errors = findings.filter((f) => f.ruleId === ENV_ARG && f.severity === 'error' && f.secret);
  assert.deepEqual(
    errors.map((f) => f.range.start.line),
    [1, 2, 2, 3],
  );
});
