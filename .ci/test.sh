#!/usr/bin/env bash
# The README's test command: installs what is missing, then runs every test —
# Rust unit + integration tests, UI tests, the UI build, the release app build,
# and the end-to-end tests that drive the real app under Xvfb.
set -euo pipefail
cd "$(dirname "$0")/.."
./.ci/install-deps.sh
export PATH="$HOME/.cargo/bin:$PATH"
step() { printf '\n==> %s\n' "$*"; }

step "Rust: core unit and integration tests (no window)"
cargo test --no-default-features --locked

step "UI: type check and unit tests"
(cd ui && npm run lint && npm test)

step "UI: production build"
(cd ui && npm run build)

step "App: release build (desktop)"
cargo build --release --locked

step "End to end: the real app in its webview, under Xvfb"
(cd tests/e2e && xvfb-run --auto-servernum --server-args="-screen 0 1600x1000x24" npm test)

step "All tests passed"
