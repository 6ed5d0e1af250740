#!/usr/bin/env bash
# Kotlin -> Rust benchmark (android/hamrah-kotlin/src/bench): the cost of a
# trivial call and of a soft-token code made in Rust for Kotlin, on the JVM
# with the host build of hamrah-ffi, against a sandbox bank. Runs the Kotlin
# tests first (same build, same sandbox). The library's stripped size is
# ./scripts/ffi-size.sh.
#
# The tests load the debug build; the benchmark loads the phones' build (the
# size-tuned `mobile` profile, made by ./scripts/ffi-size.sh), as an app would.
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/ffi-size.sh
HAMRAH_BENCH_LIB_DIR=target/mobile HAMRAH_KOTLIN_BENCH=1 exec ./scripts/kotlin-test.sh
