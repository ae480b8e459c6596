import { ruleTester } from '../../testing/rule-tester';
import { noDuplicateKeys } from './no-duplicate-keys';

ruleTester(noDuplicateKeys, {
  valid: [
    { name: 'merge keys may repeat', code: 'a: &a {x: 1}\nb: &b {y: 1}\nc:\n  <<: *a\n  <<: *b\n', fileName: 'values.yaml' },
    { name: 'same key in different mappings', code: 'a: {name: 1}\nb: {name: 2}\n', fileName: 'values.yaml' },
    { name: 'custom tags do not crash', code: 'job:\n  script: !reference [.setup, script]\n', fileName: '.gitlab-ci.yml' },
  ],
  invalid: [
    {
      name: 'nested duplicate in Kubernetes',
      code: 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n  labels: {app: x}\n  name: b\n',
      errors: [{ message: 'Duplicate key `name` (first defined 2 lines above)', line: 6, column: 3, endColumn: 7, severity: 'warning', fixes: [] }],
    },
    {
      name: 'Compose, in a list item, second document',
      fileName: 'compose.yaml',
      code: 'services:\n  web:\n    image: nginx:1.27\n    image: nginx:1.28\n',
      errors: [{ line: 4, message: 'on the line above' }],
    },
    {
      name: 'second document of a multi-document file',
      fileName: 'k.yaml',
      code: 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\n---\napiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\ndata:\n  - {k: 1, k: 2}\n',
      errors: [{ line: 9, column: 12, message: 'earlier on the same line' }],
    },
  ],
});
