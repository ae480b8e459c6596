#!/usr/bin/env bash
# Installs the VS Code test host used by `npm run test:e2e` (see docs/e2e.md):
#   - Debian packages: chromium (headless window), libkrb5-dev (code-server's `kerberos` module
#     builds from source), ripgrep (stands in for @vscode/ripgrep's GitHub download);
#   - npm package code-server@4.100.3 (real VS Code 1.100.3 server) OUTSIDE the repo, under
#     ${INFRA_GUIDE_VSCODE_HOST_DIR:-$HOME/.cache/infra-guide/code-server-4.100.3}.
# Idempotent: does nothing when everything is present. Not a project dependency: `npm ci` never
# touches it. Set INFRA_GUIDE_SKIP_APT=1 to skip the Debian part (e.g. without root).
set -euo pipefail

CODE_SERVER_VERSION=4.100.3
RG_PKG_VERSION=1.15.11
RG_ASSET=ripgrep-v13.0.0-10-x86_64-unknown-linux-musl.tar.gz
HOST_DIR="${INFRA_GUIDE_VSCODE_HOST_DIR:-$HOME/.cache/infra-guide/code-server-$CODE_SERVER_VERSION}"
PKG_DIR="$HOST_DIR/node_modules/code-server"
SERVER_MAIN="$PKG_DIR/lib/vscode/out/server-main.js"
MARKER="$HOST_DIR/.infra-guide-host-ok"

log() { printf '[install-vscode-host] %s\n' "$*"; }

# ---- Debian packages --------------------------------------------------------------------------
if [ "${INFRA_GUIDE_SKIP_APT:-}" != "1" ]; then
  missing=()
  for p in chromium libkrb5-dev ripgrep; do
    if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed'; then
      missing+=("$p")
    fi
  done
  if [ "${#missing[@]}" -gt 0 ]; then
    sudo=""
    if [ "$(id -u)" != "0" ]; then sudo="sudo"; fi
    log "installing Debian packages: ${missing[*]}"
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  fi
fi

# ---- code-server ------------------------------------------------------------------------------
if [ -f "$MARKER" ] && [ -f "$SERVER_MAIN" ] && [ "$(cat "$MARKER")" = "$CODE_SERVER_VERSION" ]; then
  log "code-server $CODE_SERVER_VERSION already installed at $PKG_DIR"
  exit 0
fi

if [ "$(uname -m)" != "x86_64" ]; then
  log "warning: the ripgrep stand-in below is for x86_64; on $(uname -m) @vscode/ripgrep will try GitHub"
fi
RG_BIN="$(command -v rg || true)"
if [ -z "$RG_BIN" ]; then
  log "error: ripgrep (rg) is required (apt-get install ripgrep)"
  exit 1
fi

start=$(date +%s)
mkdir -p "$HOST_DIR"
# Private TMPDIR: @vscode/ripgrep looks for its download cache at $TMPDIR/vscode-ripgrep-cache-<v>/.
work_tmp="$(mktemp -d "${TMPDIR:-/tmp}/infra-guide-host-install.XXXXXX")"
trap 'rm -rf "$work_tmp"' EXIT

# @vscode/ripgrep runs `tar xvf <asset> -C <pkg>/bin` and then expects `<pkg>/bin/rg`, so the
# tarball holds a single top-level `rg` entry (no directory prefix). Debian's rg stands in for it.
rg_cache="$work_tmp/vscode-ripgrep-cache-$RG_PKG_VERSION"
mkdir -p "$rg_cache/stage"
cp "$RG_BIN" "$rg_cache/stage/rg"
chmod 755 "$rg_cache/stage/rg"
tar -czf "$rg_cache/$RG_ASSET" -C "$rg_cache/stage" rg
rm -rf "$rg_cache/stage"
if [ "$(tar -tzf "$rg_cache/$RG_ASSET")" != "rg" ]; then
  log "error: unexpected ripgrep tarball layout"; exit 1
fi

cd "$HOST_DIR"
if [ ! -f package.json ]; then
  printf '{ "name": "infra-guide-vscode-host", "private": true }\n' > package.json
fi
log "installing code-server@$CODE_SERVER_VERSION into $HOST_DIR (takes about a minute)"
# npm_config_yes: node-pty's postinstall runs `npx node-gyp` (the machine npmrc may say yes=false).
# npm_config_unsafe_perm: code-server's postinstall refuses to run as root otherwise.
TMPDIR="$work_tmp" npm_config_yes=true npm_config_unsafe_perm=true \
  npm install --no-audit --no-fund --no-save --loglevel=error "code-server@$CODE_SERVER_VERSION"

if [ ! -f "$SERVER_MAIN" ]; then
  log "error: $SERVER_MAIN missing after install"; exit 1
fi
rg_installed="$(find "$PKG_DIR" -path '*@vscode/ripgrep/bin/rg' -type f | head -n1)"
if [ -z "$rg_installed" ]; then
  log "error: @vscode/ripgrep has no bin/rg after install"; exit 1
fi
printf '%s' "$CODE_SERVER_VERSION" > "$MARKER"
log "done in $(( $(date +%s) - start ))s: $SERVER_MAIN"
