import { ruleTester } from '../../testing/rule-tester';
import { setLivenessProbe } from './set-liveness-probe';
import { setReadinessProbe } from './set-readiness-probe';

const deploy = (containers: string) => `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  template:\n    spec:\n      containers:\n${containers}`;
const liveness = (port: string, indent: string) =>
  `${indent}livenessProbe:\n${indent}  httpGet:\n${indent}    path: /health\n${indent}    port: ${port}\n${indent}  initialDelaySeconds: 10\n${indent}  periodSeconds: 5\n`;

ruleTester(setLivenessProbe, {
  valid: [
    { name: 'probe set', code: deploy('      - name: web\n        image: nginx:1.27\n        livenessProbe: {tcpSocket: {port: 80}}\n') },
    { name: 'Job', code: 'apiVersion: batch/v1\nkind: Job\nmetadata:\n  name: j\nspec:\n  template:\n    spec:\n      restartPolicy: Never\n      containers:\n      - name: j\n        image: busybox:1.36\n' },
    { name: 'Pod with restartPolicy Never', code: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  restartPolicy: Never\n  containers:\n  - name: j\n    image: busybox:1.36\n' },
    { name: 'init containers need no probes', code: deploy('      - name: web\n        image: nginx:1.27\n        livenessProbe: {tcpSocket: {port: 80}}\n').replace('      containers:', '      initContainers:\n      - name: init\n        image: busybox:1.36\n      containers:') },
    { name: 'kustomize patch', code: deploy('      - name: web\n        resources: {limits: {memory: 1Gi}}\n') },
    {
      name: 'sidecar of a Job (not long-running)',
      code: 'apiVersion: batch/v1\nkind: Job\nmetadata:\n  name: j\nspec:\n  template:\n    spec:\n      restartPolicy: Never\n      initContainers:\n      - name: proxy\n        image: envoy:1.30\n        restartPolicy: Always\n      containers:\n      - name: j\n        image: busybox:1.36\n',
    },
    {
      name: 'init container with restartPolicy other than Always is a plain init container',
      code: deploy('      - name: web\n        image: nginx:1.27\n        livenessProbe: {tcpSocket: {port: 80}}\n').replace('      containers:', '      initContainers:\n      - name: init\n        image: busybox:1.36\n        restartPolicy: OnFailure\n      containers:'),
    },
  ],
  invalid: [
    {
      name: 'named first port, comment after the container kept; a guessed liveness check is not safe',
      code: deploy('      - name: web\n        image: nginx:1.27\n        ports:\n        - name: http\n          containerPort: 8080\n        - containerPort: 9090\n      # end\n'),
      errors: [
        {
          message: 'Container `web` has no `livenessProbe`.',
          line: 9,
          fixes: [
            {
              title: 'Add livenessProbe (httpGet /health on port http)',
              safe: false,
              output: deploy('      - name: web\n        image: nginx:1.27\n        ports:\n        - name: http\n          containerPort: 8080\n        - containerPort: 9090\n' + liveness('http', '        ') + '      # end\n'),
            },
          ],
        },
      ],
    },
    {
      name: 'unnamed port number; Rollout',
      code: 'apiVersion: argoproj.io/v1alpha1\nkind: Rollout\nmetadata:\n  name: r\nspec:\n  template:\n    spec:\n      containers:\n        - name: web\n          image: nginx:1.27\n          ports:\n            - containerPort: 3000\n',
      errors: [{ fixes: [{ output: 'apiVersion: argoproj.io/v1alpha1\nkind: Rollout\nmetadata:\n  name: r\nspec:\n  template:\n    spec:\n      containers:\n        - name: web\n          image: nginx:1.27\n          ports:\n            - containerPort: 3000\n' + liveness('3000', '          ') }] }],
    },
    {
      name: 'the readiness check is copied (an endpoint the app answers), else 8080',
      code: deploy('      - name: a\n        image: a:1\n        readinessProbe: {httpGet: {path: /ready, port: 9000}}\n      - name: b\n        image: b:1\n'),
      errors: [
        {
          line: 9,
          fixes: [
            {
              title: 'Add livenessProbe (the httpGet check of readinessProbe)',
              safe: false,
              output: deploy('      - name: a\n        image: a:1\n        readinessProbe: {httpGet: {path: /ready, port: 9000}}\n' + liveness('9000', '        ').replace('/health', '/ready') + '      - name: b\n        image: b:1\n'),
            },
          ],
        },
        { line: 12, fixes: [{ output: deploy('      - name: a\n        image: a:1\n        readinessProbe: {httpGet: {path: /ready, port: 9000}}\n      - name: b\n        image: b:1\n' + liveness('8080', '        ')) }] },
      ],
    },
    {
      name: 'native sidecar (init container with restartPolicy: Always) runs for the pod\'s lifetime',
      code: deploy('      - name: web\n        image: nginx:1.27\n        livenessProbe: {tcpSocket: {port: 80}}\n').replace('      containers:', '      initContainers:\n      - name: proxy\n        image: envoy:1.30\n        restartPolicy: Always\n        ports:\n        - containerPort: 9901\n      containers:'),
      errors: [
        {
          message: 'Sidecar container `proxy` has no `livenessProbe`.',
          line: 9,
          fixes: [
            {
              output: deploy('      - name: web\n        image: nginx:1.27\n        livenessProbe: {tcpSocket: {port: 80}}\n').replace(
                '      containers:',
                '      initContainers:\n      - name: proxy\n        image: envoy:1.30\n        restartPolicy: Always\n        ports:\n        - containerPort: 9901\n' + liveness('9901', '        ') + '      containers:',
              ),
            },
          ],
        },
      ],
    },
    {
      name: 'the readiness check on another port than the first containerPort, with scheme and headers, is copied whole',
      code: deploy('      - name: web\n        image: nginx:1.27\n        ports:\n        - containerPort: 443\n        - containerPort: 80\n        readinessProbe:\n          httpGet:\n            path: /index.html # served by nginx\n            port: 80\n            scheme: HTTP\n            httpHeaders: [{name: X-Probe, value: "a, b"}]\n'),
      errors: [
        {
          fixes: [
            {
              title: 'Add livenessProbe (the httpGet check of readinessProbe)',
              output: deploy(
                '      - name: web\n        image: nginx:1.27\n        ports:\n        - containerPort: 443\n        - containerPort: 80\n        readinessProbe:\n          httpGet:\n            path: /index.html # served by nginx\n            port: 80\n            scheme: HTTP\n            httpHeaders: [{name: X-Probe, value: "a, b"}]\n' +
                  '        livenessProbe:\n          httpGet:\n            path: /index.html\n            port: 80\n            scheme: HTTP\n            httpHeaders: [{name: X-Probe, value: "a, b"}]\n          initialDelaySeconds: 10\n          periodSeconds: 5\n',
              ),
            },
          ],
        },
      ],
    },
    {
      name: 'exec and tcpSocket checks are copied; a block-scalar command word is double-quoted, flow-unsafe words too',
      code: deploy('      - name: a\n        image: a:1\n        readinessProbe:\n          exec:\n            command:\n            - sh\n            - -c\n            - |\n              redis-cli ping, then exit\n      - name: b\n        image: b:1\n        readinessProbe: {tcpSocket: {port: 6379}}\n'),
      errors: [
        {
          line: 9,
          fixes: [
            {
              title: 'Add livenessProbe (the exec check of readinessProbe)',
              output: deploy('      - name: a\n        image: a:1\n        readinessProbe:\n          exec:\n            command:\n            - sh\n            - -c\n            - |\n              redis-cli ping, then exit\n        livenessProbe:\n          exec:\n            command: [sh, -c, "redis-cli ping, then exit\\n"]\n          initialDelaySeconds: 10\n          periodSeconds: 5\n      - name: b\n        image: b:1\n        readinessProbe: {tcpSocket: {port: 6379}}\n'),
            },
          ],
        },
        {
          line: 18,
          fixes: [
            {
              title: 'Add livenessProbe (the tcpSocket check of readinessProbe)',
              output: deploy('      - name: a\n        image: a:1\n        readinessProbe:\n          exec:\n            command:\n            - sh\n            - -c\n            - |\n              redis-cli ping, then exit\n      - name: b\n        image: b:1\n        readinessProbe: {tcpSocket: {port: 6379}}\n        livenessProbe:\n          tcpSocket:\n            port: 6379\n          initialDelaySeconds: 10\n          periodSeconds: 5\n'),
            },
          ],
        },
      ],
    },
    {
      name: 'a templated readiness check is not copied: the guessed httpGet check',
      code: deploy('      - name: a\n        image: a:1\n        readinessProbe:\n          httpGet:\n            path: /ready\n            port: "{{ .Values.port }}"\n'),
      errors: [
        {
          fixes: [
            {
              title: 'Add livenessProbe (httpGet /health on port 8080)',
              output: deploy('      - name: a\n        image: a:1\n        readinessProbe:\n          httpGet:\n            path: /ready\n            port: "{{ .Values.port }}"\n' + liveness('8080', '        ')),
            },
          ],
        },
      ],
    },
    {
      name: 'the guessed check of two containers on other columns: one shared fix, each indented to its container',
      code: deploy('      - name: a\n        image: a:1\n      -   name: b\n          image: b:1\n'),
      errors: [
        { line: 9, fixes: [{ title: 'Add livenessProbe (httpGet /health on port 8080)', output: deploy('      - name: a\n        image: a:1\n' + liveness('8080', '        ') + '      -   name: b\n          image: b:1\n') }] },
        { line: 11, fixes: [{ title: 'Add livenessProbe (httpGet /health on port 8080)', output: deploy('      - name: a\n        image: a:1\n      -   name: b\n          image: b:1\n' + liveness('8080', '          ')) }] },
      ],
    },
    { name: 'one container listed twice through an alias: reported once, for its use in containers', code: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  initContainers:\n  - &c\n    name: web\n    image: nginx\n  containers:\n  - *c\n', errors: [{ message: 'Container `web` has no `livenessProbe`.', line: 8, fixes: [] }] },
    {
      name: 'options change path and timings',
      options: { path: '/livez', initialDelaySeconds: 30, periodSeconds: 10, port: 80 },
      code: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n  - {name: a, image: "a:1"}\n',
      errors: [{ fixes: [{ output: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n  - {name: a, image: "a:1", livenessProbe: {httpGet: {path: /livez, port: 80}, initialDelaySeconds: 30, periodSeconds: 10}}\n' }] }],
    },
  ],
});

ruleTester(setReadinessProbe, {
  valid: [
    { name: 'probe set', code: deploy('      - name: web\n        image: nginx:1.27\n        readinessProbe: {exec: {command: [true]}}\n') },
    { name: 'plain init container', code: deploy('      - name: web\n        image: nginx:1.27\n        readinessProbe: {exec: {command: [true]}}\n').replace('      containers:', '      initContainers:\n      - name: init\n        image: busybox:1.36\n      containers:') },
    { name: 'CronJob', code: 'apiVersion: batch/v1\nkind: CronJob\nmetadata:\n  name: c\nspec:\n  schedule: "@daily"\n  jobTemplate:\n    spec:\n      template:\n        spec:\n          containers:\n          - name: c\n            image: busybox:1.36\n' },
  ],
  invalid: [
    {
      name: 'native sidecar',
      code: deploy('      - name: web\n        image: nginx:1.27\n        readinessProbe: {exec: {command: [true]}}\n').replace('      containers:', '      initContainers:\n      - name: proxy\n        image: envoy:1.30\n        restartPolicy: Always\n      containers:'),
      errors: [{ message: 'Sidecar container `proxy` has no `readinessProbe`.', line: 9 }],
    },
    {
      name: 'DaemonSet, CRLF, copies the liveness check: a safe fix',
      code: 'apiVersion: apps/v1\r\nkind: DaemonSet\r\nmetadata:\r\n  name: d\r\nspec:\r\n  template:\r\n    spec:\r\n      containers:\r\n      - name: agent\r\n        image: agent:2\r\n        livenessProbe:\r\n          httpGet: {path: /health, port: metrics}\r\n',
      errors: [
        {
          fixes: [
            {
              title: 'Add readinessProbe (the httpGet check of livenessProbe)',
              safe: true,
              output:
                'apiVersion: apps/v1\r\nkind: DaemonSet\r\nmetadata:\r\n  name: d\r\nspec:\r\n  template:\r\n    spec:\r\n      containers:\r\n      - name: agent\r\n        image: agent:2\r\n        livenessProbe:\r\n          httpGet: {path: /health, port: metrics}\r\n        readinessProbe:\r\n          httpGet:\r\n            path: /health\r\n            port: metrics\r\n          initialDelaySeconds: 5\r\n          periodSeconds: 3\r\n',
            },
          ],
        },
      ],
    },
    {
      name: 'the liveness check is copied with its timeoutSeconds (a slow endpoint fails under the 1 s default); thresholds are not',
      code: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n  - name: db\n    image: postgres:16.4\n    livenessProbe:\n      exec:\n        command: [pg_isready, -h, 127.0.0.1]\n      timeoutSeconds: 5\n      failureThreshold: 6\n',
      errors: [
        {
          fixes: [
            {
              title: 'Add readinessProbe (the exec check of livenessProbe)',
              safe: true,
              output: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n  - name: db\n    image: postgres:16.4\n    livenessProbe:\n      exec:\n        command: [pg_isready, -h, 127.0.0.1]\n      timeoutSeconds: 5\n      failureThreshold: 6\n    readinessProbe:\n      exec:\n        command: [pg_isready, -h, 127.0.0.1]\n      timeoutSeconds: 5\n      initialDelaySeconds: 5\n      periodSeconds: 3\n',
            },
          ],
        },
      ],
    },
    {
      name: 'a guessed readiness check (redis port) is not safe',
      code: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n  - name: redis\n    image: redis:7.2\n    ports:\n    - containerPort: 6379\n',
      errors: [
        {
          fixes: [
            {
              title: 'Add readinessProbe (httpGet /ready on port 6379)',
              safe: false,
              output: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n  - name: redis\n    image: redis:7.2\n    ports:\n    - containerPort: 6379\n    readinessProbe:\n      httpGet:\n        path: /ready\n        port: 6379\n      initialDelaySeconds: 5\n      periodSeconds: 3\n',
            },
          ],
        },
      ],
    },
  ],
});
