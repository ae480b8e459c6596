import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ruleTester } from '../../testing/rule-tester';
import { isExecForm, oneLineArguments, splitPlainCommand, useExecForm } from './use-exec-form';
import { parseDockerfile } from '../../dockerfile/model';
import { randomDockerfiles } from '../../testing/random-dockerfiles';

const SH = 'Convert to exec form through the shell';

ruleTester(useExecForm, {
  valid: [
    { name: 'exec form', code: 'FROM node:20-alpine\nCMD ["node", "server.js"]\n' },
    { name: 'exec form ENTRYPOINT with spaces inside the array', code: 'FROM alpine:3.20\nENTRYPOINT [ "/entrypoint.sh" ]\nCMD [ "--help" ]\n' },
    { name: 'exec form over several lines', code: 'FROM alpine:3.20\nCMD ["a", \\\n     "b"]\n' },
    { name: 'exec form with an indented comment line inside', code: 'FROM alpine:3.20\nCMD ["a", \\\n  # why\n     "b"]\n' },
    { name: 'empty exec form', code: 'FROM alpine:3.20\nCMD []\n' },
    { name: 'HEALTHCHECK CMD is not a CMD instruction', code: 'FROM alpine:3.20\nHEALTHCHECK CMD curl -f http://localhost/ || exit 1\n' },
    { name: 'CMD mentioned in a comment', code: 'FROM alpine:3.20\n# CMD node server.js\n' },
  ],
  invalid: [
    {
      name: 'plain command: safe fix to exec form',
      code: 'FROM node:20-alpine\nCMD node server.js --port 8080\n',
      errors: [
        {
          message: 'CMD uses shell form',
          line: 2,
          column: 1,
          endLine: 2,
          endColumn: 31,
          severity: 'warning',
          fixes: [
            { title: 'Convert to exec form (JSON array)', safe: true, output: 'FROM node:20-alpine\nCMD ["node", "server.js", "--port", "8080"]\n' },
            { title: SH, safe: false, output: 'FROM node:20-alpine\nCMD ["/bin/sh", "-c", "node server.js --port 8080"]\n' },
          ],
        },
      ],
      output: 'FROM node:20-alpine\nCMD ["node", "server.js", "--port", "8080"]\n',
    },
    {
      name: 'plain quotes and a leading exec are resolved exactly',
      code: 'FROM node:20-alpine\nCMD exec node \'my app.js\' "--name=a b"\n',
      errors: [{ fixes: [{ safe: true, output: 'FROM node:20-alpine\nCMD ["node", "my app.js", "--name=a b"]\n' }, { safe: false, output: 'FROM node:20-alpine\nCMD ["/bin/sh", "-c", "exec node \'my app.js\' \\"--name=a b\\""]\n' }] }],
    },
    {
      name: 'shell syntax: only the unsafe sh -c fix, JSON-escaped',
      code: 'FROM node:20-alpine\nCMD npm run migrate && node "$APP_HOME\\\\server.js" > /tmp/log\n',
      errors: [
        {
          message: 'with shell syntax',
          fixes: [{ title: SH, safe: false, output: 'FROM node:20-alpine\nCMD ["/bin/sh", "-c", "npm run migrate && node \\"$APP_HOME\\\\\\\\server.js\\" > /tmp/log"]\n' }],
        },
      ],
      output: 'FROM node:20-alpine\nCMD npm run migrate && node "$APP_HOME\\\\server.js" > /tmp/log\n',
    },
    { name: 'variable', code: 'FROM alpine:3.20\nCMD /app --port $PORT\n', errors: [{ fixes: [{ title: SH, output: 'FROM alpine:3.20\nCMD ["/bin/sh", "-c", "/app --port $PORT"]\n' }] }] },
    { name: 'glob', code: 'FROM alpine:3.20\nCMD cat /etc/*.conf\n', errors: [{ fixes: [{ title: SH, output: 'FROM alpine:3.20\nCMD ["/bin/sh", "-c", "cat /etc/*.conf"]\n' }] }] },
    { name: 'tilde', code: 'FROM alpine:3.20\nCMD ~/bin/app\n', errors: [{ fixes: [{ title: SH, output: 'FROM alpine:3.20\nCMD ["/bin/sh", "-c", "~/bin/app"]\n' }] }] },
    { name: 'environment assignment prefix', code: 'FROM alpine:3.20\nCMD DEBUG=1 /app\n', errors: [{ fixes: [{ title: SH, output: 'FROM alpine:3.20\nCMD ["/bin/sh", "-c", "DEBUG=1 /app"]\n' }] }] },
    { name: 'shell builtin', code: 'FROM alpine:3.20\nCMD cd /srv\n', errors: [{ fixes: [{ title: SH, output: 'FROM alpine:3.20\nCMD ["/bin/sh", "-c", "cd /srv"]\n' }] }] },
    {
      name: 'line continuation: the fix joins the lines but is not marked safe',
      code: 'FROM alpine:3.20\nCMD /app \\\n    --verbose\n',
      errors: [
        {
          line: 2,
          endLine: 3,
          endColumn: 14,
          fixes: [
            { safe: false, output: 'FROM alpine:3.20\nCMD ["/app", "--verbose"]\n' },
            { safe: false, output: 'FROM alpine:3.20\nCMD ["/bin/sh", "-c", "/app     --verbose"]\n' },
          ],
        },
      ],
    },
    {
      name: 'a continuation only the end of the file closes: the fix drops the escape character',
      code: 'FROM alpine:3.20\nCMD /app --verbose \\',
      errors: [{ fixes: [{ safe: true, output: 'FROM alpine:3.20\nCMD ["/app", "--verbose"]' }, { safe: false, output: 'FROM alpine:3.20\nCMD ["/bin/sh", "-c", "/app --verbose"]' }] }],
      output: 'FROM alpine:3.20\nCMD ["/app", "--verbose"]',
    },
    {
      name: 'dangling continuation over lines, then blank and comment lines to the end',
      code: 'FROM alpine:3.20\r\nENTRYPOINT /app \\\r\n  --verbose \\ \r\n\r\n# done\r\n',
      errors: [{ fixes: [{ output: 'FROM alpine:3.20\r\nENTRYPOINT ["/app", "--verbose"]\r\n\r\n# done\r\n' }, { output: 'FROM alpine:3.20\r\nENTRYPOINT ["/bin/sh", "-c", "/app   --verbose"]\r\n\r\n# done\r\n' }] }],
    },
    {
      name: 'dangling continuation with the escape directive\'s character, in almost-JSON',
      code: "# escape=`\nFROM alpine:3.20\nCMD ['/app'] `\n",
      errors: [{ fixes: [{ output: '# escape=`\nFROM alpine:3.20\nCMD ["/app"]\n' }] }],
    },
    {
      name: 'a continuation into the next instruction is not dangling',
      code: 'FROM alpine:3.20\nCMD /app \\\n\nUSER app\n',
      errors: [{ fixes: [{ output: 'FROM alpine:3.20\nCMD ["/app", "USER", "app"]\n' }, { output: 'FROM alpine:3.20\nCMD ["/bin/sh", "-c", "/app USER app"]\n' }] }],
    },
    {
      name: 'indented comment line inside the continuation: not part of the command, kept above it',
      code: 'FROM alpine:3.20\r\nCMD /app \\\r\n  # for now\r\n    --verbose\r\n',
      errors: [
        {
          message: 'CMD uses shell form: `/bin/sh -c` becomes PID 1',
          fixes: [
            { output: 'FROM alpine:3.20\r\n  # for now\r\nCMD ["/app", "--verbose"]\r\n' },
            { output: 'FROM alpine:3.20\r\n  # for now\r\nCMD ["/bin/sh", "-c", "/app     --verbose"]\r\n' },
          ],
        },
      ],
    },
    {
      name: 'shell-form ENTRYPOINT with a CMD in the stage: CMD would become its arguments',
      code: 'FROM alpine:3.20\nENTRYPOINT /app\nCMD ["--help"]\n',
      errors: [{ message: 'ENTRYPOINT uses shell form', line: 2, fixes: [{ safe: false, output: 'FROM alpine:3.20\nENTRYPOINT ["/app"]\nCMD ["--help"]\n' }, { safe: false, output: 'FROM alpine:3.20\nENTRYPOINT ["/bin/sh", "-c", "/app"]\nCMD ["--help"]\n' }] }],
    },
    {
      name: 'shell-form ENTRYPOINT alone is safe to convert',
      code: 'FROM alpine:3.20\nENTRYPOINT /app\n',
      errors: [{ fixes: [{ safe: true, output: 'FROM alpine:3.20\nENTRYPOINT ["/app"]\n' }, { safe: false, output: 'FROM alpine:3.20\nENTRYPOINT ["/bin/sh", "-c", "/app"]\n' }] }],
      output: 'FROM alpine:3.20\nENTRYPOINT ["/app"]\n',
    },
    {
      name: 'shell-form CMD under an ENTRYPOINT (also inherited from an earlier stage): not safe',
      code: 'FROM alpine:3.20 AS base\nENTRYPOINT ["/entrypoint.sh"]\nFROM base\nCMD npm start\n',
      errors: [
        {
          line: 4,
          fixes: [
            { safe: false, output: 'FROM alpine:3.20 AS base\nENTRYPOINT ["/entrypoint.sh"]\nFROM base\nCMD ["npm", "start"]\n' },
            { safe: false, output: 'FROM alpine:3.20 AS base\nENTRYPOINT ["/entrypoint.sh"]\nFROM base\nCMD ["/bin/sh", "-c", "npm start"]\n' },
          ],
        },
      ],
    },
    {
      name: 'custom SHELL: wrapped with that shell, nothing safe',
      code: 'FROM alpine:3.20\nSHELL ["/bin/bash", "-o", "pipefail", "-c"]\nCMD ./run.sh\n',
      errors: [
        {
          message: '`/bin/bash -o pipefail -c` becomes PID 1',
          fixes: [
            { safe: false, output: 'FROM alpine:3.20\nSHELL ["/bin/bash", "-o", "pipefail", "-c"]\nCMD ["./run.sh"]\n' },
            { safe: false, output: 'FROM alpine:3.20\nSHELL ["/bin/bash", "-o", "pipefail", "-c"]\nCMD ["/bin/bash", "-o", "pipefail", "-c", "./run.sh"]\n' },
          ],
        },
      ],
    },
    {
      name: 'Windows base: cmd /S /C, words not split the POSIX way (cmd expands %VAR% and has its own quoting)',
      code: 'FROM mcr.microsoft.com/windows/servercore:ltsc2022\nCMD ping localhost\nENTRYPOINT app.exe %PORT%\n',
      errors: [
        {
          message: "CMD uses shell form: it runs through `cmd /S /C` as the container's main process, so stop signals go to the shell, not to the program; exec form (a JSON array) runs the program directly.",
          fixes: [{ title: 'Convert to exec form through the shell: ["cmd", "/S", "/C"], …', safe: false, output: 'FROM mcr.microsoft.com/windows/servercore:ltsc2022\nCMD ["cmd", "/S", "/C", "ping localhost"]\nENTRYPOINT app.exe %PORT%\n' }],
        },
        { message: 'ENTRYPOINT uses shell form: it runs through `cmd /S /C`', fixes: [{ safe: false, output: 'FROM mcr.microsoft.com/windows/servercore:ltsc2022\nCMD ping localhost\nENTRYPOINT ["cmd", "/S", "/C", "app.exe %PORT%"]\n' }] },
      ],
    },
    {
      name: 'Windows-only .NET Framework base: cmd /S /C',
      code: 'FROM mcr.microsoft.com/dotnet/framework/runtime:4.8\nCMD dir\n',
      errors: [{ message: 'runs through `cmd /S /C`', fixes: [{ output: 'FROM mcr.microsoft.com/dotnet/framework/runtime:4.8\nCMD ["cmd", "/S", "/C", "dir"]\n' }] }],
    },
    {
      name: 'PowerShell SHELL: no POSIX shell-syntax analysis, only the wrap in that SHELL',
      code: 'FROM alpine:3.20\nSHELL ["pwsh", "-Command", "$ErrorActionPreference = \'Stop\';"]\nCMD C:\\app\\run.exe\nENTRYPOINT app --serve\n',
      errors: [
        {
          message: 'CMD uses shell form: it runs through `["pwsh", "-Command", "$ErrorActionPreference = \'Stop\';"]` as PID 1, so stop signals go to the shell, not to the program; exec form (a JSON array) runs the program directly.',
          fixes: [{ safe: false, output: 'FROM alpine:3.20\nSHELL ["pwsh", "-Command", "$ErrorActionPreference = \'Stop\';"]\nCMD ["pwsh", "-Command", "$ErrorActionPreference = \'Stop\';", "C:\\\\app\\\\run.exe"]\nENTRYPOINT app --serve\n' }],
        },
        { message: 'as PID 1', fixes: [{ safe: false, output: 'FROM alpine:3.20\nSHELL ["pwsh", "-Command", "$ErrorActionPreference = \'Stop\';"]\nCMD C:\\app\\run.exe\nENTRYPOINT ["pwsh", "-Command", "$ErrorActionPreference = \'Stop\';", "app --serve"]\n' }] },
      ],
    },
    {
      name: 'single-quoted "exec form" is shell form: unsafe rewrite to valid JSON',
      code: "FROM node:20-alpine\nCMD ['node', 'server.js']\n",
      errors: [{ message: 'not a valid JSON array', line: 2, column: 1, endColumn: 26, fixes: [{ safe: false, output: 'FROM node:20-alpine\nCMD ["node", "server.js"]\n' }] }],
    },
    { name: 'trailing comma', code: 'FROM alpine:3.20\nCMD ["a", "b",]\n', errors: [{ fixes: [{ output: 'FROM alpine:3.20\nCMD ["a", "b"]\n' }] }] },
    { name: 'broken JSON without a fix', code: 'FROM alpine:3.20\nCMD [ "unterminated\n', errors: [{ fixes: [] }] },
    { name: 'lower-case keyword, every stage judged', code: 'FROM alpine:3.20 AS dev\ncmd /app\nFROM alpine:3.20\nCMD /app\n', errors: [{ line: 2 }, { line: 4 }] },
  ],
});

test('splitPlainCommand refuses anything a shell would interpret', () => {
  assert.deepEqual(splitPlainCommand('node a.js -x=1,2 user@host:/p'), ['node', 'a.js', '-x=1,2', 'user@host:/p']);
  assert.deepEqual(splitPlainCommand('node \'\' "a"'), ['node', '', 'a']);
  for (const c of ['a | b', 'a; b', 'a & b', 'a || b', 'a `b`', 'a $(b)', 'a < b', 'a 2>&1', 'a [x]', 'a ?', 'a # c', 'a "$X"', 'a "x\\"y"', 'if true', 'export A=1', 'a {b,c}', 'a \'unterminated', 'exec -a x y', '!a', ':', 'echo -e hi'])
    assert.equal(splitPlainCommand(c), undefined, c);
});

test('oneLineArguments answers like dockerfile-ast on random one-line CMD and ENTRYPOINT instructions', () => {
  let read = 0;
  for (const t of randomDockerfiles(20261127, 20000, 'FROM x\n', 10, (esc) => ['CMD', 'ENTRYPOINT', 'cmd ', 'CMD ', ' ', ' ', '\t', 'a', 'b c', '"x y"', "'q'", '[', ']', '"', ',', '#', '\n', '\r\n', esc, esc + '\n', '\u00a0', '\f', '$X'])) {
    const doc = parseDockerfile(t);
    for (const ins of doc.instructions) {
      const kw = ins.getKeyword();
      if (kw !== 'CMD' && kw !== 'ENTRYPOINT') continue;
      const one = oneLineArguments(doc, ins);
      if (one === undefined) continue;
      read++;
      assert.deepEqual(one.range, ins.getArgumentsRange(), JSON.stringify(t));
      if (one.range) assert.equal(one.content, (ins.getArgumentsContent() ?? '').trim(), JSON.stringify(t));
    }
  }
  assert.ok(read > 2000, `only ${read} instructions read from the text`);
});

/** The exec-form check as it was: `JSON.parse`, then the type of each element. */
function parsesAsStringArray(content: string): boolean {
  try {
    const v: unknown = JSON.parse(content);
    return Array.isArray(v) && v.every((x) => typeof x === 'string');
  } catch {
    return false;
  }
}

test('isExecForm answers like JSON.parse on random arrays', () => {
  let seed = 20261127;
  const rnd = (n: number) => {
    seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0;
    return Math.floor((seed / 2 ** 32) * n);
  };
  const atoms = [
    '"a"', '"b c"', '"', ',', ', ', ' ', '\t', '\n', '\r', '\f', '\v', '\u00a0', '\u2028', 'x', '1', 'null', 'true', '{}', '[]', '[', ']',
    '\\', '\\"', '\\\\', '\\/', '\\n', '\\t', '\\b', '\\u00e9', '\\u00E9', '\\u12', '\\x41', '\\a', '\\\'', "'", '\u0001', '\u001f', '\u007f', '\u00e9', '\ud800',
  ];
  let arrays = 0;
  for (let k = 0; k < 50000; k++) {
    let t = rnd(10) === 0 ? '' : '[';
    const len = rnd(9);
    for (let i = 0; i < len; i++) t += atoms[rnd(atoms.length)];
    if (rnd(10) !== 0) t += ']';
    const expected = parsesAsStringArray(t);
    if (expected) arrays++;
    assert.equal(isExecForm(t), expected, JSON.stringify(t));
  }
  assert.ok(arrays > 2000, `only ${arrays} arrays of strings`);
});
