import { ruleTester } from '../../testing/rule-tester';
import { noPrivilegedContainers } from './no-privileged-containers';

const pod = (sc: string) => `apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n  - name: app\n    image: app:1.0\n    securityContext:\n${sc}`;

ruleTester(noPrivilegedContainers, {
  valid: [
    { name: 'explicitly false', code: pod('      privileged: false\n      allowPrivilegeEscalation: false\n') },
    { name: 'suppressed by annotation', code: pod('      privileged: true\n').replace('  name: p\n', '  name: p\n  annotations:\n    infra-guide.io/ignore: "kubernetes/no-privileged-containers"\n') },
  ],
  invalid: [
    {
      name: 'both settings',
      code: pod('      privileged: true\n      allowPrivilegeEscalation: true # needed?\n'),
      errors: [
        { message: 'Container `app` is privileged', line: 10, column: 19, fixes: [{ title: 'Set privileged: false', safe: false, output: pod('      privileged: false\n      allowPrivilegeEscalation: true # needed?\n') }] },
        { message: 'allows privilege escalation', line: 11, fixes: [{ safe: false, output: pod('      privileged: true\n      allowPrivilegeEscalation: false # needed?\n') }] },
      ],
      output: pod('      privileged: true\n      allowPrivilegeEscalation: true # needed?\n'),
    },
  ],
});
