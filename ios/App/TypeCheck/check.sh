#!/bin/sh
# Type-checks the app's sources (App/Sources: the SwiftUI screens; the platform services are
# behind `#if canImport` of Apple-only modules and drop out) against the stand-ins of this
# folder, the generated bindings and the Swift package `Hamrah`, in Swift 6 mode with the
# package's strictness. Run from ios/ inside the Swift root, by scripts/swift-test.sh.
set -eu
swift build --target Hamrah
modules="$(swift build --show-bin-path)/Modules"
out=.build/typecheck
rm -rf "${out}"
mkdir -p "${out}"
swiftc -swift-version 6 -parse-as-library -enable-upcoming-feature ExistentialAny -warnings-as-errors \
    -emit-module -module-name SwiftUI -emit-module-path "${out}/SwiftUI.swiftmodule" App/TypeCheck/*.swift
# shellcheck disable=SC2046 # the file names have no spaces
swiftc -typecheck -swift-version 6 -parse-as-library -enable-upcoming-feature ExistentialAny -warnings-as-errors \
    -module-name HamrahApp -I "${out}" -I "${modules}" -I Generated/hamrah_ffiFFI \
    $(find App/Sources -name '*.swift' | sort)
# The Xcode target's @main (it needs UIKit for PhoneRoot): syntax only, like the platform
# services' inactive `#if` blocks above.
swiftc -parse -swift-version 6 App/Host/HamrahMain.swift
echo "the app's screens type-check"
