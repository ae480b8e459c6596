// The few parts of the built-in Git extension's API (`vscode.git`, API version 1) we use, and a
// fallback that reads `.git/HEAD` when that extension is unavailable (disabled, or in an
// untrusted workspace, where VS Code does not run it).
import * as vscode from 'vscode';

export interface GitInputBox {
  value: string;
}

export interface GitRepository {
  readonly rootUri: vscode.Uri;
  readonly inputBox: GitInputBox;
  readonly state: { readonly HEAD: { readonly name?: string } | undefined };
}

export interface GitApi {
  readonly repositories: GitRepository[];
  /** Opens (and starts tracking) the repository at a root folder; API 1 since VS Code 1.5x. */
  openRepository?(root: vscode.Uri): Promise<GitRepository | null>;
}

interface GitExtension {
  readonly enabled: boolean;
  getAPI(version: 1): GitApi;
}

/** The Git API, activating the extension if needed; undefined when not available. */
export async function gitApi(log?: vscode.LogOutputChannel): Promise<GitApi | undefined> {
  const ext = vscode.extensions.getExtension<GitExtension>('vscode.git');
  if (!ext) return undefined;
  try {
    // Activation can stall (e.g. no git executable); don't let a command hang on it.
    const exports = ext.isActive
      ? ext.exports
      : await Promise.race([ext.activate(), new Promise<undefined>((r) => setTimeout(() => r(undefined), 5000))]);
    if (!exports || !exports.enabled) return undefined;
    return exports.getAPI(1);
  } catch (e) {
    log?.warn(`vscode.git is not available: ${e instanceof Error ? e.message : String(e)}`);
    return undefined;
  }
}

/** The repository containing a folder (the deepest root), else the only repository. */
export function repositoryFor(api: GitApi, folder: vscode.Uri | undefined): GitRepository | undefined {
  const repos = api.repositories;
  if (folder) {
    const f = folder.toString().replace(/\/$/, '') + '/';
    const matching = repos
      .filter((r) => f.startsWith(r.rootUri.toString().replace(/\/$/, '') + '/'))
      .sort((a, b) => b.rootUri.toString().length - a.rootUri.toString().length);
    if (matching[0]) return matching[0];
  }
  return repos.length === 1 ? repos[0] : undefined;
}

/** Like repositoryFor, but asks Git to open the folder's repository when it is not known yet (e.g. just `git init`ed). */
export async function findRepository(api: GitApi, folder: vscode.Uri): Promise<GitRepository | undefined> {
  const known = repositoryFor(api, folder);
  if (known || !api.openRepository) return known;
  try {
    return (await api.openRepository(folder)) ?? undefined;
  } catch {
    return undefined;
  }
}

/** The checked-out branch of a folder from `.git/HEAD` (no program is run). */
export async function branchFromHeadFile(folder: vscode.Uri): Promise<string | undefined> {
  try {
    let gitDir = vscode.Uri.joinPath(folder, '.git');
    const stat = await vscode.workspace.fs.stat(gitDir);
    if (stat.type === vscode.FileType.File) {
      // A worktree or submodule: `.git` is a file with `gitdir: <path>`.
      const text = new TextDecoder().decode(await vscode.workspace.fs.readFile(gitDir));
      const m = /^gitdir:\s*(.+)\s*$/m.exec(text);
      if (!m) return undefined;
      const p = m[1]!.trim();
      gitDir = p.startsWith('/') || /^[a-zA-Z]:/.test(p) ? vscode.Uri.file(p) : vscode.Uri.joinPath(folder, p);
    }
    const head = new TextDecoder().decode(await vscode.workspace.fs.readFile(vscode.Uri.joinPath(gitDir, 'HEAD')));
    const m = /^ref:\s*refs\/heads\/(.+?)\s*$/m.exec(head);
    return m ? m[1] : undefined;
  } catch {
    return undefined;
  }
}
