import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { parseDockerfile } from './model';
import { allRuns, parseRun, parseShell, pipelineOf, type RunScript, type ShellCommand } from './shell';
import { TextIndex } from '../text';

function runs(text: string): readonly RunScript[] {
  const doc = parseDockerfile(text);
  return allRuns(doc);
}

function argvOf(c: ShellCommand): string[] {
  return c.argv.map((w) => w.value);
}

/** The ids of the shells enclosing `c`, outermost first. */
function subshellIds(c: ShellCommand): number[] {
  const ids: number[] = [];
  for (let s = c.subshell; s; s = s.parent) ids.unshift(s.id);
  return ids;
}

function commands(text: string): string[][] {
  return runs(text).flatMap((r) => r.commands.map(argvOf));
}

/** `line:col-line:col`, 1-based, of a word. */
function at(c: ShellCommand, i: number): string {
  const r = c.argv[i]!.range;
  return `${r.start.line + 1}:${r.start.character + 1}-${r.end.line + 1}:${r.end.character + 1}`;
}

describe('dockerfile shell parser', () => {
  it('splits && || ; and keeps exact word ranges', () => {
    const [r] = runs('FROM a\nRUN apt-get update && apt-get install -y curl || true; echo done\n');
    assert.deepEqual(r!.commands.map(argvOf), [['apt-get', 'update'], ['apt-get', 'install', '-y', 'curl'], ['true'], ['echo', 'done']]);
    assert.deepEqual(r!.commands.map((c) => c.connector), ['', '&&', '||', ';']);
    assert.equal(at(r!.commands[1]!, 3), '2:42-2:46');
  });

  it('removes quotes and resolves escapes, keeps variables as written', () => {
    const [c] = runs('FROM a\nRUN pip install "flask==$VERSION" \'a b\' c\\ d "x\\"y" ${PKG}=1 $(cat f)\n')[0]!.commands;
    assert.deepEqual(argvOf(c!), ['pip', 'install', 'flask==$VERSION', 'a b', 'c d', 'x"y', '${PKG}=1', '$(cat f)']);
    assert.equal(c!.argv[2]!.expansion, true);
    assert.equal(c!.argv[3]!.quoted, true);
    assert.equal(c!.argv[2]!.raw, '"flask==$VERSION"');
    assert.equal(at(c!, 2), '2:17-2:34');
  });

  it('records pipelines', () => {
    const [r] = runs('FROM a\nRUN curl -fsSL https://x | sh && echo a | tee f\n');
    const [curl, sh, echo, tee] = r!.commands;
    assert.equal(curl!.pipeline, sh!.pipeline);
    assert.equal(sh!.pipelineIndex, 1);
    assert.notEqual(echo!.pipeline, sh!.pipeline);
    assert.deepEqual(pipelineOf(r!, tee!).map((c) => c.name), ['echo', 'tee']);
  });

  it('follows Dockerfile line continuations and strips comment and empty lines inside them', () => {
    const text = 'FROM a\nRUN apt-get install -y \\\n# a comment\n\n    curl=7.1 \\\n  && echo ok\n';
    const [r] = runs(text);
    assert.deepEqual(r!.commands.map(argvOf), [['apt-get', 'install', '-y', 'curl=7.1'], ['echo', 'ok']]);
    assert.equal(at(r!.commands[0]!, 3), '5:5-5:13');
  });

  it('uses the `# escape=` character for continuations', () => {
    const [r] = runs('# escape=`\nFROM a\nRUN apt-get install `\n  curl\n');
    assert.deepEqual(r!.commands.map(argvOf), [['apt-get', 'install', 'curl']]);
    assert.equal(at(r!.commands[0]!, 2), '4:3-4:7');
  });

  it('a continuation inside quotes is still a continuation (Docker removes it first)', () => {
    assert.deepEqual(commands('FROM a\nRUN echo "a \\\n b"\n'), [['echo', 'a  b']]);
  });

  it('CRLF files', () => {
    const [r] = runs('FROM a\r\nRUN apk add \\\r\n  curl && echo\r\nUSER x\r\n');
    assert.deepEqual(r!.commands.map(argvOf), [['apk', 'add', 'curl'], ['echo']]);
    assert.equal(at(r!.commands[0]!, 2), '3:3-3:7');
  });

  it('RUN <<EOF: the body is the script', () => {
    const [r] = runs('FROM a\nRUN <<EOF\nset -e\napt-get install foo \\\n  bar\nEOF\nUSER x\n');
    assert.equal(r!.heredocScript, true);
    assert.deepEqual(r!.commands.map(argvOf), [['set', '-e'], ['apt-get', 'install', 'foo', 'bar']]);
    assert.equal(at(r!.commands[1]!, 3), '5:3-5:6');
  });

  it("RUN <<-EOF and RUN <<'EOF'", () => {
    assert.deepEqual(commands("FROM a\nRUN <<-EOF\n\tapk add x\n\tEOF\nRUN <<'EOF'\necho $HOME\nEOF\n"), [['apk', 'add', 'x'], ['echo', '$HOME']]);
  });

  it('commands named like Object.prototype members are plain commands, not wrappers', () => {
    assert.deepEqual(commands('FROM a\nRUN constructor -u x && toString apk add y && __proto__ --z\n'), [
      ['constructor', '-u', 'x'],
      ['toString', 'apk', 'add', 'y'],
      ['__proto__', '--z'],
    ]);
  });

  it('heredoc with a non-shell shebang is not parsed as shell', () => {
    assert.deepEqual(commands('FROM a\nRUN <<EOF\n#!/usr/bin/env python3\nimport os\nEOF\n'), []);
    assert.deepEqual(commands('FROM a\nRUN <<EOF\n#!/bin/bash\napk add x\nEOF\n'), [['apk', 'add', 'x']]);
  });

  it('heredoc shebangs: a POSIX shell (also through env and its options) runs the body as shell', () => {
    for (const shebang of ['#!/usr/bin/env -S bash -e', '#!/usr/bin/env bash', '#!/bin/bash -ex', '#!/bin/sh', '#! /bin/dash', '#!/usr/bin/env -i PATH=/bin sh', '#!/usr/bin/env -S sh -eu', '#!/bin/busybox sh', '#!/bin/zsh'])
      assert.deepEqual(commands(`FROM a\nRUN <<EOF\n${shebang}\napk add x\nEOF\n`), [['apk', 'add', 'x']], shebang);
    for (const shebang of ['#!/usr/bin/env python3', '#!/usr/bin/env -S node --no-warnings', '#!/usr/bin/python3 -u', '#!/usr/bin/env -S', '#!/bin/busybox awk', '#!/usr/bin/env -u sh perl'])
      assert.deepEqual(commands(`FROM a\nRUN <<EOF\n${shebang}\napk add x\nEOF\n`), [], shebang);
  });

  it('a heredoc shebang is run by its interpreter, not by a non-POSIX SHELL (on Linux)', () => {
    assert.deepEqual(commands('FROM a\nSHELL ["pwsh", "-Command"]\nRUN <<EOF\n#!/bin/bash\napk add x\nEOF\nRUN <<EOF\napk add y\nEOF\n'), [['apk', 'add', 'x']]);
    assert.deepEqual(commands('FROM mcr.microsoft.com/windows/servercore:ltsc2022\nRUN <<EOF\n#!/bin/bash\napk add x\nEOF\n'), []);
  });

  it('RUN cat <<EOF > file: the body is data', () => {
    const [r] = runs('FROM a\nRUN cat <<EOF > /etc/x\napt-get install nope\nEOF\nRUN echo after\n');
    assert.deepEqual(r!.commands.map(argvOf), [['cat']]);
    const h = r!.commands[0]!.redirects[0]!.heredoc!;
    assert.equal(h.body, 'apt-get install nope\n');
    assert.equal(h.script, false);
    assert.deepEqual(r!.commands[0]!.redirects.map((x) => x.op), ['<<', '>']);
  });

  it('bash <<EOF feeds a script', () => {
    assert.deepEqual(commands('FROM a\nRUN bash -eux <<EOF\ngo install a@latest\nEOF\n'), [['bash', '-eux'], ['go', 'install', 'a@latest']]);
  });

  it('env assignments and wrappers', () => {
    const [c1, c2, c3, c4] = runs('FROM a\nRUN FOO=1 BAR="a b" npm ci; sudo -u app -E env A=2 pip install x; find . | xargs -n1 -I{} rm {}; timeout 10 nice -n 5 gem install y\n')[0]!.commands;
    assert.deepEqual(c1!.assignments.map((w) => w.value), ['FOO=1', 'BAR=a b']);
    assert.equal(c1!.name, 'npm');
    assert.equal(c2!.name, 'pip');
    assert.deepEqual(c2!.assignments.map((w) => w.value), ['A=2']);
    assert.deepEqual(c2!.wrappers.map((w) => w.value), ['sudo', '-u', 'app', '-E', 'env']);
    assert.equal(c3!.name, 'find');
    assert.equal(c4!.name, 'rm');
    assert.equal(runs('FROM a\nRUN timeout 10 nice -n 5 gem install y\n')[0]!.commands[0]!.name, 'gem');
  });

  it('keeps each command its own assignments and wrappers (also around nested scripts)', () => {
    const cs = runs(`FROM a\nRUN A=1 sudo sh -c 'B=2 env C=3 x' && "D"=4 y && E'=5' z && F=6'x' v\n`)[0]!.commands;
    const facts = cs.map((c) => [c.name, c.assignments.map((w) => w.value).join(' '), c.wrappers.map((w) => w.value).join(' ')]);
    assert.deepEqual(facts, [
      ['sh', 'A=1', 'sudo'],
      ['x', 'B=2 C=3', 'env'],
      ['D=4', '', ''],
      ['E=5', '', ''],
      ['v', 'F=6x', ''],
    ]);
  });

  it('keeps exact positions after blanks and continuations that follow RUN', () => {
    const [r] = runs('FROM a\nRUN  \t \\\n   apt-get   install x\n');
    assert.deepEqual(r!.commands.map(argvOf), [['apt-get', 'install', 'x']]);
    assert.equal(at(r!.commands[0]!, 0), '3:4-3:11');
    assert.equal(at(r!.commands[0]!, 2), '3:22-3:23');
    const [f] = runs('FROM a\nRUN   --mount=type=cache,target=/c  pip install y\n');
    assert.deepEqual(f!.flags.map((w) => w.value), ['--mount=type=cache,target=/c']);
    assert.equal(at(f!.commands[0]!, 2), '2:49-2:50');
  });

  it('sh -c scripts are parsed with exact positions', () => {
    const [r] = runs("FROM a\nRUN /bin/sh -c 'pip install x && apk add y'\n");
    assert.deepEqual(r!.commands.map(argvOf), [['/bin/sh', '-c', 'pip install x && apk add y'], ['pip', 'install', 'x'], ['apk', 'add', 'y']]);
    assert.equal(r!.commands[2]!.nested, true);
    assert.equal(at(r!.commands[2]!, 2), '2:42-2:43');
  });

  it('JSON exec form', () => {
    const [r] = runs('FROM a\nRUN ["apt-get", "install", "x"]\nRUN ["sh", "-c", "apk add \\"y\\""]\nRUN [not json]\n');
    assert.equal(r!.form, 'exec');
    assert.deepEqual(argvOf(r!.commands[0]!), ['apt-get', 'install', 'x']);
    assert.equal(at(r!.commands[0]!, 2), '2:28-2:31');
    const r2 = runs('FROM a\nRUN ["sh", "-c", "apk add \\"y\\""]\n')[0]!;
    assert.deepEqual(r2.commands.map(argvOf), [['sh', '-c', 'apk add "y"'], ['apk', 'add', 'y']]);
    const r3 = runs('FROM a\nRUN [not json]\n')[0]!;
    assert.equal(r3.form, 'shell');
    assert.deepEqual(r3.commands.map(argvOf), [['[not', 'json]']]);
  });

  it('ONBUILD RUN and RUN flags', () => {
    const [r1, r2] = runs('FROM a\nONBUILD RUN npm install\nRUN --mount=type=cache,target=/root/.npm --network=none npm ci\n');
    assert.equal(r1!.onbuild, true);
    assert.deepEqual(argvOf(r1!.commands[0]!), ['npm', 'install']);
    assert.deepEqual(r2!.flags.map((f) => f.value), ['--mount=type=cache,target=/root/.npm', '--network=none']);
    assert.deepEqual(argvOf(r2!.commands[0]!), ['npm', 'ci']);
  });

  it('subshells, braces, if/then and redirections', () => {
    const [r] = runs('FROM a\nRUN (cd /x && make) && { echo a; } 2>/dev/null; if [ -f a ]; then apk add b; fi\n');
    assert.deepEqual(r!.commands.filter((c) => c.name).map((c) => c.name), ['cd', 'make', 'echo', '[', 'apk']);
    assert.equal(r!.commands[0]!.depth, 1);
  });

  it('subshells: ( … ) and sh -c scripts are shells of their own, brace groups are not', () => {
    const [r] = runs('FROM a\nRUN (cd a && (cd b)) && (pwd) && { cd c; } && sh -c "cd d" && pwd\n');
    assert.deepEqual(
      r!.commands.map((c) => [c.name, subshellIds(c)]),
      [['cd', [1]], ['cd', [1, 2]], ['pwd', [3]], ['cd', []], ['sh', []], ['cd', [4]], ['pwd', []]],
    );
  });

  it("ANSI-C quotes, process substitution, &> and fd redirections, case/for loops", () => {
    const [r] = runs("FROM a\nRUN echo $'a\\'b' &> /dev/null && diff <(ls a) b 2>&1 | tee log; for p in a b; do apk add $p; done; case $x in a) apk add c ;; esac\n");
    const named = r!.commands.filter((c) => c.name);
    assert.deepEqual(argvOf(named[0]!), ['echo', "a\\'b"]);
    assert.deepEqual(named[0]!.redirects.map((x) => x.op), ['&>']);
    assert.deepEqual(argvOf(named[1]!), ['diff', '<(ls a)', 'b']);
    assert.deepEqual(named[1]!.redirects.map((x) => x.op + (x.target?.value ?? '')), ['2>&1']);
    assert.equal(named[2]!.name, 'tee');
    assert.equal(named[2]!.pipeline, named[1]!.pipeline);
    assert.ok(named.some((c) => c.name === 'apk' && c.argv[2]!.value === '$p' && c.argv[2]!.expansion));
    assert.ok(named.some((c) => c.name === 'apk' && c.argv[2]!.value === 'c'));
  });

  it('never throws and stays linear on odd input', () => {
    const odd = ['FROM a\nRUN echo "unbalanced\n', "FROM a\nRUN echo 'x\n", 'FROM a\nRUN $(((\n', 'FROM a\nRUN <<\n', 'FROM a\nRUN <<EOF\n', 'FROM a\nRUN \\\n', 'FROM a\nRUN [\n', 'FROM a\nRUN ["a",\n', 'FROM a\nRUN a |\n', 'FROM a\nRUN ) ) } fi\n', 'FROM a\nRUN 2>\n', 'FROM a\nRUN `\n', 'FROM a\nRUN ${\n', "FROM a\nRUN $'\n", 'RUN\n', 'FROM a\nRUN sh -c\n'];
    for (const t of odd) assert.doesNotThrow(() => runs(t), t);
    const big = parseDockerfile('FROM a\nRUN ' + 'echo "a $(b `c` ${d}) e" && '.repeat(10000) + 'true\n');
    const t0 = Date.now();
    const [r] = allRuns(big);
    assert.equal(r!.commands.length, 10001);
    assert.ok(Date.now() - t0 < 1500, 'linear time');
    const deep = 'FROM a\nRUN ' + '$('.repeat(50000) + '\n';
    assert.doesNotThrow(() => runs(deep));
  });

  it('lists the RUN scripts of each document once, and only its own', () => {
    const a = parseDockerfile('FROM a\nRUN echo a\nCOPY . .\nONBUILD RUN echo b\nONBUILD COPY x y\nFROM a AS b\nRUN echo c\n');
    const b = parseDockerfile('FROM a\nRUN echo d\n');
    const listA = allRuns(a);
    assert.deepEqual(listA.map((r) => r.commands.map(argvOf)), [[['echo', 'a']], [['echo', 'b']], [['echo', 'c']]]);
    assert.deepEqual(listA.map((r) => r.onbuild), [false, true, false]);
    assert.deepEqual(allRuns(b).map((r) => r.commands.map(argvOf)), [[['echo', 'd']]]);
    assert.equal(allRuns(a), listA);
  });

  it('parseShell on plain text', () => {
    const text = 'a b | c\nd "e f"\n';
    const cmds = parseShell(text, new TextIndex(text));
    assert.deepEqual(cmds.map(argvOf), [['a', 'b'], ['c'], ['d', 'e f']]);
  });

  it('parseRun ignores other instructions', () => {
    const doc = parseDockerfile('FROM a\nCOPY . .\n');
    assert.equal(parseRun(doc, doc.instructions[1]!), undefined);
  });

  it('does not read cmd or PowerShell scripts as POSIX shell (SHELL, Windows default)', () => {
    const ps = 'SHELL ["powershell", "-Command", "$ErrorActionPreference = \'Stop\';"]\n';
    // A non-POSIX SHELL, inherited by `FROM stage`, and again for ONBUILD triggers.
    assert.deepEqual(commands(`FROM alpine:3.20 AS a\n${ps}RUN cd C:\\app; npm install\nFROM a\nRUN pip install flask\nONBUILD RUN apk add curl\n`), []);
    assert.deepEqual(commands('FROM alpine:3.20\nSHELL ["pwsh", "-c"]\nRUN apk add curl\nSHELL ["C:\\\\Windows\\\\System32\\\\cmd.exe", "/S", "/C"]\nRUN apk add git\n'), []);
    // A Windows base runs shell form with `cmd /S /C`.
    assert.deepEqual(commands('FROM mcr.microsoft.com/windows/nanoserver:ltsc2022\nRUN cd C:\\app && npm install\n'), []);
    // POSIX shells keep the analysis, also after a non-POSIX SHELL, and in exec form.
    assert.deepEqual(commands(`FROM alpine:3.20\n${ps}SHELL ["/bin/bash", "-o", "pipefail", "-c"]\nRUN apk add curl\n`), [['apk', 'add', 'curl']]);
    assert.deepEqual(commands(`FROM mcr.microsoft.com/windows/servercore:ltsc2022\nRUN ["sh", "-c", "apk add curl"]\nFROM alpine:3.20\nRUN apk add git\n`), [
      ['sh', '-c', 'apk add curl'],
      ['apk', 'add', 'curl'],
      ['apk', 'add', 'git'],
    ]);
  });
});
