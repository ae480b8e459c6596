// The fix properties of fix-check.ts (a fix keeps the file parsing, removes its own finding, adds
// no error finding and changes nothing outside its edits; fix-all is idempotent) over hand-written
// and generated inputs for findings the corpus rarely or never produces: ADD --unpack=false,
// exec form with a dangling continuation, huge pages and extended resources, Compose `!reset` and
// override files, literal secret defaults in `${VAR:-default}`, relative RUN mounts with `cd`,
// install RUNs ending the file open, heredoc shebangs, cmd/PowerShell SHELL. Each input is also
// checked in variants: CRLF, BOM, no final newline, tabs, `# escape=\``, comments between lines.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isNode, isPair, isScalar, parseAllDocuments, visit } from 'yaml';
import { Linter } from '../../server/src/engine/lint';
import { applyEdits } from '../../server/src/engine/fix';
import type { DocumentKind } from '../../server/src/engine/types';
import { checkFix, checkFixAll, type FixFile, lintWith, yamlProblems } from './fix-check';

interface Case {
  name: string;
  kind: DocumentKind;
  path: string;
  text: string;
}

const linter = new Linter({ throwOnRuleError: true, cacheSize: 64 });

const docker = (name: string, text: string): Case => ({ name, kind: 'dockerfile', path: 'Dockerfile', text });
const compose = (name: string, text: string, path = 'compose.yaml'): Case => ({ name, kind: 'compose', path, text });
const k8s = (name: string, text: string): Case => ({ name, kind: 'kubernetes', path: 'pod.yaml', text });
const pod = (res: string, extra = '') =>
  `apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n  - name: app\n    image: app:1.0\n    resources:\n${res}${extra}`;

const DOCKERFILES: Case[] = [
  docker('ADD --unpack=false', 'FROM alpine:3.20\nADD --chown=app --unpack=FALSE  app.tar.gz /opt/\nADD --unpack=false ${PKG} /p/\nADD --unpack config.yaml /etc/\n'),
  docker('ADD --unpack=false over lines', 'FROM alpine:3.20\nADD --unpack=false \\\n    --chown=1000:1000 \\\n    app.tar.gz /opt/\nADD \\\n  --unpack=false app.zip /z/\nUSER app\n'),
  docker('ADD --unpack=false, flag last before sources', 'FROM alpine:3.20\nADD --link --unpack=false a.tgz b.tgz /dst/\nADD --unpack=false --checksum=sha256:abc a.tgz /x/\n'),
  docker('exec form: dangling continuation at EOF', 'FROM alpine:3.20\nCMD /app --verbose \\'),
  docker('exec form: dangling continuation then blanks and comments', 'FROM alpine:3.20\nENTRYPOINT /app \\\n  --verbose \\ \n\n# done\n'),
  docker('exec form: almost-JSON with dangling continuation', "FROM alpine:3.20\nCMD ['/app'] \\\n"),
  docker('exec form: continuation into the next instruction', 'FROM alpine:3.20\nCMD /app \\\n\nUSER app\n'),
  docker('exec form: dangling continuation after a comment line', 'FROM alpine:3.20\nUSER app\nCMD node server.js \\\n# trailing comment\n'),
  docker('WORKDIR: relative bind target', 'FROM golang:1.22\nRUN --mount=type=cache,target=/root/.cache --mount=type=bind,target=. cd /app && go build ./...\nWORKDIR /srv\n'),
  docker('WORKDIR: relative dst and destination', 'FROM golang:1.22\nRUN --mount=type=bind,source=.,dst=src \\\n    cd /app && make\nWORKDIR /a\nRUN --mount=type=secret,id=x,destination=./s cd /w && ls\nWORKDIR /b\nRUN --mount=type=bind,target=/abs cd /q && ls\nWORKDIR /c\nRUN "--mount=target=src,type=cache" \\\n  --mount=type=tmpfs,target=tmp \\\n  cd /d && \\\n# why\n  make\nUSER app\nWORKDIR /e\n'),
  docker('WORKDIR: cd on a continuation line of its own before comments', 'FROM alpine:3.20\nWORKDIR /app\nRUN \\\n  cd /app && \\\n  # why\n  make\nRUN \\\n\tcd /srv \\\n  # c\n\n  && make\nWORKDIR /\n'),
  docker('exec form: dangling continuation with trailing tab', 'FROM alpine:3.20\nUSER app\nENTRYPOINT ["/app"]\nCMD --serve \\\t\n'),
  docker('ADD --unpack=false on its own line', 'FROM alpine:3.20\nADD \\\n  --unpack=false \\\n# c\n  a.tgz /x/\nADD --unpack=false \\\n  b.tgz /y/ \\'),
  docker('manifests first: comment continuation at EOF', 'FROM node:20-alpine\nWORKDIR /app\nCOPY . .\nRUN npm ci \\\n# c\n'),
  docker('manifests first: dangling continuation at EOF', 'FROM golang:1.22\nWORKDIR /src\nCOPY . .\nRUN go mod download \\'),
  docker('manifests first: open heredoc at EOF', 'FROM node:20-alpine\nWORKDIR /app\nCOPY . .\nRUN <<EOF\nnpm ci\n'),
  docker('manifests first: movable install', 'FROM node:20-alpine\nWORKDIR /app\nCOPY . .\nRUN npm ci \\\n  --omit=dev\nUSER node\nCMD ["node", "server.js"]\n'),
  docker('manifests first: install with trailing comment lines at EOF', 'FROM python:3.12-slim\nWORKDIR /app\nCOPY . .\nRUN pip install -r requirements.txt\n# end\n\n'),
  docker('heredoc shebangs', 'FROM alpine:3.20\nRUN <<EOF\n#!/usr/bin/env -S bash -e\ncd /app && apk add curl\nEOF\nRUN <<EOF\n#!/usr/bin/env python3\nimport os\nEOF\nRUN <<-EOF\n\t#!/bin/busybox sh\n\tapt-get install -y git\nEOF\nUSER app\n'),
  docker('heredoc shebang under PowerShell SHELL', 'FROM alpine:3.20\nSHELL ["pwsh", "-Command"]\nRUN <<EOF\n#!/bin/bash\ncd /app && apk add curl\nEOF\nRUN cd /app; apk add curl\nCMD /app/run\n'),
  docker('cmd and PowerShell SHELL', 'FROM alpine:3.20 AS a\nSHELL ["powershell", "-Command", "$ErrorActionPreference = \'Stop\';"]\nRUN cd C:\\app; npm install\nCMD C:\\app\\run.exe\nFROM a\nRUN pip install flask\nONBUILD RUN apk add curl\nSHELL ["/bin/sh", "-c"]\nRUN cd /x && apk add curl\nCMD /app\n'),
  docker('Windows base', 'FROM mcr.microsoft.com/windows/nanoserver:ltsc2022\nRUN cd C:\\app && npm install\nCMD app.exe --serve\nADD app.zip C:\\app\\\n'),
  docker('literal secret defaults', 'FROM alpine:3.20\nARG API_TOKEN=${T:-abcd1234efgh}\nENV DB_PASSWORD="${PW:-Sup3rS3cretValue}" CLIENT_SECRET=${A:-${B:-literal-secret}}\nENV REGISTRY_PASSWORD=${RP-"quoted-pw"}\nENV DATABASE_URL=postgres://app:${DB_PASSWORD:-hunter2}@db/app\nENV SECRET_KEY_BASE=${SECRET_KEY_BASE:-dummy} API_KEY=${API_KEY:-}\nCMD node server.js --token ${TOKEN:-abc}\n'),
  docker('global ARG with bare re-declaration', 'ARG VERSION=3.20\nFROM alpine:${VERSION}\nARG VERSION\nRUN apk add curl\nADD x.txt /x\n'),
];

const COMPOSE: Case[] = [
  compose('!reset fields', 'services:\n  web:\n    image: nginx:1.27\n    healthcheck: !reset {}\n  api:\n    image: api:1\n    mem_limit: !reset 1g\n    cpus: !reset "1"\n    healthcheck: !reset\n      test: ["CMD", "true"]\n  worker:\n    image: worker:1\n    privileged: !reset true\n    user: !reset root\n    deploy:\n      resources:\n        limits: !reset\n          cpus: "0.5"\n          memory: 1G\n'),
  compose('!override fields', 'services:\n  web:\n    image: nginx:latest\n    privileged: !override true\n    user: !override root\n    environment: !override\n      POSTGRES_PASSWORD: example-password\n    deploy: !override\n      resources:\n        limits:\n          cpus: "0.5"\n'),
  compose('!reset in an override file', 'services:\n  web:\n    healthcheck: !reset {}\n    deploy: !reset null\n  api:\n    mem_limit: !reset\n    cpus: !reset\n    deploy:\n      resources:\n        reservations: !reset {}\n  db:\n    image: postgres\n', 'docker-compose.override.yml'),
  compose('!reset in flow style', 'services: {web: {image: "nginx:1.27", healthcheck: !reset {}, deploy: !reset null}, api: {image: api, privileged: !reset true}}\n'),
  compose('!reset through anchors and merge keys', 'x-base: &base\n  image: app:1\n  healthcheck: !reset {}\n  deploy: !reset null\nx-env: &env\n  DB_PASSWORD: ${DB_PASSWORD:-hunter2-literal}\nservices:\n  a:\n    <<: *base\n    environment: *env\n  b:\n    <<: *base\n    image: app:2\n    environment:\n      <<: *env\n      API_TOKEN: ${TOKEN-abcd1234efgh}\n'),
  compose('literal secret defaults', 'services:\n  db:\n    image: postgres:16\n    environment:\n      POSTGRES_PASSWORD: ${PW:-Sup3rS3cretValue}\n      API_TOKEN: "${TOKEN-abcd1234efgh}"\n      REDIS_PASSWORD: ${REDIS_PASSWORD:-}\n  app:\n    image: app:1\n    environment:\n      - DB_PASSWORD=${A:-${B:-literal-pw}}\n      - "SECRET_KEY=${SECRET_KEY:-dev-key}"\n      - DATABASE_URL=postgres://app:${DB_PASSWORD:-hunter2}@db/app\n'),
  compose('!reset with anchors in an override file', 'x-reset: &reset\n  healthcheck: !reset {}\n  mem_limit: !reset\nservices:\n  web:\n    <<: *reset\n    cpus: !reset\n  api: {deploy: {resources: {limits: !reset {}}}}\n  db:\n    image: postgres:16\n    deploy: !reset\n', 'compose.prod.override.yaml'),
  compose('literal secret defaults, flow style', 'services:\n  db: {image: "postgres:16", environment: {POSTGRES_PASSWORD: "${PW:-Sup3rS3cretValue}"}}\n  app: {image: app, environment: [DB_PASSWORD=${A:-literal-pw}, "X=1"]}\n'),
];

const K8S: Case[] = [
  k8s('extended resource below its limit', pod('      requests:\n        nvidia.com/gpu: "1"\n      limits:\n        nvidia.com/gpu: 2\n')),
  k8s('huge pages below the limit, flow style', pod('      requests: {memory: 1Gi, cpu: 100m, hugepages-2Mi: 256Mi}\n      limits: {memory: 1Gi, cpu: 100m, hugepages-2Mi: 512Mi}\n')),
  k8s('huge pages without a limit; above a limit', pod('      requests: {memory: 1Gi, hugepages-1Gi: 2Gi}\n') + '---\n' + pod('      requests: {hugepages-2Mi: 4Mi, memory: 1Gi}\n      limits: {hugepages-2Mi: 2Mi, memory: 1Gi}\n')),
  k8s('huge pages without cpu or memory', pod('      limits: {hugepages-2Mi: 2Mi}\n')),
  k8s('extended resources: fractions, quoted, comments', pod('      requests:\n        example.com/dongle: \'1\' # one\n        nvidia.com/gpu: 500m\n      limits:\n        # the limit\n        example.com/dongle: "3"\n        nvidia.com/gpu: 0.5\n')),
  k8s('a limit shared through an anchor', pod('      requests: {nvidia.com/gpu: 1, memory: 1Gi, cpu: 1}\n      limits: &lim {nvidia.com/gpu: 2, memory: 1Gi, cpu: 1}\n', '  - name: side\n    image: side:1.0\n    resources:\n      requests: {nvidia.com/gpu: 2, memory: 1Gi, cpu: 1}\n      limits: *lim\n')),
  k8s('a request shared through an anchor', pod('      requests: &req\n        nvidia.com/gpu: 1\n        memory: 1Gi\n      limits:\n        nvidia.com/gpu: 3\n        memory: 1Gi\n', '  - name: side\n    image: side:1.0\n    resources:\n      requests: *req\n      limits: {nvidia.com/gpu: 1, memory: 1Gi}\n')),
  k8s('quoted keys, tags and empty limits', pod('      requests: {"nvidia.com/gpu": !!str 1, memory: 1Gi}\n      limits: {"nvidia.com/gpu": 2, memory: 1Gi}\n') + '---\n' + pod('      requests:\n        \'hugepages-2Mi\': 2Mi\n        cpu: 1\n      limits: {}\n')),
  k8s('values through aliases', 'x: &two 2\n---\n' + pod('      requests:\n        nvidia.com/gpu: &one 1\n        memory: 1Gi\n      limits:\n        nvidia.com/gpu: 4\n        memory: 1Gi\n        example.com/x: *one\n')),
];

/** Generated Dockerfiles: snippets of today's findings combined, maybe ending the file open. */
function generatedDockerfiles(): Case[] {
  const snippets = [
    'ADD --unpack=false app.tar.gz /opt/\n',
    'ADD --chown=1:1 \\\n  --unpack=false x.tgz /x/\n',
    'ADD conf.yaml /etc/\n',
    'COPY . .\n',
    'RUN npm ci\n',
    'RUN --mount=type=bind,target=. cd /app && npm ci\n',
    'RUN cd /srv && make \\\n  install\n',
    'WORKDIR /work\n',
    'SHELL ["pwsh", "-c"]\n',
    'SHELL ["/bin/sh", "-c"]\n',
    'RUN <<EOF\n#!/usr/bin/env -S bash -e\ncd /app && apk add curl\nEOF\n',
    'CMD node server.js\n',
    'ENTRYPOINT /entry.sh --flag\n',
    'ENV API_TOKEN=${T:-abcd1234efgh}\n',
    'USER app\n',
    '# a comment\n',
    '\n',
  ];
  const endings = ['', 'CMD /app \\', 'RUN npm ci \\', 'RUN pip install -r requirements.txt \\\n\n', 'CMD ["x"] \\\n# end\n'];
  let s = 11;
  const random = () => (s = (s * 1103515245 + 12345) % 2147483648) / 2147483648;
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(random() * xs.length)]!;
  const out: Case[] = [];
  for (let i = 0; i < 60; i++) {
    let text = pick(['FROM node:20-alpine\nWORKDIR /app\n', 'FROM python:3.12\n', 'FROM golang:1.22 AS build\n']);
    const n = 3 + Math.floor(random() * 5);
    for (let k = 0; k < n; k++) text += pick(snippets);
    out.push(docker(`generated Dockerfile ${i}`, text + pick(endings)));
  }
  return out;
}

/** Generated resource sections: request/limit pairs of huge pages and extended resources. */
function generatedK8s(): Case[] {
  const names = ['nvidia.com/gpu', 'hugepages-2Mi', 'example.com/dongle', 'hugepages-1Gi'];
  const values = ['1', '"2"', "'3'", '2k', '512Mi', '1Gi', '0.5', '500m', '1e3'];
  let s = 7;
  const random = () => (s = (s * 1103515245 + 12345) % 2147483648) / 2147483648;
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(random() * xs.length)]!;
  const out: Case[] = [];
  for (let i = 0; i < 40; i++) {
    const keys = [...new Set([pick(names), pick(names)])];
    const req = keys.map((k) => [k, pick(values)] as const);
    const lim = keys.filter(() => random() < 0.8).map((k) => [k, pick(values)] as const);
    const base = random() < 0.5 ? [['memory', '1Gi'] as const] : [];
    const section = (name: string, pairs: readonly (readonly [string, string])[]) =>
      pairs.length === 0 ? '' : random() < 0.5 ? `      ${name}: {${pairs.map(([k, v]) => `${k}: ${v}`).join(', ')}}\n` : `      ${name}:\n${pairs.map(([k, v]) => `        ${k}: ${v}\n`).join('')}`;
    const res = section('requests', [...base, ...req]) + section('limits', [...base, ...lim]);
    if (res !== '') out.push(k8s(`generated resources ${i}`, pod(res)));
  }
  return out;
}

// ---- variants ---------------------------------------------------------------------------------

type Variant = [string, (c: Case) => string | undefined];

const crlf = (t: string) => t.replace(/\r?\n/g, '\r\n');
const noFinalNewline = (t: string) => (/\r?\n$/.test(t) ? t.replace(/\r?\n$/, '') : undefined);
const bom = (t: string) => '\uFEFF' + t;

/** Comment lines after every instruction line that ends a continuation (Docker skips them). */
function dockerComments(t: string): string | undefined {
  if (/<</.test(t)) return undefined; // a comment in a heredoc is script text
  const out = t.replace(/\\\n/g, '\\\n# between\n');
  return out === t ? t.replace(/\n(?=[A-Z])/, '\n# a comment line\n') : out;
}

/** The same file with the escape directive's backtick instead of the backslash. */
function backtick(t: string): string | undefined {
  if (/^#\s*escape/i.test(t) || !t.includes('\\')) return undefined;
  // Only line continuations turn into backticks; other backslashes (Windows paths) become literal.
  return '# escape=`\n' + t.replace(/\\(?=[ \t]*(\r?\n|$))/g, '`');
}

/** Tabs instead of the space after each instruction keyword and in continuation indents. */
const dockerTabs = (t: string) => t.replace(/^([A-Z]+) /gm, '$1\t').replace(/^ {2,}/gm, '\t');

/** Comment lines at the indentation of the following line (not inside block scalars). */
function yamlComments(t: string): string | undefined {
  if (/[|>][-+]?\s*$/m.test(t)) return undefined;
  return t.replace(/\n( *)(?=\S)/g, (_m, ind: string) => `\n${ind}# note\n${ind}`);
}

/** A tab after each block mapping colon (a valid separator). */
const yamlTabs = (t: string) => t.replace(/^( *[\w.\/-]+):[ ](?=\S)/gm, '$1:\t');

/** Variants of any kind: line breaks, byte order mark, last line. */
const COMMON_VARIANTS: Variant[] = [
  ['as is', (c) => c.text],
  ['CRLF', (c) => crlf(c.text)],
  ['BOM', (c) => bom(c.text)],
  ['no final newline', (c) => noFinalNewline(c.text)],
];

const DOCKER_VARIANTS: Variant[] = [
  ...COMMON_VARIANTS,
  ['tabs', (c) => dockerTabs(c.text)],
  ['comments between lines', (c) => dockerComments(c.text)],
  ['escape=`', (c) => backtick(c.text)],
  ['escape=` + CRLF + comments', (c) => { const t = dockerComments(c.text); return t === undefined ? undefined : backtick(crlf(t)); }],
  ['BOM + CRLF + no final newline', (c) => { const t = noFinalNewline(crlf(c.text)); return t === undefined ? undefined : bom(t); }],
];

const YAML_VARIANTS: Variant[] = [
  ...COMMON_VARIANTS,
  ['tabs', (c) => yamlTabs(c.text)],
  ['comments between lines', (c) => yamlComments(c.text)],
  ['comments + CRLF + BOM', (c) => { const t = yamlComments(c.text); return t === undefined ? undefined : bom(crlf(t)); }],
];

function files(): FixFile[] {
  const out: FixFile[] = [];
  const seen = new Set<string>();
  for (const c of [...DOCKERFILES, ...generatedDockerfiles(), ...COMPOSE, ...K8S, ...generatedK8s()]) {
    for (const [vname, make] of c.kind === 'dockerfile' ? DOCKER_VARIANTS : YAML_VARIANTS) {
      const text = make(c);
      if (text === undefined || seen.has(`${c.path}\0${text}`)) continue;
      seen.add(`${c.path}\0${text}`);
      // A variant that the YAML library itself rejects says nothing about the fixes.
      if (vname !== 'as is' && yamlProblems(c.kind, text).length > yamlProblems(c.kind, c.text).length) continue;
      const f = { path: c.path, name: `${c.name} [${vname}]`, kind: c.kind, text, findings: [] };
      out.push({ ...f, findings: lintWith(linter, f, text) });
    }
  }
  return out;
}

const inputs = files();

/** Rule ids whose new fixes or findings these inputs are written for. */
const TARGETS = [
  'dockerfile/prefer-copy-over-add',
  'dockerfile/use-exec-form',
  'dockerfile/use-workdir-instead-of-cd',
  'dockerfile/copy-dependency-manifests-first',
  'dockerfile/no-secrets-in-env-or-arg',
  'kubernetes/valid-resource-quantities',
  'compose/set-healthcheck',
  'compose/set-resource-limits',
  'compose/no-secrets-in-environment',
];

test('every fix of the hand-written and generated inputs keeps the file valid, removes its finding, and stays within its edits', () => {
  const problems: string[] = [];
  const checked = new Map<string, number>();
  for (const file of inputs) {
    for (const finding of file.findings) {
      for (const fix of finding.fixes) {
        const p = checkFix(linter, file, finding, fix);
        if (p) problems.push(p);
        checked.set(finding.ruleId, (checked.get(finding.ruleId) ?? 0) + 1);
      }
    }
  }
  const fired = new Set(inputs.flatMap((f) => f.findings.map((x) => x.ruleId)));
  console.log(`extra fix properties: ${inputs.length} inputs, ${[...checked.values()].reduce((a, b) => a + b, 0)} fixes of ${checked.size} rules checked (${[...checked].map(([r, n]) => `${r} ${n}`).join(', ')})`);
  assert.deepEqual(TARGETS.filter((r) => !fired.has(r)), [], 'every targeted rule fires on the inputs');
  for (const r of ['dockerfile/prefer-copy-over-add', 'dockerfile/use-exec-form', 'dockerfile/use-workdir-instead-of-cd', 'kubernetes/valid-resource-quantities']) assert.ok((checked.get(r) ?? 0) > 0, `no fix of ${r} checked`);
  assert.deepEqual(problems.slice(0, 20), [], `${problems.length} fix problems`);
});

test('fix-all converges and is idempotent on the hand-written and generated inputs', () => {
  const problems = inputs.filter((f) => f.findings.some((x) => x.fixes.some((y) => y.safe))).flatMap((f) => checkFixAll(linter, f));
  assert.deepEqual(problems.slice(0, 20), [], `${problems.length} fix-all problems`);
});

/** The `!reset` fields of a Compose text, as `doc/path = value` lines, and every key path. */
function resets(text: string): { reset: string[]; paths: string[] } {
  const reset: string[] = [];
  const paths: string[] = [];
  parseAllDocuments(text, { logLevel: 'silent' } as never).forEach((doc, d) => {
    if (!('contents' in doc)) return;
    visit(doc, {
      Pair(_k, pair, path) {
        const keys = path.filter(isPair).map((p) => (isScalar(p.key) ? String(p.key.value) : '?'));
        const at = `${d}/${[...keys, isScalar(pair.key) ? String(pair.key.value) : '?'].join('/')}`;
        paths.push(at);
        if (isNode(pair.value) && pair.value.tag === '!reset') reset.push(`${at} = ${String(pair.value)}`);
      },
    });
  });
  return { reset, paths };
}

test('no Compose fix fills in or changes a field tagged !reset', () => {
  const problems: string[] = [];
  let checked = 0;
  for (const file of inputs.filter((f) => f.kind === 'compose' && f.text.includes('!reset'))) {
    const before = resets(file.text);
    for (const finding of file.findings) {
      for (const fix of finding.fixes) {
        checked++;
        const after = resets(applyEdits(file.text, fix.edits));
        const where = `${file.name}:${finding.range.start.line + 1} ${finding.ruleId} "${fix.title}"`;
        if (after.reset.join('\n') !== before.reset.join('\n')) problems.push(`${where}: changes the !reset fields`);
        const added = after.paths.filter((p) => !before.paths.includes(p));
        const under = added.filter((p) => before.reset.some((r) => p.startsWith(r.slice(0, r.indexOf(' = ')) + '/') || p === r.slice(0, r.indexOf(' = '))));
        if (under.length > 0) problems.push(`${where}: adds ${under.join(', ')} where !reset removes the field`);
      }
    }
  }
  assert.ok(checked > 0, 'no fix checked on a file with !reset');
  assert.deepEqual(problems.slice(0, 20), [], `${problems.length} problems`);
});
