import { ruleTester } from '../../testing/rule-tester';
import { setWorkdirBeforeCopy } from './set-workdir-before-copy';

ruleTester(setWorkdirBeforeCopy, {
  valid: [
    { name: 'WORKDIR first', code: 'FROM node:20-alpine\nWORKDIR /app\nCOPY . .\nCOPY src/ ./src\n' },
    { name: 'absolute destination', code: 'FROM nginx:1.27-alpine\nCOPY nginx.conf /etc/nginx/nginx.conf\nCOPY . /usr/share/nginx/html\n' },
    { name: 'WORKDIR inherited from the base stage', code: 'FROM node:20-alpine AS base\nWORKDIR /app\nFROM base AS build\nCOPY . .\n' },
    { name: 'variable destination', code: 'FROM node:20-alpine\nCOPY . $APP_HOME\n' },
    { name: 'windows absolute destination', code: 'FROM mcr.microsoft.com/windows/servercore:ltsc2022\nCOPY app C:\\\\app\n' },
    { name: 'artifacts from another stage', code: 'FROM scratch\nCOPY --from=build /src/exit amd64\n' },
    { name: 'stage built on scratch (also through a stage): the working directory can only be `/`', code: 'FROM scratch AS bin\nADD app app\nFROM bin\nCOPY README.md .\n' },
    { name: 'incomplete COPY while typing', code: 'FROM node:20-alpine\nCOPY .\n' },
  ],
  invalid: [
    {
      name: 'COPY . . without WORKDIR',
      code: 'FROM node:20-alpine\nCOPY . .\n',
      errors: [{ message: 'COPY to the relative destination `.`', line: 2, column: 8, endColumn: 9, severity: 'info', fixes: [] }],
    },
    {
      name: 'COPY src/ ./src and ADD, WORKDIR only later',
      code: 'FROM python:3.12-slim\nCOPY --chown=app src/ ./src\nADD vendor.tar.gz vendor/\nWORKDIR /app\nCOPY . .\n',
      errors: [
        { line: 2, column: 23, endColumn: 28 },
        { message: 'ADD to the relative destination `vendor/`', line: 3, column: 19 },
      ],
    },
    {
      name: 'WORKDIR of an unrelated stage does not count; JSON form',
      code: 'FROM golang:1.22 AS build\nWORKDIR /src\nFROM alpine:3.20\nCOPY ["app", "./"]\n',
      errors: [{ line: 4, column: 14, endColumn: 18 }],
    },
  ],
});
