import { ruleTester } from '../../testing/rule-tester';
import { noDuplicateKeys } from './no-duplicate-keys';

ruleTester(noDuplicateKeys, {
  valid: [
    { name: 'merge keys may repeat', code: 'a: &a {x: 1}\nb: &b {y: 1}\nc:\n  <<: *a\n  <<: *b\n', fileName: 'values.yaml' },
    { name: 'same key in different mappings', code: 'a: {name: 1}\nb: {name: 2}\n', fileName: 'values.yaml' },
    { name: 'custom tags do not crash', code: 'job:\n  script: !reference [.setup, script]\n', fileName: '.gitlab-ci.yml' },
    {
      // `a` is checked first (the walk takes the last value first): its key texts must not stay on for the complex key of `b`.
      name: 'a complex key matches no key of a mapping checked before',
      code: 'b:\n  ? [k]\n  : 1\n  y: 2\na:\n  y: 1\n  z: 2\n',
      fileName: 'values.yaml',
    },
  ],
  invalid: [
    {
      name: 'a large mapping (compared by text index), with a nested duplicate',
      fileName: 'values.yaml',
      code: Array.from({ length: 12 }, (_, i) => `k${i}: ${i}\n`).join('') + 'nested:\n  a: 1\n  a: 2\nk3: again\n',
      errors: [
        { line: 15, message: 'Duplicate key `a` (first defined on the line above)' },
        { line: 16, message: 'Duplicate key `k3` (first defined 12 lines above)' },
      ],
    },
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
