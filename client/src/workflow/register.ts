// Workflow commands of the guide's "Before Starting", "Commit Format", "Before Completing" and
// "Infrastructure Testing Tools" sections, and the `infra-guide` task provider. Called once from
// the extension's activate().
import * as vscode from 'vscode';
import { beforeCompleting } from './before-completing-command';
import { insertCommitMessage } from './commit-command';
import { showAssignedIssues } from './issues-command';
import { createScratchpad } from './scratchpad-command';
import { PREFIX, errorText } from './ui';
import { InfraGuideTaskProvider, TASK_TYPE, validateInfrastructure } from './validate-tasks';

type Body = (log: vscode.LogOutputChannel, args?: unknown) => Promise<unknown>;

/** Runs a command body; unexpected errors are logged and shown, never thrown at the caller. */
function guarded(name: string, body: Body, log: vscode.LogOutputChannel): (args?: unknown) => Promise<unknown> {
  return async (args?: unknown) => {
    try {
      return await body(log, args);
    } catch (e) {
      log.error(`${name}: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
      void vscode.window.showErrorMessage(`${PREFIX}: ${name} failed: ${errorText(e)}`);
      return undefined;
    }
  };
}

export function registerWorkflowCommands(context: vscode.ExtensionContext, log: vscode.LogOutputChannel): void {
  context.subscriptions.push(
    vscode.commands.registerCommand('infraGuide.showAssignedIssues', guarded('Show my assigned issues', showAssignedIssues, log)),
    vscode.commands.registerCommand('infraGuide.createScratchpad', guarded('Create scratchpad', createScratchpad, log)),
    vscode.commands.registerCommand('infraGuide.insertCommitMessage', guarded('Insert commit message', insertCommitMessage, log)),
    vscode.commands.registerCommand('infraGuide.beforeCompleting', guarded('Before completing', beforeCompleting, log)),
    vscode.commands.registerCommand('infraGuide.validateInfrastructure', guarded('Validate infrastructure', validateInfrastructure, log)),
    // The provider itself returns nothing while the workspace is untrusted.
    vscode.tasks.registerTaskProvider(TASK_TYPE, new InfraGuideTaskProvider(log)),
  );
}
