#!/usr/bin/env bash
# Installs code-server (a real VS Code workbench served over HTTP) into a cache folder outside the
# repository, for the end-to-end suite in test/e2e. Idempotent: does nothing when already installed.
#
#   IMAGEREF_E2E_CACHE   install folder (default: $HOME/.cache/imageref-e2e)
#   CODE_SERVER_VERSION  default 4.100.3 (VS Code 1.100, runs on Node 20; 4.103+ needs Node 22)
#
# Works without internet access as long as the npm registry is reachable: @vscode/ripgrep's install
# step normally downloads ripgrep from GitHub, so we seed its download cache with Debian's `rg`.
set -euo pipefail

VERSION="${CODE_SERVER_VERSION:-4.100.3}"
CACHE="${IMAGEREF_E2E_CACHE:-$HOME/.cache/imageref-e2e}"
DIR="$CACHE/code-server-$VERSION"
BIN="$DIR/node_modules/.bin/code-server"

if [ -x "$BIN" ] && [ -f "$DIR/.installed" ]; then
  echo "code-server $VERSION already installed: $BIN"
  exit 0
fi

need() { command -v "$1" >/dev/null 2>&1 || { echo "setup-e2e: '$1' is missing. $2" >&2; exit 1; }; }
need node "Install Node.js 20."
need npm "Install npm."
need rg "Install ripgrep (apt-get install -y ripgrep)."
if ! command -v chromium >/dev/null 2>&1 && [ -z "${IMAGEREF_E2E_CHROMIUM:-}" ]; then
  echo "setup-e2e: warning: no 'chromium' on PATH; the suite needs it (apt-get install -y chromium) or IMAGEREF_E2E_CHROMIUM" >&2
fi

# Seed @vscode/ripgrep's download cache (os.tmpdir()/vscode-ripgrep-cache-<pkg version>/<asset>) with
# Debian's rg, for every @vscode/ripgrep version npm may pick and every ripgrep build they name.
TMPDIR_NODE="$(node -p 'require("os").tmpdir()')"
STAGE="$(mktemp -d)"
trap 'rm -rf "$STAGE"' EXIT
cp "$(command -v rg)" "$STAGE/rg"
RG_TGZ="$STAGE/rg.tar.gz"
tar czf "$RG_TGZ" -C "$STAGE" rg
PKG_VERSIONS="$(npm view '@vscode/ripgrep@^1.15.0' version 2>/dev/null | sed -E "s/.*'([^']+)'.*/\1/; s/^@vscode\/ripgrep@//" | awk '{print $NF}' || true)"
[ -n "$PKG_VERSIONS" ] || PKG_VERSIONS="1.15.11 1.15.13 1.15.14 1.17.0 1.17.1"
for pv in $PKG_VERSIONS; do
  d="$TMPDIR_NODE/vscode-ripgrep-cache-$pv"
  mkdir -p "$d"
  for rv in v13.0.0-10 v13.0.0-13 v15.0.0 v15.0.1; do
    f="$d/ripgrep-$rv-x86_64-unknown-linux-musl.tar.gz"
    [ -f "$f" ] || cp "$RG_TGZ" "$f"
  done
done

mkdir -p "$DIR"
cd "$DIR"
[ -f package.json ] || echo '{"name":"imageref-e2e-code-server","private":true}' > package.json
echo "Installing code-server@$VERSION into $DIR (takes several minutes)…"
npm_config_yes=true npm_config_unsafe_perm=true \
  npm install --no-audit --no-fund "code-server@$VERSION"
"$BIN" --version
touch "$DIR/.installed"
echo "code-server $VERSION installed: $BIN"
