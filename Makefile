# Two commands do everything on a fresh machine: `make demo` and `make test`.
# Each installs what it needs first (scripts/setup.sh is idempotent and quick when done).

SHELL := /bin/bash
export PATH := $(HOME)/.cargo/bin:$(PATH)
WASM_TARGET := wasm32-unknown-unknown
CLI := target/release/prevent-referral
REFERRAL_EXAMPLES := $(filter-out %/feedback.json,$(wildcard schemas/examples/valid/*.json))

.PHONY: demo demo-cli test setup setup-rust setup-node lint test-native build-wasm test-wasm pkg size \
	test-pkg test-browser bench bench-wasm bench-form screenshots generate clean \
	setup-python test-openapi test-schemathesis bench-server setup-postgres test-server-postgres fuzz-smoke differential differential-quick

## demo: the form and a Prevent team's receiving service on http://127.0.0.1:8080
## (prevent-referral-server; data in demo-data/, a demo team token made once and printed; Ctrl-C stops it)
demo: setup pkg
	cargo build --release -p prevent-referral-server
	@umask 077; mkdir -p demo-data; if [ ! -s demo-data/demo-team-token ]; then \
		target/release/prevent-referral-server token create --data demo-data \
			--name "Demo team $$(date +%Y%m%d%H%M%S)" | tail -n 1 > demo-data/demo-team-token; fi
	@echo; echo "== demo team token (Authorization: Bearer ...): $$(cat demo-data/demo-team-token)"
	@echo "== open http://127.0.0.1:8080 in a browser (Ctrl-C stops the server)"; echo
	target/release/prevent-referral-server --data demo-data

## demo-cli: build the CLI and run it on the example documents
demo-cli: setup-rust
	cargo build --release --quiet -p prevent-referral-cli
	@echo; echo "== prevent-referral validate (valid referral examples)"
	$(CLI) validate $(REFERRAL_EXAMPLES)
	@echo; echo "== prevent-referral validate --kind feedback"
	$(CLI) validate --kind feedback schemas/examples/valid/feedback.json
	@echo; echo "== prevent-referral validate (invalid examples: exit status 1 is expected)"
	-$(CLI) validate schemas/examples/invalid/*-*.json
	@echo; echo "== prevent-referral validate --lang cy --format json (one line per file)"
	-$(CLI) validate --lang cy --format json schemas/examples/invalid/missing-postcode.json
	@echo; echo "== prevent-referral normalise (postcode, NHS number and email domain in normal form)"
	$(CLI) normalise schemas/examples/valid/full-referral.json | head -n 40

## test: everything CI runs
test: setup lint test-native test-server-postgres build-wasm test-wasm test-pkg size test-browser test-openapi \
	test-schemathesis differential-quick

setup:
	scripts/setup.sh all

setup-rust:
	scripts/setup.sh rust

setup-node:
	scripts/setup.sh node

setup-python:
	scripts/setup.sh python

lint:
	cargo fmt --all --check
	cargo clippy --workspace --all-targets -- -D warnings
	cargo clippy --lib --target $(WASM_TARGET) --no-default-features -- -D warnings
	cargo clippy --target $(WASM_TARGET) --no-default-features --test wasm -- -D warnings

test-native:
	cargo test --workspace

## test-server-postgres: the whole prevent-referral-server suite again on PostgreSQL (a throwaway
## cluster in /tmp on a free port, stopped and removed even when a test fails; in /tmp because
## the cluster runs as the user postgres, who may not reach into a checkout under /root)
test-server-postgres: setup-postgres
	scripts/pg-cluster.sh run "$$(mktemp -d /tmp/prevent-referral-pg.XXXXXX)" -- \
		cargo test -p prevent-referral-server

setup-postgres:
	scripts/setup.sh postgres

## test-openapi: schemas/receiving-api-1.0.openapi.json is valid OpenAPI 3.1 (openapi-spec-validator)
test-openapi: setup-python
	scripts/openapi-check.sh

## test-schemathesis: the running prevent-referral-server fuzzed against its OpenAPI description
test-schemathesis: setup-python
	scripts/schemathesis.sh

## build-wasm: the core compiles to WebAssembly (the npm package builds on this)
build-wasm:
	cargo build --lib --release --target $(WASM_TARGET) --no-default-features
	@ls -l target/$(WASM_TARGET)/release/prevent_referral.wasm

## test-wasm: the conformance fixtures and hostile values through the wasm API, in Node
## and in headless Chromium (wasm-bindgen-test; the runner is set in .cargo/config.toml)
test-wasm: setup
	cargo test --target $(WASM_TARGET) --no-default-features --test wasm
	CHROMEDRIVER=/usr/bin/chromedriver WASM_BINDGEN_USE_BROWSER=1 \
		cargo test --target $(WASM_TARGET) --no-default-features --test wasm

## pkg: the npm package in pkg/ (wasm-opt from the npm binaryen package)
pkg: setup-node
	scripts/build-pkg.sh

## test-pkg: npm pack, install the tarball offline in a scratch folder, run node --test there:
## the API (import and require), tsc --strict over every export, the schemas in Ajv's strict
## mode, esbuild bundles and the README's page in Chromium (so it needs setup's Chromium)
test-pkg: setup pkg
	scripts/test-pkg.sh

## size: raw/opt/gzip/brotli sizes of the wasm; fails above 60 KiB gzip
size: pkg
	scripts/size.sh

## bench-wasm: our package against ajv compiled from our schema, steady state and cold start
bench-wasm: pkg
	node bench/wasm.mjs

## test-browser: the demo page in headless Chromium (Playwright, axe-core) against prevent-referral-server
test-browser: setup pkg
	cargo build --release --quiet -p prevent-referral-cli -p prevent-referral-server
	node --test tests/browser/

## bench-form: page load to a usable form, and keystroke to updated inline error, in Chromium
bench-form: setup pkg
	cargo build --release --quiet -p prevent-referral-server
	node tests/browser/bench-form.mjs

## screenshots: docs/screenshots/*.png (empty, errors, Welsh, section page, check answers, confirmation)
screenshots: setup pkg
	cargo build --release --quiet -p prevent-referral-server
	node tests/browser/screenshots.mjs

## bench: in-process timings and CLI throughput, as ratios against anchors in the same run
bench: setup-rust
	cargo bench -p prevent-referral-cli --bench validate
	cargo bench -p prevent-referral --bench limits

## bench-server: referrals accepted per second and p50/p99 latency of prevent-referral-server,
## against /healthz on the same server and the CLI validating the same documents; then the audit
## log's page times at 1,000,000 entries against /healthz; SQLite and PostgreSQL (a throwaway
## cluster) side by side; then the team's export of 2,000 and 50,000 referrals with 64 KB
## extensions (time, memory growth, ratio to intake and /healthz; SQLite)
bench-server: setup-rust setup-postgres
	cargo build --release --quiet -p prevent-referral-cli
	scripts/pg-cluster.sh run "$$(mktemp -d /tmp/prevent-referral-pg.XXXXXX)" -- \
		cargo bench -p prevent-referral-server --bench intake
	scripts/pg-cluster.sh run "$$(mktemp -d /tmp/prevent-referral-pg.XXXXXX)" -- \
		cargo bench -p prevent-referral-server --bench audit
	cargo bench -p prevent-referral-server --bench export

## differential: 100,000 generated documents (valid and single-fault, from the model) judged by
## the native validator, the wasm package in Node, Ajv and Python jsonschema; 2,000 in `make test`
differential: setup pkg setup-python
	scripts/differential.sh 100000

differential-quick: setup pkg setup-python
	scripts/differential.sh 2000

## fuzz-smoke: each cargo-fuzz target (fuzz/) for 60 s from its committed corpus; fails on a
## crash (nightly; not part of `make test`)
fuzz-smoke:
	scripts/fuzz-smoke.sh

## generate: rewrite the derived files (schemas, documentation tables) from the model
generate:
	PREVENT_REFERRAL_BLESS=1 cargo test --quiet --test generated

clean:
	cargo clean
