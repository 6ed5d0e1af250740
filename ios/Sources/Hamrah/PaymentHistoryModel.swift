import Foundation
import Observation

/// The colour of a badge, chosen here so every screen and platform says the same.
public enum BadgeTone: Sendable, Equatable {
    /// Done, or an account that can pay.
    case good
    /// Accepted, not settled yet.
    case waiting
    /// Returned, or an account that is blocked or closed.
    case bad
}

/// A payment's row as the payments screen lays it out.
public struct PaymentRow: Sendable, Equatable, Identifiable {
    /// The payment (its kind for the icon, its id).
    public let payment: PaymentInfo

    /// A row of `payment`.
    public init(payment: PaymentInfo) {
        self.payment = payment
    }

    /// The bank's id.
    public var id: String { payment.id }
    /// Its kind in Persian («کارت به کارت»).
    public var kindFa: String { payment.kindFa }
    /// Who was paid.
    public var payeeFa: String { payment.payeeFa }
    /// How the payee is known (masked card or SHEBA, the bill's type, a mobile).
    public var detailFa: String { payment.detailFa }
    /// The amount in grouped Persian digits with its unit.
    public var amountFa: String { payment.amount.rialsFa }
    /// The amount in Persian words.
    public var amountWordsFa: String { payment.amount.wordsFa }
    /// Where it stands, in Persian, for the badge.
    public var statusFa: String { payment.statusFa }
    /// The badge's colour.
    public var badge: BadgeTone {
        switch payment.outcome {
        case .done: .good
        case .pending: .waiting
        case .returned: .bad
        }
    }
    /// When, Jalali, in Persian digits.
    public var atFa: String { payment.atFa }
    /// Its receipt, to show.
    public var receipt: ReceiptInfo { payment.receipt }
    /// The text the share sheet gets.
    public var shareTextFa: String { payment.receipt.shareTextFa }
    /// What VoiceOver says for the row.
    public var accessibilityLabelFa: String {
        [kindFa, payeeFa, amountFa, statusFa, atFa].joined(separator: "، ")
    }
}

/// Everything the payments screen shows, in one value.
public struct PaymentHistoryView: Sendable, Equatable {
    /// The rows to list: the search's results while searching, else the pages so far, newest first.
    public var rows: [PaymentRow] = []
    /// A search is shown.
    public var searching = false
    /// The note for a page from the phone, with the bank's reason (nil when the bank answered).
    public var fromPhoneNoteFa: String?
    /// Whether "more" is offered (an older page follows and no search is shown).
    public var moreOffered = false
    /// What to say when there is nothing to list (an empty search, or no payment yet); nil otherwise.
    public var emptyNoteFa: String?

    /// Nothing loaded.
    public init() {}
}

/// The payments screen (تراکنش‌ها): every payment of every kind, newest first, page by page
/// (from the phone when the bank cannot be reached), and a search on the payments kept on the
/// phone, with no request. Each row carries its amount text, its badge's colour and its receipt.
@MainActor
@Observable
public final class PaymentHistoryModel {
    /// What the screen shows.
    public private(set) var view = PaymentHistoryView()
    /// The calls: busy, and the last failure.
    public let steps = StepRunner()
    @ObservationIgnored private let client: AccountsClient
    @ObservationIgnored private var pages: PaymentHistoryPages?
    @ObservationIgnored private var listed: [PaymentInfo] = []
    @ObservationIgnored private var lastPage: PaymentPage?
    @ObservationIgnored private var found: PaymentPage?

    /// The payments of `accounts`' customer.
    public init(accounts: AccountsClient) {
        client = accounts
    }

    /// Loads the newest page (again from the top).
    @discardableResult public func open() -> Task<Void, Never> {
        steps.run { [self] in
            let history = pages ?? client.paymentHistory(pageSize: 20)
            pages = history
            let first = try await history.page(fromTop: true)
            lastPage = first
            listed = first.payments
            found = nil
            publish()
        }
    }

    /// The next older page.
    @discardableResult public func more() -> Task<Void, Never> {
        steps.run { [self] in
            guard let pages, lastPage?.hasMore == true else { return }
            let next = try await pages.page(fromTop: false)
            lastPage = next
            listed += next.payments
            publish()
        }
    }

    /// The kept payments matching `query` (an amount, a name's part, a type, a reference); blank
    /// stops searching.
    @discardableResult public func search(_ query: String) -> Task<Void, Never> {
        steps.run { [self] in
            guard let pages else { return }
            found = query.trimmingCharacters(in: .whitespaces).isEmpty ? nil : try await pages.search(query: query)
            publish()
        }
    }

    /// Forgets what was shown (at logout).
    public func clear() {
        pages = nil
        listed = []
        lastPage = nil
        found = nil
        view = PaymentHistoryView()
    }

    private func publish() {
        var next = PaymentHistoryView()
        next.rows = (found?.payments ?? listed).map(PaymentRow.init(payment:))
        next.searching = found != nil
        next.fromPhoneNoteFa = lastPage?.noteFa
        next.moreOffered = found == nil && lastPage?.hasMore == true
        if next.rows.isEmpty {
            next.emptyNoteFa = (found ?? lastPage)?.emptyFa
        }
        view = next
    }
}

/// One account as its details screen shows it: type, rate, state badge, full SHEBA, the text to share.
public struct AccountDetails: Sendable, Equatable, Identifiable {
    /// The account.
    public let account: AccountInfo

    /// The details of `account`.
    public init(account: AccountInfo) {
        self.account = account
    }

    /// The bank's id.
    public var id: String { account.accountId }
    /// How every screen names it.
    public var labelFa: String { account.labelFa }
    /// Its type in Persian («پس‌انداز»).
    public var kindFa: String { account.kindFa }
    /// The account's number, in Persian digits.
    public var numberFa: String { persianDigits(text: account.number) }
    /// The annual rate a deposit earns («سود سالانه ۵٪»); nil for a current account.
    public var rateFa: String? { account.interestRateFa }
    /// Its state in Persian, for the badge («فعال», «مسدود»).
    public var stateFa: String { account.stateFa }
    /// The badge's colour: good when money may leave it, bad when it is blocked or closed.
    public var badge: BadgeTone { account.usable ? .good : .bad }
    /// The account is blocked or closed: the screen marks it.
    public var marked: Bool { !account.usable }
    /// The line that marks a blocked or closed account; nil for one that can pay.
    public var markFa: String? { account.unusableNoteFa }
    /// The available balance as shown.
    public var availableFa: String { account.available.rialsFa }
    /// The full SHEBA, grouped by four as banks print it (shown left to right).
    public var shebaGroupedFa: String { account.shebaGrouped }
    /// Title, number and full SHEBA as one text, for "share SHEBA".
    public var shareTextFa: String { account.shareTextFa }
    /// What VoiceOver says for the account (no SHEBA: it is read on request).
    public var accessibilityLabelFa: String {
        [labelFa, kindFa, stateFa, rateFa].compactMap { $0 }.joined(separator: "، ")
    }
}
