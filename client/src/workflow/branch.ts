// Issue numbers from branch names, and branch names for issues. Pure.

const SEGMENT_NUMBER = /^#?(\d{1,9})(?:[-_.].*)?$/;
const SEGMENT_PREFIXED = /^(?:issues?|gh|gl|bug|ticket|task|story)[-_]?#?(\d{1,9})(?:[-_].*)?$/i;

/**
 * `feature/67-redis-cluster`, `67-redis`, `issue-67`, `fix/#67-x`, `user/feature/67` → 67; versions,
 * dates and release lines (`release/1.2.3`, `2024-01-15-x`, `release/2`) name none.
 * Segments are looked at from the last one; undefined when no segment names an issue.
 */
export function issueNumberFromBranch(branch: string | undefined): number | undefined {
  if (!branch) return undefined;
  const name = branch.trim().replace(/^refs\/heads\//, '');
  const segments = name.split('/');
  // `release/2`, `releases/3-lts`: a release line, not an issue.
  if (segments.length > 1 && /^releases?$/i.test(segments[0]!)) return undefined;
  for (const seg of segments.reverse()) {
    const m = SEGMENT_PREFIXED.exec(seg) ?? SEGMENT_NUMBER.exec(seg);
    if (!m) continue;
    // `1.2` in `release/1.2` is a version, and `2024-01-15-cleanup` or `20240115` a date, not an issue.
    if (/^\d+\.\d/.test(seg) || /^(?:19|20)\d\d([-_.]?)(?:0[1-9]|1[0-2])\1(?:0[1-9]|[12]\d|3[01])(?:\D|$)/.test(seg)) continue;
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
