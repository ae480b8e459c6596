import { ruleTester } from '../../testing/rule-tester';
import { useNpmCi } from './use-npm-ci';

ruleTester(useNpmCi, {
  valid: [
    { name: 'npm ci', code: 'FROM node:20-alpine\nCOPY package*.json ./\nRUN npm ci\n' },
    { name: 'no lockfile copied', code: 'FROM node:20-alpine\nCOPY package.json ./\nRUN npm install\n' },
    { name: 'whole context: lockfile unknown', code: 'FROM node:20-alpine\nCOPY . .\nRUN npm install\n' },
    { name: 'install of named packages', code: 'FROM node:20-alpine\nCOPY package*.json ./\nRUN npm install express@4.19.2\n' },
    { name: 'global install', code: 'FROM node:20-alpine\nCOPY package*.json ./\nRUN npm install -g pm2@5.3.0\n' },
    { name: 'lockfile ignored on purpose', code: 'FROM node:20-alpine\nCOPY package*.json ./\nRUN npm install --no-package-lock\n' },
    { name: 'install before the lockfile is copied', code: 'FROM node:20-alpine\nRUN npm install\nCOPY package-lock.json ./\n' },
    {
      name: 'install in a directory the lockfile was not copied to (cd, --prefix)',
      code: 'FROM node:20-alpine\nWORKDIR /app\nCOPY package*.json ./\nRUN npm ci\nCOPY client/package.json client/\nRUN cd client && npm install\nRUN npm install --prefix client\n',
    },
    {
      name: 'install in a subshell that cd-s where no lockfile was copied',
      code: 'FROM node:20-alpine\nWORKDIR /app\nCOPY package*.json ./\nCOPY client/package.json client/\nRUN (cd client && npm install)\nRUN npm ci && (cd /app/client; npm install) && sh -c "cd client && npm install"\n',
    },
    { name: 'lockfile copied with a glob that cannot match it', code: 'FROM node:20-alpine\nCOPY *.js [a-m]*.json package.json* ./\nRUN npm install\n' },
    { name: 'lockfile copied in another stage', code: 'FROM node:20-alpine AS a\nCOPY package-lock.json ./\nFROM node:20-alpine\nRUN npm install\n' },
  ],
  invalid: [
    {
      name: 'npm install after package*.json',
      code: 'FROM node:20-alpine\nWORKDIR /app\nCOPY package*.json ./\nRUN npm install --omit=dev\n',
      errors: [
        {
          message: '`npm install` can drift from the copied lockfile',
          line: 4,
          column: 9,
          endColumn: 16,
          severity: 'warning',
          fixes: [{ title: 'Use `npm ci`', safe: true, output: 'FROM node:20-alpine\nWORKDIR /app\nCOPY package*.json ./\nRUN npm ci --omit=dev\n' }],
        },
      ],
      output: 'FROM node:20-alpine\nWORKDIR /app\nCOPY package*.json ./\nRUN npm ci --omit=dev\n',
    },
    {
      name: 'npm i with package-lock.json, in a chain with a cache mount',
      code: 'FROM node:20-alpine\nCOPY package.json package-lock.json ./\nRUN --mount=type=cache,target=/root/.npm npm set progress=false && npm i && npm cache clean --force\n',
      errors: [{ line: 3, column: 72, endColumn: 73, fixes: [{ output: 'FROM node:20-alpine\nCOPY package.json package-lock.json ./\nRUN --mount=type=cache,target=/root/.npm npm set progress=false && npm ci && npm cache clean --force\n' }] }],
    },
    {
      name: 'cd into the directory the lockfile was copied to',
      code: 'FROM node:20-alpine\nCOPY package.json package-lock.json /app/\nCOPY client/package*.json /app/client/\nRUN cd /app && npm install && cd client && npm install\n',
      errors: [{ line: 4, column: 20 }, { line: 4, column: 48 }],
    },
    {
      name: 'a cd in a subshell does not move the commands after it; a brace group does',
      code: 'FROM node:20-alpine\nWORKDIR /app\nCOPY package*.json ./\nCOPY client/package*.json client/\nRUN (cd client && npm install) && npm install && (cd /tmp) && (npm install)\nRUN { cd /tmp; } && npm install\n',
      errors: [{ line: 5, column: 23 }, { line: 5, column: 39 }, { line: 5, column: 68 }],
    },
    {
      name: 'globs that can match package-lock.json',
      code: 'FROM node:20-alpine\nWORKDIR /app\nCOPY *.json ./\nRUN npm install\nFROM node:20-alpine\nCOPY ./package?lock.* /app/\nRUN cd /app && npm install\nFROM node:20-alpine\nCOPY [a-z]*-lock.json ./\nRUN npm install\n',
      errors: [{ line: 4 }, { line: 7 }, { line: 10 }],
    },
    {
      name: 'lockfile bind-mounted into the RUN',
      code: 'FROM node:20-alpine\nRUN --mount=type=bind,source=package.json,target=package.json --mount=type=bind,source=package-lock.json,target=package-lock.json npm install\n',
      errors: [{ line: 2, column: 135, endColumn: 142 }],
    },
    {
      // The file is skipped when no command is named `npm`: wrapped and nested ones are named so.
      name: 'npm behind a wrapper or in an `sh -c` script',
      code: "FROM node:20-alpine\nCOPY package*.json ./\nRUN sudo npm install\nRUN sh -c 'npm install'\n",
      errors: [{ line: 3, column: 14, endColumn: 21 }, { line: 4, column: 16, endColumn: 23 }],
    },
    {
      name: 'npm-shrinkwrap.json from another stage',
      code: 'FROM node:20-alpine\nCOPY --from=deps /app/npm-shrinkwrap.json /app/package.json ./\nRUN npm install\n',
      errors: [{ line: 3, column: 9 }],
    },
  ],
});
