#!/usr/bin/env bash
# Kotlin -> Rust benchmark (android/hamrah-kotlin/src/bench): the cost of a
# trivial call and of a soft-token code made in Rust for Kotlin, on the JVM
# with the host build of hamrah-ffi, against a sandbox bank. Runs the Kotlin
# tests first (same build, same sandbox). The library's stripped size is
# ./scripts/ffi-size.sh.
#
# The library measured is the debug build the tests load (the crypto crates
# are optimized even there: see [profile.dev.package.*] in Cargo.toml).
set -euo pipefail
cd "$(dirname "$0")/.."
HAMRAH_KOTLIN_BENCH=1 exec ./scripts/kotlin-test.sh
