#if canImport(SwiftUI) && canImport(UIKit) && canImport(Security) && canImport(CryptoKit)
import Foundation
import Hamrah
import Observation
import UIKit

/// The app's one install of Hamrah with the iPhone's platform services, and the session's
/// state the root screen renders.
@MainActor
@Observable
public final class AppModel {
    /// Where the bank is (from the app's configuration).
    public struct Bank: Sendable {
        /// The bank's base URL.
        public let url: String
        /// The bank's SPKI pins, `sha256/<base64>`.
        public let pins: [String]
        /// The bank's SMS number (the SMS fallback's composer sends to it).
        public let smsNumber: String

        /// A bank.
        public init(url: String, pins: [String], smsNumber: String) {
            self.url = url
            self.pins = pins
            self.smsNumber = smsNumber
        }
    }

    /// The opened install (nil while opening, or when opening failed).
    public private(set) var hamrah: Hamrah?
    /// The session's state.
    public private(set) var session: SessionState = .loggedOut
    /// Why the install could not be opened.
    public private(set) var openingError: HamrahError?
    /// The SMS fallback channel, made as soon as the install opens (before any login: SMS
    /// banking needs no bank session); its key is agreed after the first login on this device.
    public private(set) var sms: SmsChannel?
    /// Which channel the next step uses.
    public private(set) var channel: ChannelDecision?

    @ObservationIgnored let unlock = DeviceUnlock()
    @ObservationIgnored private var following: [Task<Void, Never>] = []
    @ObservationIgnored private var connectivity: PathConnectivity?

    /// A model; call `open` once.
    public init() {}

    /// Opens the install: Keychain vault, Secure Enclave signer, pinned bank.
    public func open(bank: Bank) async {
        let directory = FileManager.default.urls(for: .applicationSupportDirectory, in: .userDomainMask)[0]
        try? FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let vault = KeychainSecretStore()
        let signer = SecureEnclaveSigner(store: vault, unlock: unlock)
        let config = HamrahConfig(
            bankUrl: bank.url, spkiPins: bank.pins, dataDir: directory.path,
            deviceName: UIDevice.current.name, devicePlatform: .ios)
        do {
            let hamrah = try await Hamrah.open(config: config, secrets: vault, signer: signer)
            self.hamrah = hamrah
            openSms(hamrah, bank: bank)
            _ = try? await hamrah.resolvePending()
            let states = try hamrah.session().states()
            following.append(Task { [weak self] in
                for await state in states { self?.session = state }
            })
        } catch let error as HamrahError {
            openingError = error
        } catch {
            openingError = .Internal(code: "internal.open", messageFa: "برنامه باز نشد.", messageEn: "\(error)")
        }
    }

    private func openSms(_ hamrah: Hamrah, bank: Bank) {
        let transport = MessageComposerTransport(bankNumber: bank.smsNumber)
        let relay = ConnectivityRelay()
        let connectivity = PathConnectivity { relay.changed() }
        let sms = hamrah.sms(transport: transport, connectivity: connectivity, encoding: .gsm7)
        relay.attach(sms)
        self.connectivity = connectivity
        self.sms = sms
        let channels = sms.channels()
        following.append(Task { [weak self] in
            for await decision in channels { self?.channel = decision }
        })
    }

    /// The app went to the background: the Secure Enclave key needs Face ID again on return.
    public func didEnterBackground() {
        unlock.relock()
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
