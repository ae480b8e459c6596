import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseDockerfile } from '../../dockerfile/model';
import { ruleTester } from '../../testing/rule-tester';
import { preferCopyOverAdd, scopedCopies, scopedProperties } from './prefer-copy-over-add';

ruleTester(preferCopyOverAdd, {
  valid: [
    { name: 'COPY', code: 'FROM alpine:3.20\nCOPY app /app\n' },
    { name: 'archives are extracted by ADD', code: 'FROM alpine:3.20\nADD rootfs.tar.gz /\nADD vendor.tgz /opt/\nADD data.tar.xz /data/\nADD x.tar.bz2 /x/\nADD y.tar /y/\nADD z.tar.zst /z/\n' },
    { name: 'wildcard that may match an archive', code: 'FROM alpine:3.20\nADD dist/* /opt/\n' },
    { name: 'URL (other rule)', code: 'FROM alpine:3.20\nADD --checksum=sha256:abc https://example.com/tool /usr/local/bin/tool\n' },
    { name: 'git source', code: 'FROM alpine:3.20\nADD https://github.com/moby/buildkit.git#v0.13.0 /src\n' },
    { name: 'URL in an ARG default', code: 'FROM alpine:3.20\nARG URL=https://example.com/tool\nADD ${URL} /tool\n' },
    { name: 'heredoc', code: 'FROM alpine:3.20\nADD <<EOF /etc/motd\nhello\nEOF\n' },
    { name: 'archive extracted explicitly, local or remote', code: 'FROM alpine:3.20\nADD --unpack=true app.tar.gz /opt/\nADD --unpack x.tgz /x/\nADD --unpack=true --checksum=sha256:abc https://example.com/x.tar.gz /y/\n' },
    { name: 'invalid --unpack value (Docker rejects it): archive left alone', code: 'FROM alpine:3.20\nADD --unpack=no app.tar.gz /opt/\n' },
    { name: 'archive named through an ARG default', code: 'FROM alpine:3.20\nARG PKG=app.tar.gz\nADD ${PKG} /opt/\n' },
  ],
  invalid: [
    {
      name: 'local file: safe fix keeps flags',
      code: 'FROM alpine:3.20\nADD --chown=app:app --chmod=644 config.yaml /etc/app/\n',
      errors: [
        {
          message: 'Use COPY for local files',
          line: 2,
          column: 1,
          endLine: 2,
          endColumn: 4,
          severity: 'warning',
          fixes: [{ title: 'Replace ADD with COPY', safe: true, output: 'FROM alpine:3.20\nCOPY --chown=app:app --chmod=644 config.yaml /etc/app/\n' }],
        },
      ],
      output: 'FROM alpine:3.20\nCOPY --chown=app:app --chmod=644 config.yaml /etc/app/\n',
    },
    {
      name: 'directory, JSON form, lower case, zip (ADD does not extract zip)',
      code: 'FROM alpine:3.20\nADD . /app\nadd ["a b.txt", "/x/"]\nADD site.zip /srv/\n',
      errors: [{ line: 2 }, { line: 3, fixes: [{ output: 'FROM alpine:3.20\nADD . /app\ncopy ["a b.txt", "/x/"]\nADD site.zip /srv/\n' }] }, { line: 4 }],
      output: 'FROM alpine:3.20\nCOPY . /app\ncopy ["a b.txt", "/x/"]\nCOPY site.zip /srv/\n',
    },
    {
      name: 'wildcard with a fixed non-archive extension',
      code: 'FROM eclipse-temurin:21-jre-alpine\nADD target/*.jar app.jar\n',
      errors: [{ fixes: [{ safe: true, output: 'FROM eclipse-temurin:21-jre-alpine\nCOPY target/*.jar app.jar\n' }] }],
    },
    {
      name: 'source from a variable without value: unsafe fix',
      code: 'FROM eclipse-temurin:21-jre-alpine\nARG JAR_FILE\nADD ${JAR_FILE} app.jar\n',
      errors: [{ message: 'unless the source is a tar archive', line: 3, fixes: [{ safe: false, output: 'FROM eclipse-temurin:21-jre-alpine\nARG JAR_FILE\nCOPY ${JAR_FILE} app.jar\n' }] }],
      output: 'FROM eclipse-temurin:21-jre-alpine\nARG JAR_FILE\nADD ${JAR_FILE} app.jar\n',
    },
    {
      name: '--unpack=false: a local archive is copied as is, like COPY; the fix drops the flag',
      code: 'FROM alpine:3.20\nADD --chown=app --unpack=FALSE  app.tar.gz /opt/\nADD --unpack=false ${PKG} /p/\n',
      errors: [
        { message: 'ADD --unpack=false copies local sources as they are', line: 2, fixes: [{ title: 'Replace ADD with COPY', safe: true, output: 'FROM alpine:3.20\nCOPY --chown=app app.tar.gz /opt/\nADD --unpack=false ${PKG} /p/\n' }] },
        { line: 3, fixes: [{ title: 'not a URL', safe: false, output: 'FROM alpine:3.20\nADD --chown=app --unpack=FALSE  app.tar.gz /opt/\nCOPY ${PKG} /p/\n' }] },
      ],
      output: 'FROM alpine:3.20\nCOPY --chown=app app.tar.gz /opt/\nADD --unpack=false ${PKG} /p/\n',
    },
    {
      name: '--unpack=false on its own continuation line: the fix removes that line, comments and other lines kept',
      code: 'FROM alpine:3.20\nADD \\\n    --unpack=false \\\n    x.tar.gz /dst/\nADD --chown=1 \\\r\n\t--unpack=false\t\\ \r\n# keep\r\n    y.tgz /y/\n',
      errors: [
        { line: 2, fixes: [{ output: 'FROM alpine:3.20\nCOPY \\\n    x.tar.gz /dst/\nADD --chown=1 \\\r\n\t--unpack=false\t\\ \r\n# keep\r\n    y.tgz /y/\n' }] },
        { line: 5, fixes: [{ output: 'FROM alpine:3.20\nADD \\\n    --unpack=false \\\n    x.tar.gz /dst/\nCOPY --chown=1 \\\r\n# keep\r\n    y.tgz /y/\n' }] },
      ],
    },
    {
      name: '--unpack=false on its own line under the backtick escape',
      code: '# escape=`\nFROM alpine:3.20\nADD `\n  --unpack=false `\n  a.tgz C:\\x\\\n',
      errors: [{ fixes: [{ output: '# escape=`\nFROM alpine:3.20\nCOPY `\n  a.tgz C:\\x\\\n' }] }],
    },
    {
      name: 'a stage ARG takes the global default, kept by a bare global re-declaration',
      code: 'ARG CONF=app.yaml\nARG CONF\nFROM alpine:3.20\nARG CONF\nADD ${CONF} /etc/\n',
      errors: [{ fixes: [{ title: 'Replace ADD with COPY', safe: true, output: 'ARG CONF=app.yaml\nARG CONF\nFROM alpine:3.20\nARG CONF\nCOPY ${CONF} /etc/\n' }] }],
    },
    {
      name: 'a bare stage ARG after one with a default keeps the default, as a global one does',
      code: 'FROM alpine:3.20\nARG CONF=app.yaml\nARG CONF\nARG A=1 CONF\nADD ${CONF} /etc/\n',
      errors: [{ fixes: [{ title: 'Replace ADD with COPY', safe: true, output: 'FROM alpine:3.20\nARG CONF=app.yaml\nARG CONF\nARG A=1 CONF\nCOPY ${CONF} /etc/\n' }] }],
    },
    { name: '--unpack on a file that is no archive does nothing: dropped', code: 'FROM alpine:3.20\nADD --unpack config.yaml /etc/\n', errors: [{ message: 'Use COPY for local files', fixes: [{ safe: true, output: 'FROM alpine:3.20\nCOPY config.yaml /etc/\n' }] }] },
    { name: 'ADD-only flag: reported without a fix', code: 'FROM alpine:3.20\nADD --keep-git-dir=true src /src\n', errors: [{ fixes: [] }] },
    { name: 'ONBUILD trigger', code: 'FROM alpine:3.20\nONBUILD ADD . /app\n', errors: [{ line: 2, column: 9, endColumn: 12, fixes: [{ output: 'FROM alpine:3.20\nONBUILD COPY . /app\n' }] }] },
  ],
});

test('scopedCopies and scopedProperties are the COPY/ADD and ENV/ARG instructions, ONBUILD triggers unwrapped, in order', () => {
  const text =
    'ARG A=1\nARG B\nFROM x AS a\ncopy --from=y /a /a\nEnv E=1\nONBUILD ADD x /x\nONBUILD ARG C\nONBUILD\nRUN true\nFROM a\nADD y /y\nENV F 2\nCOPY . .\nLABEL l=1\nArg D\n';
  const doc = parseDockerfile(text);
  assert.deepEqual(scopedCopies(doc).map((s) => [s.ins.getKeyword(), s.onbuild, s.stage?.index]), [['COPY', false, 0], ['ADD', true, 0], ['ADD', false, 1], ['COPY', false, 1]]);
  assert.deepEqual(scopedProperties(doc).map((s) => [s.ins.getKeyword(), s.onbuild, s.stage?.index]), [['ARG', false, undefined], ['ARG', false, undefined], ['ENV', false, 0], ['ARG', true, 0], ['ENV', false, 1], ['ARG', false, 1]]);
});
