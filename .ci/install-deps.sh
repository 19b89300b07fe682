#!/usr/bin/env bash
# Installs everything Journey Studio needs to build, run and test on a fresh Debian/Ubuntu machine:
# system packages (Tauri 2 / WebKitGTK, Xvfb, WebKitWebDriver, fonts, PDF tools), cargo tools and npm packages.
# Safe to run again: each step skips what is already there.
set -euo pipefail
cd "$(dirname "$0")/.."

SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi

APT_PACKAGES=(
  # Tauri 2 on Linux
  build-essential pkg-config curl file libwebkit2gtk-4.1-dev libxdo-dev libssl-dev
  libayatana-appindicator3-dev librsvg2-dev
  # running and testing the real app headless
  xvfb xauth webkit2gtk-driver x11-apps imagemagick xdotool
  # a picture on the X clipboard for the e2e test of pasting images (tests/e2e/images.test.mjs)
  xclip
  # a session D-Bus for the e2e test of the single-instance handoff (dbus-run-session)
  dbus
  # Vietnamese-capable fonts in the webview; PDF tools for export checks
  fonts-noto-core poppler-utils
  # benchmarks: the UI and a browser-printed PDF measured in headless Chromium
  chromium
)

missing=()
for p in "${APT_PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ "${#missing[@]}" -gt 0 ]; then
  echo "==> apt: installing ${missing[*]}"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

if ! command -v cargo >/dev/null 2>&1; then
  echo "==> rustup: installing the stable Rust toolchain"
  curl --proto '=https' --tlsv1.2 -sSf https://sh.rustup.rs | sh -s -- -y --profile minimal
fi
export PATH="$HOME/.cargo/bin:$PATH"
# The test command's formatting and lint gates.
if ! cargo fmt --version >/dev/null 2>&1 || ! cargo clippy --version >/dev/null 2>&1; then
  echo "==> rustup: adding rustfmt and clippy"
  rustup component add rustfmt clippy
fi

if ! command -v tauri-driver >/dev/null 2>&1; then
  echo "==> cargo: installing tauri-driver"
  cargo install tauri-driver --locked --version '^2'
fi

if ! command -v node >/dev/null 2>&1; then
  echo "==> apt: installing Node.js and npm"
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq nodejs npm
fi
# The UI's build tools (Vite 8) need Node.js 20.19 or newer.
if ! node -e 'const [a,b]=process.versions.node.split(".").map(Number); process.exit(a>20||(a===20&&b>=19)?0:1)'; then
  echo "Node.js $(node --version) is too old: Journey Studio's UI build needs Node.js 20.19 or newer." >&2
  echo "Install a newer Node.js (e.g. from your distribution's backports) and run this again." >&2
  exit 1
fi

# npm ci only when a lock file changed since the last install (it wipes and
# reinstalls node_modules every time it runs).
for dir in ui ui/bench tests/e2e; do
  lock="$dir/package-lock.json"
  [ -f "$lock" ] || continue
  stamp="$dir/node_modules/.installed-from-lock.sha256"
  want="$(sha256sum "$lock" | cut -d' ' -f1)"
  if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ]; then
    continue
  fi
  echo "==> npm ci in $dir"
  (cd "$dir" && npm ci --no-audit --no-fund)
  echo "$want" >"$stamp"
done
echo "==> dependencies ready"
