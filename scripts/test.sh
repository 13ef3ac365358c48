#!/usr/bin/env bash
# Sets up whatever is missing and runs every test: formatting and lints, the core's unit and
# black-box tests, the binding drift check, the UI's type check, lint and component tests, the
# browser end-to-end flows against `tessera serve`, and the desktop window under Xvfb.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"

step() { printf '\n==> %s\n' "$*"; }

step "System packages"
scripts/setup-system.sh

step "npm packages"
npm ci --no-audit --no-fund

step "UI build, type check and lint"
npm run build
npm run check
npm run lint

step "UI component tests"
npm run test:ui

step "Rust formatting and lints"
cargo fmt --all --check
cargo clippy --workspace --all-targets -- -D warnings

step "Rust tests (core, listener, bindings export)"
cargo test --workspace

step "Generated TypeScript bindings are current"
git diff --exit-code -- ui/src/bindings.ts

step "Binaries for the end-to-end tests"
cargo build --workspace --bins

step "Browser end-to-end tests (headless Chromium against tessera serve)"
TESSERA_BIN="$PWD/target/debug/tessera" npm run test:browser

step "Desktop end-to-end test (the Tauri window under Xvfb, via tauri-driver)"
TESSERA_DESKTOP_BIN="$PWD/target/debug/tessera-desktop" xvfb-run -a npm run test:desktop
