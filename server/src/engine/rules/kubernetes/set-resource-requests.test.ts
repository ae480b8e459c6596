import { ruleTester } from '../../testing/rule-tester';
import { setResourceRequests } from './set-resource-requests';

const head = 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  template:\n    spec:\n';

ruleTester(setResourceRequests, {
  valid: [
    {
      name: 'both requests set',
      code: head + '      containers:\n        - name: web\n          image: nginx:1.27\n          resources:\n            requests: {cpu: 100m, memory: 128Mi}\n',
    },
    { name: 'not a workload', code: 'apiVersion: v1\nkind: Service\nmetadata:\n  name: web\nspec:\n  ports:\n    - port: 80\n' },
    { name: 'CRD kind named Deployment in another group', code: 'apiVersion: example.com/v1\nkind: Deployment\nspec:\n  template:\n    spec:\n      containers:\n        - name: x\n          image: y:1\n' },
    {
      name: 'kustomize patch fragment (container without image)',
      code: head + '      containers:\n        - name: web\n          env:\n            - name: LOG_LEVEL\n              value: debug\n',
    },
    {
      name: 'strategic-merge directive makes the document a patch',
      code: head + '      containers:\n        - name: web\n          image: nginx:1.27\n        - name: old\n          $patch: delete\n',
    },
    {
      name: 'object annotation suppresses',
      code:
        'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\n  annotations:\n    infra-guide.io/ignore: "kubernetes/set-resource-requests, kubernetes/set-resource-limits"\nspec:\n  template:\n    spec:\n      containers:\n        - name: web\n          image: nginx:1.27\n',
    },
    {
      name: 'pod template annotation suppresses (domain wildcard)',
      code:
        'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  template:\n    metadata:\n      annotations:\n        infra-guide.io/ignore: kubernetes/*\n    spec:\n      containers:\n        - name: web\n          image: nginx:1.27\n',
    },
    {
      name: 'requests inherited through a merge key',
      code:
        head +
        '      containers:\n        - name: web\n          image: nginx:1.27\n          resources:\n            requests:\n              <<: &req {cpu: 100m}\n              memory: 128Mi\n',
    },
    {
      name: 'file named like a kustomize patch',
      fileName: 'overlays/prod/deployment-patch.yaml',
      code: head + '      containers:\n        - name: web\n          image: nginx:1.28\n',
    },
    { name: 'Helm `{{ toYaml .Values.resources }}` that still parses as YAML: filled in at render time', code: head + '      containers:\n        - name: web\n          image: "{{ .Values.image }}"\n          resources:\n            {{ toYaml .Values.resources | nindent 12 }}\n' },
    { name: 'ephemeral containers are not checked', code: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers: []\n  ephemeralContainers:\n    - name: debug\n      image: busybox:1.36\n' },
  ],
  invalid: [
    {
      name: 'non-indented list, 2 spaces, comments kept',
      code: head + '      containers:\n      - name: web # main\n        image: nginx:1.27\n        # ports below\n        ports:\n        - containerPort: 80\n      # sidecars go here\n',
      errors: [
        {
          message: 'Container `web` has no resource requests (`resources.requests.memory`/`.cpu`).',
          line: 9,
          column: 15,
          endColumn: 18,
          severity: 'warning',
          fixes: [
            {
              title: 'Add resource requests (memory: 128Mi, cpu: 100m)',
              safe: false,
              output:
                head +
                '      containers:\n      - name: web # main\n        image: nginx:1.27\n        # ports below\n        ports:\n        - containerPort: 80\n        resources:\n          requests:\n            memory: "128Mi"\n            cpu: "100m"\n      # sidecars go here\n',
            },
          ],
        },
      ],
    },
    {
      name: '4-space indentation, indented list',
      code: 'apiVersion: v1\nkind: Pod\nmetadata:\n    name: p\nspec:\n    containers:\n        -   name: a\n            image: redis:7\n',
      errors: [
        {
          fixes: [
            {
              output:
                'apiVersion: v1\nkind: Pod\nmetadata:\n    name: p\nspec:\n    containers:\n        -   name: a\n            image: redis:7\n            resources:\n                requests:\n                    memory: "128Mi"\n                    cpu: "100m"\n',
            },
          ],
        },
      ],
    },
    {
      name: 'only the missing key is added, before limits',
      code: head + '      containers:\n        - name: web\n          image: nginx:1.27\n          resources:\n            limits:\n              memory: 256Mi\n            # note\n',
      errors: [
        {
          fixes: [
            {
              output:
                head +
                '      containers:\n        - name: web\n          image: nginx:1.27\n          resources:\n            requests:\n              memory: "128Mi"\n              cpu: "100m"\n            limits:\n              memory: 256Mi\n            # note\n',
            },
          ],
        },
      ],
    },
    {
      name: 'a limit below the default request is reused as the request',
      code: head + '      containers:\n        - name: web\n          image: nginx:1.27\n          resources:\n            limits: {memory: 64Mi, cpu: "2"}\n',
      errors: [
        {
          fixes: [
            {
              title: 'memory: 64Mi, cpu: 100m',
              output: head + '      containers:\n        - name: web\n          image: nginx:1.27\n          resources:\n            requests:\n              memory: "64Mi"\n              cpu: "100m"\n            limits: {memory: 64Mi, cpu: "2"}\n',
            },
          ],
        },
      ],
    },
    {
      name: 'a limit in millibytes (typo for Mi) is not copied: compared as what was meant',
      code: head + '      containers:\n        - name: web\n          image: nginx:1.27\n          resources:\n            limits: {memory: 128m, cpu: 500m}\n        - name: small\n          image: nginx:1.27\n          resources:\n            limits: {memory: 64m, cpu: 500m}\n',
      errors: [
        { fixes: [{ title: 'memory: 128Mi, cpu: 100m', output: head + '      containers:\n        - name: web\n          image: nginx:1.27\n          resources:\n            requests:\n              memory: "128Mi"\n              cpu: "100m"\n            limits: {memory: 128m, cpu: 500m}\n        - name: small\n          image: nginx:1.27\n          resources:\n            limits: {memory: 64m, cpu: 500m}\n' }] },
        { fixes: [{ title: 'memory: 64Mi, cpu: 100m', output: head + '      containers:\n        - name: web\n          image: nginx:1.27\n          resources:\n            limits: {memory: 128m, cpu: 500m}\n        - name: small\n          image: nginx:1.27\n          resources:\n            requests:\n              memory: "64Mi"\n              cpu: "100m"\n            limits: {memory: 64m, cpu: 500m}\n' }] },
      ],
    },
    {
      name: 'inserted above the comment lines that belong to limits',
      code: head + '      containers:\n        - name: web\n          image: nginx:1.27\n          resources:\n            # hard caps, agreed with SRE\n            # (see runbook)\n            limits: {memory: 256Mi, cpu: 500m}\n',
      errors: [{ fixes: [{ output: head + '      containers:\n        - name: web\n          image: nginx:1.27\n          resources:\n            requests:\n              memory: "128Mi"\n              cpu: "100m"\n            # hard caps, agreed with SRE\n            # (see runbook)\n            limits: {memory: 256Mi, cpu: 500m}\n' }] }],
    },
    {
      name: 'inserted above the comment lines that belong to limits (CRLF)',
      code: (head + '      containers:\n        - name: web\n          image: nginx:1.27\n          resources:\n            # hard caps, agreed with SRE\n            # (see runbook)\n            limits: {memory: 256Mi, cpu: 500m}\n').replace(/\n/g, '\r\n'),
      errors: [{ fixes: [{ output: (head + '      containers:\n        - name: web\n          image: nginx:1.27\n          resources:\n            requests:\n              memory: "128Mi"\n              cpu: "100m"\n            # hard caps, agreed with SRE\n            # (see runbook)\n            limits: {memory: 256Mi, cpu: 500m}\n').replace(/\n/g, '\r\n') }] }],
    },
    {
      name: 'a comment separated by a blank line, or indented deeper, stays where it is',
      code: head + '      containers:\n        - name: web\n          image: nginx:1.27\n          resources:\n            claims:\n            - name: gpu\n              # trailing note of the claim\n            # about the section\n\n            limits: {memory: 256Mi, cpu: 500m}\n',
      errors: [{ fixes: [{ output: head + '      containers:\n        - name: web\n          image: nginx:1.27\n          resources:\n            claims:\n            - name: gpu\n              # trailing note of the claim\n            # about the section\n\n            requests:\n              memory: "128Mi"\n              cpu: "100m"\n            limits: {memory: 256Mi, cpu: 500m}\n' }] }],
    },
    {
      name: 'existing requests mapping completed',
      code: head + '      containers:\n        - name: web\n          image: nginx:1.27\n          resources:\n            requests:\n              cpu: 250m\n',
      errors: [
        {
          message: 'has no memory request',
          fixes: [
            {
              title: 'memory: 128Mi',
              output: head + '      containers:\n        - name: web\n          image: nginx:1.27\n          resources:\n            requests:\n              cpu: 250m\n              memory: "128Mi"\n',
            },
          ],
        },
      ],
    },
    {
      name: 'empty flow mapping `resources: {}` becomes a block',
      code: head + '      containers:\n        - name: web\n          image: nginx:1.27\n          resources: {} # TODO\n          ports: []\n',
      errors: [
        {
          fixes: [
            {
              output:
                head +
                '      containers:\n        - name: web\n          image: nginx:1.27\n          resources: # TODO\n            requests:\n              memory: "128Mi"\n              cpu: "100m"\n          ports: []\n',
            },
          ],
        },
      ],
    },
    {
      name: 'null `resources:`',
      code: head + '      containers:\n        - name: web\n          resources:\n          image: nginx:1.27\n',
      errors: [
        {
          fixes: [
            {
              output: head + '      containers:\n        - name: web\n          resources:\n            requests:\n              memory: "128Mi"\n              cpu: "100m"\n          image: nginx:1.27\n',
            },
          ],
        },
      ],
    },
    {
      name: 'flow-style container',
      code: 'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers: [{name: a, image: "redis:7"}]\n',
      errors: [
        {
          fixes: [
            {
              output:
                'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers: [{name: a, image: "redis:7", resources: {requests: {memory: "128Mi", cpu: "100m"}}}]\n',
            },
          ],
        },
      ],
    },
    {
      name: 'flow-style resources with limits: requests inserted before limits',
      code: 'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n  - name: a\n    image: redis:7\n    resources: {limits: {memory: 1Gi}}\n',
      errors: [
        {
          fixes: [
            {
              output:
                'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n  - name: a\n    image: redis:7\n    resources: {requests: {memory: "128Mi", cpu: "100m"}, limits: {memory: 1Gi}}\n',
            },
          ],
        },
      ],
    },
    {
      name: 'CRLF line endings',
      code: 'apiVersion: v1\r\nkind: Pod\r\nmetadata:\r\n  name: p\r\nspec:\r\n  containers:\r\n  - name: a\r\n    image: redis:7\r\n',
      errors: [
        {
          fixes: [
            {
              output:
                'apiVersion: v1\r\nkind: Pod\r\nmetadata:\r\n  name: p\r\nspec:\r\n  containers:\r\n  - name: a\r\n    image: redis:7\r\n    resources:\r\n      requests:\r\n        memory: "128Mi"\r\n        cpu: "100m"\r\n',
            },
          ],
        },
      ],
    },
    {
      name: 'no trailing newline at end of file',
      code: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n  - name: a\n    image: redis:7',
      errors: [
        {
          fixes: [
            {
              output:
                'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n  - name: a\n    image: redis:7\n    resources:\n      requests:\n        memory: "128Mi"\n        cpu: "100m"',
            },
          ],
        },
      ],
    },
    {
      name: 'block scalar as last entry',
      code: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n  - name: a\n    image: redis:7\n    args:\n    - |\n      echo hi\n\n\n',
      errors: [
        {
          fixes: [
            {
              output:
                'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n  - name: a\n    image: redis:7\n    args:\n    - |\n      echo hi\n    resources:\n      requests:\n        memory: "128Mi"\n        cpu: "100m"\n\n\n',
            },
          ],
        },
      ],
    },
    {
      name: 'resources anchored or an alias: reported, no fix (would change the other place too)',
      code: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n  - name: a\n    image: redis:7\n    resources: &r\n      limits: {memory: 1Gi}\n  - name: b\n    image: redis:7\n    resources: *r\n',
      errors: [{ line: 7, fixes: [] }, { line: 11, fixes: [] }],
    },
    {
      name: 'CronJob, init containers, custom defaults, second document',
      options: { memory: '64Mi', cpu: '50m' },
      code:
        'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\n---\napiVersion: batch/v1\nkind: CronJob\nmetadata:\n  name: c\nspec:\n  schedule: "0 * * * *"\n  jobTemplate:\n    spec:\n      template:\n        spec:\n          restartPolicy: OnFailure\n          initContainers:\n          - name: init\n            image: busybox:1.36\n          containers:\n          - name: job\n            image: busybox:1.36\n',
      // Requests change scheduling: the fix is offered, not applied by fix-all.
      errors: [
        { message: 'Init container `init`', line: 18, fixes: [{ safe: false, output: 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\n---\napiVersion: batch/v1\nkind: CronJob\nmetadata:\n  name: c\nspec:\n  schedule: "0 * * * *"\n  jobTemplate:\n    spec:\n      template:\n        spec:\n          restartPolicy: OnFailure\n          initContainers:\n          - name: init\n            image: busybox:1.36\n            resources:\n              requests:\n                memory: "64Mi"\n                cpu: "50m"\n          containers:\n          - name: job\n            image: busybox:1.36\n' }] },
        { message: 'Container `job`', line: 21, fixes: [{ safe: false, output: 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\n---\napiVersion: batch/v1\nkind: CronJob\nmetadata:\n  name: c\nspec:\n  schedule: "0 * * * *"\n  jobTemplate:\n    spec:\n      template:\n        spec:\n          restartPolicy: OnFailure\n          initContainers:\n          - name: init\n            image: busybox:1.36\n          containers:\n          - name: job\n            image: busybox:1.36\n            resources:\n              requests:\n                memory: "64Mi"\n                cpu: "50m"\n' }] },
      ],
      output:
        'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\n---\napiVersion: batch/v1\nkind: CronJob\nmetadata:\n  name: c\nspec:\n  schedule: "0 * * * *"\n  jobTemplate:\n    spec:\n      template:\n        spec:\n          restartPolicy: OnFailure\n          initContainers:\n          - name: init\n            image: busybox:1.36\n          containers:\n          - name: job\n            image: busybox:1.36\n',
    },
    {
      name: 'native sidecar is checked and named as one',
      code: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  initContainers:\n  - name: proxy\n    image: envoy:1.30\n    restartPolicy: Always\n  containers:\n  - name: app\n    image: app:1.0\n    resources: {requests: {cpu: 100m, memory: 128Mi}}\n',
      errors: [{ message: 'Sidecar container `proxy` has no resource requests', line: 7 }],
    },
    {
      name: 'items of a List are checked',
      code: 'apiVersion: v1\nkind: List\nitems:\n- apiVersion: v1\n  kind: Pod\n  metadata:\n    name: p\n  spec:\n    containers:\n    - name: a\n      image: redis:7\n',
      errors: [{ line: 10 }],
    },
    {
      name: 'merge key in the container: no fix that would shadow it',
      code:
        'x: &defaults\n  resources:\n    limits: {memory: 1Gi}\napiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n  - <<: *defaults\n    name: a\n    image: redis:7\n',
      errors: [{ line: 11, fixes: [] }],
    },
    { name: 'one container listed twice through an alias: reported once, no fix', code: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  initContainers:\n  - &c\n    name: web\n    image: nginx\n  containers:\n  - *c\n', errors: [{ message: 'Init container `web`', line: 8, fixes: [] }] },
  ],
});
