// How the "every contributed command runs without error" test (90-commands.test.ts) treats
// individual commands. Owners of commands edit this table (workflow commands: the workflow issue).
//
// Default for every command listed in package.json contributes.commands: run it with the root
// Dockerfile as the active editor; while it runs, open quick picks / input boxes are dismissed
// (`workbench.action.closeQuickOpen`) and notifications cleared, so prompting commands return
// (their "cancelled" path must not throw). A command must settle within `timeoutMs`.
export interface CommandPolicy {
  /** Skip the command in the generic test, with the reason (e.g. "covered by 60-workflow.test.ts"). */
  skip?: string;
  /** Arguments passed to executeCommand. */
  args?: unknown[];
  /** Relative path (in the fixture workspace) of the file to show before running; default `Dockerfile`. */
  activeFile?: string;
  /** Don't dismiss prompts automatically (the command handles them itself). */
  noDismiss?: boolean;
  timeoutMs?: number;
}

export const COMMAND_POLICY: Record<string, CommandPolicy> = {
  // 'infraGuide.example': { skip: 'opens a modal dialog; covered by 60-workflow.test.ts' },
};

/** Commands that restart or reconfigure the server run last, so the others see a running server. */
export const RUN_LAST = ['infraGuide.restartServer'];
