// The bindings' observers, implemented once by `StateFeed` for each kind of value they report.

extension StateFeed: SessionObserver where Element == SessionState {
    /// The session's new state.
    public func onState(state: SessionState) {
        continuation.yield(state)
    }
}

extension StateFeed: CardTransferObserver where Element == CardTransferState {
    /// The card-to-card journey's new state.
    public func onState(state: CardTransferState) {
        continuation.yield(state)
    }
}

extension StateFeed: CountdownObserver where Element == UInt64 {
    /// Seconds left; the stream ends after the zero.
    public func onTick(secondsLeft: UInt64) {
        continuation.yield(secondsLeft)
    }

    /// The countdown reached zero.
    public func onFinished() {
        continuation.yield(0)
        continuation.finish()
    }
}

extension StateFeed: ShebaTransferObserver where Element == ShebaTransferState {
    /// The SHEBA journey's new state.
    public func onState(state: ShebaTransferState) {
        continuation.yield(state)
    }
}

extension StateFeed: BillPaymentObserver where Element == BillPaymentState {
    /// The bill payment's new state.
    public func onState(state: BillPaymentState) {
        continuation.yield(state)
    }
}

extension StateFeed: CardBlockObserver where Element == CardBlockState {
    /// The card block's new state.
    public func onState(state: CardBlockState) {
        continuation.yield(state)
    }
}

extension StateFeed: SecondPinObserver where Element == SecondPinState {
    /// The second-PIN change's new state.
    public func onState(state: SecondPinState) {
        continuation.yield(state)
    }
}

extension StateFeed: TokenCodeObserver where Element == TokenCode {
    /// The soft token's current code and its seconds left.
    public func onCode(code: TokenCode) {
        continuation.yield(code)
    }
}

extension StateFeed: ChannelObserver where Element == ChannelDecision {
    /// Which channel (HTTPS or SMS) the next step uses, and why.
    public func onChannel(decision: ChannelDecision) {
        continuation.yield(decision)
    }
}
