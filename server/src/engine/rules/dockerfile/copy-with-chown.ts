import type { Instruction } from 'dockerfile-ast';
import { DocumentMemo, type DockerfileDoc, type Stage } from '../../dockerfile/model';
import { copyInfo, normalizePath, parseRun, parseUser, resolveDest, stageUser, stageWorkdirs, type ShellCommand } from '../../dockerfile/shell';
import type { WorkdirsBefore } from '../../dockerfile/shell/workdir';
import type { Fix, Range, Rule } from '../../types';

/** Directories where the application's own files are not expected. */
const SYSTEM_DIR = /^\/((bin|sbin|etc|lib|lib32|lib64|proc|sys|dev|tmp|run|root|boot|mnt)(\/|$)|usr\/(bin|sbin|lib|lib64|share|include|local\/(bin|sbin|lib|share|include))(\/|$)|var\/(lib|log|cache|run|spool|tmp|mail|opt)(\/|$)|$)/;

/** Dependency manifests and lockfiles. */
const MANIFEST = /(^|\/)(package[^/]*\.json|package\*|npm-shrinkwrap\.json|yarn\.lock\*?|pnpm-lock\.yaml\*?|pnpm-workspace\.yaml|\.yarnrc\.yml|\.npmrc|requirements[^/]*\.txt|constraints[^/]*\.txt|pyproject\.toml|poetry\.lock\*?|Pipfile(\.lock)?|uv\.lock|go\.(mod|sum)|Gemfile(\.lock)?|composer\.(json|lock)|Cargo\.(toml|lock)|pom\.xml|build\.gradle(\.kts)?|settings\.gradle(\.kts)?|gradle\.properties|mix\.(exs|lock)|\*\.csproj|[^/]*\.csproj|[^/]*\.sln|packages\.lock\.json)$/;

/** Users that official images of these repositories already have (user → repositories). */
const IMAGE_USERS = new Map<string, RegExp>([
  ['node', /(^|\/)node$/],
  ['nonroot', /distroless|chainguard|wolfi/],
  ['www-data', /(^|\/)(php|debian|ubuntu|httpd|wordpress|drupal|nextcloud)$/],
  ['nginx', /(^|\/)nginx/],
  ['postgres', /(^|\/)postgres$/],
  ['redis', /(^|\/)redis$/],
  ['mysql', /(^|\/)mysql$/],
]);

/** Whether the user and the group are known to exist so far (see `ownerExistsReader`). */
interface OwnerFound {
  user: boolean;
  group: boolean;
}

/**
 * Whether user (and group) exist before an instruction of the stage (by its index): created by an
 * earlier RUN or known from the base. Instructions are asked in file order: each call reads the
 * RUNs from where the previous one stopped, rather than the whole stage again for every COPY.
 */
function ownerExistsReader(doc: DockerfileDoc, stage: Stage, user: string, group: string): (at: number) => boolean {
  const numeric = (v: string): boolean => /^[0-9]+$/.test(v);
  if (numeric(user) && numeric(group)) return () => true;
  const known = IMAGE_USERS.get(user);
  if (known && known.test(stage.rootImage.repository) && group === user) return () => true;
  const ref = stage.image.stageRef;
  const inherited = ref ? ownerAtEnd(doc, ref, user, group) : NOT_FOUND;
  const found: OwnerFound = { user: numeric(user) || inherited.user, group: numeric(group) || inherited.group };
  let next = 0;
  return (at) => {
    for (; next < at; next++) if (stage.keywords[next] === 'RUN') findOwner(doc, stage.instructions[next]!, user, group, found);
    return found.user && found.group;
  };
}

const NOT_FOUND: OwnerFound = { user: false, group: false };

/** `ownerAtEnd` per document (kept in it: see `DocumentMemo`): by `user:group`, by stage index. */
const ownersAtEnd = new DocumentMemo((): Map<string, OwnerFound[]> => new Map());

/**
 * What the RUNs of a stage and of the stages it is built FROM create of user and group, kept for
 * each stage of the chain: every stage of a long `FROM <previous stage>` chain reading the whole
 * chain made it quadratic.
 */
function ownerAtEnd(doc: DockerfileDoc, stage: Stage, user: string, group: string): OwnerFound {
  const byOwner = ownersAtEnd.of(doc);
  const key = `${user}:${group}`;
  let known = byOwner.get(key);
  if (known === undefined) byOwner.set(key, (known = []));
  // The chain up to the first stage already known, then each of them from the oldest on.
  const chain: Stage[] = [];
  let s: Stage | undefined = stage;
  for (; s && known[s.index] === undefined; s = s.image.stageRef) chain.push(s);
  let found = s ? known[s.index]! : NOT_FOUND;
  for (let c = chain.length - 1; c >= 0; c--) {
    const t = chain[c]!;
    found = { ...found };
    for (let i = 0; i < t.instructions.length; i++) if (t.keywords[i] === 'RUN') findOwner(doc, t.instructions[i]!, user, group, found);
    known[t.index] = found;
  }
  return found;
}

/** Marks in `found` the user and group that a RUN creates. */
function findOwner(doc: DockerfileDoc, run: Instruction, user: string, group: string, found: OwnerFound): void {
  for (const c of parseRun(doc, run)?.commands ?? []) {
    const args = c.argv.slice(1).map((w) => w.value);
    if ((c.name === 'addgroup' || c.name === 'groupadd') && args.includes(group)) found.group = true;
    if (c.name === 'adduser' || c.name === 'useradd') {
      if (args.includes(user)) found.user = true;
      const gi = args.findIndex((v) => v === '-G' || v === '-g' || v === '--ingroup' || v === '--gid');
      // `-G app` / `-g app` only works when the group exists.
      if (gi >= 0 && args[gi + 1] === group) found.group = true;
      // Debian's useradd creates a same-named group unless told otherwise.
      if (c.name === 'useradd' && args.includes(user) && group === user && !args.includes('-N') && !args.includes('--no-user-group') && gi < 0) found.group = true;
      if (c.name === 'useradd' && (args.includes('-U') || args.includes('--user-group')) && group === user) found.group = true;
    }
  }
}

/**
 * The paths that the `RUN chown -R` commands of a stage hand over, for the COPYs of the stage asked
 * about in file order: the stage's RUNs are read once, and the chowns at or before each COPY are
 * dropped as the COPYs go on, rather than the rest of the stage read again for every COPY.
 */
class LaterChowns {
  /** Each path a chown names, with the index of its RUN; `undefined` for a word with an expansion (any path). */
  private readonly targets: { at: number; path: string | undefined }[] = [];
  /** How many of the chowns not dropped yet name each path, and hold an expansion. */
  private readonly counts = new Map<string, number>();
  private expansions = 0;
  private dropped = 0;

  constructor(doc: DockerfileDoc, stage: Stage, before: WorkdirsBefore) {
    const list = stage.instructions;
    for (let j = 0; j < list.length; j++) {
      if (stage.keywords[j] !== 'RUN') continue;
      const x = list[j]!;
      for (const cmd of parseRun(doc, x)?.commands ?? []) {
        if (cmd.name !== 'chown' || !cmd.argv.some((w) => /^-[A-Za-z]*R/.test(w.value) || w.value === '--recursive')) continue;
        for (const w of cmd.argv.slice(2)) {
          const path = w.expansion ? undefined : resolveDest(w.value, before.get(x)!);
          if (w.expansion || path !== undefined) this.targets.push({ at: j, path });
        }
      }
    }
    for (const { path } of this.targets) this.count(path, 1);
  }

  /** Whether a chown after instruction `i` (at or after the previous call's) covers `dest`: it or a directory above it. */
  coverAfter(i: number, dest: string): boolean {
    for (; this.dropped < this.targets.length && this.targets[this.dropped]!.at <= i; this.dropped++) this.count(this.targets[this.dropped]!.path, -1);
    if (this.expansions > 0 || this.counts.has(dest) || (dest.startsWith('/') && this.counts.has('/'))) return true;
    for (let k = dest.indexOf('/'); k >= 0; k = dest.indexOf('/', k + 1)) if (this.counts.has(dest.slice(0, k))) return true;
    return false;
  }

  private count(path: string | undefined, delta: number): void {
    if (path === undefined) {
      this.expansions += delta;
      return;
    }
    const n = (this.counts.get(path) ?? 0) + delta;
    if (n > 0) this.counts.set(path, n);
    else this.counts.delete(path);
  }
}

/** `chown -R owner path` as the only command of a RUN. */
function soleChown(doc: DockerfileDoc, ins: Instruction): { cmd: ShellCommand; written: string; owner: string; path: string } | undefined {
  if (ins.getKeyword() !== 'RUN') return undefined;
  const run = parseRun(doc, ins);
  if (!run || run.commands.length !== 1) return undefined;
  const cmd = run.commands[0]!;
  if (cmd.name !== 'chown' || cmd.wrappers.length > 0 || cmd.redirects.length > 0) return undefined;
  const args = cmd.argv.slice(1);
  const opts = args.filter((w) => w.value.startsWith('-')).map((w) => w.value);
  const ops = args.filter((w) => !w.value.startsWith('-'));
  if (!opts.some((o) => o === '-R' || o === '--recursive') || opts.some((o) => o !== '-R' && o !== '--recursive')) return undefined;
  if (ops.length !== 2 || ops.some((w) => w.expansion || /[*?[]/.test(w.value))) return undefined;
  const written = ops[0]!.value;
  // chown still takes the old `user.group` form; COPY --chown only `user:group`.
  const owner = written.includes(':') ? written : written.replace('.', ':');
  return { cmd, written, owner, path: ops[1]!.value };
}

/** The lines of an instruction including the line break after them. */
function wholeLines(doc: DockerfileDoc, ins: Instruction): Range {
  const r = ins.getRange();
  if (r.end.line + 1 < doc.index.lineCount) return { start: { line: r.start.line, character: 0 }, end: { line: r.end.line + 1, character: 0 } };
  const startOff = r.start.line > 0 ? doc.index.lineEndOffset(r.start.line - 1) : 0;
  return doc.index.rangeOf(startOff, doc.text.length);
}

export const copyWithChown: Rule<DockerfileDoc> = {
  meta: {
    id: 'dockerfile/copy-with-chown',
    title: 'Give the runtime user its files with `COPY --chown`',
    domain: 'dockerfile',
    severity: 'info',
    guideSection: 'Container Standards — Dockerfile Best Practices (`COPY --chown=app:app . .`; "Switch to non-root user")',
    rationale:
      'COPY and ADD create root-owned files whatever USER says, so an app running as a non-root user cannot write where its code lives; fixing it with `RUN chown -R` afterwards duplicates every file in another layer. `COPY --chown=<user>:<group>` sets the owner in the same layer. Only build-context copies into the WORKDIR of a stage that switches to a non-root USER are reported.',
    bad: {
      fileName: 'Dockerfile',
      code: 'FROM node:20-alpine\nRUN addgroup -S app && adduser -S app -G app\nWORKDIR /app\nCOPY . .\nUSER app\nCMD ["node", "server.js"]\n',
    },
    good: {
      fileName: 'Dockerfile',
      code: 'FROM node:20-alpine\nRUN addgroup -S app && adduser -S app -G app\nWORKDIR /app\nCOPY --chown=app:app . .\nUSER app\nCMD ["node", "server.js"]\n',
    },
    fixable: true,
    fixSafety: 'mixed',
  },
  kinds: ['dockerfile'],
  check(doc, ctx) {
    for (let si = 0; si < doc.stages.length; si++) {
      const stage = doc.stages[si]!;
      const { before, end } = stageWorkdirs(doc, stage);
      const list = stage.instructions;
      const keywords = stage.keywords;
      const chowned = new Set<Instruction>();

      // 2. `COPY … <path>` + `RUN chown -R <owner> <path>` → `COPY --chown=<owner>`.
      // From each RUN (a native `indexOf`, not a JS loop over every keyword, which runs cold) to
      // the instruction before it: soleChown needs a RUN, and only a COPY/ADD has copy info.
      for (let r = keywords.indexOf('RUN', 1); r >= 0; r = keywords.indexOf('RUN', r + 1)) {
        const i = r - 1;
        if (keywords[i] !== 'COPY' && keywords[i] !== 'ADD') continue;
        const c = copyInfo(doc, list[i]!);
        if (!c || !c.dest || c.heredoc || c.json || c.chown !== undefined) continue;
        const ch = soleChown(doc, list[i + 1]!);
        if (!ch) continue;
        const dest = resolveDest(c.dest.value, before.get(list[i]!)!);
        const target = resolveDest(ch.path, before.get(list[i + 1]!)!);
        if (dest === undefined || target === undefined || normalizePath(dest) !== normalizePath(target)) continue;
        chowned.add(list[i]!);
        const kwEnd = list[i]!.getInstructionRange().end;
        ctx.report({
          range: ch.cmd.range,
          message: `\`chown -R ${ch.written} ${ch.path}\` right after ${c.keyword} copies every file into another layer; use \`${c.keyword} --chown=${ch.owner}\` instead.`,
          fixes: [
            {
              title: `Use \`${c.keyword} --chown=${ch.owner}\` and remove the RUN`,
              edits: [
                { range: { start: kwEnd, end: kwEnd }, newText: ` --chown=${ch.owner}` },
                { range: wholeLines(doc, list[i + 1]!), newText: '' },
              ],
              // `chown -R` also changes the destination directory itself when it existed before.
              safe: false,
            },
          ],
        });
      }

      // 1. COPY of application files without --chown in a stage that runs as a non-root user.
      // Only into a WORKDIR: without one in the stage or the stages it is built FROM (most
      // stages), no COPY can be reported, so the USER is not looked for.
      if (!end.set) continue;
      const u = stageUser(doc, stage);
      if (!u || u.value.includes('$')) continue;
      const { user, group: g, root } = parseUser(u.value);
      if (root || user === '') continue;
      const group = g ?? user;
      // Both only matter for a COPY that would be reported: made on first use.
      let laterChowns: LaterChowns | undefined;
      let ownerExists: ((at: number) => boolean) | undefined;
      for (let i = 0; i < list.length; i++) {
        const kw = keywords[i];
        if (kw !== 'COPY' && kw !== 'ADD') continue;
        const ins = list[i]!;
        const c = copyInfo(doc, ins);
        if (!c || !c.dest || c.heredoc || c.chown !== undefined || c.from !== undefined || chowned.has(ins)) continue;
        const wd = before.get(ins)!;
        if (!wd.path || !wd.path.startsWith('/') || SYSTEM_DIR.test(wd.path)) continue;
        const dest = resolveDest(c.dest.value, wd);
        if (dest === undefined || (dest !== wd.path && !dest.startsWith(wd.path + '/'))) continue;
        if (c.sources.some((s) => /^[a-z]+:\/\//i.test(s.value))) continue;
        // Dependency manifests are read, never written, by the application (the guide copies them without --chown).
        if (c.sources.every((s) => MANIFEST.test(s.value))) continue;
        // A later `RUN chown -R` that covers the destination already hands the files over.
        if ((laterChowns ??= new LaterChowns(doc, stage, before)).coverAfter(i, dest)) continue;
        const owner = `${user}:${group}`;
        const fixes: Fix[] = [];
        if (user !== 'nobody') {
          const kwEnd = ins.getInstructionRange().end;
          fixes.push({
            title: `Add \`--chown=${owner}\``,
            edits: [{ range: { start: kwEnd, end: kwEnd }, newText: ` --chown=${owner}` }],
            safe: (ownerExists ??= ownerExistsReader(doc, stage, user, group))(i),
          });
        }
        ctx.report({
          range: ins.getInstructionRange(),
          message: `${c.keyword} creates root-owned files although the stage runs as \`${u.value}\`; add \`--chown=${owner}\` so the application user owns them.`,
          fixes,
        });
      }
    }
  },
};
