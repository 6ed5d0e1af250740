import Observation

/// The part of the SMS screen an exchange belongs to (its outcome shows there).
public enum SmsTask: Sendable, Hashable {
    /// Agreeing the SMS key.
    case setUp
    /// Balance or last five of an account.
    case account
    /// Card to card.
    case transfer
    /// A bill paid from an account.
    case bill
    /// Blocking a card.
    case block
}

/// Banking over SMS: the channel the core chooses, the set-up, the rows the pickers name (the
/// HTTPS lists' labels, else the core's directory kept from the last time they loaded; with
/// neither the customer types a row, checked by the core), and the operations. One exchange
/// runs at a time; a payment or block whose outcome the core's journal holds as unknown is
/// offered "resolve" by its key, never a new one.
@MainActor
@Observable
public final class SmsBankingModel {
    /// The channel the next step uses, and why.
    public private(set) var channel: ChannelDecision
    /// The SMS key is agreed.
    public private(set) var ready: Bool
    /// The accounts' labels in the bank's order (an SMS names an account by its row).
    public private(set) var accountRows: [String] = []
    /// The cards' labels in the bank's order.
    public private(set) var cardRows: [String] = []
    /// The section of the last exchange.
    public private(set) var task: SmsTask?
    /// The bank's answer to the last exchange.
    public private(set) var result: SmsResult?
    /// The sections whose operation's outcome is unknown: they offer resolve and nothing new.
    public private(set) var unresolved: Set<SmsTask> = []
    /// The card-to-card transfer under way (its PIN asked), nil before one.
    public private(set) var transfer: SmsCardTransfer?
    /// The bill payment under way, nil before one.
    public private(set) var payment: SmsBillPayment?
    /// SMS banking was opened from the login screen after the device's unlock.
    public private(set) var unlocked = false
    /// The exchanges: busy (the customer sends the SMS, the reply is awaited), the last failure.
    public let steps = StepRunner()
    /// The channel (the app delivers the SMS it receives, or the replies pasted, into it).
    public let sms: SmsChannel
    @ObservationIgnored private let accounts: AccountsClient
    @ObservationIgnored private var block: SmsCardBlock?
    @ObservationIgnored private var following: Task<Void, Never>?

    /// SMS banking over `sms`, naming rows from `accounts` when they load.
    public init(sms: SmsChannel, accounts: AccountsClient) {
        self.sms = sms
        self.accounts = accounts
        channel = sms.channel()
        ready = sms.isReady()
        let decisions = sms.channels()
        following = Task { [weak self] in
            for await decision in decisions { self?.channel = decision }
        }
    }

    /// The index an SMS carries for the row typed as `text` (1 for the first); nil when the
    /// core refuses it (`rowProblem` says why).
    public func typedRow(_ text: String) -> UInt8? {
        try? smsRowIndex(typed: text)
    }

    /// The core's problem with a typed row (nil when it is one).
    public func rowProblem(_ text: String) -> ProblemInfo? {
        do {
            _ = try smsRowIndex(typed: text)
            return nil
        } catch {
            return ProblemInfo.of(error)
        }
    }

    /// The rows' labels: the directory kept on the phone first, then the HTTPS lists when they load.
    @discardableResult public func load() -> Task<Void, Never> {
        steps.run { [self] in
            let kept = try sms.directory()
            accountRows = kept.accounts
            cardRows = kept.cards
            do {
                let overview = try await accounts.overview()
                accountRows = overview.accounts.map(\.labelFa)
                cardRows = overview.cards.map(\.labelFa)
            } catch {
                // Data down or no session: the kept labels serve; the failure matters only without them.
                if kept.accounts.isEmpty && kept.cards.isEmpty { throw error }
            }
        }
    }

    /// Agrees the SMS key with the bank (over HTTPS, logged in).
    @discardableResult public func setUp() -> Task<Void, Never> {
        exchange(.setUp) { [self] in
            try await sms.setUp()
            ready = sms.isReady()
            sms.connectivityChanged()
            return nil
        }
    }

    /// SMS banking from the login screen (no bank session): the device's unlock first.
    @discardableResult public func unlock(_ gate: any LocalUnlock) -> Task<Void, Never> {
        steps.run { [self] in
            unlocked = false
            try await sms.unlock(unlock: gate)
            unlocked = true
        }
    }

    /// Leaves SMS banking opened from the login screen.
    public func lock() {
        unlocked = false
    }

    /// The balance of the account at `row`.
    @discardableResult public func balance(row: UInt8) -> Task<Void, Never> {
        exchange(.account) { [sms] in try await sms.balance(accountIndex: row) }
    }

    /// The last five entries of the account at `row`.
    @discardableResult public func lastFive(row: UInt8) -> Task<Void, Never> {
        exchange(.account) { [sms] in try await sms.lastFive(accountIndex: row) }
    }

    /// Asks for the dynamic PIN of a card-to-card transfer from the card at `row` (the transfer
    /// is named by its key the first time; the fields then stay).
    @discardableResult
    public func requestTransferPin(row: UInt8, destinationPan: String, amount: String) -> Task<Void, Never> {
        exchange(.transfer) { [self] in
            let current = try transfer ?? sms.cardTransfer(cardIndex: row, destinationPan: destinationPan, amount: amount)
            transfer = current
            return try await current.requestPin()
        }
    }

    /// Sends the transfer with the PIN, CVV2 and expiry, exactly once.
    @discardableResult public func payTransfer(pin: String, cvv2: String, expiry: String) -> Task<Void, Never> {
        exchange(.transfer) { [self] in try await transfer?.submit(pin: pin, cvv2: cvv2, expiry: expiry) }
    }

    /// Asks the bank for the transfer's outcome by its key.
    @discardableResult public func resolveTransfer() -> Task<Void, Never> {
        exchange(.transfer) { [self] in try await transfer?.resolve() }
    }

    /// A new transfer (not while the last one's outcome is unknown).
    public func newTransfer() {
        guard !unresolved.contains(.transfer), !steps.busy else { return }
        transfer = nil
        if task == .transfer { result = nil }
    }

    /// Pays a bill from the account at `row`, exactly once (the same bill again under the same key).
    @discardableResult
    public func payBill(row: UInt8, billId: String, paymentId: String, amount: String) -> Task<Void, Never> {
        exchange(.bill) { [self] in
            let current = try payment ?? sms.billPayment(billId: billId, paymentId: paymentId, amount: amount)
            payment = current
            return try await current.payFromAccount(accountIndex: row)
        }
    }

    /// Asks the bank for the bill payment's outcome by its key.
    @discardableResult public func resolveBill() -> Task<Void, Never> {
        exchange(.bill) { [self] in try await payment?.resolve() }
    }

    /// A new bill (not while the last one's outcome is unknown).
    public func newBill() {
        guard !unresolved.contains(.bill), !steps.busy else { return }
        payment = nil
        if task == .bill { result = nil }
    }

    /// Blocks the card at `row` (as lost), after the customer confirmed.
    @discardableResult public func blockCard(row: UInt8) -> Task<Void, Never> {
        exchange(.block) { [self] in
            if unresolved.contains(.block), let block { return try await block.resolve() }
            let started = sms.cardBlock(cardIndex: row)
            block = started
            return try await started.submit()
        }
    }

    /// Asks the bank for the block's outcome by its key.
    @discardableResult public func resolveBlock() -> Task<Void, Never> {
        exchange(.block) { [self] in try await block?.resolve() }
    }

    private func exchange(_ section: SmsTask, _ call: @escaping @MainActor () async throws -> SmsResult?)
        -> Task<Void, Never>
    {
        steps.run { [self] in
            task = section
            result = nil
            defer { settle(section) }
            result = try await call()
        }
    }

    /// Whether `section`'s operation is unknown, as the core's journal says.
    private func settle(_ section: SmsTask) {
        let open: Bool =
            switch section {
            case .transfer: transfer?.outcomeUnknown() ?? false
            case .bill: payment?.outcomeUnknown() ?? false
            case .block: block?.outcomeUnknown() ?? false
            case .setUp, .account: false
            }
        if open { unresolved.insert(section) } else { unresolved.remove(section) }
    }
}
