#!/usr/bin/env bash
# Sets up whatever is missing, builds the UI and the desktop app, and opens the Tessera window.
# The database lives in the platform's app-data directory (TESSERA_DB overrides it).
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/setup-system.sh --app
[ -d node_modules ] && [ node_modules/.package-lock.json -nt package-lock.json ] || npm ci --no-audit --no-fund
npm run build
cargo run --release -p tessera-desktop
