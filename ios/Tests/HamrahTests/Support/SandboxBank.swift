import Foundation
import XCTest

/// The sandbox bank, as a real process: `hamrah-sandbox serve` on a free loopback port over TLS,
/// seeded with the demo customers, in its own data directory. Its QA admin API (the SMS outbox:
/// the customer reading her SMS; faults; the ledger check) is reached with curl pinned to the
/// bank's key, since Foundation on Linux cannot pin.
final class SandboxBank: @unchecked Sendable {
    // @unchecked: every stored property is set once in `init` and never mutated; `Process` is
    // only asked to stop.
    let url: String
    /// `sha256/<base64>`, the form the core takes.
    let spkiPin: String
    private let adminToken: String
    private let process: Process
    let dataDirectory: URL

    /// Starts a fresh sandbox; fails the test when the binary is missing or does not start.
    init() throws {
        let binary = try XCTUnwrap(
            ProcessInfo.processInfo.environment["HAMRAH_SANDBOX_BIN"],
            "HAMRAH_SANDBOX_BIN names the hamrah-sandbox binary (scripts/swift-test.sh sets it)")
        dataDirectory = FileManager.default.temporaryDirectory
            .appendingPathComponent("hamrah-sandbox-\(UUID().uuidString)")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: binary)
        process.arguments = [
            "serve", "--addr", "127.0.0.1:0", "--data-dir", dataDirectory.path, "--seed", "demo",
        ]
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        self.process = process
        var banner = ""
        while !banner.contains("X-Admin-Token") {
            let chunk = output.fileHandleForReading.availableData
            if chunk.isEmpty { break }
            banner += String(decoding: chunk, as: UTF8.self)
        }
        func field(after marker: String) -> String? {
            banner.split(separator: "\n").first { $0.contains(marker) }
                .flatMap { $0.components(separatedBy: marker).last }
                .map { $0.trimmingCharacters(in: .whitespaces) }
        }
        url = try XCTUnwrap(field(after: "listening on"), "sandbox banner: \(banner)")
        spkiPin = try XCTUnwrap(field(after: "(SPKI SHA-256):"))
        adminToken = try XCTUnwrap(field(after: "(X-Admin-Token):"))
    }

    /// Stops the bank at once and removes its data. (Ctrl-C would wait for the phones' open
    /// keep-alive connections to close; the ledger was checked before.)
    func stop() {
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        try? FileManager.default.removeItem(at: dataDirectory)
    }

    /// Calls the admin API: `method path` with an optional JSON body; the reply's JSON.
    func admin(_ method: String, _ path: String, json body: [String: Any]? = nil) throws -> Any {
        try call(method, path, json: body, headers: ["X-Admin-Token: \(adminToken)"])
    }

    /// Posts to the bank's public API without a session (the SMS gateway's `sms_inbound`).
    func post(_ path: String, json body: [String: Any]) throws -> Any {
        try call("POST", path, json: body, headers: [])
    }

    private func call(_ method: String, _ path: String, json body: [String: Any]?, headers: [String]) throws -> Any {
        let pin = spkiPin.replacingOccurrences(of: "sha256/", with: "sha256//")
        var arguments = ["-sS", "--fail-with-body", "-k", "--pinnedpubkey", pin, "-X", method]
        for header in headers { arguments += ["-H", header] }
        if let body {
            let data = try JSONSerialization.data(withJSONObject: body)
            arguments += ["-H", "Content-Type: application/json", "--data-binary", String(decoding: data, as: UTF8.self)]
        }
        arguments.append(url + path)
        let curl = Process()
        curl.executableURL = URL(fileURLWithPath: "/usr/bin/curl")
        curl.arguments = arguments
        let output = Pipe()
        curl.standardOutput = output
        try curl.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        curl.waitUntilExit()
        guard curl.terminationStatus == 0 else {
            throw AdminFailure(path: path, status: curl.terminationStatus, body: String(decoding: data, as: UTF8.self))
        }
        // Some admin calls (clearing the faults) answer with no body.
        return data.isEmpty ? NSNull() : try JSONSerialization.jsonObject(with: data)
    }

    /// The newest one-time code the bank sent by SMS to `mobile` (what the customer reads).
    func latestCode(to mobile: String) throws -> String {
        let outbox = try XCTUnwrap(admin("GET", "/admin/sms/\(mobile)") as? [String: Any])
        let items = try XCTUnwrap(outbox["items"] as? [[String: Any]])
        return try XCTUnwrap(items.last { $0["otp"] != nil }?["otp"] as? String, "no code sent to \(mobile)")
    }

    /// Arms a fault for the next `count` calls of `route` (an operationId).
    func arm(_ kind: String, on route: String, count: Int = 1, delayMilliseconds: Int? = nil) throws {
        var rule: [String: Any] = ["route": route, "kind": kind, "count": count]
        if let delayMilliseconds { rule["delay_ms"] = delayMilliseconds }
        _ = try admin("POST", "/admin/faults", json: rule)
    }

    /// How many requests of the operation `operationId` the bank has served (`GET /admin/stats`).
    func served(_ operationId: String) throws -> Int {
        let stats = try XCTUnwrap(admin("GET", "/admin/stats") as? [String: Any])
        let counts = try XCTUnwrap(stats["requests_by_operation"] as? [String: Any])
        return (counts[operationId] as? NSNumber)?.intValue ?? 0
    }

    /// Disarms every fault.
    func clearFaults() throws {
        _ = try admin("DELETE", "/admin/faults")
    }

    /// Whether the ledger balances (every journal entry sums to zero, balances match postings).
    func ledgerBalanced() throws -> Bool {
        let check = try XCTUnwrap(admin("GET", "/admin/ledger/check") as? [String: Any])
        return check["ok"] as? Bool == true
    }

    /// The demo seed: customers with their credentials, accounts and cards, other banks' cards
    /// and SHEBAs, and unpaid bills.
    func seed() throws -> DemoSeed {
        let data = try JSONSerialization.data(withJSONObject: admin("GET", "/admin/seed"))
        return try JSONDecoder().decode(DemoSeed.self, from: data)
    }
}

/// The admin API refused a call.
struct AdminFailure: Error, CustomStringConvertible {
    let path: String
    let status: Int32
    let body: String

    var description: String { "admin \(path): curl exit \(status): \(body)" }
}
