// Language server entry point (dist/server.js, what the extension starts): runs the server bundle
// (dist/server-main.js) through V8's code cache (compile-cache.ts), as dist/cli.js does for the
// CLI. `infra-guide lsp` and the server's lint worker thread load the server through this file too.
import { join } from 'node:path';
import { processCacheDir, runBundle } from './compile-cache';

const cacheDir = processCacheDir();
runBundle(join(__dirname, 'server-main.js'), cacheDir === undefined ? undefined : { dir: cacheDir, name: 'server' }, module, require);
