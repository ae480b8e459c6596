#!/usr/bin/env node
// Bundles the extension client, the language server and the CLI with esbuild.
import { build } from 'esbuild';

const production = process.argv.includes('--production');
const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: !production,
  minify: production,
  legalComments: 'none',
  logLevel: 'warning',
  // No `module` condition: packages such as vscode-languageserver-types then resolve to their
  // CommonJS build. Their ESM build, bundled into CJS, reaches every export (dockerfile-ast's
  // `Range.create`, `Position.create`, called per argument) through an interop getter (~3% of
  // Dockerfile linting). `node` / `import` / `require` / `default` still apply as usual.
  conditions: [],
};

await Promise.all([
  build({ ...common, entryPoints: ['client/src/extension.ts'], outfile: 'dist/client.js', external: ['vscode'] }),
  build({ ...common, entryPoints: ['server/src/server.ts'], outfile: 'dist/server.js' }),
  build({ ...common, entryPoints: ['server/src/cli/main.ts'], outfile: 'dist/cli.js', banner: { js: '#!/usr/bin/env node' } }),
]);
