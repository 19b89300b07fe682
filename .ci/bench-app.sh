#!/usr/bin/env bash
# The app benchmark: the release binary in its real webview (WebKitGTK) under
# Xvfb, driven through tauri-driver/WebKitWebDriver, on generated maps of 30,
# 2,000 and 10,000 cards (a persona with a photo, 10 snapshots). Prints a table
# of figures; asserts nothing. Extra arguments go to tests/e2e/bench/app-bench.mjs
# (e.g. --sizes 2000 --shots NAME --json OUT).
# `--collab [--size 2000] [--edits 20]` times live collaboration instead: two
# app windows on one shared project through a local sync server
# (tests/e2e/bench/collab-bench.mjs).
set -euo pipefail
cd "$(dirname "$0")/.."
./.ci/install-deps.sh
export PATH="$HOME/.cargo/bin:$PATH"
(cd ui && npm run build)
cargo build --release --locked
projects="${BENCH_PROJECTS:-target/bench-projects}"
cargo run --release --locked --no-default-features --example bench_projects -- "$projects" 30:5 2000:20:100 10000:40:200
script=tests/e2e/bench/app-bench.mjs
if [[ "${1:-}" == "--collab" ]]; then
  script=tests/e2e/bench/collab-bench.mjs
  shift
fi
dbus-run-session -- xvfb-run --auto-servernum --server-args="-screen 0 1600x1000x24" \
  node "$script" --projects "$projects" "$@"
