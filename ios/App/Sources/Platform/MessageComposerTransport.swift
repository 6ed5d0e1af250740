#if canImport(MessageUI) && canImport(UIKit)
import Foundation
import Hamrah
import MessageUI
import UIKit

/// The core's `SmsTransport` on iPhone. An app cannot send an SMS by itself, nor read one: the
/// composer opens prefilled with the frame (GSM-7 text, one SMS) to the bank's number, the
/// customer taps Send, and the bank's reply, which she sees in Messages, is pasted back into
/// the app (`SmsReplyView`), which hands it to the core. Data SMS are not possible on iPhone.
public final class MessageComposerTransport: SmsTransport {
    /// The bank's SMS number.
    public let bankNumber: String

    /// A transport to `bankNumber`.
    public init(bankNumber: String) {
        self.bankNumber = bankNumber
    }

    /// Why the composer did not send.
    public enum Failure: Error, Sendable {
        /// This device cannot send text messages.
        case cannotSendText
        /// The customer closed the composer without sending.
        case cancelled
        /// Messages reported a failure.
        case failed
        /// There is no screen to show the composer on.
        case noScreen
    }

    /// The core's `SmsTransport`: a text frame goes through the composer; a data SMS cannot be
    /// sent from an iPhone app.
    public func send(sms: OutboundSms) throws(PlatformError) {
        guard case let .text(text) = sms else { throw .Unavailable }
        do {
            try send(text: text)
        } catch {
            throw .Unavailable
        }
    }

    /// Shows the composer with `text` and waits until the customer sent or closed it.
    /// Blocks the calling thread (the core calls it off its executor), never the main thread.
    public func send(text: String) throws(Failure) {
        let done = DispatchSemaphore(value: 0)
        let box = ResultBox()
        let number = bankNumber
        DispatchQueue.main.async {
            MainActor.assumeIsolated {
                Composer.present(text: text, to: number) { result in
                    box.result = result
                    done.signal()
                }
            }
        }
        done.wait()
        if let failure = box.result { throw failure }
    }
}

/// The composer's outcome, handed from the main thread to the waiting one.
private final class ResultBox: @unchecked Sendable {
    private let lock = NSLock()
    private var stored: MessageComposerTransport.Failure?

    var result: MessageComposerTransport.Failure? {
        get { lock.withLock { stored } }
        set { lock.withLock { stored = newValue } }
    }
}

/// Presents `MFMessageComposeViewController` over the top screen and reports its outcome.
@MainActor
private final class Composer: NSObject, MFMessageComposeViewControllerDelegate {
    private static var active: Composer?
    private let finish: (MessageComposerTransport.Failure?) -> Void

    private init(finish: @escaping (MessageComposerTransport.Failure?) -> Void) {
        self.finish = finish
    }

    static func present(
        text: String, to number: String, finish: @escaping (MessageComposerTransport.Failure?) -> Void
    ) {
        guard MFMessageComposeViewController.canSendText() else { return finish(.cannotSendText) }
        guard let top = topViewController() else { return finish(.noScreen) }
        let composer = Composer(finish: finish)
        let controller = MFMessageComposeViewController()
        controller.recipients = [number]
        controller.body = text
        controller.messageComposeDelegate = composer
        active = composer
        top.present(controller, animated: true)
    }

    nonisolated func messageComposeViewController(
        _ controller: MFMessageComposeViewController, didFinishWith result: MessageComposeResult
    ) {
        MainActor.assumeIsolated {
            controller.dismiss(animated: true)
            switch result {
            case .sent: finish(nil)
            case .cancelled: finish(.cancelled)
            default: finish(.failed)
            }
            Self.active = nil
        }
    }

    private static func topViewController() -> UIViewController? {
        let window = UIApplication.shared.connectedScenes
            .compactMap { $0 as? UIWindowScene }
            .flatMap(\.windows)
            .first(where: \.isKeyWindow)
        var top = window?.rootViewController
        while let presented = top?.presentedViewController { top = presented }
        return top
    }
}
#endif
