// Issue numbers from branch names, and branch names for issues. Pure.

const SEGMENT_NUMBER = /^#?(\d{1,9})(?:[-_.].*)?$/;
const SEGMENT_PREFIXED = /^(?:issues?|gh|gl|bug|ticket|task|story)[-_]?#?(\d{1,9})(?:[-_].*)?$/i;

/**
 * `feature/67-redis-cluster`, `67-redis`, `issue-67`, `fix/#67-x`, `user/feature/67` → 67.
 * Segments are looked at from the last one; undefined when no segment names an issue.
 */
export function issueNumberFromBranch(branch: string | undefined): number | undefined {
  if (!branch) return undefined;
  const name = branch.trim().replace(/^refs\/heads\//, '');
  const segments = name.split('/').reverse();
  for (const seg of segments) {
    const m = SEGMENT_PREFIXED.exec(seg) ?? SEGMENT_NUMBER.exec(seg);
    if (!m) continue;
    // `1.2` in `release/1.2` is a version, not an issue.
    if (/^\d+\.\d/.test(seg)) continue;
    const n = Number(m[1]);
    if (Number.isSafeInteger(n) && n > 0) return n;
  }
  return undefined;
}

/** `feature/67-redis-cluster` for issue 67 "Redis cluster". */
export function branchNameFor(issue: number, shortName: string, prefix = 'feature'): string {
  const p = prefix.replace(/\/+$/, '');
  return `${p ? p + '/' : ''}${issue}${shortName ? '-' + shortName : ''}`;
}
