import { ruleTester } from '../../testing/rule-tester';
import { addRemoteWithChecksum } from './add-remote-with-checksum';

const SHA = '24454f830cdb571e2c4ad15481119c43b3cafd48dd869a9b2945d1036d1dc68d';

ruleTester(addRemoteWithChecksum, {
  valid: [
    { name: 'local ADD', code: 'FROM alpine:3.20\nADD app.tar.gz /opt/\n' },
    { name: 'with checksum', code: `FROM alpine:3.20\nADD --checksum=sha256:${SHA} https://example.com/tool.tgz /opt/\n` },
    { name: 'git at a full commit', code: 'FROM alpine:3.20\nADD https://github.com/moby/buildkit.git#4f4e03067523b2fc5ca2f17514a5e75ad63e02fb /src\n' },
    { name: 'git at a release tag', code: 'FROM alpine:3.20\nADD git@github.com:moby/buildkit.git#v0.13.0 /src\n' },
    { name: 'git ref from a build argument without default', code: 'FROM alpine:3.20\nARG REF\nADD https://github.com/moby/buildkit.git#${REF} /src\n' },
    { name: 'git at a full commit in a ?ref= query', code: 'FROM alpine:3.20\nADD https://github.com/moby/buildkit.git?ref=4f4e03067523b2fc5ca2f17514a5e75ad63e02fb&subdir=docs /src\n' },
    { name: 'git at a release tag in a ?tag= or ?ref= query', code: 'FROM alpine:3.20\nADD https://github.com/moby/buildkit.git?tag=v0.13.0 /a\nADD https://github.com/moby/buildkit.git?ref=refs/tags/v0.13.0 /b\n' },
    { name: 'git with a ?checksum= query', code: 'FROM alpine:3.20\nADD https://github.com/moby/buildkit.git?branch=main&checksum=4f4e03067523b2fc5ca2f17514a5e75ad63e02fb /src\n' },
    { name: 'git ref query from a build argument without default', code: 'FROM alpine:3.20\nARG REF\nADD https://github.com/moby/buildkit.git?ref=${REF} /src\n' },
    { name: 'COPY is never remote', code: 'FROM alpine:3.20\nCOPY https-notes.txt /x\n' },
  ],
  invalid: [
    {
      name: 'https download without checksum',
      code: 'FROM alpine:3.20\nADD https://example.com/tool-1.2.3.tar.gz /opt/\n',
      errors: [{ message: 'without verifying it', line: 2, column: 5, endLine: 2, endColumn: 42, severity: 'warning', fixes: [] }],
    },
    {
      name: 'URL from an ARG default; the message never quotes the URL',
      code: 'FROM alpine:3.20\nARG URL=https://user:hunter2@example.com/x\nADD ${URL} /x\n',
      errors: [{ message: /^(?!.*hunter2).*--checksum=sha256/, line: 3, column: 5, endColumn: 11 }],
    },
    {
      name: 'quoted URL in shell form, several sources',
      code: 'FROM alpine:3.20\nADD "http://example.com/a" https://example.com/b /opt/\n',
      errors: [{ line: 2, column: 5 }, { line: 2, column: 28 }],
    },
    {
      name: 'git without ref',
      code: 'FROM alpine:3.20\nADD https://github.com/example/repo.git /src\n',
      errors: [{ message: 'without a ref follows the default branch', column: 5, endColumn: 40 }],
    },
    {
      name: 'git at a branch',
      code: 'FROM alpine:3.20\nADD https://github.com/example/repo.git#main:docs /src\n',
      errors: [{ message: 'at a branch' }],
    },
    {
      name: 'git at a branch in a ?ref= or ?branch= query',
      code: 'FROM alpine:3.20\nADD https://github.com/example/repo.git?ref=main /a\nADD https://github.com/example/repo.git?branch=v1.2.3&keep-git-dir=true /b\n',
      errors: [{ message: 'at a branch', line: 2 }, { message: 'at a branch', line: 3 }],
    },
    {
      name: 'git query without a ref',
      code: 'FROM alpine:3.20\nADD https://github.com/example/repo.git?subdir=docs&checksum= /src\n',
      errors: [{ message: 'without a ref' }],
    },
    {
      name: 'git at a tag that is not a release version is not called a branch',
      code: 'FROM alpine:3.20\nADD https://github.com/example/repo.git#refs/tags/v1 /a\nADD https://github.com/example/repo.git?tag=nightly /b\n',
      errors: [{ message: /at a tag that does not name a release/, line: 2 }, { message: /at a tag that does not name a release/, line: 3 }],
    },
    { name: 'ONBUILD trigger', code: 'FROM alpine:3.20\nONBUILD ADD https://example.com/x /x\n', errors: [{ line: 2, column: 13 }] },
  ],
});
