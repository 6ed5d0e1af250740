#!/usr/bin/env bash
# Builds hamrah-ffi, the phones' library, with the size-tuned `mobile` profile
# (opt-level "z", LTO, one codegen unit, symbols stripped, unwinding kept) for
# this host and prints its size. Goal: at most 6 MB, read strictly as
# 6,000,000 bytes (5.72 MiB).
#
#   ./scripts/ffi-size.sh                  # host (x86_64 Linux here)
#   ./scripts/ffi-size.sh --target aarch64-linux-android   # with that target installed (cargo-ndk sets the linker)
set -euo pipefail
cd "$(dirname "$0")/.."

cargo build -q -p hamrah-ffi --lib --profile mobile --no-default-features --locked "$@"
target_dir=target
if [ "${1:-}" = "--target" ]; then target_dir="target/$2"; fi
lib="${target_dir}/mobile/libhamrah_ffi.so"
bytes="$(stat -c %s "${lib}")"
goal=6000000
printf '%s: %s bytes (%.2f MiB), goal %s bytes: %s\n' "${lib}" "${bytes}" \
    "$(echo "${bytes} / 1048576" | bc -l)" "${goal}" "$([ "${bytes}" -le "${goal}" ] && echo met || echo NOT met)"
