// dockerfile/run-as-non-root — decisions:
// - Only the final stage is judged; `FROM <stage>` inherits that stage's last USER (chains followed).
// - `USER $VAR` whose value is unknown (no ARG/ENV default in the stage): no finding — precision first.
// - No USER on a base listed in `nonRootBaseImages` (globs, `!` excludes): fine. Unknown base (FROM a
//   variable without default): no finding. Windows bases and `.devcontainer/` Dockerfiles: skipped.
// - `FROM scratch` without USER: warning (UID 0 is still root) — unless no CMD/ENTRYPOINT exists in the
//   chain: such images are artifact holders for `docker build --output`, never run.
// - Start as root, then step down (Docker's documented pattern for entrypoints that must fix volume
//   ownership first): no finding when the ENTRYPOINT/CMD runs through gosu/su-exec to a user other
//   than root (`gosu root app` does not step down), also behind wrappers in the exec form
//   (`["tini", "--", "gosu", "app", "server"]`, the shell module's wrapper list) or as the last
//   command of a shell-form script or an exec-form `["sh", "-c", "…"]` script (`exec gosu app server`;
//   `gosu app setup && server` stays root), when the chain has an ENTRYPOINT and a RUN runs
//   gosu/su-exec (installed for that entrypoint, and checked with `gosu nobody true`), or when the base is an official image whose entrypoint steps down
//   (postgres, redis, …) and the chain keeps it: no ENTRYPOINT of its own, or an exec-form
//   `ENTRYPOINT ["docker-entrypoint.sh"]` naming the base's script again when no COPY/ADD may bring
//   its own (that name, or into /usr/local/bin or /). Such an ENTRYPOINT resets the inherited CMD.
// - Fixes are unsafe (they change behaviour) and use the base's dialect; a `USER root` with no RUN after
//   it is replaced, otherwise the switch goes after the last RUN, before the first CMD/ENTRYPOINT, at
//   its indentation. A file that ends inside a continuation or an unterminated heredoc gets no fix:
//   any line added at the end would be read as part of that instruction.
import type { Instruction } from 'dockerfile-ast';
import { DocumentMemo, stageChain, substituteVariables, type DockerfileDoc, type ResolvedImage, type Stage } from '../../dockerfile/model';
import { copyInfo, endsOpen, indentOf, instructionArgs, normalizePath, parseRun, resolveDest, stageWorkdirs } from '../../dockerfile/shell';
import { commandScript } from '../../dockerfile/shell/instruction-args';
import { baseName, stripWrappers } from '../../dockerfile/shell/commands';
import type { ShellWord } from '../../dockerfile/shell/types';
import { instructionShell, isWindowsImage } from '../../dockerfile/shell/instruction-shell';
import type { Fix, Position, Rule, TextEdit } from '../../types';
import { firstOf } from './keyword-search';
import { stageVariables } from './prefer-copy-over-add';

// ---------------------------------------------------------------------------------------------
// Image-name helpers shared with use-minimal-base-image.
// ---------------------------------------------------------------------------------------------

/**
 * `registry/repository:tag` in lower case without digest, Docker Hub written short
 * (`docker.io/library/node:20` → `node:20`). Undefined when a variable has no known value.
 */
export function imageName(img: ResolvedImage, withTag = true): string | undefined {
  if (img.resolved === undefined) return undefined;
  let registry = img.registry?.toLowerCase();
  let repo = img.repository.toLowerCase();
  if (registry === 'docker.io' || registry === 'index.docker.io' || registry === 'registry-1.docker.io') registry = undefined;
  if (registry === undefined && repo.startsWith('library/')) repo = repo.slice('library/'.length);
  const tag = withTag && img.tag ? ':' + img.tag.toLowerCase() : '';
  return (registry ? registry + '/' : '') + repo + tag;
}

function compileGlob(glob: string): string {
  return glob
    .toLowerCase()
    .replace(/[.+^${}()|[\]\\]/g, '\\$&')
    .replace(/\*/g, '.*')
    .replace(/\?/g, '.');
}

interface CompiledImageList {
  patterns: { re: RegExp; negated: boolean }[];
  /** Matches when any non-negated pattern does; without such a match the answer is false. */
  anyInclude: RegExp | undefined;
  /** Without `!` patterns, the answer is whether `anyInclude` matches. */
  hasExcludes: boolean;
  /** The answers for the names seen so far. */
  answers: Map<string, boolean>;
}

/**
 * Compiled pattern lists, keyed by the list: the option (or default) arrays are the same for
 * every file. One combined regex of the include patterns answers most calls: no match (usual
 * for non-root bases), or a match in a list without `!` patterns (the minimal-image list).
 */
const compiledLists = new WeakMap<readonly unknown[], CompiledImageList>();

function compileImageList(list: readonly unknown[]): CompiledImageList {
  let compiled = compiledLists.get(list);
  if (compiled) return compiled;
  const patterns: CompiledImageList['patterns'] = [];
  const includes: string[] = [];
  for (const p of list) {
    if (typeof p !== 'string' || p.trim() === '') continue;
    const negated = p.startsWith('!');
    const body = compileGlob((negated ? p.slice(1) : p).trim());
    patterns.push({ re: new RegExp('^' + body + '$'), negated });
    if (!negated) includes.push(body);
  }
  const anyInclude = includes.length > 0 ? new RegExp('^(?:' + includes.join('|') + ')$') : undefined;
  compiled = { patterns, anyInclude, hasExcludes: includes.length < patterns.length, answers: new Map() };
  compiledLists.set(list, compiled);
  return compiled;
}

/**
 * Whether an image name matches a list of globs (`*` matches anything, including `/` and `:`).
 * A pattern without a tag matches every tag; `!pattern` excludes, the last matching pattern wins.
 */
export function matchesImageList(name: string, list: readonly unknown[]): boolean {
  const compiled = compileImageList(list);
  // Files share their base images (82 of the corpus's 829 `FROM`s are `alpine:latest`): each
  // name's answer is worked out once, not by the combined regex's backtracking for every stage.
  let answer = compiled.answers.get(name);
  if (answer === undefined) {
    if (compiled.answers.size >= MAX_REMEMBERED_NAMES) compiled.answers.clear();
    answer = matchesCompiledList(name, compiled);
    compiled.answers.set(name, answer);
  }
  return answer;
}

/** Names whose answer a compiled list remembers, at most (the editor lints for hours). */
const MAX_REMEMBERED_NAMES = 4096;

function matchesCompiledList(name: string, { patterns, anyInclude, hasExcludes }: CompiledImageList): boolean {
  const colon = name.lastIndexOf(':');
  const untagged = colon > name.lastIndexOf('/') ? name.slice(0, colon) : name;
  if (anyInclude === undefined || !(anyInclude.test(name) || anyInclude.test(untagged))) return false;
  if (!hasExcludes) return true;
  let result = false;
  for (const { re, negated } of patterns) if (re.test(name) || re.test(untagged)) result = !negated;
  return result;
}

export function optionList(value: unknown, fallback: readonly string[]): readonly unknown[] {
  return Array.isArray(value) ? value : fallback;
}

const joinedLists = new WeakMap<readonly unknown[], WeakMap<readonly unknown[], readonly unknown[]>>();

/**
 * A list option that replaces the defaults when set, followed by its additive `extra…` companion
 * (checked last, so an `!glob` there can also exclude a default entry).
 */
export function optionListWithExtra(value: unknown, extra: unknown, fallback: readonly string[]): readonly unknown[] {
  const base = optionList(value, fallback);
  if (!Array.isArray(extra) || extra.length === 0) return base;
  // The same joined array for the same option arrays, so its compiled form is reused across files.
  let byExtra = joinedLists.get(base);
  if (!byExtra) joinedLists.set(base, (byExtra = new WeakMap()));
  let joined = byExtra.get(extra);
  if (!joined) byExtra.set(extra, (joined = [...base, ...extra]));
  return joined;
}

// ---------------------------------------------------------------------------------------------

const DEFAULT_NON_ROOT_BASES = [
  // distroless and other images published with a non-root tag
  '*:nonroot',
  '*:nonroot-*',
  '*:*-nonroot',
  '*:*-nonroot-*',
  // Chainguard images run as `nonroot`; their -dev variants run as root
  'cgr.dev/chainguard/*',
  '!cgr.dev/chainguard/*:*-dev',
  '!cgr.dev/chainguard/*:dev',
  // Bitnami's application images are non-root (minideb is a plain Debian base)
  'bitnami/*',
  '!bitnami/minideb',
  'nginxinc/nginx-unprivileged',
  'ghcr.io/nginxinc/nginx-unprivileged',
  // .NET chiseled images default to the non-root `app` user
  'mcr.microsoft.com/dotnet/*:*-chiseled*',
  // Red Hat S2I runtime images run as UID 1001 (OpenJDK as 185)
  '*/ubi*/nodejs-*',
  '*/ubi*/python-*',
  '*/ubi*/ruby-*',
  '*/ubi*/php-*',
  '*/ubi*/openjdk-*',
  // well-known application images that switch user themselves
  'grafana/grafana*',
  'prom/*',
  'quay.io/prometheus/*',
  'jenkins/jenkins',
  'docker.elastic.co/elasticsearch/*',
  'docker.elastic.co/kibana/*',
  'docker.elastic.co/logstash/*',
  'quay.io/keycloak/keycloak',
  'jupyter/*',
  'quay.io/jupyter/*',
  'apache/airflow',
];

/** Official images that ship a ready non-root account: offered before creating one. */
const BUILT_IN_USERS = new Map([['node', 'node'], ['denoland/deno', 'deno'], ['oven/bun', 'bun']]);

const DEBIAN_TAG = /(^|[-.])(slim|bookworm|bullseye|buster|stretch|trixie|jammy|focal|noble|bionic|xenial)([-.]|$)/;
/** Official images whose default (non -alpine) variants are Debian/Ubuntu based. */
const DEBIAN_BASED = new Set([
  'debian', 'ubuntu', 'buildpack-deps', 'node', 'python', 'ruby', 'golang', 'php', 'openjdk', 'eclipse-temurin', 'rust', 'perl',
  'nginx', 'httpd', 'redis', 'postgres', 'mariadb', 'mongo', 'maven', 'gradle', 'gcc', 'elixir', 'erlang', 'haskell', 'julia',
  'r-base', 'swift', 'tomcat', 'jetty', 'haproxy', 'rabbitmq', 'memcached', 'bitnami/minideb', 'mcr.microsoft.com/dotnet/sdk',
  'mcr.microsoft.com/dotnet/aspnet', 'mcr.microsoft.com/dotnet/runtime', 'mcr.microsoft.com/dotnet/runtime-deps',
]);
/** RHEL-family bases with shadow-utils (`groupadd`/`useradd`). */
const RHEL_BASED = /^(fedora|centos|rockylinux|almalinux|oraclelinux|quay\.io\/centos\/centos|registry\.access\.redhat\.com\/ubi\d+(\/ubi)?|registry\.redhat\.io\/ubi\d+(\/ubi)?|redhat\/ubi\d+)$/;

type Dialect = 'alpine' | 'debian' | 'distroless' | 'scratch' | 'unknown';

/** The family of a base image (for the fixes), given its `imageName` with and without the tag. */
function dialectOf(img: ResolvedImage, fullName: string | undefined, repoName: string | undefined): Dialect {
  if (img.isScratch) return 'scratch';
  const name = fullName ?? img.raw.toLowerCase();
  const repo = repoName ?? '';
  const tag = img.tag?.toLowerCase() ?? '';
  if (/distroless|^cgr\.dev\//.test(name)) return 'distroless';
  if (/(^|\/)(alpine|busybox)$/.test(repo) || /alpine/.test(tag) || /[:-]alpine/.test(name)) return 'alpine';
  // ubi-minimal / -micro and slim RHEL-family tags ship without shadow-utils
  if (/(minimal|micro)/.test(repo) || (RHEL_BASED.test(repo) && /(^|-)(slim|minimal|micro)($|-)/.test(tag))) return 'unknown';
  if (DEBIAN_BASED.has(repo) || DEBIAN_TAG.test(tag) || RHEL_BASED.test(repo)) return 'debian';
  return 'unknown';
}

function isRoot(user: string): boolean {
  const u = user.split(':')[0]!.trim().toLowerCase();
  return u === 'root' || /^0+$/.test(u);
}

interface UserIns {
  ins: Instruction;
  stage: Stage;
  /** Resolved value, undefined when a variable is unknown. */
  value: string | undefined;
}

/** USER instructions of the chain in build order (earliest stage first). */
function usersOf(doc: DockerfileDoc, chain: Stage[]): UserIns[] {
  const out: UserIns[] = [];
  for (let c = chain.length - 1; c >= 0; c--) {
    const stage = chain[c]!;
    // A native `indexOf` finds the USERs: a JS loop over every keyword runs cold, in the interpreter.
    for (let i = stage.keywords.indexOf('USER'); i >= 0; i = stage.keywords.indexOf('USER', i + 1)) {
      const ins = stage.instructions[i]!;
      const raw = (ins.getArgumentsContent() ?? '').trim();
      // Only a `$` needs the stage's variables (which reads every ARG/ENV before the USER).
      const value = raw === '' ? undefined : !raw.includes('$') ? raw : substituteVariables(raw, stageVariables(doc, stage, ins.getRange().start.line));
      // Docker removes quotes from the word (`USER "root"` is root); user names never contain any.
      out.push({ ins, stage, value: value?.replace(/["']/g, '') });
    }
  }
  return out;
}

/** The last USER of `users` with a known value that is not root. */
function lastNonRootUser(users: readonly UserIns[]): UserIns | undefined {
  for (let i = users.length - 1; i >= 0; i--) {
    const value = users[i]!.value;
    if (value !== undefined && !isRoot(value)) return users[i];
  }
  return undefined;
}

/** A Dockerfile in a dev container's folder. */
const DEVCONTAINER = /(^|[\\/])\.devcontainer[\\/]/;

/**
 * Whether a Dockerfile is in a dev container's folder (`.devcontainer/Dockerfile`). `includes`
 * first: it rules out nearly every path faster than the pattern, which is tried at each position.
 */
export function isDevContainerFile(fileName: string): boolean {
  return fileName.includes('.devcontainer') && DEVCONTAINER.test(fileName);
}

/** Tools an entrypoint uses to drop from root to the service's user (`exec gosu app "$@"`). */
const STEP_DOWN_TOOLS = new Set(['gosu', 'su-exec']);

/**
 * Whether `words[at]` runs gosu/su-exec with a user spec that is not root: `gosu root app` or
 * `su-exec 0:0 app` step up, not down. A user held in a variable cannot be judged and counts.
 */
function switchesDown(words: readonly { value: string }[], at: number): boolean {
  const user = words[at + 1]?.value;
  return STEP_DOWN_TOOLS.has(baseName(words[at]?.value ?? '')) && user !== undefined && !isRoot(user);
}

/** Whether wrapper words (`tini -- gosu app`, `exec su-exec app`) include a step down. */
function wrappersStepDown(wrappers: readonly ShellWord[]): boolean {
  return wrappers.some((_, k) => switchesDown(wrappers, k));
}

/**
 * Whether a CMD/ENTRYPOINT runs its program through gosu/su-exec to a non-root user: in the exec
 * form after init and other wrappers (`["tini", "--", "gosu", …]`), else as the last command of the
 * script it runs, its shell form (`chown -R app /data && exec gosu app server`) or an exec-form
 * shell's `-c` script (`["sh", "-c", "exec gosu app server"]`).
 */
function runsThroughTool(doc: DockerfileDoc, ins: Instruction | undefined): boolean {
  return ins !== undefined && mayNameStepDownTool(doc, ins) && runsThroughToolParsed(doc, ins);
}

/**
 * `gosu` or `su-exec` once quotes, with a `$` before them (`$'…'`, `$"…"`, which the shell also
 * takes for quotes), are removed: any of them may sit between the letters. One test rather than
 * removing the quotes (a new string per CMD/ENTRYPOINT, nearly all of which quote) and searching twice.
 */
const STEP_DOWN_TOOL_UNQUOTED = /g(?:\$?["'])*o(?:\$?["'])*s(?:\$?["'])*u|s(?:\$?["'])*u(?:\$?["'])*-(?:\$?["'])*e(?:\$?["'])*x(?:\$?["'])*e(?:\$?["'])*c/;

/**
 * What `runsThroughToolParsed` needs to answer true, cheap to check: the words it reads (the
 * instruction's argument words, exec-form JSON strings, the words of the script it runs) are pieces
 * of the instruction's text with quotes removed, unless an escape character or a `\` (line
 * continuations, shell and JSON escapes such as `\u0073`) removes or makes others. So without
 * those, a `gosu` or `su-exec` in a word is in the text once quotes are removed. Most
 * CMD/ENTRYPOINT instructions name neither, and their argument words and script (which no other
 * rule reads) need not be built. Checked against `runsThroughToolParsed` on random text in the tests.
 * @internal exported for tests.
 */
export function mayNameStepDownTool(doc: DockerfileDoc, ins: Instruction): boolean {
  const r = ins.getRange();
  const text = doc.text.slice(doc.index.offsetAt(r.start), doc.index.offsetAt(r.end));
  const esc = doc.escapeChar;
  // No second search when the escape character is the `\` (nearly always).
  if (text.includes('\\') || (esc !== '\\' && text.includes(esc))) return true;
  return STEP_DOWN_TOOL_UNQUOTED.test(text);
}

/** @internal exported for tests: `runsThroughTool` without its text pre-check. */
export function runsThroughToolParsed(doc: DockerfileDoc, ins: Instruction): boolean {
  const { args, json } = instructionArgs(doc, ins);
  if (json) {
    const wrappers: ShellWord[] = [];
    stripWrappers(args, 0, wrappers, []);
    if (wrappersStepDown(wrappers)) return true;
  }
  const commands = commandScript(doc, ins);
  const last = commands[commands.length - 1];
  return last !== undefined && wrappersStepDown(last.wrappers);
}

/**
 * Official images whose entrypoint script starts as root only to fix the data directory's owner,
 * then runs the server as its own user through gosu/su-exec: image → the programs it does that for,
 * matched against the first argument as written (the scripts compare `"$1" = 'redis-server'`, so
 * `/usr/local/bin/redis-server` stays root). A first argument starting with `-` is an option the
 * entrypoint hands to the server; redis's also puts `redis-server` before a first argument ending in
 * `.conf` (`"${1%.conf}" != "$1"`).
 */
const STEP_DOWN_BASES = new Map<string, RegExp>([
  ['postgres', /^postgres$/],
  ['mysql', /^mysqld$/],
  ['mariadb', /^(mariadbd|mysqld)$/],
  ['mongo', /^mongod$/],
  ['redis', /^redis-server$|\.conf$/],
  ['rabbitmq', /^rabbitmq/],
  ['cassandra', /^cassandra$/],
  ['couchdb', /^\/opt\/couchdb\/bin\/couchdb$/],
  ['zookeeper', /^zkServer\.sh$/],
]);

/** The docker-library entrypoint script's name, on PATH in /usr/local/bin (some images also link it at `/`). */
const BASE_ENTRYPOINT = 'docker-entrypoint.sh';
const BASE_ENTRYPOINT_PATHS = new Set([BASE_ENTRYPOINT, '/usr/local/bin/' + BASE_ENTRYPOINT, '/' + BASE_ENTRYPOINT]);

/**
 * Whether a COPY/ADD of the chain may bring its own docker-entrypoint.sh: a source or destination of
 * that name, or a destination of `/usr/local/bin` or `/` (a directory or glob may hold one) or one
 * that cannot be resolved. A relative destination under the base's unknown WORKDIR is taken from `/`.
 */
function copiesOwnEntrypoint(doc: DockerfileDoc, chain: Stage[]): boolean {
  return chain.some((stage) =>
    stage.instructions.some((ins) => {
      const copy = copyInfo(doc, ins);
      if (copy === undefined) return false;
      const named = (w: { value: string }): boolean => baseName(w.value.replace(/\/+$/, '')) === BASE_ENTRYPOINT;
      if (copy.sources.some(named) || (copy.dest !== undefined && named(copy.dest))) return true;
      if (copy.dest === undefined) return false;
      const dest = copy.dest.value;
      const wd = stageWorkdirs(doc, stage).before.get(ins);
      const to = wd === undefined ? undefined : (resolveDest(dest, wd) ?? (wd.fromRoot !== undefined && !dest.includes('$') ? normalizePath(wd.fromRoot + '/' + dest) : undefined));
      return to === undefined || to === '/' || to === '/usr/local/bin';
    }),
  );
}

/**
 * The first argument an entrypoint gets from a CMD: its first word in the exec form, the shell
 * (`/bin/sh`) in the shell form, undefined for an empty one.
 */
function cmdFirstArg(doc: DockerfileDoc, cmd: Instruction): string | undefined {
  const args = instructionArgs(doc, cmd);
  return args.json ? args.args[0]?.value : instructionShell(doc, cmd).argv[0];
}

/** No such instruction in the chain (an object, not an array: destructuring an array runs the iterator protocol, costly cold). */
const NONE_IN_CHAIN = { ins: undefined, at: -1 };

/**
 * The last instruction with `keyword` in build order and its stage's build-order number (-1 for
 * none): the chain runs from the final stage back. Found by a native `lastIndexOf` per stage,
 * not a JS loop over every keyword, which runs cold (in the interpreter).
 */
function lastInChain(chain: readonly Stage[], keyword: string): { ins: Instruction | undefined; at: number } {
  for (let c = 0; c < chain.length; c++) {
    const { instructions, keywords } = chain[c]!;
    const i = keywords.lastIndexOf(keyword);
    if (i >= 0) return { ins: instructions[i], at: chain.length - 1 - c };
  }
  return NONE_IN_CHAIN;
}


/**
 * Whether the container starts as root only to step down to another user: see the decisions above.
 * Reads the chain's RUN scripts (memoized per instruction) only when it has an ENTRYPOINT.
 */
function stepsDown(doc: DockerfileDoc, chain: Stage[], repo: string | undefined): boolean {
  const { ins: entrypoint, at: entrypointAt } = lastInChain(chain, 'ENTRYPOINT');
  const { ins: cmd, at: cmdAt } = lastInChain(chain, 'CMD');
  if (runsThroughTool(doc, entrypoint) || (entrypoint === undefined && runsThroughTool(doc, cmd))) return true;
  const server = repo !== undefined ? STEP_DOWN_BASES.get(repo) : undefined;
  // The base's entrypoint steps down when its first argument runs the server or is an option for it.
  const serverRuns = (first: string | undefined): boolean => server !== undefined && first !== undefined && (first.startsWith('-') || server.test(first));
  if (entrypoint === undefined) {
    // The base's entrypoint is kept; it steps down for the base's CMD or an exec-form CMD running the
    // server. A shell-form CMD reaches it as `/bin/sh -c …`, for which it stays root.
    if (server === undefined) return false;
    return cmd === undefined || serverRuns(cmdFirstArg(doc, cmd));
  }
  // `ENTRYPOINT ["docker-entrypoint.sh"]` on such a base names the base's script again, unless the file
  // brings its own. It gets the ENTRYPOINT's arguments, then the CMD set in its stage or later.
  // (The ENTRYPOINT's words are only read on such a base: no other rule splits them.)
  const ep = server !== undefined ? instructionArgs(doc, entrypoint) : undefined;
  if (ep !== undefined && ep.json && BASE_ENTRYPOINT_PATHS.has(ep.args[0]?.value ?? '') && !copiesOwnEntrypoint(doc, chain)) {
    const first = ep.args[1]?.value ?? (cmd !== undefined && cmdAt >= entrypointAt ? cmdFirstArg(doc, cmd) : undefined);
    if (serverRuns(first)) return true;
  }
  return chainRunsStepDownTool(doc, chain);
}

/**
 * Whether a RUN (or ONBUILD RUN) of the chain runs gosu/su-exec. Indexed loops over the stage
 * keywords: only RUN/ONBUILD reach `parseRun`, and only commands with wrappers read them.
 */
function chainRunsStepDownTool(doc: DockerfileDoc, chain: Stage[]): boolean {
  for (let c = 0; c < chain.length; c++) {
    const s = chain[c]!;
    const keywords = s.keywords;
    for (let i = 0; i < keywords.length; i++) {
      if (keywords[i] !== 'RUN' && keywords[i] !== 'ONBUILD') continue;
      const commands = parseRun(doc, s.instructions[i]!)?.commands;
      if (commands === undefined) continue;
      for (let k = 0; k < commands.length; k++) {
        const c = commands[k]!;
        if (STEP_DOWN_TOOLS.has(c.name) || (c.wrappers.length > 0 && wrappersStepDown(c.wrappers))) return true;
      }
    }
  }
  return false;
}

/**
 * What `endsOpen` needs to answer true, cheap to check: a heredoc needs a `<` after the
 * instruction's start, a continuation into the end of the file a last line (other than blank and
 * comment lines) that ends with the escape character. `endsOpen` reads the words of a RUN (to find
 * heredocs), which costs milliseconds for a long one that nothing else splits that way.
 * (A `\r` anywhere: answered by `endsOpen`, which also takes a lone `\r` for a line end.)
 * @internal exported for tests.
 */
export function mayEndOpen(doc: DockerfileDoc, ins: Instruction): boolean {
  const { text, index } = doc;
  if (text.indexOf('<', index.offsetAt(ins.getRange().start)) >= 0 || text.includes('\r')) return true;
  const esc = doc.escapeChar || '\\';
  for (let line = index.lineCount - 1; line >= 0; line--) {
    const t = index.lineText(line);
    let end = t.length;
    while (end > 0 && (t[end - 1] === ' ' || t[end - 1] === '\t')) end--;
    if (end === 0) continue;
    let start = 0;
    while (t[start] === ' ' || t[start] === '\t') start++;
    if (t[start] === '#') continue;
    return t[end - 1] === esc;
  }
  return false;
}

/**
 * Where the fix adds lines: before the first CMD/ENTRYPOINT after `afterIndex` and after the last RUN
 * (at its indentation), else at the end (`open` when the end would continue the last instruction).
 */
function insertionPoint(doc: DockerfileDoc, stage: Stage, afterIndex: number): { pos: Position; prefix: string; suffix: string; indent: string; open: boolean } {
  const eol = doc.index.eol;
  const ins = stage.instructions;
  // Native searches, not JS loops over the keywords (which run cold, in the interpreter).
  const anchor = Math.max(afterIndex, stage.keywords.lastIndexOf('RUN'));
  const i = firstOf(stage.keywords, 'CMD', 'ENTRYPOINT', anchor + 1);
  if (i >= 0) {
    const prevEnd = (i > 0 ? ins[i - 1]! : stage.from).getRange().end.line;
    let line = ins[i]!.getRange().start.line;
    // Keep comments (and suppression pragmas) that sit right above the CMD with it.
    while (line - 1 > prevEnd && /^\s*#/.test(doc.index.lineText(line - 1))) line--;
    return { pos: { line, character: 0 }, prefix: '', suffix: eol, indent: indentOf(doc, ins[i]!), open: false };
  }
  const last = ins.length > 0 ? ins[ins.length - 1]! : stage.from;
  const endLine = last.getRange().end.line;
  const open = mayEndOpen(doc, last) && endsOpen(doc, last);
  if (endLine + 1 < doc.index.lineCount) return { pos: { line: endLine + 1, character: 0 }, prefix: '', suffix: eol, indent: '', open };
  return { pos: doc.index.positionAt(doc.text.length), prefix: eol, suffix: '', indent: '', open };
}

/** @internal exported for tests. */
export const CREATES_APP_USER = /\b(useradd|adduser)\b[^\n]*\bapp\b/;
/** A line continuation (either escape character; a superset is fine). */
const CONTINUATION = /[\\`][ \t]*[\r\n]/;
/** A line that starts with something other than whitespace or a comment. */
const UNINDENTED_LINE = /[\r\n][^ \t\r\n#]/;
/**
 * Such a line starting with a letter of `useradd` / `adduser` other than their first: in a document
 * without the words, a join can only make one that goes on at the start of such a line.
 */
const WORD_LINE = /[\r\n][adersu]/;
/**
 * `WORD_LINE` in a text without `\r`: a literal first character lets the regex skip ahead to each
 * line end (a loop over the line table's first characters measured 6M instructions slower).
 */
const WORD_LINE_LF = /\n[adersu]/;
/**
 * The words `CREATES_APP_USER` starts with. One regex finds them in a text faster than two
 * `includes` (measured on the corpus: a quarter of the time).
 */
const APP_USER_WORDS = /useradd|adduser/;
/** The word `app`, as the pattern wants it. */
const APP_WORD = /\bapp\b/;
/** An `ap` that a piece of the content may end with: followed by a blank, a line end, an escape character, `#` or nothing. */
const AP_AT_PIECE_END = /ap(?:[ \t\r\n\\`#]|$)/;
/** dockerfile-ast takes every `\r` for `\r\n` and skips the character after it. */
const LONE_CR = /\r(?!\n)/;

/**
 * Whether a RUN creates the `app` user. The pattern is matched against dockerfile-ast's argument
 * content, which is costly to build (continuations and comment lines removed), so RUNs whose text
 * cannot produce a match are skipped first. That content is made of pieces of the instruction's
 * text; each piece after the first starts at column 0 of a line after a continuation, a line that
 * starts with neither indentation nor `#` (comment lines are dropped, and common in continued
 * RUNs). In a corner case a copy of the previous piece's last character is appended, which can
 * only complete a final `app` after an `ap`. So with neither such a line nor a lone `\r` (which
 * dockerfile-ast misreads), the pattern's words must be in the text, and so must a word `app`
 * (pieces end and start only next to blanks, line ends and escape characters, none of them word
 * characters) unless an `ap` ends a piece. Building that content costs more than linear time in
 * the RUN's length (a long RUN took milliseconds), and most RUNs with the words have no word
 * `app` (`appuser`, `apt-get`). Checked against dockerfile-ast on random text in the tests.
 * @internal exported for tests.
 */
export function runCreatesAppUser(doc: DockerfileDoc, run: Instruction): boolean {
  const whole = appUserText.of(doc);
  const r = run.getRange();
  const text = doc.text.slice(doc.index.offsetAt(r.start), doc.index.offsetAt(r.end));
  const mayHaveWords = whole.words && APP_USER_WORDS.test(text) && text.includes('ap');
  if (!(whole.cr && LONE_CR.test(text))) {
    // Without the words, or with them but no word `app` the content could have (none in the text,
    // where a piece keeps the characters around it or ends or starts at a non-word one, and no
    // `ap` where a piece may end for the copied character to complete it), only a line that a
    // continuation joins at column 0 can make the match.
    if (!mayHaveWords || (!APP_WORD.test(text) && !AP_AT_PIECE_END.test(text))) {
      const c = CONTINUATION.exec(text);
      if (c === null || !(whole.words ? UNINDENTED_LINE : WORD_LINE).test(text.slice(c.index))) return false;
    }
  }
  return CREATES_APP_USER.test(run.getArgumentsContent() ?? '');
}

/**
 * Whether the document has the words `runCreatesAppUser` looks for, and any `\r`: most have
 * neither, and then none of their RUNs has (their texts are parts of the document's), which
 * spares a search and a regex call per RUN.
 */
const appUserText = new DocumentMemo((doc: DockerfileDoc) => {
  const words = APP_USER_WORDS.test(doc.text);
  const cr = doc.text.includes('\r');
  // Without the words (and `\r`), a RUN can only make them where its text has a `WORD_LINE`:
  // without one in the document (lines there usually start with blanks or keywords), none can.
  return { words, cr, none: !words && !cr && !WORD_LINE_LF.test(doc.text) };
});

/** Whether a RUN of the stages creates the `app` user. @internal exported for tests. */
export function createsAppUser(doc: DockerfileDoc, chain: Stage[]): boolean {
  if (appUserText.of(doc).none) return false;
  for (let c = 0; c < chain.length; c++) {
    const s = chain[c]!;
    const list = s.instructions;
    for (let i = 0; i < list.length; i++) if (s.keywords[i] === 'RUN' && runCreatesAppUser(doc, list[i]!)) return true;
  }
  return false;
}

export const runAsNonRoot: Rule<DockerfileDoc> = {
  meta: {
    id: 'dockerfile/run-as-non-root',
    title: 'Run the final image as a non-root user',
    domain: 'dockerfile',
    severity: 'warning',
    guideSection: 'Container Standards — Dockerfile Best Practices ("Create non-root user", "Switch to non-root user") and Container Security ("Run as non-root user")',
    rationale:
      'A process running as root inside the container is root on the host if it escapes, and can rewrite its own image files. The final stage must end with a USER that is not root; build stages may stay root. An image that starts as root only to step down in its entrypoint (gosu/su-exec, as the official postgres or redis images do) is not reported.',
    bad: { fileName: 'Dockerfile', code: 'FROM node:20-alpine\nWORKDIR /app\nCOPY . .\nCMD ["node", "server.js"]\n' },
    good: {
      fileName: 'Dockerfile',
      code: 'FROM node:20-alpine\nRUN addgroup -S app && adduser -S app -G app\nWORKDIR /app\nCOPY --chown=app:app . .\nUSER app\nCMD ["node", "server.js"]\n',
    },
    fixable: true,
    fixSafety: 'unsafe',
    defaultOptions: { nonRootBaseImages: DEFAULT_NON_ROOT_BASES, extraNonRootBaseImages: [] },
    optionDocs: {
      nonRootBaseImages:
        'Globs of base images that already run as a non-root user (`*` matches anything; a pattern without a tag matches every tag; `!glob` excludes). A final stage built on one of them needs no USER. Setting the option replaces the default list: copy the entries you want to keep, or use `extraNonRootBaseImages` instead.',
      extraNonRootBaseImages:
        'More globs of non-root base images, used in addition to `nonRootBaseImages` (same syntax; checked after it, so `!glob` here also excludes a default entry). Add your own images here to keep the defaults.',
    },
  },
  kinds: ['dockerfile'],
  check(doc, ctx) {
    const stage = doc.finalStage;
    if (!stage) return;
    // Dev containers are editor environments; devcontainer.json picks the user (`remoteUser`).
    if (isDevContainerFile(ctx.fileName)) return;
    const root = stage.rootImage;
    if (isWindowsImage(root)) return; // Windows containers have no root/non-root split
    const chain = stageChain(stage);
    const users = usersOf(doc, chain);
    const last = users[users.length - 1];

    if (last) {
      if (last.value === undefined) return; // `USER $APP_USER` with no known value: cannot judge, stay silent
      if (!isRoot(last.value)) return;
    } else if (root.resolved === undefined) {
      return; // unknown base image: it may well set a user
    }
    // The base's name with and without its tag, each built once.
    const name = imageName(root);
    const repo = imageName(root, false);
    if (!last) {
      if (name && matchesImageList(name, optionListWithExtra(ctx.options['nonRootBaseImages'], ctx.options['extraNonRootBaseImages'], DEFAULT_NON_ROOT_BASES))) return;
      // A scratch image without CMD/ENTRYPOINT is an artifact holder (`docker build --output`), never run.
      if (root.isScratch && !chain.some((s) => firstOf(s.keywords, 'CMD', 'ENTRYPOINT') >= 0)) return;
    }
    if (stepsDown(doc, chain, repo)) return;

    const eol = doc.index.eol;
    const rootUserInFinal = last && last.stage === stage ? last : undefined;
    const rootUserIndex = rootUserInFinal ? stage.instructions.indexOf(rootUserInFinal.ins) : -1;
    const runAfterRootUser = stage.keywords.includes('RUN', rootUserIndex + 1);

    const at = rootUserInFinal && !runAfterRootUser ? undefined : insertionPoint(doc, stage, rootUserIndex);
    /** Adds `lines` where the user switch belongs: replacing `USER root` when nothing after it needs root. */
    const place = (lines: string[]): TextEdit => {
      if (!at) return { range: rootUserInFinal!.ins.getRange(), newText: lines.join(eol + indentOf(doc, rootUserInFinal!.ins)) };
      return { range: { start: at.pos, end: at.pos }, newText: at.prefix + at.indent + lines.join(eol + at.indent) + at.suffix };
    };

    const fixes: Fix[] = [];
    const previous = lastNonRootUser(users);
    if (previous) {
      const written = (previous.ins.getArgumentsContent() ?? '').trim();
      fixes.push({ title: `Switch back to \`USER ${written}\``, edits: [place([`USER ${written}`])], safe: false });
    }
    const builtIn = repo !== undefined ? BUILT_IN_USERS.get(repo) : undefined;
    if (builtIn && builtIn !== previous?.value) {
      fixes.push({ title: `Switch to the image's \`${builtIn}\` user`, edits: [place([`USER ${builtIn}`])], safe: false });
    }
    const dialect = dialectOf(root, name, repo);
    // Only needed below for bases other than distroless / scratch (createsAppUser reads every RUN).
    const appExists = () => users.some((u) => u.value === 'app' || u.value?.startsWith('app:')) || createsAppUser(doc, chain);
    if (dialect === 'distroless') {
      fixes.push({ title: 'Switch to the image\'s `nonroot` user (UID 65532)', edits: [place(['USER nonroot'])], safe: false });
    } else if (dialect === 'scratch') {
      fixes.push({ title: 'Run as UID 65532 (scratch has no user database)', edits: [place(['USER 65532:65532'])], safe: false });
    } else if (appExists()) {
      if (previous?.value !== 'app') fixes.push({ title: 'Switch to the `app` user', edits: [place(['USER app'])], safe: false });
    } else if (dialect === 'alpine') {
      fixes.push({
        title: 'Create an `app` user (Alpine) and switch to it',
        edits: [place(['RUN addgroup -S app && adduser -S app -G app', 'USER app'])],
        safe: false,
      });
    } else if (dialect === 'debian') {
      fixes.push({
        title: 'Create an `app` user (Debian/Ubuntu) and switch to it',
        edits: [place(['RUN groupadd -r app && useradd -r -g app app', 'USER app'])],
        safe: false,
      });
    } else {
      fixes.push({ title: 'Run as a numeric non-root UID (10001)', edits: [place(['USER 10001:10001'])], safe: false });
    }

    // A half-typed file: whatever the fix appended would become part of its last instruction.
    if (at?.open) fixes.length = 0;
    const base = name ?? root.raw;
    if (rootUserInFinal) {
      ctx.report({
        range: rootUserInFinal.ins.getRange(),
        message: 'The final stage ends as root: switch to a non-root USER after the steps that need root, before CMD/ENTRYPOINT.',
        fixes,
      });
    } else if (last) {
      ctx.report({
        range: stage.from.getRange(),
        message: `The final stage runs as root: it inherits \`USER ${(last.ins.getArgumentsContent() ?? '').trim()}\` from stage \`${last.stage.name ?? last.stage.index}\`. Switch to a non-root USER before CMD/ENTRYPOINT.`,
        fixes,
      });
    } else {
      ctx.report({
        range: stage.from.getRange(),
        message: root.isScratch
          ? 'The final stage runs as root: a scratch image has no USER unless you set one. Add a numeric non-root USER.'
          : dialect !== 'unknown'
            ? `The final stage runs as root: it has no USER instruction and \`${base}\` runs as root by default. Switch to a non-root USER before CMD/ENTRYPOINT.`
            : `The final stage has no USER instruction, so it runs as \`${base}\`'s user, which is root unless that image sets another. Add a non-root USER, or list the image in \`extraNonRootBaseImages\` if it already runs as non-root.`,
        fixes,
      });
    }
  },
};
