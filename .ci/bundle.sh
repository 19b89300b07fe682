#!/usr/bin/env bash
# Builds the Linux installers with the Tauri bundler (tauri-cli, installed by
# cargo if missing), into target/release/bundle/:
# - deb/: the Debian/Ubuntu package, with the .journey file association, its
#   MIME type and the icons;
# - appimage/: an AppImage, only when the AppImage tools are already in the
#   bundler's cache. Tauri's AppImage bundler downloads them from GitHub
#   (linuxdeploy built by the Tauri project, and its AppRun) while building;
#   no package of crates.io, PyPI, npm or Debian provides them, and this
#   project's machines reach only those registries (see README). On a machine
#   that can download, run this once with APPIMAGE=1 (the bundler downloads
#   them into its cache), or copy that cache here: the bundler (tauri-bundler
#   2.10) looks for AppRun-x86_64 and linuxdeploy-07333c6-x86_64.AppImage in
#   ${XDG_CACHE_HOME:-~/.cache}/tauri/ (their sources are in its
#   src/bundle/linux/appimage/linuxdeploy.rs).
# Set CARGO_TARGET_DIR to build elsewhere than target/.
set -euo pipefail
cd "$(dirname "$0")/.."
./.ci/install-deps.sh
export PATH="$HOME/.cargo/bin:$PATH"
if ! cargo tauri --version >/dev/null 2>&1; then
  echo "==> cargo: installing tauri-cli (the bundler)"
  cargo install tauri-cli --locked --version '^2'
fi

bundles=deb
tools="${XDG_CACHE_HOME:-$HOME/.cache}/tauri"
if [ "${APPIMAGE:-}" = 1 ] || { [ -x "$tools/AppRun-x86_64" ] && [ -x "$tools/linuxdeploy-07333c6-x86_64.AppImage" ]; }; then
  bundles=deb,appimage
else
  echo "==> AppImage skipped: its tools are not in $tools and cannot be downloaded here (see the top of $0)"
fi

(cd ui && npm run build)
# The UI is built above: the bundler would otherwise run it from the folder it
# guesses the front end is in (it finds tests/e2e/package.json first).
cargo tauri build --ci --bundles "$bundles" --config '{"build":{"beforeBuildCommand":""}}'
out="${CARGO_TARGET_DIR:-target}/release/bundle"
ls -l "$out"/deb/*.deb
[ "$bundles" = deb ] || ls -l "$out"/appimage/*.AppImage
