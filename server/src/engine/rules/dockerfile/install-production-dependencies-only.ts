import type { Instruction } from 'dockerfile-ast';
import type { DockerfileDoc, Stage } from '../../dockerfile/model';
import { envPairs, instructionArgs, parseNpm, parseRun, runsNpm, type NpmInvocation, type RunScript, type ShellCommand } from '../../dockerfile/shell';
import type { Rule } from '../../types';

/** Node LTS codenames whose images ship npm 6 or older (argon 4 … fermium 14); later ones (gallium 16 on) ship npm ≥ 7. */
const OLD_CODENAMES = /^(argon|boron|carbon|dubnium|erbium|fermium)(-|$)/;
const NEW_CODENAMES = /^(gallium|hydrogen|iron|jod|krypton)(-|$)/;
/** Tags without a version that follow the current release: `node`, `node:lts-alpine`, `node:bookworm-slim`. */
const MOVING_TAG = /^(latest|lts|current|alpine|slim|bookworm|bullseye|trixie)(-|$)/;

/**
 * The npm generation of a stage's base: 'old' (npm ≤ 6, Node ≤ 14 images: `--production`, no
 * `--omit`), 'new' (npm ≥ 7: node images ≥ 15, newer codenames and moving tags), or undefined
 * when the base is not a node image or its tag is unknown (a variable, a digest only).
 */
function npmGeneration(stage: Stage): 'old' | 'new' | undefined {
  const img = stage.rootImage;
  if (!/(^|\/)node$/.test(img.repository)) return undefined;
  if (img.tag === undefined) return img.digest === undefined && img.resolved !== undefined ? 'new' : undefined;
  const m = /^v?(\d+)(?=[.-]|$)/.exec(img.tag);
  if (m) return Number(m[1]) <= 14 ? 'old' : 'new';
  if (OLD_CODENAMES.test(img.tag)) return 'old';
  if (NEW_CODENAMES.test(img.tag) || MOVING_TAG.test(img.tag)) return 'new';
  return undefined;
}

function isProjectInstall(npm: NpmInvocation | undefined): npm is NpmInvocation {
  return npm !== undefined && (npm.sub === 'ci' || npm.sub === 'install') && npm.packages.length === 0 && !npm.global;
}

function productionOnly(npm: NpmInvocation): boolean {
  const v = npm.optionValues;
  if ((v.get('--omit') ?? []).some((x) => x.split(',').includes('dev'))) return true;
  if ((v.get('--only') ?? []).some((x) => x === 'prod' || x === 'production')) return true;
  for (const o of ['--production', '--prod']) if ((v.get(o) ?? []).some((x) => x === '' || x === 'true')) return true;
  return false;
}

/** Words of a deprecated production flag: `--only=production`, `--only production`, `--production`. */
function deprecatedFlag(cmd: ShellCommand): { from: number; to: number } | undefined {
  const a = cmd.argv;
  for (let i = 1; i < a.length; i++) {
    const v = a[i]!.value;
    if (/^--only=(prod|production)$/.test(v) || v === '--production' || v === '--production=true') return { from: i, to: i };
    if (v === '--only' && /^(prod|production)$/.test(a[i + 1]?.value ?? '')) return { from: i, to: i + 1 };
  }
  return undefined;
}

/** NODE_ENV as set by ENV/ARG at the end of a stage (and of the stages it is built FROM). */
function nodeEnvAtEnd(doc: DockerfileDoc, stage: Stage, depth: number): string | undefined {
  const ref = stage.image.stageRef;
  let value = ref && ref.index < stage.index && depth < 64 ? nodeEnvAtEnd(doc, ref, depth + 1) : undefined;
  for (const ins of stage.instructions) value = nodeEnvAfter(doc, ins, value);
  return value;
}

/**
 * NODE_ENV as set by ENV/ARG in the stage (and the stages it is built FROM) before an instruction
 * of the stage. Instructions are asked in file order: each call goes on from where the previous
 * one stopped, rather than scanning the stage again for every reported install.
 */
function nodeEnvReader(doc: DockerfileDoc, stage: Stage): (upTo: Instruction) => string | undefined {
  const instructions = stage.instructions;
  let next = -1;
  let value: string | undefined;
  return (upTo) => {
    if (next < 0) {
      const ref = stage.image.stageRef;
      value = ref && ref.index < stage.index ? nodeEnvAtEnd(doc, ref, 1) : undefined;
      next = 0;
    }
    for (; next < instructions.length && instructions[next] !== upTo; next++) value = nodeEnvAfter(doc, instructions[next]!, value);
    return value;
  };
}

/** NODE_ENV after instruction `ins`, given its value before (`value`). */
function nodeEnvAfter(doc: DockerfileDoc, ins: Instruction, value: string | undefined): string | undefined {
  const kw = ins.getKeyword();
  if (kw !== 'ENV' && kw !== 'ARG') return value;
  for (const [k, v] of envPairs(doc, ins)) {
    if (kw === 'ARG' && v === '') continue;
    if (k === 'NODE_ENV') value = v;
    // npm's own configuration: NPM_CONFIG_PRODUCTION=true, npm_config_omit=dev.
    const lk = k.toLowerCase();
    if ((lk === 'npm_config_production' && v === 'true') || (lk === 'npm_config_omit' && v.split(/[ ,]/).includes('dev')) || ((lk === 'npm_config_production' || lk === 'npm_config_omit') && v.includes('$'))) value = 'production';
  }
  return value;
}

/**
 * NODE_ENV as the last `export NODE_ENV=…` before command `upTo` of a RUN sets it. Commands are
 * asked in order: each call goes on from where the previous one stopped, rather than reading the
 * RUN again for every reported install. Only asked for an install that would be reported: reading
 * a command's arguments makes their words.
 */
function exportedNodeEnvReader(commands: readonly ShellCommand[]): (upTo: number) => string | undefined {
  let next = 0;
  let value: string | undefined;
  return (upTo) => {
    for (; next < upTo; next++) {
      const cmd = commands[next]!;
      if (cmd.name === 'export') for (const w of cmd.argv.slice(1)) if (w.value.startsWith('NODE_ENV=')) value = w.value.slice(9);
    }
    return value;
  };
}

/** Index of the last `npm prune` among a RUN's commands, or -1. */
function lastPruneIndex(commands: readonly ShellCommand[]): number {
  for (let k = commands.length - 1; k >= 0; k--) if (parseNpm(commands[k]!)?.sub === 'prune') return k;
  return -1;
}

const DEV_IMAGE_NAME = /(^|[./_-])(dev|develop|development|test|tests|ci|debug|local)([./_-]|$)/i;
const DEV_COMMAND = /\b(dev|test|tests|watch|nodemon|storybook|jest|mocha|cypress|playwright|karma|lint|ts-node)\b/;

export const installProductionDependenciesOnly: Rule<DockerfileDoc> = {
  meta: {
    id: 'dockerfile/install-production-dependencies-only',
    title: 'Install only production dependencies in the final image',
    domain: 'dockerfile',
    severity: 'warning',
    guideSection: 'Container Standards — Dockerfile Best Practices (`RUN npm ci --only=production`); Container Security ("Use minimal base images")',
    rationale:
      'Development dependencies (compilers, test runners, linters) in the final image make it larger and add attack surface for nothing. Use `npm ci --omit=dev`, set `NODE_ENV=production` (or `NPM_CONFIG_OMIT=dev`), or `npm prune --omit=dev` after building. Build stages, and final images that are clearly for development or tests (`Dockerfile.dev`/`.test` names, a CMD running `dev`/`test`/`watch`/`nodemon`), are not judged. `--only=production` and `--production` (as the guide writes) are accepted but deprecated since npm 7, so they get an info finding with a fix to `--omit=dev` (safe only on `node` images known to ship npm ≥ 7: npm 6 ignores `--omit=dev`).',
    bad: { fileName: 'Dockerfile', code: 'FROM node:20-alpine\nWORKDIR /app\nCOPY package*.json ./\nRUN npm ci\nCOPY . .\nUSER node\nCMD ["node", "server.js"]\n' },
    good: { fileName: 'Dockerfile', code: 'FROM node:20-alpine\nWORKDIR /app\nCOPY package*.json ./\nRUN npm ci --omit=dev\nCOPY . .\nUSER node\nCMD ["node", "server.js"]\n' },
    fixable: true,
    fixSafety: 'mixed',
  },
  kinds: ['dockerfile'],
  check(doc, ctx) {
    // Most Dockerfiles run no npm at all: settled before the stages and the file name are read.
    if (!runsNpm(doc)) return;
    const final = doc.finalStage;
    const devImage = DEV_IMAGE_NAME.test(ctx.fileName.split(/[\\/]/).pop() ?? '');
    for (const stage of doc.stages) {
      const npmGen = npmGeneration(stage);
      const legacy = npmGen === 'old';
      const isFinal = stage === final;
      // Indexed loops, not filter/map/forEach: `check` runs once per file, mostly before V8 has
      // optimised it, where each callback is a call, for every instruction and every command.
      const runs: { ins: Instruction; run: RunScript | undefined }[] = [];
      const instructions = stage.instructions;
      for (let i = 0; i < instructions.length; i++) {
        if (stage.keywords[i] !== 'RUN') continue;
        const ins = instructions[i]!;
        runs.push({ ins, run: parseRun(doc, ins) });
      }
      // Both only matter for an npm install that would be reported (few stages have one): computed on first use.
      let prunedAt: number | undefined;
      const prunedIndex = (): number =>
        (prunedAt ??= runs.findIndex(({ run }) => (run?.commands ?? []).some((c) => {
          const n = parseNpm(c);
          return n !== undefined && n.sub === 'prune' && productionOnly(n);
        })));
      let nodeEnv: ((upTo: Instruction) => string | undefined) | undefined;
      let devCommand: boolean | undefined;
      const runsDevCommand = (): boolean =>
        (devCommand ??= stage.instructions.some((ins) => {
          const kw = ins.getKeyword();
          return (kw === 'CMD' || kw === 'ENTRYPOINT') && DEV_COMMAND.test(instructionArgs(doc, ins).args.map((w) => w.value).join(' '));
        }));
      for (let runIndex = 0; runIndex < runs.length; runIndex++) {
        const { ins, run } = runs[runIndex]!;
        if (!run) continue;
        const commands = run.commands;
        // Both only matter for an install that would be reported: computed on first use.
        let exportedNodeEnv: ((upTo: number) => string | undefined) | undefined;
        let lastPrune: number | undefined;
        for (let k = 0; k < commands.length; k++) {
          const cmd = commands[k]!;
          // parseNpm's own first test, without a call for each of the many other commands.
          if (cmd.name !== 'npm') continue;
          const npm = parseNpm(cmd);
          if (!isProjectInstall(npm)) continue;
          const dep = deprecatedFlag(cmd);
          if (dep && !legacy) {
            const a = cmd.argv[dep.from]!;
            const b = cmd.argv[dep.to]!;
            const written = cmd.argv.slice(dep.from, dep.to + 1).map((w) => w.value).join(' ');
            const range = { start: a.range.start, end: b.range.end };
            ctx.report({
              range,
              severity: 'info',
              message: `\`${written}\` is deprecated since npm 7; use \`--omit=dev\`.`,
              // Only safe when the base is known to ship npm ≥ 7: npm 6 ignores `--omit=dev` and installs everything.
              fixes: [{ title: 'Use `--omit=dev`', edits: [{ range, newText: '--omit=dev' }], safe: npmGen === 'new' }],
            });
          }
          if (!isFinal || productionOnly(npm) || devImage || runsDevCommand()) continue;
          const inline = cmd.assignments.find((w) => w.value.startsWith('NODE_ENV='))?.value.slice(9);
          const env = inline ?? (exportedNodeEnv ??= exportedNodeEnvReader(commands))(k) ?? (nodeEnv ??= nodeEnvReader(doc, stage))(ins);
          if (env !== undefined && (env === 'production' || env.includes('$'))) continue;
          const pruned = prunedIndex() > runIndex || (prunedIndex() === runIndex && (lastPrune ??= lastPruneIndex(commands)) > k);
          if (pruned) continue;
          const flag = legacy ? '--production' : '--omit=dev';
          ctx.report({
            range: { start: cmd.argv[0]!.range.start, end: npm.subWord.range.end },
            message: `\`npm ${npm.subWord.value}\` in the final stage installs development dependencies too; add \`${flag}\` (or install in a build stage and copy only what runs).`,
          });
        }
      }
    }
  },
};
