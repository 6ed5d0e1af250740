// AsyncStreams over the top-up and account-transfer journeys, as `Streams.swift` does for the
// others: `for await state in try flow.states() { ... }`.

extension StateFeed: TopupObserver where Element == TopupState {
    /// The top-up's new state.
    public func onState(state: TopupState) {
        continuation.yield(state)
    }
}

extension StateFeed: AccountTransferObserver where Element == AccountTransferState {
    /// The transfer to an account's new state.
    public func onState(state: AccountTransferState) {
        continuation.yield(state)
    }
}

extension TopupFlow {
    /// The journey's states: the current one first, then every new one.
    public func states() throws -> AsyncStream<TopupState> {
        try StateFeed.stream { try observe(observer: $0) }
    }

    /// The SMS dynamic PIN's validity in seconds, once a second, ending with 0.
    public func pinCountdown() throws -> AsyncStream<UInt64> {
        try StateFeed.stream { try observePinCountdown(observer: $0) }
    }
}

extension AccountTransferFlow {
    /// The journey's states: the current one first, then every new one.
    public func states() throws -> AsyncStream<AccountTransferState> {
        try StateFeed.stream { try observe(observer: $0) }
    }

    /// The SMS dynamic PIN's validity in seconds, once a second, ending with 0.
    public func pinCountdown() throws -> AsyncStream<UInt64> {
        try StateFeed.stream { try observePinCountdown(observer: $0) }
    }
}
