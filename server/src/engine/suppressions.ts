// Comment pragmas that silence findings. One pure module so the server, CLI and tests
// agree on the grammar:
//   # infra-guide ignore=<id>[,<id>] -- <reason>        (applies to the next non-comment line)
//   # infra-guide ignore-file=<id>[,<id>] -- <reason>   (applies to the whole file)
// A malformed pragma or an unknown rule id is reported, never silently ignored.
import type { Finding, Range } from './types';
import { TextIndex } from './text';

export const PRAGMA_RULE_IDS = {
  malformed: 'infra-guide/malformed-pragma',
  unknownRule: 'infra-guide/unknown-rule-in-pragma',
  missingReason: 'infra-guide/pragma-missing-reason',
  notAllowed: 'infra-guide/pragma-not-allowed',
} as const;

export interface PragmaPolicy {
  /** Pragmas are honoured at all (a team may forbid them). */
  allow: boolean;
  /** Each pragma must carry `-- <reason>`. */
  requireReason: boolean;
}

export interface Suppressions {
  /** Target line → rule ids silenced on it. */
  lines: Map<number, Set<string>>;
  /** Rule ids silenced in the whole file. */
  file: Set<string>;
  problems: Finding[];
}

const PRAGMA_START = /^(\s*)#\s*infra-guide\b/;
const PRAGMA = /^\s*#\s*infra-guide\s+(ignore|ignore-file)=([A-Za-z0-9_./-]+(?:\s*,\s*[A-Za-z0-9_./-]+)*)\s*(?:--\s*(.*?))?\s*$/;

function problem(ruleId: string, range: Range, message: string): Finding {
  return { ruleId, severity: 'warning', message, range, fixes: [] };
}

/** Whether `text` may hold a pragma at all: most files have none and skip suppression handling. */
export function hasSuppressions(text: string): boolean {
  return text.includes('infra-guide');
}

export function parseSuppressions(
  text: string,
  index: TextIndex,
  isKnownRule: (id: string) => boolean,
  policy: PragmaPolicy,
  /** Lines that are part of a value although they look like comments (YAML block scalar content). */
  isValueLine: (line: number) => boolean = () => false,
): Suppressions {
  const result: Suppressions = { lines: new Map(), file: new Set(), problems: [] };
  if (!hasSuppressions(text)) return result;
  let pending: Set<string> | undefined;
  for (let line = 0; line < index.lineCount; line++) {
    const lineText = index.lineText(line);
    const trimmed = lineText.trim();
    const start = PRAGMA_START.exec(lineText);
    // A `# infra-guide …` line inside a value (a shell script in `run: |`, say) is data, not a pragma.
    if (!start || isValueLine(line)) {
      if (!start && (trimmed === '' || trimmed.startsWith('#'))) continue;
      if (pending) {
        const existing = result.lines.get(line);
        if (existing) for (const id of pending) existing.add(id);
        else result.lines.set(line, pending);
        pending = undefined;
      }
      continue;
    }
    const range: Range = { start: { line, character: start[1]!.length }, end: { line, character: lineText.length } };
    const m = PRAGMA.exec(lineText);
    if (!m) {
      result.problems.push(
        problem(
          PRAGMA_RULE_IDS.malformed,
          range,
          'Malformed infra-guide pragma: expected `# infra-guide ignore=<rule-id>[,<rule-id>] -- <reason>` or `ignore-file=`.',
        ),
      );
      continue;
    }
    if (!policy.allow) {
      result.problems.push(problem(PRAGMA_RULE_IDS.notAllowed, range, 'Suppression pragmas are not allowed by this project\'s infra-guide configuration.'));
      continue;
    }
    const reason = m[3]?.trim();
    if (policy.requireReason && !reason) {
      result.problems.push(problem(PRAGMA_RULE_IDS.missingReason, range, 'This project requires a reason for each suppression: add `-- <reason>`.'));
      continue;
    }
    const ids = new Set<string>();
    let idOffset = lineText.indexOf('=') + 1;
    for (const raw of m[2]!.split(',')) {
      const id = raw.trim();
      const at = lineText.indexOf(id, idOffset);
      idOffset = at + id.length;
      if (!isKnownRule(id)) {
        result.problems.push(
          problem(PRAGMA_RULE_IDS.unknownRule, { start: { line, character: at }, end: { line, character: at + id.length } }, `Unknown rule id \`${id}\` in infra-guide pragma.`),
        );
        continue;
      }
      ids.add(id);
    }
    if (ids.size === 0) continue;
    if (m[1] === 'ignore-file') for (const id of ids) result.file.add(id);
    else if (pending) for (const id of ids) pending.add(id);
    else pending = ids;
  }
  return result;
}

/** Whether a finding at `anchorLine` (the first line of its instruction/node) is silenced. */
export function isSuppressed(s: Suppressions, ruleId: string, anchorLine: number, startLine: number): boolean {
  if (s.file.has(ruleId)) return true;
  return !!(s.lines.get(anchorLine)?.has(ruleId) || (anchorLine !== startLine && s.lines.get(startLine)?.has(ruleId)));
}
