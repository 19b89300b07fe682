#!/usr/bin/env bash
# The README's run command: installs what is missing, builds the UI and the app, and starts it.
# Arguments are passed to the app (e.g. a project file to open).
set -euo pipefail
cd "$(dirname "$0")/.."
./.ci/install-deps.sh
export PATH="$HOME/.cargo/bin:$PATH"
(cd ui && npm run build)
cargo build --release --locked
exec ./target/release/journey-studio "$@"
