// The contributed Dockerfile snippets, expanded with their default placeholder values, must
// lint clean under the Dockerfile rules (fragments are linted inside a minimal Dockerfile).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { Linter } from '../../server/src/engine/lint';
import { REPO_ROOT } from './harness';

interface Snippet {
  prefix: string | string[];
  body: string | string[];
  description?: string;
}

/** Expands TextMate snippet syntax with default values: `${1:x}` → x, `${1|a,b|}` → a, `$1` → ''. */
export function expandSnippet(body: string): string {
  let out = body;
  for (let i = 0; i < 5; i++) {
    const next = out
      .replace(/(?<!\\)\$\{\d+:([^{}]*)\}/g, '$1')
      .replace(/(?<!\\)\$\{\d+\|([^,|}]*)[^}]*\|\}/g, '$1')
      .replace(/(?<!\\)\$\{\d+\}/g, '');
    if (next === out) break;
    out = next;
  }
  return out.replace(/(?<!\\)\$\d+/g, '').replace(/\\\$/g, '$').replace(/\\\}/g, '}');
}

const CONTEXTS: Record<string, (fragment: string) => string> = {
  'Non-root user, Alpine (Infra Guide)': (f) => `FROM node:20-alpine\nWORKDIR /app\n${f}\nCMD ["node", "server.js"]\n`,
  'Non-root user, Debian/Ubuntu (Infra Guide)': (f) => `FROM node:20-bookworm-slim\nWORKDIR /app\n${f}\nCMD ["node", "server.js"]\n`,
  'Non-root user, distroless (Infra Guide)': (f) => `FROM gcr.io/distroless/nodejs20-debian12:nonroot\nWORKDIR /app\n${f}\nCMD ["server.js"]\n`,
};

describe('Dockerfile snippets', () => {
  const snippets = JSON.parse(readFileSync(join(REPO_ROOT, 'snippets', 'dockerfile.json'), 'utf8')) as Record<string, Snippet>;
  const linter = new Linter({ throwOnRuleError: true });

  it('expands placeholders', () => {
    assert.equal(expandSnippet('FROM node:${1:20}-alpine AS \\${X} $0'), 'FROM node:20-alpine AS ${X} ');
    assert.equal(expandSnippet('${1|a,b|} $2'), 'a ');
  });

  it('has the full service, multi-stage and non-root snippets', () => {
    const names = Object.keys(snippets);
    assert.ok(names.some((n) => /Node\.js service/.test(n)));
    assert.ok(names.some((n) => /Multi-stage/.test(n)));
    assert.ok(names.some((n) => /Non-root/.test(n)));
  });

  for (const [name, snippet] of Object.entries(snippets)) {
    it(`"${name}" lints clean`, () => {
      const body = Array.isArray(snippet.body) ? snippet.body.join('\n') : snippet.body;
      const expanded = expandSnippet(body);
      const wrap = CONTEXTS[name];
      const text = wrap ? wrap(expanded.trimEnd()) : expanded;
      const { kind, findings } = linter.lint({ text, fileName: 'Dockerfile' });
      assert.equal(kind, 'dockerfile');
      assert.deepEqual(
        findings.map((f) => `${f.ruleId} @${f.range.start.line + 1}: ${f.message}`),
        [],
        text,
      );
    });
  }
});
