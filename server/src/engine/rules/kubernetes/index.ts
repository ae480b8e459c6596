// Registry of the kubernetes rule pack: one line per rule.
import type { Rule } from '../../types';

import { setResourceRequests } from './set-resource-requests';
import { setResourceLimits } from './set-resource-limits';
import { validResourceQuantities } from './valid-resource-quantities';
import { setLivenessProbe } from './set-liveness-probe';
import { setReadinessProbe } from './set-readiness-probe';
import { pinImageVersion } from './pin-image-version';
import { runAsNonRoot } from './run-as-non-root';
import { noPrivilegedContainers } from './no-privileged-containers';
import { noSecretsInEnv } from './no-secrets-in-env';
import { noLiteralSecretData } from './no-literal-secret-data';

export const kubernetesRules: Rule<any>[] = [
  setResourceRequests,
  setResourceLimits,
  validResourceQuantities,
  setLivenessProbe,
  setReadinessProbe,
  pinImageVersion,
  runAsNonRoot,
  noPrivilegedContainers,
  noSecretsInEnv,
  noLiteralSecretData,
];
