// Kustomize: the files a kustomization uses as patches. Pure: a kustomization's text in, paths
// relative to its folder out; workspace/kustomize.ts finds and reads the files on disk.
//
// Forms read (kustomize v5 and the deprecated ones still common in repositories):
//   - `patches: [{path: …, target: …}]` — strategic-merge or JSON 6902, with or without a target;
//   - `patchesStrategicMerge: [path, …]` — entries can be inline YAML patches instead of paths
//     (kustomize tries the file first): those are not files and are skipped;
//   - `patchesJson6902: [{path: …, target: …}]` — op lists, not objects: they classify as plain
//     YAML and never get Kubernetes object findings; they are listed all the same.
// Inline patches (`patch: |`), remote URLs and absolute paths are skipped. A Component
// (`kind: Component`, listed under `components:`) is a kustomization of its own folder whose
// patches are relative to that folder: it is found like any kustomization, by looking upwards
// from the patch file, so `components:` entries need not be followed.
import { isAlias, isMap, isScalar, isSeq, parseDocument, type Document } from 'yaml';
import { resolveAlias } from '../yaml/model';
import { firstDuplicateKey } from '../yaml/duplicate-keys';

/** File names kustomize reads as the kustomization of a folder. */
export const KUSTOMIZATION_FILE_NAMES: readonly string[] = ['kustomization.yaml', 'kustomization.yml', 'Kustomization'];

/** Whether a path names a kustomization file (any folder separator). */
export function isKustomizationFileName(path: string): boolean {
  const base = path.slice(Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\')) + 1);
  return KUSTOMIZATION_FILE_NAMES.includes(base);
}

/**
 * A relative path written in a kustomization, normalised (`/` separators, no `.` segments,
 * `a/../` folded; leading `../` kept). Undefined for remote references, absolute paths and
 * paths that name the folder itself.
 */
export function normaliseKustomizePath(written: string): string | undefined {
  const p = written.trim().replace(/\\/g, '/');
  if (p === '' || p.startsWith('/') || /^[A-Za-z]:\//.test(p)) return undefined;
  // `https://…`, `ssh://…`, `git@host:…`, `github.com/org/repo//path?ref=…`.
  if (/^[A-Za-z][A-Za-z0-9+.-]*:/.test(p) || /^[^/]+@[^/]+:/.test(p) || /^(github\.com|gitlab\.com|bitbucket\.org)\//i.test(p)) return undefined;
  const out: string[] = [];
  for (const seg of p.split('/')) {
    if (seg === '' || seg === '.') continue;
    if (seg === '..' && out.length > 0 && out[out.length - 1] !== '..') out.pop();
    else out.push(seg);
  }
  if (out.length === 0 || out[out.length - 1] === '..') return undefined;
  return out.join('/');
}

/** An entry of `patchesStrategicMerge` that is a patch itself rather than a file path. */
function isInlinePatch(s: string): boolean {
  const t = s.trim();
  return t.includes('\n') || t.startsWith('{') || t.startsWith('[') || /:\s/.test(t);
}

/**
 * The node itself, or the node an alias (`path: *common`, `patches: *shared`) names: found in one
 * walk of the document for all its aliases (`Alias.resolve` walks it for each: quadratic).
 */
function deref(node: unknown, doc: Document): unknown {
  return isAlias(node) ? resolveAlias(doc, node) : node;
}

/** A string scalar's value; an alias counts as the node it names. */
function stringValue(node: unknown, doc: Document): string | undefined {
  const target = deref(node, doc);
  return isScalar(target) && typeof target.value === 'string' ? target.value : undefined;
}

/**
 * The paths (relative to the kustomization's folder, normalised, without duplicates, in the
 * order written) of the files a kustomization's text lists as patches. A file that is not a
 * readable kustomization (syntax errors, not a mapping) lists none. Never throws.
 */
export function kustomizationPatchPaths(text: string): string[] {
  const out = new Set<string>();
  try {
    // `uniqueKeys: false`, and repeated keys found in linear time: the library's check is quadratic.
    const doc = parseDocument(text, { uniqueKeys: false });
    if (doc.errors.length > 0 || firstDuplicateKey(doc) !== undefined) return [];
    const root = doc.contents;
    if (!isMap(root)) return [];
    const add = (written: string | undefined): void => {
      const p = written === undefined ? undefined : normaliseKustomizePath(written);
      if (p !== undefined) out.add(p);
    };
    for (const pair of root.items) {
      const key = stringValue(pair.key, doc);
      // The list, and each of its entries, may be an alias of an anchored node.
      const list = deref(pair.value, doc);
      if (!isSeq(list)) continue;
      if (key === 'patches' || key === 'patchesJson6902') {
        for (const entry of list.items) {
          const item = deref(entry, doc);
          if (isMap(item)) add(stringValue(item.get('path', true), doc));
        }
      } else if (key === 'patchesStrategicMerge') {
        for (const item of list.items) {
          const s = stringValue(item, doc);
          if (s !== undefined && !isInlinePatch(s)) add(s);
        }
      }
    }
  } catch {
    return [];
  }
  return [...out];
}
