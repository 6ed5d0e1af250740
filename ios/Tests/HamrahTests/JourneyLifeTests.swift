import Foundation
import Hamrah
import XCTest

/// The journeys' life, owned by the Swift package: restored at open after the app was killed
/// (Hamrah opened again on the same data), kept when the screen opens again, finished after
/// the receipt; what each step offers (the core's view); a card blocked over HTTPS.
final class JourneyLifeTests: BankTestCase {
    private static func hasPersianDigit(_ text: String) -> Bool {
        text.unicodeScalars.contains { (0x06F0...0x06F9).contains($0.value) }
    }

    /// Waits (at most ten seconds) until `model`'s view satisfies `done`.
    @MainActor
    private static func view<F>(of model: JourneyModel<F>, until done: (StepView) -> Bool) async throws -> StepView {
        let deadline = Date().addingTimeInterval(10)
        while Date() < deadline {
            if done(model.view) { return model.view }
            try await Task.sleep(nanoseconds: 50_000_000)
        }
        throw RecorderTimeout(seen: 0)
    }

    func testACardTransferIsRestoredAfterTheAppWasKilledThenFinishedAfterTheReceipt() async throws {
        let sara = try await logIn("sara.ahmadi")
        let (bank, phone, seed) = (self.bank!, self.phone!, self.seed!)
        try await Task { @MainActor in
            let card = try XCTUnwrap(sara.cards.first)
            let destination = try XCTUnwrap(seed.otherBankCards.first { $0.creditable ?? true })
            let first = CardTransferModel(transfers: phone.hamrah.cardTransfers())
            await first.open().value
            guard case let .chooseSource(cards)? = first.state, let source = cards.first else {
                throw Unexpected(first.state)
            }
            XCTAssertTrue(source.labelFa.contains(source.panMasked), "the core's label")
            await first.chooseSource(source.cardId).value
            await first.enterDestination(destination.pan).value
            await first.confirmHolder(true).value
            await first.enterAmount("۱٬۵۰۰٬۰۰۰").value
            guard case .authorize? = first.state else { throw Unexpected(first.state) }
            let flowId = try XCTUnwrap(first.flow?.flowId())
            await first.open().value
            XCTAssertEqual(first.flow?.flowId(), flowId, "opened again: the same journey")

            // The app is killed; it opens again on the same data and logs in again.
            let again = try await phone.reopened(talkingTo: bank)
            try await again.logIn(sara, bank: bank)
            let model = CardTransferModel(transfers: again.hamrah.cardTransfers())
            await model.open().value
            XCTAssertEqual(model.flow?.flowId(), flowId, "the journey saved last is restored")
            guard case let .authorize(payment, _, _)? = model.state else { throw Unexpected(model.state) }
            XCTAssertEqual(payment.amountRials, 1_500_000)
            let offeredView = try await Self.view(of: model) { $0.pin != nil }
            let offered = try XCTUnwrap(offeredView.pin)
            XCTAssertTrue(offered.requestPin.enabled)
            XCTAssertFalse(offered.payWithSmsPin.enabled, "no PIN yet: nothing to pay with")

            await model.requestPin().value
            let countingView = try await Self.view(of: model) { ($0.pin?.secondsLeft ?? 0) > 0 }
            let counting = try XCTUnwrap(countingView.pin)
            XCTAssertFalse(counting.requestPin.enabled, "no second PIN while one is valid")
            XCTAssertTrue(Self.hasPersianDigit(counting.requestPin.labelFa), counting.requestPin.labelFa)
            XCTAssertTrue(counting.payWithSmsPin.enabled)

            await model.payWithSmsPin(pin: try bank.latestCode(to: sara.mobile), cvv2: card.cvv2, expiry: card.expiry).value
            guard case let .succeeded(_, receipt)? = model.state else { throw Unexpected(model.state) }
            let ended = try await Self.view(of: model) { $0.receipt != nil }
            let shown = try XCTUnwrap(ended.receipt)
            XCTAssertTrue(shown.lines.contains { $0.valueFa == persianDigits(text: receipt.traceNumber) }, "\(shown.lines)")
            XCTAssertTrue(shown.shareTextFa.hasPrefix(shown.titleFa))
            XCTAssertNotNil(ended.finish)
            XCTAssertNil(ended.cancel)

            await model.finish().value
            XCTAssertNil(model.flow)
            let none = try await again.hamrah.cardTransfers().restoreLatest()
            XCTAssertNil(none, "a finished journey is forgotten")
            await model.open().value
            guard case .chooseSource? = model.state else { throw Unexpected(model.state) }
            again.uninstall()
        }.value
    }

    func testACardBlockedOverHttpsIsShownBlockedOnHome() async throws {
        _ = try await logIn("reza.karimi")
        let phone = self.phone!
        try await Task { @MainActor in
            let model = CardBlockModel(blocks: phone.hamrah.accounts())
            await model.open().value
            guard case let .chooseCard(cards, reasons)? = model.state, let card = cards.first else {
                throw Unexpected(model.state)
            }
            XCTAssertEqual(reasons.first?.nameFa, "مفقودی")
            await model.choose(cardId: card.cardId, reason: .stolen).value
            guard case let .confirm(order, nil)? = model.state else { throw Unexpected(model.state) }
            XCTAssertEqual(order.reasonFa, "سرقت")
            await model.confirm().value
            guard case .blocked? = model.state else { throw Unexpected(model.state) }
            let receiptView = try await Self.view(of: model) { $0.receipt != nil }
            let receipt = try XCTUnwrap(receiptView.receipt)
            XCTAssertTrue(receipt.lines.contains { $0.valueFa == "سرقت" })
            await model.finish().value

            let home = HomeModel(accounts: phone.hamrah.accounts())
            await home.refresh().value
            let shown = try XCTUnwrap(home.overview?.cards.first { $0.cardId == card.cardId })
            XCTAssertEqual(shown.status, .blocked)
            XCTAssertEqual(shown.statusFa, "مسدود")
            XCTAssertFalse(shown.usable)
        }.value
    }

    func testTheBillsPinButtonCountsDownAndTheSoftTokenIsOffered() async throws {
        let sara = try await logIn("sara.ahmadi")
        let (bank, phone, seed) = (self.bank!, self.phone!, self.seed!)
        try await Task { @MainActor in
            let card = try XCTUnwrap(sara.cards.first)
            let overview = try await phone.hamrah.accounts().overview()
            let cardId = try XCTUnwrap(overview.cards.first?.cardId)
            let activation = try await phone.hamrah.token().activate(cardId: cardId)
            try await activation.confirm(code: try bank.latestCode(to: sara.mobile))

            let bill = try XCTUnwrap(seed.bills.first { !$0.paid })
            let model = BillPaymentModel(bills: phone.hamrah.bills())
            await model.open().value
            await model.enterBill(billId: bill.billId, paymentId: bill.paymentId).value
            guard case let .chooseSource(_, sources, _)? = model.state else { throw Unexpected(model.state) }
            let source = try XCTUnwrap(sources.compactMap { if case let .card(id, _, _, label) = $0 { (id, label) } else { nil } }.first)
            await model.chooseSource(source.0).value
            guard case .authorize? = model.state else { throw Unexpected(model.state) }
            let offeredView = try await Self.view(of: model) { $0.pin != nil }
            let offered = try XCTUnwrap(offeredView.pin)
            XCTAssertNotNil(offered.payWithSoftToken, "the phone holds the card's soft token")
            XCTAssertTrue(offered.requestPin.enabled, "the SMS PIN is offered too")

            await model.requestPin().value
            let tickView = try await Self.view(of: model) { ($0.pin?.secondsLeft ?? 0) > 0 }
            let firstTick = try XCTUnwrap(tickView.pin).secondsLeft
            let laterView = try await Self.view(of: model) { (1..<firstTick).contains($0.pin?.secondsLeft ?? 0) }
            let later = try XCTUnwrap(laterView.pin)
            XCTAssertLessThan(later.secondsLeft, firstTick, "the button counts down")
            XCTAssertFalse(later.requestPin.enabled)

            await model.payWithSoftToken(cvv2: card.cvv2, expiry: card.expiry).value
            guard case let .succeeded(_, receipt)? = model.state else { throw Unexpected(model.state) }
            XCTAssertEqual(receipt.sourceKind, "card")
            await model.finish().value
            let none = try await phone.hamrah.bills().restoreLatest()
            XCTAssertNil(none)
        }.value
    }

    func testAShebaTransferIsRestoredAtItsConfirmationThenPaidWithTheBanksPin() async throws {
        let sara = try await logIn("sara.ahmadi")
        let (bank, phone, seed) = (self.bank!, self.phone!, self.seed!)
        try await Task { @MainActor in
            let sheba = try XCTUnwrap(seed.otherBankShebas.first)
            let first = ShebaTransferModel(transfers: phone.hamrah.shebaTransfers())
            await first.open().value
            guard case let .chooseSource(accounts)? = first.state, let source = accounts.first else {
                throw Unexpected(first.state)
            }
            XCTAssertTrue(source.labelFa.hasPrefix(source.titleFa), "the core's label")
            await first.chooseSource(source.accountId).value
            await first.enterSheba(sheba.lowercased()).value
            await first.confirmHolder(true).value
            await first.enterAmount("2000000").value
            guard case .confirm? = first.state else { throw Unexpected(first.state) }

            let again = try await phone.reopened(talkingTo: bank)
            try await again.logIn(sara, bank: bank)
            let model = ShebaTransferModel(transfers: again.hamrah.shebaTransfers())
            await model.open().value
            guard case .confirm? = model.state else { throw Unexpected(model.state) }
            await model.requestPin().value
            let counting = try await Self.view(of: model) { ($0.pin?.secondsLeft ?? 0) > 0 }
            XCTAssertEqual(counting.pin?.payWithSmsPin.enabled, true)
            await model.payWithSmsPin(try bank.latestCode(to: sara.mobile)).value
            guard case .succeeded? = model.state else { throw Unexpected(model.state) }
            let ended = try await Self.view(of: model) { $0.receipt != nil }
            XCTAssertTrue(ended.receipt?.titleFa.contains("پایا") ?? false)
            await model.finish().value
            let none = try await again.hamrah.shebaTransfers().restoreLatest()
            XCTAssertNil(none)
            again.uninstall()
        }.value
    }
}
