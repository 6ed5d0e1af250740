// swift-tools-version:6.0
// Hamrah's Swift package for development and tests: the generated UniFFI bindings over a host
// build of hamrah-ffi, the hand-written Swift layer `Hamrah`, the app's code `HamrahApp` (SwiftUI
// and Apple platform services behind `#if canImport`), and XCTest tests.
//
// `scripts/swift-test.sh` fills Generated/ (bindings, header, module map and the library) and
// runs `swift test`. Apps ship the package of `scripts/ios-xcframework.sh` instead (a binary target).
import Foundation
import PackageDescription

/// Where scripts/swift-test.sh puts libhamrah_ffi (linked, and found at run time through rpath).
let libraryDirectory = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent()
    .appendingPathComponent("Generated/lib")
    .path

/// Swift 6 language mode is the default of tools 6.0; every warning (strict concurrency
/// included) is an error in the hand-written code.
let strict: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .unsafeFlags(["-warnings-as-errors"]),
]

let package = Package(
    name: "Hamrah",
    platforms: [.iOS(.v17), .macOS(.v14)],
    products: [
        .library(name: "Hamrah", targets: ["Hamrah"]),
        .library(name: "HamrahApp", targets: ["HamrahApp"]),
    ],
    targets: [
        .systemLibrary(name: "hamrah_ffiFFI", path: "Generated/hamrah_ffiFFI"),
        .target(
            name: "HamrahBindings",
            dependencies: ["hamrah_ffiFFI"],
            path: "Generated/HamrahBindings",
            linkerSettings: [
                .unsafeFlags([
                    "-L\(libraryDirectory)", "-Xlinker", "-rpath", "-Xlinker", libraryDirectory,
                ]),
            ]
        ),
        .target(name: "Hamrah", dependencies: ["HamrahBindings"], swiftSettings: strict),
        .target(
            name: "HamrahApp",
            dependencies: ["Hamrah"],
            path: "App/Sources",
            swiftSettings: strict
        ),
        // OpenSSL's P-256 for the tests' desktop DeviceSigner on Linux (CryptoKit elsewhere).
        .systemLibrary(name: "COpenSSL", path: "Tests/COpenSSL"),
        // Linux only: the symbol Debian's Swift 6.0.3 Observation library misses (Tests/LinuxObservationFix).
        .target(name: "LinuxObservationFix", path: "Tests/LinuxObservationFix"),
        .testTarget(
            name: "HamrahTests",
            dependencies: [
                "Hamrah", "HamrahApp",
                .target(name: "COpenSSL", condition: .when(platforms: [.linux])),
                .target(name: "LinuxObservationFix", condition: .when(platforms: [.linux])),
            ],
            swiftSettings: strict
        ),
    ],
    swiftLanguageModes: [.v6]
)
