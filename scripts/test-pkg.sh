#!/usr/bin/env bash
# Packs pkg/ with `npm pack`, installs the tarball into a scratch folder with no network
# (the package has no dependencies), and runs there, with node --test:
#   tests/npm/*.test.{mjs,cjs}  the API in Node (import and require), the files shipped, the
#                               schema files in Ajv's default strict mode
#   tests/types/*.test.mjs      tsc --strict over a consumer of every export (bundler, nodenext)
#   tests/bundle/*.test.mjs     an esbuild bundle of a page, run in headless Chromium
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$(pwd)
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
tarball=$(cd pkg && npm pack --silent --pack-destination "$scratch")
cd "$scratch"
echo '{"name": "scratch", "private": true, "type": "module"}' > package.json
npm install --offline --no-audit --no-fund --silent "./$tarball"
cp "$repo"/tests/npm/*.test.mjs "$repo"/tests/npm/*.test.cjs .
mkdir types bundle
cp "$repo"/tests/types/* types/
cp "$repo"/tests/bundle/* bundle/
PREVENT_REFERRAL_REPO="$repo" PREVENT_REFERRAL_TARBALL="$scratch/$tarball" \
  node --test ./*.test.mjs ./*.test.cjs types/*.test.mjs bundle/*.test.mjs
