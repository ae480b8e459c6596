import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { REDACTED, redactArgs, redactForLog, redactSecrets } from '../../client/src/workflow/redact';
import { timedMs } from './timing';

const GH = 'ghp_' + 'a1B2c3D4e5F6g7H8i9J0k1L2m3N4o5P6q7R8';

describe('redactArgs', () => {
  it('hides the value of a credential option, spaced or with `=`', () => {
    assert.deepEqual(redactArgs(['-a', '@me', '--token', 's3cr3t-value', '--api-key=abc', '--password', 'pw']), ['-a', '@me', '--token', REDACTED, `--api-key=${REDACTED}`, '--password', REDACTED]);
  });
  it('hides a token-shaped value whatever its option', () => {
    assert.deepEqual(redactArgs(['--header', `Authorization: Bearer ${GH}`, GH]), ['--header', `Authorization: Bearer ${REDACTED}`, REDACTED]);
  });
  it('keeps ordinary arguments, and a credential option at the end', () => {
    assert.deepEqual(redactArgs(['issue', 'list', '--assignee', '@me', '--json', 'number,title', '--token']), ['issue', 'list', '--assignee', '@me', '--json', 'number,title', '--token']);
  });
});

describe('redactSecrets', () => {
  it('hides tokens, key=value credentials and URL passwords in program output', () => {
    const out = redactSecrets(`error: bad credentials for ${GH}\nusage: list --token=xyz123 GITLAB_TOKEN: glpat-abcdefghij0123456789\nfetch https://bot:hunter2@git.example.com/x failed\ntoken 0123456789abcdefghij rejected`);
    for (const secret of [GH, 'xyz123', 'glpat-abcdefghij0123456789', 'hunter2', '0123456789abcdefghij']) assert.ok(!out.includes(secret), `${secret} in ${out}`);
    assert.match(out, /bad credentials for \[redacted\]/);
    assert.match(out, /https:\/\/bot:\[redacted\]@git\.example\.com/);
  });
  it('leaves messages without credentials alone', () => {
    const text = 'fatal: token expired; run `gh auth login`\nHTTP 401: Bad credentials (https://api.github.com/user)';
    assert.equal(redactSecrets(text), text);
  });
});

describe('redactSecrets: credentials in coloured and structured output', () => {
  it('hides a token wrapped in ANSI colour codes (the codes are dropped)', () => {
    const out = redactSecrets(`\x1b[31merror:\x1b[0m bad credentials \x1b[1m${GH}\x1b[0m`);
    assert.ok(!out.includes(GH.slice(4)), out);
    assert.equal(out, `error: bad credentials ${REDACTED}`);
  });
  it('hides JSON credential values ("token": "…")', () => {
    const out = redactSecrets('{"message":"Bad credentials","access_token": "s3cr3t-Value","client_secret":"a\\"b c","note":"ok"}');
    for (const secret of ['s3cr3t-Value', 'a\\"b c']) assert.ok(!out.includes(secret), `${secret} in ${out}`);
    assert.equal(out, `{"message":"Bad credentials","access_token": "${REDACTED}","client_secret":"${REDACTED}","note":"ok"}`);
  });
  it('hides the value after a credential option echoed with a space (`--token abc123`)', () => {
    const out = redactSecrets('usage error: issue-list.sh -a @me --token abc123xyz --private-token "q w"');
    assert.ok(!out.includes('abc123xyz') && !out.includes('q w'), out);
    assert.equal(out, `usage error: issue-list.sh -a @me --token ${REDACTED} --private-token ${REDACTED}`);
  });
});

describe('redactSecrets on large output', () => {
  it('takes linear time on long hyphenated or repeated words', () => {
    // Wall or CPU time, the smaller: a loaded machine slows the wall clock, not the work (timing.ts).
    const { ms } = timedMs(() => {
      redactSecrets('a-'.repeat(50_000));
      redactSecrets('x.'.repeat(50_000) + '://');
    });
    assert.ok(ms < 1000, `took ${ms} ms`);
    assert.equal(redactSecrets('SERVICE_ACCOUNT_FOR_THE_PRODUCTION_PIPELINE_API_TOKEN=abc123 then xhttps://u:pw@host/'), `SERVICE_ACCOUNT_FOR_THE_PRODUCTION_PIPELINE_API_TOKEN=${REDACTED} then xhttps://u:${REDACTED}@host/`);
  });
  it('redactForLog keeps a bounded head, cut at a line break so no token is cut in two', () => {
    const line = `auth failed for ${GH}\n`;
    const text = line.repeat(10_000);
    const out = redactForLog(text, 1000);
    assert.ok(out.length < 1200, String(out.length));
    assert.ok(!out.includes('ghp_'), out);
    assert.match(out, /auth failed for \[redacted\]\n… \(\d+ more characters not shown\)$/);
    assert.equal(redactForLog(line), `auth failed for ${REDACTED}\n`);
  });
});
