import Foundation
import Hamrah
import XCTest

/// One phone with Hamrah installed: its own data directory and vault, talking to `bank` pinned
/// to the bank's key, as the iPhone app opens it.
struct Phone {
    let hamrah: Hamrah
    let secrets: MemorySecretStore
    let signer: SoftwareDeviceSigner
    let dataDirectory: URL

    /// Installs and opens Hamrah against `bank`.
    static func install(talkingTo bank: SandboxBank) async throws -> Phone {
        let directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("hamrah-phone-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let secrets = MemorySecretStore()
        let signer = SoftwareDeviceSigner(store: secrets)
        let config = HamrahConfig(
            bankUrl: bank.url, spkiPins: [bank.spkiPin], dataDir: directory.path,
            deviceName: "Swift desktop test", devicePlatform: .ios, bankSmsNumber: "+983000717")
        let hamrah = try await Hamrah.open(config: config, secrets: secrets, signer: signer)
        return Phone(hamrah: hamrah, secrets: secrets, signer: signer, dataDirectory: directory)
    }

    /// The same phone after its app was killed: Hamrah opened again on the same data directory,
    /// vault and device key.
    func reopened(talkingTo bank: SandboxBank) async throws -> Phone {
        let config = HamrahConfig(
            bankUrl: bank.url, spkiPins: [bank.spkiPin], dataDir: dataDirectory.path,
            deviceName: "Swift desktop test", devicePlatform: .ios, bankSmsNumber: "+983000717")
        let hamrah = try await Hamrah.open(config: config, secrets: secrets, signer: signer)
        return Phone(hamrah: hamrah, secrets: secrets, signer: signer, dataDirectory: dataDirectory)
    }

    /// Logs `customer` in with username and password; on this new device the bank sends an SMS
    /// code, which the customer reads and types.
    func logIn(_ customer: DemoSeed.Customer, bank: SandboxBank) async throws {
        let session = hamrah.session()
        var state = try await session.login(
            username: try XCTUnwrap(customer.username), password: try XCTUnwrap(customer.password))
        if case .loginCodeSent = state {
            state = try await session.verifyLogin(code: bank.latestCode(to: customer.mobile))
        }
        guard case .active = state else { return XCTFail("not logged in: \(state)") }
    }

    /// The bank's balance of `accountId`, as the app shows it.
    func balance(of accountId: String) async throws -> Int64 {
        let accounts = try await hamrah.accounts().overview().accounts
        return try XCTUnwrap(accounts.first { $0.accountId == accountId }).balanceRials
    }

    /// Removes the phone's files.
    func uninstall() {
        try? FileManager.default.removeItem(at: dataDirectory)
    }
}
