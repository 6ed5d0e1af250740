import Foundation
import Observation

/// The home screen: the customer's accounts and cards with their balances, labels and card
/// states, from the core's overview. `refresh` again keeps the last lists when the bank cannot
/// be reached (their `error` says why).
@MainActor
@Observable
public final class HomeModel {
    /// The accounts and cards, nil until the first load.
    public private(set) var overview: OverviewInfo?
    /// Each account's details (type, rate, state badge, full SHEBA, share text), in the bank's order.
    public private(set) var accountDetails: [AccountDetails] = []
    /// The account whose details screen is open, nil when none (or it is gone from the lists).
    public private(set) var selectedAccount: AccountDetails?
    /// The loads: busy, and the last failure.
    public let steps = StepRunner()
    @ObservationIgnored private let accounts: AccountsClient
    @ObservationIgnored private var selectedId: String?

    /// The home of `accounts`.
    public init(accounts: AccountsClient) {
        self.accounts = accounts
    }

    /// Fetches (or refreshes) the lists.
    @discardableResult public func refresh() -> Task<Void, Never> {
        steps.run { [self] in show(try await accounts.overview()) }
    }

    /// Opens `accountId`'s details (from the lists already loaded; a refresh keeps it open).
    public func showAccount(_ accountId: String) {
        selectedId = accountId
        selectedAccount = accountDetails.first { $0.id == accountId }
    }

    /// Forgets the lists (at logout: the next customer must not see them).
    public func clear() {
        overview = nil
        accountDetails = []
        selectedId = nil
        selectedAccount = nil
    }

    private func show(_ lists: OverviewInfo) {
        overview = lists
        accountDetails = lists.accounts.map(AccountDetails.init(account:))
        selectedAccount = accountDetails.first { $0.id == selectedId }
    }
}

/// The history screen: every account to choose from (none is not an error: nothing is then
/// selected), the chosen account's statement page by page (from the phone's cache when the
/// bank cannot be reached), and a search on the cached entries.
@MainActor
@Observable
public final class HistoryModel {
    /// The accounts to choose from, in the bank's order.
    public private(set) var accounts: [AccountInfo] = []
    /// The account shown, nil when the customer has none.
    public private(set) var selected: AccountInfo?
    /// Its entries so far, newest first.
    public private(set) var entries: [StatementEntry] = []
    /// The last page: whether more follow, whether it came from the cache and why.
    public private(set) var page: StatementPage?
    /// The last search's results, nil when not searching.
    public private(set) var results: [StatementEntry]?
    /// The calls: busy, and the last failure.
    public let steps = StepRunner()
    @ObservationIgnored private let client: AccountsClient
    @ObservationIgnored private var pages: StatementPages?

    /// The history of `accounts`.
    public init(accounts: AccountsClient) {
        client = accounts
    }

    /// Loads the accounts and the first one's newest page (the one shown, if still there).
    @discardableResult public func open() -> Task<Void, Never> {
        steps.run { [self] in
            let list = try await client.overview().accounts
            accounts = list
            let kept = selected.flatMap { old in list.first { $0.accountId == old.accountId } }
            try await show(kept ?? list.first)
        }
    }

    /// Shows `accountId`'s newest page.
    @discardableResult public func select(_ accountId: String) -> Task<Void, Never> {
        steps.run { [self] in try await show(accounts.first { $0.accountId == accountId }) }
    }

    /// The next older page of the account shown.
    @discardableResult public func more() -> Task<Void, Never> {
        steps.run { [self] in
            guard let pages, page?.hasMore == true else { return }
            let next = try await pages.nextPage()
            page = next
            entries += next.entries
        }
    }

    /// The cached entries matching `query` (an amount or a counterparty); blank stops searching.
    @discardableResult public func search(_ query: String) -> Task<Void, Never> {
        steps.run { [self] in
            guard let pages else { return }
            results = query.trimmingCharacters(in: .whitespaces).isEmpty ? nil : try await pages.search(query: query)
        }
    }

    private func show(_ account: AccountInfo?) async throws {
        selected = account
        entries = []
        page = nil
        results = nil
        pages = account.map { client.statement(accountId: $0.accountId, pageSize: 20) }
        guard let pages else { return }
        let first = try await pages.firstPage()
        page = first
        entries = first.entries
    }
}

/// A card's limits with today's and this month's usage.
@MainActor
@Observable
public final class CardLimitsModel {
    /// The limits shown.
    public private(set) var limits: CardLimitsInfo?
    /// The calls: busy, and the last failure.
    public let steps = StepRunner()
    @ObservationIgnored private let accounts: AccountsClient

    /// The limits of `accounts`' cards.
    public init(accounts: AccountsClient) {
        self.accounts = accounts
    }

    /// Fetches `cardId`'s limits.
    @discardableResult public func load(_ cardId: String) -> Task<Void, Never> {
        steps.run { [self] in
            limits = nil
            limits = try await accounts.cardLimits(cardId: cardId)
        }
    }
}

/// Settings: the customer's devices (another active one may be revoked), logout.
@MainActor
@Observable
public final class SettingsModel {
    /// The devices the bank knows, each with its label and whether it may be revoked.
    public private(set) var devices: [DeviceInfo] = []
    /// The calls: busy, and the last failure.
    public let steps = StepRunner()
    @ObservationIgnored private let session: SessionClient

    /// The settings of `session`.
    public init(session: SessionClient) {
        self.session = session
    }

    /// Fetches the devices.
    @discardableResult public func load() -> Task<Void, Never> {
        steps.run { [self] in devices = try await session.devices() }
    }

    /// Revokes `deviceId` when the list offers it, then fetches again.
    @discardableResult public func revoke(_ deviceId: String) -> Task<Void, Never> {
        steps.run { [self] in
            guard devices.contains(where: { $0.deviceId == deviceId && $0.revocable }) else { return }
            _ = try await session.revokeDevice(deviceId: deviceId)
            devices = try await session.devices()
        }
    }
}

/// One of the customer's cards on the soft-token screen.
public struct TokenCard: Sendable, Equatable {
    /// The card (its label, its state).
    public let card: CardInfo
    /// This phone holds its soft token (codes are shown).
    public let active: Bool
    /// Its token may be activated here (the card can pay, and no token is on this phone).
    public let activatable: Bool
}

/// The soft token (رمزساز): which cards' tokens this phone holds, activation with the SMS
/// code, and each active card's codes (the seed stays in Rust).
@MainActor
@Observable
public final class SoftTokenModel {
    /// The customer's cards and their tokens.
    public private(set) var cards: [TokenCard] = []
    /// An activation waiting for its SMS code.
    public private(set) var activation: TokenActivation?
    /// Where its code went, masked.
    public private(set) var codeSentTo: String?
    /// The calls: busy, and the last failure.
    public let steps = StepRunner()
    @ObservationIgnored private let accounts: AccountsClient
    @ObservationIgnored private let token: TokenClient

    /// The soft tokens of `accounts`' cards.
    public init(accounts: AccountsClient, token: TokenClient) {
        self.accounts = accounts
        self.token = token
    }

    /// Fetches the cards and the tokens this phone holds.
    @discardableResult public func load() -> Task<Void, Never> {
        steps.run { [self] in try await refresh() }
    }

    /// Starts activating `cardId`'s token: an SMS code goes to the customer.
    @discardableResult public func activate(_ cardId: String) -> Task<Void, Never> {
        steps.run { [self] in
            guard cards.contains(where: { $0.card.cardId == cardId && $0.activatable }) else { return }
            let started = try await token.activate(cardId: cardId)
            codeSentTo = await started.sentToMobileMasked()
            activation = started
        }
    }

    /// Confirms the activation with the SMS code; a wrong one keeps it open.
    @discardableResult public func confirm(code: String) -> Task<Void, Never> {
        steps.run { [self] in
            guard let activation else { return }
            try await activation.confirm(code: code)
            self.activation = nil
            codeSentTo = nil
            try await refresh()
        }
    }

    /// `cardId`'s code now, then as each one runs out.
    public func codes(_ cardId: String) throws -> AsyncStream<TokenCode> {
        try token.codes(cardId: cardId)
    }

    private func refresh() async throws {
        let held = Set(try token.cards())
        cards = try await accounts.overview().cards.map { card in
            let active = held.contains(card.cardId)
            return TokenCard(card: card, active: active, activatable: card.usable && !active)
        }
    }
}
