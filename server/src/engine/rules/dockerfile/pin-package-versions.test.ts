import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { parseDockerfile } from '../../dockerfile/model';
import { allRuns, type ShellWord } from '../../dockerfile/shell';
import type { Range } from '../../types';
import { findingsOf, ruleTester } from '../../testing/rule-tester';
import { pinPackageVersions } from './pin-package-versions';

ruleTester(pinPackageVersions, {
  valid: [
    { name: 'apt pinned, variables count as pinned', code: 'FROM debian:12\nRUN apt-get update && apt-get install -y --no-install-recommends curl=7.88.1 git=${GIT_VERSION} $EXTRA ./local.deb\n' },
    { name: 'apt-get other sub-commands', code: 'FROM debian:12\nRUN apt-get update && apt-get -y upgrade && apt-get remove -y curl && apt-get purge git\n' },
    { name: 'apt-get options before install', code: 'FROM debian:12\nRUN apt-get -o Dpkg::Options::=--force-confnew -y install curl=7.88.1\n' },
    { name: 'apk pinned and --virtual names', code: 'FROM alpine:3.20\nRUN apk add --no-cache --virtual .build-deps gcc=13.2.1_git20240309-r0 musl-dev~1.2 && apk del .build-deps\n' },
    { name: 'apk -t name', code: 'FROM alpine:3.20\nRUN apk add -t .deps curl=8.9.0-r0\n' },
    { name: 'apk pinned with a repository tag (`pkg=ver@tag`)', code: 'FROM alpine:3.20\nRUN apk add curl=8.5.0-r0@edge tini~0.19@community\n' },
    { name: 'apk ignore option matches a tagged package', code: 'FROM alpine:3.20\nRUN apk add curl@edge\n', options: { ignore: ['curl'] } },
    { name: 'pip files, paths, URLs, wheels', code: 'FROM python:3.12\nRUN pip install -r requirements.txt -c constraints.txt . ./pkg /tmp/x.whl https://x/y.tar.gz git+https://x/y.git -e .\n' },
    { name: 'pip pins and pip itself', code: 'FROM python:3.12\nRUN pip install --upgrade pip && pip install "flask==3.0.3" django~=5.0 "numpy<2" requests[socks]==2.32.3 && python -m pip install uvicorn==0.30.1\n' },
    { name: 'pipx pinned; paths, URLs and VCS specs; option values are not packages', code: 'FROM python:3.12\nRUN pipx install poetry==1.8.3 && pipx install --python python3.11 --suffix -dev --pip-args="--no-cache-dir" -i https://pypi.example/simple "black~=24.4" && pipx install -e . && pipx install git+https://github.com/x/y.git@v1 && pipx install ./dist/tool-1.0-py3-none-any.whl && python3 -m pipx install "httpie<4" && pipx install "ruff==${RUFF_VERSION}" && pipx inject poetry poetry-plugin-export==1.8.0 && pipx upgrade black && pipx run cowsay\n' },
    { name: 'pipx --spec: the spec is checked, not the app name', code: 'FROM python:3.12\nRUN pipx install --spec black==24.4.2 black && pipx install --spec=git+https://github.com/x/y.git@abc123 y\n' },
    { name: 'uv pip install: pins, files, option values (uv own options too); uv add, sync and run are not checked', code: 'FROM python:3.12\nRUN uv pip install --system --no-cache -r requirements.txt -c constraints.txt --override overrides.txt -p 3.12 -P urllib3 --extra dev --index-strategy unsafe-best-match --link-mode copy "fastapi==0.111.0" "httpx<1" -e ./lib && uv --directory /app pip install --python /opt/venv/bin/python uvicorn==0.30.1 && uv add requests && uv sync --frozen && uv run pytest && uv venv /opt/venv\n' },
    { name: 'python -m uv: pinned uv pip install and uv tool install', code: 'FROM python:3.12\nRUN python -m uv pip install --system "flask==3.0.3" -r requirements.txt && python3 -m uv tool install ruff==0.5.0 && python3.12 -m uv add requests\n' },
    { name: 'uv tool install: ==, @version, --from spec, paths and VCS; option values are not packages', code: 'FROM python:3.12\nRUN uv tool install ruff==0.5.0 && uv tool install black@24.4.2 && uv tool install --python 3.12 --with httpie-plugin --from "httpie==3.2.2" http && uv tool install -e . && uv tool install git+https://github.com/x/y@v1.0 && uv tool install "ruff@${RUFF_VERSION}" && uv tool run cowsay && uv tool upgrade ruff\n' },
    { name: 'npm -g pinned', code: 'FROM node:20\nRUN npm install -g pm2@5.3.0 @angular/cli@17.3.8 && npm install express\n' },
    { name: 'bun global pinned; local adds; option values are not packages', code: 'FROM oven/bun:1\nRUN bun add -g --cwd /opt/tools --backend copyfile typescript@5.4.5 @biomejs/biome@1.8.3 && bun install -g ./tool && bun add zod && bun install --frozen-lockfile && bun i --global --registry https://r.example turbo@2.0.4\n' },
    { name: 'gem pinned', code: 'FROM ruby:3.3\nRUN gem install bundler -v 2.5.11 && gem install rails:7.1.3 && gem install --version "~> 1.16" nokogiri\n' },
    { name: 'go install pinned or from the module', code: 'FROM golang:1.22\nRUN go install github.com/x/y@v1.2.3 && go install ./cmd/...\n' },
    { name: 'cargo install pinned: crate@ver, --version/--vers (also a requirement), variables', code: 'FROM rust:1.79\nRUN cargo install ripgrep@14.1.0 && cargo install --locked --version 0.1.80 cargo-chef && cargo install --vers=~1.2 just && cargo install sccache --version "^0.8" && cargo install "cargo-audit@${AUDIT_VERSION}" && cargo install --version "$V" a b\n' },
    { name: 'cargo install: git with --rev/--tag, --path, --list; option values are not crates; toolchain and global options', code: 'FROM rust:1.79\nRUN cargo install --git https://github.com/x/y --rev 0a1b2c3 y && cargo install --git https://github.com/x/z --tag=v1.0.0 && cargo install --path . --root /usr/local && cargo install --list && cargo +nightly -Z sparse-registry install --root /opt -j 4 --features "a b" --target x86_64-unknown-linux-musl --bin rg --profile release --registry crates-io --config net.retry=5 ripgrep@14.1.0 && cargo build --release && cargo --version\n' },
    { name: 'cargo: ignore option matches the crate of a --version or --git finding', code: 'FROM rust:1.79\nRUN cargo install --version ">=1.0" just && cargo install --git https://github.com/x/y Y && cargo install --locked BAT\n', options: { ignore: ['just', 'y', 'bat'] } },
    { name: 'conda/mamba/micromamba: versions in every spec form; files, local packages, URLs; option values; other sub-commands', code: "FROM continuumio/miniconda3:24.5.0-0\nRUN conda install -y -c conda-forge -n base --solver libmamba python=3.11 'numpy==1.26.4' 'pandas 2.2.*' 'scipy>=1.11,<1.14' \"matplotlib[version='3.8.4']\" conda-forge::xarray=2024.6.0 --file requirements.txt ./pkgs/foo-1.0-0.tar.bz2 https://x/y-1.0-0.conda && mamba create -y -n py -c conda-forge --override-channels python=3.12 && micromamba install -y -n base -f /tmp/env.yaml && micromamba install -y -r /opt/conda -p /opt/env \"pip=${PIP_VERSION}\" && conda env create -f environment.yml && conda update -y conda && conda create -n copy --clone base && conda install --revision 2 && conda clean -afy\n" },
    { name: 'composer global require with constraints in every form; platform packages; project require; option values', code: "FROM composer:2.7\nRUN composer global require --no-progress -d /tmp --prefer-install dist laravel/installer:^5.8 'phpstan/phpstan=1.11.5' \"friendsofphp/php-cs-fixer 3.59.*\" squizlabs/php_codesniffer ~3.10 vimeo/psalm:dev-master#0a1b2c3 php:^8.2 ext-intl && composer -n global require --ignore-platform-req=ext-gd rector/rector:\"$RECTOR_VERSION\" phpunit/phpunit \"${PHPUNIT_VERSION}\" && composer require monolog/monolog && composer install --no-dev && php -d memory_limit=-1 /usr/local/bin/composer global require psy/psysh:0.12.4\n" },
    { name: 'heredoc data is not a script', code: 'FROM debian:12\nRUN cat <<EOF > /usr/local/bin/setup\napt-get install -y curl\nEOF\n' },
    { name: 'echo mentions are not installs', code: 'FROM debian:12\nRUN echo "apt-get install curl"\n' },
    { name: 'managers option', code: 'FROM debian:12\nRUN apt-get install -y curl && apk add git\n', options: { managers: ['pip', 'npm'] } },
    { name: 'ignore option', code: 'FROM debian:12\nRUN apt-get install -y ca-certificates tzdata && pip install Flask\n', options: { ignore: ['ca-certificates', 'tzdata', 'flask'] } },
    { name: 'yum: name-version, name-epoch:version-release, .arch; tricky names with a version', code: 'FROM rockylinux:9\nRUN yum -y install httpd-2.4.6 nginx-1:1.20.1-1.el9 java-17-openjdk-headless-17.0.9.0.9-2.el9 java-1.8.0-openjdk-devel-1.8.0.392 glibc-2.34-83.el9.x86_64 curl-7.76.1.x86_64 tzdata-2024a && yum clean all\n' },
    { name: 'yum: options before and after the sub-command, option values are not packages', code: 'FROM centos:7\nRUN yum --enablerepo=epel --disablerepo=* --setopt tsflags=nodocs -q install -y --nodocs --allowerasing --best -x kernel --exclude foo --enablerepo extras httpd-2.4.6\n' },
    { name: 'yum/dnf: groups, local rpms, URLs, file provides, capabilities, globs and variables', code: "FROM fedora:40\nRUN yum groupinstall -y 'Development Tools' && yum group install -y base && dnf groups install x && yum localinstall -y ./x.rpm && dnf install -y @development-tools @nodejs:18 /tmp/pkg.rpm https://x/epel-release-latest-9.noarch.rpm /usr/bin/ps 'dnf-command(config-manager)' 'perl(Foo::Bar)' 'httpd-2.4*' \"mysql-server-$MYSQL_VERSION\" $PKGS\n" },
    { name: 'dnf: relational specs that pin or cap; module streams', code: "FROM fedora:40\nRUN dnf install -y 'python3-foo = 1.2' 'bar<=2' baz=3.1 && dnf module install -y nodejs:18/minimal && dnf -y module enable php:8.1 && dnf module reset -y nodejs && dnf module disable -y nodejs\n" },
    { name: 'yum/dnf/microdnf: other sub-commands', code: 'FROM fedora:40\nRUN dnf -y update && dnf upgrade -y curl && dnf remove -y curl && yum erase git && dnf makecache && microdnf clean all && dnf reinstall -y bash && dnf config-manager --set-enabled crb && dnf download curl\n' },
    { name: 'microdnf pinned, dnf5 and sudo', code: 'FROM registry.access.redhat.com/ubi9/ubi-minimal\nRUN microdnf install -y --nodocs --setopt=install_weak_deps=0 --best shadow-utils-2:4.9-8.el9 && sudo dnf5 install -y git-core-2.43.0\n' },
    { name: 'zypper: pinned with =, <, <=, spaced operator and name-version', code: "FROM opensuse/leap:15.6\nRUN zypper -n install --no-recommends curl=8.0.1 'git<2.44' 'vim <= 9.1' 'less = 590' python311-pip-23.0 'nano != 7' && zypper --non-interactive in -y -l jq=1.7.1\n" },
    { name: 'zypper: patterns, patches, products, local rpms, removals, other sub-commands', code: "FROM opensuse/leap:15.6\nRUN zypper -n in -t pattern devel_basis && zypper in --type patch SUSE-2024-1 && zypper -n in pattern:devel_basis patch:x product:y ./x.rpm https://x/y.rpm '!vim' '~emacs' && zypper in -- -nano && zypper ref && zypper -n ar https://x repo && zypper rm curl && zypper -n up curl\n" },
    { name: 'managers option: yum, dnf and zypper can be left out', code: 'FROM fedora:40\nRUN yum install -y curl && dnf install -y git && microdnf install -y jq && zypper in vim\n', options: { managers: ['apt'] } },
    { name: 'tdnf (Photon OS): pinned specs, options, other sub-commands', code: 'FROM photon:5.0\nRUN tdnf install -y --refresh --setopt install_weak_deps=0 shadow-4.14.0-1.ph5 openssl-3.0.13-2.ph5.x86_64 ./x.rpm && tdnf update -y curl && tdnf clean all\n' },
    { name: 'managers option: tdnf is left out with dnf', code: 'FROM photon:5.0\nRUN tdnf install -y curl\n', options: { managers: ['yum', 'apt'] } },
    { name: 'managers option: conda, mamba and micromamba can be left out', code: 'FROM continuumio/miniconda3\nRUN conda install -y numpy && mamba install -y scipy && micromamba install -y pandas\n', options: { managers: ['apt', 'pip'] } },
    { name: 'conda: a quoted bracket version range with an upper bound', code: "FROM continuumio/miniconda3:24.5.0-0\nRUN conda install -y \"numpy[version='>=1.2,<2']\" 'scipy[version=\">=1.11,<1.14\",build=py39*]' \"pandas[build=py39*,version='>2.1,<3']\"\n" },
    { name: 'conda: the ignore option matches the name without channel and version', code: "FROM continuumio/miniconda3\nRUN conda install -y conda-forge::mamba 'python>=3.10'\n", options: { ignore: ['mamba', 'python'] } },
    { name: 'ignore option: the name without its architecture', code: 'FROM fedora:40\nRUN dnf install -y glibc.i686 epel-release\n', options: { ignore: ['glibc', 'epel-release'] } },
  ],
  invalid: [
    {
      // The sub-command is looked for in the command's text first: quotes and escapes must not hide it.
      name: 'sub-commands written with quotes or escapes are still read',
      code: "FROM debian:12\nRUN apt-get 'install' -y curl && apk a\\dd git && go \"install\" x.io/y@latest && gem ins''tall rails && cargo 'install' just\n",
      errors: [{ message: '`curl`' }, { message: '`git`' }, { message: '`x.io/y@latest`' }, { message: '`rails`' }, { message: '`just`' }],
    },
    {
      name: 'options: only the listed managers, minus ignored packages',
      code: 'FROM debian:12\nRUN apt-get install -y curl && pip install flask requests\n',
      options: { managers: ['pip'], ignore: ['requests'] },
      errors: [{ message: '`flask`', line: 2, column: 44 }],
    },
    {
      name: 'apt-get: one finding per package, across continuations',
      code: 'FROM debian:12\nRUN apt-get update \\\n && apt-get install -y --no-install-recommends \\\n    curl \\\n    ca-certificates=20230311 \\\n    git\n',
      errors: [
        { message: '`curl` is installed without a version; pin it (`curl=<version>`)', line: 4, column: 5, endLine: 4, endColumn: 9, severity: 'warning', fixes: [] },
        { message: '`git`', line: 6, column: 5, endColumn: 8 },
      ],
    },
    {
      name: 'apt-get: a name ending in `+` is a package (`g++`), a trailing `-` removes one',
      code: 'FROM debian:12\nRUN apt-get install -y --no-install-recommends g++ gcc=4:12.2.0-3 libfoo- && apt-get install -y c++filt+\n',
      errors: [
        { message: '`g++` is installed without a version; pin it (`g++=<version>`).', line: 2, column: 48, endColumn: 51 },
        { message: '`c++filt+`', line: 2, column: 97 },
      ],
    },
    {
      name: 'apk add with --virtual',
      code: 'FROM alpine:3.20\nRUN apk add --no-cache --virtual .build-deps build-base && apk add tini\n',
      errors: [{ message: '`build-base`', line: 2, column: 46, endColumn: 56 }, { message: '`tini`', line: 2, column: 68 }],
    },
    {
      name: 'apk add with a repository tag: the version goes before the tag',
      code: 'FROM alpine:3.20\nRUN apk add curl@edge\n',
      errors: [{ message: '`curl@edge` is installed without a version; pin it (`curl=<version>@edge`).', line: 2, column: 13, endColumn: 22 }],
    },
    {
      name: 'pip named packages and a lower bound, sudo wrapper, sh -c',
      code: "FROM python:3.12\nRUN sudo pip3 install flask 'django>=4' && sh -c 'pip install --no-cache-dir gunicorn'\n",
      errors: [
        { message: '`flask` is installed without a version; pin it (`flask==<version>`)', line: 2, column: 23, endColumn: 28 },
        { message: '`django>=4` only sets a lower bound', line: 2, column: 29, endColumn: 40 },
        { message: '`gunicorn`', line: 2, column: 78, endColumn: 86 },
      ],
    },
    {
      name: 'pip extras are not a glob',
      code: 'FROM python:3.12\nRUN pip install "uvicorn[standard]" \'requests[socks,security]>=2\'\n',
      errors: [
        { message: '`uvicorn[standard]` is installed without a version; pin it (`uvicorn==<version>`)', line: 2, column: 17, endColumn: 36 },
        { message: '`requests[socks,security]>=2` only sets a lower bound', line: 2, column: 37, endColumn: 66 },
      ],
    },
    {
      name: 'pipx install / inject without a version, a lower bound, --spec, python -m pipx',
      code: "FROM python:3.12\nRUN pipx install --include-deps --index-url https://pypi.example/simple poetry && pipx install 'ansible>=9' && pipx install --spec=black black && python3 -m pipx inject --include-apps poetry poetry-plugin-export\n",
      errors: [
        { message: '`poetry` is installed without a version; pin it (`poetry==<version>`).', line: 2, column: 73, endColumn: 79 },
        { message: '`ansible>=9` only sets a lower bound; pin an exact version (`==<version>`).' },
        { message: '`black` is installed without a version; pin it (`black==<version>`).', column: 125, endColumn: 137 },
        { message: '`poetry-plugin-export` is installed without a version' },
      ],
    },
    {
      name: 'python -m uv pip install and python3 -m uv tool install without a version, as uv',
      code: 'FROM python:3.12\nRUN python -m uv pip install foo && python3 -m uv pip install --system -P certifi flask && python3 -m uv tool install black@latest\n',
      errors: [
        { message: '`foo` is installed without a version; pin it (`foo==<version>`).', line: 2, column: 30, endColumn: 33 },
        { message: '`flask` is installed without a version' },
        { message: '`black@latest` installs the newest release' },
      ],
    },
    {
      name: 'uv pip install and uv tool install without a version, @latest, lower bounds, --from',
      code: "FROM python:3.12\nRUN uv pip install --system -P certifi flask 'django>=4' && uv tool install --python 3.12 ruff && uv tool install black@latest && uv tool install --from 'httpie>=3' http && uv --no-cache tool install -w x mypy\n",
      errors: [
        { message: '`flask` is installed without a version; pin it (`flask==<version>`).', line: 2, column: 40, endColumn: 45 },
        { message: '`django>=4` only sets a lower bound; pin an exact version (`==<version>`).' },
        { message: '`ruff` is installed without a version; pin it (`ruff==<version>`).' },
        { message: '`black@latest` installs the newest release; pin a version (`black==<version>`).' },
        { message: '`httpie>=3` only sets a lower bound' },
        { message: '`mypy` is installed without a version' },
      ],
    },
    {
      name: 'npm -g without a version or with @latest',
      code: 'FROM node:20\nRUN npm i -g pnpm npm@latest @nestjs/cli\n',
      errors: [{ message: '`pnpm` is installed globally without a version', column: 14 }, { message: '`npm@latest` installs a moving dist-tag' }, { message: '`@nestjs/cli`' }],
    },
    {
      name: 'yarn global add and pnpm add -g',
      code: 'FROM node:20\nRUN yarn global add @vue/cli@5.0.8 serve && pnpm add -g turbo@next\n',
      errors: [{ message: '`serve` is installed globally without a version', line: 2, column: 36, endColumn: 41 }, { message: '`turbo@next` installs a moving dist-tag' }],
    },
    {
      name: 'bun add -g / install -g / i -g without a version or with a dist-tag',
      code: 'FROM oven/bun:1\nRUN bun add -g -c /etc/bunfig.toml prettier && bun install --global eslint@latest && bun i -g @vue/cli\n',
      errors: [
        { message: '`prettier` is installed globally without a version; pin it (`prettier@<version>`).', line: 2, column: 36, endColumn: 44 },
        { message: '`eslint@latest` installs a moving dist-tag; pin a version (`eslint@<version>`).' },
        { message: '`@vue/cli` is installed globally without a version; pin it (`@vue/cli@<version>`).' },
      ],
    },
    {
      name: 'gem without -v; go install @latest; ONBUILD; heredoc script; exec form',
      code: 'FROM golang:1.22\nRUN gem install bundler\nONBUILD RUN go install golang.org/x/tools/gopls@latest\nRUN <<EOF\napk add curl\nEOF\nRUN ["apt-get", "install", "-y", "vim"]\n',
      errors: [
        { message: '`bundler`', line: 2, column: 17 },
        { message: '`golang.org/x/tools/gopls@latest` installs whatever is newest', line: 3, column: 24 },
        { message: '`curl`', line: 5, column: 9, endColumn: 13 },
        { message: '`vim`', line: 7, column: 34, endColumn: 39 },
      ],
    },
    {
      name: 'cargo install without a version; --locked alone; lower bounds',
      code: 'FROM rust:1.79\nRUN cargo install --root /usr/local cargo-watch && cargo install --locked -F vendored sqlx-cli && cargo install "bat@>=0.24" && cargo install --version ">=1.0" just\n',
      errors: [
        { message: '`cargo-watch` is installed without a version; pin it (`cargo-watch@<version>`).', line: 2, column: 37, endColumn: 48 },
        { message: '`sqlx-cli` is installed without a version; pin it (`sqlx-cli@<version>`). `--locked` pins its dependencies, not the crate.' },
        { message: '`bat@>=0.24` only sets a lower bound; pin a version (`bat@<version>`).' },
        { message: '`--version >=1.0` only sets a lower bound; pin a version (`--version <version>`).' },
      ],
    },
    {
      name: 'cargo install --git without --rev or --tag, with or without --branch',
      code: 'FROM rust:1.79\nRUN cargo install --git https://github.com/x/y y && cargo install --locked --git=https://github.com/x/z --branch main\n',
      errors: [
        { message: '`https://github.com/x/y` installs the head of the default branch; pin a commit or tag (`--rev <commit>` or `--tag <tag>`).', line: 2, column: 25, endColumn: 47 },
        { message: '`https://github.com/x/z` installs the head of branch `main`; pin a commit or tag' },
      ],
    },
    {
      name: 'conda/mamba/micromamba install and create: no version, lower bounds, channels kept',
      code: "FROM mambaorg/micromamba:1.5.8\nRUN micromamba install -y -n base -c conda-forge numpy 'python>=3.10' && conda create -y -n app -c pytorch pytorch::pytorch \"scipy[version='>=1.11']\" scikit-learn=1.5 && /opt/conda/bin/mamba install -q -y jupyterlab\n",
      errors: [
        { message: '`numpy` is installed without a version; pin it (`numpy=<version>`).', line: 2, column: 50, endColumn: 55 },
        { message: '`python>=3.10` only sets a lower bound; pin a version (`python=<version>`).' },
        { message: '`pytorch::pytorch` is installed without a version; pin it (`pytorch::pytorch=<version>`).' },
        { message: "`scipy[version='>=1.11']` only sets a lower bound; pin a version (`scipy=<version>`)." },
        { message: '`jupyterlab` is installed without a version' },
      ],
    },
    {
      name: 'composer global require: no constraint, any version, a branch, a lower bound; php composer.phar',
      code: "FROM php:8.3-cli\nRUN composer global require --no-interaction laravel/installer phpstan/phpstan '*' vimeo/psalm:dev-master 'rector/rector:>=1.0' && php composer.phar global require symfony/console:@dev\n",
      errors: [
        { message: '`laravel/installer` is required without a version constraint; pin it (`laravel/installer:<version>`).', line: 2, column: 46, endColumn: 63 },
        { message: "`phpstan/phpstan *` accepts any version; pin it (`phpstan/phpstan:<version>`).", column: 80, endColumn: 83 },
        { message: '`vimeo/psalm:dev-master` follows a branch; pin it (`vimeo/psalm:<version>`).' },
        { message: '`rector/rector:>=1.0` only sets a lower bound; pin it (`rector/rector:<version>`).' },
        { message: '`symfony/console:@dev` accepts any version' },
      ],
    },
    {
      name: 'yum: bare names, including names with digits and dashes, and name.arch',
      code: 'FROM rockylinux:9\nRUN yum -y install python3-pip java-17-openjdk java-1.8.0-openjdk-devel gcc-c++ epel-release glibc.i686 which\n',
      errors: [
        { message: '`python3-pip` is installed without a version; pin it (`python3-pip-<version>`).', line: 2, column: 20, endColumn: 31, fixes: [] },
        { message: '`java-17-openjdk` is installed without a version; pin it (`java-17-openjdk-<version>`).' },
        { message: '`java-1.8.0-openjdk-devel` is installed without a version' },
        { message: '`gcc-c++`' },
        { message: '`epel-release`' },
        { message: '`glibc.i686` is installed without a version; pin it (`glibc-<version>.i686`).' },
        { message: '`which`' },
      ],
    },
    {
      name: 'yum: options before the sub-command and between packages; option values skipped',
      code: 'FROM centos:7\nRUN yum --setopt tsflags=nodocs --enablerepo epel install -y -x kernel httpd --nodocs nfs-utils && yum clean all\n',
      errors: [{ message: '`httpd`', line: 2, column: 72, endColumn: 77 }, { message: '`nfs-utils`' }],
    },
    {
      name: 'dnf: lower bound; module without a stream; dnf5 via path and sudo',
      code: "FROM fedora:40\nRUN dnf install -y 'python3-foo >= 1.2' && dnf module install -y nodejs && dnf -y module enable php:8.1 postgresql && sudo /usr/bin/dnf5 in -y git && dnf module -y install ruby/devel\n",
      errors: [
        { message: '`python3-foo >= 1.2` only sets a lower bound; pin an exact version (`python3-foo-<version>`).', column: 20, endColumn: 40 },
        { message: '`nodejs` is installed without a module stream; pin one (`nodejs:<stream>`).' },
        { message: '`postgresql` is enabled without a module stream; pin one (`postgresql:<stream>`).' },
        { message: '`git` is installed without a version; pin it (`git-<version>`).' },
        { message: '`ruby/devel` is installed without a module stream; pin one (`ruby:<stream>/devel`).' },
      ],
    },
    {
      name: 'microdnf: one finding per package across continuations',
      code: 'FROM oraclelinux:9-slim\nRUN set -eux; \\\n\tmicrodnf install -y --nodocs \\\n\t\tbzip2 \\\n\t\tgzip-1.12 \\\n\t\topenssl \\\n\t; \\\n\tmicrodnf clean all\n',
      errors: [
        { message: '`bzip2` is installed without a version; pin it (`bzip2-<version>`).', line: 4, column: 3, endColumn: 8 },
        { message: '`openssl`', line: 6, column: 3 },
      ],
    },
    {
      name: 'zypper: bare names and a lower bound, global and command options',
      code: "FROM opensuse/leap:15.6\nRUN zypper --non-interactive --gpg-auto-import-keys install --no-recommends -r oss curl git-core python311-pip 'vim>=9' jq=1.7.1\n",
      errors: [
        { message: '`curl` is installed without a version; pin it (`curl=<version>`).', line: 2, column: 84, endColumn: 88 },
        { message: '`git-core` is installed without a version; pin it (`git-core=<version>`).' },
        { message: '`python311-pip`' },
        { message: '`vim>=9` only sets a lower bound; pin an exact version (`vim=<version>`).' },
      ],
    },
    {
      name: 'tdnf: bare names like dnf, option values skipped',
      code: 'FROM photon:5.0\nRUN tdnf -y --enablerepo photon-updates install --nogpgcheck -c /etc/tdnf/tdnf.conf less python3-pip gzip-1.12\n',
      errors: [
        { message: '`less` is installed without a version; pin it (`less-<version>`).', line: 2, column: 85, endColumn: 89 },
        { message: '`python3-pip` is installed without a version; pin it (`python3-pip-<version>`).' },
      ],
    },
    {
      name: 'zypper in with -t package still checks packages',
      code: 'FROM opensuse/tumbleweed\nRUN zypper -n in -t package tar\n',
      errors: [{ message: '`tar`', column: 29 }],
    },
  ],
});

describe('apt and apk fast path', () => {
  /** apt's and apk's findings as the general path (subcommand, operands, dynamic, one test each) made them. */
  function reference(text: string): string[] {
    const out: string[] = [];
    for (const run of allRuns(parseDockerfile(text))) {
      for (const cmd of run.commands) {
        const apt = cmd.name === 'apt-get' || cmd.name === 'apt';
        if (!apt && cmd.name !== 'apk') continue;
        const withValue = apt
          ? new Set(['-o', '-c', '-t', '--option', '--config-file', '--target-release', '--default-release'])
          : new Set(['-t', '--virtual', '-X', '--repository', '-p', '--root', '--arch', '--keys-dir', '--cache-dir', '--repositories-file']);
        const argv = cmd.argv;
        let sub = -1;
        for (let i = 1; i < argv.length; i++) {
          const v = argv[i]!.value;
          if (v.startsWith('-')) {
            if (!v.includes('=') && withValue.has(v)) i++;
            continue;
          }
          sub = i;
          break;
        }
        if (sub < 0 || argv[sub]!.value !== (apt ? 'install' : 'add')) continue;
        const words: ShellWord[] = [];
        for (let i = sub + 1; i < argv.length; i++) {
          const v = argv[i]!.value;
          if (v === '--') {
            words.push(...argv.slice(i + 1));
            break;
          }
          if (v.startsWith('-') && v !== '-') {
            if (!v.includes('=') && withValue.has(v)) i++;
            continue;
          }
          words.push(argv[i]!);
        }
        for (const w of words) {
          const v = w.value;
          if (w.expansion || v === '' || /[*?[\]{}]/.test(v) || v.includes('/')) continue;
          if (apt ? v.includes('=') || v.endsWith('.deb') || v.endsWith('-') : /[=<>~]/.test(v) || v.endsWith('.apk')) continue;
          const at = v.indexOf('@');
          const pinned = apt ? `${v}=<version>` : at > 0 ? `${v.slice(0, at)}=<version>${v.slice(at)}` : `${v}=<version>`;
          out.push(`${rangeText(w.range)} \`${v}\` is installed without a version; pin it (\`${pinned}\`).`);
        }
      }
    }
    return out;
  }

  function rangeText(r: Range): string {
    return `${r.start.line}:${r.start.character}-${r.end.line}:${r.end.character}`;
  }

  const WORDS = [
    'install', 'add', 'update', 'del', 'remove', '-y', '-q', '--no-install-recommends', '--no-cache', '-o', 'Dpkg::Options::=--force-confold', '-t', 'bookworm-backports',
    '--target-release=sid', '--virtual', '.build-deps', '-X', 'https://x/edge/main', '--repository=https://x', '--', '-', '--root', '/', 'curl', 'curl=8.5.0-r0', 'g++', 'pkg-',
    'x.deb', 'x.apk', '$PKG', '"${EXTRA}"', 'lib*', 'a/b', "''", 'curl>8', 'curl@edge', 'curl~8', '"ca-certificates"', 'tini=0.19@community', 'py3-pip', "'tz'data",
    'lib\\\n  ssl',
  ];
  /** Between words: blanks, or continuations (CRLF, a comment line or blank lines in them). */
  const JOINS = [' ', ' ', ' \\\n  ', ' \\\r\n  ', ' \\\n  # note\n  ', ' \\\n\n\n\n\n\n\n  '];

  it('reports what the general path reports over generated install commands', () => {
    let seed = 11;
    const next = (n: number): number => (seed = (seed * 1103515245 + 12345) % 2147483648) % n;
    let found = 0;
    for (let k = 0; k < 300; k++) {
      const lines = ['FROM debian:12'];
      for (let r = next(3); r >= 0; r--) {
        const cmds: string[] = [];
        for (let c = next(3); c >= 0; c--) {
          const words = Array.from({ length: next(9) }, () => WORDS[next(WORDS.length)]!);
          if (next(3) > 0) words.splice(next(3), 0, next(2) === 0 ? 'install' : 'add');
          cmds.push([['apt-get', 'apt', 'apk', 'sudo apt-get'][next(4)]!, ...words].map((w, i) => (i === 0 ? w : JOINS[next(JOINS.length)]! + w)).join(''));
        }
        lines.push(`RUN ${cmds.join(' && ')}`);
      }
      const code = lines.join('\n') + '\n';
      const expected = reference(code);
      const actual = findingsOf(pinPackageVersions, { code, options: { managers: ['apt', 'apk'] } }).map(
        (f) => `${rangeText(f.range)} ${f.message}`,
      );
      assert.deepEqual(actual, expected, code);
      found += expected.length;
    }
    assert.ok(found > 300, `generated commands with findings (${found})`);
  });

  it('gives package words out of file order and on the last line the ranges they have', () => {
    for (const code of [
      'FROM debian:12\nRUN bash <<EOF && apt-get install -y b\napt-get install -y c\nEOF\nRUN apt-get install -y d \\\n  e',
      'FROM alpine:3\r\nONBUILD RUN apk add x\r\nRUN apk add y \\\r\n  z\r\n',
    ]) {
      const actual = findingsOf(pinPackageVersions, { code, options: { managers: ['apt', 'apk'] } }).map((f) => `${rangeText(f.range)} ${f.message}`);
      assert.deepEqual(actual, reference(code), code);
      assert.ok(actual.length >= 3, code);
    }
  });
});
