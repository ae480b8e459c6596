import { probeRule } from './probes';

const manifest = (probe: string) =>
  `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  template:\n    spec:\n      containers:\n        - name: web\n          image: nginx:1.27\n          ports:\n            - name: http\n              containerPort: 8080\n${probe}`;

export const setReadinessProbe = probeRule('readinessProbe', 'livenessProbe', {
  id: 'kubernetes/set-readiness-probe',
  title: 'Give long-running containers a readiness probe',
  rationale:
    'Without a readiness probe a pod receives traffic as soon as its process starts, before it can answer, and keeps receiving it when it cannot. The guide probes `GET /ready` after 5 s, every 3 s. Only `containers` and native sidecars (init containers with `restartPolicy: Always`) of long-running workloads are checked; plain init containers are not. The quick fix copies the check of the container\'s liveness probe, with its `timeoutSeconds`, when it has one (an endpoint the app is known to answer); otherwise it probes the configured path on the container\'s first `containerPort` (by name if named), else 8080 — check that the path exists before applying it. Only the copied liveness check is applied by fix-all and `--fix` (the app answers it whenever it is alive); a guessed check is not.',
  bad: { fileName: 'deployment.yaml', code: manifest('') },
  good: {
    fileName: 'deployment.yaml',
    code: manifest('          readinessProbe:\n            httpGet:\n              path: /ready\n              port: http\n            initialDelaySeconds: 5\n            periodSeconds: 3\n'),
  },
  defaultOptions: { path: '/ready', port: 8080, initialDelaySeconds: 5, periodSeconds: 3 },
  optionDocs: {
    path: 'HTTP path of the inserted probe (default `/ready`).',
    port: 'Port used when the container declares no `containerPort` (default 8080).',
    initialDelaySeconds: 'Inserted `initialDelaySeconds` (default 5).',
    periodSeconds: 'Inserted `periodSeconds` (default 3).',
  },
});
