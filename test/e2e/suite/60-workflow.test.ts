// Workflow commands (issue 5) in a real extension host: scratchpads (create, never overwrite,
// template, rejected input), the issue list with a stub program, the commit message for the
// branch's issue, the "Before completing" record and the validation tasks.
// The code-server host runs the fixture workspace untrusted (Restricted Mode): there the issue
// list must not run any program, Git (and so the SCM input box) is unavailable and tasks are not
// offered; a trusted host (@vscode/test-electron) exercises the other branch of those tests.
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { chmodSync, existsSync, lstatSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, symlinkSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import * as vscode from 'vscode';
import { closeAllEditors, note, openDoc, sleep, waitFor, workspaceRoot, wsUri } from '../host/helpers';
import { runClearingNotifications, today } from './workflow-helpers';

interface CreateResult {
  uri: vscode.Uri;
  created: boolean;
}

const dec = new TextDecoder();
const enc = new TextEncoder();

async function read(uri: vscode.Uri): Promise<string> {
  return dec.decode(await vscode.workspace.fs.readFile(uri));
}

async function exists(uri: vscode.Uri): Promise<boolean> {
  try {
    await vscode.workspace.fs.stat(uri);
    return true;
  } catch {
    return false;
  }
}

async function scratchpadNames(): Promise<string[]> {
  if (!(await exists(wsUri('docs', 'scratchpads')))) return [];
  try {
    return (await vscode.workspace.fs.readDirectory(wsUri('docs', 'scratchpads'))).map(([n]) => n).sort();
  } catch {
    return [];
  }
}

/** Runs a command and records the error messages it shows (the extension shares this `vscode` API object). */
async function capturingErrors<T>(run: () => Thenable<T>): Promise<{ result: T; messages: string[] }> {
  const w = vscode.window as { showErrorMessage: (...a: unknown[]) => Thenable<unknown> };
  const original = w.showErrorMessage;
  const messages: string[] = [];
  w.showErrorMessage = (...a: unknown[]) => {
    messages.push(String(a[0]));
    return Promise.resolve(undefined);
  };
  try {
    return { result: await run(), messages };
  } finally {
    w.showErrorMessage = original;
  }
}

describe('workflow commands', function () {
  this.timeout(60000);

  before(async () => {
    // Activate the extension (it activates on Dockerfiles and on its commands).
    await openDoc('Dockerfile');
  });

  describe('Create scratchpad for issue', () => {
    let first: CreateResult;

    it('creates docs/scratchpads/67-redis-cluster.md (folders included) and opens it with the cursor in the objective', async () => {
      assert.deepEqual(await scratchpadNames(), []);
      first = (await vscode.commands.executeCommand<CreateResult>('infraGuide.createScratchpad', {
        issue: 67,
        title: 'Configure Redis cluster',
        shortName: 'redis-cluster',
      }))!;
      assert.ok(first, 'command returned nothing');
      assert.equal(first.created, true);
      assert.equal(first.uri.toString(), wsUri('docs', 'scratchpads', '67-redis-cluster.md').toString());
      const text = await read(first.uri);
      assert.match(text, /^# #67: Configure Redis cluster$/m);
      assert.ok(text.includes(`### ${today()}`), 'dated progress log');
      assert.ok(text.includes('- [ ] Validate configuration syntax'));
      const editor = vscode.window.activeTextEditor;
      assert.equal(editor?.document.uri.toString(), first.uri.toString(), 'the new scratchpad is the active editor');
      const line = editor!.selection.active.line;
      const lines = editor!.document.getText().split('\n');
      const objective = lines.indexOf('## Objective');
      assert.ok(objective >= 0 && line > objective && line < lines.indexOf('## Plan'), `cursor on line ${line + 1}, objective heading on ${objective + 1}`);
    });

    it('run again (even with another short name): opens the existing scratchpad, never overwrites', async () => {
      const edited = (await read(first.uri)) + '\nMY OWN NOTES\n';
      await vscode.workspace.fs.writeFile(first.uri, enc.encode(edited));
      await closeAllEditors();
      const second = (await vscode.commands.executeCommand<CreateResult>('infraGuide.createScratchpad', {
        issue: '#67',
        title: 'Something else entirely',
        shortName: 'another-name',
      }))!;
      assert.equal(second.created, false);
      assert.equal(second.uri.toString(), first.uri.toString());
      assert.equal(await read(first.uri), edited, 'existing scratchpad must be untouched');
      assert.deepEqual(await scratchpadNames(), ['67-redis-cluster.md']);
      assert.equal(vscode.window.activeTextEditor?.document.uri.toString(), first.uri.toString(), 'the existing scratchpad is opened');
    });

    it('rejects non-positive issue numbers and names that would leave docs/scratchpads', async () => {
      for (const issue of [0, -3, '1.5', 'abc', '67; rm -rf /']) {
        const r = await vscode.commands.executeCommand('infraGuide.createScratchpad', { issue, title: 'X', shortName: 'x' });
        assert.equal(r, undefined, `issue ${JSON.stringify(issue)} accepted`);
      }
      for (const shortName of ['../../evil', '..', '/etc/passwd', 'a\\..\\b', 'a/b', 'x\u0000y', 'UPPER']) {
        const r = await vscode.commands.executeCommand('infraGuide.createScratchpad', { issue: 99, title: 'X', shortName });
        assert.equal(r, undefined, `short name ${JSON.stringify(shortName)} accepted`);
      }
      assert.deepEqual(await scratchpadNames(), ['67-redis-cluster.md']);
      assert.equal(await exists(wsUri('evil.md')), false);
      assert.equal(await exists(wsUri('docs', 'evil.md')), false);
      await vscode.commands.executeCommand('notifications.clearAll');
    });

    it('a dangling symlink at the target path is reported as a broken link; nothing is written', async () => {
      const link = join(workspaceRoot().fsPath, 'docs', 'scratchpads', '71-broken.md');
      const target = join(tmpdir(), `infra-guide-missing-${Date.now()}.md`);
      mkdirSync(join(workspaceRoot().fsPath, 'docs', 'scratchpads'), { recursive: true });
      symlinkSync(target, link);
      const errors = await capturingErrors(() => vscode.commands.executeCommand('infraGuide.createScratchpad', { issue: 71, title: 'Broken', shortName: 'broken' }));
      try {
        assert.equal(errors.result, undefined);
        assert.equal(errors.messages.length, 1, errors.messages.join(' | '));
        assert.match(errors.messages[0]!, /docs\/scratchpads\/71-broken\.md exists as a broken symbolic link.*nothing was written/);
        assert.doesNotMatch(errors.messages[0]!, /failed:/);
        assert.equal(existsSync(target), false, 'the link target was written');
        assert.ok(lstatSync(link).isSymbolicLink());
      } finally {
        unlinkSync(link);
        await closeAllEditors();
      }
    });

    it('uses the workspace template docs/scratchpads/.template.md with its placeholders', async () => {
      await vscode.workspace.fs.writeFile(
        wsUri('docs', 'scratchpads', '.template.md'),
        enc.encode('# Issue {{number}} — {{title}}\nbranch={{branch}} date={{date}} keep={{other}}\n\n## Objective\n{{cursor}}\n'),
      );
      try {
        const r = (await vscode.commands.executeCommand<CreateResult>('infraGuide.createScratchpad', { issue: 5, title: 'Add {{date}} probes', shortName: 'probes' }))!;
        assert.equal(r.created, true);
        const text = await read(r.uri);
        assert.equal(text, `# Issue 5 — Add {{date}} probes\nbranch=feature/5-probes date=${today()} keep={{other}}\n\n## Objective\n\n`);
        assert.deepEqual(vscode.window.activeTextEditor?.selection.active, new vscode.Position(4, 0));
      } finally {
        await vscode.workspace.fs.delete(wsUri('docs', 'scratchpads', '.template.md'));
      }
    });
  });

  describe('Show my assigned issues', () => {
    let stubDir: string;
    let marker: string;

    before(() => {
      stubDir = mkdtempSync(join(tmpdir(), 'infra-guide-issue-stub-'));
      marker = join(stubDir, 'ran.txt');
      const stub = join(stubDir, 'issue-list.sh');
      // Prints a gh-like JSON list and records its arguments (proves execFile passed them unchanged, no shell).
      writeFileSync(
        stub,
        `#!/bin/sh\nprintf '%s\\n' "$@" > '${marker}'\ncat <<'EOF'\n[{"number":67,"title":"Configure Redis cluster","labels":[{"name":"infra"}],"state":"OPEN"},{"number":12,"title":"Add readiness probes","labels":[],"state":"OPEN"}]\nEOF\n`,
      );
      chmodSync(stub, 0o755);
    });

    after(async () => {
      const cfg = vscode.workspace.getConfiguration('infraGuide');
      await cfg.update('issueList.program', undefined, vscode.ConfigurationTarget.Global);
      await cfg.update('issueList.args', undefined, vscode.ConfigurationTarget.Global);
    });

    it('the machine-scoped program/args settings are set at user level and read back', async () => {
      const cfg = vscode.workspace.getConfiguration('infraGuide');
      await cfg.update('issueList.program', join(stubDir, 'issue-list.sh'), vscode.ConfigurationTarget.Global);
      await cfg.update('issueList.args', ['-a', '@me', '$HOME; echo pwned'], vscode.ConfigurationTarget.Global);
      const fresh = vscode.workspace.getConfiguration('infraGuide');
      note(`    (inspect(issueList.program)=${JSON.stringify(fresh.inspect('issueList.program'))})`);
      assert.equal(fresh.get('issueList.program'), join(stubDir, 'issue-list.sh'));
      assert.deepEqual(fresh.get('issueList.args'), ['-a', '@me', '$HOME; echo pwned']);
    });

    it('lists the stub program\'s issues when trusted; runs no program in an untrusted workspace', async () => {
      const r = await vscode.commands.executeCommand<{ source: string; issues: { number: number; title: string; labels: string[] }[]; problem?: string }>(
        'infraGuide.showAssignedIssues',
        { listOnly: true },
      );
      assert.ok(r);
      if (vscode.workspace.isTrusted) {
        assert.deepEqual(
          r.issues.map((i) => [i.number, i.title, i.labels]),
          [
            [67, 'Configure Redis cluster', ['infra']],
            [12, 'Add readiness probes', []],
          ],
        );
        assert.equal(readFileSync(marker, 'utf8'), '-a\n@me\n$HOME; echo pwned\n', 'arguments reach the program verbatim (no shell)');
      } else {
        note('    (untrusted workspace: the program must not run)');
        assert.deepEqual(r.issues, []);
        assert.match(r.problem ?? '', /untrusted/);
        assert.equal(existsSync(marker), false, 'the issue-list program ran in an untrusted workspace');
      }
    });

    it('interactive (trusted): pick an issue, then "Copy branch name"', async function () {
      if (!vscode.workspace.isTrusted) this.skip();
      const run = vscode.commands.executeCommand<{ source: string; issue?: { number: number }; action?: string }>('infraGuide.showAssignedIssues');
      await sleep(1500);
      await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem'); // #67, the first issue
      await sleep(800);
      await vscode.commands.executeCommand('workbench.action.quickOpenSelectNext');
      await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem'); // the second action
      const r = await run;
      assert.equal(r?.issue?.number, 67);
      assert.equal(r?.action, 'copyBranchName');
      assert.equal(await vscode.env.clipboard.readText(), 'feature/67-configure-redis-cluster');
      await vscode.commands.executeCommand('notifications.clearAll');
    });

    it('interactive: a failing program or Restricted Mode is reported and offers typing the issue instead', async () => {
      if (vscode.workspace.isTrusted) {
        const failing = join(stubDir, 'failing.sh');
        writeFileSync(failing, '#!/bin/sh\necho "fatal: not logged in to the forge" >&2\nexit 4\n');
        chmodSync(failing, 0o755);
        await vscode.workspace.getConfiguration('infraGuide').update('issueList.program', failing, vscode.ConfigurationTarget.Global);
      }
      const r = await runClearingNotifications<{ source: string; problem?: string } | undefined>('infraGuide.showAssignedIssues');
      assert.ok(r);
      assert.equal(r.source, 'manual');
      assert.match(r.problem ?? '', vscode.workspace.isTrusted ? /exit 4.*fatal: not logged in/ : /untrusted/);
      if (!vscode.workspace.isTrusted) assert.equal(existsSync(marker), false);
    });
  });

  describe('Insert commit message for issue', () => {
    before(() => {
      // The fixture copy becomes a git repository on branch feature/67-redis-cluster.
      const root = workspaceRoot().fsPath;
      execFileSync('git', ['init', '-q', root]);
      execFileSync('git', ['-C', root, 'symbolic-ref', 'HEAD', 'refs/heads/feature/67-redis-cluster']);
    });

    it('takes #67 from the branch name and fills the SCM input box (clipboard when Git is unavailable)', async () => {
      const r = await runClearingNotifications<{ message: string; target: string } | undefined>('infraGuide.insertCommitMessage', {
        type: 'chore',
        title: 'Configure Redis cluster',
        bullets: ['Add Redis StatefulSet with 3 replicas', 'Configure persistence with PVC'],
        replace: true,
      });
      const expected = 'chore(#67): Configure Redis cluster\n\n- Add Redis StatefulSet with 3 replicas\n- Configure persistence with PVC\n\nRefs #67';
      assert.ok(r);
      assert.equal(r.message, expected);
      const gitExt = vscode.extensions.getExtension<{ enabled: boolean; getAPI(v: 1): { repositories: { rootUri: vscode.Uri; inputBox: { value: string } }[] } }>('vscode.git');
      if (r.target === 'scm') {
        const api = gitExt!.exports.getAPI(1);
        const repo = await waitFor('git repository', () => api.repositories.find((x) => x.rootUri.fsPath === workspaceRoot().fsPath));
        assert.equal(repo.inputBox.value, expected);
      } else {
        assert.ok(!vscode.workspace.isTrusted || !gitExt, 'in a trusted workspace with vscode.git the message must go to the SCM input box');
        note(`    (Git unavailable here: trusted=${vscode.workspace.isTrusted}, vscode.git active=${gitExt?.isActive}; message went to the clipboard)`);
        assert.equal(r.target, 'clipboard');
        assert.equal(await vscode.env.clipboard.readText(), expected);
      }
    });

    it('takes the subject from the issue\'s scratchpad when no title is given', async () => {
      const r = await runClearingNotifications<{ message: string } | undefined>('infraGuide.insertCommitMessage', { type: 'fix', replace: true });
      assert.ok(r);
      assert.equal(r.message.split('\n')[0], 'fix(#67): Configure Redis cluster');
    });

    it('with a git-commit editor active (git opened VS Code), inserts there above git\'s comments and never loses the user\'s text', async () => {
      const comments = '# Please enter the commit message for your changes.\n# On branch feature/67-redis-cluster\n';
      await vscode.workspace.fs.writeFile(wsUri('msg-editor', 'COMMIT_EDITMSG'), enc.encode(`\n${comments}`));
      const { doc, editor } = await openDoc('msg-editor', 'COMMIT_EDITMSG');
      assert.equal(doc.languageId, 'git-commit');
      const r = await runClearingNotifications<{ message: string; target: string } | undefined>('infraGuide.insertCommitMessage', { type: 'fix', title: 'Bind Redis to localhost' });
      assert.ok(r);
      assert.equal(r.target, 'editor');
      assert.equal(doc.getText(), `fix(#67): Bind Redis to localhost\n\n- \n\nRefs #67\n\n${comments}`);
      assert.deepEqual(editor.selection.active, new vscode.Position(2, 2), 'cursor on the bullet');
      // A message already written there is kept unless the user agrees to replace it (the prompt is dismissed here).
      const again = await runClearingNotifications<unknown>('infraGuide.insertCommitMessage', { type: 'chore', title: 'Something else' });
      assert.equal(again, undefined);
      assert.equal(doc.getText(), `fix(#67): Bind Redis to localhost\n\n- \n\nRefs #67\n\n${comments}`);
      const replaced = await runClearingNotifications<{ target: string } | undefined>('infraGuide.insertCommitMessage', { type: 'chore', title: 'Something else', replace: true });
      assert.equal(replaced?.target, 'editor');
      assert.equal(doc.getText(), `chore(#67): Something else\n\n- \n\nRefs #67\n\n${comments}`);
      await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    });

    it('a COMMIT_EDITMSG in the guide format is clean; a sloppy one gets commit/* diagnostics', async () => {
      const file = wsUri('msg', 'COMMIT_EDITMSG');
      await vscode.workspace.fs.writeFile(file, enc.encode('Configure Redis cluster.\n'));
      const { doc } = await openDoc('msg', 'COMMIT_EDITMSG');
      note(`    (COMMIT_EDITMSG language: ${doc.languageId})`);
      const codeOf = (d: vscode.Diagnostic) => String(typeof d.code === 'object' ? d.code.value : d.code);
      const found = await waitFor('commit/* diagnostics', () => {
        const ids = vscode.languages.getDiagnostics(doc.uri).map(codeOf).filter((c) => c.startsWith('commit/'));
        return ids.includes('commit/subject-format') && ids.includes('commit/no-trailing-period') ? ids : undefined;
      }, 20000);
      assert.ok(found.length >= 2);
      const edit = new vscode.WorkspaceEdit();
      edit.replace(doc.uri, new vscode.Range(0, 0, doc.lineCount, 0), 'chore(#67): Configure Redis cluster\n\n- Add Redis StatefulSet\n\nRefs #67\n');
      assert.ok(await vscode.workspace.applyEdit(edit));
      await waitFor('commit/* diagnostics to clear', () => !vscode.languages.getDiagnostics(doc.uri).some((d) => codeOf(d).startsWith('commit/')), 20000);
      await doc.save();
      await closeAllEditors();
    });
  });

  describe('Before completing', () => {
    it('records the ticked items with today\'s date in the scratchpad, keeping the user\'s text', async () => {
      const pad = wsUri('docs', 'scratchpads', '67-redis-cluster.md');
      const r = await runClearingNotifications<{ state: Record<string, { checked: boolean; note?: string }> } | undefined>('infraGuide.beforeCompleting', {
        items: ['validate', 'staging', 'manual'],
      });
      assert.ok(r, 'command returned nothing');
      const text = await read(pad);
      assert.ok(text.includes('MY OWN NOTES'), 'user text kept');
      assert.ok(text.includes(`- [x] Test in dev/staging first — ✓ ${today()}`), text);
      assert.ok(text.includes(`- [x] Document any manual steps required — ✓ ${today()}`));
      assert.ok(text.includes('- [ ] Run infrastructure tests'));
      assert.ok(text.includes(`_Last checked: ${today()}`));
      // "Validate configuration syntax" ran the workspace check: the fixture has error-level findings
      // (configured/.infra-guide.yaml), so it is recorded unticked with the counts.
      note(`    (validate: ${JSON.stringify(r.state['validate'])})`);
      assert.equal(typeof r.state['validate']?.checked, 'boolean');
      if (r.state['validate']?.note) assert.match(r.state['validate'].note, /error\(s\).*file\(s\)/);
    });
  });

  describe('Before completing: Run infrastructure tests', () => {
    after(async () => {
      await vscode.workspace.getConfiguration('infraGuide').update('tests.task', undefined, vscode.ConfigurationTarget.Workspace);
    });

    it('runs the task named by infraGuide.tests.task and records its result (trusted only)', async function () {
      if (!vscode.workspace.isTrusted) this.skip();
      const tasksJson = {
        version: '2.0.0',
        tasks: [
          { label: 'infra tests ok', type: 'process', command: process.execPath, args: ['-e', 'process.exit(0)'] },
          { label: 'infra tests failing', type: 'process', command: process.execPath, args: ['-e', 'process.exit(3)'] },
        ],
      };
      await vscode.workspace.fs.writeFile(wsUri('.vscode', 'tasks.json'), enc.encode(JSON.stringify(tasksJson)));
      await waitFor('tasks.json tasks', async () => (await vscode.tasks.fetchTasks()).some((t) => t.name === 'infra tests failing'), 20000);
      const cfg = vscode.workspace.getConfiguration('infraGuide');
      await cfg.update('tests.task', 'infra tests ok', vscode.ConfigurationTarget.Workspace);
      const ok = await runClearingNotifications<{ state: Record<string, { checked: boolean; note?: string }> }>('infraGuide.beforeCompleting', { items: ['tests'] });
      assert.deepEqual(ok.state['tests'], { checked: true, note: 'task "infra tests ok" passed' });
      assert.ok((await read(wsUri('docs', 'scratchpads', '67-redis-cluster.md'))).includes(`- [x] Run infrastructure tests — ✓ ${today()}: task "infra tests ok" passed`));
      await cfg.update('tests.task', 'infra tests failing', vscode.ConfigurationTarget.Workspace);
      const bad = await runClearingNotifications<{ state: Record<string, { checked: boolean; note?: string }> }>('infraGuide.beforeCompleting', { items: ['tests'] });
      assert.deepEqual(bad.state['tests'], { checked: false, note: 'task "infra tests failing" failed' });
      assert.ok((await read(wsUri('docs', 'scratchpads', '67-redis-cluster.md'))).includes('- [ ] Run infrastructure tests\n'));
    });
  });

  describe('Validate infrastructure', () => {
    // First match of a program on the host's PATH. The e2e-trusted run appends a stand-in
    // terraform (INFRA_GUIDE_E2E_FAKE_BIN, test/e2e/fixtures/bin) after the real PATH.
    const whichOnPath = (p: string) => (process.env['PATH'] ?? '').split(':').map((d) => d && join(d, p)).find((f) => f && existsSync(f));
    const fakeBin = process.env['INFRA_GUIDE_E2E_FAKE_BIN'];
    const isStandIn = (f: string) => !!fakeBin && f === join(fakeBin, basename(f));

    it('offers infra-guide tasks only in a trusted workspace, and only for tools on PATH with files present', async () => {
      await vscode.workspace.fs.writeFile(wsUri('deploy', 'compose.yaml'), enc.encode('services:\n  web:\n    image: nginx:1.27\n'));
      if (!vscode.workspace.isTrusted) {
        // In Restricted Mode VS Code's task service itself asks for trust (a modal dialog) before
        // fetching tasks, so only the command is exercised: it must refuse at once, running nothing.
        const t0 = Date.now();
        const r = await runClearingNotifications('infraGuide.validateInfrastructure');
        assert.equal(r, undefined);
        assert.ok(Date.now() - t0 < 10000);
        return;
      }
      const onPath = (p: string) => whichOnPath(p) !== undefined;
      const tf = whichOnPath('terraform');
      note(`    (terraform on PATH: ${tf === undefined ? 'none' : isStandIn(tf) ? `none but the stand-in ${tf}` : tf})`);
      await vscode.workspace.fs.writeFile(wsUri('infra', 'main.tf'), enc.encode('variable "region" {\n  typo = "eu-west-1"\n}\n'));
      const tasks = await vscode.tasks.fetchTasks({ type: 'infra-guide' });
      note(`    (infra-guide tasks: ${JSON.stringify(tasks.map((t) => t.name))})`);
      for (const t of tasks) assert.equal(t.definition.type, 'infra-guide');
      assert.equal(tasks.some((t) => t.name === 'terraform validate (infra)'), onPath('terraform'), 'terraform validate offered iff terraform is on PATH');
      if (!onPath('docker') && !onPath('docker-compose')) assert.deepEqual(tasks.filter((t) => t.name.includes('compose')), []);
      assert.deepEqual(tasks.filter((t) => /helm|kube|ansible/.test(t.name)), [], 'no chart, manifest or playbook in the fixture');
    });

    it('runs "terraform validate" as a task; its problems reach the Problems panel through $infra-guide', async function () {
      if (!vscode.workspace.isTrusted) this.skip();
      const terraform = whichOnPath('terraform');
      // Trusted runs of run.mjs/run-electron.mjs always have at least the stand-in on PATH.
      assert.ok(terraform, `no terraform on PATH, not even the stand-in (INFRA_GUIDE_E2E_FAKE_BIN=${fakeBin ?? 'unset'})`);
      note(`    (${isStandIn(terraform) ? 'terraform not installed: using the stand-in' : 'using the real terraform'} ${terraform})`);
      this.timeout(120000);
      await vscode.workspace.fs.writeFile(wsUri('infra', 'main.tf'), enc.encode('variable "region" {\n  typo = "eu-west-1"\n}\n'));
      const r = await vscode.commands.executeCommand<{ task: string; exitCode: number | undefined }>('infraGuide.validateInfrastructure', { name: 'terraform validate (infra)' });
      note(`    (task result: ${JSON.stringify(r)})`);
      assert.equal(r?.task, 'terraform validate (infra)');
      assert.notEqual(r?.exitCode, 0);
      const pkg = (vscode.extensions.getExtension('infra-guide.infra-guide')!.packageJSON as { contributes?: { problemMatchers?: { name: string }[] } }).contributes;
      if (!pkg?.problemMatchers?.some((m) => m.name === 'infra-guide')) {
        note('    (package.json has no `infra-guide` problem matcher yet: Problems panel not checked)');
        return;
      }
      const tf = wsUri('infra', 'main.tf');
      const ds = await waitFor(`terraform problem on ${tf.toString()}`, () => {
        const d = vscode.languages.getDiagnostics(tf).filter((x) => x.source === 'infra-guide');
        return d.length ? d : undefined;
      }, 30000);
      assert.equal(ds[0]!.range.start.line, 1);
      assert.equal(ds[0]!.range.start.character, 2, '`typo` starts at column 3 of line 2');
      assert.match(ds[0]!.message, /Unsupported argument/);
    });
  });

  after(async () => {
    await closeAllEditors();
    // The workspace copy is temporary; list what this suite created for the log.
    const dir = join(workspaceRoot().fsPath, 'docs', 'scratchpads');
    if (existsSync(dir)) for (const n of readdirSync(dir)) note(`    (scratchpad left: ${n})`);
  });
});
