import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { isScalar } from 'yaml';
import { parseYamlSegment } from '../yaml/model';
import { completeServicesFor, composeServices, field, isOverrideFile, isResetField, oncePerNode, overridingServicesFor, servicesFor } from './model';

const view = (text: string) => parseYamlSegment('compose', text, 0);
const names = (services: readonly { name: string }[]) => services.map((s) => s.name);

describe('isOverrideFile', () => {
  it('reads the base name, with either separator and any case of the extension', () => {
    for (const name of ['docker-compose.override.yml', 'compose.override.yaml', 'compose.prod.override.YML', 'override.yml', 'dir/compose-override', 'C:\\app\\compose_override.yaml', 'a/b\\compose.Override.yaml']) {
      assert.equal(isOverrideFile(name), true, name);
    }
    for (const name of ['compose.yaml', 'overrides/compose.yaml', 'override\\compose.yml', 'compose.overrides.yml', 'myoverride.yml', 'compose.override.yml/x.yaml']) {
      assert.equal(isOverrideFile(name), false, name);
    }
  });
});

describe('Compose service lists', () => {
  const text =
    'services:\n  web:\n    image: a\n  child:\n    extends: web\n  part:\n    ports: ["80"]\n  api:\n    build: .\n    labels:\n      infra-guide.io/ignore: compose/set-healthcheck\n';

  it('splits services into complete ones and those merged over others, in file order', () => {
    const v = view(text);
    assert.deepEqual(names(completeServicesFor(v, 'compose/x', 'compose.yaml')), ['web', 'api']);
    assert.deepEqual(names(overridingServicesFor(v, 'compose/x', 'compose.yaml')), ['child', 'part']);
    // In an override file every service is merged over the base file's.
    assert.deepEqual(names(completeServicesFor(v, 'compose/x', 'compose.override.yaml')), []);
    assert.deepEqual(names(overridingServicesFor(v, 'compose/x', 'compose.override.yaml')), ['web', 'child', 'part', 'api']);
  });

  it('leaves out the services whose labels tell the rule to ignore them', () => {
    const v = view(text);
    assert.deepEqual(names(completeServicesFor(v, 'compose/set-healthcheck', 'compose.yaml')), ['web']);
    assert.deepEqual(names(servicesFor(v, 'compose/set-healthcheck')), ['web', 'child', 'part']);
    assert.deepEqual(names(overridingServicesFor(v, 'compose/set-healthcheck', 'compose.override.yaml')), ['web', 'child', 'part']);
  });
});

describe('field', () => {
  it('follows aliases, lets the last duplicate win, and leaves `!reset` fields unset', () => {
    const v = view('x-img: &img nginx:1.27\nservices:\n  web:\n    image: *img\n    user: a\n    user: b\n    healthcheck: !reset {}\n    deploy:\n');
    const [web] = composeServices(v);
    assert.equal((field(v, web!, 'image') as { value?: unknown }).value, 'nginx:1.27');
    assert.equal((field(v, web!, 'user') as { value?: unknown }).value, 'b');
    assert.equal(field(v, web!, 'healthcheck'), undefined);
    assert.equal(isResetField(v, web!, 'healthcheck'), true);
    assert.ok(isScalar(field(v, web!, 'deploy')));
    assert.equal(isResetField(v, web!, 'deploy'), false);
    assert.equal(field(v, web!, 'ports'), undefined);
    assert.equal(isResetField(v, web!, 'ports'), false);
  });

  it('takes fields from `<<` merge keys', () => {
    const v = view('x-base: &base\n  image: nginx:1.27\n  user: root\nservices:\n  web:\n    <<: *base\n    user: app\n');
    const [web] = composeServices(v);
    assert.equal((field(v, web!, 'image') as { value?: unknown }).value, 'nginx:1.27');
    assert.equal((field(v, web!, 'user') as { value?: unknown }).value, 'app');
  });

  it('takes a merged field from the first source that has it, after the own ones, and through merges of merges', () => {
    const v = view(
      'x-a: &a\n  image: a:1\n  user: a\n  user: a2\nx-b: &b\n  image: b:1\n  cpus: 1\nx-c: &c\n  <<: *b\n  mem_limit: 1g\n' +
        'services:\n  web:\n    <<: [*a, *b]\n    image:\n  api:\n    <<: *c\n',
    );
    const [web, api] = composeServices(v);
    assert.equal((field(v, web!, 'image') as { value?: unknown }).value, null);
    assert.equal((field(v, web!, 'user') as { value?: unknown }).value, 'a2');
    assert.equal((field(v, web!, 'cpus') as { value?: unknown }).value, 1);
    assert.equal((field(v, api!, 'cpus') as { value?: unknown }).value, 1);
    assert.equal((field(v, api!, 'mem_limit') as { value?: unknown }).value, '1g');
    assert.equal(field(v, api!, 'user'), undefined);
  });
});

describe('oncePerNode', () => {
  it('passes a node shared by services through an alias once', () => {
    const v = view('services:\n  a:\n    environment: &env {A: 1}\n  b:\n    environment: *env\n');
    const once = oncePerNode(v);
    const [a, b] = composeServices(v);
    assert.equal(once(field(v, a!, 'environment')), true);
    assert.equal(once(field(v, b!, 'environment')), false);
  });

  it('passes every node of a document without aliases', () => {
    const v = view('services:\n  a:\n    environment: {A: 1}\n  b:\n    environment: {A: 1}\n');
    const once = oncePerNode(v);
    for (const s of composeServices(v)) assert.equal(once(field(v, s, 'environment')), true);
  });
});
