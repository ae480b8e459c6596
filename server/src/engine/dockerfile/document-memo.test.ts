import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { getHeapSpaceStatistics } from 'node:v8';
import { Linter } from '../lint';
import { exposeGc } from '../testing/gc';
import { DocumentMemo, parseDockerfile } from './model';

const gc = exposeGc();

/** Bytes used by the heap's object spaces (compiled code left out: the JIT adds to it at will). */
function heapUsed(): number {
  return getHeapSpaceStatistics()
    .filter((s) => s.space_name !== 'code_space')
    .reduce((sum, s) => sum + s.space_used_size, 0);
}

/** A multi-stage Dockerfile that exercises the shared per-document facts (RUN parses, WORKDIRs, COPY words, stage variables). */
function dockerfile(i: number): string {
  const lines = [`ARG NODE_VERSION=20.${i}`, 'FROM node:${NODE_VERSION}-alpine AS build', 'WORKDIR /src', 'ARG TOKEN', `ENV APP_${i}=1 PATH=/src/bin:$PATH`];
  for (let k = 0; k < 12; k++) {
    lines.push(`COPY package${k}.json ./pkg${k}/`);
    lines.push(`RUN cd pkg${k} && npm install --omit=dev && curl -fsSL https://example.com/${i}/${k}.sh | sh && apt-get install -y curl${k}`);
    lines.push(`ADD src${k}.tar.gz ./src${k}/`);
  }
  lines.push('FROM build AS test', 'WORKDIR app', 'RUN npm test', 'FROM node:20-alpine', 'WORKDIR /app', 'COPY --from=build /src .', 'COPY . .', 'USER node', 'CMD ["node", "server.js"]');
  return lines.join('\n') + '\n';
}

describe('DocumentMemo', () => {
  it('builds a value once per document and keeps documents apart', () => {
    let built = 0;
    const memo = new DocumentMemo((doc) => ({ n: ++built, stages: doc.stages.length }));
    const a = parseDockerfile('FROM a\nFROM b\n');
    const b = parseDockerfile('FROM c\n');
    assert.equal(memo.of(a), memo.of(a));
    assert.deepEqual(memo.of(a), { n: 1, stages: 2 });
    assert.deepEqual(memo.of(b), { n: 2, stages: 1 });
    assert.equal(built, 2);
  });

  // What the memos keep must become garbage with its document for the scavenger (minor GC) too.
  // Kept in WeakMaps keyed by documents and stages, linting these files left ~6.5 MB behind that
  // only a full GC freed (every WeakMap value outlives a minor GC, see DocumentMemo); kept in the
  // documents, 0.1-0.5 MB (what was alive when a minor GC ran during the last pass).
  it('a linted Dockerfile leaves nothing behind that survives minor GCs', (t) => {
    if (!gc) {
      t.skip('cannot expose the garbage collector');
      return;
    }
    const texts = Array.from({ length: 60 }, (_, i) => dockerfile(i));
    const linter = new Linter();
    const lintAll = (): number => texts.reduce((n, text) => n + linter.lint({ text, fileName: 'Dockerfile', kind: 'dockerfile' }).findings.length, 0);
    // Warm up first, so that compiled code and its feedback are in place before measuring.
    const findings = lintAll();
    assert.ok(findings > 60 * 12, `the files have findings (${findings})`);
    lintAll();
    gc();
    const before = heapUsed();
    lintAll();
    gc({ type: 'minor' });
    gc({ type: 'minor' });
    const grown = heapUsed() - before;
    assert.ok(grown < 2e6, `${(grown / 1e6).toFixed(2)} MB of the heap survived two minor GCs`);
  });
});
