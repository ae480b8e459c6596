// Parses the output of an issue-list program (the guide's `issue-list.sh -a @me`, `gh issue
// list`, `tea issues`, `glab issue list`, …) into issues. Pure: no VS Code, no I/O.
// Accepted: JSON (array, `{issues|items|data: [...]}` or one object per line), tables (pipes,
// tabs or aligned columns, with or without a header row) and plain `#67 Configure Redis cluster`
// lines. Anything else is skipped, so garbage yields an empty list rather than an error.

export interface Issue {
  number: number;
  title: string;
  labels: string[];
  state?: string;
  url?: string;
}

const ANSI = /\u001b\[[0-9;?]*[ -/]*[@-~]|\u001b\][^\u0007\u001b]*(\u0007|\u001b\\)/g;
const STATES = /^(open|opened|closed|merged|reopened|in[ _-]?progress|todo|done|draft|all)$/i;
const DATE_LIKE = /^(\d{4}-\d{2}-\d{2}([T ][\d:.]+Z?)?|about .+ ago|\d+ \w+ ago|less than .+ ago|.+ ago)$/i;

export function stripAnsi(s: string): string {
  return s.replace(ANSI, '');
}

/**
 * A title or label as one line of plain text: colour codes, control characters (NUL, BEL, line
 * breaks a JSON string may hold) and bidirectional overrides removed, white space collapsed. It
 * becomes a scratchpad's heading, a branch name and a commit subject.
 */
export function cleanText(s: string): string {
  return stripAnsi(s)
    .replace(/[\t\n\r\v\f\u0085\u2028\u2029]+/g, ' ')
    .replace(/[\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g, '')
    .replace(/\s+/g, ' ')
    .trim();
}

function positiveInt(v: unknown): number | undefined {
  const n = typeof v === 'string' && /^#?\d+$/.test(v.trim()) ? Number(v.trim().replace('#', '')) : v;
  return typeof n === 'number' && Number.isSafeInteger(n) && n > 0 ? n : undefined;
}

function labelList(v: unknown): string[] {
  if (Array.isArray(v)) {
    return v
      .map((l) => (typeof l === 'string' ? l : l && typeof l === 'object' && typeof (l as { name?: unknown }).name === 'string' ? (l as { name: string }).name : undefined))
      .filter((l): l is string => typeof l === 'string')
      .map(cleanText)
      .filter((l) => l !== '');
  }
  if (typeof v === 'string') return splitLabels(v);
  return [];
}

function splitLabels(s: string): string[] {
  const t = s.trim();
  const inner = t.slice(/^[([{]/.test(t) ? 1 : 0, /[)\]}]$/.test(t) ? -1 : undefined);
  return inner
    .split(',')
    .map(cleanText)
    .filter((x) => x !== '');
}

function fromObject(o: unknown): Issue | undefined {
  if (!o || typeof o !== 'object' || Array.isArray(o)) return undefined;
  const r = o as Record<string, unknown>;
  // `number` (GitHub, Gitea API), `iid` (GitLab), `index` (tea); `id` is a global id elsewhere, so last.
  const number = positiveInt(r['number']) ?? positiveInt(r['iid']) ?? positiveInt(r['index']) ?? positiveInt(r['id']);
  const title = typeof r['title'] === 'string' ? cleanText(r['title']) : undefined;
  if (number === undefined || !title) return undefined;
  const issue: Issue = { number, title, labels: labelList(r['labels']) };
  const state = r['state'];
  if (typeof state === 'string' && cleanText(state)) issue.state = cleanText(state).toLowerCase();
  for (const k of ['url', 'html_url', 'web_url', 'htmlUrl', 'webUrl']) {
    const u = r[k];
    if (typeof u === 'string' && /^https?:\/\//.test(u)) {
      issue.url = u;
      break;
    }
  }
  return issue;
}

function parseJson(text: string): Issue[] | undefined {
  const t = text.trim();
  if (!t.startsWith('[') && !t.startsWith('{')) return undefined;
  let values: unknown[] | undefined;
  try {
    const v: unknown = JSON.parse(t);
    if (Array.isArray(v)) values = v;
    else if (v && typeof v === 'object') {
      const r = v as Record<string, unknown>;
      const inner = ['issues', 'items', 'data', 'nodes'].map((k) => r[k]).find(Array.isArray) as unknown[] | undefined;
      values = inner ?? [v];
    }
  } catch {
    // JSON lines: one object per line.
    const lines = t.split(/\r?\n/).filter((l) => l.trim() !== '');
    const objs: unknown[] = [];
    for (const l of lines) {
      try {
        objs.push(JSON.parse(l));
      } catch {
        return undefined;
      }
    }
    values = objs;
  }
  return (values ?? []).map(fromObject).filter((x): x is Issue => x !== undefined);
}

type Column = 'number' | 'title' | 'labels' | 'state' | 'url' | 'other';

function headerColumn(cell: string): Column | undefined {
  const c = cell.trim().toLowerCase().replace(/[^a-z#]/g, '');
  if (['#', 'number', 'num', 'no', 'id', 'iid', 'index', 'issue'].includes(c)) return 'number';
  if (['title', 'summary', 'subject', 'name'].includes(c)) return 'title';
  if (['labels', 'label', 'tags'].includes(c)) return 'labels';
  if (['state', 'status'].includes(c)) return 'state';
  if (['url', 'link', 'weburl', 'htmlurl'].includes(c)) return 'url';
  if (['updated', 'created', 'updatedat', 'createdat', 'author', 'assignee', 'assignees', 'milestone', 'owner', 'project', 'repo', 'repository', 'comments'].includes(c)) return 'other';
  return undefined;
}

function splitCells(line: string, mode: 'pipe' | 'tab' | 'spaces'): string[] {
  if (mode === 'pipe') return line.trim().replace(/^\|/, '').replace(/\|$/, '').split('|').map((c) => c.trim());
  if (mode === 'tab') return line.split('\t').map((c) => c.trim());
  return line.trim().split(/\s{2,}/).map((c) => c.trim());
}

function isSeparator(line: string): boolean {
  return /^[\s|+:=\-─━┼┬┴╋├┤]*$/.test(line) && /[-=─━]/.test(line);
}

function issueFromCells(cells: string[], header: Column[] | undefined): Issue | undefined {
  if (header) {
    const get = (col: Column) => {
      const i = header.indexOf(col);
      return i >= 0 ? cells[i] : undefined;
    };
    const number = positiveInt(get('number'));
    const title = cleanText(get('title') ?? '');
    if (number === undefined || !title) return undefined;
    const issue: Issue = { number, title, labels: splitLabels(get('labels') ?? '') };
    const state = get('state');
    if (state) issue.state = state.toLowerCase();
    const url = get('url');
    if (url && /^https?:\/\//.test(url)) issue.url = url;
    return issue;
  }
  // No header: the first cell that is a number is the number; then state, title, labels by shape.
  const ni = cells.findIndex((c) => positiveInt(c) !== undefined);
  if (ni < 0) return undefined;
  const number = positiveInt(cells[ni])!;
  let state: string | undefined;
  let url: string | undefined;
  const rest: string[] = [];
  for (const c of cells.slice(ni + 1)) {
    if (c === '') continue;
    if (!state && STATES.test(c)) state = c.toLowerCase();
    else if (/^https?:\/\//.test(c)) url = c;
    else if (/^\S+#\d+$/.test(c) || DATE_LIKE.test(c)) continue;
    else rest.push(c);
  }
  const title = cleanText(rest.shift() ?? '');
  if (!title) return undefined;
  const issue: Issue = { number, title, labels: rest.length ? splitLabels(rest[0]!) : [] };
  if (state) issue.state = state;
  if (url) issue.url = url;
  return issue;
}

// `#67 Configure Redis cluster`, `67: Title`, `#67 - Title`, `[open] #67 Title (labels: a, b)`.
const PLAIN = /^\s*(?:[-*•]\s+)?(?:\[(\w[\w -]*)\]\s+)?#?(\d+)\s*(?:[:|–—)-]\s*|\s+)(?:\[(\w[\w -]*)\]\s+)?(.*\S)\s*$/;

/**
 * The title's last `(…)` or `[…]` group (up to the end). Found by position: a pattern with leading
 * `\s*` retried at every space of a long line took time quadratic in its length.
 */
function lastBracket(title: string): string {
  return title.slice(Math.max(title.lastIndexOf('('), title.lastIndexOf('['), 0));
}

function parsePlain(line: string): Issue | undefined {
  const m = PLAIN.exec(line);
  if (!m) return undefined;
  const number = positiveInt(m[2]);
  if (number === undefined) return undefined;
  let title = cleanText(m[4]!);
  let state: string | undefined;
  for (const s of [m[1], m[3]]) if (s && STATES.test(s.trim())) state = s.trim().toLowerCase();
  let labels: string[] = [];
  const lab = /^[([]\s*labels?:\s*([^)\]]*)[)\]]$/i.exec(lastBracket(title));
  if (lab) {
    labels = splitLabels(lab[1]!);
    title = title.slice(0, title.length - lab[0].length).trim();
  }
  const st = /^[([](open|opened|closed|in progress)[)\]]$/i.exec(lastBracket(title));
  if (st) {
    state = st[1]!.toLowerCase();
    title = title.slice(0, title.length - st[0].length).trim();
  }
  if (!title || !/[\p{L}\p{N}]/u.test(title)) return undefined;
  const issue: Issue = { number, title, labels };
  if (state) issue.state = state;
  return issue;
}

export function parseIssueList(output: string): Issue[] {
  const text = stripAnsi(output.replace(/^\uFEFF/, ''));
  if (text.trim() === '') return [];
  const json = parseJson(text);
  const out: Issue[] = [];
  if (json !== undefined) out.push(...json);
  else {
    let header: Column[] | undefined;
    let headerMode: 'pipe' | 'tab' | 'spaces' | undefined;
    for (const raw of text.split(/\r?\n|\r/)) {
      const line = raw.trimEnd();
      if (line.trim() === '' || isSeparator(line)) continue;
      const mode = /^\s*\|/.test(line) ? 'pipe' : line.includes('\t') ? 'tab' : /\S\s{2,}\S/.test(line) ? 'spaces' : undefined;
      if (mode) {
        const cells = splitCells(line, mode);
        const cols = cells.map(headerColumn);
        if (cols.includes('number') && cols.includes('title') && cols.every((c) => c !== undefined)) {
          header = cols as Column[];
          headerMode = mode;
          continue;
        }
        const issue = issueFromCells(cells, header && headerMode === mode ? header : undefined);
        if (issue) {
          out.push(issue);
          continue;
        }
      }
      const plain = parsePlain(line);
      if (plain) out.push(plain);
    }
  }
  const seen = new Set<number>();
  return out.filter((i) => (seen.has(i.number) ? false : (seen.add(i.number), true)));
}

/** Expands a leading `~` or `~/` to the home directory (no other shell expansion). */
export function expandHome(path: string, home: string): string {
  if (path === '~') return home;
  if (path.startsWith('~/') || path.startsWith('~\\')) return home.replace(/[\\/]+$/, '') + path.slice(1);
  return path;
}

/** One line of a failing program's stderr (or stdout) for an error message. */
export function summarizeError(stderr: string, max = 200): string {
  const lines = stripAnsi(stderr)
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l !== '');
  const pick = lines.find((l) => /error|fatal|not found|denied|failed|unauthori[sz]ed|invalid/i.test(l)) ?? lines[lines.length - 1] ?? '';
  return pick.length > max ? pick.slice(0, max - 1) + '…' : pick;
}
