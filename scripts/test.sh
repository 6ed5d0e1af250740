#!/usr/bin/env bash
# Runs every test of Hamrah, on a fresh machine or a warm one.
#
#   ./scripts/test.sh
#
# Installs what is missing (rustfmt, clippy, cargo-fuzz), reuses what is there,
# then runs: formatting, clippy with warnings as errors, every test of the
# workspace (unit, property, vector, CLI, doc and benchmark smoke tests), and
# each fuzz target for a short while.
#
# HAMRAH_FUZZ_SECONDS (default 5) sets how long each fuzz target runs; 0 only builds them.
set -euo pipefail
cd "$(dirname "$0")/.."

fuzz_seconds="${HAMRAH_FUZZ_SECONDS:-5}"
# A whole run gains nothing from incremental compilation, whose caches would
# take about 3 GB more of the disk; CARGO_INCREMENTAL=1 brings them back.
export CARGO_INCREMENTAL="${CARGO_INCREMENTAL:-0}"

step() { printf '\n==> %s\n' "$*"; }
# Free disk space, printed at the start and end so a run that fills the disk says so.
disk() { df -h --output=avail,target . | tail -n 1 | sed 's/^ */disk free: /'; }

ensure_rust_components() {
    for component in rustfmt clippy; do
        if ! rustup component list --installed 2>/dev/null | grep -q "^${component}"; then
            step "installing ${component}"
            rustup component add "${component}"
        fi
    done
}

ensure_cargo_fuzz() {
    if ! cargo fuzz --version >/dev/null 2>&1; then
        step "installing cargo-fuzz"
        cargo install cargo-fuzz --locked
    fi
}

ensure_rust_components
disk

step "formatting"
cargo fmt --all --check
cargo fmt --manifest-path fuzz/Cargo.toml --check

step "clippy"
cargo clippy --workspace --all-targets --locked -- -D warnings

step "the phones' library reads JSON with serde_json's depth limit"
# uniffi's cargo-metadata (needed only by the bindings generator) would turn on
# serde_json's `unbounded_depth`, and a deeply nested reply could then overflow
# a phone's stack; the phones' build must not have it.
if cargo tree -p hamrah-ffi --no-default-features -e features -i serde_json --locked | grep -q unbounded_depth; then
    echo "serde_json's unbounded_depth reaches the phones' library" >&2
    exit 1
fi

step "tests"
cargo test --workspace --all-targets --locked
cargo test --workspace --doc --locked

step "fuzz targets"
ensure_cargo_fuzz
# cargo-fuzz needs nightly-only compiler flags; RUSTC_BOOTSTRAP lets the one
# stable toolchain of these machines accept them.
export RUSTC_BOOTSTRAP=1
cargo fuzz build --sanitizer none
for target in $(cargo fuzz list); do
    if [ "${fuzz_seconds}" -gt 0 ]; then
        mkdir -p "fuzz/corpus/${target}"
        log="$(mktemp)"
        if ! cargo fuzz run --sanitizer none "${target}" -- \
            -max_total_time="${fuzz_seconds}" -print_final_stats=1 >"${log}" 2>&1; then
            cat "${log}"
            echo "fuzz target ${target} failed" >&2
            exit 1
        fi
        grep -E "^stat::number_of_executed_units" "${log}" | sed "s/^/${target}: /" || true
        rm -f "${log}"
    fi
done

step "Kotlin bindings and JUnit tests"; ./scripts/kotlin-test.sh
step "Swift bindings and XCTest tests (Debian trixie root)"; ./scripts/swift-test.sh

disk
step "all tests passed"
