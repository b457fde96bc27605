#!/usr/bin/env bash
# Builds the npm package into pkg/: wasm (size profile) → wasm-bindgen (--target web) →
# wasm-opt -Oz (binaryen from npm; Debian's is too old) → the hand-written entry points.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"

cargo build --quiet --lib --target wasm32-unknown-unknown --profile wasm --no-default-features
rm -rf pkg && mkdir -p pkg
wasm-bindgen target/wasm32-unknown-unknown/wasm/prevent_referral.wasm \
  --target web --out-dir pkg --out-name prevent_referral
# The encoder is imported from a hashed snippets/ path; give it a stable name next to the
# glue so that pages can <link rel="modulepreload" href="…/encode.js"> it.
sed -i 's#\./snippets/prevent-referral-[0-9a-f]*/npm/encode\.js#./encode.js#' pkg/prevent_referral.js
grep -Eq "from ['\"]\./encode\.js['\"]" pkg/prevent_referral.js || { echo "build-pkg: the glue no longer imports the encoder as expected" >&2; exit 1; }
mv pkg/snippets/prevent-referral-*/npm/encode.js pkg/encode.js && rm -r pkg/snippets
cp pkg/prevent_referral_bg.wasm target/prevent_referral_bg.before-wasm-opt.wasm
tools/node_modules/.bin/wasm-opt -Oz pkg/prevent_referral_bg.wasm -o pkg/prevent_referral_bg.wasm
# Every hand-written module and declaration file in npm/ ships (package.json "files" says which).
cp npm/*.js npm/*.d.ts npm/README.md pkg/
mkdir -p pkg/form && cp npm/form/*.js pkg/form/
cp LICENSE-MIT LICENSE-APACHE pkg/
version=$(awk -F'"' '/^version = / { print $2; exit }' Cargo.toml)
sed "s/\"version\": \"0.0.0\"/\"version\": \"$version\"/" npm/package.json > pkg/package.json
echo "pkg/: prevent-referral $version"
