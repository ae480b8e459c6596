import { ruleTester } from '../../testing/rule-tester';
import { composeNoPrivilegedOrRoot } from './no-privileged-or-root';

ruleTester(composeNoPrivilegedOrRoot, {
  valid: [
    { name: 'non-root user', code: 'services:\n  app:\n    image: app:1\n    user: "1000:1000"\n    privileged: false\n' },
    { name: 'narrow capabilities added, ALL dropped', code: 'services:\n  app:\n    image: app:1\n    cap_add: [NET_ADMIN, CAP_NET_BIND_SERVICE]\n    cap_drop: [ALL]\n' },
    { name: 'user rooted-name is not root', code: 'services:\n  app:\n    image: app:1\n    user: rootless\n' },
  ],
  invalid: [
    {
      name: 'privileged and root',
      code: 'services:\n  app:\n    image: app:1\n    privileged: true\n    user: "0:0"\n  b:\n    image: b:1\n    user: root\n',
      errors: [
        { message: 'Service `app` runs privileged', line: 4, column: 17, fixes: [] },
        { message: 'Service `app` runs as root (`user: 0:0`)', line: 5 },
        { message: 'Service `b` runs as root', line: 8 },
      ],
    },
    { name: 'settings shared through a merge key or alias: reported once', code: 'x-base: &base\n  image: nginx\n  privileged: true\n  user: root\n  environment:\n    DB_PASSWORD: s3cr3t-value\nservices:\n  a:\n    <<: *base\n  b:\n    <<: *base\n  c: *base\n', errors: [{ message: 'Service `a` runs privileged', line: 3 }, { message: 'Service `a` runs as root', line: 4 }] },
    {
      name: 'SYS_ADMIN or ALL added, in any spelling; a list shared through an anchor reported once',
      code: 'services:\n  app:\n    image: app:1\n    cap_add: &caps\n      - NET_ADMIN\n      - CAP_SYS_ADMIN\n      - all\n  b:\n    image: b:1\n    cap_add: *caps\n',
      errors: [
        { message: 'Service `app` adds capability `CAP_SYS_ADMIN`: nearly as much as `privileged: true`; add only the capabilities it needs.', line: 6, column: 9, endColumn: 22, fixes: [] },
        { message: 'Service `app` adds capability `all` (every capability)', line: 7 },
      ],
    },
  ],
});

ruleTester(composeNoPrivilegedOrRoot, {
  valid: [
    {
      name: '`!reset` unsets privileged, user and cap_add (their values are not applied)',
      code: 'services:\n  app:\n    image: app:1\n    privileged: !reset true\n    user: !reset root\n    cap_add: !reset [ALL]\n',
    },
  ],
  invalid: [
    {
      name: '`!override` values apply (an unresolved tag leaves `true` a string)',
      code: 'services:\n  app:\n    image: app:1\n    privileged: !override true\n    user: !override root\n',
      errors: [{ message: 'runs privileged', line: 4 }, { message: 'runs as root', line: 5 }],
    },
  ],
});
