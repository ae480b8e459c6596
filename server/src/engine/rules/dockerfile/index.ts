// Registry of the dockerfile rule pack: one line per rule.
import type { Rule } from '../../types';

import { pinBaseImageVersion } from './pin-base-image-version';
import { copyWithChown } from './copy-with-chown';
import { noCurlPipeToShell } from './no-curl-pipe-to-shell';
import { pinPackageVersions } from './pin-package-versions';
import { installProductionDependenciesOnly } from './install-production-dependencies-only';
import { useNpmCi } from './use-npm-ci';
import { copyDependencyManifestsFirst } from './copy-dependency-manifests-first';
import { setWorkdirBeforeCopy } from './set-workdir-before-copy';
import { useWorkdirInsteadOfCd } from './use-workdir-instead-of-cd';
import { runAsNonRoot } from './run-as-non-root';
import { useExecForm } from './use-exec-form';
import { useMinimalBaseImage } from './use-minimal-base-image';
import { noSecretsInEnvOrArg } from './no-secrets-in-env-or-arg';
import { noSecretFilesInImage } from './no-secret-files-in-image';
import { preferCopyOverAdd } from './prefer-copy-over-add';
import { addRemoteWithChecksum } from './add-remote-with-checksum';
import { useAbsoluteWorkdir } from './use-absolute-workdir';

export const dockerfileRules: Rule<any>[] = [
  pinBaseImageVersion,
  copyWithChown,
  noCurlPipeToShell,
  pinPackageVersions,
  installProductionDependenciesOnly,
  useNpmCi,
  copyDependencyManifestsFirst,
  setWorkdirBeforeCopy,
  useWorkdirInsteadOfCd,
  runAsNonRoot,
  useExecForm,
  useMinimalBaseImage,
  noSecretsInEnvOrArg,
  noSecretFilesInImage,
  preferCopyOverAdd,
  addRemoteWithChecksum,
  useAbsoluteWorkdir,
];
