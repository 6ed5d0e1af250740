import Foundation
import Hamrah
import XCTest

/// Card-to-card through the Swift layer: the journey's states, the SMS dynamic PIN and its
/// countdown, and exactly-once submission when the caller goes away.
final class CardTransferTests: BankTestCase {
    /// Walks Sara's card-to-card journey to the authorize step, with an SMS PIN requested.
    private func authorizedTransfer(amount: String) async throws -> (CardTransferFlow, CardPayment, String) {
        let sara = try await logIn("sara.ahmadi")
        let destination = try XCTUnwrap(seed.otherBankCards.first { $0.creditable ?? true })
        let flow = try await phone.hamrah.cardTransfers().start()

        let initial = try flow.state()
        guard case let .chooseSource(cards) = initial, let source = cards.first else { throw Unexpected(initial) }
        XCTAssertFalse(source.panMasked.contains(try XCTUnwrap(sara.cards.first).pan), "the PAN is masked")
        var state = try await flow.chooseSource(cardId: source.cardId)
        guard case .enterDestination = state else { throw Unexpected(state) }
        state = try await flow.enterDestination(pan: destination.pan)
        guard case let .confirmHolder(_, found) = state else { throw Unexpected(state) }
        XCTAssertFalse(found.holderName.isEmpty, "the holder's name is shown for confirmation")
        XCTAssertFalse(found.panMasked.contains(destination.pan))
        state = try await flow.confirmHolder(confirmed: true)
        guard case .enterAmount = state else { throw Unexpected(state) }
        state = try await flow.enterAmount(amount: amount)
        guard case .authorize(let payment, let pin, nil) = state else { throw Unexpected(state) }
        XCTAssertEqual(pin.requestsUsed, 0)
        state = try await flow.requestPin()
        guard case .authorize(_, let requested, nil) = state else { throw Unexpected(state) }
        XCTAssertEqual(requested.requestsUsed, 1)
        XCTAssertGreaterThan(requested.secondsLeft, 0)
        return (flow, payment, try bank.latestCode(to: sara.mobile))
    }

    func testCardToCardWithAnSmsPinTypedInPersianDigits() async throws {
        let sara = try customer("sara.ahmadi")
        let card = try XCTUnwrap(sara.cards.first)
        let (flow, payment, pin) = try await authorizedTransfer(amount: "۵٬۰۰۰٬۰۰۰")
        XCTAssertEqual(payment.amountRials, 5_000_000)
        XCTAssertFalse(payment.amountWordsFa.isEmpty, "the payment page shows the amount in words")
        let states = Recorder<CardTransferState>()
        await states.record(try flow.states())
        let before = try await totalBalance(of: sara)

        let outcome = try await flow.submit(pin: pin, cvv2: card.cvv2, expiry: card.expiry)
        guard case let .succeeded(_, receipt) = outcome else { throw Unexpected(outcome) }
        XCTAssertEqual(receipt.amountRials, 5_000_000)
        XCTAssertEqual(receipt.totalDebitedRials, receipt.amountRials + receipt.feeRials)
        XCTAssertFalse(receipt.traceNumber.isEmpty)
        let after = try await totalBalance(of: sara)
        XCTAssertEqual(before - after, Int64(receipt.totalDebitedRials))
        _ = try await states.wait { if case .succeeded = $0 { return true } else { return false } }
        await states.stop()
        try await flow.finish()
    }

    func testTheOtpCountdownArrivesAsAnAsyncStream() async throws {
        let (flow, _, _) = try await authorizedTransfer(amount: "2000000")
        let current = try flow.state()
        guard case let .authorize(_, pin, _) = current else { throw Unexpected(current) }
        var ticks: [UInt64] = []
        for await secondsLeft in try flow.pinCountdown() {
            ticks.append(secondsLeft)
            if ticks.count == 3 { break }
        }
        XCTAssertEqual(ticks.count, 3)
        XCTAssertLessThanOrEqual(ticks[0], pin.lifetimeSeconds)
        XCTAssertGreaterThan(ticks[2], 0)
        XCTAssertEqual(ticks, ticks.sorted(by: >), "the countdown only goes down: \(ticks)")
        XCTAssertLessThan(ticks[2], ticks[0], "a second passes between ticks: \(ticks)")
    }

    func testCancellingTheCallerDuringAPendingTransferDebitsOnce() async throws {
        let sara = try customer("sara.ahmadi")
        let card = try XCTUnwrap(sara.cards.first)
        let (flow, _, pin) = try await authorizedTransfer(amount: "3000000")
        let states = Recorder<CardTransferState>()
        await states.record(try flow.states())
        let before = try await totalBalance(of: sara)
        try bank.arm("delay", on: "card_transfer_create", delayMilliseconds: 1500)

        let caller = Task { try await flow.submit(pin: pin, cvv2: card.cvv2, expiry: card.expiry) }
        try await Task.sleep(nanoseconds: 300_000_000)
        caller.cancel()

        let outcome = try await states.wait { if case .succeeded = $0 { return true } else { return false } }
        guard case let .succeeded(_, receipt) = outcome else { throw Unexpected(outcome) }
        _ = await caller.result
        // The customer taps Pay again: the journey is over, nothing is sent twice.
        _ = try? await flow.submit(pin: pin, cvv2: card.cvv2, expiry: card.expiry)
        _ = try? await flow.resolve()
        let after = try await totalBalance(of: sara)
        XCTAssertEqual(before - after, Int64(receipt.totalDebitedRials), "debited exactly once")
        await states.stop()
    }

    func testALostReplyIsResolvedThroughTheBankNotSentAgain() async throws {
        let sara = try customer("sara.ahmadi")
        let card = try XCTUnwrap(sara.cards.first)
        let (flow, _, pin) = try await authorizedTransfer(amount: "4000000")
        let before = try await totalBalance(of: sara)
        try bank.arm("drop_after_commit", on: "card_transfer_create")

        var outcome = try await flow.submit(pin: pin, cvv2: card.cvv2, expiry: card.expiry)
        if case .pending = outcome { outcome = try await flow.resolve() }
        guard case let .succeeded(_, receipt) = outcome else { throw Unexpected(outcome) }
        let after = try await totalBalance(of: sara)
        XCTAssertEqual(before - after, Int64(receipt.totalDebitedRials), "committed once, reported once")
    }

    func testAWrongPinKeepsTheJourneyAtAuthorizeWithAProblem() async throws {
        let sara = try customer("sara.ahmadi")
        let card = try XCTUnwrap(sara.cards.first)
        let (flow, _, pin) = try await authorizedTransfer(amount: "1000000")
        let wrong = String(pin.reversed()) == pin ? "000000" : String(pin.reversed())
        let before = try await totalBalance(of: sara)
        let state = try await flow.submit(pin: wrong, cvv2: card.cvv2, expiry: card.expiry)
        switch state {
        case .authorize(_, _, let problem?), .failed(let problem, _):
            XCTAssertFalse(problem.messageFa.isEmpty)
            XCTAssertFalse(problem.messageEn.contains(wrong), "messages never echo the PIN")
        default:
            XCTFail("a wrong PIN must not pay: \(state)")
        }
        let after = try await totalBalance(of: sara)
        XCTAssertEqual(before, after, "nothing was debited")
    }
}

/// A journey reached a state the test did not expect.
struct Unexpected<State: Sendable>: Error, CustomStringConvertible {
    let state: State
    init(_ state: State) { self.state = state }
    var description: String { "unexpected state: \(state)" }
}
