import type { DockerfileDoc } from '../../dockerfile/model';
import type { Rule } from '../../types';

export const pinBaseImageVersion: Rule<DockerfileDoc> = {
  meta: {
    id: 'dockerfile/pin-base-image-version',
    title: 'Pin base images to a version tag',
    domain: 'dockerfile',
    severity: 'warning',
    guideSection: 'Container Standards — Dockerfile Best Practices ("Use specific version tags")',
    rationale:
      'An untagged or `latest` base image changes under you: builds stop being reproducible and an upstream release can break or compromise the image without any change in the repository. ARG defaults declared before FROM are resolved, so `ARG NODE_VERSION=20` + `FROM node:${NODE_VERSION}-alpine` is pinned.',
    bad: { fileName: 'Dockerfile', code: 'FROM node\nUSER node\nCMD ["node", "server.js"]\n' },
    good: { fileName: 'Dockerfile', code: 'ARG NODE_VERSION=20\nFROM node:${NODE_VERSION}-alpine\nUSER node\nCMD ["node", "server.js"]\n' },
    fixable: false,
    defaultOptions: { requireDigest: false },
    optionDocs: { requireDigest: 'Also require every external base image to be pinned by `@sha256:` digest (off by default).' },
  },
  kinds: ['dockerfile'],
  check(doc, ctx) {
    const requireDigest = ctx.options['requireDigest'] === true;
    for (const stage of doc.stages) {
      const img = stage.image;
      const range = stage.from.getImageRange() ?? stage.from.getRange();
      if (img.isScratch || img.stageRef || img.raw === '') continue;
      if (img.resolved === undefined) {
        const names = [...new Set(img.unknownVariables)].map((v) => `\`${v}\``).join(', ');
        ctx.report({
          range,
          severity: 'info',
          message: `Base image version is unknown: ${names} has no default value, so the tag depends on the build arguments.`,
        });
        continue;
      }
      if (img.digest) continue;
      if (img.tag === undefined || img.tag === '') {
        ctx.report({ range, message: `Base image \`${img.resolved}\` has no version tag; pin it (e.g. \`${img.repository}:<version>\`).` });
      } else if (img.tag === 'latest') {
        ctx.report({ range, message: `Base image \`${img.resolved}\` uses \`latest\`; pin a specific version tag.` });
      } else if (requireDigest) {
        ctx.report({ range, message: `Base image \`${img.resolved}\` is not pinned by digest (\`@sha256:…\`), which this project requires.` });
      }
    }
  },
};
