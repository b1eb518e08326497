# The two commands a new user needs: `make demo` and `make test`. Each does its own set-up.
SHELL := /bin/bash
export PATH := $(HOME)/.cargo/bin:$(PATH)

.PHONY: setup wasm demo test test-rust test-node dist bench fuzz

setup:
	bash scripts/setup.sh

wasm: setup
	bash scripts/build-wasm.sh

demo: wasm
	@echo "whosaid: serving the page with the seed articles on http://127.0.0.1:8000/"
	python3 -m http.server 8000 --bind 127.0.0.1 --directory www

test-rust: setup
	cargo fmt --check
	cargo clippy --all-targets -- -D warnings
	cargo test --release --no-fail-fast

test-node: wasm
	node --test tests/node/ tests/browser/

test: test-rust test-node

dist: wasm
	bash scripts/dist.sh

bench: wasm
	bash scripts/bench.sh

# cargo-fuzz on analyze for FUZZ_SECONDS (CI runs the default minute; run longer by hand).
FUZZ_SECONDS ?= 60
fuzz: setup
	bash scripts/fuzz.sh $(FUZZ_SECONDS)
