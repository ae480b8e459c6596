// The Kubernetes and Compose snippets must lint clean: bodies are extracted, placeholders
// replaced by their defaults, fragments placed into a minimal host document, and the result
// linted with every rule.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseAllDocuments } from 'yaml';
import { Linter } from '../../server/src/engine/lint';

const ROOT = resolve(__dirname, '../../..');

interface Snippet {
  prefix: string | string[];
  body: string | string[];
  description?: string;
}

/** `${1:default}` → default (nested too), `${1|a,b|}` → a, `$1`/`$0` → ''. */
export function expandSnippet(body: string): string {
  let out = body;
  for (let i = 0; i < 10; i++) {
    const next = out
      .replace(/\$\{\d+:([^${}]*)\}/g, '$1')
      .replace(/\$\{\d+\|([^,|]*)[^|]*\|\}/g, '$1')
      .replace(/\$\{\d+\}/g, '');
    if (next === out) break;
    out = next;
  }
  return out.replace(/\$\d+/g, '');
}

function load(file: string): [string, Snippet][] {
  return Object.entries(JSON.parse(readFileSync(resolve(ROOT, 'snippets', file), 'utf8')) as Record<string, Snippet>);
}

const indent = (text: string, pad: string) =>
  text
    .split('\n')
    .map((l) => (l === '' ? l : pad + l))
    .join('\n');

const HOST_POD = (fragment: string) =>
  'apiVersion: v1\nkind: Pod\nmetadata:\n  name: host\nspec:\n  securityContext:\n    runAsNonRoot: true\n  containers:\n    - name: app\n      image: app:1.0.0\n' +
  indent(fragment, '      ') +
  '\n';

function hostFor(name: string, body: string): { text: string; fileName: string } {
  if (/^apiVersion:/m.test(body)) return { text: body, fileName: 'snippet.yaml' };
  if (/^services:/.test(body)) return { text: body, fileName: 'compose.yaml' };
  if (/^resources:/.test(body)) {
    return { text: HOST_POD(body + '\nlivenessProbe: {tcpSocket: {port: 80}}\nreadinessProbe: {tcpSocket: {port: 80}}'), fileName: 'pod.yaml' };
  }
  if (/^livenessProbe:/.test(body)) {
    return { text: HOST_POD(body + '\nresources: {requests: {memory: 128Mi, cpu: 100m}, limits: {memory: 256Mi, cpu: 500m}}'), fileName: 'pod.yaml' };
  }
  if (/^healthcheck:/.test(body)) {
    return { text: 'services:\n  web:\n    image: web:1.0.0\n    deploy: {resources: {limits: {cpus: "0.5", memory: 256M}}}\n' + indent(body, '    ') + '\n', fileName: 'compose.yaml' };
  }
  if (/^\S+:\n  image:/.test(body)) return { text: 'services:\n' + indent(body, '  ') + '\n', fileName: 'compose.yaml' };
  throw new Error(`no host document for snippet "${name}"`);
}

for (const file of ['kubernetes.json', 'compose.json']) {
  for (const [name, snippet] of load(file)) {
    test(`${file}: "${name}" lints clean`, () => {
      const raw = Array.isArray(snippet.body) ? snippet.body.join('\n') : snippet.body;
      assert.ok(snippet.prefix && snippet.description, 'prefix and description');
      const body = expandSnippet(raw);
      assert.doesNotMatch(body, /\$\{|\$\d/, 'unexpanded placeholder');
      const { text, fileName } = hostFor(name, body);
      for (const d of parseAllDocuments(text)) assert.deepEqual('errors' in d ? d.errors.map((e) => e.message) : [], []);
      const r = new Linter({ throwOnRuleError: true }).lint({ text, fileName });
      assert.ok(r.kind === 'kubernetes' || r.kind === 'compose', `kind ${r.kind}`);
      assert.deepEqual(
        r.findings.map((f) => `${f.range.start.line + 1}: ${f.ruleId} ${f.message}`),
        [],
        text,
      );
    });
  }
}

test('snippet expansion', () => {
  assert.equal(expandSnippet('a ${1:x} ${2:${3:y}} ${4|p,q|} $5 $0'), 'a x y p  ');
});
