import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseYamlSegment } from '../yaml/model';
import { kubernetesModel } from './workloads';

const POD = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n  - name: c\n    image: nginx:1.27\n';

test('kubernetesModel: built once per view and kept on it', () => {
  const view = parseYamlSegment('kubernetes', POD, 0);
  const model = kubernetesModel(view);
  assert.equal(model.containers.length, 1);
  assert.equal(kubernetesModel(view), model);
  // On the view itself (see `perView`), not in a module-level map keyed by it.
  assert.ok([...view.derived.values()].includes(model));
  // Another parse of the same text has a model of its own, over its own nodes.
  const other = kubernetesModel(parseYamlSegment('kubernetes', POD, 0));
  assert.notEqual(other, model);
  assert.notEqual(other.containers[0]!.map, model.containers[0]!.map);
});
