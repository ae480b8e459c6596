import { ruleTester } from '../../testing/rule-tester';
import { copyWithChown } from './copy-with-chown';

const ALPINE_USER = 'FROM node:20-alpine\nRUN addgroup -S app && adduser -S app -G app\nWORKDIR /app\n';

ruleTester(copyWithChown, {
  valid: [
    { name: 'already --chown', code: ALPINE_USER + 'COPY --chown=app:app . .\nUSER app\n' },
    { name: 'the guide example: manifests are not chowned', code: 'FROM node:20-alpine\nRUN addgroup -S app && adduser -S app -G app\nWORKDIR /app\nCOPY package*.json ./\nRUN npm ci --only=production\nCOPY --chown=app:app . .\nUSER app\nCMD ["node", "server.js"]\n' },
    { name: 'no USER (another rule judges that)', code: 'FROM node:20-alpine\nWORKDIR /app\nCOPY . .\n' },
    { name: 'USER root', code: 'FROM node:20-alpine\nWORKDIR /app\nCOPY . .\nUSER root\n' },
    { name: 'WORKDIR in a system directory', code: 'FROM alpine:3.20\nWORKDIR /usr/local/bin\nCOPY tool .\nUSER 1000\n' },
    { name: 'config outside the WORKDIR', code: ALPINE_USER + 'COPY nginx.conf /etc/nginx/nginx.conf\nUSER app\n' },
    { name: 'binary from a build stage', code: 'FROM golang:1.22 AS build\nRUN go build -o /out/app .\nFROM alpine:3.20\nWORKDIR /app\nCOPY --from=build /out/app ./app\nUSER 65532:65532\n' },
    { name: 'no WORKDIR', code: 'FROM alpine:3.20\nCOPY app /srv/app\nUSER 1000\n' },
    { name: 'a later chown covers it', code: ALPINE_USER + 'COPY . .\nRUN npm ci && chown -R app:app /app\nUSER app\n' },
    { name: 'variable user', code: 'FROM alpine:3.20\nWORKDIR /app\nCOPY . .\nUSER $APP_USER\n' },
    { name: 'chown of another path', code: 'FROM alpine:3.20\nWORKDIR /srv\nCOPY . /app\nRUN chown -R app /data\n' },
    { name: 'USER from the parent stage, switched back to root in this one', code: 'FROM node:20-alpine AS base\nUSER node\nFROM base AS b\nWORKDIR /app\nCOPY . .\nUSER root\n' },
    { name: 'USER from the parent stage, later chown covers it', code: 'FROM node:20-alpine AS base\nUSER node\nFROM base AS b\nWORKDIR /app\nCOPY . .\nRUN npm ci && chown -R node:node /app\n' },
  ],
  invalid: [
    {
      name: 'chown with the legacy `user.group` owner: COPY --chown needs `user:group`',
      code: 'FROM node:20-alpine\nWORKDIR /app\nCOPY . .\nRUN chown -R node.node /app\n',
      errors: [
        {
          message: 'use `COPY --chown=node:node` instead',
          fixes: [{ title: 'Use `COPY --chown=node:node` and remove the RUN', output: 'FROM node:20-alpine\nWORKDIR /app\nCOPY --chown=node:node . .\n' }],
        },
      ],
    },
    {
      name: 'guide example without --chown: safe fix (user and group created before)',
      code: ALPINE_USER + 'COPY . .\nUSER app\nCMD ["node", "server.js"]\n',
      errors: [
        {
          message: 'COPY creates root-owned files although the stage runs as `app`; add `--chown=app:app`',
          line: 4,
          column: 1,
          endColumn: 5,
          severity: 'info',
          fixes: [{ title: 'Add `--chown=app:app`', safe: true, output: ALPINE_USER + 'COPY --chown=app:app . .\nUSER app\nCMD ["node", "server.js"]\n' }],
        },
      ],
      output: ALPINE_USER + 'COPY --chown=app:app . .\nUSER app\nCMD ["node", "server.js"]\n',
    },
    {
      name: 'user:group from USER, numeric ids, ADD into a sub-directory',
      code: 'FROM python:3.12-slim\nWORKDIR /srv/app\nADD src/ ./src/\nUSER 1000:1001\n',
      errors: [{ message: '`--chown=1000:1001`', line: 3, fixes: [{ safe: true, output: 'FROM python:3.12-slim\nWORKDIR /srv/app\nADD --chown=1000:1001 src/ ./src/\nUSER 1000:1001\n' }] }],
    },
    {
      name: 'user not created in the Dockerfile: unsafe fix; node user of the node image: safe',
      code: 'FROM python:3.12-slim\nWORKDIR /app\nCOPY . .\nUSER app\nFROM node:20-alpine\nWORKDIR /home/node/app\nCOPY . .\nUSER node\n',
      errors: [
        { line: 3, fixes: [{ safe: false, output: 'FROM python:3.12-slim\nWORKDIR /app\nCOPY --chown=app:app . .\nUSER app\nFROM node:20-alpine\nWORKDIR /home/node/app\nCOPY . .\nUSER node\n' }] },
        { line: 7, fixes: [{ safe: true, output: 'FROM python:3.12-slim\nWORKDIR /app\nCOPY . .\nUSER app\nFROM node:20-alpine\nWORKDIR /home/node/app\nCOPY --chown=node:node . .\nUSER node\n' }] },
      ],
    },
    {
      name: 'PHP document root under /var/www',
      code: 'FROM php:8.3-apache\nWORKDIR /var/www/html\nCOPY . .\nUSER www-data\n',
      errors: [{ line: 3, fixes: [{ safe: true, output: 'FROM php:8.3-apache\nWORKDIR /var/www/html\nCOPY --chown=www-data:www-data . .\nUSER www-data\n' }] }],
    },
    {
      name: 'RUN chown -R right after COPY: fix to COPY --chown (CRLF)',
      code: 'FROM node:20-alpine\r\nWORKDIR /app\r\nCOPY . /app/\r\nRUN chown -R node:node /app\r\nUSER node\r\n',
      errors: [
        {
          message: '`chown -R node:node /app` right after COPY copies every file into another layer; use `COPY --chown=node:node`',
          line: 4,
          column: 5,
          endColumn: 28,
          fixes: [{ title: 'Use `COPY --chown=node:node` and remove the RUN', safe: false, output: 'FROM node:20-alpine\r\nWORKDIR /app\r\nCOPY --chown=node:node . /app/\r\nUSER node\r\n' }],
        },
      ],
    },
    {
      name: 'user named like an Object.prototype member is not a known image user',
      code: 'FROM alpine:3.20\nWORKDIR /app\nCOPY . .\nUSER constructor\n',
      errors: [{ line: 3, fixes: [{ safe: false, output: 'FROM alpine:3.20\nWORKDIR /app\nCOPY --chown=constructor:constructor . .\nUSER constructor\n' }] }],
    },
    {
      name: 'relative chown path, last line without a line break, no USER needed',
      code: 'FROM alpine:3.20\nWORKDIR /srv\nCOPY dist ./dist\nRUN chown -R 1000 dist',
      errors: [{ line: 4, fixes: [{ output: 'FROM alpine:3.20\nWORKDIR /srv\nCOPY --chown=1000 dist ./dist' }] }],
    },
    {
      name: 'USER inherited from the parent stage (`FROM base AS b`)',
      code: 'FROM node:20-alpine AS base\nUSER node\nFROM base AS b\nWORKDIR /app\nCOPY . .\n',
      errors: [
        {
          message: 'COPY creates root-owned files although the stage runs as `node`; add `--chown=node:node`',
          line: 5,
          fixes: [{ safe: true, output: 'FROM node:20-alpine AS base\nUSER node\nFROM base AS b\nWORKDIR /app\nCOPY --chown=node:node . .\n' }],
        },
      ],
    },
    {
      name: 'WORKDIR inherited from the parent stage only (the stage sets none)',
      code: 'FROM node:20-alpine AS base\nWORKDIR /app\nFROM base\nCOPY . .\nUSER node\n',
      errors: [{ message: 'COPY creates root-owned files although the stage runs as `node`', line: 4, fixes: [{ safe: true, output: 'FROM node:20-alpine AS base\nWORKDIR /app\nFROM base\nCOPY --chown=node:node . .\nUSER node\n' }] }],
    },
    {
      name: 'USER inherited through two stages; user created in the grandparent: safe fix',
      code: 'FROM alpine:3.20 AS a\nRUN addgroup -S app && adduser -S app -G app\nUSER app\nFROM a AS b\nFROM b\nWORKDIR /app\nCOPY . .\n',
      errors: [{ line: 7, fixes: [{ safe: true, output: 'FROM alpine:3.20 AS a\nRUN addgroup -S app && adduser -S app -G app\nUSER app\nFROM a AS b\nFROM b\nWORKDIR /app\nCOPY --chown=app:app . .\n' }] }],
    },
  ],
});
