import { ruleTester } from '../../testing/rule-tester';
import { validResourceQuantities } from './valid-resource-quantities';

const pod = (res: string) => `apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n  - name: app\n    image: app:1.0\n    resources:\n${res}`;

ruleTester(validResourceQuantities, {
  valid: [
    { name: 'canonical units', code: pod('      requests: {cpu: 100m, memory: 128Mi, ephemeral-storage: 1Gi}\n      limits: {cpu: "1", memory: 1.5Gi}\n') },
    { name: 'numbers and exponents', code: pod('      requests: {cpu: 0.5, memory: 1e9}\n      limits: {cpu: 2, memory: 2e9}\n') },
    { name: 'equal request and limit', code: pod('      requests: {cpu: 500m, memory: 1Gi}\n      limits: {cpu: "0.5", memory: 1024Mi}\n') },
    { name: 'equal request and limit in other spellings (no rounding error)', code: pod('      requests: {cpu: 700m, memory: 1.1k}\n      limits: {cpu: 0.7, memory: "1100"}\n') },
    { name: 'templated values are not judged', code: pod('      requests: {memory: "{{inputs.parameters.mem}}", cpu: "${CPU}"}\n') },
    { name: 'YAML floats and hex', code: pod('      requests: {cpu: .5, memory: 1e3}\n      limits: {cpu: 0x10, memory: 1.5e3}\n') },
    {
      name: 'digits with underscores are numbers to Kubernetes (YAML 1.1: `1_000` is 1000)',
      code: pod('      requests: {cpu: 1_000, memory: 1_073_741_824}\n      limits: {cpu: 1_000.5, memory: 2_000_000_000}\n') + '---\napiVersion: v1\nkind: PersistentVolumeClaim\nmetadata:\n  name: d\nspec:\n  resources:\n    requests:\n      storage: 10_000_000_000\n',
    },
    { name: 'null (empty) values are zero to Kubernetes', code: pod('      requests:\n        cpu:\n        memory: ~\n') },
    { name: 'an extended resource with a limit only (the request defaults to it)', code: pod('      limits: {nvidia.com/gpu: 1}\n') },
    {
      name: 'huge pages and extended resources with requests equal to limits (any spelling)',
      code: pod('      requests: {memory: 1Gi, hugepages-2Mi: 512Mi, nvidia.com/gpu: "2", example.com/dongle: 1k}\n      limits: {memory: 1Gi, hugepages-2Mi: 0.5Gi, nvidia.com/gpu: 2, example.com/dongle: "1000"}\n'),
    },
    {
      name: 'native resources with a kubernetes.io domain may be overcommitted',
      code: pod('      requests: {kubernetes.io/batch-cpu: 500m, cpu: 100m}\n      limits: {kubernetes.io/batch-cpu: "1", cpu: 200m}\n'),
    },
    { name: 'a limits map that may hold the key (a merge key) is not judged', code: pod('      requests: {nvidia.com/gpu: 1}\n      limits:\n        <<: {nvidia.com/gpu: 1}\n') },
    { name: 'a limits value that is not judged (templated) is not compared', code: pod('      requests: {nvidia.com/gpu: 1}\n      limits: {nvidia.com/gpu: "${GPUS}"}\n') },
  ],
  invalid: [
    {
      name: 'lower-case binary suffix: one safe fix, quotes kept',
      code: pod('      requests:\n        memory: "256mi"\n'),
      errors: [
        {
          message: 'Container `app`: `requests.memory` is not a valid quantity (`256mi`); did you mean `256Mi`?',
          severity: 'error',
          line: 11,
          column: 17,
          fixes: [{ title: 'Change to `256Mi`', safe: true, output: pod('      requests:\n        memory: "256Mi"\n') }],
        },
      ],
      output: pod('      requests:\n        memory: "256Mi"\n'),
    },
    {
      name: 'space before the unit',
      code: pod('      limits:\n        memory: 0.5 Gi\n'),
      errors: [{ fixes: [{ title: '`0.5Gi`', safe: true, output: pod('      limits:\n        memory: 0.5Gi\n') }] }],
    },
    {
      name: 'MB is ambiguous: two unsafe fixes, binary first for memory',
      code: pod('      limits:\n        memory: 128MB\n'),
      errors: [
        {
          message: 'did you mean `128Mi` or `128M`?',
          fixes: [
            { title: '`128Mi`', safe: false, output: pod('      limits:\n        memory: 128Mi\n') },
            { title: '`128M`', safe: false, output: pod('      limits:\n        memory: 128M\n') },
          ],
        },
      ],
      output: pod('      limits:\n        memory: 128MB\n'),
    },
    {
      name: 'memory in millibytes',
      code: pod('      requests:\n        memory: 128m\n'),
      errors: [{ message: '128/1000 bytes', severity: 'error', fixes: [{ safe: false, output: pod('      requests:\n        memory: 128Mi\n') }] }],
    },
    {
      name: 'M where Mi was likely meant is info',
      code: pod("      requests:\n        memory: '512M'\n"),
      errors: [{ severity: 'info', message: '`512Mi`', fixes: [{ safe: false, output: pod("      requests:\n        memory: '512Mi'\n") }] }],
    },
    {
      name: 'M on both sides: the request fix also changes the limit',
      code: pod('      requests: {memory: 256M}\n      limits: {memory: 256M}\n'),
      errors: [
        { line: 10, severity: 'info', fixes: [{ title: 'Change to `256Mi` (and the limit to `256Mi`)', output: pod('      requests: {memory: 256Mi}\n      limits: {memory: 256Mi}\n') }] },
        { line: 11, severity: 'info', fixes: [{ title: 'Change to `256Mi`', output: pod('      requests: {memory: 256M}\n      limits: {memory: 256Mi}\n') }] },
      ],
    },
    {
      name: 'a repair that would put the request above the limit is not offered',
      code: pod('      requests: {memory: 300mi}\n      limits: {memory: 256Mi}\n'),
      errors: [{ message: 'did you mean `300Mi`?', fixes: [] }],
    },
    {
      name: 'limit lower than request',
      code: pod('      requests: {cpu: "1", memory: 512Mi}\n      limits: {cpu: 500m, memory: 1Gi}\n'),
      errors: [{ message: '`limits.cpu` (500m) is lower than `requests.cpu` (1)', line: 11, column: 21, fixes: [] }],
    },
    {
      name: 'PVC, StatefulSet claim template and ResourceQuota',
      code:
        'apiVersion: v1\nkind: PersistentVolumeClaim\nmetadata:\n  name: data\nspec:\n  resources:\n    requests:\n      storage: 10GB\n---\napiVersion: apps/v1\nkind: StatefulSet\nmetadata:\n  name: db\nspec:\n  volumeClaimTemplates:\n  - spec:\n      resources:\n        requests: {storage: 5gi}\n  template:\n    spec:\n      containers: []\n---\napiVersion: v1\nkind: ResourceQuota\nmetadata:\n  name: q\nspec:\n  hard:\n    requests.memory: 1 Gi\n    pods: "10"\n',
      errors: [
        { message: 'PersistentVolumeClaim `data`: `spec.resources.requests.storage` is not a valid quantity (`10GB`); did you mean `10Gi` or `10G`?', line: 8, fixes: [{ safe: false }, { safe: false }].map((f, i) => ({ ...f, output: 'apiVersion: v1\nkind: PersistentVolumeClaim\nmetadata:\n  name: data\nspec:\n  resources:\n    requests:\n      storage: ' + ['10Gi', '10G'][i] + '\n---\napiVersion: apps/v1\nkind: StatefulSet\nmetadata:\n  name: db\nspec:\n  volumeClaimTemplates:\n  - spec:\n      resources:\n        requests: {storage: 5gi}\n  template:\n    spec:\n      containers: []\n---\napiVersion: v1\nkind: ResourceQuota\nmetadata:\n  name: q\nspec:\n  hard:\n    requests.memory: 1 Gi\n    pods: "10"\n' })) },
        { message: 'StatefulSet `db`', line: 18, fixes: [{ safe: true }].map((f) => ({ ...f, output: 'apiVersion: v1\nkind: PersistentVolumeClaim\nmetadata:\n  name: data\nspec:\n  resources:\n    requests:\n      storage: 10GB\n---\napiVersion: apps/v1\nkind: StatefulSet\nmetadata:\n  name: db\nspec:\n  volumeClaimTemplates:\n  - spec:\n      resources:\n        requests: {storage: 5Gi}\n  template:\n    spec:\n      containers: []\n---\napiVersion: v1\nkind: ResourceQuota\nmetadata:\n  name: q\nspec:\n  hard:\n    requests.memory: 1 Gi\n    pods: "10"\n' })) },
        { message: 'ResourceQuota `q`: `spec.hard.requests.memory`', line: 29 },
      ],
    },
    {
      name: 'negative values (number or string) are rejected by Kubernetes',
      code: pod('      requests: {cpu: -1, memory: "-128Mi"}\n'),
      errors: [
        { message: 'Container `app`: `requests.cpu` is negative (`-1`); Kubernetes requires requests and limits to be at least 0.', line: 10, column: 23, fixes: [] },
        { message: '`requests.memory` is negative (`-128Mi`)', line: 10, fixes: [] },
      ],
    },
    {
      name: 'YAML booleans and infinities are rejected by Kubernetes',
      code: pod('      requests: {cpu: true, memory: yes}\n      limits: {cpu: .inf, memory: "1_000"}\n') + '---\napiVersion: v1\nkind: PersistentVolumeClaim\nmetadata:\n  name: d\nspec:\n  resources:\n    requests:\n      storage: false\n',
      errors: [
        { message: 'Container `app`: `requests.cpu` is not a valid quantity (`true`).', line: 10, column: 23, fixes: [] },
        { message: '`requests.memory` is not a valid quantity (`yes`).', line: 10, fixes: [] },
        { message: '`limits.cpu` is not a valid quantity (`.inf`).', line: 11, fixes: [] },
        { message: '`limits.memory` is not a valid quantity (`1_000`).', line: 11, fixes: [] },
        { message: 'PersistentVolumeClaim `d`: `spec.resources.requests.storage` is not a valid quantity (`false`).', line: 20, fixes: [] },
      ],
    },
    {
      name: 'underscored numbers are compared by value',
      code: pod('      requests: {cpu: 2_000}\n      limits: {cpu: 1_000}\n'),
      errors: [{ message: '`limits.cpu` (1_000) is lower than `requests.cpu` (2_000)', line: 11 }],
    },
    {
      name: 'extended resource: a request below its limit, with one unsafe fix per side',
      code: pod('      requests:\n        nvidia.com/gpu: "1"\n      limits:\n        nvidia.com/gpu: 2\n'),
      errors: [
        {
          message: 'Container `app`: `requests.nvidia.com/gpu` (1) differs from `limits.nvidia.com/gpu` (2); extended resources cannot be overcommitted, so Kubernetes rejects a request that is not equal to the limit.',
          severity: 'error',
          line: 11,
          column: 25,
          fixes: [
            { title: 'Set the request to `2` (the limit)', safe: false, output: pod('      requests:\n        nvidia.com/gpu: "2"\n      limits:\n        nvidia.com/gpu: 2\n') },
            { title: 'Set the limit to `1` (the request)', safe: false, output: pod('      requests:\n        nvidia.com/gpu: "1"\n      limits:\n        nvidia.com/gpu: 1\n') },
          ],
        },
      ],
    },
    {
      name: 'huge pages: a request without a limit (no limits map, or one without the key)',
      code: pod('      requests: {memory: 1Gi, hugepages-1Gi: 2Gi}\n') + '---\n' + pod('      requests: {memory: 1Gi, example.com/foo: 3}\n      limits: {memory: 1Gi}\n'),
      errors: [
        { message: 'Container `app`: `requests.hugepages-1Gi` has no limit; huge pages cannot be overcommitted, so Kubernetes rejects a request without an equal limit. Set `limits.hugepages-1Gi` to `2Gi` (a limit alone is enough: the request defaults to it).', line: 10, column: 46, fixes: [] },
        { message: '`requests.example.com/foo` has no limit; extended resources cannot', line: 21, fixes: [] },
      ],
    },
    {
      name: 'a request above the limit is reported once, on the limit',
      code: pod('      requests: {memory: 1Gi, hugepages-2Mi: 4Mi}\n      limits: {hugepages-2Mi: 2Mi}\n'),
      errors: [{ message: '`limits.hugepages-2Mi` (2Mi) is lower than `requests.hugepages-2Mi` (4Mi)', line: 11 }],
    },
    {
      name: 'a fraction of an extended resource',
      code: pod('      requests: {nvidia.com/gpu: 500m}\n      limits: {nvidia.com/gpu: 0.5}\n'),
      errors: [
        { message: 'Container `app`: `requests.nvidia.com/gpu` is `500m`: extended resources are counted in whole units (a device cannot be split); Kubernetes rejects a fraction.', line: 10, fixes: [] },
        { message: '`limits.nvidia.com/gpu` is `0.5`: extended resources are counted in whole units', line: 11, fixes: [] },
      ],
    },
    {
      name: 'garbage without a repair',
      code: pod('      requests: {cpu: lots}\n'),
      errors: [{ message: 'not a valid quantity (`lots`).', fixes: [] }],
    },
  ],
});

const deployment = (res: string, extra = '') =>
  `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: d\nspec:\n  template:\n    spec:\n${extra}      containers:\n      - name: app\n        image: app:1.0\n        resources:\n${res}`;
ruleTester(validResourceQuantities, {
  valid: [
    { name: 'huge pages beside a memory limit (the request defaults to it)', code: pod('      limits: {hugepages-2Mi: 100Mi, memory: 1Gi}\n') },
    { name: 'huge pages beside a CPU request only', code: pod('      requests: {cpu: 100m}\n      limits: {hugepages-1Gi: 2Gi}\n') },
    { name: 'an empty cpu value is still a cpu key', code: pod('      requests: {cpu: }\n      limits: {hugepages-2Mi: 2Mi}\n') },
    { name: 'memory through a merge key', code: pod('      limits:\n        <<: {memory: 1Gi}\n        hugepages-2Mi: 2Mi\n') },
    { name: 'requests filled in by a template: unknown', code: pod('      requests: {{ toYaml .Values.requests }}\n      limits: {hugepages-2Mi: 2Mi}\n') },
    { name: 'a key filled in by a template: unknown', code: pod('      limits:\n        "{{ .Values.kind }}": 1Gi\n        hugepages-2Mi: 2Mi\n') },
    { name: 'a container without an image is a patch fragment', code: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n  - name: app\n    resources:\n      limits: {hugepages-2Mi: 2Mi}\n' },
    { name: 'a patch file: the base may set memory', code: pod('      limits: {hugepages-2Mi: 2Mi}\n'), fileName: 'hugepages-patch.yaml' },
    { name: 'pod-level resources: not judged', code: deployment('          limits: {hugepages-2Mi: 2Mi}\n', '      resources:\n        limits: {memory: 1Gi}\n') },
  ],
  invalid: [
    {
      name: 'huge pages without cpu or memory: rejected by the API server, reported once on the first huge-pages key',
      code: pod('      requests: {hugepages-2Mi: 2Mi}\n      limits: {hugepages-2Mi: 2Mi, hugepages-1Gi: 1Gi}\n'),
      errors: [
        {
          message: 'Container `app`: `requests.hugepages-2Mi` needs a CPU or memory request or limit in the same container; Kubernetes rejects huge pages without one ("HugePages require cpu or memory").',
          severity: 'error',
          line: 10,
          column: 18,
          endColumn: 31,
          fixes: [],
        },
      ],
    },
    {
      name: 'in a workload template, with only other resources beside them',
      code: deployment('          limits: {ephemeral-storage: 1Gi, hugepages-1Gi: 1Gi}\n'),
      errors: [{ message: 'Container `app`: `limits.hugepages-1Gi` needs a CPU or memory', line: 12, column: 44 }],
    },
  ],
});
