// Registry of the compose rule pack: one line per rule.
import type { Rule } from '../../types';

import { composeSetResourceLimits } from './set-resource-limits';
import { composeSetHealthcheck } from './set-healthcheck';
import { composePinImageVersion } from './pin-image-version';
import { composeNoSecretsInEnvironment } from './no-secrets-in-environment';
import { composeNoSecretsInBuildArgs } from './no-secrets-in-build-args';
import { composeNoPrivilegedOrRoot } from './no-privileged-or-root';

export const composeRules: Rule<any>[] = [
  composeSetResourceLimits,
  composeSetHealthcheck,
  composePinImageVersion,
  composeNoSecretsInEnvironment,
  composeNoSecretsInBuildArgs,
  composeNoPrivilegedOrRoot,
];
