#if canImport(SwiftUI) && canImport(UIKit) && canImport(Security) && canImport(CryptoKit)
import Hamrah
import Observation

/// The part of the SMS screen an exchange belongs to (its outcome shows there).
enum SmsTask: Hashable {
    /// Balance or last five of an account.
    case account
    /// Card to card.
    case transfer
    /// A bill paid from an account.
    case bill
    /// Blocking a card.
    case block
}

/// What the SMS screen observes: one exchange at a time (the channel reads one reply at a
/// time), its outcome or error, and which section started it. The sections start exchanges
/// through `run`; the core decides everything.
@MainActor
@Observable
final class SmsExchange {
    /// The section of the last exchange.
    private(set) var task: SmsTask?
    /// The bank's reply to the last exchange.
    private(set) var result: SmsResult?
    /// Why the last exchange failed (or was refused before any SMS).
    private(set) var error: HamrahError?
    /// An exchange is running (waiting for the customer to send the SMS and paste the reply).
    private(set) var busy = false

    /// Runs one exchange for `task`; nothing starts while another runs.
    func run(_ task: SmsTask, _ step: @escaping @Sendable () async throws -> SmsResult) {
        guard !busy else { return }
        busy = true
        self.task = task
        result = nil
        error = nil
        Task {
            do {
                result = try await step()
            } catch let failure as HamrahError {
                error = failure
            } catch {
                self.error = .Internal(code: "internal.unexpected", messageFa: "خطای پیش‌بینی‌نشده.", messageEn: "\(error)")
            }
            busy = false
        }
    }

    /// The core refused the input for `task` before any SMS was sent.
    func refuse(_ task: SmsTask, _ failure: HamrahError) {
        guard !busy else { return }
        self.task = task
        result = nil
        error = failure
    }

    /// The outcome of `task`'s last exchange is unknown (the bank said pending, or no reply
    /// came): it is asked again by the operation's key (`resolve`).
    func unresolved(_ task: SmsTask) -> Bool {
        guard self.task == task, !busy else { return false }
        if let result { return result.reply == .pending }
        return error?.code == "sms.no_reply"
    }
}
#endif
