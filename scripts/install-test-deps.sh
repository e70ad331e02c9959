#!/usr/bin/env bash
# Installs what the tests need beyond npm packages: a real registry, htpasswd, skopeo (peer client), openssl, docker-credential-pass with pass and gnupg,
# pre-commit and Neovim (editor conventions), Chromium and the libraries code-server's native modules build against. Idempotent; needs root (or sudo).
set -euo pipefail
packages=(docker-registry apache2-utils skopeo openssl golang-docker-credential-helpers pass gnupg chromium ripgrep pre-commit neovim libkrb5-dev libx11-dev libxkbfile-dev libsecret-1-dev pkg-config)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  sudo_cmd=""
  [ "$(id -u)" -ne 0 ] && sudo_cmd="sudo"
  echo "Installing Debian packages: ${missing[*]}"
  $sudo_cmd apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq "${missing[@]}" >/dev/null
fi
# The Debian package starts a system registry on :5000; the tests start their own on free ports.
if command -v systemctl >/dev/null 2>&1; then systemctl stop docker-registry 2>/dev/null || true; fi
