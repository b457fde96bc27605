#!/usr/bin/env bash
# `make fuzz-smoke`: runs each cargo-fuzz target in fuzz/ for 60 s (FUZZ_SECONDS) from a copy
# of its committed corpus (fuzz/corpus/<target>/, so the run never grows the committed files)
# and fails on any crash. Needs nightly and cargo-fuzz, installed here if missing. Not part
# of `make test`: the long runs (≥ 10 million executions per target) are in SECURITY.md.
set -euo pipefail
cd "$(dirname "$0")/../fuzz"
seconds=${FUZZ_SECONDS:-60}
rustup toolchain list | grep -q '^nightly' || rustup toolchain install nightly --profile minimal
command -v cargo-fuzz >/dev/null || cargo install cargo-fuzz --locked
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
for target in $(cargo +nightly fuzz list); do
  mkdir -p "$scratch/$target"
  if [ -d "corpus/$target" ]; then cp -r "corpus/$target/." "$scratch/$target/"; fi
  echo "fuzz-smoke: $target for ${seconds}s"
  if ! cargo +nightly fuzz run -O "$target" "$scratch/$target" -- \
      -max_total_time="$seconds" -max_len=20000 -print_final_stats=1 >"$scratch/$target.log" 2>&1; then
    tail -n 40 "$scratch/$target.log" >&2
    echo "fuzz-smoke: $target failed to build or found a crash (saved in fuzz/artifacts/$target/)" >&2
    exit 1
  fi
  grep -E '^stat::number_of_executed_units' "$scratch/$target.log" || true
done
echo "fuzz-smoke: no crashes"
