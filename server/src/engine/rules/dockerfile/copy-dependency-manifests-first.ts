import type { Instruction } from 'dockerfile-ast';
import type { DockerfileDoc, Stage } from '../../dockerfile/model';
import { copyInfo, endsOpen, indentOf, parseNpm, parseRun, pipArgv, resolveDest, stageWorkdirs, type CopyInfo, type RunScript, type ShellCommand } from '../../dockerfile/shell';
import type { Fix, Rule } from '../../types';
import { indicesOf } from './keyword-search';

export type Ecosystem = 'npm' | 'yarn' | 'pnpm' | 'pip' | 'poetry' | 'go' | 'bundler' | 'composer';

export interface DependencyInstall {
  ecosystem: Ecosystem;
  cmd: ShellCommand;
  /** Manifest sources for a `COPY` before the install, or undefined when they cannot be known. */
  manifests: string[] | undefined;
  /** Installing from the manifests alone behaves the same (no project scripts / root package). */
  safe: boolean;
}

function has(cmd: ShellCommand, ...flags: string[]): boolean {
  return cmd.argv.some((w) => flags.some((f) => w.value === f || w.value.startsWith(f + '=')));
}

function positional(words: ShellCommand['argv'], from: number): string[] {
  return words.slice(from).filter((w) => !w.value.startsWith('-')).map((w) => w.value);
}

/** Commands recognised by their argument values below. */
const ARGV_ECOSYSTEMS = new Set(['poetry', 'go', 'bundle', 'composer']);

/** The names of the commands recognised below, besides pip's (`pip…`, `python…`: see pipArgv). */
const INSTALLERS = new Set(['npm', 'yarn', 'pnpm', 'uv', ...ARGV_ECOSYSTEMS]);
/** The `p` that `pip…` and `python…` start with. */
const P = 0x70;

/** Whether a command installs a project's dependencies from its manifests. */
export function dependencyInstall(cmd: ShellCommand, wholeFile: string): DependencyInstall | undefined {
  // Every command of every RUN gets here, and most are no installer: answered by their name.
  if (!INSTALLERS.has(cmd.name) && cmd.name.charCodeAt(0) !== P) return undefined;
  const npm = parseNpm(cmd);
  if (npm) {
    if (npm.global) return undefined;
    if (npm.sub === 'ci' || (npm.sub === 'install' && npm.packages.length === 0)) return { ecosystem: 'npm', cmd, manifests: ['package*.json'], safe: true };
    return undefined;
  }
  if (cmd.name === 'yarn') {
    const sub = positional(cmd.argv, 1);
    if (sub.length > 0 && !(sub[0] === 'install' && sub.length === 1)) return undefined;
    const berry = has(cmd, '--immutable') || /\.yarnrc\.yml/.test(wholeFile);
    const frozen = has(cmd, '--frozen-lockfile', '--immutable');
    return { ecosystem: 'yarn', cmd, manifests: ['package.json', frozen ? 'yarn.lock' : 'yarn.lock*'], safe: !berry };
  }
  if (cmd.name === 'pnpm') {
    const sub = positional(cmd.argv, 1);
    if (!(sub.length === 1 && (sub[0] === 'install' || sub[0] === 'i'))) return undefined;
    const frozen = has(cmd, '--frozen-lockfile');
    return { ecosystem: 'pnpm', cmd, manifests: ['package.json', frozen ? 'pnpm-lock.yaml' : 'pnpm-lock.yaml*'], safe: true };
  }
  const pip = pipArgv(cmd);
  if (pip) {
    if (pip[1]?.value !== 'install') return undefined;
    const files: string[] = [];
    let named = false;
    for (let i = 2; i < pip.length; i++) {
      const v = pip[i]!.value;
      const m = /^(-r|--requirement|-c|--constraint)(=?)(.*)$/.exec(v);
      if (m) {
        const f = m[3] !== '' ? m[3]! : pip[++i]?.value;
        if (f !== undefined) files.push(f);
        continue;
      }
      if (!v.startsWith('-')) named = true;
    }
    if (files.length === 0) return undefined;
    const plain = files.every((f) => !f.includes('/') && !f.includes('$') && f !== '');
    const manifests = !plain ? undefined : files.every((f) => /^requirements[^/]*\.txt$/.test(f)) ? ['requirements*.txt'] : [...new Set(files)];
    // `pip install -r requirements.txt .` also installs the project itself.
    return { ecosystem: 'pip', cmd, manifests, safe: !named };
  }
  // The argument values are only read for these few names.
  if (!ARGV_ECOSYSTEMS.has(cmd.name)) return undefined;
  const a = cmd.argv.map((w) => w.value);
  if (cmd.name === 'poetry' && a[1] === 'install') {
    return { ecosystem: 'poetry', cmd, manifests: ['pyproject.toml', 'poetry.lock'], safe: has(cmd, '--no-root') };
  }
  if (cmd.name === 'go' && a[1] === 'mod' && a[2] === 'download') return { ecosystem: 'go', cmd, manifests: ['go.mod', 'go.sum'], safe: true };
  if (cmd.name === 'bundle' && (a.length === 1 || a[1] === 'install' || (a[1]?.startsWith('-') && positional(cmd.argv, 1).length === 0))) {
    return { ecosystem: 'bundler', cmd, manifests: ['Gemfile', 'Gemfile.lock'], safe: true };
  }
  if (cmd.name === 'composer' && (a[1] === 'install' || a[1] === 'i')) {
    return { ecosystem: 'composer', cmd, manifests: ['composer.json', 'composer.lock'], safe: has(cmd, '--no-scripts') && has(cmd, '--no-autoloader') };
  }
  return undefined;
}

/** Commands that may run before the sources are there (they only deal with dependencies). */
function dependencyOnly(cmd: ShellCommand, eco: Ecosystem, wholeFile: string): boolean {
  const d = dependencyInstall(cmd, wholeFile);
  if (d) return d.ecosystem === eco;
  const a = cmd.argv.map((w) => w.value);
  switch (cmd.name) {
    case 'rm':
    case 'echo':
    case 'true':
    case 'set':
    case 'mkdir':
      return true;
    case 'npm':
      return ['cache', 'config'].includes(parseNpm(cmd)?.sub ?? '');
    case 'yarn':
    case 'pnpm':
    case 'poetry':
    case 'bundle':
    case 'composer':
      return ['cache', 'config', 'store'].includes(a[1] ?? '');
    case 'corepack':
      return true;
    case 'go':
      return a[1] === 'env' || (a[1] === 'mod' && a[2] === 'download');
    default: {
      const pip = pipArgv(cmd);
      return pip !== undefined && pip[1]?.value === 'install' && pip.slice(2).every((w) => w.value.startsWith('-') || /^(pip|setuptools|wheel|poetry)([=<>~!].*)?$/.test(w.value));
    }
  }
}

/** A COPY/ADD of the whole build context (`COPY . .`). */
function isWholeContextCopy(doc: DockerfileDoc, ins: Instruction): boolean {
  const c = copyInfo(doc, ins);
  return c !== undefined && c.from === undefined && !c.heredoc && c.dest !== undefined && c.sources.some((s) => s.value === '.' || s.value === './');
}

const NEUTRAL = new Set(['LABEL', 'EXPOSE', 'MAINTAINER']);

export const copyDependencyManifestsFirst: Rule<DockerfileDoc> = {
  meta: {
    id: 'dockerfile/copy-dependency-manifests-first',
    title: 'Copy dependency manifests before the rest of the code',
    domain: 'dockerfile',
    severity: 'warning',
    guideSection: 'Container Standards — Dockerfile Best Practices ("Copy dependency files first (layer caching)")',
    rationale:
      'Copying the whole build context before installing dependencies makes every source change invalidate the install layer, so each build re-downloads everything. Copy only the manifests (`package*.json`, `requirements*.txt`, `go.mod go.sum` …), install, then copy the rest.',
    bad: { fileName: 'Dockerfile', code: 'FROM node:20-alpine\nWORKDIR /app\nCOPY . .\nRUN npm ci\nCMD ["node", "server.js"]\n' },
    good: { fileName: 'Dockerfile', code: 'FROM node:20-alpine\nWORKDIR /app\nCOPY package*.json ./\nRUN npm ci\nCOPY . .\nCMD ["node", "server.js"]\n' },
    fixable: true,
    fixSafety: 'mixed',
  },
  kinds: ['dockerfile'],
  check(doc, ctx) {
    const report = ctx.report.bind(ctx);
    for (let si = 0; si < doc.stages.length; si++) checkStage(doc, doc.stages[si]!, report);
  },
};

function checkStage(doc: DockerfileDoc, stage: Stage, report: Parameters<Rule['check']>[1]['report']): void {
  const list = stage.instructions;
  // Only an install after a COPY of the whole context is reported: most stages have no such COPY,
  // and then their RUNs' commands need not be looked at (copyInfo is shared with other rules).
  // Finding these COPYs among scopedCopies instead of every instruction: all rules -5.1M, but
  // this rule alone +15M (it then builds lists no other rule of its config needs); not kept.
  const keywords = stage.keywords;
  // Native searches, not a JS loop over every keyword (which runs cold, in the interpreter).
  const copies = indicesOf(keywords, 'COPY', 'ADD');
  let c = 0;
  while (c < copies.length && !isWholeContextCopy(doc, list[copies[c]!]!)) c++;
  if (c === copies.length) return;
  const copyAt = copies[c]!;
  const installed = new Set<Ecosystem>();
  const reported = new Set<string>();
  let firstCopy: { c: CopyInfo; index: number } | undefined;
  for (let i = 0; i < list.length; i++) {
    const ins = list[i]!;
    if (i === copyAt) firstCopy = { c: copyInfo(doc, ins)!, index: i };
    if (stage.keywords[i] !== 'RUN') continue;
    const run = parseRun(doc, ins);
    if (!run) continue;
    for (const cmd of run.commands) {
      const d = dependencyInstall(cmd, doc.text);
      if (!d) continue;
      if (!firstCopy || installed.has(d.ecosystem)) {
        installed.add(d.ecosystem);
        continue;
      }
      installed.add(d.ecosystem);
      const key = `${firstCopy.index}:${d.ecosystem}`;
      if (reported.has(key)) continue;
      reported.add(key);
      const fc = firstCopy.c;
      const src = fc.sources.find((s) => s.value === '.' || s.value === './')!;
      const line = ins.getRange().start.line + 1;
      const installText = cmd.argv.slice(0, 3).filter((_w, k, all) => !all.slice(0, k + 1).some((x) => x.value.startsWith('-'))).map((w) => w.value).join(' ');
      const manifests = d.manifests?.join(' ') ?? 'the dependency manifests';
      report({
        range: src.range,
        message: `\`${fc.keyword} ${src.value}\` copies the whole build context before \`${installText}\` (line ${line}), so any source change re-runs the install; copy ${d.manifests ? `\`${manifests}\`` : manifests} first, install, then copy the rest.`,
        fixes: buildFix(doc, stage, firstCopy.index, i, run, d),
      });
    }
  }
}

function buildFix(doc: DockerfileDoc, stage: Stage, copyIndex: number, runIndex: number, run: RunScript, d: DependencyInstall): Fix[] {
  const list = stage.instructions;
  const fc = copyInfo(doc, list[copyIndex]!)!;
  const runIns = list[runIndex]!;
  if (!d.manifests || !fc.dest || fc.json || run.onbuild) return [];
  // Every command of the RUN must be able to run before the sources are copied.
  if (run.commands.length === 0 || !run.commands.every((c) => dependencyOnly(c, d.ecosystem, doc.text))) return [];
  // The moved install runs in the COPY's working directory: that must be the install's own, and where the manifests land.
  const { before } = stageWorkdirs(doc, stage);
  const wdCopy = before.get(list[copyIndex]!)!;
  const wdRun = before.get(runIns)!;
  const dest = fc.dest.value;
  const sameCwd = wdCopy === wdRun || (wdCopy.path !== undefined && wdCopy.path === wdRun.path);
  const landsInCwd = dest === '.' || dest === './' || (resolveDest(dest, wdCopy) !== undefined && resolveDest(dest, wdCopy) === wdRun.path);
  if (!sameCwd || !landsInCwd || dest.includes('$')) return [];
  let safe = d.safe;
  for (let k = copyIndex + 1; k < runIndex; k++) {
    const kw = list[k]!.getKeyword();
    if (!NEUTRAL.has(kw)) safe = false;
  }
  const eol = doc.index.eol;
  const keep = fc.flags.filter((f) => /^--(chown|chmod|link)(=|$)/.test(f.value)).map((f) => f.raw + ' ').join('');
  const destDir = dest.endsWith('/') ? dest : dest + '/';
  const runText = textOf(doc, runIns);
  // A RUN ending the file open (`… \\` then maybe comment or empty lines, or an unterminated heredoc) would, moved, continue into the COPY.
  if (endsOpen(doc, runIns)) return [];
  const copyLine = list[copyIndex]!.getRange().start;
  const at = { line: copyLine.line, character: 0 };
  return [
    {
      title: `Copy ${d.manifests.join(' ')} and install before \`${fc.keyword} ${fc.sources.map((s) => s.raw).join(' ')} ${fc.dest.raw}\``,
      edits: [
        { range: { start: at, end: at }, newText: `${indentOf(doc, list[copyIndex]!)}COPY ${keep}${d.manifests.join(' ')} ${destDir}${eol}${indentOf(doc, runIns)}${runText}${eol}` },
        { range: wholeLines(doc, runIns), newText: '' },
      ],
      safe,
    },
  ];
}

/** The instruction's text as written, from its keyword to its end. */
function textOf(doc: DockerfileDoc, ins: Instruction): string {
  const r = ins.getRange();
  return doc.text.slice(doc.index.offsetAt(r.start), doc.index.offsetAt(r.end));
}

/** The lines of an instruction including the line break after them. */
function wholeLines(doc: DockerfileDoc, ins: Instruction): { start: { line: number; character: number }; end: { line: number; character: number } } {
  const r = ins.getRange();
  if (r.end.line + 1 < doc.index.lineCount) return { start: { line: r.start.line, character: 0 }, end: { line: r.end.line + 1, character: 0 } };
  // Last line without a line break: remove the preceding one instead.
  const startOff = r.start.line > 0 ? doc.index.lineEndOffset(r.start.line - 1) : 0;
  return doc.index.rangeOf(startOff, doc.text.length);
}
