import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  findExistingScratchpad,
  listScratchpadNames,
  issueOfScratchpadName,
  issueOfScratchpadPath,
  parseIssueNumber,
  resolveInsideScratchpads,
  titleFromScratchpadText,
  scratchpadRelativePath,
  validateIssueNumber,
  validateShortName,
} from '../../client/src/workflow/scratchpad';
import { timedMs } from './timing';

describe('issue numbers', () => {
  it('accepts positive integers (optionally with #)', () => {
    assert.equal(parseIssueNumber('67'), 67);
    assert.equal(parseIssueNumber(' #67 '), 67);
    assert.equal(parseIssueNumber(67), 67);
  });
  it('rejects everything else', () => {
    for (const bad of ['0', '-1', '1.5', '1e3', 'abc', '', '#', '67a', '0x10', '99999999999999999999', ' ', '6 7'])
      assert.equal(parseIssueNumber(bad), undefined, bad);
    for (const bad of [0, -1, 1.5, NaN, Infinity, 2 ** 60]) assert.equal(parseIssueNumber(bad), undefined, String(bad));
    assert.equal(parseIssueNumber(undefined), undefined);
    assert.match(validateIssueNumber('-3')!, /positive whole number/);
    assert.match(validateIssueNumber('')!, /Enter the issue number/);
    assert.equal(validateIssueNumber('3'), undefined);
  });
});

describe('short names and paths', () => {
  it('valid short name gives the guide path', () => {
    assert.equal(validateShortName('redis-cluster'), undefined);
    assert.equal(scratchpadRelativePath(67, 'redis-cluster'), 'docs/scratchpads/67-redis-cluster.md');
  });
  it('path traversal attempts are rejected', () => {
    for (const bad of ['../x', '..', 'a/../../b', '/etc/passwd', 'C:evil', 'c:\\x', 'a\\b', '..\\..\\x', 'a/b', '~/x', 'x\u0000y', 'a..b'])
      assert.ok(validateShortName(bad), `accepted ${JSON.stringify(bad)}`);
    assert.match(validateShortName('../x')!, /inside docs\/scratchpads/);
    assert.throws(() => scratchpadRelativePath(67, '../../etc/passwd'));
    assert.throws(() => scratchpadRelativePath(0, 'x'));
    assert.throws(() => scratchpadRelativePath(-1, 'x'));
  });
  it('names that are not kebab-case are rejected with a hint', () => {
    assert.match(validateShortName('Redis Cluster')!, /kebab-case/);
    assert.match(validateShortName('x'.repeat(41))!, /At most 40/);
    assert.match(validateShortName('')!, /Enter a short name/);
  });
  it('resolveInsideScratchpads keeps paths inside the folder', () => {
    assert.equal(resolveInsideScratchpads('/ws', 'docs/scratchpads/67-a.md'), '/ws/docs/scratchpads/67-a.md');
    assert.equal(resolveInsideScratchpads('/ws/', './docs/scratchpads/67-a.md'), '/ws/docs/scratchpads/67-a.md');
    for (const bad of ['docs/scratchpads/../x.md', '../docs/scratchpads/x.md', '/docs/scratchpads/x.md', 'docs\\scratchpads\\x.md', 'docs/scratchpads/', 'docs/other/x.md', 'docs/scratchpads/x\u0000.md', 'C:/docs/scratchpads/x.md'])
      assert.equal(resolveInsideScratchpads('/ws', bad), undefined, bad);
  });
});

describe('never overwrite: existing scratchpads', () => {
  it('finds the existing file of the same issue under any short name', () => {
    const names = ['.template.md', '12-other.md', '67-redis.md', '670-not-this.md', 'README.md', '67-notes.txt'];
    assert.equal(findExistingScratchpad(names, 67), '67-redis.md');
    assert.equal(findExistingScratchpad(names, 12), '12-other.md');
    assert.equal(findExistingScratchpad(names, 6), undefined);
    assert.equal(findExistingScratchpad(names, 670), '670-not-this.md');
    assert.equal(findExistingScratchpad([], 67), undefined);
  });
  it('several candidates: a stable first one', () => {
    assert.equal(findExistingScratchpad(['67-b.md', '67-a.md'], 67), '67-a.md');
    assert.equal(findExistingScratchpad(['67.md'], 67), '67.md');
    assert.equal(findExistingScratchpad(['067-x.md'], 67), '067-x.md');
  });
  it('issue of a name or path', () => {
    assert.equal(issueOfScratchpadName('67-redis.md'), 67);
    assert.equal(issueOfScratchpadName('redis.md'), undefined);
    assert.equal(issueOfScratchpadName('0-x.md'), undefined);
    assert.equal(issueOfScratchpadPath('/ws/docs/scratchpads/67-redis.md'), 67);
    assert.equal(issueOfScratchpadPath('C:\\ws\\docs\\scratchpads\\5-x.md'), 5);
    assert.equal(issueOfScratchpadPath('/ws/docs/67-redis.md'), undefined);
  });
});

describe('titleFromScratchpadText', () => {
  it('reads the title from the first heading', () => {
    assert.equal(titleFromScratchpadText('# #67: Configure Redis cluster\n\n## Objective\n', 67), 'Configure Redis cluster');
    assert.equal(titleFromScratchpadText('# 67 - Configure Redis\n', 67), 'Configure Redis');
    assert.equal(titleFromScratchpadText('# Free title\n', 67), 'Free title');
    assert.equal(titleFromScratchpadText('# #68: Other issue\n', 67), undefined);
    assert.equal(titleFromScratchpadText('no heading\n', 67), undefined);
    assert.equal(titleFromScratchpadText('intro\r\n# #67: Title  \r\n', 67), 'Title');
  });
  it('takes linear time on a long heading line of blanks', () => {
    const pad = ' '.repeat(200_000);
    // Wall or CPU time, the smaller: a loaded machine slows the wall clock, not the work (timing.ts).
    const { result: [plain, numbered], ms } = timedMs(() => [titleFromScratchpadText(`# a${pad}b\n`, 67), titleFromScratchpadText(`# 67${pad}x${pad}\n`, 67)] as const);
    assert.ok(ms < 1000, `took ${ms} ms`);
    assert.equal(plain, `a${pad}b`);
    assert.equal(numbered, `67${pad}x`);
  });
});

describe('listing docs/scratchpads', () => {
  const access = (isDirectory: boolean | undefined, fileNames: () => Promise<string[]>) => ({ isDirectory: () => Promise.resolve(isDirectory), fileNames });
  it('lists the files; [] when the folder is missing or not a folder', async () => {
    assert.deepEqual(await listScratchpadNames(access(true, () => Promise.resolve(['67-a.md']))), ['67-a.md']);
    assert.deepEqual(await listScratchpadNames(access(undefined, () => Promise.reject(new Error('no')))), []);
    assert.deepEqual(await listScratchpadNames(access(false, () => Promise.reject(new Error('no')))), []);
  });
  it('a folder that exists but cannot be listed is an error, not "no scratchpads"', async () => {
    await assert.rejects(
      listScratchpadNames(access(true, () => Promise.reject(new Error('EACCES: permission denied')))),
      /docs\/scratchpads exists but can't be listed \(EACCES: permission denied\)/,
    );
  });
});
