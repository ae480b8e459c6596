// "Validate infrastructure": which validators apply to a workspace folder (their files exist and
// their programs are on PATH), the commands they run, and parsers that turn each tool's output
// into problems with workspace-relative paths. Pure: the VS Code task provider does the I/O.
// Problems are printed as `[infra-guide] <severity> <path>:<line>:<col>: <message>` lines,
// which the `$infra-guide` problem matcher (package.json) turns into Problems-panel entries.

export type ValidatorId = 'terraform-validate' | 'terraform-fmt' | 'kubeconform' | 'kubectl-dry-run' | 'ansible-lint' | 'compose-config' | 'helm-lint';

export interface Step {
  program: string;
  args: string[];
  /** Posix path relative to the workspace folder ('' = the folder itself). */
  cwd: string;
  /** Output of this step is parsed (others, like `terraform init`, are only shown). */
  parse: boolean;
}

export interface ValidatorTaskPlan {
  validator: ValidatorId;
  /** Task name shown in the picker, e.g. `terraform validate (infra/prod)`. */
  name: string;
  detail: string;
  steps: Step[];
  /** Files the task is about (for file-level problems). */
  files: string[];
}

export interface Problem {
  /** Posix path relative to the workspace folder. */
  file: string;
  line: number;
  column: number;
  severity: 'error' | 'warning' | 'info';
  message: string;
}

export const PROBLEM_PREFIX = '[infra-guide]';
export const PROBLEM_MATCHER = 'infra-guide';
/** The regexp of the `$infra-guide` problem matcher, kept equal to docs/dev/workflow-manifest.json. */
export const PROBLEM_REGEXP = '^\\[infra-guide\\] (error|warning|info) (.+?):(\\d+):(\\d+): (.*)$';

export interface WorkspaceFacts {
  /** Posix paths relative to the workspace folder, of the candidate files found. */
  files: string[];
  /** Relative paths of YAML files whose content looks like Kubernetes manifests. */
  kubernetesFiles: string[];
  /** Whether `<dir>/.terraform` exists (initialised), by relative dir. */
  terraformInitialised: (dir: string) => boolean;
  onPath: (program: string) => boolean;
  /** Whether the Docker Compose CLI plugin is installed (default: assume it is). */
  hasComposePlugin?: () => boolean;
}

/** Folders where the Docker CLI looks for plugins such as `docker-compose`. */
export function dockerCliPluginDirs(home: string, dockerConfig: string | undefined, platform: string = process.platform): string[] {
  const dirs = [`${(dockerConfig || `${home}/.docker`).replace(/[\\/]+$/, '')}/cli-plugins`];
  if (platform === 'win32') dirs.push('C:\\Program Files\\Docker\\cli-plugins', 'C:\\ProgramData\\Docker\\cli-plugins');
  else {
    dirs.push('/usr/local/lib/docker/cli-plugins', '/usr/local/libexec/docker/cli-plugins', '/usr/lib/docker/cli-plugins', '/usr/libexec/docker/cli-plugins');
    if (platform === 'darwin') dirs.push('/Applications/Docker.app/Contents/Resources/cli-plugins', '/opt/homebrew/lib/docker/cli-plugins');
  }
  return dirs;
}

function dirOf(p: string): string {
  const i = p.lastIndexOf('/');
  return i < 0 ? '' : p.slice(0, i);
}

function baseOf(p: string): string {
  return p.slice(p.lastIndexOf('/') + 1);
}

function join(dir: string, file: string): string {
  return dir ? `${dir}/${file}` : file;
}

export function isComposeFile(p: string): boolean {
  return /^(docker-)?compose([.-][^/]*)?\.ya?ml$/i.test(baseOf(p));
}

/** Cheap content check: top-level `apiVersion:` and `kind:` and no Helm template syntax. */
export function looksLikeKubernetes(text: string): boolean {
  return /^apiVersion\s*:/m.test(text) && /^kind\s*:/m.test(text) && !/\{\{[-\s]*(\.|include|if|range|with|template)/.test(text);
}

function isAnsibleFile(p: string): boolean {
  const b = baseOf(p);
  return b === 'ansible.cfg' || /(^|\/)roles\/[^/]+\/tasks\/main\.ya?ml$/.test(p) || /(^|\/)playbooks?\/[^/]+\.ya?ml$/.test(p) || /^(site|playbook)[^/]*\.ya?ml$/.test(b);
}

const by = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** The validator tasks that apply, in a stable order. */
export function planValidators(facts: WorkspaceFacts): ValidatorTaskPlan[] {
  const files = facts.files.filter((f) => !/(^|\/)(\.terraform|node_modules|\.git)\//.test(f)).sort(by);
  const plans: ValidatorTaskPlan[] = [];
  const chartDirs = files.filter((f) => baseOf(f) === 'Chart.yaml').map(dirOf);
  const inChart = (f: string) => chartDirs.some((d) => d === '' || f === d || f.startsWith(d + '/'));

  if (facts.onPath('terraform')) {
    const tfDirs = [...new Set(files.filter((f) => f.endsWith('.tf')).map(dirOf))].sort(by);
    for (const dir of tfDirs) {
      const steps: Step[] = [];
      if (!facts.terraformInitialised(dir))
        steps.push({ program: 'terraform', args: ['init', '-backend=false', '-input=false', '-no-color'], cwd: dir, parse: false });
      steps.push({ program: 'terraform', args: ['validate', '-json', '-no-color'], cwd: dir, parse: true });
      plans.push({
        validator: 'terraform-validate',
        name: `terraform validate${dir ? ` (${dir})` : ''}`,
        detail: `${steps.length > 1 ? 'terraform init -backend=false, then ' : ''}terraform validate in ${dir || '.'}`,
        steps,
        files: files.filter((f) => f.endsWith('.tf') && dirOf(f) === dir),
      });
    }
    if (tfDirs.length) {
      plans.push({
        validator: 'terraform-fmt',
        name: 'terraform fmt -check',
        detail: 'files terraform fmt would change (recursive)',
        steps: [{ program: 'terraform', args: ['fmt', '-check', '-recursive', '-no-color'], cwd: '', parse: true }],
        files: files.filter((f) => /\.tf(vars)?$/.test(f)),
      });
    }
  }

  const k8s = facts.kubernetesFiles.filter((f) => !inChart(f)).sort(by);
  if (k8s.length) {
    if (facts.onPath('kubeconform')) {
      plans.push({
        validator: 'kubeconform',
        name: 'kubeconform',
        detail: `${k8s.length} Kubernetes manifest(s) against the API schemas`,
        steps: [{ program: 'kubeconform', args: ['-summary', '-output', 'json', '-ignore-missing-schemas', ...k8s], cwd: '', parse: true }],
        files: k8s,
      });
    } else if (facts.onPath('kubectl')) {
      plans.push({
        validator: 'kubectl-dry-run',
        name: 'kubectl apply --dry-run=client',
        detail: `${k8s.length} Kubernetes manifest(s) (needs a reachable cluster; install kubeconform for offline checks)`,
        steps: [{ program: 'kubectl', args: ['apply', '--dry-run=client', ...k8s.flatMap((f) => ['-f', f])], cwd: '', parse: true }],
        files: k8s,
      });
    }
  }

  const ansible = files.filter(isAnsibleFile);
  if (ansible.length && facts.onPath('ansible-lint')) {
    plans.push({
      validator: 'ansible-lint',
      name: 'ansible-lint',
      detail: 'Ansible playbooks and roles',
      steps: [{ program: 'ansible-lint', args: ['-p', '--nocolor'], cwd: '', parse: true }],
      files: ansible,
    });
  }

  const compose = files.filter(isComposeFile);
  // `docker compose` needs the Compose CLI plugin besides `docker`; `docker-compose` is the standalone v1/v2 binary.
  const composeCmd =
    facts.onPath('docker') && (facts.hasComposePlugin?.() ?? true) ? ['docker', 'compose'] : facts.onPath('docker-compose') ? ['docker-compose'] : undefined;
  if (composeCmd) {
    for (const f of compose) {
      plans.push({
        validator: 'compose-config',
        name: `${composeCmd.join(' ')} config (${f})`,
        detail: `${composeCmd.join(' ')} -f ${f} config -q`,
        steps: [{ program: composeCmd[0]!, args: [...composeCmd.slice(1), '-f', baseOf(f), 'config', '-q'], cwd: dirOf(f), parse: true }],
        files: [f],
      });
    }
  }

  if (chartDirs.length && facts.onPath('helm')) {
    for (const dir of chartDirs.sort(by)) {
      plans.push({
        validator: 'helm-lint',
        name: `helm lint${dir ? ` (${dir})` : ''}`,
        detail: `helm lint ${dir || '.'}`,
        steps: [{ program: 'helm', args: ['lint', '.'], cwd: dir, parse: true }],
        files: [join(dir, 'Chart.yaml')],
      });
    }
  }
  return plans;
}

function sev(s: string | undefined): Problem['severity'] {
  const l = (s ?? '').toLowerCase();
  return l.startsWith('warn') ? 'warning' : l.startsWith('info') ? 'info' : 'error';
}

/**
 * Line breaks (with the blanks around them) become one space. Split and trimmed rather than
 * replaced with a `\s*[\r\n]+\s*` pattern, which was retried at every blank of a long line:
 * time quadratic in its length.
 */
function oneLine(s: string): string {
  return s
    .split(/[\r\n]+/)
    .map((l) => l.trim())
    .filter((l) => l !== '')
    .join(' ');
}

/** Parses one step's output into problems (paths relative to the workspace folder). */
export function parseToolOutput(plan: ValidatorTaskPlan, step: Step, stdout: string, stderr: string, exitCode: number): Problem[] {
  const rel = (p: string) => {
    const clean = p.replace(/\\/g, '/').replace(/^\.\//, '');
    return clean.startsWith('/') ? clean : join(step.cwd, clean);
  };
  const fallback = (message: string): Problem[] =>
    exitCode !== 0 && message.trim() ? [{ file: plan.files[0] ?? '.', line: 1, column: 1, severity: 'error', message: oneLine(message).slice(0, 500) }] : [];
  const lines = (s: string) => s.split(/\r?\n/).filter((l) => l.trim() !== '');

  switch (plan.validator) {
    case 'terraform-validate': {
      try {
        const j = JSON.parse(stdout) as { diagnostics?: { severity?: string; summary?: string; detail?: string; range?: { filename?: string; start?: { line?: number; column?: number } } }[] };
        return (j.diagnostics ?? []).map((d) => ({
          file: d.range?.filename ? rel(d.range.filename) : (plan.files[0] ?? step.cwd),
          line: d.range?.start?.line ?? 1,
          column: d.range?.start?.column ?? 1,
          severity: sev(d.severity),
          message: oneLine(`${d.summary ?? 'terraform validate'}${d.detail ? `: ${d.detail}` : ''}`),
        }));
      } catch {
        return fallback(stderr || stdout);
      }
    }
    case 'terraform-fmt':
      return lines(stdout)
        .filter((l) => /\.tf(vars)?$/.test(l.trim()))
        .map((l): Problem => ({ file: rel(l.trim()), line: 1, column: 1, severity: 'warning', message: 'Not formatted: run `terraform fmt`.' }))
        .concat(exitCode !== 0 && exitCode !== 3 && stderr.trim() ? fallback(stderr) : []);
    case 'kubeconform': {
      try {
        const j = JSON.parse(stdout) as { resources?: { filename?: string; kind?: string; name?: string; status?: string; msg?: string }[] };
        return (j.resources ?? [])
          .filter((r) => r.status === 'statusInvalid' || r.status === 'statusError')
          .map((r) => ({
            file: r.filename ? rel(r.filename) : (plan.files[0] ?? '.'),
            line: 1,
            column: 1,
            severity: 'error' as const,
            message: oneLine(`${r.kind ?? 'resource'}${r.name ? ` ${r.name}` : ''}: ${r.msg ?? 'invalid'}`),
          }));
      } catch {
        return fallback(stderr || stdout);
      }
    }
    case 'kubectl-dry-run': {
      const out: Problem[] = [];
      for (const l of lines(stderr)) {
        // The path can't start with a blank (the blanks before it go to `\s*` one way only).
        const m = /^error: error (?:validating|parsing|when retrieving current configuration of:?)\s*"?([^\s":][^":]*?)"?: (.*)$/.exec(l);
        if (m) {
          const lm = /line (\d+)/.exec(m[2]!);
          out.push({ file: rel(m[1]!), line: lm ? Number(lm[1]) : 1, column: 1, severity: 'error', message: oneLine(m[2]!) });
        }
      }
      return out.length ? out : fallback(stderr);
    }
    case 'ansible-lint': {
      const out: Problem[] = [];
      for (const l of lines(stdout)) {
        const m = /^(.+?):(\d+)(?::(\d+))?:\s*(.*)$/.exec(l);
        if (!m || /^https?$/.test(m[1]!)) continue;
        const warn = /\bwarning\b/i.test(m[4]!);
        out.push({ file: rel(m[1]!), line: Number(m[2]), column: m[3] ? Number(m[3]) : 1, severity: warn ? 'warning' : 'error', message: oneLine(m[4]!) });
      }
      return out.length ? out : exitCode !== 0 && exitCode !== 2 ? fallback(stderr) : [];
    }
    case 'compose-config': {
      if (exitCode === 0) return [];
      const text = (stderr || stdout).trim();
      const lm = /line (\d+)/.exec(text);
      const msg = text.replace(/^(?:validating|error while interpolating) \S+?: /, '');
      return [{ file: plan.files[0]!, line: lm ? Number(lm[1]) : 1, column: 1, severity: 'error', message: oneLine(msg).slice(0, 500) }];
    }
    case 'helm-lint': {
      const out: Problem[] = [];
      for (const l of lines(stdout + '\n' + stderr)) {
        // `[^\s:][^:]*`: the path can't start with a blank, so the blanks before it are not
        // split between `\s+` and the path in every way (quadratic on a long line of blanks).
        const m = /^\[(ERROR|WARNING|INFO)\]\s+([^\s:][^:]*):\s*(.*)$/.exec(l.trim());
        if (!m) continue;
        const inner =
          /\(([^():]+\.(?:ya?ml|tpl|txt)):(\d+)(?::(\d+))?\)/.exec(m[3]!) ?? /(?:^|\s)template: ([^\s:]+\.(?:ya?ml|tpl|txt)):(\d+)(?::(\d+))?/.exec(m[3]!);
        let file = m[2]!.trim();
        let line = 1;
        let column = 1;
        if (inner) {
          // `parse error at (mychart/templates/x.yaml:5)`: the path starts with the chart's name.
          file = inner[1]!.split('/').slice(1).join('/') || inner[1]!;
          line = Number(inner[2]);
          column = inner[3] ? Number(inner[3]) : 1;
        }
        out.push({ file: rel(file.replace(/\/$/, '')), line, column, severity: sev(m[1]), message: oneLine(m[3]!) });
      }
      return out.length ? out : fallback(stderr);
    }
  }
}

export function formatProblem(p: Problem): string {
  return `${PROBLEM_PREFIX} ${p.severity} ${p.file}:${p.line}:${p.column}: ${p.message}`;
}

/** Finds a program on PATH (PATHEXT on Windows) with the given existence check. */
export function findOnPath(program: string, pathEnv: string | undefined, isFile: (p: string) => boolean, platform: string = process.platform, pathExt = '.EXE;.CMD;.BAT;.COM'): string | undefined {
  const sep = platform === 'win32' ? ';' : ':';
  const slash = platform === 'win32' ? '\\' : '/';
  if (program.includes('/') || (platform === 'win32' && program.includes('\\'))) return isFile(program) ? program : undefined;
  const exts = platform === 'win32' ? ['', ...pathExt.split(';').filter(Boolean).map((e) => e.toLowerCase())] : [''];
  for (const dir of (pathEnv ?? '').split(sep)) {
    if (!dir) continue;
    for (const ext of exts) {
      const candidate = `${dir.replace(/[\\/]+$/, '')}${slash}${program}${ext}`;
      if (isFile(candidate)) return candidate;
    }
  }
  return undefined;
}
