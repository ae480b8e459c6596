import { isScalar, isSeq } from 'yaml';
import { deref, isTrue, str } from '../../kubernetes/nodes';
import { PRIVILEGED_CAPABILITY } from '../../kubernetes/support';
import { field, oncePerNode, servicesFor } from '../../compose/model';
import type { Rule } from '../../types';
import type { YamlDocumentView } from '../../yaml/model';

const ID = 'compose/no-privileged-or-root';

export const composeNoPrivilegedOrRoot: Rule<YamlDocumentView> = {
  meta: {
    id: ID,
    title: 'Do not run services privileged or as root',
    domain: 'compose',
    severity: 'warning',
    guideSection: 'Container Standards — Container Security ("Run as non-root user")',
    rationale:
      '`privileged: true` hands the container the host\'s devices and every capability; `cap_add: [ALL]` grants every capability and `SYS_ADMIN` nearly all that root can do (mount, namespaces, devices); `user: root` / `user: "0"` overrides the non-root `USER` of a well-built image. Services that really need it should say so with a pragma and a reason.',
    bad: { fileName: 'compose.yaml', code: 'services:\n  agent:\n    image: agent:1.4\n    privileged: true\n    user: root\n' },
    good: { fileName: 'compose.yaml', code: 'services:\n  agent:\n    image: agent:1.4\n    user: "10001:10001"\n' },
    fixable: false,
  },
  kinds: ['compose'],
  check(view, ctx) {
    const once = oncePerNode(view);
    for (const s of servicesFor(view, ID)) {
      const priv = field(view, s, 'privileged');
      if (isScalar(priv) && isTrue(priv) && once(priv)) {
        ctx.report({ range: view.range(priv), message: `Service \`${s.name}\` runs privileged (\`privileged: true\`).` });
      }
      const userNode = field(view, s, 'user');
      const user = str(userNode);
      if (user !== undefined && /^(root|0)(:.*)?$/.test(user.trim()) && once(userNode)) {
        ctx.report({ range: view.range(userNode), message: `Service \`${s.name}\` runs as root (\`user: ${user}\`); use a non-root user.` });
      }
      const capAdd = field(view, s, 'cap_add');
      if (!isSeq(capAdd) || !once(capAdd)) continue;
      for (const item of capAdd.items) {
        const node = deref(view.doc, item);
        if (!isScalar(node) || typeof node.value !== 'string') continue;
        const cap = PRIVILEGED_CAPABILITY.exec(node.value.trim());
        if (!cap) continue;
        const all = cap[1]!.toUpperCase() === 'ALL';
        ctx.report({
          range: view.range(node),
          message: `Service \`${s.name}\` adds capability \`${node.value}\`${all ? ' (every capability)' : ''}: nearly as much as \`privileged: true\`; add only the capabilities it needs.`,
        });
      }
    }
  },
};
