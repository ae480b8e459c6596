// Decides what kind of document a file is, from its name, editor language id and (for
// generic YAML) a cheap look at its top-level keys. Never parses.
import type { DocumentKind } from './types';

export function baseName(fileName: string): string {
  const parts = fileName.split(/[\\/]/);
  return parts[parts.length - 1] ?? fileName;
}

function normalizedPath(fileName: string): string {
  return fileName.replace(/\\/g, '/');
}

export function isDockerfileName(fileName: string): boolean {
  const base = baseName(fileName);
  // `Dockerfile.dockerignore` is the per-Dockerfile ignore file, not a Dockerfile.
  if (/\.dockerignore$/i.test(base)) return false;
  return (
    base === 'Dockerfile' ||
    base === 'Containerfile' ||
    /^(Dockerfile|Containerfile)[.-].+/.test(base) ||
    /\.(dockerfile|Dockerfile|containerfile|Containerfile)$/.test(base) ||
    // Prefixed names: `api.Dockerfile.prod`, `backend-Dockerfile`, `build_Dockerfile`.
    /[._-](Dockerfile|Containerfile)([.-][^/\\]+)?$/.test(base)
  );
}

export function isYamlName(fileName: string): boolean {
  return /\.ya?ml$/i.test(fileName);
}

export function isConfigFileName(fileName: string): boolean {
  const base = baseName(fileName);
  return base === '.infra-guide.yaml' || base === '.infra-guide.yml';
}

export function isComposeName(fileName: string): boolean {
  return /^(docker-)?compose([.-][^/]*)?\.ya?ml$/i.test(baseName(fileName));
}

const TOP_LEVEL_STEPS = /^(steps|pipeline)\s*:/m;

/**
 * The top-level keys classification looks at, found in one scan of the text (stopped once it
 * decides Kubernetes): one multi-line regex per key scanned all of a file that has none of them
 * (a Compose file was scanned five times over). A key's `\s*` may run over line ends, as it did
 * in each key's own regex; what it runs over is blank, so it never hides the start of another key.
 */
const TOP_LEVEL_KEY = /^(?:(apiVersion|kind|groups|jobs|steps|pipeline|stages|workflow|script|before_script)\s*:|["']?(on)["']?\s*:|(services)[ \t]*:)/gm;

type TopLevelKey = 'apiVersion' | 'kind' | 'groups' | 'jobs' | 'steps' | 'pipeline' | 'stages' | 'workflow' | 'script' | 'before_script' | 'on' | 'services';

function topLevelKeys(head: string): Set<TopLevelKey> {
  const keys = new Set<TopLevelKey>();
  TOP_LEVEL_KEY.lastIndex = 0;
  for (let m = TOP_LEVEL_KEY.exec(head); m !== null; m = TOP_LEVEL_KEY.exec(head)) {
    keys.add((m[1] ?? m[2] ?? m[3]) as TopLevelKey);
    // Both found: Kubernetes, whatever follows. A 20k-line manifest stream was scanned to its end
    // on every keystroke (~2–3 ms).
    if (keys.has('apiVersion') && keys.has('kind')) break;
  }
  return keys;
}

/**
 * `/^\s+(image|build)\s*:/m` and `/^\s+(- )?rules\s*:/m`: a key after blanks that start at a line
 * start (they may take up whole lines). The key is looked for first, then the blanks behind it:
 * `^\s+` tried from every line start ran over all the blank lines below each of them (quadratic:
 * 32k blank lines took ~2 s).
 */
const INDENTED_IMAGE_OR_BUILD = /(?=image|build)(?<=^\s+)(?:image|build)\s*:/m;
const INDENTED_RULES = /(?=(?:- )?rules)(?<=^\s+)(?:- )?rules\s*:/m;

/** CI-pipeline keys: a file with one of them at the top level is no Compose file. */
const NOT_COMPOSE_KEYS: readonly TopLevelKey[] = ['jobs', 'steps', 'pipeline', 'stages', 'workflow', 'script', 'before_script'];

/**
 * A top-level `services:` *mapping* (named services, not GitLab's list of images) whose
 * services set `image`/`build`, and no CI-pipeline keys at the top level (Woodpecker and
 * GitLab files also have `services:`).
 */
function isComposeShaped(head: string, keys: ReadonlySet<TopLevelKey>): boolean {
  if (!keys.has('services') || NOT_COMPOSE_KEYS.some((k) => keys.has(k))) return false;
  const m = /^services[ \t]*:[ \t]*(?:#.*)?\r?\n((?:[ \t]*(?:#.*)?\r?\n)*)([ \t]+)(\S)/m.exec(head);
  if (!m || m[3] === '-') return false;
  return INDENTED_IMAGE_OR_BUILD.test(head);
}

/** Kind from content, for YAML files whose name says nothing. */
export function classifyYamlContent(text: string): DocumentKind {
  const head = text.length > 4_000_000 ? text.slice(0, 4_000_000) : text;
  const keys = topLevelKeys(head);
  if (keys.has('apiVersion') && keys.has('kind')) return 'kubernetes';
  if (keys.has('groups') && INDENTED_RULES.test(head)) return 'prometheus-rules';
  if (isComposeShaped(head, keys)) return 'compose';
  if (keys.has('jobs') && keys.has('on')) return 'github-actions';
  return 'yaml';
}

export function classify(fileName: string, languageId: string | undefined, text: string): DocumentKind | undefined {
  const path = normalizedPath(fileName);
  const base = baseName(path);
  if (languageId === 'dockerfile' || isDockerfileName(path)) return 'dockerfile';
  if (languageId === 'git-commit' || base === 'COMMIT_EDITMSG' || base === 'MERGE_MSG') return 'commit-message';
  if (isConfigFileName(path)) return 'infra-guide-config';
  if (!isYamlName(path) && languageId !== 'yaml' && languageId !== 'dockercompose') return undefined;
  if (isComposeName(path) || languageId === 'dockercompose') return 'compose';
  if (/(^|\/)\.github\/workflows\/[^/]+$/.test(path)) return 'github-actions';
  if (/(^|\/)\.gitlab-ci\.ya?ml$/.test(path) || /\.gitlab-ci\.ya?ml$/.test(base)) return 'gitlab-ci';
  if (/(^|\/)\.woodpecker(\.ya?ml$|\/)/.test(path)) return 'woodpecker';
  const byContent = classifyYamlContent(text);
  if (byContent === 'yaml' && TOP_LEVEL_STEPS.test(text) && /(^|\/)\.?woodpecker/.test(path)) return 'woodpecker';
  return byContent;
}
