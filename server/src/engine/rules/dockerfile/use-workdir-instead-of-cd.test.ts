import { ruleTester } from '../../testing/rule-tester';
import { useWorkdirInsteadOfCd } from './use-workdir-instead-of-cd';

ruleTester(useWorkdirInsteadOfCd, {
  valid: [
    { name: 'WORKDIR', code: 'FROM alpine:3.20\nWORKDIR /app\nRUN make\n' },
    { name: 'scratch directory', code: 'FROM alpine:3.20\nRUN cd /tmp && wget https://x/a.tgz && tar xzf a.tgz\n' },
    { name: 'directory removed again', code: 'FROM alpine:3.20\nRUN cd /opt/build && make install && rm -rf /opt/build\n' },
    { name: 'cd in the middle of a script', code: 'FROM alpine:3.20\nRUN git clone https://x/y.git && cd y && make\n' },
    { name: 'subshell', code: 'FROM alpine:3.20\nRUN (cd /app && make) && echo done\n' },
    { name: 'cd alone or with ;', code: 'FROM alpine:3.20\nRUN cd /app\nRUN cd /app; make\n' },
    { name: 'variable target', code: 'FROM alpine:3.20\nRUN cd $APP_HOME && make\n' },
    { name: 'several directories', code: 'FROM alpine:3.20\nRUN cd /a && make && cd /b && make\n' },
    { name: 'several directories, one of them the first again', code: 'FROM alpine:3.20\nRUN cd /a && make && cd /a/ && make && cd sub && make\n' },
    { name: 'exec form', code: 'FROM alpine:3.20\nRUN ["sh", "-c", "cd /app && make"]\n' },
  ],
  invalid: [
    {
      name: 'safe fix: a later absolute WORKDIR resets the directory',
      code: 'FROM alpine:3.20\nRUN cd /app && make\nENV A=1\nWORKDIR /srv\nCMD ["./run"]\n',
      errors: [
        {
          message: '`cd /app` only lasts for this RUN; set the directory with `WORKDIR /app`',
          line: 2,
          column: 5,
          endColumn: 12,
          severity: 'warning',
          fixes: [{ title: 'Replace `cd /app` with `WORKDIR /app`', safe: true, output: 'FROM alpine:3.20\nWORKDIR /app\nRUN make\nENV A=1\nWORKDIR /srv\nCMD ["./run"]\n' }],
        },
      ],
      output: 'FROM alpine:3.20\nWORKDIR /app\nRUN make\nENV A=1\nWORKDIR /srv\nCMD ["./run"]\n',
    },
    {
      name: 'a RUN mount at a relative target would move with the new WORKDIR: unsafe fix',
      code: 'FROM golang:1.22\nRUN --mount=type=cache,target=/root/.cache --mount=type=bind,target=. cd /app && go build ./...\nWORKDIR /srv\n',
      errors: [
        {
          line: 2,
          fixes: [{ safe: false, output: 'FROM golang:1.22\nWORKDIR /app\nRUN --mount=type=cache,target=/root/.cache --mount=type=bind,target=. go build ./...\nWORKDIR /srv\n' }],
        },
      ],
    },
    {
      name: 'no fix when later instructions depend on the directory',
      code: 'FROM alpine:3.20\nCOPY . /app\nRUN cd /app && npm ci\nCMD ["node", "server.js"]\n',
      errors: [{ line: 3, column: 5, fixes: [] }],
    },
    {
      name: 'relative cd resolved against the WORKDIR, CRLF and continuation',
      code: 'FROM alpine:3.20\r\nWORKDIR /srv\r\nRUN cd app \\\r\n && make\r\nWORKDIR /\r\n',
      errors: [{ message: '`WORKDIR /srv/app`', line: 3, column: 5, endColumn: 11, fixes: [{ output: 'FROM alpine:3.20\r\nWORKDIR /srv\r\nWORKDIR /srv/app\r\nRUN make\r\nWORKDIR /\r\n' }] }],
    },
    {
      name: 'cd into the current WORKDIR is redundant',
      code: 'FROM node:20-alpine\nWORKDIR /app\nRUN cd /app && npm ci\n',
      errors: [{ message: '`cd /app` is redundant', line: 3, column: 5, endColumn: 12, fixes: [{ title: 'Remove `cd /app`', safe: true, output: 'FROM node:20-alpine\nWORKDIR /app\nRUN npm ci\n' }] }],
      output: 'FROM node:20-alpine\nWORKDIR /app\nRUN npm ci\n',
    },
    {
      name: 'comment lines inside the continuation are kept (CRLF, backtick escape)',
      code: '# escape=`\r\nFROM alpine:3.20\r\nWORKDIR /app\r\nRUN cd /app && `\r\n    # build the release\r\n\r\n    # twice\r\n    make `\r\n    && make install\r\n',
      errors: [
        {
          message: '`cd /app` is redundant',
          line: 4,
          fixes: [{ output: '# escape=`\r\nFROM alpine:3.20\r\nWORKDIR /app\r\nRUN `\r\n    # build the release\r\n    # twice\r\n    make `\r\n    && make install\r\n' }],
        },
      ],
      output: '# escape=`\r\nFROM alpine:3.20\r\nWORKDIR /app\r\nRUN `\r\n    # build the release\r\n    # twice\r\n    make `\r\n    && make install\r\n',
    },
    {
      name: 'cd on a continuation line of its own with a kept comment: no empty continuation line left',
      code: 'FROM alpine:3.20\nWORKDIR /app\nRUN \\\n  cd /app && \\\n  # why\n  make\nRUN \\\n\tcd /app \\\n# c\n  && make install\n',
      errors: [
        { line: 4, fixes: [{ output: 'FROM alpine:3.20\nWORKDIR /app\nRUN \\\n  # why\n  make\nRUN \\\n\tcd /app \\\n# c\n  && make install\n' }] },
        { line: 8, fixes: [{ output: 'FROM alpine:3.20\nWORKDIR /app\nRUN \\\n  cd /app && \\\n  # why\n  make\nRUN \\\n# c\n  make install\n' }] },
      ],
      output: 'FROM alpine:3.20\nWORKDIR /app\nRUN \\\n  # why\n  make\nRUN \\\n# c\n  make install\n',
    },
    {
      name: 'the same with the WORKDIR fix, CRLF',
      code: 'FROM alpine:3.20\r\nRUN \\\r\n    cd /app && \\\r\n    # build\r\n    make\r\nWORKDIR /\r\n',
      errors: [{ fixes: [{ output: 'FROM alpine:3.20\r\nWORKDIR /app\r\nRUN \\\r\n    # build\r\n    make\r\nWORKDIR /\r\n' }] }],
    },
    {
      name: 'a later cd back to the same directory is not a change of directory',
      code: 'FROM alpine:3.20\nRUN cd /src && git clone https://x/a.git && cd /src/ && git clone https://x/b.git\nWORKDIR /\n',
      errors: [{ message: '`WORKDIR /src`', line: 2, column: 5, endColumn: 12, fixes: [{ output: 'FROM alpine:3.20\nWORKDIR /src\nRUN git clone https://x/a.git && cd /src/ && git clone https://x/b.git\nWORKDIR /\n' }] }],
    },
    {
      name: 'relative cd without a WORKDIR: reported without a fix',
      code: 'FROM alpine:3.20\nRUN cd src && make\nWORKDIR /\n',
      errors: [{ message: '`WORKDIR src`', fixes: [] }],
    },
  ],
});
