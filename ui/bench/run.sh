#!/usr/bin/env bash
# Canvas benchmark, a SECONDARY view: the UI in headless Chromium on a
# page answered from the real core's recorded answers (2,000-card map: first render, drag frame
# times) and the Rust core (open the 2,000-card file, durable edits). The app
# users run is the Tauri binary in WebKitGTK: its figures come from
# .ci/bench-app.sh.
# Usage: ui/bench/run.sh [--runs N] [--screens DIR]
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
[ -d "$here/node_modules/playwright-core" ] || (cd "$here" && npm ci --no-audit --no-fund)
echo "==> building the bench page (real UI + mocked IPC)"
(cd "$root/ui" && npx vite build --config bench/vite.config.ts --logLevel warn)
echo "==> UI (secondary view: headless Chromium, recorded core answers; the real app's figures: .ci/bench-app.sh)"
node "$here/bench.mjs" "$@"
echo "==> core"
(cd "$root" && cargo bench --quiet --locked --no-default-features --bench bench_core --)
