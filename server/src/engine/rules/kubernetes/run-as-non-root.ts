// kubernetes/run-as-non-root — decisions:
//   - containers, init containers and native sidecars (init containers with `restartPolicy:
//     Always`) are judged alike: each runs a process on the node; ephemeral (debug)
//     containers are not.
import type { Node, YAMLMap } from 'yaml';
import { isScalar } from 'yaml';
import { isTemplateExpression, lookup, lookupMap } from '../../kubernetes/nodes';
import { containerLabel, isPatchFile, type PodTemplate } from '../../kubernetes/workloads';
import { containersFor, mergeFix } from '../../kubernetes/support';
import type { Rule } from '../../types';
import type { YamlDocumentView } from '../../yaml/model';

const ID = 'kubernetes/run-as-non-root';
const pod = (sc: string) => `apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n${sc}  containers:\n    - name: web\n      image: nginx:1.27\n`;

interface Setting {
  node: Node;
  value: unknown;
  level: 'pod' | 'container';
}

function setting(view: YamlDocumentView, sc: YAMLMap | undefined, key: string, level: Setting['level']): Setting | undefined {
  const node = lookup(view.doc, sc, key);
  if (!isScalar(node) || node.value === null) return undefined;
  return { node, value: node.value, level };
}

/** What the fix adds: one frozen value, rendered once per column (see `mergeIntoMap`), not per finding. */
const NON_ROOT = Object.freeze({ securityContext: Object.freeze({ runAsNonRoot: 'true' }) });

export const runAsNonRoot: Rule<YamlDocumentView> = {
  meta: {
    id: ID,
    title: 'Run containers as a non-root user',
    domain: 'kubernetes',
    severity: 'warning',
    guideSection: 'Container Standards — Container Security ("Run as non-root user")',
    rationale:
      'A process running as root inside a container is one kernel bug away from root on the node. Set `securityContext.runAsNonRoot: true` (or a non-zero `runAsUser`) on the pod or the container, so the kubelet refuses to start an image that would run as root. `runAsUser: 0` and `runAsNonRoot: false` are reported where they are written. Windows pods (`os.name: windows`, a `kubernetes.io/os: windows` node selector, or `windowsOptions` in a securityContext) are skipped. The quick fix adds `securityContext: {runAsNonRoot: true}` to the container; it is not applied by fix-all or `--fix`: the kubelet then refuses to start an image whose `USER` is root, unset or a name rather than a numeric UID (it cannot verify a name), so check the image first.',
    bad: { fileName: 'pod.yaml', code: pod('') },
    good: { fileName: 'pod.yaml', code: pod('  securityContext:\n    runAsNonRoot: true\n    runAsUser: 10001\n') },
    fixable: true,
    fixSafety: 'unsafe',
  },
  kinds: ['kubernetes'],
  check(view, ctx) {
    const doc = view.doc;
    // A pod setting applies to several containers, and a container mapping can be used twice
    // (alias, shared template): each node is reported once.
    const reported = new Set<Node>();
    const once = (node: Node): boolean => {
      if (reported.has(node)) return false;
      reported.add(node);
      return true;
    };
    const reportExplicit = (s: Setting, what: string) => {
      if (once(s.node)) ctx.report({ range: view.range(s.node), message: what });
    };
    const podSettings = new Map<PodTemplate, { user?: Setting; nonRoot?: Setting }>();
    for (const c of containersFor(view, ID, { everyUse: true })) {
      if (c.pod.windows) continue;
      let ps = podSettings.get(c.pod);
      if (!ps) {
        ps = { user: setting(view, c.pod.securityContext, 'runAsUser', 'pod'), nonRoot: setting(view, c.pod.securityContext, 'runAsNonRoot', 'pod') };
        podSettings.set(c.pod, ps);
      }
      const sc = lookupMap(doc, c.map, 'securityContext');
      const user = setting(view, sc, 'runAsUser', 'container') ?? ps.user;
      const nonRoot = setting(view, sc, 'runAsNonRoot', 'container') ?? ps.nonRoot;
      const where = user?.level === 'pod' ? 'The pod' : containerLabel(c);
      if (user && (user.value === 0 || user.value === '0')) {
        reportExplicit(user, `${where} runs as root (\`runAsUser: 0\`); use a non-zero UID.`);
        continue;
      }
      const uid = user ? Number(user.value) : NaN;
      if (nonRoot?.value === true || nonRoot?.value === 'true' || (Number.isInteger(uid) && uid > 0)) continue;
      if (nonRoot && (nonRoot.value === false || nonRoot.value === 'false')) {
        reportExplicit(nonRoot, `${nonRoot.level === 'pod' ? 'The pod' : containerLabel(c)} sets \`runAsNonRoot: false\`; run as a non-root user.`);
        continue;
      }
      if (c.partial || user || isPatchFile(ctx)) continue; // patch fragment, or a templated/odd runAsUser
      // `securityContext: {{ toYaml .Values.securityContext }}`: set when the template is rendered.
      if (isTemplateExpression(lookup(doc, c.map, 'securityContext')) || isTemplateExpression(lookup(doc, c.pod.spec, 'securityContext'))) continue;
      if (!once(c.anchor)) continue;
      ctx.report({
        range: view.range(c.anchor),
        message: `${containerLabel(c)} may run as root: neither the pod nor the container sets \`securityContext.runAsNonRoot: true\` or a non-zero \`runAsUser\`.`,
        // Not safe: the kubelet refuses to start the container unless the image's USER is a
        // non-zero numeric UID (root, unset or `USER app` all fail), which the manifest cannot tell.
        fixes: mergeFix(view, c.map, 'Add securityContext.runAsNonRoot: true', NON_ROOT, false),
      });
    }
  },
};
