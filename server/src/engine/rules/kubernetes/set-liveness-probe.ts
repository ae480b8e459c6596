import { probeRule } from './probes';

const manifest = (probe: string) =>
  `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  template:\n    spec:\n      containers:\n        - name: web\n          image: nginx:1.27\n          ports:\n            - containerPort: 8080\n${probe}`;

export const setLivenessProbe = probeRule('livenessProbe', 'readinessProbe', {
  id: 'kubernetes/set-liveness-probe',
  title: 'Give long-running containers a liveness probe',
  rationale:
    'Without a liveness probe a hung process keeps its pod "Running" forever; the kubelet restarts a container only when a probe fails. The guide probes `GET /health` on the app port after 10 s, every 5 s. Only `containers` and native sidecars (init containers with `restartPolicy: Always`) of long-running workloads are checked: not Jobs, CronJobs, Pods with `restartPolicy: Never/OnFailure`, or plain init containers. The quick fix copies the check of the container\'s readiness probe, with its `timeoutSeconds`, when it has one (an endpoint the app is known to answer); otherwise it probes the configured path on the container\'s first `containerPort` (by name if named), else 8080 — check that the path exists before applying it. Fix-all and `--fix` do not add liveness probes: a wrong one restarts the container in a loop, and a copied readiness check may fail on purpose while the app starts or a dependency is down.',
  bad: { fileName: 'deployment.yaml', code: manifest('') },
  good: {
    fileName: 'deployment.yaml',
    code: manifest('          livenessProbe:\n            httpGet:\n              path: /health\n              port: 8080\n            initialDelaySeconds: 10\n            periodSeconds: 5\n'),
  },
  defaultOptions: { path: '/health', port: 8080, initialDelaySeconds: 10, periodSeconds: 5 },
  optionDocs: {
    path: 'HTTP path of the inserted probe (default `/health`).',
    port: 'Port used when the container declares no `containerPort` (default 8080).',
    initialDelaySeconds: 'Inserted `initialDelaySeconds` (default 10).',
    periodSeconds: 'Inserted `periodSeconds` (default 5).',
  },
});
