import Foundation
import Observation

/// Which screen the session's state calls for.
public enum SessionPlace: Sendable, Equatable {
    /// Username and password (with the SMS code of a new device), quick login, SMS banking.
    case login
    /// Activation: identity and card, the SMS code, username and password.
    case activation
    /// Only a password change is allowed (expired, or the branch's initial one).
    case passwordChange
    /// Logged in: home and the journeys.
    case home

    /// The place for `state`; `activating` when the customer chose activation on the login screen.
    public static func of(_ state: SessionState, activating: Bool) -> SessionPlace {
        switch state {
        case .active, .expiring: .home
        case .passwordChangeRequired: .passwordChange
        case .activationCodeSent, .chooseCredentials: .activation
        case .loggedOut: activating ? .activation : .login
        case .loginCodeSent, .locked, .expired: .login
        }
    }
}

/// The platform's services the app opens Hamrah with (on iPhone: the Keychain, the Secure
/// Enclave, the message composer, the network monitor; in the tests, the desktop's).
public struct PlatformServices: Sendable {
    /// The vault.
    public let secrets: any SecretStore
    /// The device key.
    public let signer: any DeviceSigner
    /// The SMS radio (the composer on iPhone).
    public let transport: any SmsTransport
    /// Whether data reaches the internet.
    public let connectivity: any Connectivity
    /// The phone's name, as the device list shows it.
    public let deviceName: String
    /// The phone's platform (it decides how SMS frames travel).
    public let platform: DevicePlatform

    /// The services.
    public init(
        secrets: any SecretStore, signer: any DeviceSigner, transport: any SmsTransport,
        connectivity: any Connectivity, deviceName: String, platform: DevicePlatform
    ) {
        self.secrets = secrets
        self.signer = signer
        self.transport = transport
        self.connectivity = connectivity
        self.deviceName = deviceName
        self.platform = platform
    }
}

/// Where the bank is (from the app's configuration).
public struct BankAddress: Sendable {
    /// The bank's base URL.
    public let url: String
    /// The bank's SPKI pins, `sha256/<base64>`.
    public let pins: [String]
    /// The bank's SMS number (the composer sends to it; only SMS from it are read).
    public let smsNumber: String

    /// A bank.
    public init(url: String, pins: [String], smsNumber: String) {
        self.url = url
        self.pins = pins
        self.smsNumber = smsNumber
    }
}

/// The models of the screens of one open install; they live as long as the app, so a screen
/// left and reopened finds its journey where it was.
@MainActor
public final class Screens {
    /// The install.
    public let hamrah: Hamrah
    /// The home screen.
    public let home: HomeModel
    /// The history screen.
    public let history: HistoryModel
    /// The payments screen (تراکنش‌ها).
    public let paymentHistory: PaymentHistoryModel
    /// A card's limits.
    public let cardLimits: CardLimitsModel
    /// Card to card.
    public let cardTransfer: CardTransferModel
    /// SHEBA transfers (PAYA, SATNA).
    public let shebaTransfer: ShebaTransferModel
    /// Bills.
    public let billPayment: BillPaymentModel
    /// Blocking a card over HTTPS.
    public let cardBlock: CardBlockModel
    /// Changing a card's second PIN over HTTPS.
    public let secondPin: SecondPinModel
    /// Settings: devices and logout.
    public let settings: SettingsModel
    /// The soft token.
    public let softToken: SoftTokenModel
    /// SMS banking.
    public let smsBanking: SmsBankingModel

    init(hamrah: Hamrah, sms: SmsChannel) {
        self.hamrah = hamrah
        let accounts = hamrah.accounts()
        let session = hamrah.session()
        home = HomeModel(accounts: accounts)
        history = HistoryModel(accounts: accounts)
        paymentHistory = PaymentHistoryModel(accounts: accounts)
        cardLimits = CardLimitsModel(accounts: accounts)
        cardTransfer = CardTransferModel(transfers: hamrah.cardTransfers())
        shebaTransfer = ShebaTransferModel(transfers: hamrah.shebaTransfers())
        billPayment = BillPaymentModel(bills: hamrah.bills())
        cardBlock = CardBlockModel(blocks: accounts)
        secondPin = SecondPinModel(secondPins: accounts)
        settings = SettingsModel(session: session)
        softToken = SoftTokenModel(accounts: accounts, token: hamrah.token())
        smsBanking = SmsBankingModel(sms: sms, accounts: accounts)
    }
}

/// The app's one install of Hamrah: opening it with the platform's services, the session's
/// state and the screen it calls for (`place`), the core's line about it (`notice`), and the
/// session's calls (busy and their failure in `sessionSteps`).
@MainActor
@Observable
public final class AppModel {
    /// The screens' models, once the install is open.
    public private(set) var screens: Screens?
    /// The session's state.
    public private(set) var session: SessionState = .loggedOut
    /// The core's line about it (a code sent, the idle warning, a lock), nil when none.
    public private(set) var notice: SessionNotice?
    /// Why the install could not be opened.
    public private(set) var openingProblem: ProblemInfo?
    /// The customer chose activation on the login screen.
    public var activating = false
    /// The session's calls: busy, and the last failure in the core's words.
    public let sessionSteps = StepRunner()
    @ObservationIgnored private var following: Task<Void, Never>?

    /// A model; call `open` once.
    public init() {}

    /// The screen the session's state calls for.
    public var place: SessionPlace {
        SessionPlace.of(session, activating: activating)
    }

    /// Opens the install in `directory` with `services`, pinned to `bank`; then resolves
    /// unknown outcomes and prunes old journeys before any new work.
    public func open(bank: BankAddress, services: PlatformServices, directory: String) async {
        let config = HamrahConfig(
            bankUrl: bank.url, spkiPins: bank.pins, dataDir: directory, deviceName: services.deviceName,
            devicePlatform: services.platform, bankSmsNumber: bank.smsNumber)
        do {
            let hamrah = try await Hamrah.open(config: config, secrets: services.secrets, signer: services.signer)
            let sms = hamrah.sms(transport: services.transport, connectivity: services.connectivity)
            _ = try? await hamrah.resolvePending()
            let states = try hamrah.session().states()
            screens = Screens(hamrah: hamrah, sms: sms)
            following = Task { [weak self] in
                for await state in states { self?.show(state) }
            }
        } catch {
            openingProblem = ProblemInfo.of(error)
        }
    }

    private func show(_ state: SessionState) {
        session = state
        notice = sessionNotice(state: state)
        if case .active = state { activating = false }
        if case .loggedOut = state {
            screens?.home.clear()
            screens?.paymentHistory.clear()
        }
    }

    private func call(_ work: @escaping @Sendable (SessionClient) async throws -> SessionState) -> Task<Void, Never> {
        let client = screens?.hamrah.session()
        return sessionSteps.run { [weak self] in
            guard let client else { return }
            self?.show(try await work(client))
        }
    }

    /// Logs in with username and password.
    @discardableResult public func login(username: String, password: String) -> Task<Void, Never> {
        call { try await $0.login(username: username, password: password) }
    }

    /// The SMS code of a login on a new device.
    @discardableResult public func verifyLogin(code: String) -> Task<Void, Never> {
        call { try await $0.verifyLogin(code: code) }
    }

    /// Quick login: `unlock` asks the person holding the phone, the device key signs.
    @discardableResult public func quickLogin(unlock: any LocalUnlock) -> Task<Void, Never> {
        call { try await $0.quickLogin(unlock: unlock) }
    }

    /// Whether quick login is offered (this phone's key is enrolled).
    public var quickLoginOffered: Bool {
        screens?.hamrah.session().deviceEnrolled() ?? false
    }

    /// Activation, step 1 (the birth date Jalali, the expiry `YYMM`).
    @discardableResult
    public func startActivation(nationalId: String, mobile: String, birthDate: String, pan: String, expiry: String)
        -> Task<Void, Never>
    {
        call {
            try await $0.startActivation(
                nationalId: nationalId, mobile: mobile, birthDate: birthDate, pan: pan, expiry: expiry)
        }
    }

    /// Activation, step 2: the SMS code.
    @discardableResult public func verifyActivation(code: String) -> Task<Void, Never> {
        call { try await $0.verifyActivation(code: code) }
    }

    /// Activation, step 3: username and password.
    @discardableResult public func chooseCredentials(username: String, password: String) -> Task<Void, Never> {
        call { try await $0.chooseCredentials(username: username, password: password) }
    }

    /// Changes the password (also the forced change).
    @discardableResult public func changePassword(current: String, new: String) -> Task<Void, Never> {
        call { try await $0.changePassword(current: current, new: new) }
    }

    /// Logs out.
    @discardableResult public func logout() -> Task<Void, Never> {
        call { try await $0.logout() }
    }
}
