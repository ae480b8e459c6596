import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { cleanText, expandHome, parseIssueList, summarizeError } from '../../client/src/workflow/issues';
import { timedMs } from './timing';

describe('parseIssueList', () => {
  it('plain `#67 Title` lines', () => {
    assert.deepEqual(parseIssueList('#67 Configure Redis cluster\n#68 Add Vault secrets\n'), [
      { number: 67, title: 'Configure Redis cluster', labels: [] },
      { number: 68, title: 'Add Vault secrets', labels: [] },
    ]);
  });
  it('plain variants: no hash, colon, dash, bullets, state and labels', () => {
    const got = parseIssueList('67: Configure Redis\n- #5 - Fix CI\n[open] #9 Tune alerts (labels: infra, alerting)\n#10 Rotate keys [closed]\n');
    assert.deepEqual(got, [
      { number: 67, title: 'Configure Redis', labels: [] },
      { number: 5, title: 'Fix CI', labels: [] },
      { number: 9, title: 'Tune alerts', labels: ['infra', 'alerting'], state: 'open' },
      { number: 10, title: 'Rotate keys', labels: [], state: 'closed' },
    ]);
  });
  it('gh-style tab-separated output (no header)', () => {
    const out = '67\tOPEN\tConfigure Redis cluster\tinfra, redis\t2024-05-01T10:00:00Z\n12\tOPEN\tAdd probes\t\t2024-05-02T10:00:00Z\n';
    assert.deepEqual(parseIssueList(out), [
      { number: 67, title: 'Configure Redis cluster', labels: ['infra', 'redis'], state: 'open' },
      { number: 12, title: 'Add probes', labels: [], state: 'open' },
    ]);
  });
  it('glab-style rows with a project reference and relative dates', () => {
    const out = 'Showing 1 open issue in g/p that match your search (Page 1)\n\n#67\tg/p#67\tConfigure Redis cluster\t(infra, redis)\tabout 1 day ago\n';
    assert.deepEqual(parseIssueList(out), [{ number: 67, title: 'Configure Redis cluster', labels: ['infra', 'redis'] }]);
  });
  it('pipe table with header, separator and state/labels columns', () => {
    const out = [
      '+-------+-------------------------+--------+--------------+',
      '| INDEX | TITLE                   | STATE  | LABELS       |',
      '+-------+-------------------------+--------+--------------+',
      '| 67    | Configure Redis cluster | open   | infra,redis  |',
      '| 3     | Fix | pipes             | closed |              |',
      '+-------+-------------------------+--------+--------------+',
    ].join('\n');
    const got = parseIssueList(out);
    assert.deepEqual(got[0], { number: 67, title: 'Configure Redis cluster', labels: ['infra', 'redis'], state: 'open' });
    assert.equal(got.length, 2);
  });
  it('space-aligned table with header', () => {
    const out = 'ID   TITLE                     LABELS        STATE\n67   Configure Redis cluster   infra, redis  open\n8    Add probes                              open\n';
    const got = parseIssueList(out);
    assert.deepEqual(got[0], { number: 67, title: 'Configure Redis cluster', labels: ['infra', 'redis'], state: 'open' });
    assert.equal(got[1]!.number, 8);
    assert.equal(got[1]!.title, 'Add probes');
  });
  it('JSON array from gh (labels as objects, url)', () => {
    const out = JSON.stringify([
      { number: 67, title: 'Configure Redis cluster', labels: [{ name: 'infra' }], state: 'OPEN', url: 'https://git.example.com/o/r/issues/67' },
      { number: 'x', title: 'bad' },
    ]);
    assert.deepEqual(parseIssueList(out), [
      { number: 67, title: 'Configure Redis cluster', labels: ['infra'], state: 'open', url: 'https://git.example.com/o/r/issues/67' },
    ]);
  });
  it('JSON from glab (iid over id) and tea (index, labels string)', () => {
    assert.deepEqual(parseIssueList(JSON.stringify([{ id: 901, iid: 7, title: 'T', labels: ['a'], state: 'opened', web_url: 'https://gl/x/7' }])), [
      { number: 7, title: 'T', labels: ['a'], state: 'opened', url: 'https://gl/x/7' },
    ]);
    assert.deepEqual(parseIssueList(JSON.stringify([{ index: 4, title: 'U', labels: 'a, b' }])), [{ number: 4, title: 'U', labels: ['a', 'b'] }]);
  });
  it('JSON wrapped in an object, and JSON lines', () => {
    assert.equal(parseIssueList(JSON.stringify({ issues: [{ number: 1, title: 'A' }] }))[0]!.number, 1);
    assert.equal(parseIssueList('{"number":1,"title":"A"}\n{"number":2,"title":"B"}\n').length, 2);
  });
  it('ANSI colours and CRLF are tolerated', () => {
    assert.deepEqual(parseIssueList('\u001b[32m#67\u001b[0m Configure Redis cluster\r\n'), [{ number: 67, title: 'Configure Redis cluster', labels: [] }]);
  });
  it('garbage and empty output give no issues', () => {
    assert.deepEqual(parseIssueList(''), []);
    assert.deepEqual(parseIssueList('   \n\n'), []);
    assert.deepEqual(parseIssueList('Error: not logged in\nusage: issue-list.sh [-a user]\n'), []);
    assert.deepEqual(parseIssueList('{"message":"Bad credentials"}'), []);
    assert.deepEqual(parseIssueList('[1,2,3]'), []);
    assert.deepEqual(parseIssueList('{ broken json'), []);
    assert.deepEqual(parseIssueList('#0 zero\n#-1 neg\n#67\n#68 ---\n'), []);
  });
  it('duplicates are dropped', () => {
    assert.equal(parseIssueList('#1 A\n#1 A again\n').length, 1);
  });
});

describe('expandHome', () => {
  it('expands only a leading ~', () => {
    assert.equal(expandHome('~/.mosaic/rails/git/issue-list.sh', '/home/u'), '/home/u/.mosaic/rails/git/issue-list.sh');
    assert.equal(expandHome('~', '/home/u'), '/home/u');
    assert.equal(expandHome('/usr/bin/gh', '/home/u'), '/usr/bin/gh');
    assert.equal(expandHome('a/~/b', '/home/u'), 'a/~/b');
    assert.equal(expandHome('~other/x', '/home/u'), '~other/x');
  });
});

describe('summarizeError', () => {
  it('picks the error line', () => {
    assert.equal(summarizeError('starting\nfatal: not a git repository\nbye\n'), 'fatal: not a git repository');
    assert.equal(summarizeError(''), '');
    assert.equal(summarizeError('x'.repeat(500)).length, 200);
  });
});

describe('issue titles are one line of plain text', () => {
  it('drops line breaks, colour codes, control and bidi-override characters from JSON titles and labels', () => {
    const out = JSON.stringify([{ number: 67, title: 'Configure\nRedis\u001b[31m cluster\u0000\u0007 \u202eevil\u202c', labels: ['in\nfra', '\u001b[1m', { name: 'redis\r\n' }], state: 'OPEN\n' }]);
    assert.deepEqual(parseIssueList(out), [{ number: 67, title: 'Configure Redis cluster evil', labels: ['in fra', 'redis'], state: 'open' }]);
  });
  it('drops control characters from plain and table lines', () => {
    assert.deepEqual(parseIssueList('#5 Fix\u0007 CI\u0000 now\n'), [{ number: 5, title: 'Fix CI now', labels: [] }]);
    assert.deepEqual(parseIssueList('67\tOPEN\tAdd\u0008 probes\t\t2024-05-02T10:00:00Z\n'), [{ number: 67, title: 'Add probes', labels: [], state: 'open' }]);
  });
  it('cleanText', () => {
    assert.equal(cleanText('  a\r\n\tb\u2028c\u0085d  '), 'a b c d');
    assert.equal(cleanText('\u001b]8;;https://x\u0007link\u001b]8;;\u0007'), 'link');
  });
});

describe('parseIssueList on long malformed lines', () => {
  it('takes linear time: runs of spaces or tabs in plain lines, tables and labels', () => {
    const pad = ' '.repeat(100_000);
    const lines = [
      `#1 t${pad}(open`,
      `#2 t${pad}(labels: x`,
      `3${pad}-`,
      `\t`.repeat(100_000) + '4',
      `5\tt\t(a${pad}b`,
      `#6 Real issue (labels: a${pad}, b)`,
    ];
    // Wall or CPU time, the smaller: a loaded machine slows the wall clock, not the work (timing.ts).
    const { result: issues, ms } = timedMs(() => parseIssueList(lines.join('\n')));
    assert.ok(ms < 1500, `took ${ms} ms`);
    assert.deepEqual(issues.find((i) => i.number === 6), { number: 6, title: 'Real issue', labels: ['a', 'b'] });
  });
});
