// Relative links in README.md and docs/**/*.md (hand-written and generated) must resolve: the
// target file exists and a `#anchor` names a heading of it, slugged as GitHub does.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';

const ROOT = resolve(__dirname, '../../..');

/** GitHub's heading id: lower case, punctuation dropped (not `-` or `_`), spaces → `-`. */
function githubSlug(heading: string): string {
  const text = heading
    .replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1') // links and images: their text
    .replace(/<[^>]+>/g, '') // inline HTML tags
    .replace(/[`*]/g, '');
  return text
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{M}\p{N}\p{Pc}\- ]/gu, '')
    .replace(/ /g, '-');
}

/** Lines outside fenced code blocks, with their 1-based numbers. */
function proseLines(markdown: string): { line: number; text: string }[] {
  const out: { line: number; text: string }[] = [];
  let fence: string | undefined;
  markdown.split(/\r?\n/).forEach((text, i) => {
    const m = /^\s{0,3}(`{3,}|~{3,})/.exec(text);
    if (m) {
      if (fence === undefined) fence = m[1]![0]!.repeat(m[1]!.length);
      else if (m[1]!.startsWith(fence)) fence = undefined;
      return;
    }
    if (fence === undefined) out.push({ line: i + 1, text });
  });
  return out;
}

/** The anchors a Markdown file defines: heading slugs (`-1`, `-2` for repeats) and HTML ids. */
function anchorsOf(markdown: string): Set<string> {
  const anchors = new Set<string>();
  const seen = new Map<string, number>();
  for (const { text } of proseLines(markdown)) {
    const h = /^\s{0,3}#{1,6}\s+(.*?)\s*#*\s*$/.exec(text);
    if (h) {
      const base = githubSlug(h[1]!);
      const n = seen.get(base) ?? 0;
      seen.set(base, n + 1);
      anchors.add(n === 0 ? base : `${base}-${n}`);
    }
    for (const a of text.matchAll(/<a\s+(?:id|name)="([^"]+)"/g)) anchors.add(a[1]!);
  }
  return anchors;
}

/** Link targets in a Markdown file (inline links and images, reference definitions), outside code. */
function linksOf(markdown: string): { line: number; target: string }[] {
  const links: { line: number; target: string }[] = [];
  for (const { line, text } of proseLines(markdown)) {
    const prose = text.replace(/(`+)(?:(?!\1)[\s\S])*?\1/g, ''); // inline code spans
    for (const m of prose.matchAll(/\]\(\s*(<[^>]*>|[^)\s]+)(?:\s+"[^"]*")?\s*\)/g)) links.push({ line, target: m[1]!.replace(/^<|>$/g, '') });
    const def = /^\s{0,3}\[[^\]]+\]:\s*(\S+)/.exec(prose);
    if (def) links.push({ line, target: def[1]! });
  }
  return links;
}

/** Broken relative links of the Markdown files under `root`, as `file:line: target (why)`. */
function brokenLinks(root: string, files: string[]): string[] {
  const anchorCache = new Map<string, Set<string>>();
  const anchors = (path: string): Set<string> => {
    let a = anchorCache.get(path);
    if (!a) anchorCache.set(path, (a = anchorsOf(readFileSync(path, 'utf8'))));
    return a;
  };
  const broken: string[] = [];
  for (const file of files) {
    const abs = join(root, file);
    for (const { line, target } of linksOf(readFileSync(abs, 'utf8'))) {
      if (/^[a-z][a-z0-9+.-]*:/i.test(target) || target.startsWith('//')) continue; // URLs, mailto:
      const hash = target.indexOf('#');
      const pathPart = decodeURIComponent(hash < 0 ? target : target.slice(0, hash));
      const anchor = hash < 0 ? undefined : decodeURIComponent(target.slice(hash + 1));
      const dest = pathPart === '' ? abs : resolve(dirname(abs), pathPart);
      const where = `${file}:${line}: ${target}`;
      if (!existsSync(dest)) broken.push(`${where} (no such file)`);
      else if (anchor !== undefined && anchor !== '') {
        if (!/\.md$/i.test(dest) || statSync(dest).isDirectory()) broken.push(`${where} (anchor into a file that is not Markdown)`);
        else if (!anchors(dest).has(anchor)) broken.push(`${where} (no heading #${anchor} in ${relative(root, dest)})`);
      }
    }
  }
  return broken;
}

/** README.md and every `.md` under docs/, relative to `root`. */
function markdownFiles(root: string): string[] {
  const out = ['README.md'];
  const walk = (dir: string): void => {
    for (const name of readdirSync(join(root, dir)).sort()) {
      const rel = `${dir}/${name}`;
      if (statSync(join(root, rel)).isDirectory()) walk(rel);
      else if (name.endsWith('.md')) out.push(rel);
    }
  };
  walk('docs');
  return out;
}

test('GitHub heading slugs', () => {
  assert.equal(githubSlug('Quick start'), 'quick-start');
  assert.equal(githubSlug('Issue workflow: issues, scratchpads, "Before completing", validation tasks'), 'issue-workflow-issues-scratchpads-before-completing-validation-tasks');
  assert.equal(githubSlug('Validation tasks (`infra-guide` task type)'), 'validation-tasks-infra-guide-task-type');
  assert.equal(githubSlug('As a git `commit-msg` hook'), 'as-a-git-commit-msg-hook');
  assert.equal(githubSlug('Desktop VS Code (`@vscode/test-electron`)'), 'desktop-vs-code-vscodetest-electron');
  assert.equal(githubSlug('Commands — details'), 'commands--details');
  assert.equal(githubSlug('snake_case and [a link](x.md)'), 'snake_case-and-a-link');
});

test('the link checker finds missing files and anchors, and skips code and URLs', () => {
  const dir = mkdtempSync(join(tmpdir(), 'infra-guide-links-'));
  try {
    mkdirSync(join(dir, 'docs/dev'), { recursive: true });
    writeFileSync(
      join(dir, 'README.md'),
      [
        '# Title',
        '## Set-up',
        '## Set-up',
        '[ok](docs/a.md) [ok](docs/a.md#options-key) [ok](#set-up-1) [ok](https://example.com/x.md) [ok](<docs/a.md>)',
        '[missing](docs/b.md) [bad anchor](docs/a.md#nope) [bad local](#title-1)',
        '`[code](docs/c.md)`',
        '```md',
        '[fenced](docs/d.md)',
        '```',
        '[ref]: docs/dev/gone.md',
      ].join('\n'),
    );
    writeFileSync(join(dir, 'docs/a.md'), '# A\n\n## Options (`key`)\n\n[up](../README.md#set-up) [sibling](dev/)\n');
    assert.deepEqual(brokenLinks(dir, markdownFiles(dir)), [
      'README.md:5: docs/b.md (no such file)',
      'README.md:5: docs/a.md#nope (no heading #nope in docs/a.md)',
      'README.md:5: #title-1 (no heading #title-1 in README.md)',
      'README.md:10: docs/dev/gone.md (no such file)',
    ]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('relative links in README.md and docs/**/*.md resolve to files and headings', () => {
  const files = markdownFiles(ROOT);
  assert.ok(files.includes('docs/workflow.md') && files.some((f) => f.startsWith('docs/rules/')), 'docs found');
  assert.deepEqual(brokenLinks(ROOT, files), []);
});
