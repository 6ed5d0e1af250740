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
