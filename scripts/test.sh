#!/usr/bin/env bash
# Runs every test: core and CLI (cargo), UI unit tests (Vitest), and end-to-end tests that drive
# the real application window under Xvfb through tauri-driver and WebKitWebDriver.
# Fails loudly when anything is missing; nothing is skipped.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"

step() { printf '\n\033[1m== %s ==\033[0m\n' "$*"; }

step "setup"
bash scripts/setup.sh --tests
command -v soffice >/dev/null || { echo "LibreOffice (soffice) is missing after setup" >&2; exit 1; }

step "UI unit tests (Vitest) and build"
(cd ui && npm test --silent && npm run build --silent)

# The shell embeds ui/dist, so this follows the UI build.
step "the UI's generated types match the Rust types of the commands"
cargo test -p sifa-desk --bin sifa-desk api_types

step "core, store, CLI and fault tests"
cargo test -p sifa --lib --bins --tests

step "benchmarks compile"
cargo bench -p sifa --no-run --quiet

step "the fuzz target builds and runs (15 s; the long run is bash scripts/fuzz.sh SECONDS)"
bash scripts/fuzz.sh 15

step "end-to-end tests in the real window"
# The tests start Xvfb themselves when no display is set, and one tauri-driver per test.
cargo test -p sifa-desk -- --test-threads=1
