import { ruleTester } from '../../testing/rule-tester';
import { pinPackageVersions } from './pin-package-versions';

ruleTester(pinPackageVersions, {
  valid: [
    { name: 'apt pinned, variables count as pinned', code: 'FROM debian:12\nRUN apt-get update && apt-get install -y --no-install-recommends curl=7.88.1 git=${GIT_VERSION} $EXTRA ./local.deb\n' },
    { name: 'apt-get other sub-commands', code: 'FROM debian:12\nRUN apt-get update && apt-get -y upgrade && apt-get remove -y curl && apt-get purge git\n' },
    { name: 'apt-get options before install', code: 'FROM debian:12\nRUN apt-get -o Dpkg::Options::=--force-confnew -y install curl=7.88.1\n' },
    { name: 'apk pinned and --virtual names', code: 'FROM alpine:3.20\nRUN apk add --no-cache --virtual .build-deps gcc=13.2.1_git20240309-r0 musl-dev~1.2 && apk del .build-deps\n' },
    { name: 'apk -t name', code: 'FROM alpine:3.20\nRUN apk add -t .deps curl=8.9.0-r0\n' },
    { name: 'pip files, paths, URLs, wheels', code: 'FROM python:3.12\nRUN pip install -r requirements.txt -c constraints.txt . ./pkg /tmp/x.whl https://x/y.tar.gz git+https://x/y.git -e .\n' },
    { name: 'pip pins and pip itself', code: 'FROM python:3.12\nRUN pip install --upgrade pip && pip install "flask==3.0.3" django~=5.0 "numpy<2" requests[socks]==2.32.3 && python -m pip install uvicorn==0.30.1\n' },
    { name: 'npm -g pinned', code: 'FROM node:20\nRUN npm install -g pm2@5.3.0 @angular/cli@17.3.8 && npm install express\n' },
    { name: 'gem pinned', code: 'FROM ruby:3.3\nRUN gem install bundler -v 2.5.11 && gem install rails:7.1.3 && gem install --version "~> 1.16" nokogiri\n' },
    { name: 'go install pinned or from the module', code: 'FROM golang:1.22\nRUN go install github.com/x/y@v1.2.3 && go install ./cmd/...\n' },
    { name: 'heredoc data is not a script', code: 'FROM debian:12\nRUN cat <<EOF > /usr/local/bin/setup\napt-get install -y curl\nEOF\n' },
    { name: 'echo mentions are not installs', code: 'FROM debian:12\nRUN echo "apt-get install curl"\n' },
    { name: 'managers option', code: 'FROM debian:12\nRUN apt-get install -y curl && apk add git\n', options: { managers: ['pip', 'npm'] } },
    { name: 'ignore option', code: 'FROM debian:12\nRUN apt-get install -y ca-certificates tzdata && pip install Flask\n', options: { ignore: ['ca-certificates', 'tzdata', 'flask'] } },
  ],
  invalid: [
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
      name: 'apk add with --virtual',
      code: 'FROM alpine:3.20\nRUN apk add --no-cache --virtual .build-deps build-base && apk add tini\n',
      errors: [{ message: '`build-base`', line: 2, column: 46, endColumn: 56 }, { message: '`tini`', line: 2, column: 68 }],
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
      name: 'gem without -v; go install @latest; ONBUILD; heredoc script; exec form',
      code: 'FROM golang:1.22\nRUN gem install bundler\nONBUILD RUN go install golang.org/x/tools/gopls@latest\nRUN <<EOF\napk add curl\nEOF\nRUN ["apt-get", "install", "-y", "vim"]\n',
      errors: [
        { message: '`bundler`', line: 2, column: 17 },
        { message: '`golang.org/x/tools/gopls@latest` installs whatever is newest', line: 3, column: 24 },
        { message: '`curl`', line: 5, column: 9, endColumn: 13 },
        { message: '`vim`', line: 7, column: 34, endColumn: 39 },
      ],
    },
  ],
});
