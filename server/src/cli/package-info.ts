// Facts about the installed package, found at run time from the running script's folder so
// they work from the esbuild bundle (dist/cli-main.js) and from tsc's out/ alike.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

let cached: { root: string; version: string } | undefined | null = null;

/** The package's root folder (holding its package.json) and version. */
export function packageInfo(): { root: string; version: string } | undefined {
  if (cached !== null) return cached;
  cached = undefined;
  let dir = __dirname;
  for (;;) {
    const p = join(dir, 'package.json');
    if (existsSync(p)) {
      try {
        const pkg = JSON.parse(readFileSync(p, 'utf8')) as { name?: string; version?: string };
        if (pkg.name === 'infra-guide') {
          cached = { root: dir, version: pkg.version ?? '0.0.0' };
          break;
        }
      } catch {
        // keep looking upwards
      }
    }
    const parent = dirname(dir);
    if (parent === dir) break;
    dir = parent;
  }
  return cached;
}

/** Relative path (from the package root) of a rule's generated documentation. */
export function ruleDocPath(ruleId: string): string {
  return `docs/rules/${ruleId}.md`;
}
