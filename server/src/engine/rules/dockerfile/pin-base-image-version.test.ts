import { ruleTester } from '../../testing/rule-tester';
import { pinBaseImageVersion } from './pin-base-image-version';

ruleTester(pinBaseImageVersion, {
  valid: [
    { name: 'tagged', code: 'FROM node:20-alpine\n' },
    { name: 'distribution releases and versioned variants', code: 'FROM debian:bookworm-slim\nFROM ubuntu:noble\nFROM python:3-alpine\nFROM node:20-bookworm-slim\nFROM eclipse-temurin:21-jre\n' },
    { name: 'a codename pins the distribution\'s own images, also behind a mirror', code: 'FROM buildpack-deps:bookworm-scm\nFROM public.ecr.aws/docker/library/debian:trixie\nFROM ubuntu:jammy\n' },
    { name: 'variants beside a version, or of an image whose name has the version', code: 'FROM busybox:1.36-musl\nFROM docker:27-dind\nFROM mcr.microsoft.com/dotnet/runtime:8.0-jammy-chiseled\nFROM eclipse-temurin:17-jre-alpine\nFROM gcr.io/distroless/nodejs20-debian12:nonroot\n' },
    { name: 'ARG default resolves the tag', code: 'ARG NODE_VERSION=20\nFROM node:${NODE_VERSION}-alpine\n' },
    { name: 'scratch', code: 'FROM scratch\n' },
    { name: 'reference to an earlier stage', code: 'FROM golang:1.22 AS build\nFROM build\n' },
    { name: 'stage reference is case-insensitive', code: 'FROM golang:1.22 AS Build\nFROM build AS test\n' },
    { name: 'digest', code: 'FROM node@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef\n' },
    { name: 'registry with port and tag', code: 'FROM registry.example.com:5000/team/app:1.2.3\n' },
    { name: 'platform flag', code: 'FROM --platform=$BUILDPLATFORM golang:1.22-alpine AS build\n' },
    { name: 'global ARG defaults built from earlier ones', code: 'ARG MAJOR=20\nARG VERSION=${MAJOR}-alpine\nARG V=${V:-3}\nFROM node:${VERSION}\nFROM python:${V}\n' },
    {
      name: 'global ARG default with an expansion not understood stays as written (and so do the ones using it)',
      code: 'ARG L=${TARGETPLATFORM#linux/amd64}\nARG L=${L:+"unsupported"}\nARG L=${L:-"supported"}\nFROM scratch AS exit-unsupported\nFROM scratch AS exit-supported\nFROM exit-${L} AS exit\n',
    },
    { name: 'a bare global ARG after one with a default keeps the default', code: 'ARG TAG=3.20\nARG TAG\nARG MAJOR=20 TAG\nFROM alpine:${TAG}\nFROM node:${MAJOR}-alpine${TAG}\n' },
    { name: 'default with ${VAR:-x}', code: 'ARG TAG\nFROM alpine:${TAG:-3.20}\n' },
    { name: 'registry from an ARG without default, tag written out', code: 'ARG REGISTRY\nFROM ${REGISTRY}/library/node:20-alpine\nFROM $MIRROR/team/app@sha256:' + 'a'.repeat(64) + '\n' },
    { name: 'predefined platform ARG in the tag is not an unknown version', code: 'FROM alpine:${TARGETARCH}\nFROM alpine:3.20-$TARGETOS\n' },
    { name: 'platform ARG declared globally without a default is still predefined', code: 'ARG TARGETARCH\nFROM alpine:${TARGETARCH}\n' },
    { name: 'global ARG default built from a platform ARG', code: 'ARG TAG=3.20-${TARGETARCH}\nFROM alpine:${TAG}\n' },
    {
      name: 'reference to earlier per-platform stages',
      code: 'ARG DEBUG\nFROM scratch AS bin-linux\nFROM scratch AS bin-windows\nFROM bin-$TARGETOS${DEBUG:+-debug} AS bin\nFROM alpine:3.20 AS base-armv7\nFROM base-${TARGETARCH}${TARGETVARIANT}\n',
    },
    {
      name: 'half-typed variable reference: nothing until it is complete (also with requireDigest)',
      code: 'FROM ${\nFROM ${BASE\nFROM image:${\nFROM image:${TAG\nFROM $\nFROM image:$\nFROM ${}\nFROM image:${TAG:-\n',
      options: { requireDigest: true },
    },
  ],
  invalid: [
    { name: 'no tag', code: 'FROM node\n', errors: [{ message: 'has no version tag', line: 1, column: 6, endColumn: 10, severity: 'warning', fixes: [] }] },
    {
      name: 'no tag on another registry: the example keeps the registry (not Docker Hub\'s image of that name)',
      code: 'FROM gcr.io/distroless/static\nFROM registry.example.com:5000/tools/curl AS c\n',
      errors: [
        { message: 'pin it (e.g. `gcr.io/distroless/static:<version>`)', line: 1 },
        { message: 'pin it (e.g. `registry.example.com:5000/tools/curl:<version>`)', line: 2 },
      ],
    },
    { name: 'latest', code: 'FROM node:latest AS base\n', errors: [{ message: 'uses `latest`', line: 1, column: 6, endColumn: 17 }] },
    {
      name: 'tag naming only a channel or variant moves like latest',
      code: 'FROM node:alpine\nFROM debian:sid-slim\nFROM node:lts-slim\nFROM alpine:edge\nFROM php:apache\n',
      errors: [
        { message: 'Base image `node:alpine` has no version in its tag: `alpine` follows the newest release', line: 1, severity: 'warning' },
        { message: '`sid-slim` follows', line: 2 },
        { message: '`lts-slim` follows', line: 3 },
        { message: '`edge` follows', line: 4 },
        { message: '`apache` follows', line: 5 },
      ],
    },
    {
      name: 'a codename on any other image names only the distribution underneath',
      code: 'FROM node:bookworm\nFROM golang:bullseye AS build\nFROM node:lts-bookworm-slim\nFROM mcr.microsoft.com/devcontainers/base:ubuntu-22.04\n',
      errors: [
        { message: 'Base image `node:bookworm` has no version in its tag: `bookworm` names the Debian release it is built on but no `node` version, so it moves to newer `node` releases; pin a specific version tag.', line: 1 },
        { message: '`bullseye` names the Debian release it is built on but no `golang` version', line: 2 },
        { message: '`lts-bookworm-slim` names no `node` version, only the Debian release it is built on (`bookworm`)', line: 3 },
        { message: '`ubuntu-22.04` names the Ubuntu release it is built on but no `base` version', line: 4 },
      ],
    },
    {
      name: 'distroless, busybox and docker variants name no version',
      code: 'FROM gcr.io/distroless/static:nonroot\nFROM busybox:musl AS tools\nFROM docker:dind\n',
      errors: [
        { message: 'Base image `gcr.io/distroless/static:nonroot` has no version in its tag: `nonroot` follows the newest release, like `latest`; pin a specific version tag.', line: 1 },
        { message: '`busybox:musl`', line: 2 },
        { message: '`docker:dind`', line: 3 },
      ],
    },
    { name: 'ARG default latest', code: 'ARG TAG=latest\nFROM node:${TAG}\n', errors: [{ message: '`node:latest`', line: 2 }] },
    { name: 'ARG without default is unknown', code: 'ARG TAG\nFROM node:${TAG}\n', errors: [{ message: '`TAG` has no default', severity: 'info' }] },
    {
      name: 'registry from an ARG without default: the written tag is still judged',
      code: 'ARG REGISTRY\nFROM ${REGISTRY}/node:alpine\nFROM $REGISTRY/node\nFROM ${REGISTRY}/node:latest\n',
      errors: [
        { message: 'Base image `${REGISTRY}/node:alpine` has no version in its tag', line: 2, severity: 'warning' },
        { message: 'pin it (e.g. `$REGISTRY/node:<version>`)', line: 3 },
        { message: 'uses `latest`', line: 4 },
      ],
    },
    {
      name: 'an unknown ARG in the image name: a written `latest` is still `latest`',
      code: 'ARG IMAGE\nFROM ${IMAGE}:latest\nFROM ${IMAGE}:alpine\n',
      errors: [
        { message: 'Base image `${IMAGE}:latest` uses `latest`; pin a specific version tag.', line: 2, severity: 'warning' },
        { message: '`IMAGE` has no default', line: 3, severity: 'info' },
      ],
    },
    { name: 'an unknown ARG in the image name after the last slash is still unknown', code: 'ARG IMG\nFROM registry.example.com/${IMG}\n', errors: [{ message: '`IMG` has no default', severity: 'info' }] },
    { name: 'second name of a global ARG', code: 'ARG NODE=20 TAG=latest\nFROM node:${TAG}\n', errors: [{ message: 'Base image `node:latest` uses `latest`', severity: 'warning' }] },
    { name: 'global ARG default built from an earlier one', code: 'ARG TAG=latest\nARG NODE_TAG=${TAG}\nFROM node:${NODE_TAG}\n', errors: [{ message: 'Base image `node:latest` uses `latest`' }] },
    {
      name: 'global ARG default built from one without a default',
      code: 'ARG MAJOR\nARG VERSION=${MAJOR}-alpine\nFROM node:${VERSION}\n',
      errors: [{ message: 'Base image version is unknown: `MAJOR` has no default value', severity: 'info' }],
    },
    {
      name: 'only the version ARG is named next to a platform ARG',
      code: 'ARG GO_VERSION\nFROM --platform=$BUILDPLATFORM golang:${GO_VERSION}-${TARGETOS}\n',
      errors: [{ message: 'Base image version is unknown: `GO_VERSION` has no default value', severity: 'info' }],
    },
    { name: 'platform ARG naming the repository, no tag', code: 'FROM ${TARGETARCH}/alpine\n', errors: [{ message: 'Base image `${TARGETARCH}/alpine` has no version tag', severity: 'warning' }] },
    { name: 'platform ARG that names no earlier stage', code: 'FROM scratch AS bin-linux\nFROM bin-${TARGETARCH}\n', errors: [{ message: 'no version tag', line: 2 }] },
    { name: 'registry port is not a tag', code: 'FROM localhost:5000/app\n', errors: [{ message: 'no version tag' }] },
    { name: 'each stage judged', code: 'FROM node AS a\nFROM python:3.12\nFROM ubuntu\n', errors: [{ line: 1 }, { line: 3 }] },
    {
      name: 'a complete reference next to a lone `$` in another stage is still judged; `${A#x}` is complete',
      code: 'FROM image:$\nFROM node\nARG T=v20\nFROM node:${T#v}\n',
      options: { requireDigest: true },
      errors: [{ message: 'Base image `node` has no version tag', line: 2 }, { message: 'not pinned by digest', line: 4 }],
    },
    {
      name: 'requireDigest option',
      code: 'FROM node:20-alpine\n',
      options: { requireDigest: true },
      errors: [{ message: 'not pinned by digest' }],
    },
  ],
});
