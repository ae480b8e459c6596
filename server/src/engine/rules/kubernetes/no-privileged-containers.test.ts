import { ruleTester } from '../../testing/rule-tester';
import { noPrivilegedContainers } from './no-privileged-containers';

const pod = (sc: string) => `apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n  - name: app\n    image: app:1.0\n    securityContext:\n${sc}`;

ruleTester(noPrivilegedContainers, {
  valid: [
    { name: 'explicitly false', code: pod('      privileged: false\n      allowPrivilegeEscalation: false\n') },
    { name: 'other capabilities added, SYS_ADMIN dropped', code: pod('      capabilities:\n        add: [NET_BIND_SERVICE, CAP_CHOWN]\n        drop: [ALL, SYS_ADMIN]\n') },
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
    {
      name: 'SYS_ADMIN or ALL added (any spelling the runtimes accept), no fix',
      code: pod('      capabilities:\n        add:\n        - NET_ADMIN\n        - SYS_ADMIN\n        - "cap_sys_admin"\n        - ALL\n'),
      errors: [
        { message: 'Container `app` adds capability `SYS_ADMIN`: it can gain privileges, Kubernetes always allows it privilege escalation.', line: 13, column: 11, endColumn: 20, fixes: [] },
        { message: 'adds capability `cap_sys_admin`:', line: 14 },
        { message: 'adds capability `ALL` (all capabilities, SYS_ADMIN among them)', line: 15 },
      ],
    },
    {
      name: 'capabilities of init and ephemeral containers; a list shared through an alias reported once',
      code: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  initContainers:\n  - name: i\n    image: i:1\n    securityContext: {capabilities: {add: &caps [SYS_ADMIN]}}\n  containers:\n  - name: c\n    image: c:1\n    securityContext: {capabilities: {add: *caps}}\n  ephemeralContainers:\n  - name: debug\n    image: busybox:1.36\n    securityContext:\n      capabilities: {add: [ALL]}\n',
      errors: [{ message: 'Init container `i` adds capability `SYS_ADMIN`', line: 9 }, { message: 'Ephemeral container `debug` adds capability `ALL`', line: 18 }],
    },
  ],
});
