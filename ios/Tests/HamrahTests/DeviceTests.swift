import Foundation
import Hamrah
import XCTest

/// The device key (the desktop signer, in Swift) and quick login behind a local unlock.
final class DeviceTests: BankTestCase {
    /// Logs Sara in and makes sure this phone's key is enrolled at the bank.
    func enrolledSara() async throws -> DemoSeed.Customer {
        let sara = try await logIn("sara.ahmadi")
        let session = phone.hamrah.session()
        if !session.deviceEnrolled() { _ = try await session.enrollDevice() }
        XCTAssertTrue(session.deviceEnrolled())
        return sara
    }

    func testQuickLoginSignsTheBanksChallengeAfterTheUnlock() async throws {
        _ = try await enrolledSara()
        let session = phone.hamrah.session()
        let devices = try await session.devices()
        XCTAssertTrue(devices.contains { $0.current && $0.enrolled }, "this phone is enrolled: \(devices)")
        XCTAssertNotNil(try phone.signer.publicKey())
        _ = try await session.logout()

        let unlock = try PassphraseUnlock(store: phone.secrets, passphrase: "Anar-e-Saveh-1405")
        unlock.willType("not the passphrase")
        do {
            _ = try await session.quickLogin(unlock: unlock)
            XCTFail("a refused unlock must not log in")
        } catch let error as HamrahError {
            XCTAssertEqual(error.code, "platform.unlock_refused")
            XCTAssertFalse(error.messageFa.isEmpty)
        }
        XCTAssertEqual(session.state(), .loggedOut)

        unlock.willType("Anar-e-Saveh-1405")
        let state = try await session.quickLogin(unlock: unlock)
        guard case .active = state else { throw Unexpected(state) }
        XCTAssertFalse(unlock.reasonsShown.first?.titleFa.isEmpty ?? true, "the prompt says why, in Persian")
        let accounts = try await phone.hamrah.accounts().overview().accounts
        XCTAssertFalse(accounts.isEmpty, "signed requests of the quick-login session are accepted")
    }
}
