#!/usr/bin/env bash
# Builds the Linux installer: a .deb (with the .journey file association and its
# MIME type) from the Tauri bundler, into target/release/bundle/deb/.
# The AppImage is not built here: its bundler downloads linuxdeploy at build time,
# which this project's machines cannot reach (see README).
set -euo pipefail
cd "$(dirname "$0")/.."
./.ci/install-deps.sh
export PATH="$HOME/.cargo/bin:$PATH"
if ! cargo tauri --version >/dev/null 2>&1; then
  echo "==> cargo: installing tauri-cli (the bundler)"
  cargo install tauri-cli --locked --version '^2'
fi
(cd ui && npm run build)
# The UI is built above: the bundler would otherwise run it from the folder it
# guesses the front end is in (it finds tests/e2e/package.json first).
cargo tauri build --ci --bundles deb --config '{"build":{"beforeBuildCommand":""}}'
ls -l target/release/bundle/deb/*.deb
