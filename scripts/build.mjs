#!/usr/bin/env node
// Bundles the extension client, the language server and the CLI with esbuild.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
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
  // `yaml`, by contrast, resolves to its CommonJS build under `node`, which puts the same interop
  // getter in front of every `isScalar` / `isMap` / `visit` call the rules make; its ESM build
  // (published as `browser/`, the same code without Node-only warnings) is bundled directly.
  alias: { yaml: './node_modules/yaml/browser/index.js' },
};

/**
 * `infra-guide lsp` loads the language server from its own bundle beside the CLI (dist/server.js)
 * instead of carrying a copy: every CLI run compiles the whole bundle at start-up, and the
 * server's LSP libraries were a third of it.
 */
const serverBesideCli = {
  name: 'server-beside-cli',
  setup(b) {
    b.onResolve({ filter: /^\.\.\/server$/ }, (args) => (args.importer.endsWith('main.ts') ? { path: './server.js', external: true } : undefined));
  },
};

/**
 * The CLI is two files: dist/cli-main.js, the CLI itself, and dist/cli.js, the `infra-guide`
 * command, a small launcher that runs cli-main.js through V8's code cache
 * (server/src/cli/compile-cache.ts). The launcher carries a hash of cli-main.js: V8 recognises a
 * cached script only by its length, the hash tells builds apart.
 */
async function buildCli() {
  await build({ ...common, entryPoints: ['server/src/cli/main.ts'], outfile: 'dist/cli-main.js', plugins: [serverBesideCli] });
  const bundleId = createHash('sha256').update(readFileSync('dist/cli-main.js')).digest('hex').slice(0, 16);
  await build({
    ...common,
    entryPoints: ['server/src/cli/launch.ts'],
    outfile: 'dist/cli.js',
    banner: { js: '#!/usr/bin/env node' },
    define: { INFRA_GUIDE_CLI_BUNDLE_ID: JSON.stringify(bundleId) },
  });
}

await Promise.all([
  build({ ...common, entryPoints: ['client/src/extension.ts'], outfile: 'dist/client.js', external: ['vscode'] }),
  build({ ...common, entryPoints: ['server/src/server.ts'], outfile: 'dist/server.js' }),
  buildCli(),
]);
