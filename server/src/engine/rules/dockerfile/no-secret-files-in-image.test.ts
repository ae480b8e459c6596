import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { parseDockerfile, substituteVariables } from '../../dockerfile/model';
import { isSecretLikeFile } from '../../secrets';
import { randomDockerfiles } from '../../testing/random-dockerfiles';
import { ruleTester } from '../../testing/rule-tester';
import { mayCopySecretFile, noSecretFilesInImage } from './no-secret-files-in-image';
import { copyAddArgs, scopedCopies, stageVariables } from './prefer-copy-over-add';

ruleTester(noSecretFilesInImage, {
  valid: [
    { name: 'ordinary files', code: 'FROM node:20-alpine\nCOPY package*.json ./\nCOPY . .\n' },
    { name: 'example env file', code: 'FROM node:20-alpine\nCOPY .env.example .env.example\n' },
    { name: 'public key and CA certificate', code: 'FROM alpine:3.20\nCOPY id_rsa.pub /root/.ssh/authorized_keys\nCOPY certs/ca.pem /usr/local/share/ca-certificates/ca.crt\n' },
    { name: 'the destination is not a source', code: 'FROM alpine:3.20\nCOPY env.template /app/.env\n' },
    { name: 'copying between build stages adds no exposure', code: 'FROM alpine:3.20 AS a\nRUN touch /tls.key\nFROM alpine:3.20 AS b\nCOPY --from=a /tls.key /tls.key\nFROM alpine:3.20\nCOPY --from=b /etc/hosts /x\n' },
    { name: 'downloads are not local credential files', code: 'FROM alpine:3.20\nADD https://example.com/keys/release.key /tmp/\n' },
    { name: 'heredoc', code: 'FROM alpine:3.20\nCOPY <<EOF /app/.env\nA=1\nEOF\n' },
    {
      name: 'templates, non-auto-loaded tfvars and Java truststores',
      code: 'FROM alpine:3.20\nCOPY .envrc.example terraform.tfvars.example variables.tf /x/\nCOPY kafka.client.truststore.jks /etc/kafka/\n',
    },
    { name: 'unknown variable source', code: 'FROM alpine:3.20\nARG CONFIG\nCOPY ${CONFIG} /app/\n' },
  ],
  invalid: [
    {
      name: '.npmrc copied into the final image',
      code: 'FROM node:20-alpine\nWORKDIR /app\nCOPY .npmrc package*.json ./\nRUN npm ci\n',
      errors: [{ message: 'credential-looking file `.npmrc` into the image', line: 3, column: 6, endLine: 3, endColumn: 12, severity: 'error', fixes: [] }],
    },
    {
      name: 'each secret source reported, destination ignored; ADD too',
      code: 'FROM alpine:3.20\nCOPY config/.env.production id_rsa /root/\nADD --chown=app tls.key /etc/tls/\n',
      errors: [
        { message: '`.env.production`', line: 2, column: 6, endColumn: 28 },
        { message: '`id_rsa`', line: 2, column: 29, endColumn: 35 },
        { message: 'ADD puts', line: 3, column: 17, endColumn: 24 },
      ],
    },
    {
      name: 'JSON form',
      code: 'FROM alpine:3.20\nCOPY ["credentials.json", "/app/"]\n',
      errors: [{ message: '`credentials.json`', line: 2, column: 7, endColumn: 25 }],
    },
    {
      name: 'in a build stage: warning (build cache, --target)',
      code: 'FROM node:20 AS build\nCOPY .npmrc ./\nRUN npm ci\nFROM node:20-alpine\nCOPY --from=build /app /app\n',
      errors: [{ message: 'build stage layers', line: 2, severity: 'warning' }],
    },
    {
      name: 'COPY --from into the shipped image is reported',
      code: 'FROM alpine:3.20 AS certs\nRUN openssl genrsa -out /server.key 2048\nFROM alpine:3.20\nCOPY --from=certs /server.key /etc/ssl/private/\n',
      errors: [{ message: '`server.key`', line: 4, severity: 'error' }],
    },
    {
      name: 'a variable resolved from an ARG default',
      code: 'FROM alpine:3.20\nARG KUBE=kubeconfig\nCOPY ${KUBE} /root/.kube/config\n',
      errors: [{ message: '`kubeconfig`', line: 3, column: 6, endColumn: 13 }],
    },
    {
      name: 'direnv, Terraform variable files, Java keystores and a `.env*` glob',
      code: 'FROM alpine:3.20\nCOPY .envrc terraform.tfvars prod.auto.tfvars.json /app/\nCOPY keystore.jks release.keystore /keys/\nCOPY .env* ./\n',
      errors: [
        { message: '`.envrc`', line: 2 },
        { message: '`terraform.tfvars`', line: 2 },
        { message: '`prod.auto.tfvars.json`', line: 2 },
        { message: '`keystore.jks`', line: 3 },
        { message: '`release.keystore`', line: 3 },
        { message: '`.env*`', line: 4 },
      ],
    },
    { name: 'glob for private keys', code: 'FROM alpine:3.20\nCOPY *.pem /certs/\n', errors: [{ message: '`*.pem`' }] },
    { name: 'ONBUILD trigger', code: 'FROM alpine:3.20\nONBUILD COPY .git-credentials /root/\n', errors: [{ line: 2, column: 14, severity: 'error' }] },
  ],
});

describe('mayCopySecretFile', () => {
  it('is true where escapes, continuations or variables can make a credential-looking source', () => {
    for (const text of [
      'FROM x\nCOPY .en\\\nv /app/\n',
      '# escape=`\nFROM x\nCOPY id_`\nrsa /root/\n',
      'FROM x\nCOPY [".e\\u006ev", "/app/"]\n',
      'FROM x\nARG E=.env\nCOPY ${E} /app/\n',
      'FROM x\nCOPY .kube\\config /root/\n',
      'FROM x\nONBUILD COPY "tls.key" /etc/\n',
    ]) {
      const doc = parseDockerfile(text);
      const ins = scopedCopies(doc).at(-1)!.ins;
      assert.ok(mayCopySecretFile(doc, ins), JSON.stringify(text));
    }
    const doc = parseDockerfile('FROM x\nCOPY package*.json ./\n');
    assert.ok(!mayCopySecretFile(doc, doc.instructions.at(-1)!));
  });

  it('is true wherever the argument parse gives a credential-looking source', () => {
    // Pieces of `.env` that escapes (JSON's too), continuations, comment lines or a variable may join; every file starts in a COPY.
    const atoms = (esc: string) => ['\nCOPY ', ' x', ' ', '"', '["', '", "', '"]', '.e', 'nv', '\\u002eenv', '$E', '\\', esc, esc + '\n', '#c\n'];
    let checked = 0;
    for (const text of randomDockerfiles(20261127, 40000, 'FROM x\nARG E=.env\nCOPY ', 8, atoms)) {
      const doc = parseDockerfile(text);
      for (const { ins, stage } of scopedCopies(doc)) {
        if (mayCopySecretFile(doc, ins)) continue;
        checked++;
        const vars = stageVariables(doc, stage!, ins.getRange().start.line);
        for (const s of copyAddArgs(doc, ins)?.sources ?? []) {
          assert.ok(!isSecretLikeFile(s.value) && !isSecretLikeFile(substituteVariables(s.value, vars) ?? ''), JSON.stringify(text));
        }
      }
    }
    assert.ok(checked > 1000, `only ${checked} instructions were ruled out`);
  });
});
