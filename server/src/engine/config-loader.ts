// Finds and loads the `.infra-guide.yaml` nearest to a file (monorepos: the closest ancestor
// folder wins). Used by the CLI and the language server; reads the disk, but knows nothing
// of LSP or VS Code.
import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import picomatch from 'picomatch';
import { defaultConfig, mergeConfig, parseConfigText, type InfraGuideConfig } from './config';
import { defaultOptionsOf, isKnownRule } from './registry';
import type { Finding } from './types';
import { Lru } from './lru';

export const CONFIG_FILE_NAMES = ['.infra-guide.yaml', '.infra-guide.yml'] as const;

export interface LoadedConfig {
  config: InfraGuideConfig;
  /** Absolute path of the config file used, if any. */
  configPath: string | undefined;
  /** Problems in that config file (reported on the config file, not on linted files). */
  problems: Finding[];
}

interface CacheEntry {
  mtimeMs: number;
  size: number;
  parsed: ReturnType<typeof parseConfigText>;
}

export class ConfigResolver {
  private readonly fileCache = new Map<string, CacheEntry>();
  private readonly dirCache = new Map<string, string | null>();

  /** @param base settings layered under the config file (editor settings, CLI flags). */
  constructor(private base: InfraGuideConfig = defaultConfig()) {}

  setBase(base: InfraGuideConfig): void {
    this.base = base;
  }

  /** Forget cached lookups (a config file was created, changed or deleted). */
  invalidate(): void {
    this.fileCache.clear();
    this.dirCache.clear();
  }

  /** Nearest config file for a folder, searching upwards. */
  findConfigFile(dir: string): string | undefined {
    const start = resolve(dir);
    const visited: string[] = [];
    let cur = start;
    let found: string | null | undefined;
    for (;;) {
      const cached = this.dirCache.get(cur);
      if (cached !== undefined) {
        found = cached;
        break;
      }
      visited.push(cur);
      const hit = CONFIG_FILE_NAMES.map((n) => join(cur, n)).find((p) => existsSync(p));
      if (hit) {
        found = hit;
        break;
      }
      const parent = dirname(cur);
      if (parent === cur) {
        found = null;
        break;
      }
      cur = parent;
    }
    for (const v of visited) this.dirCache.set(v, found ?? null);
    return found ?? undefined;
  }

  /** Config for a file on disk (or an unsaved editor buffer at that path). */
  forFile(filePath: string): LoadedConfig {
    const configPath = this.findConfigFile(dirname(resolve(filePath)));
    if (!configPath) return { config: this.base, configPath: undefined, problems: [] };
    const parsed = this.readConfig(configPath);
    return { config: mergeConfig(this.base, parsed.config), configPath, problems: parsed.problems };
  }

  private readConfig(path: string): ReturnType<typeof parseConfigText> {
    let st;
    try {
      st = statSync(path);
    } catch {
      return { config: {}, problems: [] };
    }
    const cached = this.fileCache.get(path);
    if (cached && cached.mtimeMs === st.mtimeMs && cached.size === st.size) return cached.parsed;
    let parsed: ReturnType<typeof parseConfigText>;
    try {
      parsed = parseConfigText(readFileSync(path, 'utf8'), isKnownRule, defaultOptionsOf);
    } catch (e) {
      parsed = {
        config: {},
        problems: [
          {
            ruleId: 'infra-guide/invalid-config',
            severity: 'error',
            message: `infra-guide config could not be read: ${(e as Error).message}. Defaults apply.`,
            range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
            fixes: [],
          },
        ],
      };
    }
    this.fileCache.set(path, { mtimeMs: st.mtimeMs, size: st.size, parsed });
    return parsed;
  }

  /**
   * Whether the config's `ignore` globs (relative to the config file's folder) ignore the file.
   * As in `.gitignore`: the last glob matching the file or one of its folders decides, `!glob`
   * re-includes what an earlier glob ignored (picomatch alone would read `!glob` as "every file
   * but these"), a glob matching a folder ignores all in it (`vendor`, `build/`), a trailing `/`
   * matches folders only, and a glob without a `/` (but a trailing one) matches at any depth,
   * unless a leading `/` anchors it to the config file's folder. Unlike git, `!glob` re-includes
   * files also inside an ignored folder (git cannot).
   */
  isIgnored(filePath: string, loaded: LoadedConfig): boolean {
    if (loaded.config.ignore.length === 0) return false;
    const root = loaded.configPath ? dirname(loaded.configPath) : process.cwd();
    const rel = relative(root, resolve(filePath)).split(sep).join('/');
    if (rel.startsWith('..')) return false;
    const parts = rel.split('/');
    // The file's folders (`a`, `a/b`), then the file itself.
    const folders = parts.slice(0, -1).map((_, i) => parts.slice(0, i + 1).join('/'));
    const globs = loaded.config.ignore;
    for (let i = globs.length - 1; i >= 0; i--) {
      const m = ignoreMatcher(globs[i]!);
      if (m && (folders.some((f) => m.isMatch(f)) || (!m.foldersOnly && m.isMatch(rel)))) return !m.negated;
    }
    return false;
  }
}

interface IgnoreMatcher {
  isMatch: (path: string) => boolean;
  negated: boolean;
  foldersOnly: boolean;
}

// Compiled once per glob: a walk asks about every file, and picomatch compiles a regex per call.
const ignoreMatchers = new Lru<IgnoreMatcher | null>(1000);

/** The matcher of an `ignore` glob (see `isIgnored`); null for a glob that matches nothing. */
function ignoreMatcher(glob: string): IgnoreMatcher | null {
  let m = ignoreMatchers.get(glob);
  if (m !== undefined) return m;
  // `!(…)` is picomatch's extglob ("anything but"), not a re-include.
  const negated = glob.startsWith('!') && !glob.startsWith('!(');
  let pattern = negated ? glob.slice(1) : glob;
  const foldersOnly = pattern.endsWith('/');
  pattern = pattern.replace(/\/+$/, '');
  if (pattern.startsWith('/')) pattern = pattern.slice(1);
  else if (!pattern.includes('/')) pattern = `**/${pattern}`;
  m = pattern === '' || pattern === '**/' ? null : { isMatch: picomatch(pattern, { dot: true }), negated, foldersOnly };
  ignoreMatchers.set(glob, m);
  return m;
}
