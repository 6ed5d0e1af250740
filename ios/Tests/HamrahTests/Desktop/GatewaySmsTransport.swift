import Foundation
import Hamrah

/// The desktop `SmsTransport`, written in Swift, doing what the iPhone customer does: the text
/// SMS the composer would show is "sent" to the bank's SMS gateway (`POST /v1/sms/inbound`,
/// pinned TLS), and the bank's reply, which she would read in Messages, is pasted back into the
/// app (`SmsChannel.deliver`). Data SMS are refused, as on an iPhone.
final class GatewaySmsTransport: SmsTransport, @unchecked Sendable {
    // @unchecked: `channel` and `sent` are only touched under `lock`.
    private let bank: SandboxBank
    private let fromMobile: String
    private let lock = NSLock()
    private var channel: SmsChannel?
    private var sent: [String] = []

    init(bank: SandboxBank, fromMobile: String) {
        self.bank = bank
        self.fromMobile = fromMobile
    }

    /// Where the customer pastes the replies.
    func pasteRepliesInto(_ channel: SmsChannel) {
        lock.withLock { self.channel = channel }
    }

    /// The texts sent so far.
    var sentTexts: [String] {
        lock.withLock { sent }
    }

    func send(sms: OutboundSms) throws {
        guard case let .text(text) = sms else { throw PlatformError.Unavailable }
        lock.withLock { sent.append(text) }
        let bank = bank
        let from = fromMobile
        // The reply comes back later, as an SMS does.
        DispatchQueue.global().async { [weak self] in
            guard
                let self,
                let answer = try? bank.post("/v1/sms/inbound", json: ["from_mobile": from, "encoding": "gsm7", "frame": text]),
                let reply = (answer as? [String: Any])?["reply"] as? [String: Any],
                let body = reply["body"] as? String
            else { return }
            let channel = self.lock.withLock { self.channel }
            channel?.deliver(sms: .text(text: body))
        }
    }
}

/// The desktop `Connectivity`: a switch the test turns off to cut mobile data.
final class SwitchConnectivity: Connectivity, @unchecked Sendable {
    // @unchecked: `on` is only touched under `lock`.
    private let lock = NSLock()
    private var on = true

    func set(dataAvailable: Bool) {
        lock.withLock { on = dataAvailable }
    }

    func dataAvailable() -> Bool {
        lock.withLock { on }
    }
}
