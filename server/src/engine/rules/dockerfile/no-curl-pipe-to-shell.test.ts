import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseDockerfile } from '../../dockerfile/model';
import { allRuns, pipelineOf } from '../../dockerfile/shell';
import { randomDockerfiles } from '../../testing/random-dockerfiles';
import { ruleTester } from '../../testing/rule-tester';
import { noCurlPipeToShell } from './no-curl-pipe-to-shell';

ruleTester(noCurlPipeToShell, {
  valid: [
    { name: 'download, verify, run', code: 'FROM alpine:3.20\nRUN curl -fsSLo /tmp/i.sh https://x/i.sh && sha256sum -c i.sha && sh /tmp/i.sh\n' },
    { name: 'curl to a file piped elsewhere', code: 'FROM alpine:3.20\nRUN curl -fsSL https://x/key.gpg | gpg --dearmor -o /usr/share/keyrings/x.gpg\n' },
    { name: 'curl piped into tar', code: 'FROM alpine:3.20\nRUN curl -fsSL https://x/a.tgz | tar -xz -C /opt\n' },
    { name: 'wget writing a file', code: 'FROM alpine:3.20\nRUN wget -q https://x/i.sh | sh\n' },
    { name: 'curl -o file', code: 'FROM alpine:3.20\nRUN curl -sSLo /tmp/x https://x | sh\n' },
    { name: 'python reading JSON from stdin', code: 'FROM python:3.12\nRUN curl -s https://x/v.json | python3 -c "import sys, json; print(json.load(sys.stdin))"\n' },
    { name: 'perl filtering a download', code: 'FROM alpine:3.20\nRUN curl -s https://x/v.txt | perl -ne \'print if /version/\'\n' },
    { name: 'shell reading a file, not stdin', code: 'FROM alpine:3.20\nRUN curl -fsSL https://x | bash /dev/stdout.sh\n' },
    { name: 'shell running a file', code: 'FROM alpine:3.20\nRUN curl -fsSL https://x | bash /tmp/script.sh\n' },
    { name: 'different pipelines', code: 'FROM alpine:3.20\nRUN curl -fsSL https://x > /tmp/i.sh && cat /tmp/i.sh | sh\n' },
    { name: 'heredoc data', code: 'FROM alpine:3.20\nRUN cat <<EOF > /x.md\ncurl https://x | sh\nEOF\n' },
  ],
  invalid: [
    {
      name: 'curl | sh',
      code: 'FROM alpine:3.20\nRUN curl -fsSL https://get.example.com | sh\n',
      errors: [{ message: '`curl … | sh` runs a downloaded script', line: 2, column: 5, endColumn: 44, severity: 'warning', fixes: [] }],
    },
    {
      name: 'wget -O- | sudo bash -s --, across a continuation',
      code: 'FROM debian:12\nRUN wget -qO- https://x/install.sh \\\n  | sudo -E bash -s -- --version 1.2\n',
      errors: [{ message: '`wget … | bash`', line: 2, column: 5, endLine: 3, endColumn: 37 }],
    },
    {
      name: 'wget -O - | sh and curl | tee | bash',
      code: 'FROM debian:12\nRUN wget -O - https://x | sh; curl -sL https://y | tee /tmp/log | bash\n',
      errors: [{ column: 5 }, { message: '`curl … | bash`', column: 31 }],
    },
    {
      name: 'sh -c "$(curl …)", bash <(curl …), python3 -',
      code: 'FROM debian:12\nRUN sh -c "$(curl -fsSL https://x/install.sh)" && bash <(curl -s https://y) && curl https://z | python3 -\n',
      errors: [
        { message: '`sh` runs a script downloaded by `curl`', line: 2, column: 5, endColumn: 47 },
        { message: '`bash` runs a script downloaded by `curl`', column: 51 },
        { message: '`curl … | python3`', column: 80 },
      ],
    },
    {
      name: 'shell or interpreter reading the program from /dev/stdin',
      code: 'FROM debian:12\nRUN curl -fsSL https://x | bash /dev/stdin --flag && wget -qO- https://y | sh -x /dev/stdin; curl https://z | python3 /dev/fd/0\n',
      errors: [
        { message: '`curl … | bash`', column: 5, endColumn: 50 },
        { message: '`wget … | sh`', column: 54 },
        { message: '`curl … | python3`', column: 94 },
      ],
    },
    {
      name: 'bash -s -- args',
      code: 'FROM debian:12\nRUN curl -fsSL https://x | bash -s -- --prefix /usr/local\n',
      errors: [{ message: '`curl … | bash`', column: 5, endColumn: 58 }],
    },
    {
      name: 'every runner of a substituted download (each name the rule looks up)',
      code:
        'FROM debian:12\nRUN eval "$(wget -qO- https://x)"; . <(curl -s https://y); source <(curl https://z); zsh -c "$(curl https://w)"; fish -c "$(curl https://v)"\n',
      errors: [
        { message: '`eval` runs a script downloaded by `wget`' },
        { message: '`.` runs a script downloaded by `curl`' },
        { message: '`source` runs a script downloaded by `curl`' },
        { message: '`zsh` runs' },
        { message: '`fish` runs' },
      ],
    },
    {
      name: 'inside a heredoc script and ONBUILD',
      code: 'FROM debian:12\nRUN <<EOF\nset -e\ncurl https://x | bash\nEOF\nONBUILD RUN curl https://y | sh\n',
      errors: [{ line: 4, column: 1, endColumn: 22 }, { line: 6, column: 13 }],
    },
  ],
});

// The rule looks for a download's shell only after the download in the command list.
test('the later commands of a pipeline come after it in the command list, in random RUNs', () => {
  let later = 0;
  const atoms = (esc: string) => ['\nRUN ', '\nRUN ["sh", "-c", "', '"]', ' curl x', ' wget -O-', ' | ', ' | ', ' |& ', ' | sh', ' | bash -s', ' tee f', ' && ', ' || ', '; ', ' & ', ' (', ')', ' { ', '; }', ' $(', '`', ' <(', ' sh -c "', " bash -c '", '"', "'", ' <<EOF\n', 'EOF\n', '\n', esc + '\n', ' # c\n', ' x=1', ' sudo', ' if a; then', '; fi', ' a'];
  for (const t of randomDockerfiles(20261128, 15000, 'FROM x\nRUN a', 14, atoms)) {
    const doc = parseDockerfile(t);
    for (const run of allRuns(doc)) {
      run.commands.forEach((cmd, k) => {
        for (const c of pipelineOf(run, cmd)) {
          if (c.pipelineIndex <= cmd.pipelineIndex) continue;
          later++;
          assert.ok(run.commands.indexOf(c) > k, JSON.stringify(t));
        }
      });
    }
  }
  assert.ok(later > 3000, `only ${later} later pipeline commands`);
});
