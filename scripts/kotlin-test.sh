#!/usr/bin/env bash
# The Kotlin side on the desktop: the generated bindings, the hand-written
# Kotlin library (android/hamrah-kotlin) and its JUnit tests against the
# sandbox bank, on the plain JVM with the host build of hamrah-ffi.
#
#   ./scripts/kotlin-test.sh
#
# Installs what is missing (libjna-java and junit4 from apt; the Kotlin
# compiler from npm into ~/.cache/hamrah/kotlin, reused), builds hamrah-ffi and
# the sandbox (debug), regenerates the bindings and fails when they are stale
# (scripts/kotlin-bindings.sh), compiles with kotlinc, type-checks the app's
# Compose screens against the bindings and the layer (stand-ins for Compose in
# android/app/typecheck: a change of the bindings that breaks a screen fails here), starts
# `hamrah-sandbox serve` on a free loopback port (its URL, SPKI pin and admin
# token go to the tests as system properties), runs JUnit, stops the sandbox.
#
# HAMRAH_KOTLIN_BENCH=1 runs the benchmark (android/hamrah-kotlin/src/bench) after
# the tests, against the same sandbox (scripts/kotlin-bench.sh does that).
set -euo pipefail
cd "$(dirname "$0")/.."

kotlin_version=2.4.20
cache="${HAMRAH_KOTLIN_CACHE:-${HOME}/.cache/hamrah/kotlin}"
build=target/kotlin
lib=android/hamrah-kotlin

step() { printf '\n==> %s\n' "$*"; }
as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }

ensure_tools() {
    if [ ! -f /usr/share/java/jna.jar ] || [ ! -f /usr/share/java/junit4.jar ]; then
        step "installing libjna-java and junit4"
        as_root apt-get update -qq
        as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq libjna-java junit4 >/dev/null
    fi
    if [ ! -x "${cache}/package/bin/kotlinc-jvm" ]; then
        step "installing the Kotlin compiler ${kotlin_version} into ${cache}"
        mkdir -p "${cache}"
        (cd "${cache}" && npm pack --silent "kotlin-compiler@${kotlin_version}" >/dev/null \
            && tar xzf "kotlin-compiler-${kotlin_version}.tgz" && rm -f "kotlin-compiler-${kotlin_version}.tgz")
    fi
}

ensure_tools
K="${cache}/package/lib"
kotlinc="${cache}/package/bin/kotlinc-jvm"
CP="/usr/share/java/jna.jar:${K}/kotlinx-coroutines-core-jvm.jar:/usr/share/java/junit4.jar:${K}/kotlin-test.jar:${K}/kotlin-test-junit.jar"
RUN_CP="${CP}:${K}/kotlin-stdlib.jar:/usr/share/java/hamcrest-core.jar"

step "bindings (generated, checked for staleness)"
./scripts/kotlin-bindings.sh --check
cargo build -q -p hamrah-sandbox --bin hamrah-sandbox --locked

step "compiling the Kotlin library and its tests"
rm -rf "${build}/classes" "${build}/test-classes"
"${kotlinc}" -nowarn -cp "${CP}" -d "${build}/classes" \
    "${build}/generated" "${lib}/src/main/kotlin" 2>&1 | grep -v '^warning' || true
[ -d "${build}/classes/ir/hamrah/kotlin" ] || { echo "kotlinc failed (main)" >&2; exit 1; }
"${kotlinc}" -nowarn -cp "${CP}:${build}/classes" -d "${build}/test-classes" \
    "${lib}/src/test/kotlin" 2>&1 | grep -v '^warning' || true
[ -d "${build}/test-classes/ir/hamrah/kotlin" ] || { echo "kotlinc failed (tests)" >&2; exit 1; }

step "type-checking the app's screens against the bindings and the Kotlin layer (android/app/typecheck)"
rm -rf "${build}/app-check"
"${kotlinc}" -nowarn -cp "${CP}:${build}/classes" -d "${build}/app-check" \
    android/app/typecheck android/app/src/main/kotlin/ir/hamrah/app/ui 2>&1 | grep -v '^warning' || true
[ -d "${build}/app-check/ir/hamrah/app/ui" ] || { echo "the app's screens do not type-check" >&2; exit 1; }

step "starting the sandbox bank"
data="$(mktemp -d)"
admin_token="kotlin-$(od -An -N12 -tx1 /dev/urandom | tr -d ' \n')"
target/debug/hamrah-sandbox serve --addr 127.0.0.1:0 --seed demo --data-dir "${data}/bank" \
    --admin-token "${admin_token}" >"${data}/sandbox.log" 2>&1 &
sandbox_pid=$!
cleanup() { kill "${sandbox_pid}" 2>/dev/null || true; wait "${sandbox_pid}" 2>/dev/null || true; rm -rf "${data}"; }
trap cleanup EXIT
for _ in $(seq 1 100); do
    grep -q '^Admin token' "${data}/sandbox.log" 2>/dev/null && break
    kill -0 "${sandbox_pid}" 2>/dev/null || { cat "${data}/sandbox.log" >&2; exit 1; }
    sleep 0.1
done
url="$(sed -n 's/^Hamrah sandbox bank listening on //p' "${data}/sandbox.log")"
pin="$(sed -n 's/^TLS pin (SPKI SHA-256): //p' "${data}/sandbox.log")"
[ -n "${url}" ] && [ -n "${pin}" ] || { cat "${data}/sandbox.log" >&2; exit 1; }
echo "sandbox: ${url}"

step "JUnit (Kotlin on the JVM, host build of hamrah-ffi)"
tests="$(cd "${build}/test-classes" && find . -name '*Test.class' ! -name '*$*' | sed 's|^\./||; s|\.class$||; s|/|.|g' | sort)"
java -Djna.library.path=target/debug \
    -Dhamrah.sandbox.url="${url}" -Dhamrah.sandbox.pin="${pin}" -Dhamrah.sandbox.admin_token="${admin_token}" \
    -Dhamrah.data_dir="${data}" \
    -cp "${build}/classes:${build}/test-classes:${RUN_CP}" org.junit.runner.JUnitCore ${tests}

if [ "${HAMRAH_KOTLIN_BENCH:-0}" = "1" ]; then
    step "Kotlin -> Rust benchmark"
    rm -rf "${build}/bench-classes"
    "${kotlinc}" -nowarn -cp "${CP}:${build}/classes:${build}/test-classes" -d "${build}/bench-classes" \
        "${lib}/src/bench/kotlin" 2>&1 | grep -v '^warning' || true
    echo "library: ${HAMRAH_BENCH_LIB_DIR:-target/debug}/libhamrah_ffi.so"
    java -Djna.library.path="${HAMRAH_BENCH_LIB_DIR:-target/debug}" \
        -Dhamrah.sandbox.url="${url}" -Dhamrah.sandbox.pin="${pin}" -Dhamrah.sandbox.admin_token="${admin_token}" \
        -Dhamrah.data_dir="${data}" \
        -cp "${build}/classes:${build}/test-classes:${build}/bench-classes:${RUN_CP}" ir.hamrah.kotlin.bench.BenchKt
fi
