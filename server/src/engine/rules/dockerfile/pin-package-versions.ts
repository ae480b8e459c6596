// dockerfile/pin-package-versions — decisions:
// - One finding per unpinned package word (range = the word), message says how to pin it for that
//   manager. No fix: no version is known. Variables, command substitutions and globs count as pinned.
// - apt/apk `pkg=ver` (apk with a repository tag: `pkg=ver@tag`), pip `==`/`~=`/`<`/`@` (a lower bound alone is reported), npm/yarn/pnpm/bun global
//   `@ver` (dist-tags such as `@latest` are reported), gem `-v`, go `install …@latest`.
// - pipx `install`/`inject` (option `pip`): pip's requirement rules. Old pipx's `install --spec S name`:
//   S is the requirement, `name` only names the app. pipx's `-e` is a flag (pip's takes the path).
// - uv (also `python -m uv`): `uv pip install` as pip (with uv's own options), `uv tool install` as pip plus `pkg@latest`
//   (reported; `pkg@1.2` pins) and `--from spec`. `uv add` is not checked: it records the resolved
//   version in uv.lock, like a local `npm install` (not checked either).
// - conda, mamba, micromamba (option `conda`) `install`/`create`: a version must be given (`pkg=1.2`,
//   which conda reads as 1.2.*, `pkg==1.2`, `"pkg 1.2"`, `pkg<2`, `pkg[version='1.2']`); `>=`/`>` alone
//   is reported as a lower bound, as for pip. Channels (`-c ch`, `ch::pkg`) are kept in the message;
//   `--file`/`-f` lists, local package files and URLs are not judged. hadolint has no conda check.
// - composer `global require` (option `composer`): a constraint is needed (`vendor/pkg:^1.2`, `=`, a space or
//   the next word, paired as Composer does); none, `*`, a stability flag alone, a branch without
//   `#commit` and a lower bound alone are reported. A project's `composer require` writes
//   composer.lock and is not checked, like a local `npm install`. hadolint has no composer check.
// - cargo `install`: `crate@ver` or `--version`/`--vers ver` (a requirement such as `~1.2` is fine,
//   `>=1.2` alone is a lower bound). `--git` without `--rev`/`--tag` is reported on the URL (a branch
//   moves); `--path` and `--list` are not installs from a registry. `--locked` alone is reported: it
//   pins the crate's dependencies to its lockfile, not the crate. hadolint has no cargo check.
// - yum, dnf, dnf5, microdnf, tdnf (Photon OS) (options `yum` / `dnf`): `install`/`in` specs. Pinned when the part after
//   the last `-` starts with a digit (`httpd-2.4.6`, `nginx-1:1.20.1-1.el9`, `glibc-2.34-83.el9.x86_64`),
//   so names with inner digits stay unpinned (`java-17-openjdk`, `java-1.8.0-openjdk-devel`,
//   `python3-pip`), unlike hadolint's DL3033/DL3041 which take any `-` as a version. Limit: a name
//   whose last part starts with a digit (`gcc-toolset-12`, `xorg-x11-fonts-75dpi`) reads as pinned —
//   a missed report rather than a wrong one. Relational specs (`'foo = 1.2'`, `'foo <= 2'`) pin;
//   `>=`/`>` alone is reported as a lower bound. Not packages, not reported: groups (`groupinstall`,
//   `group install`, `@group`), modules given as `@name[:stream]`, `localinstall`, local `.rpm`
//   files, URLs, file provides (`/usr/bin/ps`), capabilities (`perl(Foo)`). `module install|enable`:
//   a module is pinned by its stream (`nodejs:18`, `nodejs:18/minimal`) — the pin modules offer,
//   though it follows updates within the stream. Other sub-commands (`update pkg`, `reinstall`) are
//   not checked, like hadolint.
// - zypper (`install`/`in`): pinned by `=`/`<`/`<=` (`curl=8.0.1`, `'vim <= 9.1'`) or `name-version`
//   (same heuristic as RPM); `>=`/`>` alone is a lower bound. `-t pattern|patch|product|…`,
//   kind-prefixed specs (`pattern:x`), removals (`!x`, `~x`, `-x`), local rpms and URLs are skipped.
//   hadolint's DL3037 accepts `>=` as pinned; we do not, as for pip.
// - Speed: the check is picked by command name before any argument is looked at; no extra parsing.
import type { DockerfileDoc } from '../../dockerfile/model';
import { allRuns, parseNpm, pipArgv, type ShellCommand, type ShellWord } from '../../dockerfile/shell';
import type { Range, Rule } from '../../types';

interface Unpinned {
  word: ShellWord;
  message: string;
  /** The package name the `ignore` option matches, when the word is not the package (`--version >=1`). */
  name?: string;
}

/** The result for the many commands that are not the manager's install: shared, not allocated per command. */
const NONE: readonly Unpinned[] = [];

/** Splits `argv` from `from` into package words, skipping options (and the values of `withValue`). */
function operands(argv: readonly ShellWord[], from: number, withValue: Set<string>): ShellWord[] {
  const out: ShellWord[] = [];
  for (let i = from; i < argv.length; i++) {
    const v = argv[i]!.value;
    if (v === '--') {
      out.push(...argv.slice(i + 1));
      break;
    }
    if (v.startsWith('-') && v !== '-') {
      if (!v.includes('=') && withValue.has(v)) i++;
      continue;
    }
    out.push(argv[i]!);
  }
  return out;
}

/** Index of the sub-command (first non-option word from `from`), skipping option values. */
function subcommand(argv: readonly ShellWord[], withValue: Set<string>, from = 1): number {
  for (let i = from; i < argv.length; i++) {
    const v = argv[i]!.value;
    if (v.startsWith('-')) {
      if (!v.includes('=') && withValue.has(v)) i++;
      continue;
    }
    return i;
  }
  return -1;
}

/** A word we cannot judge: variables, command substitutions, globs, empty (`value`: the text checked for glob characters). */
function dynamic(w: ShellWord, value = w.value): boolean {
  return w.expansion || w.value === '' || /[*?[\]{}]/.test(value);
}

/** The value of option `name` (`--name v` or `--name=v`) and the word holding it, or undefined. */
function optionValue(argv: readonly ShellWord[], from: number, names: readonly string[]): { word: ShellWord; value: string } | undefined {
  for (let i = from; i < argv.length; i++) {
    const v = argv[i]!.value;
    if (v === '--') return undefined;
    for (const n of names) {
      if (v === n && i + 1 < argv.length) return { word: argv[i + 1]!, value: argv[i + 1]!.value };
      if (v.startsWith(`${n}=`)) return { word: argv[i]!, value: v.slice(n.length + 1) };
    }
  }
  return undefined;
}
/** A version requirement that is only a lower bound (`>=1.2`, `> 1`): it accepts every later release. */
function lowerBoundOnly(req: string): boolean {
  return /^\s*>/.test(req) && !req.includes('<');
}

const APT_VALUE = new Set(['-o', '-c', '-t', '--option', '--config-file', '--target-release', '--default-release']);
/**
 * apt package words that are not reported: empty, globs, pinned (`pkg=ver`), paths and release
 * (`pkg/bookworm`), `.deb` files, and `pkg-` (apt's removal). A trailing `+` is a name (`g++`) or
 * the install modifier: both install.
 */
const APT_SKIP = /^$|[*?[\]{}=/]|\.deb$|-$/;

const APK_VALUE = new Set(['-t', '--virtual', '-X', '--repository', '-p', '--root', '--arch', '--keys-dir', '--cache-dir', '--repositories-file']);
/** apk package words that are not reported: empty, globs, a version constraint (`curl=8.5.0-r0`, `curl>8`, `curl~8`), paths, `.apk` files. */
const APK_SKIP = /^$|[*?[\]{}=<>~/]|\.apk$/;

/** How `distroInstall` reads a distribution's package manager: its install sub-command and the words it skips. */
interface DistroManager {
  withValue: Set<string>;
  sub: string;
  skip: RegExp;
  messages: Map<string, string>;
  build: (value: string) => string;
}

/** The `-` options start with. */
const DASH = 0x2d;

/**
 * apt's `install` and apk's `add` (`sub`): the package words after it, as `subcommand` and
 * `operands` find them (options and the values of `withValue` skipped, all words after `--`),
 * that are not variables nor matched by `skip`. These two make most of the findings and of the
 * package words read: one loop and one pattern per word, without the list of operands, the
 * `dynamic` call and four string tests per word (a call each before V8 has warmed up), and the
 * words are reported as they are, without an `Unpinned` object each. The tests compare it with
 * the general path over generated commands.
 */
function distroInstall(argv: readonly ShellWord[], { withValue, sub, skip }: DistroManager): readonly ShellWord[] {
  const n = argv.length;
  // No entry of `withValue` holds a `=`: `--opt=value` never takes the next word.
  let i = 1;
  while (i < n && argv[i]!.value.charCodeAt(0) === DASH) i += withValue.has(argv[i]!.value) ? 2 : 1;
  if (i >= n || argv[i]!.value !== sub) return NO_PACKAGES;
  let out: ShellWord[] | undefined;
  let options = true;
  for (i++; i < n; i++) {
    const w = argv[i]!;
    const v = w.value;
    if (options && v.charCodeAt(0) === DASH && v !== '-') {
      if (v === '--') options = false;
      else if (withValue.has(v)) i++;
      continue;
    }
    if (w.expansion || skip.test(v)) continue;
    (out ??= []).push(w);
  }
  return out ?? NO_PACKAGES;
}

/** How many lines below the previous finding's `packageRange` looks for a word before asking the word. */
const NEAR_LINES = 4;

/**
 * `w.range`, for a package word on line `line` (the previous apt/apk finding's) or a few lines
 * below it: the packages of an install follow each other, one or a few per line, so a short walk
 * from there finds the word's line without `positionAt`'s binary search over every line, which
 * cost ~6K instructions per finding in the CLI's cold pass (4,511 apt and apk findings over the
 * corpus). The same range as `rangeOf`'s for a word ending before its line's last code unit (no
 * line-end cases). Any other word (above that line, further below, spanning lines or ending at
 * its line's end) is asked for its own.
 */
function packageRange(starts: readonly number[], line: number, w: ShellWord): Range {
  const start = w.start;
  if (line < 0 || start < starts[line]!) return w.range;
  let next = starts[line + 1];
  for (let steps = 0; next !== undefined && next <= start && steps < NEAR_LINES; steps++) next = starts[++line + 1];
  // A word too far below ends past the last line looked at, as does one ending on its line's end.
  if (next === undefined || w.end >= next - 1) return w.range;
  const lineStart = starts[line]!;
  return { start: { line, character: start - lineStart }, end: { line, character: w.end - lineStart } };
}

/** `distroInstall`'s answer for the many commands that are not an install. */
const NO_PACKAGES: readonly ShellWord[] = [];

function aptMessageOf(v: string): string {
  return `\`${v}\` is installed without a version; pin it (\`${v}=<version>\`).`;
}

function apkMessageOf(v: string): string {
  // A repository tag follows the version: `curl@edge` is pinned as `curl=<version>@edge`.
  const at = v.indexOf('@');
  const pinned = at > 0 ? `${v.slice(0, at)}=<version>${v.slice(at)}` : `${v}=<version>`;
  return `\`${v}\` is installed without a version; pin it (\`${pinned}\`).`;
}

const PIP_VALUE = new Set([
  '-r', '--requirement', '-c', '--constraint', '-e', '--editable', '-i', '--index-url', '--extra-index-url', '-f', '--find-links',
  '-t', '--target', '--prefix', '--root', '--trusted-host', '--platform', '--python-version', '--implementation', '--abi',
  '--no-binary', '--only-binary', '--progress-bar', '--cache-dir', '--src', '--upgrade-strategy', '--global-option',
  '--install-option', '-C', '--config-settings', '--log', '--proxy', '--retries', '--timeout', '--exists-action', '--cert',
  '--client-cert', '--report', '--python', '--root-user-action',
]);
/** A requirement that is a path, URL, archive or VCS reference, not an index package. */
function pipNotIndexPackage(v: string): boolean {
  return v === '.' || v.startsWith('./') || v.startsWith('../') || v.startsWith('/') || v.startsWith('~') || v.includes('://') || v.startsWith('git+') || /\.(whl|tar\.gz|tgz|zip|tar\.bz2)$/.test(v) || /^[^<>=!~]*\//.test(v);
}
/** `uvicorn[standard]`: pip extras, not a shell glob (a pattern that matches no file stays as written). */
const PIP_EXTRAS = /^([A-Za-z0-9][A-Za-z0-9._-]*)\[[A-Za-z0-9._,\s-]*\]/;
/** A pip requirement (`value`: the spec, which is the word or the part after `--spec=`) that pins no version, or undefined. */
function pipSpec(w: ShellWord, value = w.value): Unpinned | undefined {
  const v = value.trim();
  if (dynamic(w, v.replace(PIP_EXTRAS, '$1')) || pipNotIndexPackage(v)) return undefined;
  // `pip install --upgrade pip`: upgrading the installer itself is not an application dependency.
  if (/^pip$/i.test(v)) return undefined;
  // Exact pins, compatible-release pins, upper bounds and direct references are pinned enough.
  if (/(===?|~=|<|@)/.test(v)) return undefined;
  return {
    word: w,
    name: packageName(v),
    message: /[>!]/.test(v)
      ? `\`${v}\` only sets a lower bound; pin an exact version (\`==<version>\`).`
      : `\`${v}\` is installed without a version; pin it (\`${v.replace(/\[.*$/, '')}==<version>\`).`,
  };
}

/** The unpinned ones of `words` (pip requirements). */
function pipSpecs(words: readonly ShellWord[]): readonly Unpinned[] {
  const out: Unpinned[] = [];
  for (const w of words) {
    const u = pipSpec(w);
    if (u) out.push(u);
  }
  return out;
}

/**
 * `pip install` (also `python -m pip`, `uv pip`), `pipx install`/`inject` and `uv pip install`/`uv
 * tool install` (also run as `python -m pipx`, `python -m uv`).
 */
function pip(cmd: ShellCommand): readonly Unpinned[] {
  if (cmd.name === 'pipx') return pipx(cmd.argv);
  if (cmd.name === 'uv') return uv(cmd.argv);
  // `python -m pipx|uv …` as the commands themselves (uv with its own options, before pipArgv
  // would read `python -m uv pip …` as plain pip).
  const m = /^python[0-9.]*$/.test(cmd.name) ? cmd.argv.findIndex((w) => w.value === '-m') : -1;
  const module = m > 0 ? cmd.argv[m + 1]?.value : undefined;
  if (module === 'pipx') return pipx(cmd.argv.slice(m + 1));
  if (module === 'uv') return uv(cmd.argv.slice(m + 1));
  const argv = pipArgv(cmd);
  return argv ? pipInstall(argv, PIP_VALUE) : NONE;
}

/** `pip [opts] install [opts] requirement…` from `argv[0]` = `pip`. */
function pipInstall(argv: readonly ShellWord[], values: Set<string>): readonly Unpinned[] {
  const sub = subcommand(argv, values);
  if (sub < 0 || argv[sub]!.value !== 'install') return NONE;
  return pipSpecs(operands(argv, sub + 1, values));
}

/** uv's options that take a value and may come before the sub-command (`uv --directory app pip install`). */
const UV_GLOBAL_VALUE = new Set(['--cache-dir', '--python-preference', '--color', '--config-file', '--directory', '--project', '--allow-insecure-host']);
/** Options of uv's resolver, shared by `uv pip install` and `uv tool install`, that take a value. */
const UV_RESOLVER_VALUE = [
  ...UV_GLOBAL_VALUE, '-p', '--python', '--python-platform', '-i', '--index-url', '--extra-index-url', '--index', '--default-index', '-f', '--find-links',
  '-c', '--constraint', '--constraints', '--override', '--overrides', '-b', '--build-constraint', '--build-constraints', '-P', '--upgrade-package',
  '--reinstall-package', '--refresh-package', '--index-strategy', '--keyring-provider', '--resolution', '--prerelease', '--fork-strategy',
  '--exclude-newer', '--exclude-newer-package', '--link-mode', '-C', '--config-setting', '--config-settings', '--config-settings-package',
  '--no-build-isolation-package', '--no-binary-package', '--no-build-package', '--no-sources-package', '--torch-backend', '--no-binary', '--only-binary',
];
/** `uv pip install` options that take a value: pip's and uv's own (`-p`, `-P`, `--override` …); `-e` takes the path as in pip. */
const UV_PIP_VALUE = new Set([...PIP_VALUE, ...UV_RESOLVER_VALUE, '--extra', '--group']);
/** `uv tool install` options that take a value; its `-e`/`--editable` is a flag. */
const UV_TOOL_VALUE = new Set([...UV_RESOLVER_VALUE, '--from', '--with', '-w', '--with-requirements', '--with-editable', '--with-executables-from']);
/**
 * `uv pip install` (pip's rules) and `uv tool install pkg` (pip's rules, plus `pkg@latest`, which uv
 * resolves to the newest release; `--from spec name`: the spec is checked). Requirements added with
 * `--with` are not checked. `uv add` records the resolved version in uv.lock, like a local
 * `npm install`, and is not checked either.
 */
function uv(argv: readonly ShellWord[]): readonly Unpinned[] {
  const sub = subcommand(argv, UV_GLOBAL_VALUE);
  const s = sub < 0 ? '' : argv[sub]!.value;
  if (s === 'pip') return pipInstall(argv.slice(sub), UV_PIP_VALUE);
  if (s !== 'tool') return NONE;
  const verb = subcommand(argv, UV_GLOBAL_VALUE, sub + 1);
  if (verb < 0 || argv[verb]!.value !== 'install') return NONE;
  const from = optionValue(argv, verb + 1, ['--from']);
  const specs = from ? [from] : operands(argv, verb + 1, UV_TOOL_VALUE).map((word) => ({ word, value: word.value }));
  const out: Unpinned[] = [];
  for (const { word, value } of specs) {
    const latest = /^([^@\s]+)@latest$/.exec(value);
    const u = latest ? { word, name: packageName(latest[1]!), message: `\`${value}\` installs the newest release; pin a version (\`${latest[1]!.replace(/\[.*$/, '')}==<version>\`).` } : pipSpec(word, value);
    if (u) out.push(u);
  }
  return out;
}

/** `pipx install` / `inject` options that take a value (`--spec` is pipx before 1.0's install source). */
const PIPX_VALUE = new Set(['--suffix', '--python', '-i', '--index-url', '--pip-args', '--spec', '--preinstall', '-r', '--requirement']);
/**
 * `pipx install spec…` (`--spec spec name` in old pipx: the spec is checked, the name is the app's)
 * and `pipx inject venv spec…`. `-e`/`--editable` is a flag in pipx, unlike pip's `-e path`.
 */
function pipx(argv: readonly ShellWord[]): readonly Unpinned[] {
  const sub = subcommand(argv, PIPX_VALUE);
  const s = sub < 0 ? '' : argv[sub]!.value;
  if (s === 'inject') return pipSpecs(operands(argv, sub + 1, PIPX_VALUE).slice(1));
  if (s !== 'install') return NONE;
  const spec = optionValue(argv, sub + 1, ['--spec']);
  if (!spec) return pipSpecs(operands(argv, sub + 1, PIPX_VALUE));
  const u = pipSpec(spec.word, spec.value);
  return u ? [u] : NONE;
}

const NPM_TAGS = /^(latest|next|beta|alpha|canary|rc|dev|nightly|stable|lts|experimental|insiders)$/i;
const JS_VALUE = new Set(['--prefix', '--registry', '--cache', '--loglevel', '--global-folder', '--cache-folder', '--modules-folder', '--store-dir', '-C', '--dir']);
/** bun's `add`/`install` options that take a value (`--cwd x`, `-c bunfig.toml`, `--backend copyfile` …). */
const BUN_VALUE = new Set([
  ...JS_VALUE, '--cwd', '-c', '--config', '--cache-dir', '--backend', '--network-concurrency', '--concurrent-scripts', '--omit', '--linker', '--cpu', '--os', '--ca', '--cafile',
]);
/** Sub-commands that install the packages named after them, for pnpm (`add`, `install`, `i`) and bun (also `a`). */
const JS_ADD: Record<'pnpm' | 'bun', readonly string[]> = { pnpm: ['add', 'install', 'i'], bun: ['add', 'a', 'install', 'i'] };
/** Packages of `npm install -g`, `yarn global add`, `pnpm add -g`, `bun add -g`. */
function globalJsPackages(cmd: ShellCommand): readonly ShellWord[] | undefined {
  const npm = parseNpm(cmd);
  if (npm) return npm.sub === 'install' && npm.global ? npm.packages : undefined;
  if (cmd.name !== 'yarn' && cmd.name !== 'pnpm' && cmd.name !== 'bun') return undefined;
  const a = cmd.argv.map((w) => w.value);
  if (cmd.name === 'yarn') {
    const g = a.indexOf('global');
    return g >= 1 && a[g + 1] === 'add' ? operands(cmd.argv, g + 2, JS_VALUE) : undefined;
  }
  const values = cmd.name === 'bun' ? BUN_VALUE : JS_VALUE;
  const sub = subcommand(cmd.argv, values);
  if (sub < 0 || !JS_ADD[cmd.name].includes(a[sub]!) || !a.some((v) => v === '-g' || v === '--global')) return undefined;
  return operands(cmd.argv, sub + 1, values);
}

function npmGlobal(cmd: ShellCommand): readonly Unpinned[] {
  const packages = globalJsPackages(cmd);
  if (!packages) return NONE;
  const out: Unpinned[] = [];
  for (const w of packages) {
    const v = w.value;
    if (dynamic(w) || v.startsWith('.') || v.startsWith('/') || v.includes('://') || v.startsWith('git') || /\.(tgz|tar\.gz)$/.test(v) || /^[^@]+\/[^@]+$/.test(v) && !v.startsWith('@')) continue;
    const at = v.lastIndexOf('@');
    const spec = at > 0 ? v.slice(at + 1) : '';
    const name = at > 0 ? v.slice(0, at) : v;
    if (spec !== '' && !NPM_TAGS.test(spec)) continue;
    out.push({
      word: w,
      message: spec ? `\`${v}\` installs a moving dist-tag; pin a version (\`${name}@<version>\`).` : `\`${v}\` is installed globally without a version; pin it (\`${name}@<version>\`).`,
    });
  }
  return out;
}

const GEM_VALUE = new Set(['-v', '--version', '-i', '--install-dir', '-n', '--bindir', '-s', '--source', '-P', '--trust-policy', '--platform', '-g', '--file', '--build-root', '--target-rbconfig']);
function gem(cmd: ShellCommand): readonly Unpinned[] {
  if (cmd.name !== 'gem' || cmd.argv[1]?.value !== 'install') return NONE;
  if (cmd.argv.some((w) => /^(-v|--version)(=|$)/.test(w.value) || /^-v./.test(w.value))) return NONE;
  if (cmd.argv.some((w) => /^(-g|--file)(=|$)/.test(w.value))) return NONE;
  return operands(cmd.argv, 2, GEM_VALUE)
    .filter((w) => !dynamic(w) && !w.value.includes(':') && !w.value.endsWith('.gem') && !w.value.includes('/'))
    .map((w) => ({ word: w, message: `\`${w.value}\` is installed without a version; pin it (\`gem install ${w.value} -v <version>\`).` }));
}

/**
 * The last `-`-separated part of an RPM spec starts with a digit: `httpd-2.4.6`,
 * `nginx-1:1.20.1-1.el9`, `glibc-2.34-83.el9.x86_64`. Names keep their inner digits unpinned
 * (`java-17-openjdk`, `java-1.8.0-openjdk-devel`, `python3-pip`); a name whose last part starts
 * with a digit (`gcc-toolset-12`) reads as pinned — a missed report, never a wrong one.
 */
const RPM_VERSIONED = /-[0-9][^-]*$/;
/**
 * A relational spec (`'foo >= 1.2'`, `bar<=2`, `baz=3`): pinned by `=` or an upper bound (`<`, `<=`),
 * not by a lower bound (`>`, `>=`) alone. `!=` is let pass (rare; a missed report, never a wrong one).
 */
const RELATION = /[<>=]/;
function relationPins(v: string): boolean {
  return /<|(^|[^>])=/.test(v);
}
const ARCH = /\.(x86_64|i[3-6]86|noarch|aarch64|ppc64le|ppc64|s390x|armv7hl|src)$/;

const RPM_VALUE = new Set([
  '-c', '--config', '--installroot', '--releasever', '--setopt', '--enablerepo', '--disablerepo', '--repo', '--repoid', '--repofrompath',
  '-x', '--exclude', '-d', '--debuglevel', '-e', '--errorlevel', '--rpmverbosity', '--downloaddir', '--destdir', '--forcearch', '--color',
  '--advisory', '--advisories', '--bz', '--bzs', '--cve', '--cves', '--sec-severity', '--secseverity', '--comment', '--disableplugin',
  '--enableplugin', '-R', '--randomwait',
]);
/** `yum`/`dnf`/`microdnf`/`tdnf` `install` (package specs) and `module install|enable` (module streams). */
function rpm(cmd: ShellCommand): readonly Unpinned[] {
  const argv = cmd.argv;
  const sub = subcommand(argv, RPM_VALUE);
  if (sub < 0) return NONE;
  const s = argv[sub]!.value;
  if (s === 'install' || s === 'in') return rpmPackages(operands(argv, sub + 1, RPM_VALUE), '-');
  if (s !== 'module') return NONE;
  const verb = subcommand(argv, RPM_VALUE, sub + 1);
  const action = verb < 0 ? '' : argv[verb]!.value;
  if (action !== 'install' && action !== 'enable') return NONE;
  const out: Unpinned[] = [];
  for (const w of operands(argv, verb + 1, RPM_VALUE)) {
    // `nodejs:18`, `nodejs:18/minimal`: a stream is the pin a module offers.
    if (dynamic(w) || w.value.includes(':')) continue;
    const slash = w.value.indexOf('/');
    const name = slash < 0 ? w.value : w.value.slice(0, slash);
    const profile = slash < 0 ? '' : w.value.slice(slash);
    const did = action === 'install' ? 'installed' : 'enabled';
    out.push({ word: w, message: `\`${w.value}\` is ${did} without a module stream; pin one (\`${name}:<stream>${profile}\`).` });
  }
  return out;
}

/** Unpinned package specs of yum/dnf (`sep` '-') or zypper (`sep` '='). */
function rpmPackages(words: readonly ShellWord[], sep: '-' | '='): readonly Unpinned[] {
  const out: Unpinned[] = [];
  for (const w of words) {
    const v = w.value;
    // Groups and modules (`@…`), local files, URLs and file provides (`/…`), `.rpm` files,
    // capabilities (`perl(Foo)`), zypper removals (`!x`, `~x`, `-x` after `--`) are not versioned packages.
    if (dynamic(w) || /^[@!~-]/.test(v) || v.includes('/') || v.includes('(') || v.endsWith('.rpm')) continue;
    if (RELATION.test(v)) {
      if (relationPins(v)) continue;
      const name = v.slice(0, v.search(RELATION)).trim();
      out.push({ word: w, message: `\`${v}\` only sets a lower bound; pin an exact version (\`${name}${sep}<version>\`).` });
      continue;
    }
    if (RPM_VERSIONED.test(v)) continue;
    const arch = sep === '-' ? ARCH.exec(v) : null;
    const pin = arch ? `${v.slice(0, arch.index)}-<version>${arch[0]}` : `${v}${sep}<version>`;
    out.push({ word: w, message: `\`${v}\` is installed without a version; pin it (\`${pin}\`).` });
  }
  return out;
}

/** zypper's global options that take a value (before the sub-command). */
const ZYPPER_GLOBAL_VALUE = new Set([
  '-R', '--root', '-c', '--config', '-D', '--reposd-dir', '-C', '--cache-dir', '--raw-cache-dir', '--solv-cache-dir', '--pkg-cache-dir',
  '-p', '--plus-repo', '--plus-content', '--userdata', '--installroot', '--releasever',
]);
const ZYPPER_INSTALL_VALUE = new Set(['-t', '--type', '-r', '--repo', '--from', '--download']);
function zypper(cmd: ShellCommand): readonly Unpinned[] {
  const argv = cmd.argv;
  const sub = subcommand(argv, ZYPPER_GLOBAL_VALUE);
  if (sub < 0 || (argv[sub]!.value !== 'install' && argv[sub]!.value !== 'in')) return NONE;
  // `-t pattern|patch|product|srcpackage`: not packages with versions.
  for (let i = sub + 1; i < argv.length; i++) {
    const v = argv[i]!.value;
    if (v === '--') break;
    const type = v === '-t' || v === '--type' ? argv[i + 1]?.value : v.startsWith('--type=') ? v.slice(7) : v.startsWith('-t') && v.length > 2 ? v.slice(2) : undefined;
    if (type !== undefined && type !== 'package') return NONE;
  }
  // `pattern:x`, `patch:x`, `product:x`: kind-prefixed specs are not versioned packages either.
  return rpmPackages(operands(argv, sub + 1, ZYPPER_INSTALL_VALUE).filter((w) => !/^[a-z]+:/.test(w.value)), '=');
}

const MOVING = /@(latest|master|main|HEAD|upgrade|patch)$/;
function goInstall(cmd: ShellCommand): readonly Unpinned[] {
  if (cmd.name !== 'go' || cmd.argv[1]?.value !== 'install') return NONE;
  return cmd.argv
    .slice(2)
    .filter((w) => !w.value.startsWith('-') && MOVING.test(w.value))
    .map((w) => ({ word: w, message: `\`${w.value}\` installs whatever is newest; pin a version (\`${w.value.replace(MOVING, '@v<version>')}\`).` }));
}

/** cargo's options before the sub-command that take a value (`cargo --config k=v -Z x install …`). */
const CARGO_GLOBAL_VALUE = new Set(['--config', '-C', '-Z', '--color', '--explain']);
/** `cargo install` options that take a value; `--bin`, `--example` and `--target` take the next word too. */
const CARGO_INSTALL_VALUE = new Set([
  ...CARGO_GLOBAL_VALUE, '--version', '--vers', '--index', '--registry', '--git', '--branch', '--tag', '--rev', '--path', '--root', '--message-format',
  '-F', '--features', '-j', '--jobs', '--profile', '--target', '--target-dir', '--bin', '--example',
]);
/**
 * `cargo install crate`: pinned by `crate@<ver>` or `--version <ver>` (`--vers`; a requirement such as
 * `~1.2` is fine, `>=1.2` alone is a lower bound). `--git` needs `--rev`/`--tag` (`--branch` moves);
 * `--path` builds local sources. `--locked` pins the crate's dependencies, not the crate.
 */
function cargo(cmd: ShellCommand): readonly Unpinned[] {
  const argv = cmd.argv;
  // `cargo +nightly install`: a toolchain, not the sub-command.
  const sub = subcommand(argv, CARGO_GLOBAL_VALUE, argv[1]?.value.startsWith('+') ? 2 : 1);
  if (sub < 0 || argv[sub]!.value !== 'install') return NONE;
  const at = sub + 1;
  if (optionValue(argv, at, ['--path']) || argv.slice(at).some((w) => w.value === '--list')) return NONE;
  const crates = operands(argv, at, CARGO_INSTALL_VALUE);
  // For `ignore`: the crate a `--git`/`--version` finding is about (`cargo install --git URL crate`).
  const name = crates.length === 1 ? crates[0]!.value : undefined;
  const git = optionValue(argv, at, ['--git']);
  if (git) {
    if (optionValue(argv, at, ['--rev', '--tag'])) return NONE;
    const branch = optionValue(argv, at, ['--branch']);
    const what = branch ? `the head of branch \`${branch.value}\`` : 'the head of the default branch';
    return [{ word: git.word, name, message: `\`${git.value}\` installs ${what}; pin a commit or tag (\`--rev <commit>\` or \`--tag <tag>\`).` }];
  }
  const version = optionValue(argv, at, ['--version', '--vers']);
  if (version) {
    if (version.word.expansion || !lowerBoundOnly(version.value)) return NONE;
    return [{ word: version.word, name, message: `\`--version ${version.value}\` only sets a lower bound; pin a version (\`--version <version>\`).` }];
  }
  const locked = argv.slice(at).some((w) => w.value === '--locked' || w.value === '--frozen');
  const out: Unpinned[] = [];
  for (const w of crates) {
    const v = w.value;
    if (dynamic(w) || v.includes('/')) continue;
    const sep = v.indexOf('@');
    if (sep < 0) {
      const note = locked ? ' `--locked` pins its dependencies, not the crate.' : '';
      out.push({ word: w, message: `\`${v}\` is installed without a version; pin it (\`${v}@<version>\`).${note}` });
    } else if (lowerBoundOnly(v.slice(sep + 1))) {
      out.push({ word: w, message: `\`${v}\` only sets a lower bound; pin a version (\`${v.slice(0, sep)}@<version>\`).` });
    }
  }
  return out;
}

/** conda/mamba/micromamba options that take a value (before or after the sub-command); `-f` is micromamba's `--file`. */
const CONDA_VALUE = new Set([
  '-c', '--channel', '-n', '--name', '-p', '--prefix', '--file', '-f', '--revision', '--clone', '--repodata-fn', '--solver', '--experimental',
  '--subdir', '--platform', '--console', '--channel-priority', '-r', '--root-prefix', '--rc-file', '--log-level', '--relocate-prefix',
  '--category', '--repodata-ttl', '--channel-alias', '--cacert-path', '--ssl-verify',
]);
/** A conda match spec's name and what follows it: `numpy=1.26`, `"numpy 1.26.*"`, `numpy>=1.2,<2`. */
const CONDA_SPEC = /^([A-Za-z0-9_][A-Za-z0-9_.+-]*)\s*(.*)$/s;
/**
 * `conda|mamba|micromamba install|create [-c channel] spec…`: a spec needs a version (`pkg=1.2`,
 * `pkg==1.2`, `"pkg 1.2"`, `pkg<2`, `pkg[version='1.2']`); `>=`/`>` alone is a lower bound.
 * `--file`/`-f` files, local package files, URLs and paths are not judged.
 */
function conda(cmd: ShellCommand): readonly Unpinned[] {
  const argv = cmd.argv;
  const sub = subcommand(argv, CONDA_VALUE);
  if (sub < 0 || (argv[sub]!.value !== 'install' && argv[sub]!.value !== 'create')) return NONE;
  const out: Unpinned[] = [];
  for (const w of operands(argv, sub + 1, CONDA_VALUE)) {
    const v = w.value.trim();
    // `conda-forge::numpy`, `conda-forge/linux-64::numpy`: the channel stays in the suggestion.
    const c = v.lastIndexOf('::');
    const channel = c < 0 ? '' : v.slice(0, c + 2);
    const spec = v.slice(channel.length);
    // `numpy[version='>=1.2',build=…]`: keys in brackets, not a shell glob.
    const b = spec.indexOf('[');
    const head = b < 0 ? spec : spec.slice(0, b);
    if (dynamic(w, head) || head.includes('/') || /\.(tar\.bz2|conda)$/.test(head)) continue;
    const m = CONDA_SPEC.exec(head);
    if (!m) continue;
    const name = m[1]!;
    const version = m[2]!.trim() || (b < 0 ? '' : bracketVersion(spec.slice(b)));
    const pinned = `${channel}${name}=<version>`;
    if (version === '') out.push({ word: w, name, message: `\`${v}\` is installed without a version; pin it (\`${pinned}\`).` });
    else if (lowerBoundOnly(version)) out.push({ word: w, name, message: `\`${v}\` only sets a lower bound; pin a version (\`${pinned}\`).` });
  }
  return out;
}

/**
 * The `version` key of a match spec's brackets: `[version='>=1.2,<2']` is the whole quoted value
 * (a range with an upper bound), `[version=1.2,build=…]` runs to the next key.
 */
function bracketVersion(brackets: string): string {
  const m = /\bversion\s*=\s*(?:"([^"]*)"|'([^']*)'|([^,\]]*))/.exec(brackets);
  return (m?.[1] ?? m?.[2] ?? m?.[3] ?? '').trim();
}

/** php's options that take a value (`php -d memory_limit=-1 composer.phar`). */
const PHP_VALUE = new Set(['-d', '-c', '-z']);
/** Composer options that take a value (Symfony console: `--opt value` or `--opt=value`). */
const COMPOSER_VALUE = new Set(['-d', '--working-dir', '--prefer-install', '--audit-format', '--ignore-platform-req', '--apcu-autoloader-prefix']);
/** Composer's platform packages (`php`, `ext-intl`, `lib-curl`, `composer-plugin-api`), as Composer's PlatformRepository has them. */
const COMPOSER_PLATFORM = /^(?:php(?:-64bit|-ipv6|-zts|-debug)?|hhvm|(?:ext|lib)-[a-z0-9](?:[_.-]?[a-z0-9]+)*|composer(?:-(?:plugin|runtime)-api)?)$/i;
/**
 * `composer global require vendor/pkg…` (also `php composer.phar …`): each package needs a
 * constraint, `vendor/pkg:^1.2`, `vendor/pkg=1.2.3`, `"vendor/pkg ^1.2"` or the next word
 * (`vendor/pkg ^1.2`), paired as Composer's VersionParser::parseNameVersionPairs does. Reported:
 * none, any (`*`, a stability flag alone), a branch (`dev-main`, `1.x-dev`; `dev-main#<commit>` pins),
 * a lower bound alone. A project's `composer require` writes composer.lock and is not checked.
 */
function composer(cmd: ShellCommand): readonly Unpinned[] {
  // `php -d memory_limit=-1 composer.phar …`: the script after php's options.
  const argv = cmd.name === 'composer' || cmd.name === 'composer.phar' ? cmd.argv : cmd.argv.slice(Math.max(subcommand(cmd.argv, PHP_VALUE), 0));
  if (!/(^|\/)composer(\.phar)?$/.test(argv[0]?.value ?? '')) return NONE;
  const g = subcommand(argv, COMPOSER_VALUE);
  if (g < 0 || argv[g]!.value !== 'global') return NONE;
  const r = subcommand(argv, COMPOSER_VALUE, g + 1);
  if (r < 0 || argv[r]!.value !== 'require') return NONE;
  const words = operands(argv, r + 1, COMPOSER_VALUE);
  const out: Unpinned[] = [];
  for (let i = 0; i < words.length; i++) {
    const w = words[i]!;
    let pair = w.value.trim().replace(/^([^=: ]+)[=: ](.*)$/s, '$1 $2');
    let at = w;
    let shown = w.value;
    const next = words[i + 1];
    if (!pair.includes(' ') && next && !next.value.includes('/') && !/(?<=[a-z0-9_/-])\*|\*(?=[a-z0-9_/-])/i.test(next.value) && !COMPOSER_PLATFORM.test(next.value)) {
      pair += ` ${next.value}`;
      at = next;
      shown = `${w.value} ${next.value}`;
      i++;
    }
    const sp = pair.indexOf(' ');
    const name = sp < 0 ? pair : pair.slice(0, sp);
    // Platform packages and names from variables are not judged; nor constraints from variables.
    if (!name.includes('/') || w.expansion || at.expansion) continue;
    const constraint = sp < 0 ? '' : pair.slice(sp + 1).trim();
    const why = composerUnpinned(constraint);
    if (why) out.push({ word: at, name, message: `\`${shown}\` ${why}; pin it (\`${name}:<version>\`).` });
  }
  return out;
}

/** Why a Composer constraint pins nothing, or undefined when it pins (`^1.2`, `~1.2`, `1.2.*`, `>=1 <2`, `dev-main#abc`). */
function composerUnpinned(constraint: string): string | undefined {
  if (constraint === '') return 'is required without a version constraint';
  const c = constraint.replace(/@(dev|alpha|beta|RC|stable)\b/gi, '').trim();
  if (c === '' || c === '*') return 'accepts any version';
  if (/(^|[\s|,])dev-|-dev\b/.test(c) && !c.includes('#')) return 'follows a branch';
  if (lowerBoundOnly(c)) return 'only sets a lower bound';
  return undefined;
}

const MANAGERS = ['apt', 'apk', 'yum', 'dnf', 'zypper', 'pip', 'npm', 'gem', 'go', 'cargo', 'conda', 'composer'] as const;
type Manager = (typeof MANAGERS)[number];

/** Command names `pipArgv` can accept besides `uv`. */
const PIP_COMMAND = /^(pip|python)[0-9.]*$/;
/** `php composer.phar …`. */
const PHP_COMMAND = /^php[0-9.]*$/;

/** apt and apk, whose package words `distroInstall` finds (most findings). */
type Distro = 'apt' | 'apk';

const CHECKS: Record<Exclude<Manager, Distro>, (cmd: ShellCommand) => readonly Unpinned[]> = { yum: rpm, dnf: rpm, zypper, pip, npm: npmGlobal, gem, go: goInstall, cargo, conda, composer };

/**
 * The manager whose check can match a command of each name (each check starts by testing the
 * name, and no name passes two of them): most commands are not installers, and picking the one
 * check up front saves calling all of them per command.
 */
const MANAGER_OF_NAME = new Map<string, Manager>([
  ['apt-get', 'apt'], ['apt', 'apt'], ['apk', 'apk'], ['yum', 'yum'],
  ['dnf', 'dnf'], ['dnf5', 'dnf'], ['microdnf', 'dnf'], ['tdnf', 'dnf'], ['zypper', 'zypper'],
  ['npm', 'npm'], ['yarn', 'npm'], ['pnpm', 'npm'], ['bun', 'npm'], ['gem', 'gem'], ['go', 'go'], ['cargo', 'cargo'],
  ['conda', 'conda'], ['mamba', 'conda'], ['micromamba', 'conda'], ['composer', 'composer'], ['composer.phar', 'composer'],
  ['uv', 'pip'], ['pipx', 'pip'],
]);
/** The `p` that `PIP_COMMAND` and `PHP_COMMAND` names start with. */
const P = 0x70;

/**
 * managerOf for every command of every RUN: a Map lookup (the parser has already hashed the name)
 * rather than a switch, which compared the name with each case in turn, and the patterns only
 * for names that can match them (`pip3`, `python3.12`, `php8.2`).
 */
function managerOf(name: string): Manager | undefined {
  const manager = MANAGER_OF_NAME.get(name);
  if (manager !== undefined || name.charCodeAt(0) !== P) return manager;
  return PIP_COMMAND.test(name) ? 'pip' : PHP_COMMAND.test(name) ? 'composer' : undefined;
}

/**
 * One string per distinct message. The same few hundred packages recur across files (over the
 * Dockerfile corpus: 4,565 findings, 671 distinct messages), and the CLI keeps every finding until
 * it prints them: a message built per finding is a chain of string pieces (holding on to the
 * RUN's text through the package word), which each young-generation GC copied and which kept
 * the old generation growing until a full GC. Bounded, for the language server's long runs.
 */
const sharedMessages = new Map<string, string>();
function sharedMessage(message: string): string {
  const known = sharedMessages.get(message);
  if (known !== undefined) return known;
  if (sharedMessages.size >= 4096) sharedMessages.clear();
  sharedMessages.set(message, message);
  return message;
}

/**
 * apt's and apk's messages by package word, which make most of the findings: a lookup by the
 * short word saves building each message and hashing it in full for `sharedMessage`. Bounded
 * like it.
 */
const aptMessages = new Map<string, string>();
const apkMessages = new Map<string, string>();
function packageMessage(messages: Map<string, string>, value: string, build: (value: string) => string): string {
  let message = messages.get(value);
  if (message === undefined) {
    message = sharedMessage(build(value));
    if (messages.size >= 4096) messages.clear();
    messages.set(value, message);
  }
  return message;
}

const DISTROS: Record<Distro, DistroManager> = {
  apt: { withValue: APT_VALUE, sub: 'install', skip: APT_SKIP, messages: aptMessages, build: aptMessageOf },
  apk: { withValue: APK_VALUE, sub: 'add', skip: APK_SKIP, messages: apkMessages, build: apkMessageOf },
};

/**
 * The options as `check` reads them, per options object: the runner hands the same (read-only)
 * one to every file of a run, so the lists and the set are not built again per file.
 */
const optionSets = new WeakMap<object, { managers: readonly string[]; ignore: ReadonlySet<string> }>();

function stringList(v: unknown, fallback: string[]): string[] {
  return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : fallback;
}

/** `flask[async]>=2` → `flask`, `@scope/pkg@latest` → `@scope/pkg`, `libc6-dev:i386` → `libc6-dev`, `glibc.i686` → `glibc`. */
function packageName(v: string): string {
  const at = v.lastIndexOf('@');
  const base = at > 0 ? v.slice(0, at) : v;
  return base.replace(/[[<>=!~:].*$/, '').trim().replace(ARCH, '').toLowerCase();
}

export const pinPackageVersions: Rule<DockerfileDoc> = {
  meta: {
    id: 'dockerfile/pin-package-versions',
    title: 'Pin versions of installed packages',
    domain: 'dockerfile',
    severity: 'warning',
    guideSection: 'Container Standards — Container Security ("Pin dependency versions")',
    rationale:
      'Unpinned packages make the image depend on the day it was built: a rebuild can silently pull a new major version or a compromised release. Checked: `apt-get/apt install` (`pkg=ver`), `apk add` (`pkg=ver`; `--virtual` names are not packages), `yum`/`dnf`/`microdnf`/`tdnf install` (`pkg-ver`, `pkg-ver-rel`; groups, local `.rpm` files and URLs are fine; `module install|enable` needs a stream, `name:stream`), `zypper install` (`pkg=ver`, `pkg<ver`, `pkg-ver`; patterns and patches are fine), `pip install` (`==`; requirement/constraint files, paths, URLs and wheels are fine; `pip` itself is exempt because upgrading the installer does not change the application\'s dependencies), `pipx install`/`inject` and `uv pip install` (as pip; with `--spec`, the spec is checked), `uv tool install` (`pkg==ver` or `pkg@ver`, not `@latest`; with `--from`, the spec is checked; `uv add` writes uv.lock and is not checked), `npm install -g` / `yarn global add` / `pnpm add -g` / `bun add -g` (`@ver`), `gem install` (`-v`), `go install …@latest`, `conda`/`mamba`/`micromamba install|create` (`pkg=ver`, `pkg==ver`, `"pkg ver"`; `--file` lists are fine), `composer global require` (`vendor/pkg:^1.2` or `vendor/pkg ^1.2`; `*`, branches and lower bounds alone are reported), `cargo install` (`crate@ver` or `--version ver`; `--git` needs `--rev` or `--tag`, `--path` is fine, `--locked` pins only the dependencies). Variables such as `pkg=$VERSION` count as pinned.',
    bad: {
      fileName: 'Dockerfile',
      code: [
        'FROM rust:1.79 AS tools',
        'RUN cargo install --locked ripgrep',
        '',
        'FROM python:3.12-slim',
        'RUN apt-get update && apt-get install -y --no-install-recommends curl',
        'RUN pip install --no-cache-dir uv && uv tool install ruff',
        'COPY --from=tools /usr/local/cargo/bin/rg /usr/local/bin/',
        '',
      ].join('\n'),
    },
    good: {
      fileName: 'Dockerfile',
      code: [
        'FROM rust:1.79 AS tools',
        'RUN cargo install --locked ripgrep@14.1.0',
        '',
        'FROM python:3.12-slim',
        'ARG CURL_VERSION=7.88.1-10+deb12u8',
        'RUN apt-get update && apt-get install -y --no-install-recommends curl=${CURL_VERSION}',
        'RUN pip install --no-cache-dir uv==0.4.30 && uv tool install ruff==0.7.1',
        'COPY --from=tools /usr/local/cargo/bin/rg /usr/local/bin/',
        '',
      ].join('\n'),
    },
    fixable: false,
    defaultOptions: { managers: [...MANAGERS], ignore: [] },
    optionDocs: {
      managers: `Package managers to check, any of ${MANAGERS.map((m) => `\`${m}\``).join(', ')} (default: all; \`apt\` covers \`apt-get\`, \`dnf\` covers \`dnf5\`, \`microdnf\` and \`tdnf\`; \`pip\` covers \`pipx\` and \`uv\`; \`conda\` covers \`mamba\` and \`micromamba\`; \`npm\` covers the global installs of \`yarn\`, \`pnpm\` and \`bun\`). E.g. \`[pip, npm, gem, go, cargo, conda, composer]\` to leave distribution packages unpinned. A list checks only the managers it names, so managers added in later versions stay off until listed.`,
      ignore: 'Package names that may stay unpinned (e.g. `ca-certificates`, `tzdata`).',
    },
  },
  kinds: ['dockerfile'],
  check(doc, ctx) {
    let options = optionSets.get(ctx.options);
    if (options === undefined) {
      options = { managers: stringList(ctx.options['managers'], [...MANAGERS]), ignore: new Set(stringList(ctx.options['ignore'], []).map((x) => x.toLowerCase())) };
      optionSets.set(ctx.options, options);
    }
    const { managers, ignore } = options;
    // Indexed loops, not `for…of`: `check` runs once per file, so it mostly runs before V8
    // optimises it, where each step of an array iterator is a call and a result object, for
    // every command of every RUN.
    const runs = allRuns(doc);
    const starts = doc.index.lineStarts;
    /** The line of the last apt/apk finding (-1: none yet), where `packageRange` starts looking. */
    let line = -1;
    for (let r = 0; r < runs.length; r++) {
      const commands = runs[r]!.commands;
      for (let c = 0; c < commands.length; c++) {
        const cmd = commands[c]!;
        const manager = managerOf(cmd.name);
        if (manager === undefined || !managers.includes(manager)) continue;
        if (manager === 'apt' || manager === 'apk') {
          const distro = DISTROS[manager];
          // Half of them are not an install (`apt-get update`, `apk del`): ruled out from the
          // command's text, without making its words.
          if (!cmd.mayHaveWord(distro.sub)) continue;
          const packages = distroInstall(cmd.argv, distro);
          for (let k = 0; k < packages.length; k++) {
            const w = packages[k]!;
            if (ignore.size > 0 && ignore.has(packageName(w.value))) continue;
            const range = packageRange(starts, line, w);
            line = range.start.line;
            ctx.report({ range, message: packageMessage(distro.messages, w.value, distro.build) });
          }
          continue;
        }
        const unpinned = CHECKS[manager](cmd);
        for (let k = 0; k < unpinned.length; k++) {
          const u = unpinned[k]!;
          if (ignore.size > 0 && ignore.has(u.name?.toLowerCase() ?? packageName(u.word.value))) continue;
          ctx.report({ range: u.word.range, message: sharedMessage(u.message) });
        }
      }
    }
  },
};
