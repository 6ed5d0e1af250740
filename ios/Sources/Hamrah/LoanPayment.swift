// The loan payment as an AsyncStream of states, like the other journeys (see Streams.swift).

extension StateFeed: LoanPaymentObserver where Element == LoanPaymentState {
    /// The core calls this with every new state; it goes to the stream.
    public func onState(state: LoanPaymentState) {
        continuation.yield(state)
    }
}

extension LoanPaymentFlow {
    /// The journey's states: the current one first, then every new one.
    public func states() throws -> AsyncStream<LoanPaymentState> {
        try StateFeed.stream { try observe(observer: $0) }
    }

    /// The SMS dynamic PIN's validity in seconds, once a second, ending with 0.
    public func pinCountdown() throws -> AsyncStream<UInt64> {
        try StateFeed.stream { try observePinCountdown(observer: $0) }
    }
}

// Each step by name, over the one `step(input:)` export (one export keeps the phones' library small).
extension LoanPaymentFlow {
    /// From the list: pay a loan by its number instead.
    public func payByNumber() async throws -> LoanPaymentState { try await step(input: .payByNumber) }
    /// Picks one of the customer's loans.
    public func chooseLoan(loanId: String) async throws -> LoanPaymentState {
        try await step(input: .chooseLoan(loanId: loanId))
    }
    /// The loan number as typed.
    public func enterLoanNumber(number: String) async throws -> LoanPaymentState {
        try await step(input: .enterLoanNumber(number: number))
    }
    /// Confirms (or rejects) the holder's masked name.
    public func confirmHolder(confirmed: Bool) async throws -> LoanPaymentState {
        try await step(input: .confirmHolder(confirmed: confirmed))
    }
    /// Pays the oldest `count` unpaid instalments.
    public func chooseInstalments(count: UInt32) async throws -> LoanPaymentState {
        try await step(input: .chooseInstalments(count: count))
    }
    /// Asks the bank's early-settlement quote (one's own loan).
    public func requestSettlement() async throws -> LoanPaymentState { try await step(input: .requestSettlement) }
    /// Accepts (or declines) the quote.
    public func acceptSettlement(accepted: Bool) async throws -> LoanPaymentState {
        try await step(input: .acceptSettlement(accepted: accepted))
    }
    /// Picks the account or card that pays.
    public func chooseSource(sourceId: String) async throws -> LoanPaymentState {
        try await step(input: .chooseSource(sourceId: sourceId))
    }
    /// Asks for an SMS dynamic PIN bound to this loan and amount.
    public func requestPin() async throws -> LoanPaymentState { try await step(input: .requestPin) }
    /// Pays from the account with the SMS dynamic PIN, exactly once.
    public func submit(pin: String) async throws -> LoanPaymentState { try await step(input: .submit(pin: pin)) }
    /// Pays from the account with a code of this phone's soft token, exactly once.
    public func submitWithSoftToken() async throws -> LoanPaymentState { try await step(input: .submitWithSoftToken) }
    /// Pays from another bank's card, exactly once.
    public func submitCard(pin: String, cvv2: String, expiry: String) async throws -> LoanPaymentState {
        try await step(input: .submitCard(pin: pin, cvv2: cvv2, expiry: expiry))
    }
    /// A pending payment asks the bank for its outcome.
    public func resolve() async throws -> LoanPaymentState { try await step(input: .resolve) }
}
