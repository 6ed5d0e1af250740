import Foundation
import Hamrah
import XCTest

/// What the login, home, history, settings and SMS screens show, from the core through the
/// Swift package's models.
final class ScreenModelTests: BankTestCase {
    /// The app as the iPhone opens it, with the desktop's services.
    @MainActor
    private static func openApp(bank: SandboxBank, in directory: URL, mobile: String) async throws -> AppModel {
        let secrets = MemorySecretStore()
        let services = PlatformServices(
            secrets: secrets, signer: SoftwareDeviceSigner(store: secrets),
            transport: GatewaySmsTransport(bank: bank, fromMobile: mobile), connectivity: SwitchConnectivity(),
            deviceName: "Swift desktop test", platform: .ios)
        let app = AppModel()
        await app.open(
            bank: BankAddress(url: bank.url, pins: [bank.spkiPin], smsNumber: "+983000717"),
            services: services, directory: directory.path)
        XCTAssertNil(app.openingProblem)
        return app
    }

    @MainActor
    private static func waitFor(_ done: () -> Bool) async throws {
        let deadline = Date().addingTimeInterval(10)
        while !done() {
            guard Date() < deadline else { throw RecorderTimeout(seen: 0) }
            try await Task.sleep(nanoseconds: 50_000_000)
        }
    }

    func testAnExpiredPasswordLeadsToItsChangeThenHome() async throws {
        let sara = try customer("sara.ahmadi")
        let bank = self.bank!
        try await Task { @MainActor in
            _ = try bank.admin("POST", "/admin/clock", json: ["advance_seconds": 91 * 86_400])
            let directory = FileManager.default.temporaryDirectory.appendingPathComponent("hamrah-app-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(at: directory) }
            let app = try await Self.openApp(bank: bank, in: directory, mobile: sara.mobile)
            XCTAssertEqual(app.place, .login)
            await app.login(username: try XCTUnwrap(sara.username), password: "Wrong#Pass1").value
            XCTAssertEqual(app.sessionSteps.problem?.code, "auth.invalid_credentials")
            await app.login(username: try XCTUnwrap(sara.username), password: try XCTUnwrap(sara.password)).value
            if case .loginCodeSent = app.session {
                XCTAssertTrue(app.notice?.textFa.hasPrefix("کد ورود به ۰۹") ?? false, "\(String(describing: app.notice))")
                await app.verifyLogin(code: try bank.latestCode(to: sara.mobile)).value
            }
            XCTAssertEqual(app.place, .passwordChange, "an expired password is changed, not stuck at login: \(app.session)")
            XCTAssertTrue(app.notice?.textFa.contains("منقضی") ?? false)
            XCTAssertTrue(app.notice?.warning ?? false)
            await app.changePassword(current: try XCTUnwrap(sara.password), new: "Sara#Tehran1406").value
            XCTAssertNil(app.sessionSteps.problem, "\(String(describing: app.sessionSteps.problem))")
            try await Self.waitFor { app.place == .home }
        }.value
    }

    func testHomeAndHistoryShowTheCoresLabelsTypedDirectionsAndEveryAccount() async throws {
        _ = try await logIn("sara.ahmadi")
        let phone = self.phone!
        try await Task { @MainActor in
            let home = HomeModel(accounts: phone.hamrah.accounts())
            await home.refresh().value
            let overview = try XCTUnwrap(home.overview, "\(String(describing: home.steps.problem))")
            let account = try XCTUnwrap(overview.accounts.first)
            XCTAssertEqual(account.labelFa, "\(account.titleFa) …\(account.sheba.suffix(4))")
            XCTAssertTrue(account.available.rialsFa.hasSuffix("ریال"))
            XCTAssertEqual(overview.cards.first?.status, .active)
            XCTAssertEqual(overview.cards.first?.statusFa, "فعال")

            let history = HistoryModel(accounts: phone.hamrah.accounts())
            await history.open().value
            XCTAssertEqual(history.accounts.map(\.accountId), overview.accounts.map(\.accountId))
            XCTAssertFalse(history.entries.isEmpty)
            for entry in history.entries {
                XCTAssertTrue(entry.amountFa.hasPrefix(entry.direction == .debit ? "−" : "+"), entry.amountFa)
            }
            let last = try XCTUnwrap(history.accounts.last)
            await history.select(last.accountId).value
            XCTAssertEqual(history.selected?.accountId, last.accountId, "any account, not only the first")
        }.value
    }

    func testHistoryWithoutASessionShowsTheProblemAndNoAccount() async throws {
        let phone = self.phone!
        await Task { @MainActor in
            let history = HistoryModel(accounts: phone.hamrah.accounts())
            await history.open().value
            XCTAssertNotNil(history.steps.problem, "a failure on screen, not a crash")
            XCTAssertNil(history.selected)
            XCTAssertTrue(history.accounts.isEmpty)
        }.value
    }

    func testAnotherDeviceIsListedAndRevokedFromSettings() async throws {
        let sara = try await logIn("sara.ahmadi")
        let (bank, phone) = (self.bank!, self.phone!)
        try await Task { @MainActor in
            let other = try await Phone.install(talkingTo: bank)
            defer { other.uninstall() }
            try await other.logIn(sara, bank: bank)
            let settings = SettingsModel(session: phone.hamrah.session())
            await settings.load().value
            let me = try XCTUnwrap(settings.devices.first { $0.current })
            XCTAssertTrue(me.labelFa.contains("همین دستگاه"))
            XCTAssertFalse(me.revocable)
            let otherDevices = try await other.hamrah.session().devices()
            let otherId = try XCTUnwrap(otherDevices.first { $0.current }).deviceId
            XCTAssertTrue(try XCTUnwrap(settings.devices.first { $0.deviceId == otherId }).revocable)
            await settings.revoke(otherId).value
            XCTAssertNil(settings.steps.problem)
            XCTAssertFalse(settings.devices.contains { $0.deviceId == otherId && $0.revocable })
        }.value
    }

    func testSmsBankingFromTheLoginScreenAsksTheDeviceAndChecksTypedRows() async throws {
        let sara = try customer("sara.ahmadi")
        let (bank, phone) = (self.bank!, self.phone!)
        try await Task { @MainActor in
            let model = SmsBankingModel(
                sms: phone.hamrah.sms(
                    transport: GatewaySmsTransport(bank: bank, fromMobile: sara.mobile), connectivity: SwitchConnectivity()),
                accounts: phone.hamrah.accounts())
            let unlock = try PassphraseUnlock(store: phone.secrets, passphrase: "correct horse")
            unlock.willType("wrong")
            await model.unlock(unlock).value
            XCTAssertFalse(model.unlocked)
            XCTAssertEqual(model.steps.problem?.code, "platform.unlock_refused")
            XCTAssertFalse(model.steps.problem?.messageFa.isEmpty ?? true, "the core's words, not the app's")
            unlock.willType("correct horse")
            await model.unlock(unlock).value
            XCTAssertTrue(model.unlocked)
            XCTAssertEqual(model.typedRow("۳"), 2)
            XCTAssertEqual(model.rowProblem("0")?.code, "sms.row_invalid")
            XCTAssertNil(model.rowProblem("256"))
            XCTAssertFalse(model.sms.deliverReceived(sender: "+44773000717", sms: .text(text: "x")), "only the bank's number")
            XCTAssertTrue(model.sms.deliverReceived(sender: "03000717", sms: .text(text: "x")))
        }.value
    }
}
