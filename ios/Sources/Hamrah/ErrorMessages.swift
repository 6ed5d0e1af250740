import Foundation

/// A language the app shows messages in.
public enum MessageLanguage: Sendable {
    /// Persian, the app's language.
    case persian
    /// English.
    case english

    /// Persian unless the device's preferred language is something other than Persian and English is.
    public static var preferred: MessageLanguage {
        let first = Locale.preferredLanguages.first ?? "fa"
        return first.hasPrefix("en") ? .english : .persian
    }
}

extension HamrahError {
    /// The stable code (`card.checksum`, `auth.invalid_credentials`, ...): what the app branches on.
    public var code: String {
        switch self {
        case let .Invalid(code, _, _, _), let .Bank(code, _, _, _), let .Network(code, _, _),
            let .SessionEnded(code, _, _), let .Device(code, _, _), let .Internal(code, _, _):
            return code
        }
    }

    /// The message for the customer, in Persian.
    public var messageFa: String {
        switch self {
        case let .Invalid(_, fa, _, _), let .Bank(_, fa, _, _), let .Network(_, fa, _),
            let .SessionEnded(_, fa, _), let .Device(_, fa, _), let .Internal(_, fa, _):
            return fa
        }
    }

    /// The message in English.
    public var messageEn: String {
        switch self {
        case let .Invalid(_, _, en, _), let .Bank(_, _, en, _), let .Network(_, _, en),
            let .SessionEnded(_, _, en), let .Device(_, _, en), let .Internal(_, _, en):
            return en
        }
    }

    /// The message in `language`.
    public func message(in language: MessageLanguage) -> String {
        language == .persian ? messageFa : messageEn
    }

    /// The input field at fault, when the customer's input was refused.
    public var field: String? {
        if case let .Invalid(_, _, _, field) = self { return field }
        return nil
    }

    /// Seconds to wait before trying again, when the bank said so.
    public var retryAfterSeconds: UInt64? {
        if case let .Bank(_, _, _, retry) = self { return retry }
        return nil
    }
}

extension ProblemInfo {
    /// The message in `language`.
    public func message(in language: MessageLanguage) -> String {
        language == .persian ? messageFa : messageEn
    }
}
