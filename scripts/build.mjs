#!/usr/bin/env node
// Bundles the extension client, the language server and the CLI with esbuild.
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
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
 * The CLI and the language server are two files each: the bundle itself (dist/cli-main.js,
 * dist/server-main.js) and a small launcher under the known name (dist/cli.js, the `infra-guide`
 * command; dist/server.js, what the extension starts) that runs the bundle through V8's code cache
 * (server/src/launch/compile-cache.ts), keyed on a hash of the bundle as read at start.
 */
async function buildLaunched({ entry, bundle, launcher, outfile, banner, plugins }) {
  await Promise.all([buildAscii({ ...common, entryPoints: [entry], outfile: bundle, plugins }), build({ ...common, entryPoints: [launcher], outfile, banner })]);
}

/**
 * A bundle with only ASCII characters. V8 holds a source with any other character as two bytes a
 * character, decoded from UTF-8 on every run (the CLI bundle had a few dashes and arrows in
 * comments and one regular expression: ~16M instructions of a check over the corpus). esbuild
 * escapes them in strings, not in comments or regular expressions, where `\uXXXX` means the same.
 * One after a backslash stays as it is (`\\uXXXX` would be a backslash and then text).
 */
async function buildAscii(options) {
  const { outputFiles } = await build({ ...options, write: false });
  await mkdir(dirname(options.outfile), { recursive: true });
  await Promise.all(outputFiles.map((f) => writeFile(f.path, f.path.endsWith('.js') ? escapeNonAscii(f.text) : f.contents)));
}

function escapeNonAscii(text) {
  return text.replace(/(?<!\\)[^\x00-\x7f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

await Promise.all([
  build({ ...common, entryPoints: ['client/src/extension.ts'], outfile: 'dist/client.js', external: ['vscode'] }),
  buildLaunched({ entry: 'server/src/server.ts', bundle: 'dist/server-main.js', launcher: 'server/src/launch/server.ts', outfile: 'dist/server.js' }),
  buildLaunched({
    entry: 'server/src/cli/main.ts',
    bundle: 'dist/cli-main.js',
    launcher: 'server/src/launch/cli.ts',
    outfile: 'dist/cli.js',
    banner: { js: '#!/usr/bin/env node' },
    plugins: [serverBesideCli],
  }),
]);
