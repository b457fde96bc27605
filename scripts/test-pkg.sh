#!/usr/bin/env bash
# Packs pkg/ with `npm pack`, installs the tarball into a scratch folder with no network
# (the package has no dependencies), and runs tests/npm/*.test.mjs there with node --test.
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$(pwd)
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
tarball=$(cd pkg && npm pack --silent --pack-destination "$scratch")
cd "$scratch"
echo '{"name": "scratch", "private": true, "type": "module"}' > package.json
npm install --offline --no-audit --no-fund --silent "./$tarball"
cp "$repo"/tests/npm/*.test.mjs .
PREVENT_REFERRAL_REPO="$repo" node --test ./*.test.mjs
