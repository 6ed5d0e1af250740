#!/usr/bin/env bash
# Generates the Swift bindings of hamrah-ffi into ios/Generated (never committed: the Swift
# file, the C header, a module map and the host library) and checks them against the API
# surface the Swift layer and the app were written and compiled against
# (ios/api/hamrah_ffi.swift.api), as scripts/kotlin-bindings.sh does for Kotlin.
#
#   ./scripts/swift-bindings.sh            # build, generate, fail if the surface changed
#   ./scripts/swift-bindings.sh --update   # build, generate, rewrite the committed surface
#
# The surface is every public declaration of the generated Swift (types, functions,
# protocols, properties, enum cases and their fields) plus UniFFI's checksum of every exported
# function and method, which changes with any change of a Rust signature.
set -euo pipefail
cd "$(dirname "$0")/.."

mode="${1:---check}"
generated=ios/Generated
api=ios/api/hamrah_ffi.swift.api

cargo build -q -p hamrah-ffi --locked
rm -rf "${generated}"
mkdir -p "${generated}/HamrahBindings" "${generated}/hamrah_ffiFFI" "${generated}/lib"
target/debug/uniffi-bindgen generate --library target/debug/libhamrah_ffi.so \
    --language swift --out-dir "${generated}/HamrahBindings" --no-format >/dev/null
mv "${generated}/HamrahBindings/hamrah_ffiFFI.h" "${generated}/hamrah_ffiFFI/"
# UniFFI's own module map names Darwin; this one also links the library.
rm "${generated}/HamrahBindings/hamrah_ffiFFI.modulemap"
cat >"${generated}/hamrah_ffiFFI/module.modulemap" <<'MODULEMAP'
module hamrah_ffiFFI {
    header "hamrah_ffiFFI.h"
    link "hamrah_ffi"
    export *
}
MODULEMAP
cp target/debug/libhamrah_ffi.so "${generated}/lib/"
swift_file="${generated}/HamrahBindings/hamrah_ffi.swift"

# Public declarations and enum cases (comments dropped, one per line) and the checksums.
surface() {
    awk '
        {
            line = $0; out = ""
            while (length(line) > 0) {
                if (in_comment) {
                    i = index(line, "*/")
                    if (i == 0) { line = ""; break }
                    line = substr(line, i + 2); in_comment = 0
                } else {
                    i = index(line, "/*")
                    if (i == 0) { out = out line; line = "" }
                    else { out = out substr(line, 1, i - 1); line = substr(line, i + 2); in_comment = 1 }
                }
            }
            if (out ~ /^[[:space:]]*\/\//) next
            gsub(/^[[:space:]]+|[[:space:]]+$/, "", out)
            if (out != "") print out
        }
    ' "$1" | grep -E \
        -e '^(public|open)[[:space:]]' \
        -e '^case[[:space:]]' \
        -e '^[a-z][A-Za-z0-9]*: [^=]*,?$' \
        -e 'checksum_[a-z0-9_]+\(\) != [0-9]+' \
        | grep -v 'FfiConverter' | sed -E 's/[[:space:]]+/ /g'
}

case "${mode}" in
    --update)
        mkdir -p "$(dirname "${api}")"
        surface "${swift_file}" >"${api}"
        echo "updated ${api} ($(wc -l <"${api}") lines)"
        ;;
    --check)
        mkdir -p target/swift
        if ! diff -u "${api}" <(surface "${swift_file}") >target/swift/api.diff; then
            cat target/swift/api.diff >&2
            echo "the generated Swift bindings differ from ${api}: the Rust API of hamrah-ffi changed." >&2
            echo "Review the Swift layer (ios/Sources/Hamrah), the app and the tests, then run" >&2
            echo "./scripts/swift-bindings.sh --update" >&2
            exit 1
        fi
        echo "Swift bindings up to date (${swift_file})"
        ;;
    *)
        echo "usage: $0 [--check|--update]" >&2
        exit 2
        ;;
esac
