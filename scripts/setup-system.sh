#!/usr/bin/env bash
# Installs what Tessera needs from the system and is missing: webkit/GTK for the window,
# Xvfb + WebKitWebDriver + tauri-driver for desktop tests, Chromium for browser tests.
# Idempotent; run as root or with sudo available. `--app` installs only what running needs.
set -euo pipefail

want_tests=1
[ "${1:-}" = "--app" ] && want_tests=0

packages=(libwebkit2gtk-4.1-dev build-essential curl wget file libxdo-dev libssl-dev
          libayatana-appindicator3-dev librsvg2-dev pkg-config)
if [ "$want_tests" = 1 ]; then
  packages+=(xvfb xauth webkit2gtk-driver chromium imagemagick xdotool x11-utils)
fi

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done

if [ "${#missing[@]}" -gt 0 ]; then
  echo "Installing system packages: ${missing[*]}"
  sudo=""
  [ "$(id -u)" -ne 0 ] && sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

if [ "$want_tests" = 1 ] && ! command -v tauri-driver >/dev/null 2>&1; then
  echo "Installing tauri-driver"
  cargo install tauri-driver --locked --version 2.1.0 --quiet
fi
