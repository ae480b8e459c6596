// kubernetes/no-privileged-containers — decisions:
//   - explicit `privileged`/`allowPrivilegeEscalation: true` is reported on every container
//     kind: containers, init containers, native sidecars and ephemeral containers;
//   - so is `capabilities.add` with `SYS_ADMIN` or `ALL` (with or without `CAP_`, any case, as
//     runtimes accept them): Kubernetes then always allows privilege escalation, and the API
//     refuses `allowPrivilegeEscalation: false` beside it (kube-linter's
//     privilege-escalation-container does the same). No fix: dropping a capability the
//     process uses breaks it.
import { isScalar } from 'yaml';
import { deref, lookup, lookupMap, lookupSeq, isTrue } from '../../kubernetes/nodes';
import { containerLabel } from '../../kubernetes/workloads';
import { containersFor, PRIVILEGED_CAPABILITY } from '../../kubernetes/support';
import type { Rule } from '../../types';
import type { YamlDocumentView } from '../../yaml/model';

const ID = 'kubernetes/no-privileged-containers';
const pod = (sc: string) =>
  `apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n    - name: web\n      image: nginx:1.27\n      securityContext:\n${sc}`;

export const noPrivilegedContainers: Rule<YamlDocumentView> = {
  meta: {
    id: ID,
    title: 'Do not run privileged containers or allow privilege escalation',
    domain: 'kubernetes',
    severity: 'warning',
    guideSection: 'Container Standards — Container Security ("Run as non-root user")',
    rationale:
      '`privileged: true` gives the container every capability and the host\'s devices; `allowPrivilegeEscalation: true` lets a process gain more privileges than its parent (setuid binaries), and adding the `SYS_ADMIN` (or `ALL`) capability allows that whatever `allowPrivilegeEscalation` says. Node agents that really need them should say so with `infra-guide.io/ignore: "kubernetes/no-privileged-containers"` on the object. The quick fix (not applied by fix-all, since it changes behaviour) sets `privileged`/`allowPrivilegeEscalation` to `false`; an added capability has no fix.',
    bad: { fileName: 'pod.yaml', code: pod('        privileged: true\n') },
    good: { fileName: 'pod.yaml', code: pod('        allowPrivilegeEscalation: false\n') },
    fixable: true,
    fixSafety: 'unsafe',
  },
  kinds: ['kubernetes'],
  check(view, ctx) {
    const doc = view.doc;
    const reported = new Set<unknown>();
    for (const c of containersFor(view, ID, { ephemeral: true })) {
      const sc = lookupMap(doc, c.map, 'securityContext');
      if (!sc) continue;
      for (const key of ['privileged', 'allowPrivilegeEscalation'] as const) {
        const node = lookup(doc, sc, key);
        if (!isScalar(node) || !isTrue(node)) continue;
        ctx.report({
          range: view.range(node),
          message:
            key === 'privileged'
              ? `${containerLabel(c)} is privileged (\`privileged: true\`): it gets all capabilities and host devices.`
              : `${containerLabel(c)} allows privilege escalation (\`allowPrivilegeEscalation: true\`).`,
          fixes: [{ title: `Set ${key}: false`, safe: false, edits: [{ range: view.range(node), newText: 'false' }] }],
        });
      }
      // A capability list shared through an alias is reported once, at its place.
      const add = lookupSeq(doc, lookupMap(doc, sc, 'capabilities'), 'add');
      if (!add || reported.has(add)) continue;
      reported.add(add);
      for (const item of add.items) {
        const node = deref(doc, item);
        if (!isScalar(node) || typeof node.value !== 'string') continue;
        const name = node.value;
        const cap = PRIVILEGED_CAPABILITY.exec(name.trim());
        if (!cap) continue;
        ctx.report({
          range: view.range(node),
          message: `${containerLabel(c)} adds capability \`${name}\`${cap[1]!.toUpperCase() === 'ALL' ? ' (all capabilities, SYS_ADMIN among them)' : ''}: it can gain privileges, Kubernetes always allows it privilege escalation.`,
        });
      }
    }
  },
};

