#!/usr/bin/env bash
# `make differential` (100,000 documents) and, in `make test`, `make differential-quick`
# (2,000): generated documents (examples/differential.rs, from the model: valid ones and
# single-fault ones) judged by the native validator, the wasm package in Node, Ajv and
# Python jsonschema (tools/differential.{mjs,py}). Batches of at most 10,000 keep the files
# small. Usage: scripts/differential.sh COUNT
set -euo pipefail
cd "$(dirname "$0")/.."
count=${1:-2000}
python=python3
if [ -x tools/.venv/bin/python ]; then python=tools/.venv/bin/python; fi
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
cargo build --release --quiet --example differential
seed=1
left=$count
while [ "$left" -gt 0 ]; do
  n=$(( left < 10000 ? left : 10000 ))
  target/release/examples/differential "$n" "$seed" > "$scratch/docs.jsonl"
  node tools/differential.mjs "$scratch/docs.jsonl"
  "$python" tools/differential.py "$scratch/docs.jsonl"
  left=$(( left - n ))
  seed=$(( seed + 1 ))
done
echo "differential: $count documents, native = wasm, schema verdicts agree"
