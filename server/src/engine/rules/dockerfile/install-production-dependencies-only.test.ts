import { ruleTester } from '../../testing/rule-tester';
import { installProductionDependenciesOnly } from './install-production-dependencies-only';

/** `code` with `--production` on the 1-based `line` replaced by `--omit=dev`. */
const omitOn = (code: string, line: number): string => code.split('\n').map((l, i) => (i === line - 1 ? l.replace('--production', '--omit=dev') : l)).join('\n');
const UNKNOWN_NPM = 'FROM registry.example.com/team/app-base:3\nRUN npm ci --production\nFROM node:${NODE_VERSION}\nRUN npm ci --production\nFROM node@sha256:' + 'a'.repeat(64) + '\nRUN npm ci --production\n';
const NEW_NPM = 'FROM node:lts-alpine AS a\nRUN npm ci --production\nFROM node\nRUN npm ci --production\nFROM docker.io/library/node:iron-slim\nRUN npm ci --production\nFROM node:15 AS b\nFROM b\nRUN npm ci --production\n';

ruleTester(installProductionDependenciesOnly, {
  valid: [
    { name: '--omit=dev', code: 'FROM node:20-alpine\nRUN npm ci --omit=dev\n' },
    { name: '--omit dev', code: 'FROM node:20-alpine\nRUN npm install --omit dev\n' },
    { name: 'NODE_ENV=production via ENV', code: 'FROM node:20-alpine\nENV NODE_ENV=production\nRUN npm ci\n' },
    { name: 'NODE_ENV via ENV in the stage it is built FROM', code: 'FROM node:20-alpine AS base\nENV NODE_ENV production\nFROM base\nRUN npm ci\n' },
    { name: 'NODE_ENV inline and exported', code: 'FROM node:20-alpine\nRUN NODE_ENV=production npm ci\nRUN export NODE_ENV=production && npm install\n' },
    { name: 'npm configuration through the environment', code: 'FROM node:20-alpine\nENV NPM_CONFIG_PRODUCTION=true\nRUN npm ci\nFROM node:20-alpine\nENV npm_config_omit=dev\nRUN npm install\n' },
    { name: 'NODE_ENV from a build argument', code: 'FROM node:20-alpine\nARG NODE_ENV=production\nENV NODE_ENV=$NODE_ENV\nRUN npm ci\n' },
    { name: 'build stage is not judged', code: 'FROM node:20-alpine AS build\nRUN npm ci && npm run build\nFROM nginx:1.27-alpine\nCOPY --from=build /app/dist /usr/share/nginx/html\n' },
    { name: 'pruned afterwards', code: 'FROM node:20-alpine\nRUN npm ci && npm run build && npm prune --omit=dev\n' },
    { name: 'pruned in a later RUN', code: 'FROM node:20-alpine\nRUN npm ci\nRUN npm run build\nRUN npm prune --production\n' },
    { name: 'installing named or global packages', code: 'FROM node:20-alpine\nRUN npm install -g pm2@5.3.0 && npm install left-pad@1.3.0\n' },
    { name: 'development image by its command', code: 'FROM node:20-alpine\nRUN npm ci\nCMD ["npm", "run", "dev"]\n' },
    { name: 'development image by its name', fileName: 'Dockerfile.dev', code: 'FROM node:20-alpine\nRUN npm ci\n' },
    { name: 'npm 6 image: --production is not deprecated there', code: 'FROM node:14-alpine\nRUN npm ci --production\n' },
    { name: 'npm 6 image by its LTS codename', code: 'FROM node:fermium-alpine\nRUN npm ci --production\n' },
  ],
  invalid: [
    {
      name: 'NODE_ENV exported after the install, or in another RUN',
      code: 'FROM node:20-alpine\nRUN export NODE_ENV=production\nRUN npm ci && export NODE_ENV=production\n',
      errors: [{ message: '`npm ci` in the final stage installs development dependencies too', line: 3, column: 5, endColumn: 11 }],
    },
    {
      // The file is skipped when no command is named `npm`: wrapped and nested ones are named so.
      name: 'npm behind a wrapper or in an `sh -c` script',
      code: "FROM node:20-alpine\nRUN sudo -E npm ci\nRUN sh -c 'cd /app && npm install'\n",
      errors: [{ line: 2, column: 13, endColumn: 19 }, { line: 3, column: 23, endColumn: 34 }],
    },
    {
      name: 'npm ci in the final stage',
      code: 'FROM node:20-alpine\nRUN npm ci\n',
      errors: [{ message: '`npm ci` in the final stage installs development dependencies too; add `--omit=dev`', line: 2, column: 5, endColumn: 11, severity: 'warning', fixes: [] }],
    },
    {
      name: 'guide form --only=production: info with a fix',
      code: 'FROM node:20-alpine\nCOPY package*.json ./\nRUN npm ci --only=production\n',
      errors: [
        {
          message: '`--only=production` is deprecated since npm 7; use `--omit=dev`',
          line: 3,
          column: 12,
          endColumn: 29,
          severity: 'info',
          fixes: [{ title: 'Use `--omit=dev`', safe: true, output: 'FROM node:20-alpine\nCOPY package*.json ./\nRUN npm ci --omit=dev\n' }],
        },
      ],
      output: 'FROM node:20-alpine\nCOPY package*.json ./\nRUN npm ci --omit=dev\n',
    },
    {
      name: '--production and --only production, also in build stages',
      code: 'FROM node:20-alpine AS deps\nRUN npm install --production\nFROM node:20-alpine\nRUN npm ci --only prod\n',
      errors: [
        { severity: 'info', line: 2, column: 17, endColumn: 29, fixes: [{ output: 'FROM node:20-alpine AS deps\nRUN npm install --omit=dev\nFROM node:20-alpine\nRUN npm ci --only prod\n' }] },
        { severity: 'info', line: 4, column: 12, endColumn: 23, fixes: [{ output: 'FROM node:20-alpine AS deps\nRUN npm install --production\nFROM node:20-alpine\nRUN npm ci --omit=dev\n' }] },
      ],
    },
    {
      name: 'NODE_ENV=development does not count; old npm suggests --production',
      code: 'FROM node:12\nENV NODE_ENV=development\nRUN npm install\n',
      errors: [{ message: 'add `--production`', line: 3 }],
    },
    {
      name: 'only the final stage',
      code: 'FROM node:20-alpine AS build\nRUN npm ci\nFROM node:20-alpine\nRUN --mount=type=cache,target=/root/.npm npm install --no-audit\n',
      errors: [{ line: 4, column: 42, endColumn: 53 }],
    },
    {
      name: 'base with an unknown npm version (custom image, variable tag, digest only): fix not safe, npm 6 ignores --omit',
      code: UNKNOWN_NPM,
      errors: [
        { severity: 'info', line: 2, fixes: [{ title: 'Use `--omit=dev`', safe: false, output: omitOn(UNKNOWN_NPM, 2) }] },
        { severity: 'info', line: 4, fixes: [{ safe: false, output: omitOn(UNKNOWN_NPM, 4) }] },
        { severity: 'info', line: 6, fixes: [{ safe: false, output: omitOn(UNKNOWN_NPM, 6) }] },
      ],
    },
    {
      name: 'official node images known to ship npm 7 or later (also through a stage): safe fix',
      code: NEW_NPM,
      errors: [
        { line: 2, fixes: [{ safe: true, output: omitOn(NEW_NPM, 2) }] },
        { line: 4, fixes: [{ safe: true, output: omitOn(NEW_NPM, 4) }] },
        { line: 6, fixes: [{ safe: true, output: omitOn(NEW_NPM, 6) }] },
        { line: 9, fixes: [{ safe: true, output: omitOn(NEW_NPM, 9) }] },
      ],
    },
  ],
});
