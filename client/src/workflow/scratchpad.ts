// Where scratchpads live and how they are named: `docs/scratchpads/{issue-number}-{short-name}.md`.
// Validation of user input (issue numbers, short names) and never-overwrite lookup. Pure.
import { MAX_SHORT_NAME, isValidShortName } from './slug';

export const SCRATCHPAD_DIR = 'docs/scratchpads';
export const TEMPLATE_FILE = '.template.md';

/** A positive integer issue number from user input (`67` or `#67`), else undefined. */
export function parseIssueNumber(input: string | number | undefined): number | undefined {
  if (typeof input === 'number') return Number.isSafeInteger(input) && input > 0 ? input : undefined;
  if (typeof input !== 'string') return undefined;
  const m = /^\s*#?(\d+)\s*$/.exec(input);
  if (!m) return undefined;
  const n = Number(m[1]);
  return Number.isSafeInteger(n) && n > 0 ? n : undefined;
}

/** Input-box validation message for an issue number, or undefined when valid. */
export function validateIssueNumber(input: string): string | undefined {
  if (input.trim() === '') return 'Enter the issue number, e.g. 67.';
  return parseIssueNumber(input) === undefined ? 'The issue number must be a positive whole number, e.g. 67.' : undefined;
}

/** Input-box validation message for a short name, or undefined when valid. */
export function validateShortName(name: string): string | undefined {
  if (name.includes('\u0000')) return 'The name contains a NUL character.';
  if (/[\\/]/.test(name) || name.includes('..') || /^[a-zA-Z]:/.test(name) || name.startsWith('~'))
    return `The name must be a plain file name inside ${SCRATCHPAD_DIR}/ (no "/", "\\", ".." or drive letters).`;
  if (name === '') return 'Enter a short name, e.g. redis-cluster.';
  if (name.length > MAX_SHORT_NAME) return `At most ${MAX_SHORT_NAME} characters (now ${name.length}).`;
  if (!isValidShortName(name)) return 'Use lowercase letters, digits and single hyphens (kebab-case), e.g. redis-cluster.';
  return undefined;
}

export function scratchpadFileName(issue: number, shortName: string): string {
  if (parseIssueNumber(issue) === undefined) throw new Error(`invalid issue number: ${issue}`);
  const problem = validateShortName(shortName);
  if (problem) throw new Error(problem);
  return `${issue}-${shortName}.md`;
}

/** `docs/scratchpads/67-redis-cluster.md` (posix, relative to the workspace folder). */
export function scratchpadRelativePath(issue: number, shortName: string): string {
  return `${SCRATCHPAD_DIR}/${scratchpadFileName(issue, shortName)}`;
}

/** The issue number a scratchpad file name belongs to (`67-x.md`, `67.md`), else undefined. */
export function issueOfScratchpadName(name: string): number | undefined {
  const m = /^0*(\d+)(?:-[^/\\]*)?\.md$/i.exec(name);
  if (!m) return undefined;
  const n = Number(m[1]);
  return Number.isSafeInteger(n) && n > 0 ? n : undefined;
}

/**
 * Never overwrite: the existing scratchpad of an issue among the names in the folder, under
 * any short name (`67-redis.md` and `67-redis-cluster.md` both belong to #67; `670-x.md` doesn't).
 */
export function findExistingScratchpad(names: readonly string[], issue: number): string | undefined {
  return names.filter((n) => issueOfScratchpadName(n) === issue).sort()[0];
}

export interface ScratchpadDirAccess {
  /** true: a folder; false: something else; undefined: nothing there. */
  isDirectory(): Promise<boolean | undefined>;
  /** Names of the files in the folder. */
  fileNames(): Promise<string[]>;
}

/**
 * The file names in docs/scratchpads; [] when it does not exist. A folder that exists but can't be
 * listed is an error, not "no scratchpads": the issue's scratchpad may be there under another name.
 */
export async function listScratchpadNames(dir: ScratchpadDirAccess): Promise<string[]> {
  if ((await dir.isDirectory()) !== true) return [];
  try {
    return await dir.fileNames();
  } catch (e) {
    const why = e instanceof Error ? e.message : String(e);
    throw new Error(`${SCRATCHPAD_DIR} exists but can't be listed (${why}), so an existing scratchpad of the issue can't be looked up; check the folder's permissions.`);
  }
}

/** Issue number from a path like `/ws/docs/scratchpads/67-redis.md` (the open scratchpad). */
export function issueOfScratchpadPath(path: string): number | undefined {
  const norm = path.replace(/\\/g, '/');
  const m = /(?:^|\/)docs\/scratchpads\/([^/]+)$/.exec(norm);
  return m ? issueOfScratchpadName(m[1]!) : undefined;
}

/**
 * Joins a relative posix path under a root folder path and returns it only if it stays inside
 * `root/docs/scratchpads` (defence in depth against traversal).
 */
export function resolveInsideScratchpads(rootPath: string, relative: string): string | undefined {
  if (relative.includes('\u0000') || relative.includes('\\') || relative.startsWith('/') || /^[a-zA-Z]:/.test(relative)) return undefined;
  const parts: string[] = [];
  for (const p of relative.split('/')) {
    if (p === '' || p === '.') continue;
    if (p === '..') return undefined;
    parts.push(p);
  }
  const joined = parts.join('/');
  if (!joined.startsWith(SCRATCHPAD_DIR + '/') || joined.length === SCRATCHPAD_DIR.length + 1) return undefined;
  return `${rootPath.replace(/\/+$/, '')}/${joined}`;
}

/** `# #67: Configure Redis cluster` → the title, from the first heading of a scratchpad. */
export function titleFromScratchpadText(text: string, issue: number): string | undefined {
  for (const line of text.split('\n')) {
    // Trimmed first: a lazy title followed by `\s*$` was retried at every blank of a long line
    // (time quadratic in its length).
    const m = /^#\s+(?:#?(\d+)\s*[:\-–—]\s*)?(.+)$/.exec(line.trimEnd());
    if (!m) continue;
    if (m[1] !== undefined && Number(m[1]) !== issue) return undefined;
    return m[2];
  }
  return undefined;
}
