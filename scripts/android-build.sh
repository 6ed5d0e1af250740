#!/usr/bin/env bash
# Builds the Android app and the Kotlin library's AAR on a workstation with
# the Android SDK, the NDK (r27+) and cargo-ndk. It cannot run on the Linux CI
# machines of this project (no SDK there); see android/README.md.
#
#   ./scripts/android-build.sh            # release AAR + debug APK
#
# 1. hamrah-ffi for arm64-v8a, armeabi-v7a and x86_64 with cargo-ndk, `mobile`
#    profile, linked with 16 KB page alignment (Android 15+ devices with 16 KB
#    pages refuse 4 KB-aligned libraries), into android/hamrah-kotlin/build/rustJniLibs/<abi>/,
#    as a cdylib alone (`rustc --crate-type cdylib`, see scripts/ffi-size.sh: 1.15 MB smaller);
# 2. the Kotlin bindings, generated from the host's debug build (a stripped
#    library has no UniFFI metadata) and checked for staleness;
# 3. Gradle: android/hamrah-kotlin's release AAR and android/app's debug APK.
set -euo pipefail
cd "$(dirname "$0")/.."

: "${ANDROID_NDK_HOME:?set ANDROID_NDK_HOME to the NDK (r27 or newer)}"
command -v cargo-ndk >/dev/null || cargo install cargo-ndk --locked
rustup target add aarch64-linux-android armv7-linux-androideabi x86_64-linux-android

jni=android/hamrah-kotlin/build/rustJniLibs
export RUSTFLAGS="${RUSTFLAGS:-} -C link-arg=-Wl,-z,max-page-size=16384"
cargo ndk --platform 28 -t arm64-v8a -t armeabi-v7a -t x86_64 -o "${jni}" \
    rustc -p hamrah-ffi --lib --crate-type cdylib --profile mobile --no-default-features --locked
for abi in arm64-v8a armeabi-v7a x86_64; do
    lib="${jni}/${abi}/libhamrah_ffi.so"
    # Every LOAD segment must be aligned to 16 KB (0x4000) or more.
    if "${ANDROID_NDK_HOME}"/toolchains/llvm/prebuilt/*/bin/llvm-readelf -lW "${lib}" \
        | awk '$1 == "LOAD" && strtonum($NF) < 16384 { bad = 1 } END { exit bad }'; then
        printf '%-12s %9d bytes, 16 KB aligned\n' "${abi}" "$(stat -c %s "${lib}")"
    else
        echo "${lib} is not 16 KB aligned" >&2
        exit 1
    fi
done

./scripts/kotlin-bindings.sh --check

(cd android && gradle --no-daemon :hamrah-kotlin:assembleRelease :app:assembleDebug)
ls -l android/hamrah-kotlin/build/outputs/aar/*.aar android/app/build/outputs/apk/debug/*.apk
