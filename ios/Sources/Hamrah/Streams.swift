// AsyncStreams over the core's observations: `for await state in try flow.states() { ... }`.
// Leaving the loop, or cancelling its task, stops the observation in the core.

extension SessionClient {
    /// The session's states: the current one first, then every change (the idle warning's
    /// countdown and the expiry included).
    public func states() throws -> AsyncStream<SessionState> {
        try StateFeed.stream { try observe(observer: $0) }
    }
}

extension CardTransferFlow {
    /// The journey's states: the current one first, then every new one, including the outcome
    /// of a submit whose caller stopped waiting.
    public func states() throws -> AsyncStream<CardTransferState> {
        try StateFeed.stream { try observe(observer: $0) }
    }

    /// The SMS dynamic PIN's validity in seconds, once a second, ending with 0.
    public func pinCountdown() throws -> AsyncStream<UInt64> {
        try StateFeed.stream { try observePinCountdown(observer: $0) }
    }
}

extension ShebaTransferFlow {
    /// The journey's states: the current one first, then every new one.
    public func states() throws -> AsyncStream<ShebaTransferState> {
        try StateFeed.stream { try observe(observer: $0) }
    }

    /// The SMS dynamic PIN's validity in seconds, once a second, ending with 0.
    public func pinCountdown() throws -> AsyncStream<UInt64> {
        try StateFeed.stream { try observePinCountdown(observer: $0) }
    }
}

extension BillPaymentFlow {
    /// The journey's states: the current one first, then every new one.
    public func states() throws -> AsyncStream<BillPaymentState> {
        try StateFeed.stream { try observe(observer: $0) }
    }

    /// The SMS dynamic PIN's validity in seconds (paying by card), once a second, ending with 0.
    public func pinCountdown() throws -> AsyncStream<UInt64> {
        try StateFeed.stream { try observePinCountdown(observer: $0) }
    }
}

extension CardBlockFlow {
    /// The block's states: the current one first, then every new one.
    public func states() throws -> AsyncStream<CardBlockState> {
        try StateFeed.stream { try observe(observer: $0) }
    }

    /// A card block asks for no PIN: a countdown that ends at once.
    public func pinCountdown() throws -> AsyncStream<UInt64> {
        AsyncStream { $0.finish() }
    }
}

extension SecondPinFlow {
    /// The change's states: the current one first, then every new one.
    public func states() throws -> AsyncStream<SecondPinState> {
        try StateFeed.stream { try observe(observer: $0) }
    }

    /// A second-PIN change asks for no SMS PIN: a countdown that ends at once.
    public func pinCountdown() throws -> AsyncStream<UInt64> {
        AsyncStream { $0.finish() }
    }
}

extension TokenClient {
    /// The soft token's code for `cardId`, renewed as each one runs out (offline; no request).
    public func codes(cardId: String) throws -> AsyncStream<TokenCode> {
        try StateFeed.stream { try observeCode(cardId: cardId, observer: $0) }
    }
}

extension TokenActivation {
    /// The activation SMS code's validity in seconds, once a second, ending with 0.
    public func countdown() throws -> AsyncStream<UInt64> {
        try StateFeed.stream { try observeCountdown(observer: $0) }
    }
}

extension SmsChannel {
    /// The channel decisions: the current one first, then every change (data lost, HTTPS
    /// failing, data back), so every screen can say how its step will be sent.
    public func channels() -> AsyncStream<ChannelDecision> {
        StateFeed.stream { observeChannel(observer: $0) }
    }
}
