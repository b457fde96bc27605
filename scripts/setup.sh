#!/usr/bin/env bash
# Installs what the project needs, idempotently: fast when everything is already there.
#   scripts/setup.sh rust   Rust components and the wasm32 target (enough for the CLI demo)
#   scripts/setup.sh node   also Node.js, the npm tools in tools/ (wasm-opt from binaryen,
#                           ajv) and wasm-bindgen-cli (the exact version in Cargo.lock)
#   scripts/setup.sh all    also Debian's Chromium + ChromeDriver for the browser tests
#   scripts/setup.sh python the Rust part, then the Python tools of tools/requirements.txt
#                           (openapi-spec-validator, schemathesis) in tools/.venv
#   scripts/setup.sh postgres the Rust part, then Debian's PostgreSQL server (the server suite
#                           runs on it too, in a throwaway cluster: scripts/pg-cluster.sh)
set -euo pipefail
cd "$(dirname "$0")/.."
what="${1:-all}"
export PATH="$HOME/.cargo/bin:$PATH"

say() { printf '\033[1msetup:\033[0m %s\n' "$*"; }

as_root() {
  if [ "$(id -u)" = 0 ]; then "$@"; elif command -v sudo >/dev/null; then sudo "$@"; else
    echo "setup: need root (or sudo) to run: $*" >&2; exit 1
  fi
}

if ! command -v cargo >/dev/null; then
  echo "setup: cargo not found. Install Rust with rustup (https://rustup.rs) first." >&2
  exit 1
fi

for component in rustfmt clippy; do
  rustup component list --installed 2>/dev/null | grep -q "^$component" || {
    say "adding rustup component $component"; rustup component add "$component"; }
done
rustup target list --installed | grep -q '^wasm32-unknown-unknown$' || {
  say "adding rustup target wasm32-unknown-unknown"; rustup target add wasm32-unknown-unknown; }

[ "$what" = rust ] && exit 0

# PostgreSQL server binaries (initdb, pg_ctl) for the server suite's second pass. Debian
# would also create and start a cluster of its own on port 5432: not wanted, the tests start
# their own, so that is turned off first (unless the machine already says otherwise).
install_postgres() {
  if ! ls /usr/lib/postgresql/*/bin/pg_ctl >/dev/null 2>&1; then
    say "installing postgresql from apt"
    if [ ! -e /etc/postgresql-common/createcluster.conf ]; then
      as_root mkdir -p /etc/postgresql-common
      echo "create_main_cluster = false" | as_root tee /etc/postgresql-common/createcluster.conf >/dev/null
    fi
    as_root apt-get update -qq
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
  fi
}
if [ "$what" = postgres ]; then install_postgres; exit 0; fi

if [ "$what" = python ]; then
  # tools/.venv holds the pinned Python tools; reinstalled only when the pins changed.
  if ! cmp -s tools/requirements.txt tools/.venv/.installed-from-requirements 2>/dev/null; then
    if ! python3 -m venv --help >/dev/null 2>&1 || ! python3 -c 'import ensurepip' 2>/dev/null; then
      say "installing python3-venv from apt"
      as_root apt-get update -qq
      as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq python3 python3-venv >/dev/null
    fi
    say "installing Python tools (tools/requirements.txt) in tools/.venv"
    [ -x tools/.venv/bin/pip ] || python3 -m venv tools/.venv
    tools/.venv/bin/pip install --quiet --disable-pip-version-check -r tools/requirements.txt
    cp tools/requirements.txt tools/.venv/.installed-from-requirements
  fi
  exit 0
fi

if ! command -v node >/dev/null || ! command -v npm >/dev/null; then
  say "installing nodejs and npm from apt"
  as_root apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nodejs npm >/dev/null
fi
# tools/ pins its versions in package-lock.json; `npm ci` only when they changed.
if ! cmp -s tools/package-lock.json tools/node_modules/.installed-from-lock 2>/dev/null; then
  say "installing npm tools (tools/package-lock.json)"
  (cd tools && npm ci --no-audit --no-fund --silent && cp package-lock.json node_modules/.installed-from-lock)
fi

# wasm-bindgen-cli must match the wasm-bindgen crate exactly; Cargo.lock is the truth.
want=$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' Cargo.lock)
have=$(wasm-bindgen --version 2>/dev/null | awk '{print $2}' || true)
if [ -n "$want" ] && [ "$have" != "$want" ]; then
  say "installing wasm-bindgen-cli $want (a few minutes, once)"
  cargo install wasm-bindgen-cli --version "$want" --locked \
    || cargo install wasm-bindgen-cli --version "$want"
fi

[ "$what" = node ] && exit 0

missing=()
command -v chromium >/dev/null || missing+=(chromium)
command -v chromedriver >/dev/null || missing+=(chromium-driver)
command -v brotli >/dev/null || missing+=(brotli)
if [ ${#missing[@]} -gt 0 ]; then
  say "installing ${missing[*]} from apt"
  as_root apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
fi
install_postgres
say "ready"
