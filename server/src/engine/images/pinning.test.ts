import { test } from 'node:test';
import assert from 'node:assert/strict';
import { movingTagWhy, unpinnedTag, unpinnedWritten } from './pinning';

test('one tag policy: none, latest, and channel/variant-only tags are not pins', () => {
  assert.equal(unpinnedTag('node', undefined, undefined), 'untagged');
  assert.equal(unpinnedTag('node', '', undefined), 'untagged');
  assert.equal(unpinnedTag('node', 'latest', undefined), 'latest');
  for (const tag of ['alpine', 'lts', 'lts-slim', 'sid-slim', 'edge', 'mainline', 'apache', 'fpm-alpine']) {
    assert.equal(unpinnedTag('node', tag, undefined), 'moving', tag);
  }
  for (const tag of ['beta', 'next', 'canary', 'rc', 'nightly', 'dev', 'main', 'master', 'preview', 'oldstable-slim', 'rawhide']) {
    assert.equal(unpinnedTag('app', tag, undefined), 'moving', tag);
  }
  for (const tag of ['nonroot', 'debug', 'debug-nonroot', 'musl', 'glibc', 'uclibc', 'dind', 'dind-rootless', 'rootless', 'scm', 'curl', 'windowsservercore', 'debian', 'ubuntu']) {
    assert.equal(unpinnedTag('app', tag, undefined), 'moving', tag);
  }
  assert.equal(unpinnedTag('buildpack-deps', 'bookworm-scm', undefined), undefined);
  for (const tag of ['1.36-musl', '27-dind', '8.0-jammy-chiseled', 'nonroot-3.19', '20-alpine', '1.27', 'v2', '20-bookworm', '3-slim-bookworm', '2.0-beta', '1.3-rc', 'v1.2.0-rc.1', 'main-3f2a1bc']) {
    assert.equal(unpinnedTag('node', tag, undefined), undefined, tag);
  }
  assert.equal(unpinnedTag('node', 'alpine', 'sha256:abc'), undefined);
  assert.equal(unpinnedTag('node', undefined, 'sha256:abc'), undefined);
  assert.equal(movingTagWhy('node', 'alpine'), '`alpine` follows the newest release, like `latest`');
});

test('a distribution release (codename, `alpine3.20`) pins only the distribution images: on others it names the system underneath', () => {
  for (const repo of ['debian', 'ubuntu', 'buildpack-deps', 'library/debian', 'docker.io/library/debian', 'public.ecr.aws/docker/library/ubuntu', 'bitnami/minideb', 'balenalib/raspberry-pi-debian']) {
    for (const tag of ['bookworm', 'bookworm-slim', 'jammy', 'trixie-scm']) assert.equal(unpinnedTag(repo, tag, undefined), undefined, `${repo}:${tag}`);
  }
  assert.equal(unpinnedTag('debian', 'sid-slim', undefined), 'moving');
  for (const [repo, tag] of [['node', 'bookworm'], ['python', 'bookworm-slim'], ['golang', 'bullseye'], ['postgres', 'bookworm'], ['rust', 'buster'], ['node', 'lts-bookworm-slim'], ['docker.io/library/node', 'jammy'], ['balenalib/raspberry-pi-debian-node', 'bookworm']]) {
    assert.equal(unpinnedTag(repo!, tag, undefined), 'moving', `${repo}:${tag}`);
  }
  for (const [repo, tag] of [['alpine', '3.20'], ['python', '3.12-alpine3.20'], ['python', '3-alpine3.20'], ['alpine', 'alpine3.20'], ['devcontainers/base', '1-ubuntu-22.04'], ['ubuntu', 'ubuntu-22.04']]) {
    assert.equal(unpinnedTag(repo!, tag, undefined), undefined, `${repo}:${tag}`);
  }
  for (const [repo, tag] of [['python', 'alpine3.23'], ['nginxinc/nginx-unprivileged', 'alpine3.18'], ['nginx', 'alpine3.18-slim'], ['foo', 'ubuntu22.04'], ['php', 'fpm-alpine3.20'], ['devcontainers/base', 'ubuntu-22.04'], ['base', 'debian-12']]) {
    assert.equal(unpinnedTag(repo!, tag, undefined), 'moving', `${repo}:${tag}`);
  }
  assert.equal(movingTagWhy('python', 'alpine3.23'), '`alpine3.23` names the Alpine release it is built on but no `python` version, so it moves to newer `python` releases');
  assert.equal(movingTagWhy('base', 'ubuntu-22.04'), '`ubuntu-22.04` names the Ubuntu release it is built on but no `base` version, so it moves to newer `base` releases');
  assert.equal(movingTagWhy('golang', 'bullseye'), '`bullseye` names the Debian release it is built on but no `golang` version, so it moves to newer `golang` releases');
  assert.equal(
    movingTagWhy('docker.io/library/node', 'lts-jammy'),
    '`lts-jammy` names no `node` version, only the Ubuntu release it is built on (`jammy`), so it moves to newer `node` releases',
  );
});

test('a version in the image name makes a variant tag a pin, not a channel tag', () => {
  for (const [repo, tag] of [['gcr.io/distroless/nodejs20-debian12', 'nonroot'], ['gcr.io/distroless/static-debian12', 'debug-nonroot'], ['nodejs20', 'bookworm']]) {
    assert.equal(unpinnedTag(repo!, tag, undefined), undefined, `${repo}:${tag}`);
  }
  for (const [repo, tag] of [['gcr.io/distroless/static', 'nonroot'], ['k8s-sidecar', 'alpine'], ['capttofu/percona_xtradb_cluster_5_6', 'beta'], ['gcr.io/distroless/static-debian12', 'latest']]) {
    assert.notEqual(unpinnedTag(repo!, tag, undefined), undefined, `${repo}:${tag}`);
  }
});

test('a Windows release (`ltsc2022`, `20h2`, `nanoserver-1809`) pins the Windows images: on others it names the system underneath', () => {
  const windows = [
    ['mcr.microsoft.com/windows/servercore', 'ltsc2022'], ['windows/servercore', 'ltsc2025'], ['mcr.microsoft.com/windows/nanoserver', 'ltsc2022'], ['windows/nanoserver', '1809'],
    ['mcr.microsoft.com/windows/server', 'ltsc2022'], ['mcr.microsoft.com/windows', '20h2'], ['windows', 'ltsc2019'], ['mcr.microsoft.com/windows/servercore/iis', 'windowsservercore-ltsc2022'],
    ['microsoft/windowsservercore', 'ltsc2016'], ['microsoft/nanoserver', '1709'], ['mcr.microsoft.com/windows/nanoserver', 'ltsc2022-amd64'],
  ];
  for (const [repo, tag] of windows) assert.equal(unpinnedTag(repo!, tag, undefined), undefined, `${repo}:${tag}`);
  for (const [repo, tag] of [
    ['python', 'windowsservercore-ltsc2022'], ['golang', 'nanoserver-ltsc2025'], ['docker.io/library/node', 'windowsservercore-1809'], ['mongo', 'nanoserver-20h2'],
    ['mcr.microsoft.com/dotnet/aspnet', 'nanoserver-ltsc2022'], ['mcr.microsoft.com/powershell', 'lts-windowsservercore-ltsc2022'], ['app', 'ltsc2022'],
  ]) {
    assert.equal(unpinnedTag(repo!, tag, undefined), 'moving', `${repo}:${tag}`);
  }
  // A bare `1809` could be any version number: only beside a Windows variant word is it a Windows release.
  for (const [repo, tag] of [['python', '3.12-windowsservercore-ltsc2022'], ['mongo', '8.0-nanoserver-1809'], ['app', '1809'], ['app', '2004-slim']]) {
    assert.equal(unpinnedTag(repo!, tag, undefined), undefined, `${repo}:${tag}`);
  }
  assert.equal(
    movingTagWhy('python', 'windowsservercore-ltsc2022'),
    '`windowsservercore-ltsc2022` names no `python` version, only the Windows release it is built on (`ltsc2022`), so it moves to newer `python` releases',
  );
  assert.equal(movingTagWhy('app', 'ltsc2022'), '`ltsc2022` names the Windows release it is built on but no `app` version, so it moves to newer `app` releases');
  assert.equal(movingTagWhy('node', 'windowsservercore-1809'), '`windowsservercore-1809` names the Windows release it is built on but no `node` version, so it moves to newer `node` releases');
});

test("Debian's own namespace (`debian/eol`, its archive of end-of-life releases) holds distribution images: a codename pins them", () => {
  for (const [repo, tag] of [['debian/eol', 'jessie'], ['debian/eol', 'wheezy-slim'], ['docker.io/debian/eol', 'potato'], ['mirror.example.com:5000/debian/eol', 'etch']]) {
    assert.equal(unpinnedTag(repo!, tag, undefined), undefined, `${repo}:${tag}`);
  }
  // Only Debian's namespace: `alpine/git` and `ubuntu/nginx` are tools and applications, versioned by their own releases.
  for (const [repo, tag] of [['debian/eol', 'sid'], ['alpine/git', 'alpine3.20'], ['ubuntu/nginx', 'jammy'], ['myorg/debian/app', 'bookworm'], ['debian/eol', 'latest']]) {
    assert.notEqual(unpinnedTag(repo!, tag, undefined), undefined, `${repo}:${tag}`);
  }
});

test('unknown variables hide only what they stand for: the written name and tag, or a written `latest`, are judged', () => {
  assert.equal(unpinnedWritten('${REGISTRY}/node', 'alpine', undefined), 'moving');
  assert.equal(unpinnedWritten('$REGISTRY/team/node', '20', undefined), undefined);
  assert.equal(unpinnedWritten('${REGISTRY}/node', undefined, undefined), 'untagged');
  assert.equal(unpinnedWritten('$IMAGE', 'latest', undefined), 'latest');
  assert.equal(unpinnedWritten('$IMAGE', 'latest', 'sha256:abc'), undefined);
  for (const [repository, tag, digest] of [['$IMAGE', undefined, undefined], ['${IMAGE}', 'alpine', undefined], ['node', '${TAG}', undefined], ['$REGISTRY/app$SUFFIX', undefined, undefined], ['$IMAGE', 'latest', '${DIGEST}']] as const) {
    assert.equal(unpinnedWritten(repository, tag, digest), 'unknown', `${repository}:${tag}`);
  }
});

test('a tag judged for one image is judged afresh for another (answers are remembered per image and tag)', () => {
  for (let round = 0; round < 2; round++) {
    assert.equal(unpinnedTag('node', 'bookworm', undefined), 'moving');
    assert.equal(unpinnedTag('debian', 'bookworm', undefined), undefined);
    assert.equal(unpinnedTag('distroless/nodejs20-debian12', 'nonroot', undefined), undefined);
    assert.equal(unpinnedTag('node', 'nonroot', undefined), 'moving');
  }
});
