// Parsed Dockerfile handed to Dockerfile rules: the dockerfile-ast tree plus the facts
// most rules need (stages, global ARG defaults, resolved base images), computed once.
import { DockerfileParser, type Dockerfile, type From, type Instruction } from 'dockerfile-ast';
import { TextIndex } from '../text';
import type { Range } from '../types';
import { applyDockerfileAstPatches } from './ast-patches';
import { parsedLineTable } from './ast-patches/line-offsets';

// dockerfile-ast's argument splitting is memoized per instruction (see ast-patches.ts).
applyDockerfileAstPatches();

export interface ResolvedImage {
  /** The image reference as written, e.g. `node:${NODE_VERSION}-alpine`. */
  raw: string;
  /** With global ARG defaults substituted; undefined when a variable has no known value. */
  resolved: string | undefined;
  /** Variables referenced without a default value anywhere (BuildKit's predefined platform ARGs are not: see `perPlatform`). */
  unknownVariables: string[];
  /**
   * When only predefined platform ARGs (`TARGETARCH`, …) lack a value: the reference with the
   * global ARG defaults substituted and those left as `${TARGETARCH}` (then `resolved` is undefined).
   */
  perPlatform: string | undefined;
  /** Registry host (`ghcr.io`), or undefined for Docker Hub. */
  registry: string | undefined;
  /** Repository path without registry, tag or digest (`library/node` written as `node`). */
  repository: string;
  tag: string | undefined;
  digest: string | undefined;
  isScratch: boolean;
  /** The earlier stage this FROM refers to (`FROM build`), if any. */
  stageRef: Stage | undefined;
}

export interface Stage {
  index: number;
  from: From;
  /** Lower-cased `AS name`, if any. */
  name: string | undefined;
  /** Instructions after the FROM, up to the next FROM. */
  instructions: Instruction[];
  /**
   * The keyword of each of `instructions` (upper-cased, as `getKeyword()` answers), same order.
   * Walks over every instruction read it here: a `getKeyword()` call on the many instruction
   * classes costs far more cold than reading an array.
   */
  keywords: string[];
  image: ResolvedImage;
  /** The non-stage base this stage ultimately derives from (follows `FROM <stage>` chains). */
  rootImage: ResolvedImage;
}

export interface DockerfileDoc {
  kind: 'dockerfile';
  text: string;
  index: TextIndex;
  ast: Dockerfile;
  /** ARGs declared before the first FROM: name → default value, expanded with the ARGs before it (null: no default, or one using a variable without a value). */
  globalArgs: Map<string, string | null>;
  stages: Stage[];
  /** The stage that produces the image (the last one). */
  finalStage: Stage | undefined;
  /** Every instruction, including ONBUILD triggers' parents, in file order. */
  instructions: Instruction[];
  /** The keyword of each of `instructions`, same order (see `Stage.keywords`). */
  keywords: string[];
  escapeChar: string;
  /** For each line, the first line of the instruction that contains it (suppression anchor). */
  instructionStartLine: (line: number) => number;
  /** The values `DocumentMemo`s derived from this document, keyed by the memo: see `DocumentMemo`. */
  readonly memos: Map<object, unknown>;
}

/**
 * A fact derived from a document on first use and shared by the rules (RUN parses, argument
 * words, working directories …), kept in the document itself, in `doc.memos`.
 *
 * Not in a WeakMap keyed by the document (or by one of its stages): V8's minor GC (the
 * scavenger, as of Node 20) treats every WeakMap value as alive and drops the entries whose key
 * is garbage only afterwards. So each per-document entry made since the previous minor GC kept
 * its document's whole tree (instructions, RUN parses, words) alive through it; and where one
 * cache's value led to another's key (the stages listed in one keyed the WORKDIR cache), the
 * entry outlived a second minor GC too and was promoted to old space, where only a full GC
 * frees it. Over the corpus, 3-5 MB of finished documents survived every minor GC that way (GC
 * took about a third of a warm pass). In a Map owned by the document, they die with it.
 */
export class DocumentMemo<V> {
  /** `create` builds the value for a document; it is called once per document (and never returns undefined). */
  constructor(private readonly create: (doc: DockerfileDoc) => V) {}

  /** The value for `doc`, built on first use. */
  of(doc: DockerfileDoc): V {
    let value = doc.memos.get(this) as V | undefined;
    if (value === undefined) {
      value = this.create(doc);
      doc.memos.set(this, value);
    }
    return value;
  }
}

/**
 * ARGs BuildKit predefines in the global scope, as regex sources of the values they can take
 * (GOOS/GOARCH names; a variant may be empty). Only a global ARG with a default overrides them.
 */
const OS = '(?:aix|android|darwin|dragonfly|freebsd|illumos|ios|js|linux|netbsd|openbsd|plan9|solaris|wasip1|windows)';
const ARCH = '(?:386|amd64|arm|arm64|loong64|mips|mipsle|mips64|mips64le|ppc64|ppc64le|riscv64|s390x|wasm)';
const VARIANT = '(?:v[0-9]+)?';
export const PLATFORM_ARGS: ReadonlyMap<string, string> = new Map(
  ['TARGET', 'BUILD'].flatMap((p) => [
    [`${p}PLATFORM`, `${OS}/${ARCH}(?:/v[0-9]+)?`],
    [`${p}OS`, OS],
    [`${p}ARCH`, ARCH],
    [`${p}VARIANT`, VARIANT],
  ]),
);

const VARIABLE = /\$(?:\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?[-+])([^}]*))?\}|([A-Za-z_][A-Za-z0-9_]*))/g;

/**
 * The most characters a substitution may produce. No real image reference, path or value comes
 * close, and expansion grows exponentially along chained variables (`ARG B=${A}${A}`,
 * `ARG C=${B}${B}`…): 30 such lines built a string over V8's limit, and the lint threw.
 */
export const MAX_EXPANDED_LENGTH = 4096;

/** What a reference matched by VARIABLE expands to; undefined when the variable has no value (and no default applies). */
function expansion(vars: ReadonlyMap<string, string | null>, name: string, op: string | undefined, word: string | undefined): string | undefined {
  const v = vars.get(name);
  const set = v !== undefined && v !== null;
  if (op === ':-' || op === '-') return set && (op === '-' || v !== '') ? v! : word ?? '';
  if (op === ':+' || op === '+') return set ? word ?? '' : '';
  return set ? v! : undefined;
}

/** Whether substituting `value` would produce over MAX_EXPANDED_LENGTH characters: summed up before any string is built. */
export function expandsTooLong(value: string, vars: ReadonlyMap<string, string | null>): boolean {
  // Without a `$` nothing expands: no `matchAll` (an iterator and a regex copy per call, for
  // every FROM image of every file).
  if (!value.includes('$')) return value.length > MAX_EXPANDED_LENGTH;
  let length = value.length;
  for (const m of value.matchAll(VARIABLE)) length += (expansion(vars, (m[1] ?? m[4])!, m[2], m[3])?.length ?? 0) - m[0].length;
  return length > MAX_EXPANDED_LENGTH;
}

/**
 * Substitutes `$VAR`, `${VAR}`, `${VAR:-default}` and `${VAR:+alt}` with known values.
 * Returns undefined when a referenced variable has no value (and no default applies), and `value`
 * as written when the result would be too long (as with expansions not understood here).
 */
export function substituteVariables(
  value: string,
  vars: ReadonlyMap<string, string | null>,
  unknown: string[] = [],
): string | undefined {
  // Nothing to substitute (most image references and paths): the same `value` as below, without
  // the length check and the `replace`.
  if (!value.includes('$')) return value;
  if (expandsTooLong(value, vars)) return value;
  let ok = true;
  const out = value.replace(VARIABLE, (_m, braced: string | undefined, op: string | undefined, word: string | undefined, bare: string | undefined) => {
    const name = (braced ?? bare)!;
    const v = expansion(vars, name, op, word);
    if (v === undefined) {
      ok = false;
      unknown.push(name);
      return '';
    }
    return v;
  });
  return ok ? out : undefined;
}

/** Splits an image reference into registry, repository, tag and digest. */
export function splitImageReference(ref: string): Pick<ResolvedImage, 'registry' | 'repository' | 'tag' | 'digest'> {
  let rest = ref;
  let digest: string | undefined;
  const at = rest.indexOf('@');
  if (at >= 0) {
    digest = rest.slice(at + 1);
    rest = rest.slice(0, at);
  }
  let registry: string | undefined;
  const slash = rest.indexOf('/');
  if (slash > 0) {
    const first = rest.slice(0, slash);
    if (first.includes('.') || first.includes(':') || first === 'localhost') {
      registry = first;
      rest = rest.slice(slash + 1);
    }
  }
  let tag: string | undefined;
  const colon = rest.lastIndexOf(':');
  if (colon >= 0) {
    tag = rest.slice(colon + 1);
    rest = rest.slice(0, colon);
  }
  return { registry, repository: rest, tag, digest };
}

function resolveImage(
  from: From,
  vars: ReadonlyMap<string, string | null>,
  platformVars: ReadonlyMap<string, string | null>,
  earlier: ReadonlyMap<string, Stage>,
  derivedUnknown: ReadonlyMap<string, string[]>,
): ResolvedImage {
  const raw = from.getImage() ?? '';
  const unknown: string[] = [];
  const resolved = substituteVariables(raw, vars, unknown);
  // Name the variables without a default, not the ARG whose default uses them.
  // (Most references name no variable without a value: no `flatMap` and `filter` of the empty list.)
  const unknownVariables = unknown.length === 0 ? unknown : (derivedUnknown.size === 0 ? unknown : unknown.flatMap((v) => derivedUnknown.get(v) ?? [v])).filter((v) => !PLATFORM_ARGS.has(v));
  const perPlatform = resolved === undefined && unknownVariables.length === 0 ? substituteVariables(raw, platformVars) : undefined;
  const parts = splitImageReference(resolved ?? raw);
  const lower = (resolved ?? raw).toLowerCase();
  const stageRef = resolved !== undefined ? earlier.get(lower) : undefined;
  // The parts named rather than spread: a spread copies them through a runtime call, per FROM.
  return {
    raw,
    resolved,
    unknownVariables,
    perPlatform,
    registry: parts.registry,
    repository: parts.repository,
    tag: parts.tag,
    digest: parts.digest,
    isScratch: lower === 'scratch',
    stageRef,
  };
}

/** `globalArgs` of a Dockerfile without global ARGs, with the predefined platform ARGs left in place (see `parseDockerfile`). */
const PLATFORM_VARS: ReadonlyMap<string, string | null> = new Map([...PLATFORM_ARGS.keys()].map((n) => [n, `\${${n}}`]));
const NO_DERIVED_UNKNOWN: ReadonlyMap<string, string[]> = new Map();

export function parseDockerfile(text: string): DockerfileDoc {
  const ast = DockerfileParser.parse(text);
  const index = new TextIndex(text, parsedLineTable(ast));
  const globalArgs = new Map<string, string | null>();
  const initialArgs = ast.getInitialARGs();
  // Most Dockerfiles declare no global ARG: they share two of the tables below rather than
  // building them per document (only the ARG loop writes to them).
  const hasArgs = initialArgs.length > 0;
  /** A global ARG whose default uses variables without a value (name → those variables). */
  const derivedUnknown = hasArgs ? new Map<string, string[]>() : (NO_DERIVED_UNKNOWN as Map<string, string[]>);
  /** A global ARG whose default uses expansions not understood here (`${A#pattern}`), or expands too long: kept as written. */
  const opaque = new Set<string>();
  /** `globalArgs` with the predefined platform ARGs left in place (`${TARGETARCH}`) rather than unknown. */
  const platformVars = hasArgs ? new Map(PLATFORM_VARS) : (PLATFORM_VARS as Map<string, string | null>);
  // `ARG A=1 B=2` declares both; like BuildKit, a default is expanded with the ARGs declared before it.
  for (const arg of initialArgs) {
    for (const p of arg.getProperties()) {
      const name = p.getName();
      const raw = p.getValue();
      // A bare `ARG X` after `ARG X=v`: the Dockerfile reference does not say it drops the default,
      // so keep what is known (no "no default value" findings on a guess).
      if (raw === null && globalArgs.has(name)) continue;
      if (raw === null || !raw.includes('$')) {
        globalArgs.set(name, raw);
        // Declared without a default, a platform ARG keeps its predefined value.
        if (raw !== null || !PLATFORM_ARGS.has(name)) platformVars.set(name, raw);
        derivedUnknown.delete(name);
        opaque.delete(name);
        continue;
      }
      let understood = true;
      const rest = raw.replace(VARIABLE, (_m, braced: string | undefined, _op, _word, bare: string | undefined) => {
        if (opaque.has((braced ?? bare)!)) understood = false;
        return '';
      });
      if (!understood || rest.includes('$') || expandsTooLong(raw, globalArgs) || expandsTooLong(raw, platformVars)) {
        globalArgs.set(name, raw);
        platformVars.set(name, raw);
        derivedUnknown.delete(name);
        opaque.add(name);
        continue;
      }
      const unknown: string[] = [];
      const value = substituteVariables(raw, globalArgs, unknown);
      // Each name once: in a chain of ARGs each using the one before and another without a default
      // (`ARG A2=${A1}${A0}`), the lists grew with every link (doubled, when the link used two).
      const names = [...new Set(unknown.flatMap((v) => derivedUnknown.get(v) ?? [v]))];
      globalArgs.set(name, value ?? null);
      platformVars.set(name, substituteVariables(raw, platformVars) ?? null);
      if (value === undefined) derivedUnknown.set(name, names);
      else derivedUnknown.delete(name);
      opaque.delete(name);
    }
  }
  const instructions = ast.getInstructions();
  const keywords: string[] = [];
  const stages: Stage[] = [];
  /** The stages by name, for `FROM <stage>`: a search of the earlier stages per FROM made many stages quadratic. */
  const stagesByName = new Map<string, Stage>();
  let current: Stage | undefined;
  for (const ins of instructions) {
    const kw = ins.getKeyword();
    keywords.push(kw);
    if (kw === 'FROM') {
      const from = ins as From;
      const image = resolveImage(from, globalArgs, platformVars, stagesByName, derivedUnknown);
      const name = from.getBuildStage()?.toLowerCase() ?? undefined;
      const rootImage = image.stageRef ? image.stageRef.rootImage : image;
      current = { index: stages.length, from, name, instructions: [], keywords: [], image, rootImage };
      stages.push(current);
      // A name given twice refers to its first stage.
      if (name !== undefined && !stagesByName.has(name)) stagesByName.set(name, current);
    } else if (current) {
      current.instructions.push(ins);
      current.keywords.push(kw);
    }
  }
  return {
    kind: 'dockerfile',
    text,
    index,
    ast,
    globalArgs,
    stages,
    finalStage: stages[stages.length - 1],
    instructions,
    keywords,
    escapeChar: ast.getEscapeCharacter(),
    instructionStartLine: (line) => instructionStartLine(instructions, line),
    memos: new Map(),
  };
}

/** The first line of the instruction spanning `line`, else `line`. */
function instructionStartLine(instructions: readonly Instruction[], line: number): number {
  return instructionAt(instructions, line)?.getRange().start.line ?? line;
}

/**
 * The instruction spanning `line`, if any: a binary search over the instructions, which are in
 * file order and never share a line.
 */
export function instructionAt(instructions: readonly Instruction[], line: number): Instruction | undefined {
  const i = instructionIndexAt(instructions, line);
  return i < 0 ? undefined : instructions[i];
}

/** The index of the instruction spanning `line` (see `instructionAt`), or -1. */
export function instructionIndexAt(instructions: readonly Instruction[], line: number): number {
  let lo = 0;
  let hi = instructions.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const r = instructions[mid]!.getRange();
    if (line < r.start.line) hi = mid - 1;
    else if (line > r.end.line) lo = mid + 1;
    else return mid;
  }
  return -1;
}

/** The text of an instruction's arguments exactly as written (continuations included). */
export function rawArguments(doc: DockerfileDoc, ins: Instruction): { text: string; startOffset: number } | undefined {
  const r: Range | null = ins.getArgumentsRange();
  if (!r) return undefined;
  const start = doc.index.offsetAt(r.start);
  return { text: doc.text.slice(start, doc.index.offsetAt(r.end)), startOffset: start };
}

/**
 * A stage followed by the earlier stages it is built FROM (`FROM build` chains), nearest
 * first; the last element's image is the external base. A stage can only refer to earlier
 * stages, so the walk always ends.
 */
export function stageChain(stage: Stage): Stage[] {
  const chain: Stage[] = [];
  for (let s: Stage | undefined = stage; s; s = s.image.stageRef) chain.push(s);
  return chain;
}

/** Last `USER` of a stage, if any. */
export function lastUser(stage: Stage): Instruction | undefined {
  for (let i = stage.keywords.length - 1; i >= 0; i--) {
    if (stage.keywords[i] === 'USER') return stage.instructions[i];
  }
  return undefined;
}
