import Foundation
import Hamrah
import XCTest

/// Activation and login through the Swift layer, against the sandbox bank.
final class SessionTests: BankTestCase {
    func testActivationWithSmsCodeThenLoginOnTheNowKnownDevice() async throws {
        let maryam = try XCTUnwrap(seed.notActivated)
        let card = try XCTUnwrap(maryam.cards.first)
        let session = phone.hamrah.session()

        var state = try await session.startActivation(
            nationalId: maryam.nationalId, mobile: maryam.mobile, birthDate: maryam.birthDate,
            pan: card.pan, expiry: card.expiry)
        guard case let .activationCodeSent(masked, secondsLeft) = state else {
            return XCTFail("expected the activation code to be sent, got \(state)")
        }
        XCTAssertFalse(masked.contains(maryam.mobile), "the mobile is shown masked")
        XCTAssertGreaterThan(secondsLeft, 0)

        state = try await session.verifyActivation(code: bank.latestCode(to: maryam.mobile))
        XCTAssertEqual(state, .chooseCredentials)
        state = try await session.chooseCredentials(username: "maryam.hosseini", password: "Golestan#1405")
        guard case .active = state else { return XCTFail("expected to be logged in, got \(state)") }

        let loggedOut = try await session.logout()
        XCTAssertEqual(loggedOut, .loggedOut)
        state = try await session.login(username: "maryam.hosseini", password: "Golestan#1405")
        guard case .active = state else {
            return XCTFail("the activated device logs in without an SMS code, got \(state)")
        }
    }

    func testLoginOnANewDeviceAsksForTheSmsCodeAndTheStreamFollows() async throws {
        let sara = try customer("sara.ahmadi")
        let session = phone.hamrah.session()
        let states = Recorder<SessionState>()
        await states.record(try session.states())
        _ = try await states.wait { $0 == .loggedOut }

        let state = try await session.login(username: try XCTUnwrap(sara.username), password: try XCTUnwrap(sara.password))
        guard case let .loginCodeSent(masked, _) = state else {
            return XCTFail("a new device needs the SMS code, got \(state)")
        }
        XCTAssertFalse(masked.contains(sara.mobile))
        _ = try await session.verifyLogin(code: bank.latestCode(to: sara.mobile))
        let active = try await states.wait {
            if case .active = $0 { return true }
            return false
        }
        guard case let .active(name) = active else { return XCTFail() }
        XCTAssertFalse(name.isEmpty)
        await states.stop()
    }

    func testAWrongPasswordIsABankErrorInPersianAndEnglish() async throws {
        let sara = try customer("sara.ahmadi")
        do {
            _ = try await phone.hamrah.session().login(username: try XCTUnwrap(sara.username), password: "Wrong#Pass1")
            XCTFail("a wrong password must be refused")
        } catch let error as HamrahError {
            guard case .Bank = error else { return XCTFail("expected a bank error, got \(error)") }
            XCTAssertEqual(error.code, "auth.invalid_credentials")
            XCTAssertTrue(error.messageFa.unicodeScalars.contains { (0x0600...0x06FF).contains($0.value) })
            XCTAssertNotEqual(error.messageFa, error.messageEn)
            XCTAssertEqual(error.message(in: .english), error.messageEn)
            XCTAssertFalse(error.messageEn.contains("Wrong#Pass1"), "messages never echo input")
        }
    }

    func testAMistypedNationalIdIsRefusedBeforeAnyRequest() async throws {
        let maryam = try XCTUnwrap(seed.notActivated)
        let card = try XCTUnwrap(maryam.cards.first)
        do {
            _ = try await phone.hamrah.session().startActivation(
                nationalId: "1234567890", mobile: maryam.mobile, birthDate: maryam.birthDate,
                pan: card.pan, expiry: card.expiry)
            XCTFail("a national ID with a wrong check digit must be refused")
        } catch let error as HamrahError {
            guard case .Invalid = error else { return XCTFail("expected invalid input, got \(error)") }
            XCTAssertTrue(error.code.hasPrefix("national_id."), error.code)
            XCTAssertNotNil(error.field)
            XCTAssertFalse(error.messageFa.isEmpty)
        }
        let outbox = try XCTUnwrap(bank.admin("GET", "/admin/sms/\(maryam.mobile)") as? [String: Any])
        XCTAssertEqual((outbox["items"] as? [Any])?.count, 0, "nothing was sent to the bank")
    }

    func testAPhonePinnedToAnotherKeyRefusesTheBank() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("hamrah-phone-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let secrets = MemorySecretStore()
        let otherKey = "sha256/" + Data(repeating: 7, count: 32).base64EncodedString()
        let config = HamrahConfig(
            bankUrl: bank.url, spkiPins: [otherKey], dataDir: directory.path,
            deviceName: "Swift desktop test", devicePlatform: .ios, bankSmsNumber: "+983000717")
        let hamrah = try await Hamrah.open(config: config, secrets: secrets, signer: SoftwareDeviceSigner(store: secrets))
        let sara = try customer("sara.ahmadi")
        do {
            _ = try await hamrah.session().login(username: try XCTUnwrap(sara.username), password: try XCTUnwrap(sara.password))
            XCTFail("a bank whose key is not pinned must be refused")
        } catch let error as HamrahError {
            guard case .Network = error else { return XCTFail("expected a network error, got \(error)") }
            XCTAssertEqual(error.code, "tls.pin_mismatch")
            XCTAssertFalse(error.messageFa.isEmpty)
        }
    }
}
