import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { getExtension, openDoc, setText, sleep, waitForRule, note } from '../host/helpers';
import { COMMAND_POLICY, RUN_LAST } from './command-policy';

interface ContributedCommand {
  command: string;
  title: string;
  category?: string;
}

function contributedCommands(): ContributedCommand[] {
  const pj = getExtension().packageJSON as { contributes?: { commands?: ContributedCommand[] } };
  const cmds = [...(pj.contributes?.commands ?? [])];
  return cmds.sort((a, b) => Number(RUN_LAST.includes(a.command)) - Number(RUN_LAST.includes(b.command)));
}

/** Runs a command while dismissing whatever UI it opens; rejects if it throws or hangs. */
async function runDismissing(id: string, args: unknown[], timeoutMs: number, dismiss: boolean): Promise<unknown> {
  let settled = false;
  const run = Promise.resolve(vscode.commands.executeCommand(id, ...args)).finally(() => {
    settled = true;
  });
  const dismisser = (async () => {
    if (!dismiss) return;
    await sleep(300);
    while (!settled) {
      await vscode.commands.executeCommand('workbench.action.closeQuickOpen').then(undefined, () => undefined);
      await vscode.commands.executeCommand('notifications.clearAll').then(undefined, () => undefined);
      await sleep(250);
    }
  })();
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new Error(`command ${id} did not settle within ${timeoutMs} ms (waiting for UI that cannot be dismissed? see test/e2e/suite/command-policy.ts)`)),
      timeoutMs,
    );
  });
  try {
    return await Promise.race([run, timeout]);
  } finally {
    clearTimeout(timer);
    settled = true;
    await dismisser;
  }
}

describe('contributed commands', function () {
  this.timeout(120000);

  it('package.json contributes the commands of the contract, all in category "Infra Guide"', () => {
    const ids = contributedCommands().map((c) => c.command);
    for (const id of ['infraGuide.fixAll', 'infraGuide.restartServer', 'infraGuide.showOutput', 'infraGuide.checkWorkspace']) {
      assert.ok(ids.includes(id), `${id} missing from contributes.commands`);
    }
    for (const c of contributedCommands()) assert.equal(c.category, 'Infra Guide', `${c.command} category`);
  });

  it('every contributed command is registered', async () => {
    const registered = new Set(await vscode.commands.getCommands(true));
    const missing = contributedCommands().filter((c) => !registered.has(c.command) && !COMMAND_POLICY[c.command]?.skip);
    assert.deepEqual(missing.map((c) => c.command), [], 'contributed but not registered after activation');
  });

  it('every contributed command runs without throwing', async () => {
    const failures: string[] = [];
    for (const c of contributedCommands()) {
      const policy = COMMAND_POLICY[c.command] ?? {};
      if (policy.skip) {
        note(`    - ${c.command}: skipped (${policy.skip})`);
        continue;
      }
      const rel = (policy.activeFile ?? 'Dockerfile').split('/');
      await openDoc(...rel);
      const t0 = Date.now();
      try {
        await runDismissing(c.command, policy.args ?? [], policy.timeoutMs ?? 15000, !policy.noDismiss);
        note(`    ✓ ${c.command} (${Date.now() - t0} ms)`);
      } catch (e) {
        const msg = e instanceof Error ? e.message : String(e);
        failures.push(`${c.command}: ${msg}`);
        note(`    ✗ ${c.command}: ${msg}`);
      }
    }
    assert.deepEqual(failures, []);
  });

  it('the language server still lints after all commands ran', async () => {
    const { doc } = await openDoc('Dockerfile');
    await setText(doc, 'FROM node\nUSER node\nCMD ["node", "server.js"]\n');
    await waitForRule(doc.uri, 'dockerfile/pin-base-image-version', 30000);
  });
});
