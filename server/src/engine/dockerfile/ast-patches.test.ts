import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { DockerfileParser, type Instruction, type Onbuild } from 'dockerfile-ast';
import { originalRawArguments, splitRawArguments } from './ast-patches';
import { parseDockerfile } from './model';

type Internals = Parameters<typeof splitRawArguments>[0];

function instructionsOf(text: string): Instruction[] {
  const out: Instruction[] = [];
  for (const ins of DockerfileParser.parse(text).getInstructions()) {
    out.push(ins);
    if (ins.getKeyword() === 'ONBUILD') {
      const t = (ins as Onbuild).getTriggerInstruction();
      if (t) out.push(t);
    }
  }
  return out;
}

function serialize(args: { getValue(): string; getRange(): unknown }[]): string {
  return JSON.stringify(args.map((a) => [a.getValue(), a.getRange()]));
}

/** The port gives exactly dockerfile-ast's arguments (values and ranges) for every instruction. */
function assertSame(text: string): void {
  for (const ins of instructionsOf(text)) {
    assert.equal(serialize(splitRawArguments(ins as unknown as Internals)), serialize(originalRawArguments(ins)), JSON.stringify(text));
  }
}

describe('dockerfile-ast patches', () => {
  it('splits arguments exactly like dockerfile-ast on tricky instructions', () => {
    const cases = [
      'FROM node:20 AS build\nRUN npm ci && \\\n    npm run build # c\n',
      'RUN a \\\n# comment\n  b \\ \n  c\\\td \\\r\n e $HOME \\$x "q \\" r" \'s\'\n',
      '# escape=`\nRUN dir `\n  c:\\ `$x ``\nCOPY a`\n b c\n',
      'ENV A=1 B="x y" \\\n    C=3\nARG X\nLABEL a=b\n',
      'RUN <<EOF\necho hi\nEOF\nCOPY <<-EOT /x\n\tdata\nEOT\n',
      'ONBUILD RUN a \\\n b\nHEALTHCHECK --interval=5s CMD curl -f x || exit 1\n',
      'RUN \\\n\nRUN x\\',
      'RUN ["a", "b \\" c"]\nCMD []\nEXPOSE 80 \\ \t\n 443\n',
      'RUN a\\ b \\  \\\n  #x\n\n c\r\nRUN \\\r\n',
    ];
    for (const c of cases) assertSame(c);
  });

  it('splits arguments exactly like dockerfile-ast on random text', () => {
    let seed = 20261126;
    const rnd = () => (seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff;
    const atoms = [' ', '\t', '\n', '\r\n', '\r', '\\', '\\\n', '\\ \n', '\\\t\n', '\\\r\n', '`', '$', '\\$', '#', '# c\n', 'a', 'bc', '"', "'", '=', '--x=1', '[', ']', ',', 'x', '\\ ', '<<EOF\n', 'EOF\n'];
    const keywords = ['RUN', 'ENV', 'COPY', 'ADD', 'FROM', 'ARG', 'LABEL', 'CMD', 'ONBUILD RUN', 'HEALTHCHECK', 'USER', 'EXPOSE'];
    for (let k = 0; k < 3000; k++) {
      let t = (rnd() < 0.2 ? '# escape=`\n' : '') + keywords[Math.floor(rnd() * keywords.length)] + ' ';
      const len = Math.floor(rnd() * 30);
      for (let i = 0; i < len; i++) t += atoms[Math.floor(rnd() * atoms.length)];
      assertSame(t);
    }
  });

  it('memoizes per instruction and hands out arrays callers may change', () => {
    const doc = parseDockerfile('FROM alpine\nCOPY --chown=app a b /dst/\n');
    const copy = doc.instructions[1]!;
    const first = copy.getArguments();
    assert.deepEqual(first.map((a) => a.getValue()), ['a', 'b', '/dst/']);
    first.length = 0;
    assert.deepEqual(copy.getArguments().map((a) => a.getValue()), ['a', 'b', '/dst/']);
    assert.equal(copy.getArguments()[0], copy.getArguments()[0]);
    assert.equal(copy.getArgumentsContent(), 'a b /dst/'); // flags excluded, as in dockerfile-ast
    assert.equal(copy.getArgumentsContent(), copy.getArgumentsContent());
  });
});
