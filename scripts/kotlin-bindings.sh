#!/usr/bin/env bash
# Generates the Kotlin bindings of hamrah-ffi into target/kotlin/generated (never
# committed) and checks them against the API surface the Kotlin layer was
# written and compiled against (android/hamrah-kotlin/api/hamrah_ffi.api).
#
#   ./scripts/kotlin-bindings.sh            # build, generate, fail if the surface changed
#   ./scripts/kotlin-bindings.sh --update   # build, generate, rewrite the committed surface
#
# The surface is every public declaration of the generated Kotlin (classes,
# functions, fields, enum entries) plus UniFFI's checksum of every exported
# function and method, which changes with any change of a Rust signature. A
# change of the Rust API therefore fails the check until the surface is
# updated (and the Kotlin layer and app reviewed against it).
set -euo pipefail
cd "$(dirname "$0")/.."

mode="${1:---check}"
out=target/kotlin/generated
api=android/hamrah-kotlin/api/hamrah_ffi.api

cargo build -q -p hamrah-ffi --locked
rm -rf "${out}"
target/debug/uniffi-bindgen generate --library target/debug/libhamrah_ffi.so \
    --language kotlin --out-dir "${out}" --no-format >/dev/null
generated="${out}/ir/hamrah/ffi/hamrah_ffi.kt"

# Public declarations (comments, private and internal parts dropped) and the checksums.
surface() {
    awk '
        /^[[:space:]]*\/\*/ { in_comment = 1 }
        # A comment may end where a declaration starts (`*/ fun amountText(...)`): keep the rest.
        in_comment {
            if ($0 !~ /\*\//) next
            in_comment = 0
            sub(/^.*\*\//, "")
            if ($0 !~ /[^[:space:]]/) next
        }
        /^[[:space:]]*\/\// { next }
        { print }
    ' "$1" | sed -E 's/[[:space:]]+$//' | grep -E \
        -e '^[[:space:]]*((public|open|sealed|data|enum|abstract|override|suspend|companion|operator)[[:space:]]+)*(class|interface|object|fun|val|var)[[:space:]]' \
        -e '^[[:space:]]*[A-Z][A-Z0-9_]*[,;]?$' \
        -e 'checksum_[a-z0-9_]+\(\) and 0xFFFF\) != [0-9]+' \
        | grep -vE '^[[:space:]]*(private|internal|protected)[[:space:]]' \
        | sed -E 's/^[[:space:]]+//' \
        | grep -vE '^(val|var) [A-Za-z_][A-Za-z0-9_]* ='
}

case "${mode}" in
    --update)
        mkdir -p "$(dirname "${api}")"
        surface "${generated}" >"${api}"
        echo "updated ${api} ($(wc -l <"${api}") lines)"
        ;;
    --check)
        if ! diff -u "${api}" <(surface "${generated}") >target/kotlin/api.diff; then
            cat target/kotlin/api.diff >&2
            echo "the generated Kotlin bindings differ from ${api}: the Rust API of hamrah-ffi changed." >&2
            echo "Review the Kotlin layer and the app, then run ./scripts/kotlin-bindings.sh --update" >&2
            exit 1
        fi
        echo "bindings up to date (${generated})"
        ;;
    *)
        echo "usage: $0 [--check|--update]" >&2
        exit 2
        ;;
esac
