#!/usr/bin/env bash
# Builds hamrah-ffi, the phones' library, with the size-tuned `mobile` profile
# (opt-level "z", LTO, one codegen unit, symbols stripped, unwinding kept) for
# this host and prints its size. Goal: at most 6 MB, read strictly as
# 6,000,000 bytes (5.72 MiB).
#
# Built as a cdylib alone (`cargo rustc --crate-type cdylib`, as the iOS
# script builds its staticlib alone): with the crate's `lib` (rlib) type beside
# it, every public Rust item counts as exported, so LTO may internalize none of
# them and they are all called through the GOT; alone, the library exports only
# its C ABI and LTO drops or inlines the rest (-1.15 MB).
#
#   ./scripts/ffi-size.sh                  # host (x86_64 Linux here)
#   ./scripts/ffi-size.sh --target aarch64-linux-android   # with that target installed (cargo-ndk sets the linker)
set -euo pipefail
cd "$(dirname "$0")/.."

cargo rustc -q -p hamrah-ffi --lib --crate-type cdylib --profile mobile --no-default-features --locked "$@"
target_dir=target
if [ "${1:-}" = "--target" ]; then target_dir="target/$2"; fi
lib="${target_dir}/mobile/libhamrah_ffi.so"
bytes="$(stat -c %s "${lib}")"
goal=6000000
printf '%s: %s bytes (%.2f MiB), goal %s bytes: %s\n' "${lib}" "${bytes}" \
    "$(echo "${bytes} / 1048576" | bc -l)" "${goal}" "$([ "${bytes}" -le "${goal}" ] && echo met || echo NOT met)"
