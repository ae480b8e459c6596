// Helpers shared by the workflow e2e files (60-workflow, 65-workflow-qa).
import * as vscode from 'vscode';
import { sleep } from '../host/helpers';

/** Runs a command that may show notifications, clearing them until it settles. */
export async function runClearingNotifications<T>(id: string, ...args: unknown[]): Promise<T> {
  let settled = false;
  const run = Promise.resolve(vscode.commands.executeCommand<T>(id, ...args)).finally(() => (settled = true));
  while (!settled) {
    await sleep(250);
    await vscode.commands.executeCommand('notifications.clearAll').then(undefined, () => undefined);
    await vscode.commands.executeCommand('workbench.action.closeQuickOpen').then(undefined, () => undefined);
  }
  return run;
}

/** Today as YYYY-MM-DD in local time (the date the commands record). */
export function today(): string {
  const d = new Date();
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}`;
}
