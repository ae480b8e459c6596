import { ruleTester } from '../../testing/rule-tester';
import { useAbsoluteWorkdir } from './use-absolute-workdir';

ruleTester(useAbsoluteWorkdir, {
  valid: [
    { name: 'absolute', code: 'FROM alpine:3.20\nWORKDIR /app\n' },
    { name: 'relative after absolute', code: 'FROM alpine:3.20\nWORKDIR /app\nRUN true\nWORKDIR src\n' },
    { name: 'variable', code: 'FROM alpine:3.20\nWORKDIR $HOME/app\nWORKDIR ${APP_DIR}\n' },
    { name: 'inherited from the stage it is built FROM', code: 'FROM alpine:3.20 AS base\nWORKDIR /app\nFROM base\nWORKDIR src\n' },
    { name: 'windows absolute paths', code: 'FROM mcr.microsoft.com/windows/nanoserver:ltsc2022\nWORKDIR C:\\\\app\nWORKDIR C:/src\n' },
    { name: 'quoted absolute', code: 'FROM alpine:3.20\nWORKDIR "/my app"\n' },
    { name: 'WORKDIR . changes nothing', code: 'FROM alpine:3.20\nWORKDIR .\n' },
    { name: 'empty WORKDIR while typing', code: 'FROM alpine:3.20\nWORKDIR \n' },
  ],
  invalid: [
    {
      name: 'relative first WORKDIR',
      code: 'FROM alpine:3.20\nWORKDIR app\n',
      errors: [
        {
          message: 'WORKDIR `app` is relative',
          line: 2,
          column: 9,
          endColumn: 12,
          severity: 'warning',
          fixes: [{ title: 'Use `/app`', safe: false, output: 'FROM alpine:3.20\nWORKDIR /app\n' }],
        },
      ],
      output: 'FROM alpine:3.20\nWORKDIR app\n',
    },
    {
      name: 'absolute WORKDIR in another stage does not count',
      code: 'FROM alpine:3.20 AS a\nWORKDIR /app\nFROM alpine:3.20\nWORKDIR ./src\n',
      errors: [{ line: 4, column: 9, endColumn: 14, fixes: [{ output: 'FROM alpine:3.20 AS a\nWORKDIR /app\nFROM alpine:3.20\nWORKDIR /src\n' }] }],
    },
    {
      name: 'quoted relative keeps quotes',
      code: 'FROM alpine:3.20\nWORKDIR "my app"\n',
      errors: [{ line: 2, column: 9, endColumn: 17, fixes: [{ output: 'FROM alpine:3.20\nWORKDIR "/my app"\n' }] }],
    },
    {
      name: '`.` and `..` segments are resolved in the suggestion',
      code: 'FROM alpine:3.20\nWORKDIR ..\n',
      errors: [{ message: 'such as `/`', fixes: [{ title: 'Use `/`', output: 'FROM alpine:3.20\nWORKDIR /\n' }] }],
    },
    {
      name: '`../x` and `./a/./b/../c` suggest `/x` and `/a/c`',
      code: 'FROM alpine:3.20\nWORKDIR ../x\nFROM alpine:3.20\nWORKDIR ./a/./b/../c/\n',
      errors: [
        { line: 2, fixes: [{ title: 'Use `/x`', output: 'FROM alpine:3.20\nWORKDIR /x\nFROM alpine:3.20\nWORKDIR ./a/./b/../c/\n' }] },
        { line: 4, fixes: [{ title: 'Use `/a/c`', output: 'FROM alpine:3.20\nWORKDIR ../x\nFROM alpine:3.20\nWORKDIR /a/c\n' }] },
      ],
    },
    {
      name: 'a relative WORKDIR after a relative one suggests the path both lead to',
      code: 'FROM alpine:3.20 AS base\nWORKDIR app\nFROM base\nWORKDIR src\n',
      errors: [
        { line: 2, message: 'such as `/app`' },
        { line: 4, message: 'such as `/app/src`', fixes: [{ title: 'Use `/app/src`', output: 'FROM alpine:3.20 AS base\nWORKDIR app\nFROM base\nWORKDIR /app/src\n' }] },
      ],
    },
    {
      name: 'past 4096 characters (PATH_MAX) the path is not worked out: reported without a suggestion',
      code: 'FROM alpine:3.20\n' + 'WORKDIR d\n'.repeat(2047) + 'WORKDIR dd\n' + 'WORKDIR e\n',
      errors: [
        ...Array.from({ length: 2047 }, (_, i) => ({ line: i + 2, message: 'such as `' + '/d'.repeat(i + 1) + '`' })),
        // `/d` × 2047 + `/dd` is 4,097 characters.
        { line: 2049, message: 'depends on the base image\'s working directory; use an absolute path.', fixes: [] },
        { line: 2050, message: /use an absolute path\.$/, fixes: [] },
      ],
    },
    {
      name: 'each relative WORKDIR before an absolute one',
      code: 'FROM alpine:3.20\nWORKDIR a\nWORKDIR b\nWORKDIR /c\nWORKDIR d\n',
      errors: [{ line: 2, message: 'such as `/a`' }, { line: 3, message: 'such as `/a/b`' }],
    },
  ],
});
