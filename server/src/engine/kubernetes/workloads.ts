// Kubernetes workload model over one YAML document: the objects it holds (including the items
// of `kind: List` and the objects of an OpenShift `Template`), the pod templates of workload
// kinds, and their containers. Built once per parsed document and shared by every Kubernetes
// rule (kept on the view).
//
// Kustomize patches get no "missing field" findings (resources, probes, non-root): the base
// manifest they are merged into holds those fields. What a patch does set is still judged (a
// literal secret or `privileged: true` in a patch is still committed). A patch is recognised:
//   - by the kustomization that lists it: the engine is pure and reads no files, so the CLI
//     and the language server look for `kustomization.yaml`/`.yml`/`Kustomization` in the
//     file's folder and its ancestors (workspace/kustomize.ts, parser in kustomization.ts)
//     and pass `LintInput.kustomizePatch`; every document of such a file is a patch as a
//     whole, whatever it is named and whether or not it sets `image`;
//   - without that context (a file no kustomization lists, standard input), from the content,
//     per container/document:
//       - a container without `image` is a strategic-merge patch fragment (the API requires
//         `image` in every real container; a patch identifies containers by `name` only);
//       - a document using strategic-merge directives (`$patch`, `$setElementOrder/…`,
//         `$retainKeys`, `$deleteFromPrimitiveList/…`) is a patch as a whole;
//   - or from its name: `patch.yaml`, `*-patch.yaml`, `*.patch.yaml`, `patches/…` (see
//     `isPatchFileName`).
// `isPatchFile` (file level) and `Container.partial` (content) are what rules ask.
import type { Document, Node, YAMLMap } from 'yaml';
import { isMapNode, isScalarNode, isSeqNode } from '../yaml/node-class';
import { perView, type YamlDocumentView } from '../yaml/model';
import { isTemplated, lookup, lookupMap, lookupPath, lookupSeq, mapItems, str, strAt } from './nodes';

export const IGNORE_ANNOTATION = 'infra-guide.io/ignore';

export interface K8sObject {
  apiVersion: string;
  kind: string;
  map: YAMLMap;
  metadata?: YAMLMap;
  name?: string;
  /** Rule ids from the `infra-guide.io/ignore` annotation. */
  ignores: Set<string>;
}

export type ContainerGroup = 'containers' | 'initContainers' | 'ephemeralContainers';

export interface Container {
  map: YAMLMap;
  group: ContainerGroup;
  name?: string;
  /** The node findings about the container point at (its `name` value, else the mapping). */
  anchor: Node;
  /** No `image`: a strategic-merge patch fragment; no "missing field" findings. */
  partial: boolean;
  /**
   * A native sidecar (Kubernetes ≥ 1.29): an init container with `restartPolicy: Always`. It
   * runs for the pod's lifetime beside `containers`, and may have probes like them.
   */
  sidecar: boolean;
  pod: PodTemplate;
}

export interface PodTemplate {
  object: K8sObject;
  /** The pod spec mapping (`spec` of a Pod, `spec.template.spec` of a Deployment …). */
  spec: YAMLMap;
  /** Long-running (needs probes): not Jobs, CronJobs, or Pods with restartPolicy Never/OnFailure. */
  longRunning: boolean;
  /** Pod-level securityContext, if any. */
  securityContext?: YAMLMap;
  /**
   * Runs on Windows nodes: `os.name: windows`, a `kubernetes.io/os` (or `beta.` label) node
   * selector for windows, or `windowsOptions` in a pod or container securityContext.
   */
  windows: boolean;
  /** Object annotation ∪ pod template annotation. */
  ignores: Set<string>;
  /** The whole document is a strategic-merge patch. */
  patch: boolean;
  containers: Container[];
}

export interface K8sModel {
  objects: K8sObject[];
  pods: PodTemplate[];
  /** All containers of all pod templates, in document order. */
  containers: Container[];
}

/** Kind → [apiVersion group pattern, path to the pod template (`template` holds metadata+spec), long-running]. */
const WORKLOADS: Record<string, { group: RegExp; template: readonly string[] | null; longRunning: boolean }> = {
  Pod: { group: /^v1$/, template: null, longRunning: true },
  PodTemplate: { group: /^v1$/, template: ['template'], longRunning: true },
  ReplicationController: { group: /^v1$/, template: ['spec', 'template'], longRunning: true },
  Deployment: { group: /^(apps|extensions)\//, template: ['spec', 'template'], longRunning: true },
  StatefulSet: { group: /^apps\//, template: ['spec', 'template'], longRunning: true },
  DaemonSet: { group: /^(apps|extensions)\//, template: ['spec', 'template'], longRunning: true },
  ReplicaSet: { group: /^(apps|extensions)\//, template: ['spec', 'template'], longRunning: true },
  Job: { group: /^batch\//, template: ['spec', 'template'], longRunning: false },
  CronJob: { group: /^batch\//, template: ['spec', 'jobTemplate', 'spec', 'template'], longRunning: false },
  Rollout: { group: /^argoproj\.io\//, template: ['spec', 'template'], longRunning: true },
  // OpenShift; `v1` is the API version of OpenShift 3 manifests.
  DeploymentConfig: { group: /^(apps\.openshift\.io\/v1|v1)$/, template: ['spec', 'template'], longRunning: true },
};

const OPENSHIFT_TEMPLATE = /^(template\.openshift\.io\/v1|v1)$/;

/**
 * The document's model, built once and kept on the view (`perView`): in a module-level WeakMap
 * keyed by the view, each model (and the document its nodes hold) outlived scavenges and was
 * promoted to the old generation (1–3% of the instructions of linting 200 KB of pods).
 */
export const kubernetesModel: (view: YamlDocumentView) => K8sModel = perView(buildModel);

/** Parses `"a, b"` of the ignore annotation. */
export function parseIgnoreList(value: string | undefined): Set<string> {
  const out = new Set<string>();
  if (!value) return out;
  for (const part of value.split(/[,\s]+/)) if (part) out.add(part);
  return out;
}

/** Whether an ignore set silences a rule: exact id, `<domain>/*`, or `*`. */
export function isIgnored(ignores: ReadonlySet<string>, ruleId: string): boolean {
  if (ignores.size === 0) return false;
  if (ignores.has(ruleId) || ignores.has('*') || ignores.has('all')) return true;
  const slash = ruleId.indexOf('/');
  return slash > 0 && ignores.has(ruleId.slice(0, slash) + '/*');
}

function ignoresOf(doc: Document, metadata: unknown): Set<string> {
  const annotations = lookupMap(doc, metadata, 'annotations');
  return parseIgnoreList(strAt(doc, annotations, IGNORE_ANNOTATION));
}

function toObject(doc: Document, map: YAMLMap): K8sObject | undefined {
  const apiVersion = strAt(doc, map, 'apiVersion');
  const kind = strAt(doc, map, 'kind');
  if (!apiVersion || !kind) return undefined;
  const metadata = lookupMap(doc, map, 'metadata');
  return { apiVersion, kind, map, metadata, name: strAt(doc, metadata, 'name'), ignores: ignoresOf(doc, metadata) };
}

const PATCH_DIRECTIVE = /^\$(patch|retainKeys|setElementOrder\/|deleteFromPrimitiveList\/)/;

/** Strategic-merge directives anywhere in the document text (cheap pre-check, then keys). */
function hasPatchDirectives(view: YamlDocumentView): boolean {
  if (!view.text.includes('$')) return false;
  let found = false;
  const visit = (node: unknown, depth: number): void => {
    if (found || depth > 64) return;
    if (isMapNode(node)) {
      for (const p of node.items) {
        if (isScalarNode(p.key) && typeof p.key.value === 'string' && PATCH_DIRECTIVE.test(p.key.value)) {
          found = true;
          return;
        }
        visit(p.value, depth + 1);
      }
    } else if (isSeqNode(node)) {
      for (const item of node.items) visit(item, depth + 1);
    }
  };
  visit(view.doc.contents, 0);
  return found;
}

/**
 * `securityContext.windowsOptions` (pod or container level) is honoured on Windows only, and the
 * API refuses it in a pod with `os.name: linux`: all containers of a pod share the node's OS.
 */
function hasWindowsOptions(doc: Document, securityContext: YAMLMap | undefined): boolean {
  return lookupMap(doc, securityContext, 'windowsOptions') !== undefined;
}

function buildModel(view: YamlDocumentView): K8sModel {
  const doc = view.doc;
  const model: K8sModel = { objects: [], pods: [], containers: [] };
  const root = doc.contents;
  if (!isMapNode(root)) return model;
  const top = toObject(doc, root);
  if (!top) return model;
  const candidates: K8sObject[] = [top];
  // `kind: List` (and `DeploymentList` …) carry objects in `items`, an OpenShift `Template` in
  // `objects` (its `${PARAMETER}` values are templated text: not judged).
  const members = top.kind === 'List' || top.kind.endsWith('List') ? 'items' : top.kind === 'Template' && OPENSHIFT_TEMPLATE.test(top.apiVersion) ? 'objects' : undefined;
  if (members) {
    for (const item of mapItems(doc, lookupSeq(doc, root, members))) {
      const o = toObject(doc, item);
      if (o) candidates.push(o);
    }
  }
  let patch: boolean | undefined;
  for (const obj of candidates) {
    model.objects.push(obj);
    const w = WORKLOADS[obj.kind];
    if (!w || !w.group.test(obj.apiVersion)) continue;
    let spec: YAMLMap | undefined;
    let templateMeta: unknown;
    if (w.template === null) {
      spec = lookupMap(doc, obj.map, 'spec');
    } else {
      const template = lookupPath(doc, obj.map, w.template);
      spec = lookupMap(doc, template, 'spec');
      templateMeta = lookup(doc, template, 'metadata');
    }
    if (!spec) continue;
    patch ??= hasPatchDirectives(view);
    const restartPolicy = strAt(doc, spec, 'restartPolicy');
    const longRunning = w.longRunning && restartPolicy !== 'Never' && restartPolicy !== 'OnFailure';
    const ignores = new Set([...obj.ignores, ...ignoresOf(doc, templateMeta)]);
    const nodeSelector = lookupMap(doc, spec, 'nodeSelector');
    const nodeSelectorOs = strAt(doc, nodeSelector, 'kubernetes.io/os') ?? strAt(doc, nodeSelector, 'beta.kubernetes.io/os');
    const securityContext = lookupMap(doc, spec, 'securityContext');
    const pod: PodTemplate = {
      object: obj,
      spec,
      longRunning,
      securityContext,
      windows: strAt(doc, lookupMap(doc, spec, 'os'), 'name') === 'windows' || nodeSelectorOs === 'windows' || hasWindowsOptions(doc, securityContext),
      ignores,
      patch,
      containers: [],
    };
    for (const group of ['initContainers', 'containers', 'ephemeralContainers'] as const) {
      for (const c of mapItems(doc, lookupSeq(doc, spec, group))) {
        const nameNode = lookup(doc, c, 'name');
        const image = lookup(doc, c, 'image');
        const container: Container = {
          map: c,
          group,
          name: str(nameNode),
          anchor: isScalarNode(nameNode) && nameNode.range ? nameNode : c,
          partial: patch || image === undefined,
          sidecar: group === 'initContainers' && strAt(doc, c, 'restartPolicy') === 'Always',
          pod,
        };
        pod.containers.push(container);
        if (!pod.windows && hasWindowsOptions(doc, lookupMap(doc, c, 'securityContext'))) pod.windows = true;
      }
    }
    // Keep document order: containers before initContainers would confuse users reading findings.
    pod.containers.sort((a, b) => (a.map.range?.[0] ?? 0) - (b.map.range?.[0] ?? 0));
    model.pods.push(pod);
    // One by one: a spread passes each container as an argument, past the stack for ~125k of them.
    for (const c of pod.containers) model.containers.push(c);
  }
  return model;
}

/** Kustomize-style patch file names: `patch.yaml`, `set-replicas-patch.yaml`, `x.patch.yml`, `patches/x.yaml`. */
export function isPatchFileName(fileName: string): boolean {
  // Rules about missing fields ask for every document of a file: the same name is answered from the
  // last answer (the regexes were ~3% of the Kubernetes rules' time).
  if (fileName === lastPatchName) return lastPatchAnswer;
  const p = fileName.replace(/\\/g, '/');
  const base = p.slice(p.lastIndexOf('/') + 1);
  lastPatchName = fileName;
  lastPatchAnswer = /(^|[-_.])patch(es)?([-_.][^/]*)?\.ya?ml$/i.test(base) || /(^|\/)patches\/[^/]+\.ya?ml$/i.test(p);
  return lastPatchAnswer;
}

let lastPatchName: string | undefined;
let lastPatchAnswer = false;

/**
 * The file is a patch as a whole: a kustomization lists it (`RuleContext.kustomizePatch`), or
 * it is named like one (`isPatchFileName`).
 */
export function isPatchFile(file: { readonly fileName: string; readonly kustomizePatch?: boolean }): boolean {
  return file.kustomizePatch === true || isPatchFileName(file.fileName);
}

/** A container's display name for messages. */
export function containerLabel(c: Container): string {
  const what = c.sidecar ? 'Sidecar container' : c.group === 'initContainers' ? 'Init container' : c.group === 'ephemeralContainers' ? 'Ephemeral container' : 'Container';
  return c.name ? `${what} \`${c.name}\`` : what;
}

/**
 * The value of a container's image if it is a plain (non-templated, non-empty) string. An empty
 * `image: ""` names no image: left for a controller or admission webhook to set (workload
 * templates allow that), or refused by the API (Pods).
 */
export function imageOf(doc: Document, c: Container): { value: string; node: Node } | undefined {
  const node = lookup(doc, c.map, 'image');
  const value = str(node);
  if (value === undefined || value === '' || !node || isTemplated(value) || /[<>\s]/.test(value)) return undefined;
  return { value, node };
}
