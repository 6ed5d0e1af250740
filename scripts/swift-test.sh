#!/usr/bin/env bash
# Runs the Swift package's tests (ios/) on this Linux machine, against the host build of
# hamrah-ffi and the sandbox bank.
#
#   ./scripts/swift-test.sh [swift test arguments, e.g. --filter CardTransferTests]
#
# 1. ensures the Debian trixie root with Swift 6 (scripts/swift-root.sh; first run ~2 min),
# 2. builds hamrah-ffi (debug, unstripped: the bindings are generated from it) and the sandbox,
# 3. generates the Swift bindings, the C header and a module map into ios/Generated/ and fails
#    when they are stale against ios/api/hamrah_ffi.swift.api (scripts/swift-bindings.sh),
# 4. copies the package, the library and the sandbox bank's binary into this checkout's own
#    directory in the root (/hamrah/<checkout>-<hash of its path>: worktrees running at the same
#    time do not overwrite each other; the package's .build is kept there between runs),
# 5. type-checks the app's SwiftUI screens against stand-ins of the SwiftUI calls they make, the
#    generated bindings and the Swift layer (ios/App/TypeCheck): a change of the bindings or of
#    the layer that breaks a screen fails here,
# 6. runs `swift test` inside the root; each test starts its own sandbox bank on a free port.
set -euo pipefail
cd "$(dirname "$0")/.."

root_dir="$(./scripts/swift-root.sh path)"
checkout="$(pwd -P)"
inside="/hamrah/$(basename "${checkout}")-$(printf '%s' "${checkout}" | sha256sum | cut -c1-8)"
sandbox_inside="${inside}/bin/hamrah-sandbox"

step() { printf '\n==> swift: %s\n' "$*"; }

# Sandbox banks a killed test run left behind (found by their binary, inside the root).
stop_leftover_banks() {
    local pid
    for pid in $(pgrep -x hamrah-sandbox || true); do
        if [ "$(readlink "/proc/${pid}/exe" 2>/dev/null)" = "${root_dir}${sandbox_inside}" ]; then
            kill -9 "${pid}" 2>/dev/null || true
        fi
    done
}

step "Swift root"
./scripts/swift-root.sh

step "bindings (generated, checked for staleness) and the sandbox bank"
./scripts/swift-bindings.sh --check
cargo build -q -p hamrah-sandbox --bin hamrah-sandbox --locked

step "copying the package into the root"
mkdir -p "${root_dir}${inside}/ios" "${root_dir}${inside}/bin"
find "${root_dir}${inside}/ios" -mindepth 1 -maxdepth 1 ! -name .build -exec rm -rf {} +
tar -C ios --exclude=./.build -cf - . | tar -C "${root_dir}${inside}/ios" -xf -
cp target/debug/hamrah-sandbox "${root_dir}${sandbox_inside}"

step "type-checking the app's screens (ios/App/TypeCheck)"
./scripts/swift-root.sh run sh -c "cd ${inside}/ios && exec sh App/TypeCheck/check.sh"

step "swift test"
trap stop_leftover_banks EXIT
./scripts/swift-root.sh run env HAMRAH_SANDBOX_BIN="${sandbox_inside}" \
    sh -c "cd ${inside}/ios && exec swift test \"\$@\"" swift-test "$@"
