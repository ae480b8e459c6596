import { ruleTester } from '../../testing/rule-tester';
import { runAsNonRoot } from './run-as-non-root';

const pod = (podSc: string, container: string) => `apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n${podSc}  containers:\n  - name: app\n    image: app:1.0\n${container}`;

ruleTester(runAsNonRoot, {
  valid: [
    { name: 'pod-level runAsNonRoot', code: pod('  securityContext:\n    runAsNonRoot: true\n', '') },
    { name: 'container-level non-zero runAsUser', code: pod('', '    securityContext:\n      runAsUser: 1000\n') },
    { name: 'pod runAsUser inherited', code: pod('  securityContext: {runAsUser: 65534}\n', '') },
    { name: 'windows pod', code: pod('  os: {name: windows}\n', '') },
    { name: 'windows pod: pod-level windowsOptions', code: pod('  securityContext:\n    windowsOptions:\n      runAsUserName: ContainerUser\n', '') },
    { name: 'windows pod: container-level windowsOptions (a pod runs on one OS)', code: pod('', '    securityContext:\n      windowsOptions: {runAsUserName: ContainerUser}\n  - name: b\n    image: b:1\n') },
    { name: 'windows pod: deprecated beta node selector label', code: pod('  nodeSelector:\n    beta.kubernetes.io/os: windows\n', '') },
    { name: 'Helm securityContext that still parses as YAML (container or pod level): filled in at render time', code: pod('', '    securityContext: {{ toYaml .Values.securityContext }}\n') + pod('  securityContext:\n    {{ toYaml .Values.podSecurityContext | nindent 4 }}\n', '').replace('apiVersion', '---\napiVersion') },
    { name: 'patch fragment', code: 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: d\nspec:\n  template:\n    spec:\n      containers:\n      - name: app\n        env: []\n' },
  ],
  invalid: [
    {
      name: 'nothing set: fix merges into the existing container securityContext; not safe (the image may run as root or as a named USER)',
      code: pod('', '    securityContext:\n      readOnlyRootFilesystem: true\n    ports:\n    - containerPort: 80\n'),
      errors: [
        {
          message: 'Container `app` may run as root',
          line: 7,
          fixes: [{ title: 'runAsNonRoot', safe: false, output: pod('', '    securityContext:\n      readOnlyRootFilesystem: true\n      runAsNonRoot: true\n    ports:\n    - containerPort: 80\n') }],
        },
      ],
    },
    {
      name: 'nothing set: block inserted',
      code: pod('', ''),
      errors: [{ fixes: [{ output: pod('', '    securityContext:\n      runAsNonRoot: true\n') }] }],
    },
    {
      name: 'pod-level runAsUser 0 reported once for several containers',
      code: pod('  securityContext:\n    runAsUser: 0\n', '  - name: b\n    image: b:1\n'),
      errors: [{ message: 'The pod runs as root (`runAsUser: 0`)', line: 7, fixes: [] }],
    },
    {
      name: 'container overrides a good pod setting with runAsNonRoot: false',
      code: pod('  securityContext: {runAsNonRoot: true}\n', '    securityContext: {runAsNonRoot: false}\n'),
      errors: [{ message: 'Container `app` sets `runAsNonRoot: false`', line: 10, fixes: [] }],
    },
    {
      name: 'init containers are checked',
      code: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  initContainers:\n  - name: chown\n    image: busybox:1.36\n  containers:\n  - name: app\n    image: app:1.0\n    securityContext: {runAsUser: 1000}\n',
      errors: [{ message: 'Init container `chown`', fixes: [{ output: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  initContainers:\n  - name: chown\n    image: busybox:1.36\n    securityContext:\n      runAsNonRoot: true\n  containers:\n  - name: app\n    image: app:1.0\n    securityContext: {runAsUser: 1000}\n' }] }],
    },
    { name: 'one container listed twice through an alias: reported once', code: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  initContainers:\n  - &c\n    name: web\n    image: nginx\n  containers:\n  - *c\n', errors: [{ message: 'Init container `web` may run as root', line: 8, fixes: [] }] },
    {
      name: 'pod template shared by two workloads: explicit root reported once',
      code: 'apiVersion: v1\nkind: List\nitems:\n- apiVersion: apps/v1\n  kind: Deployment\n  metadata: {name: a}\n  spec:\n    template: &tpl\n      spec:\n        containers:\n        - name: web\n          image: nginx\n- apiVersion: apps/v1\n  kind: Deployment\n  metadata: {name: b}\n  spec:\n    template: *tpl\n'.replace('image: nginx\n', 'image: nginx\n          securityContext: {runAsUser: 0}\n'),
      errors: [{ message: 'Container `web` runs as root', line: 13 }],
    },
    {
      name: 'container shared by two pods with different pod settings: judged in each',
      code: 'apiVersion: v1\nkind: List\nitems:\n- apiVersion: v1\n  kind: Pod\n  metadata: {name: a}\n  spec:\n    securityContext: {runAsNonRoot: true}\n    containers:\n    - &c\n      name: web\n      image: nginx:1.27\n- apiVersion: v1\n  kind: Pod\n  metadata: {name: b}\n  spec:\n    containers:\n    - *c\n',
      errors: [{ message: 'Container `web` may run as root', line: 11 }],
    },
  ],
});
