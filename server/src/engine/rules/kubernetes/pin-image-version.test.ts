import { ruleTester } from '../../testing/rule-tester';
import { pinImageVersion } from './pin-image-version';

const pod = (image: string, extra = '') => `apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n  - name: app\n    image: ${image}\n${extra}`;

ruleTester(pinImageVersion, {
  valid: [
    { name: 'tag', code: pod('nginx:1.27') },
    { name: 'digest', code: pod('nginx@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef') },
    { name: 'registry port and tag', code: pod('registry.local:5000/team/app:2.1') },
    { name: 'versioned variants and distribution releases', code: ['redis:7-alpine', 'debian:bookworm-slim', 'docker.io/library/ubuntu:noble', 'postgres:16-bookworm', 'alpine:3.20', 'postgres:16-alpine3.20'].map((i) => pod(i)).join('---\n') },
    { name: 'digest pins a channel tag', code: pod('postgres:alpine@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef') },
    { name: 'Always pull policy with a pinned tag', code: pod('nginx:1.27', '    imagePullPolicy: Always\n') },
    { name: 'Argo/Helm-style template', code: pod('"{{inputs.parameters.image}}"') },
    { name: 'placeholder', code: pod('<YOUR-IMAGE>') },
    { name: 'envsubst variable in the name or tag: the tag is unknown', code: pod('$IMAGE') + '---\n' + pod('registry.local/app:$TAG') + '---\n' + pod('$REGISTRY/app$SUFFIX') },
    {
      name: 'braced variable without default in the name or tag: the tag is unknown',
      code: pod('${IMAGE}') + '---\n' + pod('${REGISTRY}/app:${TAG}') + '---\n' + pod('${IMAGE}:alpine') + '---\n' + pod('${REGISTRY}/app@${DIGEST}') + '---\n' + pod('"${{ values.image }}"'),
    },
    { name: 'empty image: nothing to pin', code: pod('""') },
    { name: 'DeploymentConfig and Template of other API groups are not OpenShift workloads', code: 'apiVersion: example.com/v1\nkind: DeploymentConfig\nmetadata:\n  name: web\nspec:\n  template:\n    spec:\n      containers:\n      - name: web\n        image: nginx\n---\napiVersion: example.com/v1\nkind: Template\nobjects:\n- apiVersion: v1\n  kind: Pod\n  metadata: {name: p}\n  spec:\n    containers:\n    - {name: c, image: nginx}\n' },
    { name: 'annotation', code: pod('nginx').replace('  name: p\n', '  name: p\n  annotations: {infra-guide.io/ignore: kubernetes/pin-image-version}\n') },
  ],
  invalid: [
    { name: 'untagged', code: pod('nginx'), errors: [{ message: 'Container `app` uses image `nginx` without a tag', line: 8, column: 12, endColumn: 17, severity: 'warning', fixes: [] }] },
    { name: 'latest', code: pod('docker.io/library/nginx:latest'), errors: [{ message: '(`latest`)' }] },
    { name: 'registry port, no tag', code: pod('localhost:5000/app'), errors: [{ message: 'without a tag' }] },
    { name: 'envsubst variable only in the registry: still no tag', code: pod('$REGISTRY/nginx'), errors: [{ message: 'uses image `$REGISTRY/nginx` without a tag' }] },
    {
      name: 'tag naming only a channel or variant moves like latest',
      code: pod('postgres:alpine') + '---\n' + pod('registry:5000/nginx:mainline-alpine') + '---\n' + pod('ghcr.io/acme/app:main'),
      errors: [
        { message: 'Container `app` uses image `postgres:alpine`, whose tag has no version: `alpine` follows the newest release, like `latest`; pin a specific version tag or digest.', line: 8, column: 12, severity: 'warning' },
        { message: '`mainline-alpine` follows the newest release', line: 17 },
        { message: '`ghcr.io/acme/app:main`, whose tag has no version: `main` follows the newest release', line: 26 },
      ],
    },
    {
      name: 'a codename on an image other than the distribution names only the system underneath',
      code: pod('postgres:bookworm') + '---\n' + pod('python:alpine3.23'),
      errors: [
        {
          message:
            'Container `app` uses image `postgres:bookworm`, whose tag has no version: `bookworm` names the Debian release it is built on but no `postgres` version, so it moves to newer `postgres` releases; pin a specific version tag or digest.',
        },
        { message: '`python:alpine3.23`, whose tag has no version: `alpine3.23` names the Alpine release it is built on but no `python` version', line: 17 },
      ],
    },
    {
      name: 'init and ephemeral containers too',
      code: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  initContainers:\n  - {name: i, image: busybox}\n  containers:\n  - {name: c, image: "busybox:1.36"}\n  ephemeralContainers:\n  - {name: e, image: "busybox:latest"}\n',
      errors: [{ message: 'Init container `i`' }, { message: 'Ephemeral container `e`' }],
    },
    { name: 'OpenShift DeploymentConfig (apps.openshift.io/v1, and v1 of OpenShift 3)', code: 'apiVersion: apps.openshift.io/v1\nkind: DeploymentConfig\nmetadata:\n  name: web\nspec:\n  template:\n    spec:\n      containers:\n      - name: web\n        image: nginx\n---\napiVersion: v1\nkind: DeploymentConfig\nmetadata:\n  name: web\nspec:\n  template:\n    spec:\n      containers:\n      - name: web\n        image: nginx\n', errors: [{ message: 'Container `web` uses image `nginx` without a tag', line: 10 }, { line: 21 }] },
    {
      name: 'objects of an OpenShift Template; `${PARAMETER}` images are not judged',
      code: 'apiVersion: template.openshift.io/v1\nkind: Template\nmetadata:\n  name: app\nobjects:\n- apiVersion: apps.openshift.io/v1\n  kind: DeploymentConfig\n  metadata: {name: web}\n  spec:\n    template:\n      spec:\n        containers:\n        - name: web\n          image: nginx:latest\n        - name: app\n          image: ${APP_IMAGE}\nparameters:\n- name: APP_IMAGE\n',
      errors: [{ message: 'Container `web` uses image `nginx:latest`', line: 14 }],
    },
    {
      name: 'envsubst defaults (`${TAG:-latest}`) are judged as the image used when the variable is unset, named as written',
      code: pod('app:${TAG:-latest}') + '---\n' + pod('${REGISTRY:-docker.io}/nginx') + '---\n' + pod('redis:${TAG-alpine}') + '---\n' + pod('app:${TAG:-1.2}') + '---\n' + pod('${IMAGE}:${TAG:-latest}'),
      errors: [
        { message: 'Container `app` uses image `app:${TAG:-latest}`, which is `latest` by default; pin a specific version tag or digest.', line: 8, column: 12 },
        { message: 'Container `app` uses image `${REGISTRY:-docker.io}/nginx`, which has no tag by default; pin', line: 17 },
        { message: 'Container `app` uses image `redis:${TAG-alpine}`, whose tag by default has no version: `alpine` follows the newest release, like `latest`; pin', line: 26 },
        { message: 'Container `app` uses image `${IMAGE}:${TAG:-latest}`, which is `latest` by default; pin', line: 44 },
      ],
    },
    {
      name: 'a variable without default in the registry or name: the written tag is still judged',
      code: pod('$IMAGE:latest') + '---\n' + pod('${REGISTRY}/app:latest') + '---\n' + pod('${REGISTRY}/app') + '---\n' + pod('${REGISTRY}/team/node:alpine'),
      errors: [
        { message: 'Container `app` uses image `$IMAGE:latest` (`latest`); pin a specific version tag or digest.', line: 8, column: 12 },
        { message: 'Container `app` uses image `${REGISTRY}/app:latest` (`latest`); pin', line: 17 },
        { message: 'Container `app` uses image `${REGISTRY}/app` without a tag; pin', line: 26 },
        { message: 'Container `app` uses image `${REGISTRY}/team/node:alpine`, whose tag has no version: `alpine` follows the newest release', line: 35 },
      ],
    },
    { name: 'one container listed twice through an alias: reported once', code: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  initContainers:\n  - &c\n    name: web\n    image: nginx\n  containers:\n  - *c\n', errors: [{ message: 'Init container `web`', line: 9 }] },
    { name: 'pod template shared by two workloads of a List: reported once', code: 'apiVersion: v1\nkind: List\nitems:\n- apiVersion: apps/v1\n  kind: Deployment\n  metadata: {name: a}\n  spec:\n    template: &tpl\n      spec:\n        containers:\n        - name: web\n          image: nginx\n- apiVersion: apps/v1\n  kind: Deployment\n  metadata: {name: b}\n  spec:\n    template: *tpl\n', errors: [{ line: 12 }] },
  ],
});
