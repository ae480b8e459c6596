// Runs one mocha suite inside a real VS Code 1.100.3 extension host: code-server's bundled VS Code
// server (server-main.js) + headless Debian chromium driven by playwright-core.
// Everything lives in a private temp dir (workspace copy, server/user data, extensions, TMPDIR,
// XDG dirs) that is deleted afterwards; only processes started here are stopped.
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { homedir, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { randomUUID } from 'node:crypto';

export const CODE_SERVER_VERSION = '4.100.3';
export const SUMMARY_PREFIX = '[infra-guide-e2e:summary] ';
export const CHROMIUM_FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-dev-shm-usage',
];

export function hostDir() {
  return process.env.INFRA_GUIDE_VSCODE_HOST_DIR || join(homedir(), '.cache', 'infra-guide', `code-server-${CODE_SERVER_VERSION}`);
}

export function serverMainPath() {
  return join(hostDir(), 'node_modules', 'code-server', 'lib', 'vscode', 'out', 'server-main.js');
}

export function chromiumPath() {
  const candidates = [process.env.INFRA_GUIDE_CHROMIUM, '/usr/bin/chromium', '/usr/bin/chromium-browser'].filter(Boolean);
  return candidates.find((p) => existsSync(p));
}

async function freePort() {
  return new Promise((resolveP, reject) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolveP(port));
    });
  });
}

/** Removes `%c` console styling: the first string's `%c` markers and the CSS arguments they consume. */
export function stripConsoleStyles(args) {
  if (args.length === 0 || typeof args[0] !== 'string') return args.map(String).join(' ');
  const first = args[0];
  const n = (first.match(/%c/g) || []).length;
  const rest = args.slice(1 + n);
  return [first.replace(/%c/g, ''), ...rest.map((a) => (typeof a === 'string' ? a : JSON.stringify(a)))].join(' ').trim();
}

/** A minimal extension without code: the development extension slot of a VSIX test run. */
function writeStubExtension(dir) {
  mkdirSync(dir, { recursive: true });
  writeFileSync(
    join(dir, 'package.json'),
    JSON.stringify({ name: 'e2e-test-runner-stub', publisher: 'infra-guide-e2e', version: '0.0.0', engines: { vscode: '^1.100.0' } }, null, 2),
  );
  return dir;
}

/** Prints lines appended to `file` (polling), until stop() — which flushes the rest. */
function tailFile(file, onLine) {
  let offset = 0;
  let partial = '';
  const pump = () => {
    let buf;
    try {
      buf = readFileSync(file);
    } catch {
      return;
    }
    if (buf.length <= offset) return;
    const chunk = partial + buf.subarray(offset).toString('utf8');
    offset = buf.length;
    const lines = chunk.split('\n');
    partial = lines.pop() ?? '';
    for (const l of lines) onLine(l);
  };
  const iv = setInterval(pump, 150);
  return {
    stop() {
      clearInterval(iv);
      pump();
      if (partial) onLine(partial);
      partial = '';
    },
  };
}

function sleep(ms) {
  return new Promise((r) => setTimeout(r, ms));
}

/** PIDs of live processes whose environment carries our session marker (descendants that left the group). */
function processesWithMarker(marker) {
  const pids = [];
  for (const d of readdirSync('/proc')) {
    if (!/^\d+$/.test(d) || Number(d) === process.pid) continue;
    try {
      if (readFileSync(`/proc/${d}/environ`).includes(marker)) pids.push(Number(d));
    } catch {
      /* gone or not ours */
    }
  }
  return pids;
}

function groupAlive(pgid) {
  try {
    process.kill(-pgid, 0);
    return true;
  } catch {
    return false;
  }
}

async function stopServer(child, marker) {
  if (child && child.pid && child.exitCode === null && child.signalCode === null) {
    try {
      process.kill(-child.pid, 'SIGTERM');
    } catch {
      /* already gone */
    }
  }
  if (child?.pid) {
    for (let i = 0; i < 30 && groupAlive(child.pid); i++) await sleep(100);
    if (groupAlive(child.pid)) {
      try {
        process.kill(-child.pid, 'SIGKILL');
      } catch {
        /* gone */
      }
    }
  }
  // Processes that moved to their own session/group (e.g. a pty host) but were started by this
  // session: they inherited the unique marker in their environment.
  for (let round = 0; round < 2; round++) {
    const left = processesWithMarker(marker);
    if (left.length === 0) break;
    for (const pid of left) {
      try {
        process.kill(pid, round === 0 ? 'SIGTERM' : 'SIGKILL');
      } catch {
        /* gone */
      }
    }
    await sleep(300);
  }
}

// Sessions in flight, so an interrupted run (Ctrl-C, CI timeout) still stops its server group and
// deletes its temp dir. Only our own server's process group and marked processes are signalled.
const active = new Set();
function emergencyCleanup() {
  for (const a of active) {
    try {
      if (a.pgid) process.kill(-a.pgid, 'SIGKILL');
    } catch {
      /* gone */
    }
    for (const pid of processesWithMarker(a.marker)) {
      try {
        process.kill(pid, 'SIGKILL');
      } catch {
        /* gone */
      }
    }
    if (!a.keep) rmSync(a.root, { recursive: true, force: true });
  }
  active.clear();
}
let handlersInstalled = false;
function installSignalHandlers() {
  if (handlersInstalled) return;
  handlersInstalled = true;
  process.on('exit', emergencyCleanup);
  for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
    process.on(sig, () => {
      console.error(`\n${sig}: stopping the e2e host`);
      emergencyCleanup();
      process.exit(sig === 'SIGINT' ? 130 : 143);
    });
  }
}

/**
 * Prepares the private directories and the environment for one host session.
 * @returns {{root: string, dirs: Record<string,string>, env: NodeJS.ProcessEnv, marker: string}}
 */
export function makeSessionDirs(name) {
  const root = mkdtempSync(join(tmpdir(), `infra-guide-e2e-${name}-`));
  const dirs = {
    root,
    workspace: join(root, 'workspace'),
    serverData: join(root, 'server-data'),
    userData: join(root, 'user-data'),
    extensions: join(root, 'extensions'),
    tmp: join(root, 'tmp'),
    xdgConfig: join(root, 'xdg', 'config'),
    xdgCache: join(root, 'xdg', 'cache'),
    xdgData: join(root, 'xdg', 'data'),
    xdgState: join(root, 'xdg', 'state'),
    xdgRuntime: join(root, 'xdg', 'runtime'),
    results: join(root, 'results.json'),
  };
  for (const [k, d] of Object.entries(dirs)) if (k !== 'results' && k !== 'workspace') mkdirSync(d, { recursive: true, mode: 0o700 });
  const marker = `infra-guide-e2e-${randomUUID()}`;
  const env = {
    ...process.env,
    TMPDIR: dirs.tmp,
    TMP: dirs.tmp,
    TEMP: dirs.tmp,
    XDG_CONFIG_HOME: dirs.xdgConfig,
    XDG_CACHE_HOME: dirs.xdgCache,
    XDG_DATA_HOME: dirs.xdgData,
    XDG_STATE_HOME: dirs.xdgState,
    XDG_RUNTIME_DIR: dirs.xdgRuntime,
    INFRA_GUIDE_E2E: '1',
    INFRA_GUIDE_E2E_HOST: 'code-server',
    INFRA_GUIDE_E2E_SESSION: marker,
    INFRA_GUIDE_E2E_RESULTS: dirs.results,
    INFRA_GUIDE_E2E_EXTENSIONS_DIR: dirs.extensions,
    INFRA_GUIDE_E2E_LOG: join(root, 'host-console.log'),
  };
  // Keep the caller's npm/node settings but never leak a debugger or a parent VS Code into the host.
  for (const k of Object.keys(env)) {
    if (k === 'NODE_OPTIONS' || k.startsWith('VSCODE_') || k === 'ELECTRON_RUN_AS_NODE') delete env[k];
  }
  return { root, dirs, env, marker };
}

/** `server-main.js --install-extension <vsix>` into the session's private extensions dir. */
export function installExtension(session, vsixPath, log = console.log) {
  const { dirs, env } = session;
  const res = spawnSync(
    process.execPath,
    [
      serverMainPath(),
      '--accept-server-license-terms',
      '--disable-telemetry',
      '--server-data-dir', dirs.serverData,
      '--user-data-dir', dirs.userData,
      '--extensions-dir', dirs.extensions,
      '--install-extension', vsixPath,
      '--force',
    ],
    { env, encoding: 'utf8', timeout: 60000 },
  );
  const out = `${res.stdout ?? ''}${res.stderr ?? ''}`.trim();
  if (out) log(out.replace(/^/gm, '  [install] '));
  if (res.status !== 0) throw new Error(`--install-extension ${vsixPath} failed (exit ${res.status ?? res.signal}${res.error ? `, ${res.error.message}` : ''})`);
  const installed = readdirSync(dirs.extensions).filter((d) => !d.startsWith('.') && d !== 'extensions.json');
  return installed;
}

/**
 * Runs one suite. Options:
 *   name, workspaceFixture (folder copied to a temp workspace), workspaceFile (optional: a
 *   `.code-workspace` file inside the fixture, opened instead of the folder — multi-root),
 *   testsEntry (compiled `index.js`),
 *   devExtensionPath (optional: loaded as a development extension), vsix (optional: installed first),
 *   env (extra env for the server/extension host), serverArgs (e.g. ['--disable-workspace-trust']),
 *   timeoutMs (whole host run), log, keep (keep temp dirs), verbose (workbench console too).
 * @returns {Promise<{name: string, passed: number, failed: number, pending: number, ok: boolean, error?: string, tests: object[], ms: number}>}
 */
export async function runHostSession(opts) {
  const log = opts.log ?? ((s) => console.log(s));
  const started = Date.now();
  const result = { name: opts.name, passed: 0, failed: 0, pending: 0, ok: false, tests: [], ms: 0 };
  const serverMain = serverMainPath();
  if (!existsSync(serverMain)) {
    result.error = `VS Code host not installed (${serverMain} missing): run scripts/install-vscode-host.sh`;
    return result;
  }
  const chromium = chromiumPath();
  if (!chromium) {
    result.error = 'chromium not found (/usr/bin/chromium): run scripts/install-vscode-host.sh or set INFRA_GUIDE_CHROMIUM';
    return result;
  }
  let playwright;
  try {
    playwright = await import('playwright-core');
  } catch (e) {
    result.error = `playwright-core not installed (npm ci): ${e.message}`;
    return result;
  }

  installSignalHandlers();
  const session = makeSessionDirs(opts.name);
  const { dirs, marker } = session;
  const entry = { root: dirs.root, marker, pgid: undefined, keep: opts.keep };
  active.add(entry);
  const env = { ...session.env, ...(opts.env ?? {}) };
  cpSync(opts.workspaceFixture, dirs.workspace, { recursive: true });

  let server;
  let browser;
  let timer;
  const serverLog = [];
  let summaryFromConsole;
  const tail = tailFile(env.INFRA_GUIDE_E2E_LOG, (line) => log(`  ${line}`));
  try {
    if (opts.vsix) {
      const installed = installExtension({ dirs, env }, opts.vsix, log);
      log(`  installed into private extensions dir: ${installed.join(', ')}`);
    }
    // Start the server on a free loopback port (retried if another process grabbed the port).
    const timeoutMs = opts.timeoutMs ?? 120000;
    const timedOut = new Promise((r) => {
      timer = setTimeout(() => r(`timed out after ${Math.round(timeoutMs / 1000)} s`), timeoutMs);
    });
    let authority;
    let serverExited;
    for (let attempt = 1; ; attempt++) {
      const port = await freePort();
      authority = `127.0.0.1:${port}`;
      server = spawn(
        process.execPath,
        [
          serverMain,
          '--host', '127.0.0.1',
          '--port', String(port),
          '--without-connection-token',
          '--accept-server-license-terms',
          '--enable-smoke-test-driver',
          '--disable-telemetry',
          '--server-data-dir', dirs.serverData,
          '--user-data-dir', dirs.userData,
          '--extensions-dir', dirs.extensions,
          ...(opts.serverArgs ?? []),
        ],
        { env, cwd: dirs.tmp, detached: true, stdio: ['ignore', 'pipe', 'pipe'] },
      );
      entry.pgid = server.pid;
      const onServerOut = (buf) => {
        for (const line of buf.toString().split(/\r?\n/)) if (line.trim()) serverLog.push(line);
        if (serverLog.length > 400) serverLog.splice(0, serverLog.length - 400);
      };
      server.stdout.on('data', onServerOut);
      server.stderr.on('data', onServerOut);
      const proc = server;
      serverExited = new Promise((r) => proc.once('exit', (code, sig) => r(`server exited early (${code ?? sig})`)));

      let waiting = true;
      const ready = (async () => {
        while (waiting) {
          try {
            const res = await fetch(`http://${authority}/version`);
            if (res.status < 500) return 'ready';
          } catch {
            /* not yet */
          }
          await sleep(100);
        }
        return 'stopped';
      })();
      const state = await Promise.race([ready, serverExited, timedOut]);
      waiting = false;
      if (state === 'ready') break;
      if (attempt < 3 && /EADDRINUSE/.test(serverLog.join('\n'))) {
        log(`  port ${port} taken, retrying`);
        await stopServer(server, marker);
        continue;
      }
      throw new Error(state);
    }

    browser = await playwright.chromium.launch({ executablePath: chromium, headless: true, args: CHROMIUM_FLAGS, env });
    const context = await browser.newContext();
    const page = await context.newPage();
    let resolveExit;
    const exited = new Promise((r) => (resolveExit = r));
    await page.exposeFunction('codeAutomationExit', (code) => {
      resolveExit(`exit:${code}`);
    });
    // Extension-host console output reaches the page as workbench log lines ("%c INFO", css, text),
    // indistinguishable from the workbench's own; the in-host runner therefore writes its lines
    // to $INFRA_GUIDE_E2E_LOG too, which is tailed above. The page console is a fallback channel for
    // the summary, shown with --verbose (plus warnings/errors about this extension), and tells
    // when the extension host died (no need to wait for the timeout then).
    page.on('console', async (msg) => {
      let text;
      try {
        const vals = await Promise.all(msg.args().map((a) => a.jsonValue().catch(() => String(a))));
        text = vals.length ? stripConsoleStyles(vals) : msg.text();
      } catch {
        text = msg.text().replace(/%c/g, '');
      }
      const clean = text.replace(/^\s*(INFO|WARN|ERR|DEBUG|TRACE)\s+/, '');
      if (/Extension host \(.*\) terminated unexpectedly|Extension host terminated unexpectedly|Cannot load test runner/i.test(clean)) {
        log(`  [workbench:${msg.type()}] ${clean}`);
        setTimeout(() => resolveExit(`extension host failed: ${clean.split('\n')[0]}`), 3000);
      }
      const idx = clean.indexOf(SUMMARY_PREFIX);
      if (idx >= 0) {
        try {
          summaryFromConsole = JSON.parse(clean.slice(idx + SUMMARY_PREFIX.length));
        } catch {
          /* ignore */
        }
        return;
      }
      // Without --verbose: only workbench warnings/errors about this extension (activation
      // failures, unreadable contributions), not every message that mentions a temp path.
      if (opts.verbose || ((msg.type() === 'error' || msg.type() === 'warning') && /infra-guide\.infra-guide|infraGuide\./.test(text))) {
        log(`  [workbench:${msg.type()}] ${text}`);
      }
    });
    page.on('pageerror', (err) => {
      if (opts.verbose) log(`  [workbench:pageerror] ${err.message}`);
    });

    // VS Code only runs extensionTestsPath together with an extensionDevelopmentPath. Without a
    // development extension under test (VSIX run), an empty stub extension fills that slot.
    const devPath = opts.devExtensionPath ?? writeStubExtension(join(dirs.root, 'test-runner-stub'));
    const payload = [
      ['extensionDevelopmentPath', `vscode-remote://${authority}${resolve(devPath)}`],
      ['extensionTestsPath', `vscode-remote://${authority}${resolve(opts.testsEntry)}`],
      ['skipWelcome', 'true'],
    ];
    const opened = opts.workspaceFile ? `workspace=${encodeURIComponent(join(dirs.workspace, opts.workspaceFile))}` : `folder=${encodeURIComponent(dirs.workspace)}`;
    const url = `http://${authority}/?${opened}&payload=${encodeURIComponent(JSON.stringify(payload))}`;
    await page.goto(url, { waitUntil: 'domcontentloaded', timeout: timeoutMs });

    const outcome = await Promise.race([exited, serverExited, timedOut]);
    if (!String(outcome).startsWith('exit:')) throw new Error(String(outcome));
    result.exitCode = Number(String(outcome).slice(5));
  } catch (e) {
    result.error = e instanceof Error ? e.message : String(e);
  } finally {
    clearTimeout(timer);
    tail.stop();
    if (browser) await browser.close().catch(() => {});
    await stopServer(server, marker);
    let summary;
    if (existsSync(dirs.results)) {
      try {
        summary = JSON.parse(readFileSync(dirs.results, 'utf8'));
      } catch {
        /* fall back to console */
      }
    }
    summary = summary ?? summaryFromConsole;
    if (summary) {
      result.passed = summary.passed ?? 0;
      result.failed = summary.failed ?? 0;
      result.pending = summary.pending ?? 0;
      result.tests = summary.tests ?? [];
    } else if (!result.error) {
      result.error = `the suite reported no results (exit code ${result.exitCode})`;
    }
    if (result.error || (result.exitCode !== undefined && result.exitCode !== 0 && result.failed === 0)) {
      if (!result.error) result.error = `extension host exited with code ${result.exitCode}`;
      const serverTail = serverLog.slice(-60);
      if (serverTail.length) log(`  --- last server output ---\n${serverTail.map((l) => `  | ${l}`).join('\n')}`);
    }
    active.delete(entry);
    if (opts.keep) log(`  kept temp dir ${dirs.root}`);
    else rmSync(dirs.root, { recursive: true, force: true, maxRetries: 3 });
    result.ok = !result.error && result.exitCode === 0 && result.failed === 0 && result.passed > 0;
    result.ms = Date.now() - started;
  }
  return result;
}

export function writeJson(path, value) {
  writeFileSync(path, JSON.stringify(value, null, 2));
}
