#!/usr/bin/env bash
# The README's test command: installs what is missing, then runs every test —
# formatting and lint gates (rustfmt, clippy, Biome), Rust unit + integration tests (with every fuzz seed and kept crash input
# replayed), the crash harness, UI tests, the UI build, the release app build,
# and the end-to-end tests that drive the real app under Xvfb (and a private
# session D-Bus, for the single-instance handoff). Coverage-guided fuzzing is
# its own command: .ci/fuzz.sh [seconds].
set -euo pipefail
cd "$(dirname "$0")/.."
./.ci/install-deps.sh
export PATH="$HOME/.cargo/bin:$PATH"
step() { printf '\n==> %s\n' "$*"; }

step "Rust: formatting and lints (cargo fmt --check, clippy -D warnings on the core and its tests)"
cargo fmt --check
cargo clippy --no-default-features --locked --all-targets -- -D warnings

step "Rust: core unit and integration tests (no window), fuzz inputs replayed"
cargo test --no-default-features --locked
# The benchmarks are not run here (they are figures, not tests), but they must
# build; in the test profile they share the build above instead of making a
# release one of their own.
cargo test --no-default-features --locked --benches --no-run

step "Sync server and the app's connection (feature server): loopback server, refusals, limits, SIGKILL mid-sync"
cargo clippy --no-default-features --features server --locked --all-targets -- -D warnings
cargo test --no-default-features --features server --locked --test sync_server --test sync_server_crash
cargo test --no-default-features --features server --locked --lib -- server:: wire::
cargo test --no-default-features --features server --locked --bench bench_sync --no-run

step "Crash harness (short): SIGKILL a process editing a project, nothing acknowledged may be lost"
cargo run --locked --no-default-features --example crash_harness -- --cycles 100

step "UI: type check, format and lint (Biome), unit tests (driving the real core through its bridge program)"
cargo build --no-default-features --locked --example core_bridge
(cd ui && npm run lint && npm test)

step "UI: production build"
(cd ui && npm run build)

step "Rust: clippy -D warnings on the window's code too (the command layer, main; needs the UI build)"
cargo clippy --locked --all-targets -- -D warnings

step "App: release build (desktop), and the window's own unit tests (src-tauri/desktop/)"
cargo build --release --locked
# The binary's tests in the release profile reuse the build above: only the
# desktop crate (commands, webview choice) is compiled again, as a test.
cargo test --release --locked --bin journey-studio

step "End to end: the real app in its webview, under Xvfb and a private session D-Bus"
(cd tests/e2e && dbus-run-session -- xvfb-run --auto-servernum --server-args="-screen 0 1600x1000x24" npm test)

step "All tests passed"
