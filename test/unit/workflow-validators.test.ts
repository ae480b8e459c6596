import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { dockerCliPluginDirs, findOnPath, formatProblem, looksLikeKubernetes, parseToolOutput, planValidators, PROBLEM_REGEXP, type ValidatorTaskPlan, type WorkspaceFacts } from '../../client/src/workflow/validators';
import { timedMs } from './timing';

function facts(files: string[], programs: string[], k8s: string[] = [], initialised: string[] = []): WorkspaceFacts {
  return { files, kubernetesFiles: k8s, terraformInitialised: (d) => initialised.includes(d), onPath: (p) => programs.includes(p) };
}

describe('planValidators', () => {
  const files = ['infra/main.tf', 'infra/vars.tf', 'modules/net/main.tf', '.terraform/modules/x/main.tf', 'compose.yaml', 'deploy/docker-compose.prod.yml', 'charts/web/Chart.yaml', 'charts/web/templates/deploy.yaml', 'k8s/app.yaml', 'ansible.cfg', 'roles/web/tasks/main.yml'];
  it('offers only validators whose files exist and programs are on PATH', () => {
    const all = planValidators(facts(files, ['terraform', 'kubeconform', 'kubectl', 'ansible-lint', 'docker', 'helm'], ['k8s/app.yaml', 'charts/web/templates/deploy.yaml'], ['infra']));
    assert.deepEqual(all.map((p) => p.name), [
      'terraform validate (infra)',
      'terraform validate (modules/net)',
      'terraform fmt -check',
      'kubeconform',
      'ansible-lint',
      'docker compose config (compose.yaml)',
      'docker compose config (deploy/docker-compose.prod.yml)',
      'helm lint (charts/web)',
    ]);
    const tf = all[0]!;
    assert.deepEqual(tf.steps.map((s) => [s.program, ...s.args].join(' ')), ['terraform validate -json -no-color']);
    assert.equal(all[1]!.steps[0]!.args[0], 'init', 'uninitialised module gets init -backend=false first');
    assert.deepEqual(all[3]!.files, ['k8s/app.yaml'], 'chart templates are not plain manifests');
    assert.deepEqual(all[6]!.steps[0], { program: 'docker', args: ['compose', '-f', 'docker-compose.prod.yml', 'config', '-q'], cwd: 'deploy', parse: true });
    assert.equal(all[7]!.steps[0]!.cwd, 'charts/web');
  });
  it('no programs → nothing; no files → nothing', () => {
    assert.deepEqual(planValidators(facts(files, [])), []);
    assert.deepEqual(planValidators(facts([], ['terraform', 'helm', 'docker', 'kubeconform'])), []);
  });
  it('kubectl only when kubeconform is missing; docker-compose fallback', () => {
    const p = planValidators(facts(['a.yaml', 'compose.yml'], ['kubectl', 'docker-compose'], ['a.yaml']));
    assert.deepEqual(p.map((x) => x.validator), ['kubectl-dry-run', 'compose-config']);
    assert.deepEqual(p[0]!.steps[0]!.args, ['apply', '--dry-run=client', '-f', 'a.yaml']);
    assert.equal(p[1]!.steps[0]!.program, 'docker-compose');
  });
  it('docker without the Compose plugin: docker-compose if present, else no compose task', () => {
    const f = (programs: string[], plugin: boolean) => ({ ...facts(['compose.yaml'], programs), hasComposePlugin: () => plugin });
    assert.deepEqual(planValidators(f(['docker'], false)), []);
    assert.equal(planValidators(f(['docker', 'docker-compose'], false))[0]!.steps[0]!.program, 'docker-compose');
    assert.deepEqual(planValidators(f(['docker'], true))[0]!.steps[0]!.args.slice(0, 1), ['compose']);
  });
  it('docker CLI plugin folders', () => {
    assert.deepEqual(dockerCliPluginDirs('/home/u', undefined, 'linux').slice(0, 2), ['/home/u/.docker/cli-plugins', '/usr/local/lib/docker/cli-plugins']);
    assert.equal(dockerCliPluginDirs('/home/u', '/cfg/', 'linux')[0], '/cfg/cli-plugins');
    assert.ok(dockerCliPluginDirs('C:\\Users\\u', undefined, 'win32').includes('C:\\Program Files\\Docker\\cli-plugins'));
  });
  it('detects Kubernetes content', () => {
    assert.ok(looksLikeKubernetes('apiVersion: v1\nkind: Pod\n'));
    assert.ok(!looksLikeKubernetes('services:\n  web: {}\n'));
    assert.ok(!looksLikeKubernetes('apiVersion: v1\nkind: Pod\nmetadata:\n  name: {{ .Release.Name }}\n'));
  });
});

describe('parseToolOutput', () => {
  const plan = (name: string, validator: any, cwd = '', files: string[] = []) => {
    const p = { validator, name, detail: '', files, steps: [{ program: 'x', args: [], cwd, parse: true }] };
    return [p, p.steps[0]!] as const;
  };
  it('terraform validate -json', () => {
    const [p, s] = plan('tf', 'terraform-validate', 'infra', ['infra/main.tf']);
    const json = JSON.stringify({ valid: false, diagnostics: [{ severity: 'error', summary: 'Unsupported argument', detail: 'An argument named "foo" is not expected here.', range: { filename: 'main.tf', start: { line: 3, column: 3 } } }, { severity: 'warning', summary: 'Deprecated' }] });
    assert.deepEqual(parseToolOutput(p, s, json, '', 1), [
      { file: 'infra/main.tf', line: 3, column: 3, severity: 'error', message: 'Unsupported argument: An argument named "foo" is not expected here.' },
      { file: 'infra/main.tf', line: 1, column: 1, severity: 'warning', message: 'Deprecated' },
    ]);
    assert.deepEqual(parseToolOutput(p, s, '{"valid":true,"diagnostics":[]}', '', 0), []);
    assert.equal(parseToolOutput(p, s, '', 'Error: Module not installed', 1)[0]!.message, 'Error: Module not installed');
  });
  it('terraform fmt -check lists files', () => {
    const [p, s] = plan('fmt', 'terraform-fmt');
    assert.deepEqual(parseToolOutput(p, s, 'infra/main.tf\nmodules/net/vars.tf\n', '', 3).map((x) => x.file), ['infra/main.tf', 'modules/net/vars.tf']);
  });
  it('kubeconform json', () => {
    const [p, s] = plan('k', 'kubeconform', '', ['k8s/app.yaml']);
    const out = JSON.stringify({ resources: [{ filename: 'k8s/app.yaml', kind: 'Deployment', name: 'web', version: 'apps/v1', status: 'statusInvalid', msg: 'problem validating schema' }, { filename: 'k8s/ok.yaml', status: 'statusValid' }] });
    assert.deepEqual(parseToolOutput(p, s, out, '', 1), [{ file: 'k8s/app.yaml', line: 1, column: 1, severity: 'error', message: 'Deployment web: problem validating schema' }]);
  });
  it('kubectl dry-run errors', () => {
    const [p, s] = plan('k', 'kubectl-dry-run', '', ['a.yaml']);
    const err = 'error: error validating "a.yaml": error validating data: ValidationError(Deployment.spec): unknown field "foo"; if you choose to ignore these errors, turn validation off with --validate=false\n';
    const got = parseToolOutput(p, s, '', err, 1);
    assert.equal(got[0]!.file, 'a.yaml');
    assert.match(got[0]!.message, /unknown field "foo"/);
  });
  it('ansible-lint parseable', () => {
    const [p, s] = plan('a', 'ansible-lint');
    const got = parseToolOutput(p, s, 'roles/web/tasks/main.yml:4: yaml[truthy]: Truthy value should be one of [false, true]\nsite.yml:2:7: name[missing]: All tasks should be named\n', '', 2);
    assert.deepEqual(got.map((x) => [x.file, x.line, x.column]), [['roles/web/tasks/main.yml', 4, 1], ['site.yml', 2, 7]]);
  });
  it('docker compose config', () => {
    const [p, s] = plan('c', 'compose-config', 'deploy', ['deploy/compose.yaml']);
    assert.deepEqual(parseToolOutput(p, s, '', 'validating /abs/deploy/compose.yaml: services.web Additional property foo is not allowed\n', 15), [
      { file: 'deploy/compose.yaml', line: 1, column: 1, severity: 'error', message: 'services.web Additional property foo is not allowed' },
    ]);
    assert.equal(parseToolOutput(p, s, '', 'yaml: line 7: mapping values are not allowed in this context', 1)[0]!.line, 7);
    assert.deepEqual(parseToolOutput(p, s, '', '', 0), []);
  });
  it('helm lint', () => {
    const [p, s] = plan('h', 'helm-lint', 'charts/web', ['charts/web/Chart.yaml']);
    const out = '==> Linting .\n[INFO] Chart.yaml: icon is recommended\n[ERROR] templates/: template: web/templates/deploy.yaml:5:3: executing ...\n[ERROR] templates/svc.yaml: unable to parse YAML: error converting YAML to JSON: yaml: line 4: did not find expected key (web/templates/svc.yaml:4)\n\nError: 1 chart(s) linted, 1 chart(s) failed\n';
    const got = parseToolOutput(p, s, out, '', 1);
    assert.deepEqual(got.map((x) => [x.file, x.line, x.severity]), [
      ['charts/web/Chart.yaml', 1, 'info'],
      ['charts/web/templates/deploy.yaml', 5, 'error'],
      ['charts/web/templates/svc.yaml', 4, 'error'],
    ]);
  });
  it('problem lines match the problem matcher regexp', () => {
    const line = formatProblem({ file: 'infra/main.tf', line: 3, column: 5, severity: 'warning', message: 'x: y' });
    const m = new RegExp(PROBLEM_REGEXP).exec(line)!;
    assert.deepEqual(m.slice(1), ['warning', 'infra/main.tf', '3', '5', 'x: y']);
  });
});

describe('findOnPath', () => {
  it('searches PATH entries', () => {
    const exists = new Set(['/usr/bin/terraform', 'C:\\tools\\helm.exe']);
    assert.equal(findOnPath('terraform', '/bin:/usr/bin', (p) => exists.has(p), 'linux'), '/usr/bin/terraform');
    assert.equal(findOnPath('helm', 'C:\\x;C:\\tools', (p) => exists.has(p), 'win32'), 'C:\\tools\\helm.exe');
    assert.equal(findOnPath('nope', '/bin:/usr/bin', (p) => exists.has(p), 'linux'), undefined);
    assert.equal(findOnPath('terraform', undefined, (p) => exists.has(p), 'linux'), undefined);
  });
});

describe('manifest', () => {
  it('package.json declares the task type and the problem matcher the code uses', async () => {
    const { readFileSync } = await import('node:fs');
    const { join } = await import('node:path');
    const root = join(__dirname, '..', '..', '..');
    const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
    const td = (pkg.contributes?.taskDefinitions ?? []).find((x: { type: string }) => x.type === 'infra-guide');
    assert.ok(td, 'taskDefinitions has the infra-guide type');
    assert.deepEqual([...td.properties.validator.enum].sort(), ['ansible-lint', 'compose-config', 'helm-lint', 'kubeconform', 'kubectl-dry-run', 'terraform-fmt', 'terraform-validate']);
    const pm = (pkg.contributes?.problemMatchers ?? []).find((x: { name: string }) => x.name === 'infra-guide');
    assert.ok(pm, 'problemMatchers has infra-guide');
    assert.equal(pm.pattern.regexp, PROBLEM_REGEXP);
    // The matcher's owner must differ from the language client's diagnostic collection.
    assert.notEqual(pm.owner, 'infra-guide');
    assert.ok(pkg.activationEvents.includes('onTaskType:infra-guide'));
  });
});

describe('parseToolOutput on long lines', () => {
  it('takes linear time: runs of blanks in messages, helm and kubectl lines', () => {
    const pad = ' '.repeat(200_000);
    const plan = (validator: ValidatorTaskPlan['validator'], files: string[]) => {
      const p: ValidatorTaskPlan = { validator, name: validator, detail: '', files, steps: [{ program: 'x', args: [], cwd: '', parse: true }] };
      return [p, p.steps[0]!] as const;
    };
    // Wall or CPU time, the smaller: a loaded machine slows the wall clock, not the work (timing.ts).
    const { result: [helm, kubectl, compose], ms } = timedMs(() => {
      const [h, hs] = plan('helm-lint', ['Chart.yaml']);
      const [k, ks] = plan('kubectl-dry-run', ['a.yaml']);
      const [c, cs] = plan('compose-config', ['compose.yaml']);
      return [
        parseToolOutput(h, hs, `[ERROR]${pad}x\n[WARNING] values.yaml: a${pad}\n${pad}b\n`, '', 1),
        parseToolOutput(k, ks, '', `error: error validating${pad}x\n`, 1),
        parseToolOutput(c, cs, '', `services.web${pad}x`, 1),
      ] as const;
    });
    assert.ok(ms < 1000, `took ${ms} ms`);
    assert.deepEqual(helm.map((x) => [x.file, x.severity, x.message]), [['values.yaml', 'warning', 'a']]);
    assert.equal(kubectl[0]!.message, `error: error validating${pad}x`.slice(0, 500));
    assert.equal(compose[0]!.message, `services.web${pad}x`.slice(0, 500));
  });
  it('one line: line breaks and the blanks around them become one space', () => {
    const [p, s] = [{ validator: 'compose-config' as const, name: 'c', detail: '', files: ['c.yaml'], steps: [] }, { program: 'x', args: [], cwd: '', parse: true }];
    assert.equal(parseToolOutput(p, s, '', '  a  \r\n \n  b c\n\n', 1)[0]!.message, 'a b c');
  });
});
