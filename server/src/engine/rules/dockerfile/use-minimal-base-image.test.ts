import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ruleTester } from '../../testing/rule-tester';
import { minimalVariants, useMinimalBaseImage } from './use-minimal-base-image';

ruleTester(useMinimalBaseImage, {
  valid: [
    { name: 'alpine variant', code: 'FROM node:20-alpine\n' },
    { name: 'slim variant', code: 'FROM python:3.12-slim-bookworm\n' },
    { name: 'debian slim', code: 'FROM debian:bookworm-slim\n' },
    { name: 'distroless', code: 'FROM gcr.io/distroless/static-debian12:nonroot\n' },
    { name: 'chainguard', code: 'FROM cgr.dev/chainguard/python:latest\n' },
    { name: 'scratch', code: 'FROM scratch\nCOPY app /\n' },
    { name: 'busybox', code: 'FROM busybox:1.36\n' },
    { name: 'ubi-minimal', code: 'FROM registry.access.redhat.com/ubi9/ubi-minimal:9.4\n' },
    { name: 'ubi micro', code: 'FROM registry.access.redhat.com/ubi9-micro:9.4\n' },
    { name: 'chiseled .NET', code: 'FROM mcr.microsoft.com/dotnet/aspnet:8.0-jammy-chiseled\n' },
    { name: 'build stages are not judged', code: 'FROM golang:1.22 AS build\nRUN go build -o /app .\nFROM alpine:3.20\nCOPY --from=build /app /app\n' },
    { name: 'ARG default resolving to a minimal image', code: 'ARG VARIANT=alpine\nFROM node:20-${VARIANT}\n' },
    { name: 'unknown base (ARG without default)', code: 'ARG BASE\nFROM ${BASE}\n' },
    { name: 'unknown third-party image is not judged by default', code: 'FROM registry.example.com/team/base:1.2\n' },
    { name: 'dev container', code: 'FROM ubuntu:24.04\n', fileName: '.devcontainer/Dockerfile' },
    { name: 'configured minimal pattern', code: 'FROM ubuntu:24.04\n', options: { minimalImagePatterns: ['ubuntu:*'] } },
    { name: 'extraMinimalImagePatterns adds a pattern…', code: 'FROM ubuntu:24.04\n', options: { extraMinimalImagePatterns: ['ubuntu:*'] } },
    { name: '…and keeps the defaults', code: 'FROM node:20-alpine\n', options: { extraMinimalImagePatterns: ['ubuntu:*'] } },
    {
      name: 'extraMinimalImagePatterns adds to a replaced list too',
      code: 'FROM ubuntu:24.04\n',
      options: { minimalImagePatterns: ['*alpine*'], extraMinimalImagePatterns: ['ubuntu'] },
    },
    { name: 'templated image name', code: 'FROM oraclelinux:{{ version }}\n' },
    { name: 'image named like an Object.prototype member', code: 'FROM constructor:1\n' },
  ],
  invalid: [
    {
      name: 'Windows Server Core: Nano Server is the minimal base, not alpine or slim',
      code: 'FROM python:3.12-windowsservercore-ltsc2022\nCMD ["python"]\n',
      errors: [{ message: '`python:3.12-windowsservercore-ltsc2022`, a full-size image; ship the final stage on a Nano Server base', fixes: [] }],
    },
    {
      name: 'node: alpine and slim offered as unsafe fixes',
      code: 'FROM node:20\nUSER node\nCMD ["node", "server.js"]\n',
      errors: [
        {
          message: 'minimal variant exists (`node:20-alpine`, `node:20-slim`)',
          line: 1,
          column: 6,
          endLine: 1,
          endColumn: 13,
          severity: 'info',
          fixes: [
            { title: 'node:20-alpine', safe: false, output: 'FROM node:20-alpine\nUSER node\nCMD ["node", "server.js"]\n' },
            { title: 'node:20-slim', safe: false, output: 'FROM node:20-slim\nUSER node\nCMD ["node", "server.js"]\n' },
          ],
        },
      ],
      output: 'FROM node:20\nUSER node\nCMD ["node", "server.js"]\n',
    },
    {
      name: 'python: slim only',
      code: 'FROM python:3.12\n',
      errors: [{ fixes: [{ title: 'python:3.12-slim', output: 'FROM python:3.12-slim\n' }] }],
    },
    {
      name: 'python on a Debian suite keeps the suite',
      code: 'FROM python:3.12-bookworm\n',
      errors: [{ fixes: [{ output: 'FROM python:3.12-slim-bookworm\n' }] }],
    },
    {
      name: 'resolved through the stage chain; the fix edits the root FROM',
      code: 'FROM nginx:1.27 AS base\nCOPY nginx.conf /etc/nginx/\nFROM base AS final\n',
      errors: [{ line: 1, column: 6, endColumn: 16, fixes: [{ output: 'FROM nginx:1.27-alpine AS base\nCOPY nginx.conf /etc/nginx/\nFROM base AS final\n' }] }],
    },
    {
      name: 'ARG default in the tag: the variable is kept',
      code: 'ARG NODE_VERSION=20\nFROM node:${NODE_VERSION}\n',
      errors: [
        {
          message: '`node:20`',
          line: 2,
          fixes: [{ output: 'ARG NODE_VERSION=20\nFROM node:${NODE_VERSION}-alpine\n' }, { output: 'ARG NODE_VERSION=20\nFROM node:${NODE_VERSION}-slim\n' }],
        },
      ],
    },
    { name: 'Docker Hub written in full', code: 'FROM docker.io/library/redis:7.2\n', errors: [{ fixes: [{ output: 'FROM docker.io/library/redis:7.2-alpine\n' }] }] },
    { name: 'digest-pinned: no fix (the digest would not match)', code: 'FROM node:20@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef\n', errors: [{ fixes: [] }] },
    {
      name: 'pinned by digest only: the message names the digest, not `latest`',
      code: 'FROM node@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef\n',
      errors: [{ message: 'based on `node@sha256:0123456789ab…`, a full-size image;', fixes: [] }],
    },
    { name: 'ubuntu: reported without a fix', code: 'FROM ubuntu:24.04\n', errors: [{ message: 'ship the final stage on a minimal base', fixes: [] }] },
    { name: 'debian', code: 'FROM debian:12\n', errors: [{ fixes: [{ output: 'FROM debian:12-slim\n' }] }] },
    { name: 'php-fpm', code: 'FROM php:8.3-fpm\n', errors: [{ fixes: [{ output: 'FROM php:8.3-fpm-alpine\n' }] }] },
    { name: 'php-apache has no alpine variant', code: 'FROM php:8.3-apache\n', errors: [{ fixes: [] }] },
    { name: '.NET runtime', code: 'FROM mcr.microsoft.com/dotnet/aspnet:8.0\n', errors: [{ fixes: [{ output: 'FROM mcr.microsoft.com/dotnet/aspnet:8.0-alpine\n' }] }] },
    {
      name: 'reportUnknownImages',
      code: 'FROM registry.example.com/team/base:1.2\n',
      options: { reportUnknownImages: true },
      errors: [{ fixes: [] }],
    },
    {
      name: 'replacing minimalImagePatterns drops the defaults',
      code: 'FROM node:20-slim\n',
      options: { minimalImagePatterns: ['ubuntu:*'] },
      errors: [{ line: 1 }],
    },
    {
      name: 'extraMinimalImagePatterns: other full images are still reported',
      code: 'FROM debian:12\n',
      options: { extraMinimalImagePatterns: ['ubuntu:*'] },
      errors: [{ fixes: [{ output: 'FROM debian:12-slim\n' }] }],
    },
    {
      name: 'extraMinimalImagePatterns: a `!glob` excludes a default entry',
      code: 'FROM node:20-slim\n',
      options: { extraMinimalImagePatterns: ['!node:*-slim'] },
      errors: [{ line: 1 }],
    },
  ],
});

test('variant table: only variants that exist upstream', () => {
  assert.deepEqual(minimalVariants('node', 'lts'), ['lts-alpine', 'lts-slim']);
  assert.deepEqual(minimalVariants('node', '20-bookworm'), ['20-bookworm-slim']);
  assert.deepEqual(minimalVariants('ruby', '3.3'), ['3.3-slim', '3.3-alpine']);
  assert.deepEqual(minimalVariants('golang', '1.22.5'), ['1.22.5-alpine']);
  assert.deepEqual(minimalVariants('eclipse-temurin', '21-jre'), ['21-jre-alpine']);
  assert.deepEqual(minimalVariants('nginx', 'stable'), ['stable-alpine']);
  assert.deepEqual(minimalVariants('node', 'latest'), []);
  assert.deepEqual(minimalVariants('node', undefined), []);
  assert.deepEqual(minimalVariants('golang', '1.22-bookworm'), []);
  assert.deepEqual(minimalVariants('mysql', '8.0'), []);
});
