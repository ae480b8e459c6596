import { ruleTester } from '../../testing/rule-tester';
import { copyDependencyManifestsFirst } from './copy-dependency-manifests-first';

ruleTester(copyDependencyManifestsFirst, {
  valid: [
    { name: 'manifests first', code: 'FROM node:20-alpine\nWORKDIR /app\nCOPY package*.json ./\nRUN npm ci\nCOPY . .\nRUN npm run build\n' },
    { name: 'install before the full copy (go)', code: 'FROM golang:1.22\nWORKDIR /src\nCOPY go.mod go.sum ./\nRUN go mod download\nCOPY . .\nRUN go build -o /app .\n' },
    { name: 'no install after the copy', code: 'FROM python:3.12-slim\nWORKDIR /app\nCOPY . .\nCMD ["python", "app.py"]\n' },
    { name: 'pip install of a named package is not a manifest install', code: 'FROM python:3.12-slim\nWORKDIR /app\nCOPY . .\nRUN pip install gunicorn==22.0.0\n' },
    { name: 'npm install -g is not a project install', code: 'FROM node:20-alpine\nWORKDIR /app\nCOPY . .\nRUN npm install -g pm2@5.3.0\n' },
    { name: 'copy from another stage', code: 'FROM node:20-alpine\nWORKDIR /app\nCOPY --from=build /app .\nRUN npm ci\n' },
    { name: 'install in another stage', code: 'FROM node:20-alpine AS a\nWORKDIR /app\nCOPY . .\nFROM node:20-alpine\nWORKDIR /app\nRUN npm ci\n' },
    { name: 'yarn build is not an install', code: 'FROM node:20-alpine\nWORKDIR /app\nCOPY package.json yarn.lock ./\nRUN yarn install --frozen-lockfile\nCOPY . .\nRUN yarn build\n' },
    { name: 'an ONBUILD COPY of the whole context is not one of the stage', code: 'FROM node:20-alpine\nWORKDIR /app\nONBUILD COPY . .\nRUN npm ci\n' },
    { name: 'copying a sub-directory', code: 'FROM node:20-alpine\nWORKDIR /app\nCOPY src/ ./src\nRUN npm ci\n' },
  ],
  invalid: [
    {
      name: 'pip run as `python -m uv pip`',
      code: 'FROM python:3.12-slim\nWORKDIR /app\nCOPY . .\nRUN python -m uv pip install -r requirements.txt\n',
      errors: [
        {
          message: '`COPY .` copies the whole build context before `python` (line 4)',
          line: 3,
          severity: 'warning',
          fixes: [
            {
              title: 'Copy requirements*.txt and install before `COPY . .`',
              safe: true,
              output: 'FROM python:3.12-slim\nWORKDIR /app\nCOPY requirements*.txt ./\nRUN python -m uv pip install -r requirements.txt\nCOPY . .\n',
            },
          ],
        },
      ],
      output: 'FROM python:3.12-slim\nWORKDIR /app\nCOPY requirements*.txt ./\nRUN python -m uv pip install -r requirements.txt\nCOPY . .\n',
    },
    {
      name: 'npm: safe fix moves the install',
      code: 'FROM node:20-alpine\nWORKDIR /app\nCOPY . .\nRUN npm ci\nCMD ["node", "server.js"]\n',
      errors: [
        {
          message: '`COPY .` copies the whole build context before `npm ci` (line 4)',
          line: 3,
          column: 6,
          endColumn: 7,
          severity: 'warning',
          fixes: [
            {
              title: 'Copy package*.json and install before `COPY . .`',
              safe: true,
              output: 'FROM node:20-alpine\nWORKDIR /app\nCOPY package*.json ./\nRUN npm ci\nCOPY . .\nCMD ["node", "server.js"]\n',
            },
          ],
        },
      ],
      output: 'FROM node:20-alpine\nWORKDIR /app\nCOPY package*.json ./\nRUN npm ci\nCOPY . .\nCMD ["node", "server.js"]\n',
    },
    {
      name: 'pip with an absolute destination equal to the WORKDIR, CRLF, chown kept, continuation kept',
      code: 'FROM python:3.12-slim\r\nWORKDIR /app\r\nCOPY --chown=app:app . /app\r\nRUN pip install --no-cache-dir \\\r\n    -r requirements.txt\r\nCMD ["python", "app.py"]',
      errors: [
        {
          line: 3,
          column: 22,
          fixes: [
            {
              output:
                'FROM python:3.12-slim\r\nWORKDIR /app\r\nCOPY --chown=app:app requirements*.txt /app/\r\nRUN pip install --no-cache-dir \\\r\n    -r requirements.txt\r\nCOPY --chown=app:app . /app\r\nCMD ["python", "app.py"]',
            },
          ],
        },
      ],
    },
    {
      name: 'install as the last line without a line break',
      code: 'FROM golang:1.22\nWORKDIR /src\nCOPY . .\nRUN go mod download',
      errors: [{ message: /before `go mod download` \(line 4\).*`go\.mod go\.sum`/, line: 3, fixes: [{ safe: true, output: 'FROM golang:1.22\nWORKDIR /src\nCOPY go.mod go.sum ./\nRUN go mod download\nCOPY . .' }] }],
    },
    {
      name: 'install ending the file with a dangling continuation: moved, it would swallow the COPY, so no fix',
      code: 'FROM golang:1.22\nWORKDIR /src\nCOPY . .\nRUN go mod download \\',
      errors: [{ line: 3, fixes: [] }],
    },
    {
      name: 'dangling continuation with the escape directive, trailing blanks, a comment and an empty line: no fix',
      code: '# escape=`\nFROM golang:1.22\nWORKDIR /src\nCOPY . .\nRUN go mod download `  \n  # why\n\n',
      errors: [{ line: 4, fixes: [] }],
    },
    {
      name: 'install in a heredoc left open at the end of the file: no fix',
      code: 'FROM node:20-alpine\nWORKDIR /app\nCOPY . .\nRUN <<EOF\nnpm ci\n',
      errors: [{ line: 3, fixes: [] }],
    },
    {
      name: 'yarn frozen lockfile; ADD',
      code: 'FROM node:20-alpine\nWORKDIR /app\nADD . .\nRUN yarn install --frozen-lockfile && yarn cache clean\n',
      errors: [{ fixes: [{ output: 'FROM node:20-alpine\nWORKDIR /app\nCOPY package.json yarn.lock ./\nRUN yarn install --frozen-lockfile && yarn cache clean\nADD . .\n' }] }],
    },
    {
      name: 'the first COPY of the whole context counts, after other copies; an install before it is not reported again',
      code: 'FROM python:3.12-slim\nWORKDIR /app\nRUN pip install -r requirements.txt\nCOPY --from=base /a .\nCOPY src/ src/\nCOPY ./ ./\nCOPY . .\nRUN pip install -r requirements.txt\nRUN npm ci\n',
      errors: [{ message: '`COPY ./` copies the whole build context before `npm ci` (line 9)', line: 6, column: 6, endColumn: 8 }],
    },
    {
      name: 'each stage with its own first whole-context COPY',
      code: 'FROM node:20-alpine AS a\nWORKDIR /app\nCOPY . .\nCOPY . .\nRUN npm ci\nFROM a\nRUN yarn install\nFROM python:3.12-slim\nWORKDIR /app\nCOPY ./ /app\nRUN pip install -r requirements.txt\n',
      errors: [
        { message: '`COPY .` copies the whole build context before `npm ci` (line 5)', line: 3, column: 6 },
        { message: '`COPY ./` copies the whole build context before `pip install` (line 11)', line: 10, column: 6 },
      ],
    },
    {
      name: 'install RUN that also builds: reported without a fix',
      code: 'FROM node:20-alpine\nWORKDIR /app\nCOPY . .\nRUN npm ci && npm run build\n',
      errors: [{ fixes: [] }],
    },
    {
      name: 'instructions in between make the fix unsafe',
      code: 'FROM ruby:3.3-slim\nWORKDIR /app\nCOPY . .\nENV BUNDLE_WITHOUT=development\nRUN bundle install\n',
      errors: [
        {
          message: '`Gemfile Gemfile.lock`',
          fixes: [{ safe: false, output: 'FROM ruby:3.3-slim\nWORKDIR /app\nCOPY Gemfile Gemfile.lock ./\nRUN bundle install\nCOPY . .\nENV BUNDLE_WITHOUT=development\n' }],
        },
      ],
      output: 'FROM ruby:3.3-slim\nWORKDIR /app\nCOPY . .\nENV BUNDLE_WITHOUT=development\nRUN bundle install\n',
    },
    {
      name: 'poetry without --no-root and composer with scripts: unsafe fixes',
      code: 'FROM python:3.12-slim\nWORKDIR /app\nCOPY . .\nRUN poetry install\nFROM composer:2.7\nWORKDIR /app\nCOPY . .\nRUN composer install\n',
      errors: [{ line: 3, fixes: [{ safe: false, output: 'FROM python:3.12-slim\nWORKDIR /app\nCOPY pyproject.toml poetry.lock ./\nRUN poetry install\nCOPY . .\nFROM composer:2.7\nWORKDIR /app\nCOPY . .\nRUN composer install\n' }] }, { line: 7, fixes: [{ safe: false, output: 'FROM python:3.12-slim\nWORKDIR /app\nCOPY . .\nRUN poetry install\nFROM composer:2.7\nWORKDIR /app\nCOPY composer.json composer.lock ./\nRUN composer install\nCOPY . .\n' }] }],
    },
    {
      name: 'pip requirement file in a sub-directory: no fix; ONBUILD-free heredoc install',
      code: 'FROM python:3.12-slim\nWORKDIR /app\nCOPY . .\nRUN <<EOF\npip install -r deploy/requirements.txt\nEOF\n',
      errors: [{ message: 'copy the dependency manifests first', fixes: [] }],
    },
    {
      name: 'WORKDIR set between the copy and the install: the moved install would run elsewhere, no fix',
      code: 'FROM node:20-alpine\nCOPY . /app/\nWORKDIR /app\nRUN npm ci\n',
      errors: [{ line: 2, fixes: [] }],
    },
    {
      name: 'pnpm and a different WORKDIR: no fix',
      code: 'FROM node:20-alpine\nWORKDIR /src\nCOPY . .\nWORKDIR /src/app\nRUN pnpm install\n',
      errors: [{ message: '`package.json pnpm-lock.yaml*`', fixes: [] }],
    },
  ],
});
