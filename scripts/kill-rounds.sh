#!/usr/bin/env bash
# The long run of the kill tests (RELIABILITY.md): each of the four crash tests (the writer, backup
# and restore, export, migration) with N kill rounds instead of its default (25, 20, 21, 24 in the
# test command).
#
#   bash scripts/kill-rounds.sh [rounds per test]      (default 250: 1,000 kills in all)
set -euo pipefail
rounds="${1:-250}"
case "$rounds" in '' | *[!0-9]*) echo "usage: bash scripts/kill-rounds.sh [rounds per test]" >&2; exit 2 ;; esac
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"
start=$(date +%s)
SIFA_KILL_ROUNDS="$rounds" cargo test -p sifa --test crash --test export_faults -- --nocapture --test-threads=1 killing_ 2>&1 \
  | grep -E '(crash test|^test |test result|panicked)'
echo "== $((4 * rounds)) kill rounds in $(( $(date +%s) - start )) s"
