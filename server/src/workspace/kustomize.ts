// Which files on disk a kustomization lists as patches (`LintInput.kustomizePatch`). Shared by
// the CLI (`lintPaths`, `lintStdin`) and the language server (open documents).
//
// A file is a patch when a kustomization file (`kustomization.yaml`, `kustomization.yml`,
// `Kustomization`) in its own folder or an ancestor folder lists it under `patches`,
// `patchesStrategicMerge` or `patchesJson6902` (engine/kubernetes/kustomization.ts). Kustomize
// loads patches from its own folder tree only (unless run with `--load-restrictor
// LoadRestrictionsNone`), so looking upwards finds every kustomization that can use the file,
// Components included. The lookup stops at the enclosing git work tree's root; outside a work
// tree, at the caller's `root` (the folder being checked, the editor's workspace folder), so a
// stray kustomization above the project never counts.
//
// A folder with several kustomization files (kustomize refuses to build it: a rename in
// progress, usually) counts the patches of each, so no patch gets missing-field findings meanwhile.
//
// Each folder is listed once and each kustomization read once until `clear()` (the language
// server clears on file-watcher events). With `checkDisk` (the language server, whose lookups
// outlive changes on disk), a lookup answered from the cache first compares the modification
// time and size of each folder it walked and of each kustomization it read with what they were
// when listed or read, and starts over when one differs: a few `stat`s per lint, which see a
// `.git` or a kustomization created, deleted or edited even where no file watcher tells of it
// (clients without watched-file events; `.git`, which no watcher reports).
import { readdirSync, readFileSync, realpathSync, statSync } from 'node:fs';
import { dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { KUSTOMIZATION_FILE_NAMES, kustomizationPatchPaths } from '../engine/kubernetes/kustomization';

/** Kustomization files above this size are not read (real ones are a few KiB). */
const MAX_KUSTOMIZATION_BYTES = 1024 * 1024;

const NO_PATCHES: ReadonlySet<string> = new Set();

interface Folder {
  /** The folder's `stampOf` when it was listed. */
  stamp: string;
  /** Holds `.git`: the root of a git work tree. */
  gitRoot: boolean;
  /** Kustomization files in the folder (absolute). */
  kustomizations: string[];
  /** Absolute paths they list as patches (read on first use). */
  patches?: ReadonlySet<string>;
  /** The kustomizations' `stampOf` when they were read. */
  patchStamps?: string[];
}

interface Chain {
  /** The patch sets of the kustomizations that can list the folder's files. */
  sets: ReadonlySet<string>[];
  /** The folders walked (listed) to find them. */
  dirs: string[];
}

/** Modification time and size of a file or folder ('' when it cannot be read). */
function stampOf(path: string): string {
  try {
    const st = statSync(path, { bigint: true, throwIfNoEntry: false });
    return st === undefined ? '' : `${st.mtimeNs}:${st.size}`;
  } catch {
    return '';
  }
}

/** Whether `path` is `dir` or inside it. */
function isInside(path: string, dir: string): boolean {
  const rel = relative(dir, path);
  return rel === '' || (!isAbsolute(rel) && rel !== '..' && !rel.startsWith('..' + sep));
}

function readPatches(dir: string, files: readonly string[]): ReadonlySet<string> {
  if (files.length === 0) return NO_PATCHES;
  const out = new Set<string>();
  for (const file of files) {
    let text: string;
    try {
      if (statSync(file).size > MAX_KUSTOMIZATION_BYTES) continue;
      text = readFileSync(file, 'utf8');
    } catch {
      continue; // unreadable: lists nothing
    }
    if (text.startsWith('\uFEFF')) text = text.slice(1);
    for (const p of kustomizationPatchPaths(text)) {
      const listed = resolve(dir, p);
      out.add(listed);
      // Listed through a symlink (`linked.yaml` → `shared/p.yaml`): the file it names is the patch.
      const real = realPath(listed);
      if (real !== undefined) out.add(real);
    }
  }
  return out.size === 0 ? NO_PATCHES : out;
}

/** The path with symlinks resolved; undefined when it does not exist. */
function realPath(path: string): string | undefined {
  try {
    return realpathSync.native(path);
  } catch {
    return undefined;
  }
}

export class KustomizePatches {
  private readonly folders = new Map<string, Folder>();
  /** Per folder and root: the patch sets of the kustomizations that can list its files. */
  private readonly chains = new Map<string, Chain>();
  private readonly checkDisk: boolean;

  /** `checkDisk`: check that what a lookup read is unchanged on disk before answering from the cache. */
  constructor(options: { checkDisk?: boolean } = {}) {
    this.checkDisk = !!options.checkDisk;
  }

  /** Forgets every folder listing and kustomization read (files changed on disk). */
  clear(): void {
    this.folders.clear();
    this.chains.clear();
  }

  /**
   * Whether a kustomization in the file's folder or an ancestor lists `file` as a patch. Folders
   * above the enclosing git work tree's root are not looked in; outside a work tree, neither
   * are folders above the outermost of `roots` that holds the file (above the file's own
   * folder when none does). Never throws.
   */
  isPatch(file: string, roots: readonly string[] = []): boolean {
    const abs = resolve(file);
    let root: string | undefined;
    for (const r of roots) {
      const dir = resolve(r);
      if (isInside(abs, dir) && (root === undefined || dir.length < root.length)) root = dir;
    }
    const chain = this.chain(dirname(abs), root);
    if (chain.length === 0) return false;
    if (chain.some((patches) => patches.has(abs))) return true;
    // Named through a symlink, or listed under another name of the same file.
    const real = realPath(abs);
    return real !== undefined && real !== abs && chain.some((patches) => patches.has(real));
  }

  private chain(dir: string, root: string | undefined): ReadonlySet<string>[] {
    const key = root === undefined ? dir : `${dir}\u0000${root}`;
    const cached = this.chains.get(key);
    if (cached !== undefined) {
      if (!this.checkDisk || this.unchanged(cached.dirs)) return cached.sets;
      this.clear();
    }
    // The folders from `dir` up to the git root, or up to the file system's root.
    const dirs: string[] = [];
    let inGit = false;
    for (let cur = dir; ; ) {
      dirs.push(cur);
      if (this.folder(cur).gitRoot) {
        inGit = true;
        break;
      }
      const parent = dirname(cur);
      if (parent === cur) break;
      cur = parent;
    }
    // Outside a git work tree: up to `root` only.
    const within = inGit ? dirs : dirs.slice(0, root !== undefined && isInside(dir, root) ? dirs.indexOf(root) + 1 : 1);
    const sets: ReadonlySet<string>[] = [];
    for (const d of within) {
      const f = this.folder(d);
      if (f.patches === undefined) {
        // Stamped before reading: a change made meanwhile is seen by the next lookup.
        if (this.checkDisk) f.patchStamps = f.kustomizations.map(stampOf);
        f.patches = readPatches(d, f.kustomizations);
      }
      if (f.patches.size > 0) sets.push(f.patches);
    }
    this.chains.set(key, { sets, dirs });
    return sets;
  }

  /** Whether the folders walked, and the kustomizations read in them, are as they were. */
  private unchanged(dirs: readonly string[]): boolean {
    for (const d of dirs) {
      const f = this.folders.get(d);
      if (f === undefined || stampOf(d) !== f.stamp) return false;
      if (f.patchStamps !== undefined && f.kustomizations.some((k, i) => stampOf(k) !== f.patchStamps![i])) return false;
    }
    return true;
  }

  private folder(dir: string): Folder {
    let f = this.folders.get(dir);
    if (f === undefined) {
      // Stamped before listing: a change made meanwhile is seen by the next lookup.
      const stamp = this.checkDisk ? stampOf(dir) : '';
      let names: ReadonlySet<string>;
      try {
        names = new Set(readdirSync(dir));
      } catch {
        names = new Set(); // unreadable: no kustomization, not a git root
      }
      f = {
        stamp,
        gitRoot: names.has('.git'),
        kustomizations: KUSTOMIZATION_FILE_NAMES.filter((n) => names.has(n)).map((n) => join(dir, n)),
      };
      this.folders.set(dir, f);
    }
    return f;
  }
}
