#!/usr/bin/env bash
# Builds the iOS XCFramework of hamrah-ffi and a Swift package that ships it as a binary target.
# Runs on a Mac with Xcode and rustup (it cannot run on Linux: it needs xcodebuild and lipo).
#
#   ./scripts/ios-xcframework.sh [URL]
#
# Produces, in target/ios-xcframework/:
#   hamrah_ffiFFI.xcframework      static libraries for aarch64-apple-ios (devices) and
#                                  aarch64-apple-ios-sim + x86_64-apple-ios (simulators, one fat
#                                  library), each with the UniFFI header and module map
#   hamrah_ffiFFI.xcframework.zip  the same, zipped, with its SwiftPM checksum
#   package/                       a Swift package with the products Hamrah (the generated bindings
#                                  and the Swift layer) and HamrahApp (the app's screens and
#                                  platform services, ios/App/Sources), over the XCFramework
#
# URL is where the zip will be published: the package's binary target is then
# `binaryTarget(url: URL, checksum:)`. Without URL the package is for a local build: the
# XCFramework is copied into it and the binary target is `binaryTarget(path:)`, so Xcode can add
# package/ as a local package as it is (ios/README.md, "Building and running the iOS app").
# HAMRAH_IOS_PROFILE (default `mobile`, the workspace's size-tuned profile) is the cargo
# profile of the iOS libraries.
set -euo pipefail
cd "$(dirname "$0")/.."

if [ "$(uname -s)" != Darwin ] || ! command -v xcodebuild >/dev/null 2>&1; then
    echo "ios-xcframework.sh needs macOS with Xcode (xcodebuild, lipo)" >&2
    exit 2
fi

url="${1:-}"
profile="${HAMRAH_IOS_PROFILE:-mobile}"
out="target/ios-xcframework"
device_target=aarch64-apple-ios
simulator_targets=(aarch64-apple-ios-sim x86_64-apple-ios)

step() { printf '\n==> %s\n' "$*"; }

step "rust targets"
rustup target add "${device_target}" "${simulator_targets[@]}"

step "static libraries (${profile})"
export IPHONEOS_DEPLOYMENT_TARGET=16.0
# hamrah-ffi is a cdylib for the desktop and Android; the static library is made on demand.
for target in "${device_target}" "${simulator_targets[@]}"; do
    cargo rustc -p hamrah-ffi --lib --crate-type staticlib --profile "${profile}" --target "${target}" --locked
done
profile_dir="${profile}"
[ "${profile}" = dev ] && profile_dir=debug

step "Swift bindings, header and module map (from an unstripped host build)"
rm -rf "${out}"
mkdir -p "${out}/generated" "${out}/headers/hamrah_ffiFFI" "${out}/simulator"
cargo build -p hamrah-ffi --locked
target/debug/uniffi-bindgen generate --library target/debug/libhamrah_ffi.dylib \
    --language swift --out-dir "${out}/generated"
cp "${out}/generated/hamrah_ffiFFI.h" "${out}/headers/hamrah_ffiFFI/"
# The module map sits in a folder named after the module, so that Xcode finds it next to other
# frameworks' module maps without a clash.
cp "${out}/generated/hamrah_ffiFFI.modulemap" "${out}/headers/hamrah_ffiFFI/module.modulemap"

step "one fat simulator library"
lipo -create \
    "target/aarch64-apple-ios-sim/${profile_dir}/libhamrah_ffi.a" \
    "target/x86_64-apple-ios/${profile_dir}/libhamrah_ffi.a" \
    -output "${out}/simulator/libhamrah_ffi.a"

step "XCFramework"
xcodebuild -create-xcframework \
    -library "target/${device_target}/${profile_dir}/libhamrah_ffi.a" -headers "${out}/headers" \
    -library "${out}/simulator/libhamrah_ffi.a" -headers "${out}/headers" \
    -output "${out}/hamrah_ffiFFI.xcframework"
(cd "${out}" && ditto -c -k --sequesterRsrc --keepParent \
    hamrah_ffiFFI.xcframework hamrah_ffiFFI.xcframework.zip)
checksum="$(swift package compute-checksum "${out}/hamrah_ffiFFI.xcframework.zip")"

step "Swift package with the binary target"
package="${out}/package"
mkdir -p "${package}/Sources/HamrahBindings" "${package}/Sources/Hamrah" "${package}/Sources/HamrahApp"
cp "${out}/generated/hamrah_ffi.swift" "${package}/Sources/HamrahBindings/"
cp -R ios/Sources/Hamrah/. "${package}/Sources/Hamrah/"
cp -R ios/App/Sources/. "${package}/Sources/HamrahApp/"
if [ -n "${url}" ]; then
    binary="url: \"${url}\", checksum: \"${checksum}\""
else
    cp -R "${out}/hamrah_ffiFFI.xcframework" "${package}/"
    binary='path: "hamrah_ffiFFI.xcframework"'
fi
# '&' and '|' would mean something to sed in the replacement.
binary="$(printf '%s' "${binary}" | sed -e 's/[&|\\]/\\&/g')"
sed -e "s|@BINARY@|${binary}|" ios/Distribution/Package.swift.in >"${package}/Package.swift"

printf '\nxcframework: %s\nzip:         %s\nchecksum:    %s\npackage:     %s\n' \
    "${out}/hamrah_ffiFFI.xcframework" "${out}/hamrah_ffiFFI.xcframework.zip" "${checksum}" "${package}"
