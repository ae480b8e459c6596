// Where the shared read-only corpus lives (`../shared/corpus` beside the repository) and how
// its folders map to document kinds. Tests read it in place; nothing is ever copied.
import { existsSync, readdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import type { DocumentKind } from '../../server/src/engine/types';

function repoRoot(): string {
  let dir = __dirname;
  while (!existsSync(join(dir, 'package.json')) || !existsSync(join(dir, 'server'))) {
    const up = dirname(dir);
    if (up === dir) return process.cwd();
    dir = up;
  }
  return dir;
}

export const CORPUS = resolve(repoRoot(), '..', 'shared', 'corpus');

export const CORPUS_DOMAINS: readonly { dir: string; kind: DocumentKind }[] = [
  { dir: 'dockerfile', kind: 'dockerfile' },
  { dir: 'k8s', kind: 'kubernetes' },
  { dir: 'compose', kind: 'compose' },
  { dir: 'ci/github', kind: 'github-actions' },
  { dir: 'ci/gitlab', kind: 'gitlab-ci' },
  { dir: 'ci/woodpecker', kind: 'woodpecker' },
  { dir: 'prometheus', kind: 'prometheus-rules' },
];

/** Every file below a folder, sorted, so runs are reproducible. */
export function listFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .flatMap((e) => (e.isDirectory() ? listFiles(join(dir, e.name)) : [join(dir, e.name)]))
    .sort();
}
