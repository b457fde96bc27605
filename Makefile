# Two commands do everything on a fresh machine: `make demo` and `make test`.
# Each installs what it needs first (scripts/setup.sh is idempotent and quick when done).

SHELL := /bin/bash
export PATH := $(HOME)/.cargo/bin:$(PATH)
WASM_TARGET := wasm32-unknown-unknown
CLI := target/release/prevent-referral
REFERRAL_EXAMPLES := $(filter-out %/feedback.json,$(wildcard schemas/examples/valid/*.json))

.PHONY: demo test setup setup-rust lint test-native build-wasm bench generate clean

## demo: build the CLI and run it on the example documents
demo: setup-rust
	cargo build --release --quiet
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
test: setup lint test-native build-wasm

setup:
	scripts/setup.sh all

setup-rust:
	scripts/setup.sh rust

lint:
	cargo fmt --check
	cargo clippy --all-targets -- -D warnings
	cargo clippy --lib --target $(WASM_TARGET) --no-default-features -- -D warnings

test-native:
	cargo test

## build-wasm: the core compiles to WebAssembly (the npm package builds on this)
build-wasm:
	cargo build --lib --release --target $(WASM_TARGET) --no-default-features
	@ls -l target/$(WASM_TARGET)/release/prevent_referral.wasm

## bench: in-process timings and CLI throughput, as ratios against anchors in the same run
bench: setup-rust
	cargo bench --bench validate

## generate: rewrite the derived files (schemas, documentation tables) from the model
generate:
	PREVENT_REFERRAL_BLESS=1 cargo test --quiet --test generated

clean:
	cargo clean
