import type { CommitDoc } from '../../commit/model';
import { COMMIT_TYPE, DEFAULT_COMMIT_TYPES, commitStructure } from '../../commit/message';
import { range } from '../../text';
import type { Fix, Rule } from '../../types';

/**
 * The rule's `types` option as the rule reads it: the configured list, each type once (the
 * message's list, the editor's completions and the commit command's choices), else the defaults.
 */
export function typesOption(value: unknown): string[] {
  if (Array.isArray(value) && value.length > 0 && value.every((t) => typeof t === 'string' && t !== '')) return [...new Set(value as string[])];
  return [...DEFAULT_COMMIT_TYPES];
}

// Permissive shape used to say precisely what is wrong: type, `(scope)`, `!`, `:`, spaces, text.
const LOOSE = /^([A-Za-z][A-Za-z0-9_-]*)[ \t]*(\(([^)]*)\))?(!?)(:?)([ \t]*)(.*)$/;

export const subjectFormat: Rule<CommitDoc> = {
  meta: {
    id: 'commit/subject-format',
    title: 'Commit subject is `type(#N): Subject`',
    domain: 'commit',
    severity: 'warning',
    guideSection: 'Commit Format',
    rationale:
      'The guide\'s commit format starts with a type and the issue number, e.g. `chore(#67): Configure Redis cluster`, so history can be filtered by kind of change and every commit leads to its issue. The subject text may start with a capital letter (the guide\'s own example does). Merge, revert and `fixup!`/`squash!`/`amend!` commits are exempt.',
    bad: { fileName: 'COMMIT_EDITMSG', code: 'Configure Redis cluster\n\n- Add Redis StatefulSet with 3 replicas\n' },
    good: { fileName: 'COMMIT_EDITMSG', code: 'chore(#67): Configure Redis cluster\n\n- Add Redis StatefulSet with 3 replicas\n\nRefs #67\n' },
    fixable: true,
    fixSafety: 'safe',
    defaultOptions: { types: [...DEFAULT_COMMIT_TYPES] },
    optionDocs: { types: 'Allowed commit types (default: feat, fix, chore, docs, refactor, test, ci, perf, build).' },
    optionSchemas: { types: { items: { type: 'string', pattern: COMMIT_TYPE.source } } },
  },
  kinds: ['commit-message'],
  check(doc, ctx) {
    const s = commitStructure(doc);
    if (s.subject === undefined || s.exempt) return;
    const ln = s.subject;
    const line = doc.lines[ln]!;
    const types = typesOption(ctx.options['types']);
    const example = `${types.includes('feat') ? 'feat' : types[0]}(#67): Configure Redis cluster`;
    const whole = range(ln, 0, ln, line.length);

    if (line.startsWith('\uFEFF')) {
      ctx.report({
        range: range(ln, 0, ln, 1),
        message: 'The message starts with a byte order mark (U+FEFF), which git keeps in the subject; save it as UTF-8 without BOM.',
        fixes: [{ title: 'Remove the byte order mark', safe: true, edits: [{ range: range(ln, 0, ln, 1), newText: '' }] }],
      });
      return;
    }
    const lead = /^\s*/.exec(line)![0].length;
    if (lead > 0) {
      ctx.report({
        range: range(ln, 0, ln, lead),
        message: 'The subject starts with whitespace; start it with the commit type.',
        fixes: [{ title: 'Remove leading whitespace', safe: true, edits: [{ range: range(ln, 0, ln, lead), newText: '' }] }],
      });
      return;
    }
    const m = LOOSE.exec(line);
    if (!m || (m[2] === undefined && m[5] === '')) {
      ctx.report({ range: whole, message: `The subject must be \`type(#N): Subject\`, e.g. \`${example}\`.` });
      return;
    }
    const [, type, scope, scopeInner, , colon, spaces, text] = m as unknown as [string, string, string | undefined, string | undefined, string, string, string, string];
    const typeRange = range(ln, 0, ln, type.length);
    if (!types.includes(type)) {
      const lower = type.toLowerCase();
      const fixes: Fix[] = types.includes(lower)
        ? [{ title: `Change the type to \`${lower}\``, safe: true, edits: [{ range: typeRange, newText: lower }] }]
        : [];
      ctx.report({ range: typeRange, message: `Unknown commit type \`${type}\`; use one of: ${types.join(', ')}.`, fixes });
      return;
    }
    const scopeStart = line.indexOf('(', type.length);
    if (scope === undefined) {
      ctx.report({
        range: typeRange,
        message: `The issue number is missing after the type: write \`${type}(#N): …\`, e.g. \`${example}\`.`,
      });
      return;
    }
    if (scopeStart > type.length) {
      ctx.report({
        range: range(ln, type.length, ln, scopeStart),
        message: `No space between the type and \`(#N)\`: write \`${type}${scope}\`.`,
        fixes: [{ title: 'Remove the space', safe: true, edits: [{ range: range(ln, type.length, ln, scopeStart), newText: '' }] }],
      });
      return;
    }
    const scopeRange = range(ln, scopeStart, ln, scopeStart + scope.length);
    // Trimmed first: around `\s*#?\s*`, a run of blanks could be split in quadratically many ways.
    const num = /^#?\s*(\d+)$/.exec((scopeInner ?? '').trim());
    // Beyond 2^53 the number can't be told apart from its neighbours (and `Refs #N` is not checked).
    const issue = num ? Number(num[1]) : NaN;
    const isIssue = Number.isSafeInteger(issue) && issue > 0;
    if (!isIssue || !/^#\d+$/.test(scopeInner ?? '')) {
      const fixes: Fix[] = isIssue
        ? [{ title: `Write \`(#${issue})\``, safe: true, edits: [{ range: scopeRange, newText: `(#${issue})` }] }]
        : [];
      ctx.report({ range: scopeRange, message: `The scope must be the issue number as \`(#N)\` (positive integer), found \`${scope}\`.`, fixes });
      return;
    }
    const afterScope = scopeStart + scope.length;
    if (colon === '') {
      ctx.report({ range: range(ln, 0, ln, afterScope), message: `A \`: \` must follow \`${type}${scope}\`, e.g. \`${example}\`.` });
      return;
    }
    const colonAt = line.indexOf(':', afterScope);
    if (text === '') {
      ctx.report({ range: whole, message: 'The subject text after `: ` is empty: say what the commit does.' });
      return;
    }
    if (spaces !== ' ') {
      ctx.report({
        range: range(ln, colonAt, ln, colonAt + 1 + spaces.length),
        message: 'Put exactly one space after the colon of the subject.',
        fixes: [{ title: 'Use one space', safe: true, edits: [{ range: range(ln, colonAt + 1, ln, colonAt + 1 + spaces.length), newText: ' ' }] }],
      });
    }
  },
};
