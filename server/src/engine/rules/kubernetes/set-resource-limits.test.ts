import { ruleTester } from '../../testing/rule-tester';
import { setResourceLimits } from './set-resource-limits';

const pod = (container: string) => `apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n  - name: app\n    image: app:1.0\n${container}`;

ruleTester(setResourceLimits, {
  valid: [
    { name: 'both limits', code: pod('    resources:\n      limits:\n        memory: 256Mi\n        cpu: 500m\n') },
    { name: 'CPU limit not required by option', code: pod('    resources:\n      limits:\n        memory: 256Mi\n'), options: { requireCpuLimit: false } },
    { name: 'Job containers need limits too, but patch fragments do not', code: 'apiVersion: batch/v1\nkind: Job\nmetadata:\n  name: j\nspec:\n  template:\n    spec:\n      containers:\n      - name: j\n        args: [--dry-run]\n' },
  ],
  invalid: [
    {
      name: 'Helm `{{ }}` that still parses as YAML (a mapping with a mapping key): rendering fills that field in, the others are judged',
      code: pod('    resources: {{ toYaml .Values.resources }}\n  - name: helm-create\n    image: app:1.0\n    resources:\n      {{ toYaml .Values.resources | nindent 12 }}\n  - name: limits\n    image: app:1.0\n    resources:\n      limits: {{ .Values.limits }}\n  - name: sidecar\n    image: envoy:1.30\n'),
      errors: [{ message: 'Container `sidecar` has no resource limits', line: 18 }],
    },
    {
      name: 'no limits: inserted after requests',
      code: pod('    resources:\n      requests:\n        memory: 128Mi # keep\n'),
      errors: [
        {
          message: 'Container `app` has no resource limits (`resources.limits.memory`/`.cpu`).',
          line: 7,
          fixes: [{ title: 'Add resource limits (memory: 256Mi, cpu: 500m)', safe: false, output: pod('    resources:\n      requests:\n        memory: 128Mi # keep\n      limits:\n        memory: "256Mi"\n        cpu: "500m"\n') }],
        },
      ],
    },
    {
      name: 'only CPU missing',
      code: pod('    resources:\n      limits: {memory: 1Gi}\n'),
      errors: [{ message: 'has no CPU limit', fixes: [{ output: pod('    resources:\n      limits: {memory: 1Gi, cpu: "500m"}\n') }] }],
    },
    {
      name: 'a request above the default limit is reused as the limit',
      code: pod('    resources:\n      requests: {memory: 1Gi, cpu: 250m}\n'),
      errors: [{ fixes: [{ title: 'memory: 1Gi, cpu: 500m', output: pod('    resources:\n      requests: {memory: 1Gi, cpu: 250m}\n      limits:\n        memory: "1Gi"\n        cpu: "500m"\n') }] }],
    },
    {
      name: 'a request in millibytes (typo for Mi) is compared as what was meant',
      code: pod('    resources:\n      requests: {memory: 512m, cpu: 250m}\n'),
      errors: [{ fixes: [{ title: 'memory: 512Mi, cpu: 500m', output: pod('    resources:\n      requests: {memory: 512m, cpu: 250m}\n      limits:\n        memory: "512Mi"\n        cpu: "500m"\n') }] }],
    },
    {
      name: 'only memory required by option, custom value',
      options: { requireCpuLimit: false, memory: '512Mi' },
      code: pod(''),
      errors: [{ message: 'has no memory limit', fixes: [{ output: pod('    resources:\n      limits:\n        memory: "512Mi"\n') }] }],
    },
    {
      name: 'first key with an anchor: inserted at the entry column, not after the anchor',
      code: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n  - &n name: app\n    image: app:1.0\n',
      errors: [
        {
          fixes: [
            {
              output:
                'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n  - &n name: app\n    image: app:1.0\n    resources:\n      limits:\n        memory: "256Mi"\n        cpu: "500m"\n',
            },
          ],
        },
      ],
    },
    {
      name: 'explicit first key (`? name`), tagged key (`!!str requests`): inserted at the entry column',
      code: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n  - ? name\n    : app\n    image: app:1.0\n    resources:\n      !!str requests: {memory: 1Gi}\n',
      errors: [
        {
          fixes: [
            {
              output:
                'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n  - ? name\n    : app\n    image: app:1.0\n    resources:\n      !!str requests: {memory: 1Gi}\n      limits:\n        memory: "1Gi"\n        cpu: "500m"\n',
            },
          ],
        },
      ],
    },
    {
      name: 'container in a pod template another object aliases: reported once, no fix (it would change both)',
      code:
        'apiVersion: v1\nkind: List\nitems:\n- apiVersion: apps/v1\n  kind: Deployment\n  metadata: {name: a}\n  spec:\n    template: &tpl\n      spec:\n        containers:\n        - name: app\n          image: app:1.0\n- apiVersion: apps/v1\n  kind: Deployment\n  metadata: {name: b}\n  spec:\n    template: *tpl\n',
      errors: [{ line: 11, fixes: [] }],
    },
    {
      name: 'StatefulSet with 4-space indentation',
      code: 'apiVersion: apps/v1\nkind: StatefulSet\nmetadata:\n    name: db\nspec:\n    template:\n        spec:\n            containers:\n            - name: db\n              image: postgres:16\n',
      errors: [
        {
          fixes: [
            {
              output:
                'apiVersion: apps/v1\nkind: StatefulSet\nmetadata:\n    name: db\nspec:\n    template:\n        spec:\n            containers:\n            - name: db\n              image: postgres:16\n              resources:\n                  limits:\n                      memory: "256Mi"\n                      cpu: "500m"\n',
            },
          ],
        },
      ],
    },
  ],
});
