import { ruleTester } from '../../testing/rule-tester';
import { noLiteralSecretData } from './no-literal-secret-data';

ruleTester(noLiteralSecretData, {
  valid: [
    { name: 'empty data', code: 'apiVersion: v1\nkind: Secret\nmetadata:\n  name: s\ntype: kubernetes.io/service-account-token\ndata: {}\n' },
    { name: 'placeholders only', code: 'apiVersion: v1\nkind: Secret\nmetadata:\n  name: s\nstringData:\n  password: ""\n  token: <token>\n' },
    { name: 'SealedSecret', code: 'apiVersion: bitnami.com/v1alpha1\nkind: SealedSecret\nmetadata:\n  name: s\nspec:\n  encryptedData:\n    password: AgBy3i4OJSWK+PiTySYZZA==\n' },
    { name: 'annotation', code: 'apiVersion: v1\nkind: Secret\nmetadata:\n  name: s\n  annotations: {infra-guide.io/ignore: kubernetes/no-literal-secret-data}\ndata:\n  password: aHVudGVyMg==\n' },
  ],
  invalid: [
    {
      name: 'data and stringData, keys named, values not',
      code: 'apiVersion: v1\nkind: Secret\nmetadata:\n  name: db\ndata:\n  password: aHVudGVyMg==\n  user: YWRtaW4=\nstringData:\n  token: abc123def456\n',
      errors: [
        { message: 'Secret `db` commits literal `data` (`password`, `user`)', line: 5, column: 1, endColumn: 5, severity: 'warning' },
        { message: 'Secret `db` commits literal `stringData` (`token`)', line: 8 },
      ],
    },
  ],
});
