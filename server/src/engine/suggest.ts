// Suggestions for mistyped rule ids ("did you mean …?"): pure string distance, shared by the
// editor settings (lsp/settings.ts) and the command line (`check --rule`).

/** Longer queries are cut to this length before comparing (each costs an edit distance per rule). */
const MAX_QUERY_LENGTH = 160;

/** `; did you mean `a` or `b`?`, or nothing without candidates. */
export function didYouMean(candidates: readonly string[]): string {
  return candidates.length === 0 ? '' : `; did you mean ${candidates.map((c) => `\`${c}\``).join(' or ')}?`;
}

function ruleNameOf(id: string): string {
  return id.slice(id.indexOf('/') + 1);
}

/** Optimal string alignment distance: insertions, deletions, substitutions, adjacent swaps. */
export function editDistance(a: string, b: string): number {
  let prev2: number[] = [];
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let d = Math.min(prev[j]! + 1, row[j - 1]! + 1, prev[j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d = Math.min(d, prev2[j - 2]! + 1);
      row.push(d);
    }
    prev2 = prev;
    prev = row;
  }
  return prev[b.length]!;
}

/**
 * The known rule ids a mistyped one may mean (at most two; none when nothing is close or too
 * many are): the closest by edit distance (ignoring case; against the rule names when no
 * domain is given), else ids it is a prefix or an extension of, or the same rule name in
 * another domain.
 */
export function suggestRuleIds(id: string, knownRuleIds: readonly string[]): string[] {
  const q = id.trim().toLowerCase().replace(/\\/g, '/').replace(/[\s_]+/g, '-').slice(0, MAX_QUERY_LENGTH);
  if (q === '') return [];
  const domainGiven = q.includes('/');
  const limit = Math.max(2, Math.floor(q.length / 4));
  let best = limit + 1;
  let closest: string[] = [];
  const related: string[] = [];
  for (const k of knownRuleIds) {
    const target = domainGiven ? k.toLowerCase() : ruleNameOf(k).toLowerCase();
    const d = editDistance(q, target);
    if (d < best) {
      best = d;
      closest = [k];
    } else if (d === best) closest.push(k);
    if (target.startsWith(q) || q.startsWith(target) || (domainGiven && ruleNameOf(q) === ruleNameOf(k).toLowerCase())) related.push(k);
  }
  for (const group of [closest, related]) if (group.length > 0 && group.length <= 2) return group;
  return [];
}
