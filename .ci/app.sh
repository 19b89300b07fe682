#!/usr/bin/env bash
# The README's run command: installs what is missing, builds the UI and the app, and starts it.
# Arguments are passed to the app (e.g. a project file to open).
set -euo pipefail
cd "$(dirname "$0")/.."
./.ci/install-deps.sh
export PATH="$HOME/.cargo/bin:$PATH"
# The UI is rebuilt only when one of its sources is newer than the last build.
if [ ! -f ui/dist/index.html ] || [ -n "$(find ui/src ui/index.html ui/vite.config.ts ui/preactAlias.ts ui/package-lock.json \
    -newer ui/dist/index.html -print -quit)" ]; then
  (cd ui && npm run build)
fi
cargo build --release --locked
exec ./target/release/journey-studio "$@"
