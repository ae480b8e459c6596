import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { parseDockerfile } from '../model';
import { parseNpm, runsNpm } from './package-managers';
import { allRuns } from './run';

/** RUN and ONBUILD bodies that do or do not run a command that parseNpm reads. */
const PIECES = [
  'npm ci', 'sudo -E npm install', "sh -c 'cd /app && npm ci'", 'n"p"m install', 'n\\\n  pm i', '/usr/bin/npm ci', 'NODE_ENV=production npm ci',
  'echo npm', 'npx tsc', 'pnpm install', 'yarn add npm', '"npm ci"', 'apt-get install -y npm', 'cat <<EOF > /x\nnpm ci\nEOF',
];

describe('runsNpm', () => {
  it('is true exactly when some RUN command is one parseNpm reads, over generated Dockerfiles', () => {
    let seed = 7;
    const next = (n: number): number => (seed = (seed * 1103515245 + 12345) % 2147483648) % n;
    let both = 0;
    for (let k = 0; k < 400; k++) {
      const lines = ['FROM node:20'];
      for (let i = next(4); i >= 0; i--) {
        const body = Array.from({ length: 1 + next(3) }, () => PIECES[next(PIECES.length)]!).join(' && ');
        lines.push(next(5) === 0 ? `ONBUILD RUN ${body}` : next(6) === 0 ? `RUN ["sh", "-c", ${JSON.stringify(body)}]` : `RUN ${body}`);
      }
      const doc = parseDockerfile(lines.join('\n') + '\n');
      const slow = allRuns(doc).some((r) => r.commands.some((c) => parseNpm(c) !== undefined));
      assert.equal(runsNpm(doc), slow, lines.join('\n'));
      assert.equal(runsNpm(doc), slow, 'asked again (memo)');
      if (slow) both++;
    }
    assert.ok(both > 50 && both < 350, `both answers are generated (${both} of 400 run npm)`);
  });
});
