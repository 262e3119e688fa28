#!/usr/bin/env bash
# Fuzzes the batch reader: arbitrary bytes as a batch file arriving at the district
# (fuzz/fuzz_targets/batch_reader.rs: read, verify, decode and re-check, as the import does).
#
#   bash scripts/fuzz.sh [seconds]      (default 60; the test command runs it for 15)
#
# Builds the target with the stable toolchain and libFuzzer's coverage instrumentation (the flags
# cargo-fuzz passes, with overflow checks, but without AddressSanitizer, which only nightly has:
# the reader is safe Rust, so its findings are panics, aborts, time and memory). Seeds
# fuzz/corpus/batch_reader from real batches made with the CLI when it is empty, runs libFuzzer for
# the given time and prints executions in all and per second. A finding is saved under
# fuzz/artifacts/batch_reader/; replay it with
#   fuzz/target/x86_64-unknown-linux-gnu/release/batch_reader fuzz/artifacts/batch_reader/<file>
# and make it a case in tests/malformed_batch.rs once fixed. Corpus and artifacts stay out of git.
set -euo pipefail

seconds="${1:-60}"
case "$seconds" in '' | *[!0-9]*) echo "usage: bash scripts/fuzz.sh [seconds]" >&2; exit 2 ;; esac
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
export PATH="$HOME/.cargo/bin:$PATH"

echo "== building the fuzz target (release, coverage-instrumented)"
coverage=(
  -Cpasses=sancov-module
  -Cllvm-args=-sanitizer-coverage-level=4
  -Cllvm-args=-sanitizer-coverage-inline-8bit-counters
  -Cllvm-args=-sanitizer-coverage-pc-table
  -Cllvm-args=-sanitizer-coverage-trace-compares
  -Cdebug-assertions
  -Coverflow-checks
  --cfg fuzzing
)
# An explicit --target keeps the flags off the build scripts, which must link without libFuzzer.
host="$(rustc -vV | sed -n 's/^host: //p')"
RUSTFLAGS="${coverage[*]}" cargo build --release --quiet --manifest-path fuzz/Cargo.toml --bin batch_reader --target "$host"
target="$root/fuzz/target/$host/release/batch_reader"

corpus="fuzz/corpus/batch_reader"
mkdir -p "$corpus" fuzz/artifacts/batch_reader
if [ -z "$(ls -A "$corpus")" ]; then
  echo "== seeding $corpus from batches exported by the CLI"
  cargo build -p sifa --bin sifa
  sifa="$root/target/debug/sifa"
  work="$(mktemp -d)"
  trap 'rm -rf "$work"' EXIT
  today=2026-11-20
  # A small office, so each run reads a small file: every sheet and kind of cell is still there.
  "$sifa" --db "$work/office.db" --today "$today" init --office-code 420202001 --office-name 石港镇司法所 \
    --short-name 石港 --district 黄石港区 --admin admin --password mima2026 >/dev/null
  "$sifa" --db "$work/office.db" --today "$today" demo --months 3 --cases-per-month 3 --consultations-per-month 2 \
    --applications-per-month 1 --correction-per-month 1 >/dev/null
  mkdir -p "$work/out"
  for period in 2026-08 2026-09 2026-10; do
    for profile in full masked summary; do
      "$sifa" --db "$work/office.db" --today "$today" export --period "$period" --profile "$profile" --out "$work/out" 2>/dev/null | tail -n 1
    done
  done
  cp "$work"/out/*.xlsx "$corpus"/
  # The same batches with their parts stored, not deflated: a mutation then lands in the XML the
  # reader parses instead of breaking the deflate stream.
  if command -v python3 >/dev/null 2>&1; then
    python3 - "$corpus" <<'PY'
import pathlib, sys, zipfile
corpus = pathlib.Path(sys.argv[1])
for f in sorted(corpus.glob("*_full_*.xlsx")) + sorted(corpus.glob("*_summary_001.xlsx")):
    with zipfile.ZipFile(f) as src, zipfile.ZipFile(corpus / ("stored_" + f.name), "w", zipfile.ZIP_STORED) as dst:
        for info in src.infolist():
            dst.writestr(info.filename, src.read(info.filename))
PY
  fi
  echo "== $(ls "$corpus" | wc -l) seed files"
fi

log="fuzz/last-run.log"
echo "== fuzzing batch_reader for ${seconds}s (log: $log)"
set +e
# -timeout: one input taking over 10 s is a finding (the reader's time must stay bounded);
# -rss_limit_mb: so is one taking over 2 GB.
"$target" "$corpus" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -dict=fuzz/batch_reader.dict \
  -artifact_prefix=fuzz/artifacts/batch_reader/ -print_final_stats=1 >"$log" 2>&1
status=$?
set -e

grep -E '^(stat::|Done )' "$log" || true
runs=$(grep -Eo '^stat::number_of_executed_units: *[0-9]+' "$log" | grep -Eo '[0-9]+$' || echo 0)
echo "== executions: $runs in ${seconds}s ($(( runs / (seconds > 0 ? seconds : 1) )) per second); corpus: $(ls "$corpus" | wc -l) files; findings: $(ls fuzz/artifacts/batch_reader | wc -l) in fuzz/artifacts/batch_reader"
if [ "$status" -ne 0 ]; then
  echo "== the fuzzer stopped on a finding (exit $status); the end of $log:" >&2
  tail -n 40 "$log" >&2
  exit "$status"
fi
if [ "$runs" -eq 0 ]; then
  echo "== the fuzzer ran no input: see $log" >&2
  exit 1
fi
