#if canImport(SwiftUI) && canImport(UIKit) && canImport(Security) && canImport(CryptoKit) && canImport(MessageUI)
import Foundation
import Hamrah
import SwiftUI
import UIKit

/// The iPhone's part of the app: the platform services Hamrah opens with (Keychain, Secure
/// Enclave, the message composer, the network monitor), the screens' `AppActions` (Face ID,
/// the share sheet), and the root. Going to the background relocks both unlock contexts and
/// leaves SMS banking opened from the login screen. Not type-checked on Linux (no UIKit, only
/// parsed); everything a screen shows comes from `AppModel` in the Swift package.
public struct PhoneRoot: View {
    @State private var app = AppModel()
    @State private var phone = PhoneActions()
    @Environment(\.scenePhase) private var phase
    private let bank: BankAddress

    /// The app for `bank`.
    public init(bank: BankAddress) {
        self.bank = bank
    }

    public var body: some View {
        RootView(app: app, actions: phone)
            .task { await phone.open(app, bank: bank) }
            .onChange(of: phase) { _, now in
                if now == .background {
                    phone.relock()
                    app.screens?.smsBanking.lock()
                }
            }
    }
}

/// The screens' `AppActions` on iPhone, and the services Hamrah is opened with.
@MainActor
final class PhoneActions: AppActions {
    /// The session's unlock: its `LAContext` lets the Secure Enclave key sign the session's
    /// requests; going to the background relocks it.
    let sessionUnlock = DeviceUnlock()
    /// SMS banking's unlock from the login screen: a context of its own.
    let smsGate = DeviceUnlock()
    private let relay = ConnectivityRelay()
    private var connectivity: PathConnectivity?

    func open(_ app: AppModel, bank: BankAddress) async {
        let directory = FileManager.default.urls(for: .applicationSupportDirectory, in: .userDomainMask)[0]
        try? FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let vault = KeychainSecretStore()
        let relay = relay
        let connectivity = PathConnectivity { relay.changed() }
        self.connectivity = connectivity
        let services = PlatformServices(
            secrets: vault, signer: SecureEnclaveSigner(store: vault, unlock: sessionUnlock),
            transport: MessageComposerTransport(bankNumber: bank.smsNumber), connectivity: connectivity,
            deviceName: UIDevice.current.name, platform: .ios)
        await app.open(bank: bank, services: services, directory: directory.path)
        if let sms = app.screens?.smsBanking.sms { relay.attach(sms) }
    }

    func unlock() -> any LocalUnlock {
        sessionUnlock
    }

    func smsUnlock() -> any LocalUnlock {
        smsGate
    }

    /// The app went to the background: both contexts ask again on return.
    func relock() {
        sessionUnlock.relock()
        smsGate.relock()
    }

    func share(text: String) {
        present([text])
    }

    func share(receipt: ReceiptInfo) {
        let renderer = ImageRenderer(content: ReceiptImage(receipt: receipt).padding().background(Color.white))
        renderer.scale = 3
        if let image = renderer.uiImage { present([image]) }
    }

    private func present(_ items: [Any]) {
        let sheet = UIActivityViewController(activityItems: items, applicationActivities: nil)
        let window = UIApplication.shared.connectedScenes
            .compactMap { $0 as? UIWindowScene }
            .flatMap(\.windows)
            .first(where: \.isKeyWindow)
        var top = window?.rootViewController
        while let presented = top?.presentedViewController { top = presented }
        top?.present(sheet, animated: true)
    }
}

/// Tells the SMS channel about network changes (the channel is made after the monitor).
private final class ConnectivityRelay: @unchecked Sendable {
    // @unchecked: `channel` is only touched under `lock`.
    private let lock = NSLock()
    private weak var channel: SmsChannel?

    func attach(_ channel: SmsChannel) {
        lock.withLock { self.channel = channel }
    }

    func changed() {
        lock.withLock { channel }?.connectivityChanged()
    }
}
#endif
