import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { Linter } from '../../lint';

const UNKNOWN = 'infra-guide/unknown-rule-in-pragma';

/** `line:start-end` of each unknown-id finding. */
function unknownIds(text: string, fileName: string): string[] {
  return new Linter({ throwOnRuleError: true })
    .lint({ text, fileName })
    .findings.filter((f) => f.ruleId === UNKNOWN)
    .map((f) => `${f.range.start.line}:${f.range.start.character}-${f.range.end.character}`);
}

describe('unknown rule ids in the infra-guide.io/ignore annotation and label', () => {
  it('reports each unknown id of a Kubernetes annotation (object and pod template) at its position', () => {
    const text = [
      'apiVersion: apps/v1', // 0
      'kind: Deployment', // 1
      'metadata:', // 2
      '  name: web', // 3
      '  annotations:', // 4
      '    infra-guide.io/ignore: "kubernetes/pin-image-versio, kubernetes/set-resource-limits,  nope"', // 5
      'spec:', // 6
      '  template:', // 7
      '    metadata:', // 8
      '      annotations: {infra-guide.io/ignore: "kubernetes/*, bogus/*"}', // 9
      '    spec:', // 10
      '      containers:', // 11
      '        - name: web', // 12
      '          image: nginx:1.27', // 13
    ].join('\n');
    assert.deepEqual(unknownIds(text, 'deploy.yaml'), ['5:28-55', '5:90-94', '9:58-65']);
  });

  it('accepts known ids, `<domain>/*`, `*` and `all`', () => {
    const text = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n  annotations:\n    infra-guide.io/ignore: "kubernetes/pin-image-version compose/* * all"\nspec:\n  containers: [{name: c, image: nginx:1.27}]\n';
    assert.deepEqual(unknownIds(text, 'pod.yaml'), []);
  });

  it('reports unknown ids of a Compose label in map and list form', () => {
    const text = [
      'services:', // 0
      '  web:', // 1
      '    image: nginx:1.27', // 2
      '    labels:', // 3
      '      infra-guide.io/ignore: "compose/set-resource-limit"', // 4
      '  db:', // 5
      '    image: postgres:16', // 6
      '    labels:', // 7
      '      - "infra-guide.io/ignore=compose/set-healthcheck,compose/nope"', // 8
    ].join('\n');
    assert.deepEqual(unknownIds(text, 'compose.yaml'), ['4:30-56', '8:55-67']);
  });

  it('reports on the whole value when positions inside it are not those of the source', () => {
    const text = 'services:\n  web:\n    image: nginx:1.27\n    labels:\n      infra-guide.io/ignore: "compose/set-healthcheck,\\x20nope"\n';
    assert.deepEqual(unknownIds(text, 'compose.yaml'), ['4:29-63']);
  });
});
