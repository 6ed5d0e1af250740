// The journeys' and the session's inputs by name. The bindings take every input of a journey
// through one export (`step(input:)`, each export costs the phones' library kilobytes); these
// are the calls Swift code reads.

extension CardTransferFlow {
    /// Picks the source card.
    public func chooseSource(cardId: String) async throws -> CardTransferState {
        try await step(input: .chooseSource(cardId: cardId))
    }

    /// The destination card number, as typed; then the holder inquiry.
    public func enterDestination(pan: String) async throws -> CardTransferState {
        try await step(input: .enterDestination(pan: pan))
    }

    /// Confirms (or rejects) the holder.
    public func confirmHolder(confirmed: Bool) async throws -> CardTransferState {
        try await step(input: .confirmHolder(confirmed: confirmed))
    }

    /// The amount in rials, as typed.
    public func enterAmount(amount: String) async throws -> CardTransferState {
        try await step(input: .enterAmount(amount: amount))
    }

    /// Asks the issuer for an SMS dynamic PIN.
    public func requestPin() async throws -> CardTransferState {
        try await step(input: .requestPin)
    }

    /// Submits exactly once with the SMS dynamic PIN, CVV2 and expiry.
    public func submit(pin: String, cvv2: String, expiry: String) async throws -> CardTransferState {
        try await step(input: .submit(pin: pin, cvv2: cvv2, expiry: expiry))
    }

    /// Submits exactly once with a code of the phone's soft token.
    public func submitWithSoftToken(cvv2: String, expiry: String) async throws -> CardTransferState {
        try await step(input: .submitWithSoftToken(cvv2: cvv2, expiry: expiry))
    }

    /// A pending transfer asks the bank for its outcome.
    public func resolve() async throws -> CardTransferState {
        try await step(input: .resolve)
    }

    /// Whether the step offers paying with this phone's soft token.
    public func softTokenAvailable() async -> Bool {
        await view().pin?.payWithSoftToken != nil
    }
}

extension BillPaymentFlow {
    /// The bill ID and payment ID, as typed; then the biller's answer.
    public func enterBill(billId: String, paymentId: String) async throws -> BillPaymentState {
        try await step(input: .enterBill(billId: billId, paymentId: paymentId))
    }

    /// Picks the account or card that pays.
    public func chooseSource(sourceId: String) async throws -> BillPaymentState {
        try await step(input: .chooseSource(sourceId: sourceId))
    }

    /// Pays from the chosen account with the SMS dynamic PIN, exactly once.
    public func confirm(pin: String) async throws -> BillPaymentState {
        try await step(input: .confirm(pin: pin))
    }

    /// Pays from the chosen account with a code of this phone's soft token, exactly once.
    public func confirmWithSoftToken() async throws -> BillPaymentState {
        try await step(input: .confirmWithSoftToken)
    }

    /// Asks for an SMS dynamic PIN bound to this bill (the card's issuer, or the bank for an account).
    public func requestPin() async throws -> BillPaymentState {
        try await step(input: .requestPin)
    }

    /// Pays by card with the SMS dynamic PIN, CVV2 and expiry, exactly once.
    public func submitCard(pin: String, cvv2: String, expiry: String) async throws -> BillPaymentState {
        try await step(input: .submitCard(pin: pin, cvv2: cvv2, expiry: expiry))
    }

    /// Pays by card with a code of the phone's soft token, exactly once.
    public func submitCardWithSoftToken(cvv2: String, expiry: String) async throws -> BillPaymentState {
        try await step(input: .submitCardWithSoftToken(cvv2: cvv2, expiry: expiry))
    }

    /// A pending payment asks the bank for its outcome.
    public func resolve() async throws -> BillPaymentState {
        try await step(input: .resolve)
    }

    /// Whether the step offers paying with this phone's soft token.
    public func softTokenAvailable() async -> Bool {
        await view().pin?.payWithSoftToken != nil
    }
}

extension CardBlockFlow {
    /// Picks the card and the reason; the block waits for the confirmation.
    public func choose(cardId: String, reason: BlockReason) async throws -> CardBlockState {
        try await step(input: .choose(cardId: cardId, reason: reason))
    }

    /// Back from the confirmation to the cards.
    public func back() async throws -> CardBlockState {
        try await step(input: .back)
    }

    /// Confirms: the block goes to the bank exactly once.
    public func confirm() async throws -> CardBlockState {
        try await step(input: .confirm)
    }

    /// A pending block asks the bank for its outcome.
    public func resolve() async throws -> CardBlockState {
        try await step(input: .resolve)
    }
}

extension SecondPinFlow {
    /// Picks the card; the change waits for the PINs.
    public func choose(cardId: String) async throws -> SecondPinState {
        try await step(input: .choose(cardId: cardId))
    }

    /// Back from the PINs to the cards.
    public func back() async throws -> SecondPinState {
        try await step(input: .back)
    }

    /// Sends the change once; a typing mistake stays on the PINs' step with its field.
    public func submit(currentPin: String, newPin: String, repeatPin: String) async throws -> SecondPinState {
        try await step(input: .submit(currentPin: currentPin, newPin: newPin, repeatPin: repeatPin))
    }

    /// A pending change asks the bank for its outcome.
    public func resolve() async throws -> SecondPinState {
        try await step(input: .resolve)
    }
}

extension SessionClient {
    /// Activation, step 1: national ID, mobile, Jalali birth date, a card and its expiry (`YYMM`).
    public func startActivation(
        nationalId: String, mobile: String, birthDate: String, pan: String, expiry: String
    ) async throws -> SessionState {
        try await step(
            input: .startActivation(
                nationalId: nationalId, mobile: mobile, birthDate: birthDate, pan: pan, expiry: expiry))
    }

    /// Activation, step 2: the SMS code.
    public func verifyActivation(code: String) async throws -> SessionState {
        try await step(input: .verifyActivation(code: code))
    }

    /// Activation, step 3: username and password.
    public func chooseCredentials(username: String, password: String) async throws -> SessionState {
        try await step(input: .chooseCredentials(username: username, password: password))
    }

    /// Login with username and password.
    public func login(username: String, password: String) async throws -> SessionState {
        try await step(input: .login(username: username, password: password))
    }

    /// Login from a new device: the SMS code.
    public func verifyLogin(code: String) async throws -> SessionState {
        try await step(input: .verifyLogin(code: code))
    }

    /// Changes the password (also the forced change).
    public func changePassword(current: String, new: String) async throws -> SessionState {
        try await step(input: .changePassword(current: current, new: new))
    }

    /// Logs out.
    public func logout() async throws -> SessionState {
        try await step(input: .logout)
    }

    /// Revokes a device (this one: logged out, its key deleted).
    public func revokeDevice(deviceId: String) async throws -> SessionState {
        try await step(input: .revokeDevice(deviceId: deviceId))
    }
}

extension StatementPages {
    /// The newest page (again from the top).
    public func firstPage() async throws -> StatementPage {
        try await page(fromTop: true)
    }

    /// The next older page (empty past the end).
    public func nextPage() async throws -> StatementPage {
        try await page(fromTop: false)
    }
}

extension SmsCardTransfer {
    /// Asks the card's issuer, over SMS, for a dynamic PIN bound to this transfer.
    public func requestPin() async throws -> SmsResult {
        try await step(input: .requestPin)
    }

    /// Sends the transfer with the dynamic PIN, CVV2 and expiry, exactly once.
    public func submit(pin: String, cvv2: String, expiry: String) async throws -> SmsResult {
        try await step(input: .submit(pin: pin, cvv2: cvv2, expiry: expiry))
    }

    /// Asks the bank, over SMS, for this transfer's outcome.
    public func resolve() async throws -> SmsResult {
        try await step(input: .resolve)
    }
}

extension SmsBillPayment {
    /// Asks the issuer of the card at `cardIndex`, over SMS, for a dynamic PIN bound to this bill.
    public func requestPin(cardIndex: UInt8) async throws -> SmsResult {
        try await step(input: .requestPin(cardIndex: cardIndex))
    }

    /// Pays from the account at `accountIndex`, exactly once.
    public func payFromAccount(accountIndex: UInt8) async throws -> SmsResult {
        try await step(input: .payFromAccount(accountIndex: accountIndex))
    }

    /// Pays from the card at `cardIndex` with its SMS dynamic PIN, CVV2 and expiry, exactly once.
    public func payFromCard(cardIndex: UInt8, pin: String, cvv2: String, expiry: String) async throws -> SmsResult {
        try await step(input: .payFromCard(cardIndex: cardIndex, pin: pin, cvv2: cvv2, expiry: expiry))
    }

    /// Asks the bank, over SMS, for this payment's outcome.
    public func resolve() async throws -> SmsResult {
        try await step(input: .resolve)
    }
}

extension SmsCardBlock {
    /// Sends the block, exactly once.
    public func submit() async throws -> SmsResult {
        try await step(resolve: false)
    }

    /// Asks the bank, over SMS, for the block's outcome.
    public func resolve() async throws -> SmsResult {
        try await step(resolve: true)
    }
}
