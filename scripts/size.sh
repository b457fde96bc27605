#!/usr/bin/env bash
# make size: the wasm module's sizes; fails above the budget (gzip -9).
set -euo pipefail
cd "$(dirname "$0")/.."
budget=${WASM_GZIP_BUDGET:-61440}   # 60 KiB; the goal is 40 KiB
raw=target/prevent_referral_bg.before-wasm-opt.wasm
opt=pkg/prevent_referral_bg.wasm
size() { wc -c < "$1" | tr -d ' '; }
gz=$(gzip -9 -c "$opt" | wc -c | tr -d ' ')
br=$(brotli -q 11 -c "$opt" | wc -c | tr -d ' ')
glue=$(cat pkg/prevent_referral.js pkg/encode.js pkg/index.js | gzip -9 | wc -c | tr -d ' ')
printf '%-34s %9s bytes\n' "wasm from wasm-bindgen" "$(size "$raw")" \
  "wasm after wasm-opt -Oz" "$(size "$opt")" "  gzip -9" "$gz" "  brotli -q 11" "$br" \
  "JS glue + encoder, gzip -9" "$glue"
printf 'budget: %s bytes gzip (%s%% used)\n' "$budget" "$((100 * gz / budget))"
if [ "$gz" -gt "$budget" ]; then
  echo "size: the wasm is $gz bytes gzip, over the budget of $budget" >&2
  exit 1
fi
