#!/usr/bin/env bash
# Installs code-server 4.100.3 (VS Code 1.100.3, the last release that runs on Node 20) from the npm
# registry into a project-local, git-ignored folder (.code-server/ by default), for the e2e tests and
# `npm run try`. Works offline apart from the npm registry (and Debian's apt when --apt is given).
# Idempotent: exits at once when the install is already there and starts.
#
# Usage: bash scripts/e2e/install-code-server.sh [--apt] [--force]
#   --apt    as root, apt-get install what it needs first (chromium libkrb5-dev ripgrep build-essential python3)
#   --force  reinstall even when an install is present
# Env: CODE_SERVER_DIR (default <repo>/.code-server)
#
# Why it does the steps by hand instead of a plain `npm install code-server`: code-server's own
# postinstall runs `npm install` inside lib/vscode, where @vscode/ripgrep's postinstall downloads a
# ripgrep binary from GitHub (no network here) and npm 11 may skip install scripts of dependencies.
# So: install every package with --ignore-scripts, put Debian's /usr/bin/rg where @vscode/ripgrep
# expects its binary, then `npm rebuild` builds the native modules (node-pty, kerberos, spdlog,
# native-watchdog, @parcel/watcher, argon2 ...) and finally do the symlinks code-server's
# postinstall.sh would have made. See docs/e2e.md.
set -euo pipefail

VERSION=4.100.3
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
DEST="${CODE_SERVER_DIR:-$ROOT/.code-server}"
PKG="$DEST/node_modules/code-server"
MARK="$DEST/.installed-$VERSION"
APT=0
FORCE=0
for a in "$@"; do
  case "$a" in
    --apt) APT=1 ;;
    --force) FORCE=1 ;;
    *) echo "install-code-server: unknown option $a" >&2; exit 2 ;;
  esac
done

log() { echo "install-code-server: $*"; }
t0=$SECONDS

works() {
  [ -f "$MARK" ] && [ -f "$PKG/out/node/entry.js" ] || return 1
  local v
  # On its first start code-server may log "Wrote default config file …" before the version line,
  # so look for the version line anywhere in the output.
  v="$(node "$PKG/out/node/entry.js" --version 2>&1 || true)"
  printf '%s\n' "$v" | grep -q "^$VERSION " && return 0
  log "code-server --version said: $v" >&2
  return 1
}

if [ "$FORCE" = 0 ] && works; then
  log "code-server $VERSION already installed in $DEST"
  exit 0
fi

if [ "$APT" = 1 ]; then
  missing=()
  command -v chromium >/dev/null || missing+=(chromium)
  command -v rg >/dev/null || missing+=(ripgrep)
  dpkg -s libkrb5-dev >/dev/null 2>&1 || missing+=(libkrb5-dev)
  dpkg -s build-essential >/dev/null 2>&1 || missing+=(build-essential)
  command -v python3 >/dev/null || missing+=(python3)
  if [ "${#missing[@]}" -gt 0 ]; then
    log "apt-get install ${missing[*]}"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
  fi
fi

node_major="$(node -p 'process.versions.node.split(".")[0]')"
if [ "$node_major" != 20 ]; then
  log "code-server $VERSION needs Node 20, this is Node $(node -v)" >&2
  exit 1
fi
for need in rg make g++ python3; do
  command -v "$need" >/dev/null || { log "missing '$need' (run with --apt as root, or apt-get install ripgrep build-essential python3 libkrb5-dev)" >&2; exit 1; }
done
[ -f /usr/include/gssapi/gssapi.h ] || [ -f /usr/include/gssapi.h ] ||
  { log "missing Kerberos headers: apt-get install libkrb5-dev" >&2; exit 1; }

# As root npm would otherwise drop privileges for scripts; node-pty's build asks to confirm npx.
export npm_config_unsafe_perm=true
export npm_config_yes=true
export npm_config_audit=false
export npm_config_fund=false
export npm_config_update_notifier=false
NPM_FLAGS=(--no-audit --no-fund --ignore-scripts --loglevel=error)

rm -rf "$DEST"
mkdir -p "$DEST"
echo '{ "name": "code-server-install", "private": true }' >"$DEST/package.json"

log "npm install code-server@$VERSION (scripts off)"
(cd "$DEST" && npm install "${NPM_FLAGS[@]}" "code-server@$VERSION")

log "npm install lib/vscode dependencies (scripts off)"
(cd "$PKG/lib/vscode" && npm install "${NPM_FLAGS[@]}" --omit=dev)

# @vscode/ripgrep: its postinstall downloads rg from GitHub unless bin/rg exists already.
RGDIR="$PKG/lib/vscode/node_modules/@vscode/ripgrep/bin"
mkdir -p "$RGDIR"
ln -sf "$(command -v rg)" "$RGDIR/rg"

log "npm rebuild native modules in lib/vscode"
(cd "$PKG/lib/vscode" && npm rebuild --foreground-scripts --loglevel=error >"$DEST/rebuild-vscode.log" 2>&1) ||
  { tail -40 "$DEST/rebuild-vscode.log" >&2; exit 1; }
# In case @vscode/ripgrep's postinstall replaced the folder.
mkdir -p "$RGDIR"
[ -x "$RGDIR/rg" ] || ln -sf "$(command -v rg)" "$RGDIR/rg"

log "npm install lib/vscode/extensions dependencies"
(cd "$PKG/lib/vscode/extensions" && npm install "${NPM_FLAGS[@]}" --omit=dev && node ./postinstall.mjs >/dev/null)

log "npm rebuild code-server's own native modules"
(cd "$DEST" && npm rebuild --foreground-scripts --loglevel=error >"$DEST/rebuild-top.log" 2>&1) ||
  { tail -40 "$DEST/rebuild-top.log" >&2; exit 1; }

# What code-server's postinstall.sh does after its npm install.
(
  cd "$PKG/lib/vscode"
  rm -rf node_modules.asar && ln -s node_modules node_modules.asar
  cd bin/remote-cli && rm -f code-server && ln -s code-linux.sh code-server
  cd ../helpers && rm -f browser.sh && ln -s browser-linux.sh browser.sh
)

mkdir -p "$DEST/bin"
ln -sf "$PKG/out/node/entry.js" "$DEST/bin/code-server"
touch "$MARK"
if ! works; then
  rm -f "$MARK"
  log "installed, but 'code-server --version' does not answer $VERSION" >&2
  exit 1
fi
log "code-server $VERSION installed in $DEST in $((SECONDS - t0)) s"
