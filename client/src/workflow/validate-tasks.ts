// "Validate infrastructure": a task provider for the `infra-guide` task type. It offers only the
// validators whose files exist in the workspace folder and whose programs are on PATH, runs them
// without a shell (validator-run.ts; stopping the task kills their children too), shows their
// output, and prints each problem as an `[infra-guide] …` line that the `$infra-guide` problem
// matcher puts into the Problems panel. Nothing is offered or run in an untrusted workspace.
import * as vscode from 'vscode';
import { statSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { PREFIX, commandArgs } from './ui';
import { runTaskToEnd } from './task-run';
import { runValidatorPlan } from './validator-run';
import { dockerCliPluginDirs, findOnPath, looksLikeKubernetes, planValidators, type ValidatorId, type ValidatorTaskPlan } from './validators';

export const TASK_TYPE = 'infra-guide';
export const PROBLEM_MATCHER_REF = '$infra-guide';

export interface InfraGuideTaskDefinition extends vscode.TaskDefinition {
  type: typeof TASK_TYPE;
  validator: ValidatorId;
  /** The task name (e.g. `terraform validate (infra)`), to pick one of several of a validator. */
  name?: string;
}

const CANDIDATES = '**/{*.tf,*.yaml,*.yml,Chart.yaml,ansible.cfg}';
const EXCLUDE = '**/{node_modules,.git,.terraform,vendor}/**';
const MAX_FILES = 5000;
const MAX_SNIFF = 64 * 1024;

function isFile(p: string): boolean {
  try {
    return statSync(p).isFile();
  } catch {
    return false;
  }
}

function isDir(p: string): boolean {
  try {
    return statSync(p).isDirectory();
  } catch {
    return false;
  }
}

function toCrlf(s: string): string {
  return s.replace(/\r?\n/g, '\r\n');
}

/** The validator plans of one folder (file system folders only). */
export async function plansFor(folder: vscode.WorkspaceFolder, token?: vscode.CancellationToken): Promise<ValidatorTaskPlan[]> {
  if (folder.uri.scheme !== 'file') return [];
  const uris = await vscode.workspace.findFiles(new vscode.RelativePattern(folder, CANDIDATES), EXCLUDE, MAX_FILES, token);
  const root = folder.uri.path.replace(/\/$/, '');
  const rel = (u: vscode.Uri) => u.path.slice(root.length + 1);
  const files = uris.filter((u) => u.path.startsWith(root + '/')).map(rel);
  const kubernetesFiles: string[] = [];
  for (const u of uris) {
    if (!/\.ya?ml$/i.test(u.path) || !u.path.startsWith(root + '/')) continue;
    try {
      const bytes = await vscode.workspace.fs.readFile(u);
      if (looksLikeKubernetes(new TextDecoder().decode(bytes.subarray(0, MAX_SNIFF)))) kubernetesFiles.push(rel(u));
    } catch {
      // unreadable: skip
    }
  }
  const cache = new Map<string, boolean>();
  const onPath = (program: string) => {
    let v = cache.get(program);
    if (v === undefined) cache.set(program, (v = findOnPath(program, process.env['PATH'], isFile) !== undefined));
    return v;
  };
  return planValidators({
    files,
    kubernetesFiles,
    onPath,
    terraformInitialised: (dir) => isDir(join(folder.uri.fsPath, dir, '.terraform')),
    hasComposePlugin: () =>
      dockerCliPluginDirs(homedir(), process.env['DOCKER_CONFIG']).some((d) => isFile(join(d, process.platform === 'win32' ? 'docker-compose.exe' : 'docker-compose'))),
  });
}

class ValidatorTerminal implements vscode.Pseudoterminal {
  private readonly writeEmitter = new vscode.EventEmitter<string>();
  private readonly closeEmitter = new vscode.EventEmitter<number>();
  readonly onDidWrite = this.writeEmitter.event;
  readonly onDidClose = this.closeEmitter.event;
  private readonly abort = new AbortController();

  constructor(
    private readonly plan: ValidatorTaskPlan,
    private readonly folder: vscode.WorkspaceFolder,
    private readonly log: vscode.LogOutputChannel,
  ) {}

  open(): void {
    void this.run();
  }

  /** The task was stopped: its programs are killed with their children (validator-run.ts). */
  close(): void {
    this.abort.abort();
  }

  private async run(): Promise<void> {
    const io = { write: (s: string) => this.writeEmitter.fire(toCrlf(s)), debug: (m: string) => this.log.debug(m), info: (m: string) => this.log.info(m) };
    const code = await runValidatorPlan(this.plan, this.folder.uri.fsPath, io, this.abort.signal);
    if (code === undefined) return;
    // Let the terminal (and the problem matcher reading it) process the last lines before closing.
    await new Promise((r) => setTimeout(r, 300));
    this.closeEmitter.fire(code);
  }
}

export function taskFor(plan: ValidatorTaskPlan, folder: vscode.WorkspaceFolder, log: vscode.LogOutputChannel, definition?: InfraGuideTaskDefinition): vscode.Task {
  const def: InfraGuideTaskDefinition = definition ?? { type: TASK_TYPE, validator: plan.validator, name: plan.name };
  const task = new vscode.Task(def, folder, plan.name, TASK_TYPE, new vscode.CustomExecution(async () => new ValidatorTerminal(plan, folder, log)), [PROBLEM_MATCHER_REF]);
  task.detail = plan.detail;
  task.group = vscode.TaskGroup.Test;
  task.presentationOptions = { reveal: vscode.TaskRevealKind.Always, panel: vscode.TaskPanelKind.Dedicated };
  return task;
}

export class InfraGuideTaskProvider implements vscode.TaskProvider {
  constructor(private readonly log: vscode.LogOutputChannel) {}

  async provideTasks(token: vscode.CancellationToken): Promise<vscode.Task[]> {
    if (!vscode.workspace.isTrusted) return [];
    const tasks: vscode.Task[] = [];
    for (const folder of vscode.workspace.workspaceFolders ?? []) {
      for (const plan of await plansFor(folder, token)) tasks.push(taskFor(plan, folder, this.log));
    }
    return tasks;
  }

  async resolveTask(task: vscode.Task, token: vscode.CancellationToken): Promise<vscode.Task | undefined> {
    if (!vscode.workspace.isTrusted) return undefined;
    const def = task.definition as InfraGuideTaskDefinition;
    const folder = typeof task.scope === 'object' ? task.scope : vscode.workspace.workspaceFolders?.[0];
    if (!folder || !def.validator) return undefined;
    const plans = (await plansFor(folder, token)).filter((p) => p.validator === def.validator && (!def.name || p.name === def.name));
    return plans[0] ? taskFor(plans[0], folder, this.log, def) : undefined;
  }
}

export interface ValidateArgs {
  /** Run the task with this name without asking. */
  name?: string;
}

/** The command: pick one of the provided tasks and run it; resolves with its exit code. */
export async function validateInfrastructure(log: vscode.LogOutputChannel, rawArgs?: unknown): Promise<{ task: string; exitCode: number | undefined } | undefined> {
  const args = commandArgs<ValidateArgs>(rawArgs, { name: 'string' }, 'Validate infrastructure');
  if (!args) return undefined;
  if (!vscode.workspace.isTrusted) {
    const c = await vscode.window.showWarningMessage(
      `${PREFIX}: Validate infrastructure runs programs (terraform, kubeconform, helm, …) and is disabled in an untrusted workspace.`,
      'Manage Workspace Trust',
    );
    if (c) void vscode.commands.executeCommand('workbench.trust.manage');
    return undefined;
  }
  const tasks = await vscode.tasks.fetchTasks({ type: TASK_TYPE });
  if (tasks.length === 0) {
    void vscode.window.showInformationMessage(
      `${PREFIX}: no validator applies: none of terraform, kubeconform/kubectl, ansible-lint, docker compose or helm is both on PATH and has files to check in this workspace.`,
    );
    return undefined;
  }
  let task: vscode.Task | undefined;
  if (args.name) {
    task = tasks.find((t) => t.name === args.name);
    if (!task) {
      void vscode.window.showErrorMessage(`${PREFIX}: no validation task named "${args.name}".`);
      return undefined;
    }
  } else {
    const multi = (vscode.workspace.workspaceFolders?.length ?? 0) > 1;
    const picked = await vscode.window.showQuickPick(
      tasks.map((t) => ({ label: t.name, description: multi && typeof t.scope === 'object' ? t.scope.name : undefined, detail: t.detail, task: t })),
      { title: `${PREFIX}: Validate infrastructure`, placeHolder: 'Validator to run', matchOnDetail: true },
    );
    task = picked?.task;
  }
  if (!task) return undefined;
  log.info(`validate infrastructure: running ${task.name}`);
  const r = await runTaskToEnd(vscode.tasks, task);
  return { task: task.name, exitCode: r.kind === 'exited' || r.kind === 'stopped' ? r.code : undefined };
}
