import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { parseDockerfile } from '../../dockerfile/model';
import { endsOpen } from '../../dockerfile/shell';
import { randomDockerfiles } from '../../testing/random-dockerfiles';
import { ruleTester } from '../../testing/rule-tester';
import { CREATES_APP_USER, createsAppUser, isDevContainerFile, mayEndOpen, mayNameStepDownTool, runAsNonRoot, runCreatesAppUser, runsThroughToolParsed, matchesImageList } from './run-as-non-root';

const DEBIAN_USER = 'RUN groupadd -r app && useradd -r -g app app';
const ALPINE_USER = 'RUN addgroup -S app && adduser -S app -G app';

ruleTester(runAsNonRoot, {
  valid: [
    {
      name: "the guide's example",
      code: 'FROM node:20-alpine\nRUN addgroup -S app && adduser -S app -G app\nWORKDIR /app\nCOPY --chown=app:app . .\nUSER app\nCMD ["node", "server.js"]\n',
    },
    { name: 'numeric non-root user', code: 'FROM debian:bookworm-slim\nUSER 10001\nCMD ["/app"]\n' },
    { name: 'non-root user with root group', code: 'FROM debian:bookworm-slim\nUSER app:root\n' },
    { name: 'lower-case keyword', code: 'from alpine:3.20\nuser app\n' },
    {
      name: 'build stages are not judged',
      code: 'FROM golang:1.22 AS build\nRUN go build -o /out/app .\nFROM gcr.io/distroless/static-debian12:nonroot\nCOPY --from=build /out/app /app\nCMD ["/app"]\n',
    },
    { name: 'distroless debug-nonroot', code: 'FROM gcr.io/distroless/base-debian12:debug-nonroot\nCMD ["/app"]\n' },
    { name: 'chainguard image', code: 'FROM cgr.dev/chainguard/node:latest\nCMD ["server.js"]\n' },
    { name: 'bitnami image via docker.io', code: 'FROM docker.io/bitnami/nginx:1.25\n' },
    { name: 'nginx-unprivileged', code: 'FROM nginxinc/nginx-unprivileged:1.25-alpine\nCOPY site /usr/share/nginx/html\n' },
    { name: 'final stage inherits USER from the stage it is built on', code: 'FROM node:20-alpine AS base\nUSER node\nFROM base\nCMD ["node", "a.js"]\n' },
    { name: 'USER from a variable without value: not judged', code: 'FROM node:20\nARG APP_USER\nUSER $APP_USER\n' },
    { name: 'USER from an ARG default that is not root', code: 'FROM node:20\nARG U=app\nUSER ${U}\n' },
    { name: 'scratch artifact image without CMD is never run', code: 'FROM golang:1.22 AS b\nRUN go build -o /out/app .\nFROM scratch\nCOPY --from=b /out/app /\n' },
    { name: 'unknown base image (ARG without default)', code: 'ARG BASE\nFROM ${BASE}\nCMD ["x"]\n' },
    { name: 'Windows images are skipped', code: 'FROM mcr.microsoft.com/windows/servercore:ltsc2022\nCMD ["cmd"]\n' },
    { name: 'Windows-only .NET Framework images are skipped', code: 'FROM mcr.microsoft.com/dotnet/framework/aspnet:4.8\nCMD ["cmd"]\n' },
    { name: 'dev container Dockerfiles are skipped', code: 'FROM node:20\n', fileName: '.devcontainer/Dockerfile' },
    {
      name: 'configured non-root base image',
      code: 'FROM registry.example.com/base/java:17\nCMD ["java", "-jar", "app.jar"]\n',
      options: { nonRootBaseImages: ['registry.example.com/base/*'] },
    },
    {
      name: 'extraNonRootBaseImages adds a base image…',
      code: 'FROM registry.example.com/base/java:17\nCMD ["java", "-jar", "app.jar"]\n',
      options: { extraNonRootBaseImages: ['registry.example.com/base/*'] },
    },
    {
      name: '…and keeps the defaults',
      code: 'FROM cgr.dev/chainguard/node:latest\nCMD ["server.js"]\n',
      options: { extraNonRootBaseImages: ['registry.example.com/base/*'] },
    },
    {
      name: 'extraNonRootBaseImages adds to a replaced list too',
      code: 'FROM registry.example.com/base/java:17\nCMD ["java", "-jar", "app.jar"]\n',
      options: { nonRootBaseImages: ['other/*'], extraNonRootBaseImages: ['registry.example.com/base/*'] },
    },
    {
      name: 'entrypoint steps down: gosu installed and checked in a RUN, ENTRYPOINT script (docker-library style)',
      code: 'FROM debian:bookworm-slim\nRUN set -eux; apt-get update; apt-get install -y gosu; gosu nobody true\nCOPY docker-entrypoint.sh /usr/local/bin/\nENTRYPOINT ["docker-entrypoint.sh"]\nCMD ["postgres"]\n',
    },
    { name: 'su-exec checked in a RUN of the stage the final one is built on', code: 'FROM alpine:3.20 AS base\nRUN apk add --no-cache su-exec && su-exec nobody true\nFROM base\nENTRYPOINT ["/entrypoint.sh"]\n' },
    { name: 'ENTRYPOINT runs the program through su-exec', code: 'FROM alpine:3.20\nRUN apk add --no-cache su-exec\nENTRYPOINT ["su-exec", "nobody", "/app"]\n' },
    { name: 'ENTRYPOINT runs the program through gosu as a numeric non-root UID', code: 'FROM debian:bookworm-slim\nENTRYPOINT ["gosu", "1000:1000", "/app"]\n' },
    { name: 'CMD runs the program through gosu (no ENTRYPOINT)', code: 'FROM debian:bookworm-slim\nCMD gosu app /app\n' },
    { name: 'official image whose entrypoint steps down, kept', code: 'FROM postgres:16-alpine\nCOPY init.sql /docker-entrypoint-initdb.d/\n' },
    { name: 'the same with USER root and a CMD running the server', code: 'FROM docker.io/library/redis:7\nUSER root\nRUN apt-get update\nCMD ["redis-server", "/etc/redis.conf"]\n' },
    { name: 'couchdb with a CMD running its server by full path', code: 'FROM couchdb:3.4\nCMD ["/opt/couchdb/bin/couchdb"]\n' },
    { name: 'the same with a CMD of options for the server', code: 'FROM mysql:8.4\nCMD ["--character-set-server=utf8mb4"]\n' },
    { name: 'redis with a CMD of options for the server', code: 'FROM redis:7\nCMD ["--port", "7000"]\n' },
    { name: "redis with a CMD naming a config file (its entrypoint prepends redis-server)", code: 'FROM redis:7-alpine\nCOPY redis.conf /usr/local/etc/redis/\nCMD ["/usr/local/etc/redis/redis.conf"]\n' },
    { name: 'ENTRYPOINT runs gosu behind tini', code: 'FROM debian:bookworm-slim\nENTRYPOINT ["/sbin/tini", "--", "gosu", "app", "server"]\n' },
    { name: 'ENTRYPOINT runs su-exec behind dumb-init', code: 'FROM alpine:3.20\nENTRYPOINT ["dumb-init", "--", "su-exec", "app", "x"]\n' },
    { name: 'ENTRYPOINT runs gosu behind tini with options', code: 'FROM debian:bookworm-slim\nENTRYPOINT ["tini", "-g", "-p", "SIGTERM", "--", "gosu", "app", "server"]\n' },
    { name: 'CMD runs gosu behind env (no ENTRYPOINT)', code: 'FROM debian:bookworm-slim\nCMD ["env", "HOME=/home/app", "gosu", "app", "server"]\n' },
    { name: 'shell-form ENTRYPOINT execs gosu', code: 'FROM debian:bookworm-slim\nENTRYPOINT exec gosu app server\n' },
    { name: 'shell-form CMD execs su-exec (no ENTRYPOINT)', code: 'FROM alpine:3.20\nCMD exec su-exec app x\n' },
    { name: 'shell-form ENTRYPOINT fixes ownership, then steps down', code: 'FROM debian:bookworm-slim\nENTRYPOINT chown -R app /data && \\\n  exec gosu app server\n' },
    { name: 'exec-form ENTRYPOINT runs sh -c that execs gosu', code: 'FROM debian:bookworm-slim\nENTRYPOINT ["sh", "-c", "exec gosu app x"]\n' },
    { name: 'exec-form CMD runs bash -c that fixes ownership, then execs su-exec', code: 'FROM alpine:3.20\nCMD ["/bin/bash", "-ec", "chown -R app /data && exec su-exec app x"]\n' },
    { name: 'exec-form ENTRYPOINT runs sh -c behind tini', code: 'FROM debian:bookworm-slim\nENTRYPOINT ["tini", "--", "sh", "-c", "exec gosu app \\"$@\\"", "--"]\n' },
    { name: 'step-down base that declares its own entrypoint script again', code: 'FROM postgres:16\nCOPY init.sql /docker-entrypoint-initdb.d/\nENTRYPOINT ["docker-entrypoint.sh"]\nCMD ["postgres"]\n' },
    { name: 'the same by path, with the server as an entrypoint argument', code: 'FROM mariadb:11\nENTRYPOINT ["/usr/local/bin/docker-entrypoint.sh", "mariadbd"]\n' },
    { name: 'the same with options for the server as CMD', code: 'FROM postgres:16\nENTRYPOINT ["docker-entrypoint.sh"]\nCMD ["-c", "max_connections=200"]\n' },
    { name: 'the same in the stage after the base with CMD before ENTRYPOINT', code: 'FROM postgres:16 AS db\nFROM db\nCMD ["postgres"]\nENTRYPOINT ["docker-entrypoint.sh"]\n' },
  ],
  invalid: [
    { name: 'official step-down image with its own ENTRYPOINT: that entrypoint runs as root', code: 'FROM postgres:16\nENTRYPOINT ["postgres"]\n', errors: [{ message: 'runs as root', line: 1 }] },
    { name: 'official step-down image whose CMD runs another program: the entrypoint stays root', code: 'FROM redis:7\nCMD ["/run.sh"]\n', errors: [{ message: 'runs as root', line: 1 }] },
    { name: 'official step-down image with a shell-form CMD (`/bin/sh -c …` reaches the entrypoint)', code: 'FROM redis:7\nCMD redis-server /etc/redis.conf\n', errors: [{ message: 'runs as root', line: 1 }] },
    { name: 'gosu run in a RUN, but no ENTRYPOINT to step down in', code: 'FROM debian:bookworm-slim\nRUN apt-get install -y gosu && gosu nobody true\nCMD ["/app"]\n', errors: [{ message: 'runs as root', line: 1 }] },
    { name: 'ENTRYPOINT runs the program through gosu as root: no step down', code: 'FROM debian:bookworm-slim\nRUN apt-get install -y gosu\nENTRYPOINT ["gosu", "root", "/app"]\n', errors: [{ message: 'runs as root', line: 1 }] },
    { name: 'CMD runs the program through su-exec as UID 0', code: 'FROM alpine:3.20\nCMD su-exec 0:0 /app\n', errors: [{ message: 'runs as root', line: 1 }] },
    { name: 'ENTRYPOINT runs gosu behind tini as root', code: 'FROM debian:bookworm-slim\nENTRYPOINT ["tini", "--", "gosu", "root", "server"]\n', errors: [{ message: 'runs as root', line: 1 }] },
    { name: 'ENTRYPOINT runs su-exec behind dumb-init as UID 0', code: 'FROM alpine:3.20\nENTRYPOINT ["dumb-init", "su-exec", "0:0", "x"]\n', errors: [{ message: 'runs as root', line: 1 }] },
    { name: 'ENTRYPOINT is an init wrapper without gosu', code: 'FROM debian:bookworm-slim\nENTRYPOINT ["tini", "--", "server"]\n', errors: [{ message: 'runs as root', line: 1 }] },
    { name: 'shell-form ENTRYPOINT execs gosu as root', code: 'FROM debian:bookworm-slim\nENTRYPOINT exec gosu root server\n', errors: [{ message: 'runs as root', line: 1 }] },
    { name: 'exec-form ENTRYPOINT runs sh -c that execs gosu as root', code: 'FROM debian:bookworm-slim\nENTRYPOINT ["sh", "-c", "exec gosu root x"]\n', errors: [{ message: 'runs as root', line: 1 }] },
    { name: 'exec-form CMD runs bash -c that steps down only for a setup command', code: 'FROM debian:bookworm-slim\nCMD ["bash", "-c", "gosu app setup && server"]\n', errors: [{ message: 'runs as root', line: 1 }] },
    { name: 'exec-form ENTRYPOINT passes gosu to sh as an argument, not a -c script', code: 'FROM debian:bookworm-slim\nENTRYPOINT ["sh", "/start.sh", "gosu app x"]\n', errors: [{ message: 'runs as root', line: 1 }] },
    { name: 'shell-form CMD steps down only for a setup command, then runs the server as root', code: 'FROM debian:bookworm-slim\nCMD gosu app setup && server\n', errors: [{ message: 'runs as root', line: 1 }] },
    { name: 'shell-form ENTRYPOINT under a PowerShell SHELL is not read as sh', code: 'FROM debian:bookworm-slim\nSHELL ["pwsh", "-Command"]\nENTRYPOINT exec gosu app server\n', errors: [{ message: 'runs as root', line: 1 }] },
    { name: 'step-down base with its own docker-entrypoint.sh copied in', code: 'FROM postgres:16\nCOPY docker-entrypoint.sh /usr/local/bin/\nENTRYPOINT ["docker-entrypoint.sh"]\nCMD ["postgres"]\n', errors: [{ message: 'runs as root', line: 1 }] },
    { name: 'step-down base with its own script under that name', code: 'FROM postgres:16\nCOPY scripts/start.sh /usr/local/bin/docker-entrypoint.sh\nENTRYPOINT ["docker-entrypoint.sh"]\nCMD ["postgres"]\n', errors: [{ message: 'runs as root', line: 1 }] },
    { name: 'step-down base with scripts copied into /usr/local/bin', code: 'FROM redis:7\nADD bin/ /usr/local/bin/\nENTRYPOINT ["docker-entrypoint.sh"]\nCMD ["redis-server"]\n', errors: [{ message: 'runs as root', line: 1 }] },
    { name: 'step-down base entrypoint declared again, CMD runs another program', code: 'FROM postgres:16\nENTRYPOINT ["docker-entrypoint.sh"]\nCMD ["/run.sh"]\n', errors: [{ message: 'runs as root', line: 1 }] },
    { name: 'step-down base entrypoint declared again without CMD: Docker resets the base CMD', code: 'FROM postgres:16\nENTRYPOINT ["docker-entrypoint.sh"]\n', errors: [{ message: 'runs as root', line: 1 }] },
    { name: 'step-down base entrypoint declared again before a stage whose CMD it does not keep', code: 'FROM postgres:16 AS db\nCMD ["postgres"]\nFROM db\nENTRYPOINT ["docker-entrypoint.sh"]\n', errors: [{ message: 'runs as root', line: 3 }] },
    { name: 'step-down base entrypoint declared again in the shell form (receives no arguments)', code: 'FROM postgres:16\nENTRYPOINT docker-entrypoint.sh\nCMD ["postgres"]\n', errors: [{ message: 'runs as root', line: 1 }] },
    { name: 'step-down base entrypoint declared again with a shell-form CMD', code: 'FROM postgres:16\nENTRYPOINT ["docker-entrypoint.sh"]\nCMD postgres\n', errors: [{ message: 'runs as root', line: 1 }] },
    { name: 'a config file as CMD only makes the redis entrypoint run the server', code: 'FROM postgres:16\nCMD ["/etc/postgresql/postgresql.conf"]\n', errors: [{ message: 'runs as root', line: 1 }] },
    { name: 'redis with a CMD naming a file that does not end in .conf', code: 'FROM redis:7\nCMD ["redis.conf.sh"]\n', errors: [{ message: 'runs as root', line: 1 }] },
    { name: 'gosu run in a RUN only as root, with an ENTRYPOINT script', code: 'FROM debian:bookworm-slim\nRUN gosu root true\nENTRYPOINT ["/entrypoint.sh"]\n', errors: [{ message: 'runs as root', line: 1 }] },
    {
      name: 'official step-down image whose CMD names the server by path: the entrypoint compares the name as written',
      code: 'FROM redis:7\nCMD ["/usr/local/bin/redis-server", "/etc/redis.conf"]\n',
      errors: [{ message: 'runs as root', line: 1 }],
    },
    { name: 'couchdb\'s entrypoint steps down only for the full path of the server', code: 'FROM couchdb:3\nCMD ["couchdb"]\n', errors: [{ message: 'has no USER', line: 1 }] },
    { name: 'gosu only named as a file, not run', code: 'FROM debian:bookworm-slim\nRUN wget -O /usr/local/bin/gosu https://example.com/gosu\nENTRYPOINT ["/entrypoint.sh"]\n', errors: [{ message: 'runs as root', line: 1 }] },
    {
      name: 'no USER on node: built-in user first, then user creation, before the comment above CMD',
      code: 'FROM node:20\nWORKDIR /app\nRUN npm ci\n# start\nCMD ["node", "a.js"]\nEXPOSE 80\n',
      errors: [
        {
          message: 'no USER instruction and `node:20` runs as root',
          line: 1,
          column: 1,
          endLine: 1,
          endColumn: 13,
          severity: 'warning',
          fixes: [
            {
              title: "the image's `node` user",
              safe: false,
              output: 'FROM node:20\nWORKDIR /app\nRUN npm ci\nUSER node\n# start\nCMD ["node", "a.js"]\nEXPOSE 80\n',
            },
            {
              title: 'Debian/Ubuntu',
              safe: false,
              output: `FROM node:20\nWORKDIR /app\nRUN npm ci\n${DEBIAN_USER}\nUSER app\n# start\nCMD ["node", "a.js"]\nEXPOSE 80\n`,
            },
          ],
        },
      ],
      output: 'FROM node:20\nWORKDIR /app\nRUN npm ci\n# start\nCMD ["node", "a.js"]\nEXPOSE 80\n',
    },
    {
      name: 'USER root with nothing needing root after it is replaced (CRLF kept)',
      code: 'FROM alpine:3.20\r\nUSER root\r\nCOPY a /a\r\nENTRYPOINT ["/a"]\r\n',
      errors: [
        {
          message: 'ends as root',
          line: 2,
          column: 1,
          endColumn: 10,
          fixes: [{ title: 'Alpine', output: `FROM alpine:3.20\r\n${ALPINE_USER}\r\nUSER app\r\nCOPY a /a\r\nENTRYPOINT ["/a"]\r\n` }],
        },
      ],
    },
    {
      name: 'an indented USER root is replaced with lines at its indentation',
      code: 'FROM alpine:3.20\n  USER root\n  CMD ["/a"]\n',
      errors: [{ line: 2, fixes: [{ title: 'Alpine', output: `FROM alpine:3.20\n  ${ALPINE_USER}\n  USER app\n  CMD ["/a"]\n` }] }],
    },
    {
      name: 'USER 0:0 followed by RUN: the switch goes after the last RUN',
      code: 'FROM ubuntu:24.04\nUSER 0:0\nRUN apt-get update\nCMD ["/app"]\n',
      errors: [{ line: 2, fixes: [{ output: `FROM ubuntu:24.04\nUSER 0:0\nRUN apt-get update\n${DEBIAN_USER}\nUSER app\nCMD ["/app"]\n` }] }],
    },
    {
      name: 'root inherited from an earlier stage',
      code: 'FROM python:3.12 AS base\nUSER root\nFROM base\nCMD ["python", "app.py"]\n',
      errors: [
        {
          message: 'inherits `USER root` from stage `base`',
          line: 3,
          column: 1,
          endColumn: 10,
          fixes: [{ output: `FROM python:3.12 AS base\nUSER root\nFROM base\n${DEBIAN_USER}\nUSER app\nCMD ["python", "app.py"]\n` }],
        },
      ],
    },
    {
      name: 'switch back to an earlier non-root user; `app` already exists',
      code: 'FROM python:3.12-slim\nRUN useradd -r app\nUSER app\nCOPY . /app\nUSER root:root\nRUN pip install -r /app/requirements.txt\nCMD ["python", "/app/main.py"]\n',
      errors: [
        {
          line: 5,
          fixes: [
            {
              title: 'Switch back to `USER app`',
              output:
                'FROM python:3.12-slim\nRUN useradd -r app\nUSER app\nCOPY . /app\nUSER root:root\nRUN pip install -r /app/requirements.txt\nUSER app\nCMD ["python", "/app/main.py"]\n',
            },
          ],
        },
      ],
    },
    // Every split of the words by an unindented continuation line (the document has neither word).
    ...['useradd', 'adduser'].flatMap((w) =>
      [...w].slice(1).map((_, k) => {
        const run = `RUN ${w.slice(0, k + 1)}\\\n${w.slice(k + 1)} -r app`;
        return {
          name: `a user created across an unindented continuation line (${JSON.stringify(run)}) exists`,
          code: `FROM debian:bookworm-slim\n${run}\nCMD ["x"]\n`,
          errors: [{ line: 1, fixes: [{ title: 'Switch to the `app` user', output: `FROM debian:bookworm-slim\n${run}\nUSER app\nCMD ["x"]\n` }] }],
        };
      }),
    ),
    {
      name: 'a user created across an unindented continuation line (`use\\` + `radd app`) exists',
      code: 'FROM debian:bookworm-slim\nRUN use\\\nradd app\nCMD ["x"]\n',
      errors: [{ line: 1, fixes: [{ title: 'Switch to the `app` user', output: 'FROM debian:bookworm-slim\nRUN use\\\nradd app\nUSER app\nCMD ["x"]\n' }] }],
    },
    {
      name: 'an indented continuation line separates the words (`use` + `  radd app`): no user yet',
      code: 'FROM debian:bookworm-slim\nRUN use\\\n  radd app\nCMD ["x"]\n',
      errors: [{ line: 1, fixes: [{ title: 'Debian/Ubuntu', output: `FROM debian:bookworm-slim\nRUN use\\\n  radd app\n${DEBIAN_USER}\nUSER app\nCMD ["x"]\n` }] }],
    },
    {
      name: 'the file ends in an open continuation (after a comment line): no fix, an added USER would continue the RUN',
      code: 'FROM debian:bookworm-slim\nRUN useradd ap\\\n#c \\x\n',
      errors: [{ line: 1, fixes: [] }],
    },
    {
      name: 'the file ends in an open continuation, with or without a line break: no fix',
      code: 'FROM alpine:3.20\nRUN apk add --no-cache \\\n',
      errors: [{ line: 1, fixes: [] }],
    },
    { name: 'open continuation at the very end, CRLF', code: 'FROM alpine:3.20\r\nRUN apk add --no-cache \\', errors: [{ line: 1, fixes: [] }] },
    { name: 'open continuation with the backtick escape', code: '# escape=`\nFROM alpine:3.20\nRUN apk add `\n\n', errors: [{ line: 2, fixes: [] }] },
    { name: 'unterminated heredoc at the end of the file: no fix', code: 'FROM alpine:3.20\nRUN <<EOF\napk add curl\n', errors: [{ line: 1, fixes: [] }] },
    { name: 'unterminated second heredoc of a COPY: no fix', code: 'FROM alpine:3.20\nCOPY <<A <<B /x/\na\nA\nb\n', errors: [{ line: 1, fixes: [] }] },
    {
      name: 'a terminated heredoc and a trailing escape inside a comment keep their fix',
      code: 'FROM alpine:3.20\nRUN <<EOF\napk add curl \\\nEOF\n# done \\\n',
      errors: [{ line: 1, fixes: [{ output: `FROM alpine:3.20\nRUN <<EOF\napk add curl \\\nEOF\n${ALPINE_USER}\nUSER app\n# done \\\n` }] }],
    },
    {
      name: 'a quoted `<<` or a here-string starts no heredoc: the fix is appended',
      code: 'FROM alpine:3.20\nRUN echo "<<x" <<<y',
      errors: [{ line: 1, fixes: [{ output: `FROM alpine:3.20\nRUN echo "<<x" <<<y\n${ALPINE_USER}\nUSER app` }] }],
    },
    {
      name: 'lines inserted before an indented CMD take its indentation',
      code: 'FROM alpine:3.20\n  RUN apk add curl\n  # start\n  CMD ["/a"]\n',
      errors: [{ line: 1, fixes: [{ output: `FROM alpine:3.20\n  RUN apk add curl\n  ${ALPINE_USER}\n  USER app\n  # start\n  CMD ["/a"]\n` }] }],
    },
    {
      name: 'a USER switch inserted before a tab-indented ENTRYPOINT',
      code: 'FROM gcr.io/distroless/static-debian12\nCOPY app /\n\tENTRYPOINT ["/app"]\n',
      errors: [{ line: 1, fixes: [{ output: 'FROM gcr.io/distroless/static-debian12\nCOPY app /\n\tUSER nonroot\n\tENTRYPOINT ["/app"]\n' }] }],
    },
    {
      name: 'distroless without the nonroot tag',
      code: 'FROM gcr.io/distroless/static-debian12\nCOPY app /\nCMD ["/app"]\n',
      errors: [{ line: 1, fixes: [{ title: '`nonroot`', output: 'FROM gcr.io/distroless/static-debian12\nCOPY app /\nUSER nonroot\nCMD ["/app"]\n' }] }],
    },
    {
      name: 'chainguard -dev images run as root',
      code: 'FROM cgr.dev/chainguard/python:latest-dev\nCMD ["app.py"]\n',
      errors: [{ fixes: [{ output: 'FROM cgr.dev/chainguard/python:latest-dev\nUSER nonroot\nCMD ["app.py"]\n' }] }],
    },
    {
      name: 'scratch image that runs something',
      code: 'FROM scratch\nCOPY app /\nENTRYPOINT ["/app"]\n',
      errors: [{ message: 'scratch image', fixes: [{ output: 'FROM scratch\nCOPY app /\nUSER 65532:65532\nENTRYPOINT ["/app"]\n' }] }],
    },
    {
      name: 'no CMD and no trailing newline: appended at the end with the file EOL',
      code: 'FROM debian:bookworm-slim\r\nRUN apt-get update',
      errors: [{ fixes: [{ output: `FROM debian:bookworm-slim\r\nRUN apt-get update\r\n${DEBIAN_USER}\r\nUSER app` }] }],
    },
    {
      name: 'unknown base dialect: numeric UID',
      code: 'FROM registry.example.com/base:1\nCMD ["x"]\n',
      errors: [{ message: 'which is root unless that image sets another', fixes: [{ title: 'numeric', output: 'FROM registry.example.com/base:1\nUSER 10001:10001\nCMD ["x"]\n' }] }],
    },
    {
      name: 'image named like an Object.prototype member has no built-in user',
      code: 'FROM constructor:1\nCMD ["x"]\n',
      errors: [{ line: 1, fixes: [{ title: 'numeric', output: 'FROM constructor:1\nUSER 10001:10001\nCMD ["x"]\n' }] }],
    },
    {
      name: 'USER resolved from an ARG default to root',
      code: 'FROM alpine:3.20\nARG RUN_AS=root\nUSER ${RUN_AS}\n',
      errors: [{ line: 3, fixes: [{ output: `FROM alpine:3.20\nARG RUN_AS=root\n${ALPINE_USER}\nUSER app\n` }] }],
    },
    {
      name: 'quotes are removed from the USER word, as Docker does',
      code: 'FROM alpine:3.20\nRUN apk add --no-cache tini\nUSER "root"\nRUN echo\nUSER \'0\':"0"\n',
      errors: [{ line: 5, message: 'ends as root' }],
    },
    { name: 'bitnami/minideb is a plain base', code: 'FROM bitnami/minideb:bookworm\nCMD ["x"]\n', errors: [{ line: 1 }] },
    {
      name: 'a user list without the base turns the check back on',
      code: 'FROM bitnami/node:20\n',
      options: { nonRootBaseImages: [] },
      errors: [{ line: 1 }],
    },
    {
      name: 'extraNonRootBaseImages: an unlisted base is still reported',
      code: 'FROM registry.example.com/other/java:17\nCMD ["java"]\n',
      options: { extraNonRootBaseImages: ['registry.example.com/base/*'] },
      errors: [{ line: 1 }],
    },
    {
      name: 'extraNonRootBaseImages: a `!glob` excludes a default entry',
      code: 'FROM bitnami/node:20\n',
      options: { extraNonRootBaseImages: ['!bitnami/node'] },
      errors: [{ line: 1 }],
    },
    {
      name: 'a non-list extraNonRootBaseImages is ignored (defaults still apply, unlisted bases reported)',
      code: 'FROM registry.example.com/base/java:17\n',
      options: { extraNonRootBaseImages: 'registry.example.com/base/*' },
      errors: [{ line: 1 }],
    },
  ],
});

describe('runCreatesAppUser', () => {
  /** The fast path answers exactly like the pattern on dockerfile-ast's argument content. */
  function assertSame(text: string): void {
    const doc = parseDockerfile(text);
    let any = false;
    for (const ins of doc.instructions) {
      if (ins.getKeyword() !== 'RUN') continue;
      const expected = CREATES_APP_USER.test(ins.getArgumentsContent() ?? '');
      any ||= expected;
      assert.equal(runCreatesAppUser(doc, ins), expected, JSON.stringify(text));
    }
    // The document-wide pre-check (`none`) agrees too.
    assert.equal(createsAppUser(doc, doc.stages), any, JSON.stringify(text));
  }

  it('matches dockerfile-ast on words split by continuations, comments and its corner cases', () => {
    const cases = [
      'FROM x\nRUN useradd -r app\n',
      'FROM x\nRUN use\\\nradd app',
      'FROM x\nRUN useradd a\\\npp',
      'FROM x\nRUN use\\\n  radd app',
      'FROM x\nRUN useradd ap\\\n\\x',
      'FROM x\nRUN useradd ap\\\n#c \\x\n',
      'FROM x\nRUN adduser add  ap\\\r \\-',
      'FROM x\nRUN useradd \\\n# comment\n  app\n',
      '# escape=`\nFROM x\nRUN add`\nuser app',
    ];
    for (const c of cases) assertSame(c);
  });

  it('matches dockerfile-ast on random text', () => {
    for (const t of randomDockerfiles(20261126, 20000, 'FROM x\nRUN ', 10, (esc) => ['use', 'radd', 'useradd ', 'adduser ', 'add', 'user', 'a', 'ap', 'app', 'p', 'pp', 'x', ' ', '\t', '\n', '\r', '\r\n',
      esc + '\n', esc + '\n', esc + '\r\n', esc + '\r', esc + ' \n', esc + 'x', esc + '-', esc, '#c\n', ' #c\n', 'x#\n', '#c' + esc + 'x',
      'apt-get ', 'myapp', 'appuser', '/app', 'app ', '_app', esc + 'app', '#'])) {
      assertSame(t);
    }
  });
  it('matches dockerfile-ast on random text without the words, which only joined lines can make', () => {
    let joined = 0;
    // Each word split at every point by a continuation (some with a comment line or indentation between).
    const splits = (esc: string) =>
      ['useradd', 'adduser'].flatMap((w) => [...w].slice(1).flatMap((_, k) => [w.slice(0, k + 1) + esc + '\n' + w.slice(k + 1), w.slice(0, k + 1) + esc + '\n#c\n' + w.slice(k + 1), w.slice(0, k + 1) + esc + '\n  ' + w.slice(k + 1)]));
    for (const t of randomDockerfiles(20261127, 20000, 'FROM x\nRUN ', 8, (esc) => [...splits(esc), ...splits(esc), 'a', 'd', 'u', 'p', 'app', ' app', ' app', 'x', ' ', ' ', '\t',
      '\n', '\r\n', esc + '\n', esc + ' \n', esc + '\r\n', '#c\n', ' #c\n', '<<EOF\n', 'EOF\n', esc])) {
      if (t.includes('useradd') || t.includes('adduser')) continue;
      assertSame(t);
      const doc = parseDockerfile(t);
      if (doc.instructions.some((ins) => ins.getKeyword() === 'RUN' && CREATES_APP_USER.test(ins.getArgumentsContent() ?? ''))) joined++;
    }
    assert.ok(joined > 10, `only ${joined} texts make the words by joining lines`);
  });
});

describe('mayEndOpen', () => {
  /** Never false where `endsOpen` is true (it only spares calls that would answer false). */
  function assertCovers(text: string): void {
    const doc = parseDockerfile(text);
    for (const ins of doc.instructions) {
      if (endsOpen(doc, ins)) assert.ok(mayEndOpen(doc, ins), JSON.stringify(text));
    }
  }

  it('is true for files ending in a continuation or an unterminated heredoc', () => {
    const doc = parseDockerfile('FROM x\nRUN a \\\n  b \\\n# c\n\n');
    assert.ok(endsOpen(doc, doc.instructions[1]!));
    assert.ok(mayEndOpen(doc, doc.instructions[1]!));
    for (const text of ['FROM x\nRUN a \\ \t\n', 'FROM x\nRUN <<EOF\necho\n', 'FROM x\nCOPY <<EOF /a\nx\n', '# escape=`\nFROM x\nRUN a `\n#c\n']) assertCovers(text);
  });

  it('is false for a closed file without `<`', () => {
    const doc = parseDockerfile('FROM x\nRUN a \\\n  b\n# c \\\n\n');
    assert.equal(mayEndOpen(doc, doc.instructions[1]!), false);
  });

  it('covers endsOpen on random text', () => {
    for (const t of randomDockerfiles(20261127, 5000, 'FROM x\n', 12, (esc) => ['RUN ', 'COPY ', 'WORKDIR ', 'a', ' ', '\t', '\n', '\r', '\r\n', esc, esc + '\n', esc + ' \n', '#c\n', ' #c' + esc + '\n', '<<EOF', '<<-E\n', 'EOF\n', 'E\n', '<', 'x\n'])) {
      assertCovers(t);
    }
  });
});

describe('mayNameStepDownTool', () => {
  /** Never false where the parsed CMD/ENTRYPOINT runs through gosu/su-exec (it only spares parses that would answer false). */
  function assertCovers(text: string): number {
    const doc = parseDockerfile(text);
    let ruledOut = 0;
    for (const ins of doc.instructions) {
      const kw = ins.getKeyword();
      if (kw !== 'CMD' && kw !== 'ENTRYPOINT') continue;
      if (mayNameStepDownTool(doc, ins)) continue;
      ruledOut++;
      assert.equal(runsThroughToolParsed(doc, ins), false, JSON.stringify(text));
    }
    return ruledOut;
  }

  /** [pre-check, parsed answer] for the last instruction of `text`. */
  function answers(text: string): [boolean, boolean] {
    const doc = parseDockerfile(text);
    const ins = doc.instructions[doc.instructions.length - 1]!;
    return [mayNameStepDownTool(doc, ins), runsThroughToolParsed(doc, ins)];
  }

  it('is true where quotes, escapes or continuations make the tool name', () => {
    for (const text of [
      'FROM x\nENTRYPOINT ["go\\u0073u", "app", "server"]\n',
      '# escape=`\nFROM x\nENTRYPOINT ["go\\u0073u", "app", "server"]\n',
      'FROM x\nENTRYPOINT ["/sbin/tini", "--", "su-exec", "app", "server"]\n',
      'FROM x\nCMD exec go"su" app server\n',
      "FROM x\nCMD exec go$'su' app server\n",
      'FROM x\nCMD exec g\'\'o""s$\'\'u app server\n',
      'FROM x\nCMD ["sh", "-c", "exec s\'u-\'e\'x\'ec app server"]\n',
      'FROM x\nCMD exec go\\su app server\n',
      'FROM x\nCMD exec go\\\nsu app server\n',
      '# escape=`\nFROM x\nCMD exec go`\nsu app server\n',
      'FROM x\nCMD ["sh", "-c", "exec su-\\"exec\\" app server"]\n',
    ]) {
      assert.deepEqual(answers(text), [true, true], JSON.stringify(text));
    }
  });

  it('is false for a CMD without the tools', () => {
    assert.deepEqual(answers('FROM x\nCMD ["node", "server.js"]\n'), [false, false]);
  });

  it('covers the parsed answer on random text', () => {
    let ruledOut = 0;
    for (const t of randomDockerfiles(20261128, 20000, 'FROM x\n', 10, (esc) => ['CMD ', 'ENTRYPOINT ', '\n', '[', ']', '"', "'", ', ', ' ', '$', '$\'', '$"',
      'go', 'su', 'gosu', 'su-', 'exec', 'su-exec', 'app', 'root', 'sh', '-c', 'tini', '--', '&&', ';', '/usr/bin/', '\\u0073', '\\"', esc, esc + '\n', '#c\n',
      // Pieces of a tool name around quotes
      "go$'", "'su", 'go"', '"su', "su-'", "'exec"])) {
      ruledOut += assertCovers(t);
    }
    assert.ok(ruledOut > 500, `only ${ruledOut} instructions were ruled out`);
  });
});

describe('matchesImageList', () => {
  it('answers each name again from its own list (answers are remembered per list and name)', () => {
    const nonRoot = ['*:nonroot', 'bitnami/*'];
    const excluding = ['bitnami/*', '!bitnami/nginx'];
    for (let round = 0; round < 2; round++) {
      assert.equal(matchesImageList('bitnami/nginx', nonRoot), true);
      assert.equal(matchesImageList('bitnami/nginx', excluding), false);
      assert.equal(matchesImageList('bitnami/redis:7', excluding), true);
      assert.equal(matchesImageList('node:20', nonRoot), false);
      assert.equal(matchesImageList('gcr.io/distroless/base:nonroot', nonRoot), true);
    }
  });
});

describe('isDevContainerFile', () => {
  it('takes a `.devcontainer` folder only, whatever the path separator', () => {
    assert.equal(isDevContainerFile('.devcontainer/Dockerfile'), true);
    assert.equal(isDevContainerFile('repo/.devcontainer/Dockerfile'), true);
    assert.equal(isDevContainerFile('C:\\repo\\.devcontainer\\Dockerfile'), true);
    assert.equal(isDevContainerFile('repo/app.devcontainer/Dockerfile'), false);
    assert.equal(isDevContainerFile('repo/.devcontainer.Dockerfile'), false);
    assert.equal(isDevContainerFile('repo/Dockerfile'), false);
  });
});
