// The lookup of kustomization files on disk: which files they list as patches.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { KustomizePatches } from '../../server/src/workspace/kustomize';
import { tempTree as tree } from './cli-run';

test('kustomizations in the folder and its ancestors, up to the git root', (t) => {
  const dir = tree(t, {
    'kustomization.yaml': 'patches:\n  - path: outside-git.yaml\n',
    'repo/.git/HEAD': 'ref: refs/heads/main\n',
    'repo/base/kustomization.yaml': 'resources: [deployment.yaml]\n',
    'repo/base/deployment.yaml': '',
    'repo/overlays/prod/kustomization.yaml': 'patches:\n  - path: patches/replicas.yaml\n  - path: ../common/image.yaml\npatchesStrategicMerge:\n  - deployment-prod.yaml\n',
    'repo/overlays/prod/deployment-prod.yaml': '',
    'repo/overlays/prod/patches/replicas.yaml': '',
    'repo/overlays/prod/service.yaml': '',
    'repo/overlays/common/image.yaml': '',
    'repo/overlays/staging/Kustomization': '\uFEFFpatchesJson6902:\n  - path: ops.yaml\n',
    'repo/overlays/staging/ops.yaml': '',
    'repo/components/sidecar/kustomization.yml': 'kind: Component\npatches:\n  - path: sidecar.yaml\n',
    'repo/components/sidecar/sidecar.yaml': '',
    'repo/outside-git.yaml': '',
  });
  const k = new KustomizePatches();
  const at = (rel: string) => join(dir, rel);
  assert.ok(k.isPatch(at('repo/overlays/prod/deployment-prod.yaml')));
  assert.ok(k.isPatch(at('repo/overlays/prod/patches/replicas.yaml')), 'listed by the kustomization of an ancestor folder');
  assert.ok(k.isPatch(at('repo/overlays/staging/ops.yaml')), '`Kustomization`, patchesJson6902, byte order mark');
  assert.ok(k.isPatch(at('repo/components/sidecar/sidecar.yaml')), 'a Component lists its own patches');
  assert.ok(!k.isPatch(at('repo/overlays/prod/service.yaml')));
  assert.ok(!k.isPatch(at('repo/base/deployment.yaml')), 'resources are not patches');
  // Kustomize loads patches from its own folder tree only: a sibling folder is not looked in.
  assert.ok(!k.isPatch(at('repo/overlays/common/image.yaml')));
  // The lookup stops at the git root, whatever roots the caller names.
  assert.ok(!k.isPatch(at('repo/outside-git.yaml'), [dir]));
});

test('outside git, up to the outermost root holding the file', (t) => {
  const dir = tree(t, {
    'kustomization.yaml': 'patches:\n  - path: app/prod.yaml\n',
    'app/prod.yaml': '',
    'app/kustomization.yaml': 'patches:\n  - path: local.yaml\n',
    'app/local.yaml': '',
  });
  const file = join(dir, 'app/prod.yaml');
  assert.ok(!new KustomizePatches().isPatch(file), 'no root: the file folder only');
  assert.ok(!new KustomizePatches().isPatch(file, [join(dir, 'app')]));
  assert.ok(new KustomizePatches().isPatch(file, [join(dir, 'app'), dir]));
  assert.ok(new KustomizePatches().isPatch(join(dir, 'app/local.yaml')));
  assert.ok(!new KustomizePatches().isPatch(file, [join(dir, 'other')]), 'a root not holding the file does not count');
});

test('kustomizations are read once until cleared', (t) => {
  const dir = tree(t, {
    '.git/HEAD': '',
    'kustomization.yaml': 'patches:\n  - path: a.yaml\n',
    'a.yaml': '',
  });
  const k = new KustomizePatches();
  assert.ok(k.isPatch(join(dir, 'a.yaml')));
  writeFileSync(join(dir, 'kustomization.yaml'), 'resources: [a.yaml]\n');
  assert.ok(k.isPatch(join(dir, 'a.yaml')), 'cached');
  k.clear();
  assert.ok(!k.isPatch(join(dir, 'a.yaml')));
  writeFileSync(join(dir, 'kustomization.yaml'), 'patches: [{path: a.yaml\n');
  k.clear();
  assert.ok(!k.isPatch(join(dir, 'a.yaml')), 'malformed: lists nothing');
  assert.ok(!k.isPatch(join(dir, 'missing/folder/a.yaml')), 'folders that do not exist');
});

test('checking the disk, a lookup sees kustomizations and git roots change without a clear', (t) => {
  const dir = tree(t, {
    '.git/HEAD': '',
    'kustomization.yaml': 'patches:\n  - path: app/a.yaml\n',
    'app/a.yaml': '',
  });
  const k = new KustomizePatches({ checkDisk: true });
  const a = join(dir, 'app', 'a.yaml');
  assert.ok(k.isPatch(a));
  // A git work tree created in `app` (`git init`): the kustomization above it no longer counts.
  mkdirSync(join(dir, 'app', '.git'));
  assert.ok(!k.isPatch(a), 'a new git root in between');
  rmSync(join(dir, 'app', '.git'), { recursive: true });
  assert.ok(k.isPatch(a), 'the git root removed again');
  // Edited in place, then deleted, then created again.
  writeFileSync(join(dir, 'kustomization.yaml'), 'resources: [app/a.yaml]\n');
  assert.ok(!k.isPatch(a), 'the kustomization no longer lists it');
  rmSync(join(dir, 'kustomization.yaml'));
  assert.ok(!k.isPatch(a));
  writeFileSync(join(dir, 'kustomization.yml'), 'patches:\n  - path: app/a.yaml\n');
  assert.ok(k.isPatch(a), 'a kustomization created');
});

test('a patch listed or opened through a symlink is the file it names', (t) => {
  const dir = tree(t, {
    '.git/HEAD': '',
    'kustomization.yaml': 'patches:\n  - path: linked.yaml\n',
    'shared/p.yaml': '',
    'overlay/kustomization.yaml': 'patches:\n  - path: real.yaml\n',
    'overlay/real.yaml': '',
    'other.yaml': '',
  });
  symlinkSync(join(dir, 'shared/p.yaml'), join(dir, 'linked.yaml'));
  symlinkSync(join(dir, 'overlay/real.yaml'), join(dir, 'overlay/alias.yaml'));
  symlinkSync(join(dir, 'other.yaml'), join(dir, 'overlay/other-link.yaml'));
  const k = new KustomizePatches();
  assert.ok(k.isPatch(join(dir, 'linked.yaml')));
  assert.ok(k.isPatch(join(dir, 'shared/p.yaml')), 'the file the listed symlink names');
  assert.ok(k.isPatch(join(dir, 'overlay/alias.yaml')), 'a symlink to a listed file');
  assert.ok(!k.isPatch(join(dir, 'overlay/other-link.yaml')));
  assert.ok(!k.isPatch(join(dir, 'other.yaml')));
});

test('a folder with several kustomization files counts the patches of each', (t) => {
  const dir = tree(t, {
    '.git/HEAD': '',
    'kustomization.yaml': 'patches:\n  - path: a.yaml\n',
    'kustomization.yml': 'patches:\n  - path: b.yaml\n',
    'Kustomization': 'patches:\n  - path: c.yaml\n',
  });
  const k = new KustomizePatches();
  for (const f of ['a.yaml', 'b.yaml', 'c.yaml']) assert.ok(k.isPatch(join(dir, f)), f);
  assert.ok(!k.isPatch(join(dir, 'd.yaml')));
});
