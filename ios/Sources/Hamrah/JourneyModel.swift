import Observation

/// A journey the core saves after each step (card to card, bill, card block, second-PIN change).
public protocol SavedFlow: AnyObject, Sendable {
    /// Its states.
    associatedtype State: Sendable & Equatable
    /// The latest state.
    func state() throws -> State
    /// The current state, then every new one.
    func states() throws -> AsyncStream<State>
    /// What the current step offers (the core's `StepView`).
    func view() async -> StepView
    /// The SMS dynamic PIN's validity, once a second, ending with 0 (empty without a PIN step).
    func pinCountdown() throws -> AsyncStream<UInt64>
    /// Forgets the saved journey.
    func finish() async throws
}

extension CardTransferFlow: SavedFlow {}
extension BillPaymentFlow: SavedFlow {}
extension CardBlockFlow: SavedFlow {}
extension SecondPinFlow: SavedFlow {}
extension ShebaTransferFlow: SavedFlow {}

extension StepView {
    /// Nothing offered (no journey open).
    public static let nothing = StepView(pin: nil, receipt: nil, resolve: nil, cancel: nil, finish: nil)
}

/// The life of one kind of journey, owned by the Swift package (the app holds one model per
/// kind for its whole life, so a screen left and reopened keeps its journey): `open` reopens
/// the journey saved last (after the app was killed) or starts a new one; `finish` after the
/// receipt forgets it; `cancel` leaves one before anything was sent. `view` is what the current
/// step offers, asked of the core at every state and, at a dynamic-PIN step, at every tick of
/// the PIN's countdown (the button counts down and comes back by itself).
@MainActor
@Observable
public final class JourneyModel<Flow: SavedFlow> {
    /// The journey on screen, nil before `open` and after `finish`.
    public private(set) var flow: Flow?
    /// Its state, nil without a journey.
    public private(set) var state: Flow.State?
    /// What the current step offers: the PIN's buttons and countdown, resolve, cancel, finish, the receipt.
    public private(set) var view: StepView = .nothing
    /// Runs the steps: `busy`, and the last step's failure (a step's own problem is in its state).
    public let steps = StepRunner()
    @ObservationIgnored private let restoreLatest: @Sendable () async throws -> Flow?
    @ObservationIgnored private let start: @Sendable () async throws -> Flow
    @ObservationIgnored private var following: Task<Void, Never>?
    @ObservationIgnored private var ticking: Task<Void, Never>?

    /// A model that reopens with `restoreLatest` or starts with `start`.
    public init(
        restoreLatest: @escaping @Sendable () async throws -> Flow?,
        start: @escaping @Sendable () async throws -> Flow
    ) {
        self.restoreLatest = restoreLatest
        self.start = start
    }

    /// Reopens the journey saved last or starts a new one; keeps the one already open.
    @discardableResult
    public func open() -> Task<Void, Never> {
        steps.run { [self] in
            if flow == nil {
                let opened: Flow
                if let restored = try await restoreLatest() {
                    opened = restored
                } else {
                    opened = try await start()
                }
                flow = opened
                follow(opened)
            }
            await settle()
        }
    }

    /// Runs one step of the open journey.
    @discardableResult
    public func step(_ call: @escaping @Sendable (Flow) async throws -> Void) -> Task<Void, Never> {
        steps.run { [self] in
            do {
                if let flow { try await call(flow) }
            } catch {
                await settle()
                throw error
            }
            await settle()
        }
    }

    /// After the receipt (or a failure): the saved journey is forgotten.
    @discardableResult
    public func finish() -> Task<Void, Never> {
        steps.run { [self] in try await end() }
    }

    /// Leaves the journey before anything was sent, when the step offers it.
    @discardableResult
    public func cancel() -> Task<Void, Never> {
        steps.run { [self] in
            if view.cancel?.enabled == true { try await end() }
        }
    }

    private func end() async throws {
        guard let flow else { return }
        try await flow.finish()
        following?.cancel()
        ticking?.cancel()
        self.flow = nil
        await settle()
    }

    /// The state and view now, so a step's task completes with both current.
    private func settle() async {
        guard let flow else {
            state = nil
            view = .nothing
            return
        }
        state = try? flow.state()
        view = await flow.view()
    }

    private func follow(_ flow: Flow) {
        following?.cancel()
        guard let states = try? flow.states() else { return }
        following = Task { [weak self] in
            for await next in states {
                guard let self else { return }
                state = next
                ticking?.cancel()
                view = await flow.view()
                if (view.pin?.secondsLeft ?? 0) > 0, let ticks = try? flow.pinCountdown() {
                    ticking = Task { [weak self] in
                        for await _ in ticks {
                            guard let self else { return }
                            view = await flow.view()
                        }
                        await self?.refreshView(flow)
                    }
                }
            }
        }
    }

    private func refreshView(_ flow: Flow) async {
        view = await flow.view()
    }
}

/// The card-to-card screen's model.
public typealias CardTransferModel = JourneyModel<CardTransferFlow>
/// The bill screen's model.
public typealias BillPaymentModel = JourneyModel<BillPaymentFlow>
/// The card block screen's model.
public typealias CardBlockModel = JourneyModel<CardBlockFlow>
/// The second-PIN change screen's model.
public typealias SecondPinModel = JourneyModel<SecondPinFlow>
/// The SHEBA (PAYA/SATNA) screen's model.
public typealias ShebaTransferModel = JourneyModel<ShebaTransferFlow>

extension JourneyModel where Flow == CardTransferFlow {
    /// The card-to-card journeys of `transfers`.
    public convenience init(transfers: CardTransfers) {
        self.init(restoreLatest: { try await transfers.restoreLatest() }, start: { try await transfers.start() })
    }

    /// Picks the source card.
    @discardableResult public func chooseSource(_ cardId: String) -> Task<Void, Never> {
        step { _ = try await $0.chooseSource(cardId: cardId) }
    }

    /// The destination card number, as typed.
    @discardableResult public func enterDestination(_ pan: String) -> Task<Void, Never> {
        step { _ = try await $0.enterDestination(pan: pan) }
    }

    /// Confirms (or rejects) the holder's name.
    @discardableResult public func confirmHolder(_ confirmed: Bool) -> Task<Void, Never> {
        step { _ = try await $0.confirmHolder(confirmed: confirmed) }
    }

    /// The amount in rials, as typed.
    @discardableResult public func enterAmount(_ amount: String) -> Task<Void, Never> {
        step { _ = try await $0.enterAmount(amount: amount) }
    }

    /// Asks the issuer for an SMS dynamic PIN.
    @discardableResult public func requestPin() -> Task<Void, Never> {
        step { _ = try await $0.requestPin() }
    }

    /// Pays exactly once with the SMS dynamic PIN, CVV2 and expiry.
    @discardableResult public func payWithSmsPin(pin: String, cvv2: String, expiry: String) -> Task<Void, Never> {
        step { _ = try await $0.submit(pin: pin, cvv2: cvv2, expiry: expiry) }
    }

    /// Pays exactly once with a code of the phone's soft token.
    @discardableResult public func payWithSoftToken(cvv2: String, expiry: String) -> Task<Void, Never> {
        step { _ = try await $0.submitWithSoftToken(cvv2: cvv2, expiry: expiry) }
    }

    /// A pending transfer asks the bank for its outcome.
    @discardableResult public func resolve() -> Task<Void, Never> {
        step { _ = try await $0.resolve() }
    }
}

extension JourneyModel where Flow == BillPaymentFlow {
    /// The bill payments of `bills`.
    public convenience init(bills: BillPayments) {
        self.init(restoreLatest: { try await bills.restoreLatest() }, start: { try await bills.start() })
    }

    /// The bill ID and payment ID, as typed.
    @discardableResult public func enterBill(billId: String, paymentId: String) -> Task<Void, Never> {
        step { _ = try await $0.enterBill(billId: billId, paymentId: paymentId) }
    }

    /// Picks the account or card that pays.
    @discardableResult public func chooseSource(_ sourceId: String) -> Task<Void, Never> {
        step { _ = try await $0.chooseSource(sourceId: sourceId) }
    }

    /// Pays from the chosen account with the SMS dynamic PIN, exactly once.
    @discardableResult public func confirm(pin: String) -> Task<Void, Never> {
        step { _ = try await $0.confirm(pin: pin) }
    }

    /// Pays from the chosen account with a code of the phone's soft token, exactly once.
    @discardableResult public func confirmWithSoftToken() -> Task<Void, Never> {
        step { _ = try await $0.confirmWithSoftToken() }
    }

    /// Asks for an SMS dynamic PIN (paying by card).
    @discardableResult public func requestPin() -> Task<Void, Never> {
        step { _ = try await $0.requestPin() }
    }

    /// Pays by card with the SMS dynamic PIN, exactly once.
    @discardableResult public func payWithSmsPin(pin: String, cvv2: String, expiry: String) -> Task<Void, Never> {
        step { _ = try await $0.submitCard(pin: pin, cvv2: cvv2, expiry: expiry) }
    }

    /// Pays by card with a code of the phone's soft token, exactly once.
    @discardableResult public func payWithSoftToken(cvv2: String, expiry: String) -> Task<Void, Never> {
        step { _ = try await $0.submitCardWithSoftToken(cvv2: cvv2, expiry: expiry) }
    }

    /// A pending payment asks the bank for its outcome.
    @discardableResult public func resolve() -> Task<Void, Never> {
        step { _ = try await $0.resolve() }
    }
}

extension JourneyModel where Flow == CardBlockFlow {
    /// The card blocks of `accounts`.
    public convenience init(blocks accounts: AccountsClient) {
        self.init(
            restoreLatest: { try await accounts.restoreCardBlock() }, start: { try await accounts.startCardBlock() })
    }

    /// Picks the card and the reason; the block then waits for the confirmation.
    @discardableResult public func choose(cardId: String, reason: BlockReason) -> Task<Void, Never> {
        step { _ = try await $0.choose(cardId: cardId, reason: reason) }
    }

    /// Back from the confirmation to the cards.
    @discardableResult public func back() -> Task<Void, Never> {
        step { _ = try await $0.back() }
    }

    /// Confirms: the block goes to the bank exactly once.
    @discardableResult public func confirm() -> Task<Void, Never> {
        step { _ = try await $0.confirm() }
    }

    /// A pending block asks the bank for its outcome.
    @discardableResult public func resolve() -> Task<Void, Never> {
        step { _ = try await $0.resolve() }
    }
}

extension JourneyModel where Flow == SecondPinFlow {
    /// The second-PIN changes of `accounts`.
    public convenience init(secondPins accounts: AccountsClient) {
        self.init(
            restoreLatest: { try accounts.restoreSecondPinChange() },
            start: { try await accounts.startSecondPinChange() })
    }

    /// Picks the card; the change then waits for the PINs.
    @discardableResult public func choose(cardId: String) -> Task<Void, Never> {
        step { _ = try await $0.choose(cardId: cardId) }
    }

    /// Back from the PINs to the cards.
    @discardableResult public func back() -> Task<Void, Never> {
        step { _ = try await $0.back() }
    }

    /// Sends the current second PIN and the new one (twice), exactly once; a typing mistake or a
    /// wrong current PIN comes back in `.enterPins`'s error, with its field.
    @discardableResult public func submit(currentPin: String, newPin: String, repeatPin: String) -> Task<Void, Never> {
        step { _ = try await $0.submit(currentPin: currentPin, newPin: newPin, repeatPin: repeatPin) }
    }

    /// A pending change asks the bank for its outcome.
    @discardableResult public func resolve() -> Task<Void, Never> {
        step { _ = try await $0.resolve() }
    }
}

extension JourneyModel where Flow == ShebaTransferFlow {
    /// The SHEBA transfers of `transfers`.
    public convenience init(transfers: ShebaTransfers) {
        self.init(restoreLatest: { try await transfers.restoreLatest() }, start: { try await transfers.start() })
    }

    /// Picks the source account.
    @discardableResult public func chooseSource(_ accountId: String) -> Task<Void, Never> {
        step { _ = try await $0.chooseSource(accountId: accountId) }
    }

    /// The destination SHEBA, as typed.
    @discardableResult public func enterSheba(_ sheba: String) -> Task<Void, Never> {
        step { _ = try await $0.enterSheba(sheba: sheba) }
    }

    /// Confirms (or rejects) the holder's name.
    @discardableResult public func confirmHolder(_ confirmed: Bool) -> Task<Void, Never> {
        step { _ = try await $0.confirmHolder(confirmed: confirmed) }
    }

    /// The amount in rials, as typed.
    @discardableResult public func enterAmount(_ amount: String) -> Task<Void, Never> {
        step { _ = try await $0.enterAmount(amount: amount) }
    }

    /// Picks PAYA or SATNA when both fit.
    @discardableResult public func chooseMethod(_ method: TransferMethod) -> Task<Void, Never> {
        step { _ = try await $0.chooseMethod(method: method) }
    }

    /// Asks the bank for an SMS dynamic PIN bound to this amount and SHEBA.
    @discardableResult public func requestPin() -> Task<Void, Never> {
        step { _ = try await $0.requestPin() }
    }

    /// Sends the order with the SMS dynamic PIN, exactly once.
    @discardableResult public func payWithSmsPin(_ pin: String) -> Task<Void, Never> {
        step { _ = try await $0.submit(pin: pin) }
    }

    /// Sends the order with a code of the phone's soft token, exactly once.
    @discardableResult public func payWithSoftToken() -> Task<Void, Never> {
        step { _ = try await $0.submitWithSoftToken() }
    }

    /// A pending transfer asks the bank for its outcome.
    @discardableResult public func resolve() -> Task<Void, Never> {
        step { _ = try await $0.resolve() }
    }
}
